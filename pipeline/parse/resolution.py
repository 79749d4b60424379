"""The body of a resolution or draft: preamble, operative part, sub-paragraphs, footnotes, and the
adoption footer ("46th plenary meeting 7 December 2022").

``body(blocks)`` works on any run of blocks that starts at (or before) the formula "The General
Assembly,", so a draft embedded in a committee report is read by the same code. It never refuses:
a block it cannot place becomes a generic paragraph text and a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, is_complete, marks_in, strip_marks
from pipeline.model import Footnote, OperativeParagraph, PreambularParagraph, SubParagraph
from pipeline.parse import footnotes
from pipeline.parse.citations import citations
from pipeline.parse.phrases import operative_clause, preambular_clause
from pipeline.register.dates import DATE, parse_date

FORMULA = re.compile(r"^The General Assembly,?\s*$")
_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(.*)$", re.S)
_NUMBERED_SUB = re.compile(r"^(\d{1,3})\.(\d{1,3})\.\s+(.*)$", re.S)
_LETTERED_SUB = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)\s+(.*)$", re.S)
_FOOTER = re.compile(rf"^(\d{{1,3}})(?:st|nd|rd|th) plenary meeting\s*(?:({DATE}))?\.?$")


@dataclass(frozen=True)
class Body:
    preamble: tuple[PreambularParagraph, ...] = ()
    operative: tuple[OperativeParagraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    meeting: int | None = None
    meeting_date: dt.date | None = None
    formula_line: int | None = None
    formula: str | None = None  # as printed: "The General Assembly,"
    last_line: int | None = None
    incomplete_end: Block | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass
class _Op:
    """An operative paragraph being built (sub-paragraphs arrive after it)."""

    number: str | None
    text: str
    line: int
    heading: str | None
    subs: list[SubParagraph] = field(default_factory=list)


def body(blocks: list[Block], path: str | None = None) -> Body:
    preamble: list[PreambularParagraph] = []
    diags: list[Diagnostic] = []
    ops: list[_Op] = []
    notes: list[Block] = []
    heading: str | None = None
    meeting: int | None = None
    meeting_date: dt.date | None = None
    formula_line: int | None = None
    formula: str | None = None
    last_line: int | None = None
    for block in blocks:
        if block.footnote is not None:
            notes.append(block)
            continue
        text = block.text
        last_line = block.line
        if FORMULA.match(text):
            if formula_line is None:
                formula_line, formula = block.line, strip_marks(text)
            continue
        footer = _FOOTER.match(strip_marks(text))
        if footer:
            meeting = int(footer.group(1))
            meeting_date = parse_date(footer.group(2)) if footer.group(2) else None
            continue
        numbered_sub = _NUMBERED_SUB.match(text)
        if numbered_sub and ops and ops[-1].number == numbered_sub.group(1):
            number = f"{numbered_sub.group(1)}.{numbered_sub.group(2)}"
            ops[-1].subs.append(_sub(number, numbered_sub.group(3), ops[-1], block.line))
            continue
        operative = _OPERATIVE.match(text)
        if operative:
            ops.append(_Op(operative.group(1), operative.group(2), block.line, heading))
            heading = None
            continue
        lettered = _LETTERED_SUB.match(text)
        if lettered and ops:
            ops[-1].subs.append(_sub(f"({lettered.group(1)})", lettered.group(2), ops[-1], block.line))
            continue
        if not ops:
            preambular, found = _preambular(len(preamble) + 1, text, block.line, path)
            preamble.append(preambular)
            diags += found
            continue
        if not is_complete(text) and len(text) < 200:
            heading = text  # an unnumbered heading inside the operative part
            continue
        diags.append(diagnostic("parse.generic-block", path, block.line, text=text))
        ops[-1].text += " " + text
    incomplete_end = None
    if ops and not is_complete(ops[-1].subs[-1].text if ops[-1].subs else ops[-1].text):
        incomplete_end = Block(ops[-1].text, ops[-1].line)
    operative_part: list[OperativeParagraph] = []
    for i, op in enumerate(ops, 1):
        paragraph, found = _operative(i, op, path)
        operative_part.append(paragraph)
        diags += found
    notes_found = [footnotes.Note(n.footnote or "?", n.text, n.line, citations(n.text)) for n in notes]
    # the footnotes with the eId of the (sub)paragraph where each one's first mark stands
    anchored, missing = footnotes.anchor(
        notes_found, footnotes.places(preamble, operative_part), path, footnotes.Repeated.LINE
    )
    return Body(
        preamble=tuple(preamble),
        operative=tuple(operative_part),
        footnotes=tuple(anchored),
        meeting=meeting,
        meeting_date=meeting_date,
        formula_line=formula_line,
        formula=formula,
        last_line=last_line,
        incomplete_end=incomplete_end,
        diagnostics=(*diags, *missing),
    )


def _preambular(ordinal: int, text: str, line: int, path: str | None) -> tuple[PreambularParagraph, list[Diagnostic]]:
    plain = strip_marks(text)
    (phrase, key), found = preambular_clause(plain, ordinal, path, line)
    paragraph = PreambularParagraph(
        ordinal=ordinal,
        eid=f"preamble_{ordinal}",
        phrase=phrase,
        verb=key,
        text=plain,
        citations=citations(text),
        footnote_marks=tuple(marks_in(text)),
        line=line,
    )
    return paragraph, found


def _sub(number: str, text: str, parent: _Op, line: int) -> SubParagraph:
    key = number.strip("()")
    return SubParagraph(
        number=number,
        eid=f"para_{parent.number}__subpara_{key}",
        text=strip_marks(text),
        citations=citations(text),
        footnote_marks=tuple(marks_in(text)),
        line=line,
    )


def _operative(ordinal: int, op: _Op, path: str | None) -> tuple[OperativeParagraph, list[Diagnostic]]:
    plain = strip_marks(op.text)
    (phrase, key), found = operative_clause(plain, op.number, ordinal, path, op.line)
    paragraph = OperativeParagraph(
        ordinal=ordinal,
        number=op.number,
        eid=f"para_{op.number}",
        phrase=phrase,
        verb=key,
        text=plain,
        subparagraphs=tuple(op.subs),
        citations=citations(op.text),
        footnote_marks=tuple(marks_in(op.text)),
        heading=op.heading,
        line=op.line,
    )
    return paragraph, found
