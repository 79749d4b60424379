"""An amendment to a draft: its sponsors and the draft it amends (the heading says both: "United States
of America: amendment to draft resolution A/80/L.25"), the title of that draft, and the instructions
as printed ("In operative paragraph 68, after “…”, insert “…”."), each block a paragraph with its
citations and footnote marks. The instructions are kept as text: what they change in the draft is
not read here.
"""

from __future__ import annotations

import re

from pipeline.diagnostics import Diagnostic, DocumentError, diagnostic
from pipeline.inputs import Block, RawDocument, marks_in, strip_marks
from pipeline.model import Document, DocumentKind, OperativeParagraph, Source, SponsorRole, Sponsorship
from pipeline.parse import footnotes
from pipeline.parse.citations import citations
from pipeline.parse.header import Heading, identify, session_of
from pipeline.parse.names import sponsor_refs

_NUMBER = re.compile(r"^(\d{1,3})\.\s+")


def amendment(raw: RawDocument, layout: str, h: Heading, blocks: list[Block]) -> tuple[Document, list[Diagnostic]]:
    """The amendment whose heading ``h`` was read from ``blocks`` (all of the document's blocks)."""
    diags: list[Diagnostic] = []
    after_title = _body_start(blocks, h)
    paragraphs: list[OperativeParagraph] = []
    notes: list[Block] = []
    for block in blocks[after_title:]:
        if block.footnote is not None:
            notes.append(block)
            continue
        plain = strip_marks(block.text)
        number = _NUMBER.match(plain)
        ordinal = len(paragraphs) + 1
        paragraphs.append(
            OperativeParagraph(
                ordinal=ordinal,
                number=number.group(1) if number else None,
                eid=f"para_{number.group(1) if number else ordinal}",
                phrase=None,
                verb=None,
                text=plain[number.end() :] if number else plain,
                citations=citations(block.text),
                footnote_marks=tuple(marks_in(block.text)),
                line=block.line,
            )
        )
    if not paragraphs:
        line = blocks[-1].line if blocks else 1
        raise DocumentError(diagnostic("parse.no-body", raw.path, line, reason="an amendment without its instructions"))
    found_notes = [footnotes.Note(n.footnote or "?", n.text, n.line, citations(n.text)) for n in notes]
    anchored, missing = footnotes.anchor(
        found_notes, footnotes.places((), paragraphs), raw.path, footnotes.Repeated.LINE
    )
    diags.extend(missing)
    anchored, on_heading = footnotes.heading_notes(anchored)
    symbol, provisional, found = identify(raw, h)
    diags.extend(found)
    sponsors_text = footnotes.sponsors_with_group(h.sponsors_text, on_heading)
    refs, found = sponsor_refs(sponsors_text or "", raw.path, h.sponsors_line)
    diags.extend(found)
    session, special = session_of(h, symbol)
    document = Document(
        kind=DocumentKind.AMENDMENT,
        symbol=symbol,
        provisional_id=provisional,
        title=h.title,
        source=Source(raw.path, raw.sha256, layout),
        date=h.date,
        distribution=h.distribution,
        original_languages=tuple(h.languages),
        session=session,
        special_session=special,
        body=h.committee,
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        sponsors=tuple(Sponsorship(state, SponsorRole.ORIGINAL, group) for state, group in refs),
        operative=tuple(paragraphs),
        footnotes=tuple(anchored),
        notes=tuple(n.text for n in on_heading),
        amends=h.amends,
    )
    return document, diags


def _body_start(blocks: list[Block], h: Heading) -> int:
    """The index of the first instruction: after the sponsors line and the draft's title under it."""
    for i, block in enumerate(blocks):
        if block.line == h.sponsors_line and block.footnote is None:
            rest = [j for j in range(i + 1, len(blocks)) if blocks[j].footnote is None]
            if h.title and rest and blocks[rest[0]].text.strip() == h.title:
                return rest[0] + 1
            return rest[0] if rest else len(blocks)
    return len(blocks)
