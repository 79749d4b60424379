"""The middle model: plain frozen dataclasses and enums, no rdflib and no lxml.

Every input (the text layouts, Akoma Ntoso XML) is read into these classes; the RDF mapping and the
Akoma Ntoso export read only these. ``unga-ld parse FILE --json`` prints them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from pipeline.symbols import Symbol, SymbolKind


class DocumentKind(Enum):
    RESOLUTION = "resolution"
    DRAFT_RESOLUTION = "draft resolution"
    COMMITTEE_REPORT = "committee report"
    DECISION = "decision"
    AMENDMENT = "amendment"  # an amendment to a draft (A/80/L.31 amends A/80/L.25)
    PLENARY_RECORD = "plenary record"  # the verbatim record of a plenary meeting (A/61/PV.107)


class CitationKind(Enum):
    GA_RESOLUTION = "General Assembly resolution"
    GA_DECISION = "General Assembly decision"
    HRC_RESOLUTION = "Human Rights Council resolution"
    SC_RESOLUTION = "Security Council resolution"
    DOCUMENT = "document"

    @classmethod
    def of(cls, symbol: Symbol) -> CitationKind:
        return {
            SymbolKind.GA_RESOLUTION: cls.GA_RESOLUTION,
            SymbolKind.GA_DECISION: cls.GA_DECISION,
            SymbolKind.HRC_RESOLUTION: cls.HRC_RESOLUTION,
            SymbolKind.SC_RESOLUTION: cls.SC_RESOLUTION,
        }.get(symbol.kind, cls.DOCUMENT)


class VotePosition(Enum):
    IN_FAVOUR = "in favour"
    AGAINST = "against"
    ABSTAINING = "abstaining"
    NOT_VOTING = "not voting"


class VoteOutcome(Enum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    RETAINED = "retained"  # a paragraph put to a separate vote and kept
    DELETED = "deleted"


class VoteSubject(Enum):
    """What was put to the vote."""

    WHOLE = "whole"  # a whole draft resolution or decision
    PART = "part"  # a paragraph, or part of one, put to a separate vote
    AMENDMENT = "amendment"  # an amendment to a draft
    MOTION = "motion"  # a procedural motion (adjournment, no action, competence)


class SponsorRole(Enum):
    ORIGINAL = "original sponsor"
    JOINED = "joined later"


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to another document, typed through its symbol."""

    symbol: Symbol
    as_written: str

    @property
    def kind(self) -> CitationKind:
        return CitationKind.of(self.symbol)


@dataclass(frozen=True, slots=True)
class StateRef:
    """A State as a document names it, and the register code it resolves to (None if unknown)."""

    name_as_written: str
    iso3: str | None

    def __reduce__(self) -> tuple[Any, tuple[str, str | None]]:
        # a model comes back from a worker pickled: each of its hundreds of State references (sponsors,
        # every position of every vote) is then one shared object per spelling, not a copy per use
        return _state_ref, (self.name_as_written, self.iso3)


@lru_cache(maxsize=4096)
def _state_ref(name_as_written: str, iso3: str | None) -> StateRef:
    return StateRef(name_as_written, iso3)


@dataclass(frozen=True, slots=True)
class SubParagraph:
    number: str  # as printed: "(a)", "1.5"
    eid: str
    text: str
    citations: tuple[Citation, ...] = ()
    footnote_marks: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class PreambularParagraph:
    ordinal: int
    eid: str
    phrase: str | None  # as written: "Reaffirming also"
    verb: str | None  # lexicon key: "reaffirming"
    text: str
    citations: tuple[Citation, ...] = ()
    footnote_marks: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class OperativeParagraph:
    ordinal: int
    number: str | None  # as printed, without the full stop: "5"
    eid: str
    phrase: str | None  # as written: "Also decides"
    verb: str | None  # lexicon key: "decides"
    text: str
    subparagraphs: tuple[SubParagraph, ...] = ()
    citations: tuple[Citation, ...] = ()
    footnote_marks: tuple[str, ...] = ()
    heading: str | None = None  # an unnumbered heading printed just before the paragraph
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Footnote:
    marker: str
    eid: str
    text: str
    anchored_in: str | None  # eId of the (sub)paragraph where its first mark stands
    citations: tuple[Citation, ...] = ()
    line: int | None = None


class ChangeKind(Enum):
    """How a paragraph of a later text stands to the earlier one it is compared with."""

    UNCHANGED = "unchanged"
    EDITED = "edited"
    MOVED = "moved"  # found out of order (possibly edited too)
    NEW = "new"  # in the later text only
    DELETED = "deleted"  # in the earlier text only


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """One paragraph's fate between two texts: the eIds in the later (``new``) and earlier (``old``)
    text (None where it has no counterpart) and the similarity of their words (0–1)."""

    kind: ChangeKind
    new: str | None
    old: str | None
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """A document compared with an earlier text it derives from: which one, how the pair was found
    ("adopts": the draft a resolution adopts; "revises": the draft a revision revises; "adopts a
    revision of": the original of the draft adopted), how sure the pairing is (1 where the UN's own
    data says it), and every paragraph's change."""

    earlier: Symbol
    found_by: str
    confidence: float
    changes: tuple[ParagraphChange, ...]


