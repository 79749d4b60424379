"""How much of a statement's body text the model holds: the coverage figure, and the blocks not read.

Every element whose text the reader took is recorded as it reads (``Notes.read``); what is left is
text of the file that is not in the model, reported block by block with its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import clean
from pipeline.model import Coverage
from pipeline.parse.akn4un.text import Notes, local


def measure(element: etree._Element, notes: Notes, path: str) -> tuple[Coverage, list[Diagnostic]]:
    """Characters of body text the reading took ÷ characters of body text in the statement (spaces
    left out; the body is the preamble, the operative part, the annexes and their footnotes), and an
    ``akn.unmapped`` warning for each block whose text was not taken."""
    read = total = 0
    missed: dict[etree._Element, int] = {}
    for part in element:
        if local(part) not in ("preamble", "mainBody", "attachments"):
            continue
        for e in _body(part):
            own = _chars(e.text) + sum(_chars(c.tail) for c in e)
            total += own
            if e in notes.read:
                read += own
            elif own:
                block = _block_of(e)
                missed[block] = missed.get(block, 0) + own
    listed: list[tuple[int | None, str]] = []
    diags: list[Diagnostic] = []
    for block in missed:
        text = clean("".join(block.itertext()))
        listed.append((block.sourceline, f"<{local(block)}> {text[:80]}"))
        diags.append(diagnostic("akn.unmapped", path, block.sourceline, element=local(block), text=text))
    return Coverage(read, total, tuple(listed)), diags


def _body(element: etree._Element) -> Iterator[etree._Element]:
    """An element and its descendants, in document order, without metadata (an annex's ``meta``) or
    decorations ("* * *": an ornament between parts, not text)."""
    yield element
    for child in element:
        if isinstance(child.tag, str) and local(child) not in ("meta", "decoration"):
            yield from _body(child)


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0  # str.split's white space is the pattern \s


_NAMED = frozenset(
    {"paragraph", "container", "crossHeading", "subheading", "heading", "tr", "formula", "authorialNote"}
)


def _block_of(e: etree._Element) -> etree._Element:
    """The nearest block that holds an element: what a report of unmapped text names."""
    for a in (e, *e.iterancestors()):
        if local(a) in _NAMED:
            return a
    return e
