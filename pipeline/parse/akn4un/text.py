"""The text of AKN4UN elements: namespaces, an element's text with its footnotes (``authorialNote``)
replaced by mark tokens and recorded where they stand, and the citations of a text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from lxml import etree

from pipeline.inputs import clean, mark
from pipeline.model import Citation
from pipeline.parse import footnotes
from pipeline.parse.citations import citations
from pipeline.register.akn4un import AKN, AKN4UN
from pipeline.symbols import Symbol, SymbolError

NS = {"a": AKN, "u": AKN4UN}


def q(name: str) -> str:
    """The qualified tag of an Akoma Ntoso element."""
    return f"{{{AKN}}}{name}"


def local(element: etree._Element) -> str:
    """An element's local name ("" for a processing instruction or the like)."""
    tag = element.tag
    return _local(tag) if isinstance(tag, str) else ""


@cache
def _local(tag: str) -> str:
    """``{namespace}name`` → ``name``, once per tag (an element's own QName was 2% of a build)."""
    return tag.rpartition("}")[2]


@dataclass
class Notes:
    """What reading a statement met: its footnotes, each with the eId of the (sub)paragraph its mark
    stands in, and every element whose text went into the model (for the coverage figure)."""

    found: list[footnotes.Note] = field(default_factory=list)
    read: set[etree._Element] = field(default_factory=set)

    def add(self, note: etree._Element, anchored_in: str) -> str:
        marker = (note.get("marker") or str(len(self.found) + 1)).strip()
        text = marked_text(note, None, "")
        self.read.update(note.iter())
        self.found.append(footnotes.Note(marker, text, note.sourceline, cites(note, text), at=anchored_in))
        return marker

    def take(self, element: etree._Element) -> str:
        """An element's whole text (a heading, a number), marked as read."""
        self.read.update(element.iter())
        return clean("".join(element.itertext()))


def marked_text(
    element: etree._Element,
    notes: Notes | None,
    anchored_in: str,
    skip: tuple[str, ...] = (),
    skip_own: tuple[str, ...] = (),
) -> str:
    """The text of an element with footnotes replaced by mark tokens (and recorded in ``notes``);
    ``skip`` leaves out elements at any depth, ``skip_own`` only the element's own children."""
    return clean(_raw_text(element, notes, anchored_in, skip, skip_own))


def table_text(element: etree._Element, notes: Notes | None, anchored_in: str) -> str:
    """The text of an element that holds a table: each row's cells split by " | ", rows by " ; "."""
    rows: list[str] = []
    if notes is not None:
        notes.read.update(e for e in element.iter() if local(e) in ("table", "tr", "container"))
    for row in element.iter(q("tr")):
        rows.append(" | ".join(c for c in row_cells(row, notes, anchored_in) if c))
    return " ; ".join(r for r in rows if r)


def row_cells(row: etree._Element, notes: Notes | None, anchored_in: str) -> list[str]:
    """The text of each cell of a table row (``td`` or ``th``), empty cells included."""
    return [marked_text(cell, notes, anchored_in) for cell in row if local(cell) in ("td", "th")]


def _raw_text(
    element: etree._Element,
    notes: Notes | None,
    anchored_in: str,
    skip: tuple[str, ...],
    skip_own: tuple[str, ...] = (),
) -> str:
    if notes is not None:
        notes.read.add(element)
    parts: list[str] = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "authorialNote":
            if notes is not None:
                parts.append(mark(notes.add(child, anchored_in)))
        elif name == "eol":
            parts.append(" ")
        elif name and name not in skip and name not in skip_own:
            parts.append(_raw_text(child, notes, anchored_in, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def cites(element: etree._Element, text: str) -> tuple[Citation, ...]:
    """Citations read from the text (its footnotes as marks, which say what a number they follow
    is: "5/14" and the note "UNEP/EA.5/Res.14."), with what the UN's undocs.org links say they are.

    A link is the publisher's own word on what a number refers to: "including resolution 51/10" after
    "the resolutions adopted by the Human Rights Council" reads as a GA resolution from the words, but
    its link is A/HRC/RES/51/10, so that is the citation. Links the text does not cover are added."""
    notes = {
        (note.get("marker") or "").strip(): clean("".join(note.itertext()))
        for note in element.iter(q("authorialNote"))
        if note is not element
    }
    linked: dict[str, Symbol] = {}  # the link's text → its symbol
    for a in element.iter(q("a")):
        if any(local(x) == "authorialNote" for x in a.iterancestors()) and local(element) != "authorialNote":
            continue  # a link in a footnote is the footnote's citation
        href = a.get("href") or ""
        m = re.match(r"^https?://undocs\.org/(?:[a-z]{2}/)?(.+)$", href)
        if not m:
            continue
        # "A/RES/76/84a-b" links the lettered resolutions 76/84 A and B: the text names them
        target = re.sub(r"^(A/RES/[^/]+/\d+)[a-z](?:-[a-z])*$", r"\1", m.group(1))
        try:
            linked.setdefault(clean("".join(a.itertext())), Symbol.parse(target))
        except SymbolError:
            continue
    found = []
    for c in citations(text, notes):
        link = linked.get(c.as_written.strip())
        if link is not None and link.kind is not c.symbol.kind and link.base.text.split(" ")[0] != c.symbol.text:
            found.append(Citation(link, c.as_written))  # the link says what kind of document it is
        else:
            found.append(c)
    covered = {c.symbol.base.text.split(" ")[0] for c in found} | {c.symbol.text for c in found}
    for written, symbol in linked.items():
        if symbol.text.split(" ")[0] not in covered:
            covered.add(symbol.text)
            found.append(Citation(symbol, written))
    unique: dict[Symbol, Citation] = {}
    for c in found:
        unique.setdefault(c.symbol, c)  # the first mention of each document, in reading order
    return tuple(unique.values())
