"""Dates as UN documents print them ("7 December 2022"), both ways.

>>> parse_date("7 December 2022")
datetime.date(2022, 12, 7)
>>> written(parse_date("7 December 2022"))
'7 December 2022'
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        1,
    )
}
MONTH_NAMES = {number: name for name, number in MONTHS.items()}
DATE = r"\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}"
_DATE = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})$")


def parse_date(text: str) -> dt.date | None:
    m = _DATE.match(" ".join(text.split()))
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def written(day: dt.date) -> str:
    """A date as the documents write it."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"
