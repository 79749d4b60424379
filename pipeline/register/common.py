"""Small readers shared by the parsers: dates and ordinal words as UN documents print them.

    >>> parse_date("7 December 2022")
    datetime.date(2022, 12, 7)
    >>> ordinal_number("Seventy-seventh")
    77
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
DATE = r"\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}"
_DATE = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})$")

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_TENTHS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
_ORDINAL_SUFFIX = re.compile(r"^(\d{1,4})(?:st|nd|rd|th)$")
COMMITTEES = {
    "First Committee": 1,
    "Second Committee": 2,
    "Third Committee": 3,
    "Fourth Committee": 4,
    "Special Political and Decolonization Committee (Fourth Committee)": 4,
    "Special Political and Decolonization Committee": 4,
    "Fifth Committee": 5,
    "Sixth Committee": 6,
}
COMMITTEE_NAMES = {1: "First Committee", 2: "Second Committee", 3: "Third Committee",
                   4: "Fourth Committee", 5: "Fifth Committee", 6: "Sixth Committee"}


def parse_date(text: str) -> dt.date | None:
    m = _DATE.match(" ".join(text.split()))
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def ordinal_number(word: str) -> int | None:
    """'Seventy-seventh' → 77, 'fifth' → 5, '31st' → 31."""
    w = word.strip().lower()
    m = _ORDINAL_SUFFIX.match(w)
    if m:
        return int(m.group(1))
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENTHS:
        return _TENTHS[w]
    if "-" in w:
        tens, unit = w.split("-", 1)
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS[tens] + _UNITS[unit]
    return None


def committee_name(text: str) -> str | None:
    """The canonical name of a Main Committee named in a text, or None."""
    for name, number in COMMITTEES.items():
        if name in text:
            return COMMITTEE_NAMES[number]
    return None
