"""The heading block: symbol, distribution, date, languages, session, committee, agenda item and
title, sponsors, title, and for resolutions the adoption line and "[on the report of …]".

``heading(blocks)`` reads the blocks before the body; each block is classified on its own, so the
reader works on a fragment as well as on a whole document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, RawDocument, strip_marks
from pipeline.model import DocumentKind
from pipeline.register.bodies import committee_name
from pipeline.register.dates import DATE, parse_date
from pipeline.register.numbers import ordinal_number
from pipeline.symbols import Symbol, SymbolError, special_session

_DISTR = re.compile(r"^Distr\.:\s*(General|Limited|Restricted)\b\s*(.*)$")
_DATE_ONLY = re.compile(rf"^({DATE})$")
_ORIGINAL = re.compile(r"^Original:\s*(.+)$")
_SESSION = re.compile(r"^(\S+?)\s+(special\s+|emergency\s+special\s+)?session$", re.I)
_AGENDA = re.compile(r"^Agenda items?\s+(.+)$")
# "United States of America:* amendment to draft resolution A/80/L.25"
_AMENDMENT = re.compile(
    r"^(.+?):(?:\s*[*,]){0,6}\s*amendments? to (?:revised )?draft (?:resolution|decision) (\S+)$", re.S
)
# "Canada, Greece …: draft resolution", the colon followed by a note's asterisk where the draft has one
_SPONSORED = re.compile(r"^(.+?):(?:\s*[*,]){0,6}\s*(revised\s+)?draft\s+(resolution|decision)$", re.S)
_SUBMITTED = re.compile(r"^(Revised\s+)?[Dd]raft\s+(resolution|decision)s?\s+submitted\s+by\s+(.+)$", re.S)
_OFFICER = re.compile(
    r"^the\s+(?:President|Vice-President|Chair|Vice-Chair|Chairs|Rapporteur|Bureau|Secretary-General|co-facilitators?|facilitators?)\b",
    re.I,
)
_BARE_DRAFT = re.compile(r"^(?:Revised\s+)?[Dd]raft\s+(resolution|decision)\*{0,3}$")
_NOTE_BY = re.compile(r"^Note by (the (?:Secretariat|Secretary-General|President|Chair|Bureau)\b.*)$")
_ADOPTED = re.compile(rf"^(Resolution|Decision) adopted by the General Assembly on ({DATE})$")
_ON_REPORT = re.compile(r"^\[on the reports? of the (.+?)\s*\((A/[^,()\s]+)(?:,\s*paras?\.\s*([^)]+))?\)\]$")
_WITHOUT = re.compile(r"^\[without reference to a Main Committee\s*\((A/[^)\s]+)\)\]$")
_NUMBERED_TITLE = re.compile(r"^((?:ES-|S-)?\d{1,3})/(\d{1,4})(?: ([A-Z]))?\.\s+(.+)$")
# "Rapporteur: Mr. Name (State)"; the State may hold one parenthesis: "(Venezuela (Bolivarian Republic of))".
# The name starts and ends in a non-space, so no white space run is open to two quantifiers: linear.
_RAPPORTEUR = re.compile(
    r"^Rapporteur:\s*(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)?([^()\s](?:[^()]*[^()\s])?)\s*\(([^()]+(?:\([^()]*\)[^()]*)?)\)$"
)
_IGNORED = {
    "General Assembly",
    "United Nations",
    "Original:",
    "English",
    "French",
    "Spanish",
    "Russian",
    "Arabic",
    "Chinese",
}
_LANGUAGE_SPLIT = re.compile(r",\s*|(?<!\s)\s+and\s+")  # a run of spaces is tried from its start only


@dataclass
class Heading:
    symbol: Symbol | None = None
    kind: DocumentKind | None = None
    distribution: str | None = None
    date: dt.date | None = None
    languages: list[str] = field(default_factory=list)
    session: int | None = None
    special_session: str | None = None  # "ES-11": the heading names an (emergency) special session
    committee: str | None = None
    agenda_items: list[str] = field(default_factory=list)
    agenda_title: str | None = None
    sponsors_text: str | None = None
    sponsors_line: int | None = None
    title: str | None = None
    adoption_date: dt.date | None = None
    report: Symbol | None = None
    report_paragraph: str | None = None
    report_of: str | None = None
    without_reference: bool = False
    draft: Symbol | None = None
    amends: Symbol | None = None
    submitted_by: str | None = None  # an officer: "the Chair of the Committee following informal consultations"
    rapporteur: str | None = None
    rapporteur_state: str | None = None
    unrecognised: list[Block] = field(default_factory=list)


def heading(blocks: list[Block]) -> Heading:
    h = Heading()
    previous = ""
    for block in blocks:
        if block.footnote is not None:
            continue
        previous = _classify(h, block, previous)
    return h


def _classify(h: Heading, block: Block, previous: str) -> str:
    """Fill in what one block says; return a word naming what it was (for the next block)."""
    text = block.text.strip()
    if text in _IGNORED:
        return previous
    m = _DISTR.match(text)
    if m:
        h.distribution = m.group(1)
        rest = m.group(2).strip()
        if rest and parse_date(rest):
            h.date = parse_date(rest)
        return "distr"
    if _DATE_ONLY.match(text):
        h.date = parse_date(text)
        return "date"
    m = _ORIGINAL.match(text)
    if m:
        h.languages = [lang for lang in _LANGUAGE_SPLIT.split(m.group(1).strip(". ")) if lang]
        return "original"
    m = _SESSION.match(text)
    if m and (number := ordinal_number(m.group(1))) is not None:
        if m.group(2):  # "Eleventh emergency special session": not the eleventh session
            h.special_session = special_session(m.group(2), number)
        else:
            h.session = number
        return "session"
    if committee_name(text) and len(text) < 80 and not text.startswith("[") and h.committee is None:
        if text.startswith("Report of the"):
            h.kind = DocumentKind.COMMITTEE_REPORT
            h.report_of = committee_name(text)
        h.committee = committee_name(text)
        return "committee"
    m = _AGENDA.match(text)
    if m:
        h.agenda_items = [i for i in re.split(r",\s*|\s+and\s+", m.group(1)) if i]
        return "agenda"
    m = _ADOPTED.match(text)
    if m:
        h.kind = DocumentKind.RESOLUTION if m.group(1) == "Resolution" else DocumentKind.DECISION
        h.adoption_date = parse_date(m.group(2))
        return "adopted"
    m = _ON_REPORT.match(text)
    if m:
        h.report_of = committee_name(m.group(1)) or m.group(1)
        h.report = _symbol(m.group(2))
        h.report_paragraph = m.group(3).strip() if m.group(3) else None
        return "on-report"
    m = _WITHOUT.match(text)
    if m:
        h.without_reference = True
        h.draft = _symbol(m.group(1))
        return "without-reference"
    m = _NUMBERED_TITLE.match(text)
    if m and h.kind in (DocumentKind.RESOLUTION, DocumentKind.DECISION, None):
        number, letter = int(m.group(2)), m.group(3)
        session = int(m.group(1)) if m.group(1).isdigit() else m.group(1)
        if h.kind is DocumentKind.DECISION:
            h.symbol = Symbol.decision(session, number, letter)
        else:
            h.kind = DocumentKind.RESOLUTION
            h.symbol = Symbol.resolution(session, number, letter)
        h.title = m.group(4).strip()
        return "title"
    m = _AMENDMENT.match(strip_marks(text))
    if m and len(m.group(1)) < 20_000:
        h.kind = DocumentKind.AMENDMENT
        h.sponsors_text = m.group(1).strip()
        h.sponsors_line = block.line
        h.amends = _symbol(m.group(2))
        return "sponsors"
    m = _SPONSORED.match(strip_marks(text))
    if m and len(m.group(1)) < 20_000:
        h.kind = DocumentKind.DECISION if m.group(3) == "decision" else DocumentKind.DRAFT_RESOLUTION
        h.sponsors_text = m.group(1).strip()
        h.sponsors_line = block.line
        return "sponsors"
    m = _BARE_DRAFT.match(strip_marks(text))
    if m:  # "Draft resolution" with no sponsors printed (a draft by consensus of a committee)
        h.kind = DocumentKind.DECISION if m.group(1) == "decision" else DocumentKind.DRAFT_RESOLUTION
        return "sponsors"
    m = _NOTE_BY.match(strip_marks(text))
    if m:
        h.submitted_by = m.group(1)
        if h.title is None and previous == "unrecognised" and h.unrecognised:
            h.title = h.unrecognised.pop().text  # the note's title stands above "Note by …"
        return "note-by"
    m = _SUBMITTED.match(strip_marks(text))
    if m:
        h.kind = DocumentKind.DECISION if m.group(2) == "decision" else DocumentKind.DRAFT_RESOLUTION
        submitter = m.group(3).strip().rstrip("*").strip()
        if _OFFICER.match(submitter):  # "the Chair of the Committee …", "the Bureau": no State sponsors it
            h.submitted_by = submitter
        else:
            h.sponsors_text = submitter
        h.sponsors_line = block.line
        return "sponsors"
    m = _RAPPORTEUR.match(text)
    if m:
        h.rapporteur, h.rapporteur_state = m.group(1).strip(), m.group(2).strip()
        return "rapporteur"
    if "/" in text and " " not in text:
        symbol = _symbol(strip_marks(text).rstrip("*"))  # "A/C.1/80/L.23*": the asterisk marks a reissue
        if symbol:
            h.symbol = symbol
            return "symbol"
    if previous == "agenda" and h.agenda_title is None:
        h.agenda_title = text
        return "agenda-title"
    if previous in ("sponsors", "agenda-title", "committee") and h.title is None and h.kind is not None:
        h.title = text
        return "title"
    h.unrecognised.append(block)
    return "unrecognised"


def _symbol(text: str) -> Symbol | None:
    try:
        return Symbol.parse(text)
    except SymbolError:
        return None


def identify(raw: RawDocument, h: Heading) -> tuple[Symbol | None, str | None, list[Diagnostic]]:
    """The document's symbol from its text or the manifest, else a provisional identifier; and what
    was noticed on the way (a conflict between the two, a provisional identifier)."""
    found: list[Diagnostic] = []
    manifest = raw.manifest.symbol
    if h.symbol and manifest and h.symbol != manifest:
        found.append(diagnostic("parse.symbol-conflict", raw.path, manifest=manifest.text, text=h.symbol.text))
    symbol = h.symbol or manifest
    if symbol:
        return symbol, None, found
    ident = raw.sha256[:12]
    found.append(diagnostic("parse.provisional-symbol", raw.path, 1, ident=f"provisional/{ident}"))
    return None, ident, found


def session_of(h: Heading, symbol: Symbol | None) -> tuple[int | None, str | None]:
    """The regular session a document belongs to, or else its special session ("ES-11"): from its
    heading, else from its symbol. A document of a special session has no regular session: the heading
    "Tenth emergency special session" does not name the tenth session."""
    special = h.special_session or (symbol.special_session if symbol else None)
    if special is not None:
        return None, special
    return h.session or (symbol.session if symbol else None), None
