"""How much of a statement's body text the model holds: the coverage figure, and the blocks not read.

Every element whose text the reader took is recorded as it reads (``Notes.read``); what is left is
text of the file that is not in the model, reported block by block with its line.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.inputs import clean
from pipeline.model import Coverage
from pipeline.parse.akn4un.text import Notes, local

_SPACE = re.compile(r"\s+")


def measure(element: etree._Element, notes: Notes) -> tuple[Coverage, list[etree._Element]]:
    """Characters of body text the reading took ÷ characters of body text in the statement (spaces
    left out; the body is the preamble, the operative part, the annexes and their footnotes), with the
    blocks whose text was not taken."""
    read = total = 0
    missed: dict[etree._Element, int] = {}
    for part in element:
        if local(part) not in ("preamble", "mainBody", "attachments"):
            continue
        for e in part.iter():
            if not isinstance(e.tag, str) or local(e) in ("meta", "decoration"):
                continue  # a decoration ("* * *") is an ornament between parts, not text
            if any(local(a) == "meta" for a in e.iterancestors()):
                continue
            own = _chars(e.text) + sum(_chars(c.tail) for c in e)
            total += own
            if e in notes.read:
                read += own
            elif own:
                block = _block_of(e)
                missed[block] = missed.get(block, 0) + own
    listed = tuple((b.sourceline, f"<{local(b)}> {clean(''.join(b.itertext()))[:80]}") for b in missed)
    return Coverage(read, total, listed), list(missed)


def _chars(text: str | None) -> int:
    return len(_SPACE.sub("", text)) if text else 0


def _block_of(e: etree._Element) -> etree._Element:
    """The nearest block that holds an element: what a report of unmapped text names."""
    named = ("paragraph", "container", "crossHeading", "subheading", "heading", "tr", "formula", "authorialNote")
    for a in (e, *e.iterancestors()):
        if local(a) in named:
            return a
    return e
