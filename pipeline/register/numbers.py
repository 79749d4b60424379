"""Ordinal numbers as UN documents write them ("Seventy-seventh session", "46th plenary meeting"), both
ways, from one table of number words.

    >>> ordinal_number("Seventy-seventh")
    77
    >>> ordinal_words(77)
    'Seventy-seventh'
    >>> ordinal_suffixed(23)
    '23rd'
"""

from __future__ import annotations

import re

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENTHS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_ORDINAL_SUFFIX = re.compile(r"^(\d{1,4})(?:st|nd|rd|th)$")
_UNIT_WORDS = {n: w for w, n in _UNITS.items()}
_TEN_WORDS = {n: w for w, n in _TENS.items()}
_TENTH_WORDS = {n: w for w, n in _TENTHS.items()}


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


def ordinal_words(n: int) -> str:
    """77 → 'Seventy-seventh', 20 → 'Twentieth', 5 → 'Fifth' (1 to 99)."""
    if n < 20:
        word = _UNIT_WORDS[n]
    elif n % 10 == 0:
        word = _TENTH_WORDS[n]
    else:
        word = f"{_TEN_WORDS[n - n % 10]}-{_UNIT_WORDS[n % 10]}"
    return word[0].upper() + word[1:]


def ordinal_suffixed(n: int) -> str:
    """23 → '23rd', 11 → '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
