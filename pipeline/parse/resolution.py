"""The body of a resolution or draft: preamble, operative part, sub-paragraphs, footnotes, the
adoption footer ("46th plenary meeting 7 December 2022"), and the annexes printed after it (each
opens with a block "Annex", "Annex I"; its blocks are kept as printed: numbered paragraphs, headings).

``body(blocks)`` works on any run of blocks that starts at (or before) the formula "The General
Assembly,", so a draft embedded in a committee report is read by the same code. It never refuses:
a block it cannot place becomes a generic paragraph text and a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, is_complete, marks_in, strip_marks
from pipeline.model import Annex, AnnexParagraph, Footnote, OperativeParagraph, PreambularParagraph, SubParagraph
from pipeline.parse import footnotes
from pipeline.parse.akn4un.attachments import annex_title
from pipeline.parse.citations import citations
from pipeline.parse.phrases import operative_clause, preambular_clause
from pipeline.register import clauses
from pipeline.register.dates import DATE, parse_date

FORMULA = re.compile(r"^The General Assembly,?\s*$")
_FORMULA_SENTENCE = re.compile(r"^The General Assembly,? [a-z]")
_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(.*)$", re.S)
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s+([A-Z].*)$", re.S)
_NUMBERED_SUB = re.compile(r"^(\d{1,3})\.(\d{1,3})\.\s+(.*)$", re.S)
_LETTERED_SUB = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)\s+(.*)$", re.S)
_SECTION = re.compile(r"^(?:[IVXL]{1,5}|[A-H])\.?\s+\S")  # "I Activities of …", "B. Ratification"
_ANNEX = re.compile(r"^(Annex(?:\s+[IVXL]{1,5}|\s+\d{1,2})?)(?:\s+([A-Z].*))?$", re.S)
_ANNEX_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*|\([a-z]{1,2}\)|[IVXL]{1,5})\.?\s+\S")
_FOOTER = re.compile(rf"^(\d{{1,3}})(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting\s*(?:({DATE}))?\.?$")


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
    annexes: tuple[Annex, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass
class _Op:
    """An operative paragraph being built (sub-paragraphs arrive after it)."""

    number: str | None
    text: str
    line: int
    heading: str | None
    subs: list[SubParagraph] = field(default_factory=list)
    lead: str | None = None  # the italic words it opens with, where the source shows them
    eid: str | None = None  # "para_1", "para_1__2" for the second paragraph 1 (in a second section)
    listing: bool = False  # it ends with a colon and what follows is printed as a table or list


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
    annex_blocks: list[list[Block]] = []
    texts: list[tuple[str, str | None]] = []  # each preambular paragraph as printed (marks kept), its lead
    texts_of = _notes_by_marker(blocks)
    for block in blocks:
        if block.footnote is not None:
            notes.append(block)
            continue
        text = block.text
        annex = _ANNEX.match(strip_marks(text)) if ops else None
        if annex and not (annex.group(2) and is_complete(annex.group(2))):
            # "Annex I", and the title when the source joined it to that line ("Annex Political declaration …")
            title = text[len(annex.group(1)) :].strip() if annex.group(2) else None
            annex_blocks.append([Block(annex.group(1), block.line)] + ([Block(title, block.line)] if title else []))
            continue
        if annex_blocks:
            annex_blocks[-1].append(block)
            continue
        last_line = block.line
        if formula_line is None and not ops and _FORMULA_SENTENCE.match(text):
            # a decision's one sentence: "The General Assembly, taking note of …, decides to …"
            formula_line, formula = block.line, None
            ops.append(_Op(None, text, block.line, heading, lead=block.lead))
            continue
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
            ops[-1].subs.append(_sub(number, numbered_sub.group(3), ops[-1], block.line, texts_of))
            continue
        operative = _OPERATIVE.match(text)
        bare = _BARE_NUMBER.match(text) if not operative and ops and ops[-1].number else None
        if bare and int(bare.group(1)) == int(ops[-1].number or 0) + 1 and clauses.operative_verb(bare.group(2)):
            diags.append(diagnostic("parse.number-without-stop", path, block.line, number=bare.group(1)))
            operative = bare  # "6    Also reaffirms …": the next number, without its full stop, before a verb
        if operative and ops and _is_list_item(ops[-1], int(operative.group(1))):
            ops[-1].subs.append(_sub(f"{operative.group(1)}.", operative.group(2), ops[-1], block.line, texts_of))
            continue
        if operative:
            op = _Op(operative.group(1), operative.group(2), block.line, heading, lead=block.lead)
            again = sum(1 for o in ops if o.number == op.number)  # a section numbers its paragraphs anew
            op.eid = f"para_{op.number}" + (f"__{again + 1}" if again else "")
            ops.append(op)
            heading = None
            continue
        lettered = _LETTERED_SUB.match(text)
        if lettered and not ops and preamble:  # a list inside a preambular paragraph is part of its text
            texts[-1] = (texts[-1][0] + " " + text, texts[-1][1])
            preamble[-1], _ = _preambular(len(preamble), *texts[-1], preamble[-1].line or block.line, path, texts_of)
            continue
        if lettered and ops:
            ops[-1].subs.append(_sub(f"({lettered.group(1)})", lettered.group(2), ops[-1], block.line, texts_of))
            continue
        if not ops and _is_heading(text):
            heading = text  # a section heading before its preamble ("I Activities of …"), or a heading
            continue  # before the first operative paragraph ("Final report")
        if not ops and (preamble or formula_line is not None) and _sole_operative(text):
            ops.append(_Op(None, text, block.line, heading, lead=block.lead))  # one paragraph, unnumbered
            heading = None
            if strip_marks(text).rstrip().endswith(":"):
                annex_blocks.append([])  # "Adopts the following outcome document …:" and that document
            continue
        if not ops or (
            heading is not None and _SECTION.match(heading) and clauses.preambular_phrase(strip_marks(text))
        ):
            # the preamble, or a section's preamble after its heading ("II Activities of …", "Recalling …")
            preambular, found = _preambular(len(preamble) + 1, text, block.lead, block.line, path, texts_of)
            preamble.append(preambular)
            texts.append((text, block.lead))
            diags += found
            continue
        if not is_complete(text) and (len(text) < 200 or (_SECTION.match(text) and len(text) < 400)):
            heading = text  # an unnumbered heading inside the operative part, or a section's (long) title
            continue
        diags.append(diagnostic("parse.generic-block", path, block.line, text=text))
        if not ops[-1].subs and strip_marks(ops[-1].text).rstrip().endswith(":"):
            ops[-1].listing = True  # "… as set out below:" and a table or list the text does not number
        ops[-1].text += " " + text
    incomplete_end = None
    if ops and not ops[-1].listing and not is_complete(ops[-1].subs[-1].text if ops[-1].subs else ops[-1].text):
        incomplete_end = Block(ops[-1].text, ops[-1].line)
    operative_part: list[OperativeParagraph] = []
    for i, op in enumerate(ops, 1):
        paragraph, found = _operative(i, op, path, texts_of)
        operative_part.append(paragraph)
        diags += found
    notes_found = [footnotes.Note(n.footnote or "?", n.text, n.line, citations(n.text)) for n in notes]
    # the footnotes with the eId of the (sub)paragraph where each one's first mark stands
    annex_part = tuple(_annex(i, group) for i, group in enumerate([g for g in annex_blocks if g], 1))
    where = footnotes.places(preamble, operative_part)
    where += [footnotes.Place(p.eid, p.footnote_marks, p.line) for a in annex_part for p in a.paragraphs]
    anchored, missing = footnotes.anchor(notes_found, where, path, footnotes.Repeated.LINE)
    return Body(
        preamble=tuple(preamble),
        operative=tuple(operative_part),
        footnotes=tuple(anchored),
        annexes=annex_part,
        meeting=meeting,
        meeting_date=meeting_date,
        formula_line=formula_line,
        formula=formula,
        last_line=last_line,
        incomplete_end=incomplete_end,
        diagnostics=(*diags, *missing),
    )


def _notes_by_marker(blocks: list[Block]) -> dict[str, str]:
    """The text of each footnote by its marker, for the citations a footnote explains (a marker
    printed twice, as on a page that numbers its notes anew, explains nothing)."""
    texts: dict[str, str] = {}
    twice: set[str] = set()
    for block in blocks:
        if block.footnote is not None:
            if block.footnote in texts:
                twice.add(block.footnote)
            texts[block.footnote] = block.text
    return {marker: text for marker, text in texts.items() if marker not in twice}


def _preambular(
    ordinal: int, text: str, lead: str | None, line: int, path: str | None, notes: Mapping[str, str]
) -> tuple[PreambularParagraph, list[Diagnostic]]:
    plain = strip_marks(text)
    (phrase, key), found = preambular_clause(plain, ordinal, path, line)
    phrase = phrase if key else _marked(lead, plain) or phrase  # the italic words where the lexicon fails
    paragraph = PreambularParagraph(
        ordinal=ordinal,
        eid=f"preamble_{ordinal}",
        phrase=phrase,
        verb=key,
        text=plain,
        citations=citations(text, notes),
        footnote_marks=tuple(marks_in(text)),
        line=line,
    )
    return paragraph, found


def _is_heading(text: str) -> bool:
    """A short block that ends no sentence and opens with no preambular phrase: a heading."""
    plain = strip_marks(text)
    if is_complete(plain) or len(plain) >= 200:
        return False
    return bool(_SECTION.match(plain)) or (len(plain) < 120 and clauses.preambular_phrase(plain) is None)


def _sole_operative(text: str) -> bool:
    """Is a block after the preamble a resolution's only operative paragraph, which the UN does not
    number ("Takes note of the report of the Ethics Office.")? It ends with a full stop, where a
    preambular paragraph ends with a comma, or with the colon before the text it adopts ("Adopts the
    following outcome document …:"), and opens with an operative verb."""
    plain = strip_marks(text).rstrip()
    return plain.endswith((".", ":")) and clauses.operative_verb(plain) is not None


def _is_list_item(op: _Op, number: int) -> bool:
    """Is "1." after operative paragraph 11 the first item of a list the paragraph opens with a colon
    ("Approves the following provisional agenda …:"), or the next item of that list?"""
    if op.number is None or number == int(op.number) + 1:
        return False
    if op.subs:
        return op.subs[-1].number == f"{number - 1}."
    return number == 1 and strip_marks(op.text).rstrip().endswith(":")


def _sub(number: str, text: str, parent: _Op, line: int, notes: Mapping[str, str]) -> SubParagraph:
    key = number.strip("()").rstrip(".")
    return SubParagraph(
        number=number,
        eid=f"{parent.eid or f'para_{parent.number}'}__subpara_{key}",
        text=strip_marks(text),
        citations=citations(text, notes),
        footnote_marks=tuple(marks_in(text)),
        line=line,
    )


def _operative(
    ordinal: int, op: _Op, path: str | None, notes: Mapping[str, str]
) -> tuple[OperativeParagraph, list[Diagnostic]]:
    plain = strip_marks(op.text)
    (phrase, key), found = operative_clause(plain, op.number, ordinal, path, op.line)
    phrase = phrase if key else _marked(op.lead, plain) or phrase
    paragraph = OperativeParagraph(
        ordinal=ordinal,
        number=op.number,
        eid=op.eid or f"para_{op.number or ordinal}",
        phrase=phrase,
        verb=key,
        text=plain,
        subparagraphs=tuple(op.subs),
        citations=citations(op.text, notes),
        footnote_marks=tuple(marks_in(op.text)),
        heading=op.heading,
        line=op.line,
    )
    return paragraph, found


def _annex(ordinal: int, blocks: list[Block]) -> Annex:
    """An annex as printed: each block a paragraph, its number kept; an unnumbered block that does
    not end as a sentence ends ("Annex I", "Provisional agenda of …") is a heading."""
    eid = f"annex_{ordinal}"
    paragraphs = []
    for i, block in enumerate(blocks, 1):
        plain = strip_marks(block.text)
        number = _ANNEX_NUMBER.match(plain)
        paragraphs.append(
            AnnexParagraph(
                ordinal=i,
                eid=f"{eid}__para_{i}",
                text=plain,
                number=number.group(1) if number else None,
                heading=not number and not is_complete(plain) and len(plain) < 200,
                citations=tuple(citations(plain)),
                footnote_marks=tuple(marks_in(block.text)),
                line=block.line,
            )
        )
    return Annex(ordinal, eid, annex_title(paragraphs), tuple(paragraphs), blocks[0].line)


def _marked(lead: str | None, text: str) -> str | None:
    """The italic words a paragraph opens with, when its text does open with them."""
    lead = strip_marks(lead or "").strip(" ,;:")
    return lead if lead and text.startswith(lead) else None
