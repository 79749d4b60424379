"""The English words the General Assembly prints, with how often its own XML prints each
(``words.csv``, built by tools/build_words.py from the UN's Akoma Ntoso of sessions 75–78).

    >>> frequency("resolution") > frequency("upon") > frequency("broad") > 0
    True
    >>> frequency("tariat")
    0
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def _counts() -> dict[str, int]:
    with resources.files("pipeline.register").joinpath("words.csv").open(encoding="utf-8") as f:
        return {row["word"]: int(row["count"]) for row in csv.DictReader(f)}


def frequency(word: str) -> int:
    """How often the UN's texts print the word, as written (0 when never or rarely)."""
    return _counts().get(word, 0)
