"""A text document (a NormalisedText) into the model: the heading block, then the body of a
resolution or draft, or the sections, proposals and recommended drafts of a committee report."""

from __future__ import annotations

from pipeline.diagnostics import Diagnostic, DocumentError, diagnostic
from pipeline.inputs import Block, NormalisedText, RawDocument, body_start, strip_marks
from pipeline.model import Adoption, Document, DocumentKind, Source, SponsorRole, Sponsorship
from pipeline.parse import footnotes
from pipeline.parse.amendment import amendment
from pipeline.parse.committee_report import report
from pipeline.parse.header import Heading, heading, identify, session_of
from pipeline.parse.names import sponsor_refs
from pipeline.parse.resolution import body
from pipeline.register.bodies import committee_name


def text_document(text: NormalisedText) -> tuple[Document, list[Diagnostic]]:
    """Parse one normalised text. Raises DocumentError only for unusable input."""
    raw = text.raw
    blocks = list(text.blocks)
    diags: list[Diagnostic] = list(text.diagnostics)
    start = body_start(blocks)
    h = heading(blocks[:start])
    report_of = raw.manifest.extra.get("report_of")
    if report_of and h.kind is not DocumentKind.COMMITTEE_REPORT:
        # an excerpt of a report, which prints no heading: the manifest says whose report it is
        h, start = Heading(), 0
        h.kind = DocumentKind.COMMITTEE_REPORT
        h.report_of = h.committee = committee_name(report_of) or report_of
        h.agenda_title = raw.manifest.extra.get("agenda_title")
    if h.kind is DocumentKind.AMENDMENT:
        document, more = amendment(raw, text.layout, h, blocks)
    elif h.kind is DocumentKind.COMMITTEE_REPORT:
        document, more = report(raw, text.layout, h, blocks[start:])
    else:
        document, more = _resolution(raw, text.layout, h, blocks[start:])
    return document, diags + more


def _resolution(raw: RawDocument, layout: str, h: Heading, blocks: list[Block]) -> tuple[Document, list[Diagnostic]]:
    b = body(blocks, raw.path)
    diags = list(b.diagnostics)
    for block in h.unrecognised:
        diags.append(diagnostic("parse.generic-block", raw.path, block.line, text=block.text))
    if b.formula_line is None and not b.operative:
        line = blocks[0].line if blocks else 1
        raise DocumentError(
            diagnostic("parse.no-body", raw.path, line, reason="no 'The General Assembly,' and no numbered paragraph")
        )
    if not b.operative:
        raise DocumentError(
            diagnostic("parse.truncated", raw.path, b.last_line, reason="no operative paragraph after the preamble")
        )
    if b.incomplete_end is not None:
        raise DocumentError(
            diagnostic("parse.truncated", raw.path, b.last_line, reason="the last paragraph stops mid-sentence")
        )
    symbol, provisional, found = identify(raw, h)
    diags.extend(found)
    kind = h.kind or (
        DocumentKind.DRAFT_RESOLUTION if symbol and symbol.kind.value == "draft" else DocumentKind.RESOLUTION
    )
    notes, on_heading = footnotes.heading_notes(b.footnotes)
    sponsors_text = footnotes.sponsors_with_group(h.sponsors_text, on_heading)
    refs, found = sponsor_refs(sponsors_text or "", raw.path, h.sponsors_line)
    diags.extend(found)
    sponsors = tuple(Sponsorship(state, SponsorRole.ORIGINAL, group) for state, group in refs)
    adoption = None
    if kind is DocumentKind.RESOLUTION:
        adoption = Adoption(
            date=h.adoption_date or b.meeting_date,
            meeting=b.meeting,
            report=h.report,
            report_paragraph=h.report_paragraph,
            report_of=h.report_of,
            without_reference=h.without_reference,
            draft=h.draft,
        )
    title = h.title
    if title is None and b.operative and strip_marks(b.operative[0].text).rstrip().endswith(":"):
        # "Adopts the following outcome document …:" and the document printed under it: its heading
        adopted = next((op.heading for op in b.operative[1:] if op.heading), None)
        adopted = adopted or next((a.title for a in b.annexes if a.title), None)
        if adopted:
            title = adopted
            diags.append(diagnostic("parse.title-from-body", raw.path, b.operative[0].line, title=adopted))
    revision_of = symbol.previous_revision if symbol else None
    session, special = session_of(h, symbol)
    document = Document(
        kind=kind,
        symbol=symbol,
        provisional_id=provisional,
        title=title,
        source=Source(raw.path, raw.sha256, layout),
        date=h.date or h.adoption_date,
        distribution=h.distribution,
        original_languages=tuple(h.languages),
        session=session,
        special_session=special,
        body=h.committee if kind is not DocumentKind.RESOLUTION else "General Assembly",
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        sponsors=sponsors,
        formula=b.formula,
        preamble=tuple(b.preamble),
        operative=tuple(b.operative),
        footnotes=tuple(notes),
        notes=tuple(n.text for n in on_heading),
        submitted_by=h.submitted_by,
        annexes=b.annexes,
        adoption=adoption,
        revision_of=revision_of,
        aknwork=symbol.akn_work(adoption.date.isoformat()) if symbol and adoption and adoption.date else None,
    )
    return document, diags
