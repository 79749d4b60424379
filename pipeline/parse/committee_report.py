"""A Main Committee report: numbered report paragraphs in sections, the proposals it considered
(symbol, title, introducer, sponsors and later sponsors, budget implications, the vote with its
lists and statements of intended votes), and the recommended drafts printed whole, each read by the
resolution parser with its own footnote numbering.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, RawDocument, marks_in, strip_marks
from pipeline.model import (
    Document,
    DocumentKind,
    EmbeddedDraft,
    Footnote,
    Proposal,
    RecordedVote,
    ReportParagraph,
    Source,
    SponsorRole,
    Sponsorship,
    StateRef,
    VoteIntention,
    VoteOutcome,
    VotePosition,
    VoteSubject,
)
from pipeline.parse import footnotes, votes
from pipeline.parse.citations import citations
from pipeline.parse.header import Heading, identify, session_of
from pipeline.parse.names import state_refs
from pipeline.parse.resolution import FORMULA, body
from pipeline.register import bodies
from pipeline.register.dates import MONTHS, parse_date
from pipeline.register.numbers import ordinal_number
from pipeline.symbols import Symbol, SymbolKind

_SECTION = re.compile(r"^([IVXL]{1,5})\.\s+(.+)$")
_SUBSECTION = re.compile(r"^([A-Z])\.\s+(.+)$")
_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s+(.+)$", re.S)
_DRAFT_HEADING = re.compile(r"^Draft (resolution|decision)(?: ([IVXL]{1,6}))?\b\s*(.*)$")
_MEETING = re.compile(rf"\bAt (?:its|the) (\w+) meeting, on (\d{{1,2}} (?:{'|'.join(MONTHS)})(?: \d{{4}})?)")
_INTRODUCED = re.compile(
    rf"^On (\d{{1,2}} (?:{'|'.join(MONTHS)})(?: \d{{4}})?), "
    r"the representative of ([^,]{1,150}?)(?:,| submitted| introduced)"
)
# "At its 53rd meeting, on 15 November 2023, the Committee had before it a draft resolution entitled
# “…” (A/C.3/78/L.41), submitted by Albania, … and the United States of America." (the Third Committee's habit)
_BEFORE_IT = re.compile(r"\bthe Committee had before it (?:a |the )?(?:revised )?draft (?:resolution|decision)\b")
_SUBMITTED_BY = re.compile(r"\bsubmitted by ([^.]{1,3000})\.")
_JOINED_LATER = re.compile(r"^(?:Also )?[Aa]t the same meeting, ([^.]{1,3000}?) joined in sponsoring the draft")
_ENTITLED = re.compile(r"entitled [“\"]([^“”\"]{1,3000})[”\"]")  # a title holds no opening quote either
_SEE = re.compile(r"\(see para\. (\d{1,3}), (draft (?:resolution|decision) [IVXL]{1,6})\)")


@dataclass
class _Taken:
    """One vote a report paragraph records, with the lists printed after it."""

    result: tuple[bool, int | None, int | None, int | None]
    outcome: VoteOutcome | None
    meeting: tuple[int | None, dt.date | None]
    marks: list[str]
    line: int | None
    sentence: str
    lists: dict[VotePosition, list[Block]]


@dataclass
class _Proposal:
    heading_symbol: Symbol | None
    section: str | None
    symbol: Symbol | None = None
    title: str | None = None
    introduced: dt.date | None = None
    introduced_by: StateRef | None = None
    sponsors: list[Sponsorship] = field(default_factory=list)
    budget: list[Symbol] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    taken: list[_Taken] = field(default_factory=list)  # each vote on it, in order, with its own lists
    recommended_as: str | None = None
    pending: dict[VotePosition, list[Block]] = field(default_factory=dict)  # lists printed before any vote

    @property
    def lists(self) -> dict[VotePosition, list[Block]]:
        """Where a list of States goes: to the last vote taken."""
        return self.taken[-1].lists if self.taken else self.pending


def report(raw: RawDocument, layout: str, h: Heading, blocks: list[Block]) -> tuple[Document, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    path = raw.path
    section = None
    for block in h.unrecognised:
        if _SECTION.match(block.text):
            section = block.text
        else:
            diags.append(diagnostic("parse.generic-block", path, block.line, text=block.text))
    starts = [
        i
        for i, b in enumerate(blocks)
        if b.footnote is None and _DRAFT_HEADING.match(b.text) and _follows_formula(blocks, i)
    ]
    report_blocks = blocks[: starts[0]] if starts else blocks
    reference = h.date
    paragraphs, proposals, notes, found = _report_part(report_blocks, section, reference, path)
    diags += found
    notes_of_report = _anchor(notes, paragraphs, path)
    symbol, provisional, found = identify(raw, h)
    diags += found
    finished: list[Proposal] = []
    for p in proposals:
        proposal, found = _finish(p, notes_of_report, h.report_of, path)
        finished.append(proposal)
        diags += found
    drafts: list[EmbeddedDraft] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        draft, found = _draft(raw, layout, h, blocks[start:end], finished)
        drafts.append(draft)
        diags += found
    rapporteur_state = None
    if h.rapporteur_state:
        rapporteur_state, found = _state(h.rapporteur_state, path, None)
        diags += found
    title = f"{h.agenda_title}: report of the {h.report_of}" if h.agenda_title and h.report_of else h.agenda_title
    session, special = session_of(h, symbol)
    document = Document(
        kind=DocumentKind.COMMITTEE_REPORT,
        symbol=symbol,
        provisional_id=provisional,
        title=title,
        source=Source(raw.path, raw.sha256, layout),
        date=h.date,
        distribution=h.distribution,
        original_languages=tuple(h.languages),
        session=session,
        special_session=special,
        body=h.report_of,
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        footnotes=tuple(notes_of_report),
        votes=tuple(p.vote for p in finished if p.vote is not None),
        rapporteur=h.rapporteur,
        rapporteur_state=rapporteur_state,
        report_paragraphs=tuple(paragraphs),
        proposals=tuple(finished),
        recommended=tuple(drafts),
    )
    return document, diags


def _follows_formula(blocks: list[Block], i: int) -> bool:
    """A 'Draft resolution I' heading that introduces a printed draft (the formula follows soon)."""
    return any(b.footnote is None and FORMULA.match(b.text) for b in blocks[i + 1 : i + 4])


def _report_part(
    blocks: list[Block], section: str | None, reference: dt.date | None, path: str
) -> tuple[list[ReportParagraph], list[_Proposal], list[Block], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    paragraphs: list[ReportParagraph] = []
    proposals: list[_Proposal] = []
    notes: list[Block] = []
    current: _Proposal | None = None
    listing: VotePosition | None = None
    meeting: tuple[int | None, dt.date | None] = (None, None)
    for block in blocks:
        text = block.text
        if block.footnote is not None:
            notes.append(block)
            continue
        m = _SECTION.match(text)
        if m:
            section, current, listing = text, None, None
            continue
        m = _SUBSECTION.match(text)
        if m and not _PARAGRAPH.match(text):
            drafts = [c.symbol for c in citations(text) if c.symbol.kind is SymbolKind.DRAFT]
            current = _Proposal(drafts[0] if drafts else None, section)
            proposals.append(current)
            listing = None
            continue
        labelled = votes.label(text)
        if labelled and current is not None:
            listing = labelled[0]
            current.lists.setdefault(listing, [])
            if labelled[1].strip():
                current.lists[listing].append(Block(labelled[1], block.line))
            continue
        m = _PARAGRAPH.match(text)
        if m:
            listing = None
            number, body_text = m.group(1), m.group(2)
            paragraphs.append(
                ReportParagraph(
                    number=number,
                    eid=f"para_{number}",
                    text=strip_marks(body_text),
                    section=section,
                    citations=citations(body_text),
                    footnote_marks=tuple(marks_in(body_text)),
                    line=block.line,
                )
            )
            meeting = _meeting(body_text, meeting, reference)
            if current is not None:
                diags += _read_paragraph(current, number, body_text, meeting, reference, block.line, path)
            continue
        if listing is not None and current is not None:
            current.lists[listing].append(block)
            continue
        diags.append(diagnostic("parse.generic-block", path, block.line, text=text))
    return paragraphs, proposals, notes, diags


def _meeting(text: str, last: tuple[int | None, dt.date | None], reference: dt.date | None):
    m = _MEETING.search(strip_marks(text))
    if not m:
        return last
    return ordinal_number(m.group(1)), _date(m.group(2), reference)


def _date(text: str, reference: dt.date | None) -> dt.date | None:
    """'8 November' read in the year of the report (the year before when it would fall after it)."""
    if re.search(r"\d{4}$", text):
        return parse_date(text)
    if reference is None:
        return None
    day = parse_date(f"{text} {reference.year}")
    if day and day > reference:
        day = parse_date(f"{text} {reference.year - 1}")
    return day


def _joined(p: _Proposal, plain: str, path: str, line: int) -> list[Diagnostic]:
    """The States that "Subsequently, … joined in sponsoring" the proposal, as joined later."""
    joined_at = plain.find("Subsequently, ")
    joined_end = plain.find(" joined in sponsoring", joined_at)
    if joined_at == -1 or joined_end == -1:
        return []
    refs, found = state_refs(plain[joined_at + len("Subsequently, ") : joined_end], path, line)
    p.sponsors += [Sponsorship(s, SponsorRole.JOINED) for s in refs]
    return found


def _read_paragraph(
    p: _Proposal,
    number: str,
    text: str,
    meeting: tuple[int | None, dt.date | None],
    reference: dt.date | None,
    line: int,
    path: str,
) -> list[Diagnostic]:
    """Fill in what one report paragraph says of the proposal; return what was noticed."""
    diags: list[Diagnostic] = []
    plain = strip_marks(text)
    p.paragraphs.append(number)
    drafts = [c.symbol for c in citations(plain) if c.symbol.kind is SymbolKind.DRAFT]
    if _BEFORE_IT.search(plain) and (submitted := _SUBMITTED_BY.search(plain)):
        refs, found = state_refs(submitted.group(1), path, line)
        diags += found
        p.sponsors += [Sponsorship(s, SponsorRole.ORIGINAL) for s in refs]
        title = _ENTITLED.search(plain)
        p.title = title.group(1) if title else p.title
        p.symbol = drafts[0] if drafts else p.heading_symbol
        diags += _joined(p, plain, path, line)
        return diags
    if joined := _JOINED_LATER.match(plain):
        refs, found = state_refs(joined.group(1), path, line)
        p.sponsors += [Sponsorship(s, SponsorRole.JOINED) for s in refs]
        return diags + found
    intro = _INTRODUCED.match(plain)
    if intro and ("submitted" in plain or "introduced" in plain):
        p.introduced = _date(intro.group(1), reference)
        p.introduced_by, found = _state(intro.group(2), path, line)
        diags += found
        behalf = plain.find(", on behalf of ")
        verb = max(plain.find(", submitted"), plain.find(", introduced"))
        if behalf != -1 and verb > behalf:
            listed = plain[behalf + len(", on behalf of ") : verb]
            refs, found = state_refs(listed, path, line)
            diags += found
            p.sponsors += [Sponsorship(s, SponsorRole.ORIGINAL) for s in refs]
        elif p.introduced_by is not None:
            p.sponsors.append(Sponsorship(p.introduced_by, SponsorRole.ORIGINAL))
        title = _ENTITLED.search(plain)
        p.title = title.group(1) if title else p.title
        p.symbol = drafts[0] if drafts else p.heading_symbol
        diags += _joined(p, plain, path, line)
        return diags
    if "budget implications" in plain:
        own = p.symbol or p.heading_symbol
        p.budget += [c.symbol for c in citations(plain) if c.symbol.kind is SymbolKind.DRAFT and c.symbol != own]
        return diags
    outcome = votes.result(plain) if re.search(r"\b(?:adopted|rejected|retained|deleted)\b", plain) else None
    if outcome is not None:
        # a vote before this one (on a paragraph, an amendment) keeps its own lists
        lists = p.pending if not p.taken else {}
        p.taken.append(_Taken(outcome, votes.outcome(plain), meeting, marks_in(text), line, plain, lists))
        see = _SEE.search(plain)
        p.recommended_as = see.group(2) if see else p.recommended_as
        p.symbol = p.symbol or (drafts[0] if drafts else p.heading_symbol)
    return diags


def _state(name: str, path: str, line: int | None) -> tuple[StateRef, list[Diagnostic]]:
    refs, found = state_refs(name.strip(), path, line)
    return refs[0] if len(refs) == 1 else StateRef(name, None), found


def _finish(p: _Proposal, notes: list[Footnote], report_of: str | None, path: str) -> tuple[Proposal, list[Diagnostic]]:
    """The proposal with its votes: the last vote on the whole draft (or the last vote taken) as
    ``vote``, the others (on a paragraph, an amendment) as ``separate_votes``, in the order taken."""
    diags: list[Diagnostic] = []
    made: list[RecordedVote] = []
    for t in p.taken:
        one, found = _vote(p, t, notes, report_of, path)
        made.append(one)
        diags += found
    whole = [v for v in made if v.subject is VoteSubject.WHOLE]
    vote = whole[-1] if whole else (made[-1] if made else None)
    proposal = Proposal(
        symbol=p.symbol or p.heading_symbol,
        title=p.title,
        introduced=p.introduced,
        introduced_by=p.introduced_by,
        sponsors=tuple(p.sponsors),
        budget_implications=tuple(dict.fromkeys(p.budget)),
        vote=vote,
        separate_votes=tuple(v for v in made if v is not vote),
        recommended_as=p.recommended_as,
        report_paragraphs=tuple(p.paragraphs),
    )
    return proposal, diags


def _vote(
    p: _Proposal, t: _Taken, notes: list[Footnote], report_of: str | None, path: str
) -> tuple[RecordedVote, list[Diagnostic]]:
    """One vote of a proposal: its lists read, its statements of intended votes from the footnotes its
    marks name, what it was on from its sentence ("adopted operative paragraph 5 …", "rejected the
    draft amendment contained in document A/C.3/78/L.60 …")."""
    diags: list[Diagnostic] = []
    recorded, yes, no, abstain = t.result
    lists: dict[VotePosition, tuple[StateRef, ...]] = {}
    for position, blocks in t.lists.items():
        text = ", ".join(b.text.rstrip(",. ") for b in blocks)
        listed_refs, found = votes.names(text, path, blocks[0].line if blocks else None)
        lists[position] = tuple(listed_refs)
        diags += found
    listed = {r.iso3 for refs in lists.values() for r in refs if r.iso3}
    intentions: list[VoteIntention] = []
    for marker in t.marks:
        for note in notes:
            if note.marker == marker:
                stated, found = votes.intentions(note.text, note.eid, path, note.line)
                intentions += stated
                diags += found
    meeting, date = t.meeting
    subject, part, what, amendment = votes.voted_on(t.sentence)
    vote = RecordedVote(
        draft=p.symbol or p.heading_symbol,
        body=_body_of(p, report_of),
        meeting=meeting,
        date=date,
        recorded=recorded,
        yes=yes,
        no=no,
        abstain=abstain,
        in_favour=lists.get(VotePosition.IN_FAVOUR, ()),
        against=lists.get(VotePosition.AGAINST, ()),
        abstaining=lists.get(VotePosition.ABSTAINING, ()),
        not_voting=votes.non_voting(date, listed) if recorded and lists else (),
        intentions=tuple(intentions),
        outcome=t.outcome,
        subject=subject,
        part=part,
        part_as_written=what if subject is VoteSubject.PART else None,
        amendment=amendment,
    )
    if recorded and not lists:
        diags.append(diagnostic("vote.no-lists", path, t.line, draft=str(vote.draft)))
    diags.extend(votes.checks(vote, path, t.line))
    return vote, diags


def _body_of(p: _Proposal, report_of: str | None) -> str:
    """The body that voted: the committee whose report this is; for a report that names none, the
    committee of the proposal's symbol, else the plenary."""
    reporting = bodies.by_name(report_of)
    if reporting is not None:
        return reporting.name
    symbol = p.symbol or p.heading_symbol
    return (bodies.by_number(symbol.committee if symbol else None) or bodies.PLENARY).name


def _anchor(notes: list[Block], paragraphs: list[ReportParagraph], path: str) -> list[Footnote]:
    """The report's own footnotes, each anchored in the report paragraph where its first mark stands.

    Unlike the resolution parser (and as this reader always did), a repeated marker keeps the eId
    ``fn_{marker}`` and a mark without footnote text is not reported."""
    found = [footnotes.Note(note.footnote or "?", note.text, note.line, citations(note.text)) for note in notes]
    where = [footnotes.Place(para.eid, para.footnote_marks, para.line) for para in paragraphs]
    anchored, _ = footnotes.anchor(found, where, path, footnotes.Repeated.SAME, report_missing=False)
    return anchored


def _draft(
    raw: RawDocument, layout: str, h: Heading, blocks: list[Block], proposals: list[Proposal]
) -> tuple[EmbeddedDraft, list[Diagnostic]]:
    m = _DRAFT_HEADING.match(blocks[0].text)
    assert m is not None
    label = f"draft {m.group(1)}" + (f" {m.group(2)}" if m.group(2) else "")
    title = m.group(3).strip() or None
    rest = blocks[1:]
    if title is None and rest and rest[0].footnote is None and not FORMULA.match(rest[0].text):
        title, rest = rest[0].text, rest[1:]
    b = body(rest, raw.path)
    proposal = next((p for p in proposals if p.recommended_as and p.recommended_as.lower() == label.lower()), None)
    symbol = proposal.symbol if proposal else None
    revision_of = symbol.previous_revision if symbol else None
    session, special = session_of(h, symbol)
    document = Document(
        kind=DocumentKind.DRAFT_RESOLUTION if m.group(1) == "resolution" else DocumentKind.DECISION,
        symbol=symbol,
        provisional_id=None if symbol else f"{raw.sha256[:12]}-{label.replace(' ', '-')}",
        title=title,
        source=Source(raw.path, raw.sha256, layout),
        session=session,
        special_session=special,
        body=h.report_of,
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        sponsors=proposal.sponsors if proposal else (),
        formula=b.formula,
        preamble=tuple(b.preamble),
        operative=tuple(b.operative),
        footnotes=tuple(b.footnotes),
        revision_of=revision_of,
    )
    return EmbeddedDraft(label, document), list(b.diagnostics)