@dataclass(frozen=True, slots=True)
class AnnexParagraph:
    """A block of an annex as printed: a paragraph, a heading ("Article 1") or a row of a table."""

    ordinal: int
    eid: str  # the file's own eId inside its annex: "annex_1__para_19"
    text: str
    number: str | None = None  # as printed, without the full stop
    heading: bool = False
    citations: tuple[Citation, ...] = ()
    footnote_marks: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex of a resolution or decision (a convention, a declaration, a table of figures)."""

    ordinal: int
    eid: str  # "annex_1"
    title: str | None  # the headings it opens with: "Annex: United Nations Convention on …"
    paragraphs: tuple[AnnexParagraph, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a source's body text the model holds: characters read ÷ characters in the body
    (spaces left out), and the blocks not read, each with its line."""

    read: int
    total: int
    missed: tuple[tuple[int | None, str], ...] = ()  # (line, what was not mapped and why)

    @property
    def ratio(self) -> float:
        return self.read / self.total if self.total else 1.0

    @staticmethod
    def percent(part: int, whole: int) -> str:
        """ "99.97%": two decimals, and never 100% while something is missing."""
        if not whole or part >= whole:
            return "100%"
        return f"{min(part * 10000 // whole / 100, 99.99):.2f}%"


@dataclass(frozen=True, slots=True)
class Sponsorship:
    state: StateRef
    role: SponsorRole
    on_behalf_of: str | None = None  # the key of the group the State speaks for (register.groups): "G77"


@dataclass(frozen=True, slots=True)
class VoteIntention:
    """A later statement that a delegation had intended to vote otherwise."""

    state: StateRef
    position: VotePosition
    # eId of the part of the voting document where it was stated: a report's footnote "fn_3", a
    # plenary record's paragraph "para_57"
    stated_in: str | None = None


@dataclass(frozen=True, slots=True)
class RecordedVote:
    draft: Symbol | None  # the draft voted on
    body: str  # "First Committee", "General Assembly"
    meeting: int | None
    date: dt.date | None
    recorded: bool  # False: adopted without a vote
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    in_favour: tuple[StateRef, ...] = ()
    against: tuple[StateRef, ...] = ()
    abstaining: tuple[StateRef, ...] = ()
    not_voting: tuple[StateRef, ...] = ()
    intentions: tuple[VoteIntention, ...] = ()
    meeting_record: Symbol | None = None
    outcome: VoteOutcome | None = None
    subject: VoteSubject = VoteSubject.WHOLE
    part: str | None = None  # the eId, in the draft, of the paragraph voted on separately: "preamble_8"
    part_as_written: str | None = None  # "the eighth preambular paragraph"
    amendment: Symbol | None = None  # the amendment voted on (``draft`` is the draft it amends)
    became: Symbol | None = None  # the resolution or decision the action gave: "(resolution 61/295)"

    def lists(self) -> tuple[tuple[VotePosition, tuple[StateRef, ...]], ...]:
        """The States by position, in the order the documents print the lists; not voting last."""
        return (
            (VotePosition.IN_FAVOUR, self.in_favour),
            (VotePosition.AGAINST, self.against),
            (VotePosition.ABSTAINING, self.abstaining),
            (VotePosition.NOT_VOTING, self.not_voting),
        )

    def stated(self, position: VotePosition) -> int | None:
        """The total the document states for a position (None where it states none)."""
        return {
            VotePosition.IN_FAVOUR: self.yes,
            VotePosition.AGAINST: self.no,
            VotePosition.ABSTAINING: self.abstain,
        }.get(position)


