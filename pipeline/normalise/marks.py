"""Footnote marks in text that cannot show superscripts: the digit printed after a word ("report,1",
"2013 2") turned into the mark token, for the normalisers whose page layer does not see it."""

from __future__ import annotations

import re

from pipeline.inputs import mark

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_BEFORE_MARK = re.compile(
    r"(?:paragraphs?|para\.|paras\.|items?|No\.|resolutions?|decisions?|chapters?|annex|articles?|rules?|"
    r"sections?|pages?|and|or|of|to|from|by|with|between|than|at|under|in|on)$",
    re.I,
)
_NOT_AFTER_MARK = re.compile(rf"^(?:{_MONTHS}|per|%|years?|days?|weeks?|months?|times|States|members)\b")


def place_mark(texts: list[str], candidates: list[int], marker: str) -> bool:
    """Replace the first plausible ``marker`` digits in ``texts[i]`` (i in ``candidates``, in order)
    by the mark token: first a digit glued to a word or punctuation, then one standing alone after a
    word that a number does not follow ("paragraph 2" is no mark), then one after any word. Returns
    whether one was found."""
    digits = re.escape(marker)
    glued = re.compile(rf"(?<=[a-z,;:)”’\"])({digits})(?![\d/.,]\d)(?=[\s,;.]|$)")
    standalone = re.compile(rf"(?<=\S) ({digits})(?=\s|$)")
    for i in candidates:
        m = glued.search(texts[i])
        if m:
            texts[i] = texts[i][: m.start(1)] + mark(marker) + texts[i][m.end(1) :]
            return True
    for i in candidates:
        text = texts[i]
        for m in standalone.finditer(text):
            before = text[: m.start()].split()
            after = text[m.end() :].strip()
            if before and not _NOT_BEFORE_MARK.search(before[-1]) and not _NOT_AFTER_MARK.match(after):
                texts[i] = text[: m.start()] + mark(marker) + text[m.end() :]
                return True
    # the note is on this page, so its mark is too: last, digits after any word ("the decisions 11 to")
    for i in candidates:
        text = texts[i]
        for m in standalone.finditer(text):
            if not _NOT_AFTER_MARK.match(text[m.end() :].strip()):
                texts[i] = text[: m.start()] + mark(marker) + text[m.end() :]
                return True
    return False
