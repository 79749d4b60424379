"""The annexes of an AKN4UN statement (``attachments/attachment/doc``).

An annex is read block by block, in the file's order: each paragraph, heading, container or table row
becomes an ``AnnexParagraph`` with the file's own eId under the annex's (``annex_1__para_19``), so a
convention's articles and a declaration's paragraphs keep their place and their footnotes. Annexes
carry no preamble/operative structure of the resolution's kind: they are printed text, kept as printed.
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import marks_in, strip_marks
from pipeline.model import Annex, AnnexParagraph
from pipeline.parse.akn4un.text import NS, Notes, cites, local, marked_text, row_cells

# elements that only group blocks: read through them
_WRAPPERS = frozenset({"mainBody", "section", "hcontainer", "part", "chapter", "title", "division", "blockList"})
# blocks whose text is one paragraph of the annex
_BLOCKS = frozenset(
    {"paragraph", "container", "crossHeading", "subheading", "heading", "p", "blockContainer", "article", "point"}
)


def annexes(element: etree._Element, notes: Notes, path: str) -> tuple[list[Annex], list[Diagnostic]]:
    out: list[Annex] = []
    diags: list[Diagnostic] = []
    for doc in element.iterfind("a:attachments/a:attachment/a:doc", NS):
        ordinal = len(out) + 1
        eid = f"annex_{ordinal}"
        paragraphs: list[AnnexParagraph] = []
        body = doc.find("a:mainBody", NS)
        if body is not None:
            for block in _blocks(body):
                if local(block) == "tr":
                    paragraphs.append(_row(block, len(paragraphs) + 1, eid, notes))
                else:
                    paragraphs.append(_block(block, len(paragraphs) + 1, eid, notes))
        paragraphs = [p for p in paragraphs if p.text]
        seen: dict[str, int] = {}
        for i, p in enumerate(paragraphs):  # an eId the file gives twice gets a suffix the second time
            seen[p.eid] = seen.get(p.eid, 0) + 1
            if seen[p.eid] > 1:
                paragraphs[i] = dataclasses.replace(p, eid=f"{p.eid}__{seen[p.eid]}")
        if not paragraphs:
            diags.append(diagnostic("akn.empty-annex", path, doc.sourceline, annex=ordinal))
        out.append(Annex(ordinal, eid, annex_title(paragraphs), tuple(paragraphs), doc.sourceline))
    return out, diags


def _blocks(element: etree._Element) -> list[etree._Element]:
    """The blocks of an annex body in reading order: wrappers opened, tables by row."""
    found: list[etree._Element] = []
    for child in element:
        name = local(child)
        if not name:
            continue
        if name in _WRAPPERS:
            found += _blocks(child)
        elif name == "table":
            found += list(child.iter("{*}tr"))
        elif name == "container" and child.find("a:table", NS) is not None:
            found += _blocks(child)  # a container that holds a table: its rows, and any text around it
        elif name == "paragraph" and child.find("a:content/a:table", NS) is not None:
            found += list(child.iter("{*}tr"))
        else:
            found.append(child)
    return found


def _block(block: etree._Element, ordinal: int, annex: str, notes: Notes) -> AnnexParagraph:
    eid = f"{annex}__{_eid(block.get('eId')) or f'block_{ordinal}'}"
    num = block.find("a:num", NS)
    number = notes.take(num).rstrip(".") or None if num is not None else None
    text = marked_text(block, notes, eid, skip=("num",))
    heading = (block.get("class") or "").startswith("H") or local(block) in ("subheading", "heading", "crossHeading")
    plain = strip_marks(text)
    return AnnexParagraph(
        ordinal, eid, plain, number, heading, cites(block, text), tuple(marks_in(text)), block.sourceline
    )


def _row(row: etree._Element, ordinal: int, annex: str, notes: Notes) -> AnnexParagraph:
    """A table row: its cells' text, separated by " | "."""
    eid = f"{annex}__{_eid(row.get('eId')) or f'row_{ordinal}'}"
    notes.read.add(row)
    text = " | ".join(row_cells(row, notes, eid))
    plain = strip_marks(text)
    header = all(local(cell) == "th" for cell in row if local(cell))
    return AnnexParagraph(ordinal, eid, plain, None, header, cites(row, text), tuple(marks_in(text)), row.sourceline)


def _eid(written: str | None) -> str:
    """A file's eId as an IRI fragment: the characters eIds are made of, others as "_"."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", written or "")


def annex_title(paragraphs: list[AnnexParagraph]) -> str | None:
    """The headings an annex opens with, joined: "Annex: United Nations Convention on …"."""
    lead: list[str] = []
    for p in paragraphs:
        if not p.heading or p.number is not None:
            break
        lead.append(p.text)
    return ": ".join(lead[:2]) or None