@dataclass(frozen=True, slots=True)
class Adoption:
    date: dt.date | None
    meeting: int | None  # plenary meeting number
    meeting_record: Symbol | None = None  # A/77/PV.46
    report: Symbol | None = None  # the committee report it was adopted on
    report_paragraph: str | None = None
    report_of: str | None = None  # "First Committee"
    without_reference: bool = False  # "[without reference to a Main Committee (A/77/L.5)]"
    draft: Symbol | None = None  # the draft adopted, when known


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposal considered in a committee report."""

    symbol: Symbol | None
    title: str | None
    introduced: dt.date | None
    introduced_by: StateRef | None
    sponsors: tuple[Sponsorship, ...] = ()
    budget_implications: tuple[Symbol, ...] = ()
    vote: RecordedVote | None = None  # on the whole draft (or the last vote taken on it)
    recommended_as: str | None = None  # "draft resolution I"
    report_paragraphs: tuple[str, ...] = ()
    separate_votes: tuple[RecordedVote, ...] = ()  # before it: on paragraphs, on amendments, in order


@dataclass(frozen=True, slots=True)
class ReportParagraph:
    number: str
    eid: str
    text: str
    section: str | None
    citations: tuple[Citation, ...] = ()
    footnote_marks: tuple[str, ...] = ()
    line: int | None = None
    speaker: str | None = None  # in a verbatim record: who speaks, as printed ("Mr. Kiboino")
    speaker_state: StateRef | None = None  # the State the speaker represents


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    layout: str  # "akn4un", "pdf", "markdown-export", "pdftotext-layout", "pdftotext"


@dataclass(frozen=True, slots=True)
class Document:
    """A resolution, a draft resolution, or a committee report (whose drafts are embedded)."""

    kind: DocumentKind
    symbol: Symbol | None
    provisional_id: str | None  # when no symbol is known
    title: str | None
    source: Source | None = None
    date: dt.date | None = None
    distribution: str | None = None
    original_languages: tuple[str, ...] = ()
    session: int | None = None  # a regular session's number: 77 for the seventy-seventh
    # a special or emergency special session, as symbols write it ("ES-11", "S-28"; ``session`` is then None)
    special_session: str | None = None
    body: str | None = None  # the body the document comes from: "First Committee", "General Assembly"
    agenda_items: tuple[str, ...] = ()
    agenda_title: str | None = None
    sponsors: tuple[Sponsorship, ...] = ()
    formula: str | None = None  # the enacting formula as printed: "The General Assembly,"
    preamble: tuple[PreambularParagraph, ...] = ()
    operative: tuple[OperativeParagraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    adoption: Adoption | None = None
    votes: tuple[RecordedVote, ...] = ()
    revision_of: Symbol | None = None
    amends: Symbol | None = None  # an amendment's draft
    submitted_by: str | None = None  # an officer who submits a draft: "the Chair of the Committee, …"
    notes: tuple[str, ...] = ()  # notes on the heading, marked by an asterisk in it ("* Reissued …")
    keywords: tuple[str, ...] = ()  # subject IRIs (UNBIS, EuroVoc, SDG)
    aknwork: str | None = None  # the UN's Akoma Ntoso Work IRI for adopted resolutions
    presided_by: str | None = None  # a verbatim record: who presided, as printed ("Ms. Al-Khalifa (Bahrain)")
    # committee reports
    rapporteur: str | None = None
    rapporteur_state: StateRef | None = None
    report_paragraphs: tuple[ReportParagraph, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    recommended: tuple[EmbeddedDraft, ...] = ()
    coverage: Coverage | None = None  # of the source's body text (Akoma Ntoso sources)
    language: str = "en"  # BCP 47 tag of the text: "en", "fr", "zh"
    # the same document in other languages, each read from its own file; their parts carry the eIds of
    # this one's parts at the same place (``versions.align``), so that a paragraph has one IRI
    versions: tuple[Document, ...] = ()
    # the earlier texts it derives from, paragraph by paragraph (the lineage stage)
    comparisons: tuple[Comparison, ...] = ()

    @property
    def all_votes(self) -> tuple[RecordedVote, ...]:
        """Every vote the document records, in order: its own, or a report's proposals' (separate votes
        before the vote on the whole)."""
        if self.votes:
            return self.votes
        return tuple(v for p in self.proposals for v in (*p.separate_votes, *((p.vote,) if p.vote else ())))

    @property
    def in_session(self) -> int | str | None:
        """The session the document belongs to, as identifiers write it: 77, or "ES-11"."""
        return self.session if self.session is not None else self.special_session

    @property
    def identifier(self) -> str:
        return self.symbol.text if self.symbol else f"provisional/{self.provisional_id}"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation in the document, in reading order, once per symbol."""
        seen: dict[Symbol, Citation] = {}
        parts: list[tuple[Citation, ...]] = []
        for p in self.preamble:
            parts.append(p.citations)
        for o in self.operative:
            parts.append(o.citations)
            parts.extend(s.citations for s in o.subparagraphs)
        parts.extend(r.citations for r in self.report_paragraphs)
        parts.extend(p.citations for a in self.annexes for p in a.paragraphs)
        parts.extend(f.citations for f in self.footnotes)
        for group in parts:
            for c in group:
                seen.setdefault(c.symbol, c)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class EmbeddedDraft:
    """A draft resolution printed whole inside a committee report."""

    label: str  # "draft resolution I"
    document: Document


def to_json(value: Any) -> Any:
    """The model as plain JSON data (dataclasses, enums, dates, symbols)."""
    if isinstance(value, Symbol):
        return value.text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Citation):
            data["kind"] = value.kind.value
        return data
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value
