"""Footnote marks in text that cannot show superscripts: the digit printed after a word ("report,1",
"2013 2") turned into the mark token, for the normalisers whose page layer does not see it."""

from __future__ import annotations

import re

from pipeline.inputs import mark

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_BEFORE_MARK = re.compile(
    r"\b(?:paragraphs?|para\.|paras\.|items?|No\.|resolutions?|decisions?|chapters?|annex|articles?|rules?|"
    r"sections?|pages?|and|or|of|to|from|by|with|between|than|at|under|in|on)$",
    re.I,
)
_NOT_AFTER_MARK = re.compile(
    rf"^(?:{_MONTHS}|per|%|years?|days?|weeks?|months?|times|States|members|million|billion|thousand)\b"
)
_AFTER_PUNCTUATION = re.compile(r"[,;:)”’\"]$")


def place_mark(texts: list[str], candidates: list[int], marker: str) -> bool:
    """Replace the first plausible ``marker`` digits in ``texts[i]`` (i in ``candidates``, in order)
    by the mark token: first a digit glued to a word or punctuation, then one standing alone after a
    word that a number does not follow ("paragraph 2" is no mark) — after punctuation first
    ("kidnapped, 11 and" before "of which 11 resulted") —, then one after any word, and last the
    page's only standalone ``marker`` digits whatever follows them ("2003, 26 States": the note is on
    the page, so its mark is). Returns whether one was found."""
    digits = re.escape(marker)
    # glued to a word, to punctuation, or to a year (English prints no five-digit number without its
    # comma: "2014–20242" is 2024 and mark 2), or between two words where the layer lost the spaces
    glued = re.compile(
        rf"(?:(?<=[a-z,;:)”’\"])|(?<=(?<![\d,.])(?:19|20)\d\d))({digits})(?![\d/.,]\d)(?=[\s,;.]|$)"
        rf"|(?<=[a-z]{{3}})({digits})(?=[a-z]{{2}})"
    )
    standalone = re.compile(rf"(?<=\S) ({digits})(?=[\s,;.]|$)")
    for i in candidates:
        m = glued.search(texts[i])
        if m:
            at = 1 if m.group(1) is not None else 2  # between two words, the space the layer lost comes back
            texts[i] = texts[i][: m.start(at)] + mark(marker) + " " * (at - 1) + texts[i][m.end(at) :]
            return True
    for punctuated in (True, False):
        for i in candidates:
            text = texts[i]
            for m in standalone.finditer(text):
                before = text[: m.start()].split()
                after = text[m.end() :].strip()
                if (
                    before
                    and (not punctuated or _AFTER_PUNCTUATION.search(before[-1]))
                    and not _NOT_BEFORE_MARK.search(before[-1])
                    and not _NOT_AFTER_MARK.match(after)
                ):
                    texts[i] = text[: m.start()] + mark(marker) + text[m.end() :]
                    return True
    # the note is on this page, so its mark is too: last, digits after any word ("the decisions 11 to")
    for i in candidates:
        text = texts[i]
        for m in standalone.finditer(text):
            if not _NOT_AFTER_MARK.match(text[m.end() :].strip()):
                texts[i] = text[: m.start()] + mark(marker) + text[m.end() :]
                return True
    found = [(i, m) for i in candidates for m in standalone.finditer(texts[i])]
    if len(found) == 1:
        i, m = found[0]
        texts[i] = texts[i][: m.start()] + mark(marker) + texts[i][m.end() :]
        return True
    return False
