"""What an AKN4UN file says besides its text: the cover page, identification and keywords, the
workflow (draft, sponsors, report, meeting record), the adoption meeting and the recorded vote."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from lxml import etree

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, RawDocument, clean
from pipeline.model import RecordedVote, SponsorRole, Sponsorship, StateRef, VoteOutcome, VotePosition
from pipeline.parse import votes
from pipeline.parse.akn4un.text import NS, marked_text
from pipeline.parse.names import sponsor_refs, unknown
from pipeline.register import languages, states
from pipeline.register.akn4un import POSITIONS
from pipeline.symbols import Symbol, SymbolError


@dataclass
class Context:
    """What the cover page, identification and workflow say."""

    symbol: Symbol | None = None
    aknwork: str | None = None
    adopted: dt.date | None = None
    published: dt.date | None = None
    blocks: list[Block] = field(default_factory=list)
    keywords: tuple[str, ...] = ()
    title: str | None = None
    language: str = "en"  # BCP 47, from FRBRExpression/FRBRlanguage


def context(element: etree._Element, raw: RawDocument) -> tuple[Context, list[Diagnostic]]:
    """The context of a statement or a collection, and what was noticed reading it."""
    diags: list[Diagnostic] = []
    ctx = Context()
    uri = element.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS)
    ctx.aknwork = (uri.get("value") or "").rstrip("/") or None if uri is not None else None
    ctx.adopted = date_of(element.find("a:meta/a:identification/a:FRBRWork/a:FRBRdate", NS))
    ctx.published = date_of(element.find("a:meta/a:identification/a:FRBRExpression/a:FRBRdate", NS))
    spoken = element.find("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", NS)
    if spoken is not None and (code := (spoken.get("language") or "").strip()):
        known = languages.by_code(code)
        ctx.language = known.tag if known else code.lower()
        if known is None:
            diags.append(diagnostic("akn.language", raw.path, spoken.sourceline, found=code, tag=ctx.language))
    number = element.find("a:coverPage//a:docNumber", NS)
    if number is not None:
        # a collection's cover names its parts: "A/RES/77/256 A-B", "A/DEC/76/553 A and B"
        written = re.sub(
            r"^(A/(?:RES|DEC)/\S+) [A-Z](?:(?:-| and |, ?)[A-Z])+$", r"\1", clean("".join(number.itertext()))
        )
        try:
            ctx.symbol = Symbol.parse(written)
        except SymbolError:
            diags.append(
                diagnostic("parse.generic-block", raw.path, number.sourceline, text=clean("".join(number.itertext())))
            )
    cover = element.find("a:coverPage", NS)
    if cover is not None:
        for p in cover.iterfind("a:p", NS):
            text = clean("".join(p.itertext()))
            if text and not (number is not None and text == clean("".join(number.itertext()))):
                ctx.blocks.append(Block(text, p.sourceline or 0))
    ctx.keywords, found = _keywords(element, raw.path)
    diags += found
    doc_title = element.find("a:preface//a:docTitle", NS)
    ctx.title = marked_text(doc_title, None, "") if doc_title is not None else None
    return ctx, diags


def _keywords(element: etree._Element, path: str) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The IRIs of a statement's keywords (its classification, the UNBIS thesaurus's concepts), sorted;
    an ``href`` that is not an IRI (a space in it, no scheme) is reported and left out."""
    kept: set[str] = set()
    found: list[Diagnostic] = []
    for keyword in element.iterfind("a:meta/a:classification/a:keyword", NS):
        href = keyword.get("href")
        if not href:
            continue
        try:
            ox.NamedNode(href)
        except ValueError:
            found.append(diagnostic("akn.keyword-iri", path, keyword.sourceline, href=href))
            continue
        kept.add(href)
    return tuple(sorted(kept)), found


def date_of(element: etree._Element | None) -> dt.date | None:
    """The date of an element's ``date`` attribute; none for a placeholder (``0001-01-01``)."""
    value = element.get("date") if element is not None else None
    if not value or value.startswith("0001"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def symbol_attr(step: etree._Element | None, references: dict[str | None, str | None]) -> Symbol | None:
    """The symbol a workflow step names: in ``as`` (the UN's files), or through ``refersTo`` a
    TLCReference whose ``showAs`` is the symbol (our export)."""
    if step is None:
        return None
    for value in ((step.get("as") or "").strip(), references.get((step.get("refersTo") or "").lstrip("#")) or ""):
        try:
            return Symbol.parse(value)
        except SymbolError:
            continue
    return None


def sponsors(
    steps: list[etree._Element], names: dict[str | None, str | None], path: str
) -> tuple[tuple[Sponsorship, ...], list[Diagnostic]]:
    """Sponsors from the workflow: the UN writes all names in one step's ``by`` text; an export of ours
    writes one step per sponsor with ``by="#fra"`` (the State's register code)."""
    out: list[Sponsorship] = []
    listed: set[str] = set()  # the codes of the States in ``out``
    diags: list[Diagnostic] = []
    roles = {"draftResolution": SponsorRole.ORIGINAL, "draftResolutionAdditionalSponsors": SponsorRole.JOINED}
    for step in steps:
        role = roles.get((step.get("outcome") or "").lstrip("#"))
        text = (step.get("by") or "").strip()
        if role is None or not text or text.lower() in ("n.a.", "none") or re.fullmatch(r"#(?![a-z]{3}$).*", text):
            continue  # no sponsor named, or a reference to a body ("#ga")
        line = step.sourceline
        if re.fullmatch(r"#[a-z]{3}", text):
            state = states.by_code(text[1:].upper())
            written = names.get(text[1:]) or (state.name if state else text)
            found: list[tuple[StateRef, str | None]] = [(StateRef(written, state.iso3), None)] if state else []
        else:
            found, noticed = sponsor_refs(text, path, line)
            diags += noticed
        for ref, group in found:
            if ref.iso3 and ref.iso3 in listed:
                diags.append(diagnostic("sponsor.listed-twice", path, line, name=ref.name_as_written))
                continue  # the workflow lists it as a sponsor and as an additional sponsor
            out.append(Sponsorship(ref, role, group))
            if ref.iso3:
                listed.add(ref.iso3)
    return tuple(out), diags


def conclusions(element: etree._Element) -> tuple[int | None, dt.date | None]:
    """The number and date of the adoption meeting, as the conclusions give them: an
    ``<inline name="adoptionMeeting">`` (session 77) or any element that refers to it, such as
    ``<location refersTo="#adoptionMeeting">`` (session 78)."""
    meeting = element.find("a:conclusions//a:inline[@name='adoptionMeeting']", NS)
    if meeting is None:
        meeting = element.find("a:conclusions//*[@refersTo='#adoptionMeeting']", NS)
    number = None
    if meeting is not None:
        m = re.match(r"^(\d+)", (meeting.get("title") or "".join(meeting.itertext())).strip())
        number = int(m.group(1)) if m else None
    return number, date_of(element.find("a:conclusions//a:docDate", NS))


def record_number(record: Symbol | None) -> int | None:
    """The meeting a plenary record is the record of: A/78/PV.38 → 38."""
    m = re.search(r"/PV\.(\d{1,4})$", record.text) if record else None
    return int(m.group(1)) if m else None


def vote(
    element: etree._Element,
    draft: Symbol | None,
    meeting: int | None,
    date: dt.date | None,
    record: Symbol | None,
    path: str,
) -> tuple[RecordedVote | None, list[Diagnostic]]:
    """The vote the analysis records, with what was noticed (unknown States, totals against lists)."""
    voting = element.find("a:meta/a:analysis/a:parliamentary/a:voting", NS)
    if voting is None:
        return None, []
    outcome = voting.get("outcome") or ""
    # "adoptedRecordedVote", "adoptedWithoutVote", or (emergency sessions) "Adopted 133-3-0, 88th plenary meeting"
    said = re.match(r"^(adopted|rejected)", outcome, re.I)
    result = VoteOutcome(said.group(1).lower()) if said else None
    # a recorded vote says so ("adoptedRecordedVote"), or, in session 75's files, gives its counts and lists
    # under an outcome in words ("Adopted 90-0-47, 87th plenary meeting")
    counted = voting.find("a:count", NS) is not None and not re.search(r"without", outcome, re.I)
    if "RecordedVote" not in outcome and not counted:
        return RecordedVote(
            draft, "General Assembly", meeting, date, recorded=False, meeting_record=record, outcome=result
        ), []
    diags: list[Diagnostic] = []
    counts: dict[VotePosition, int | None] = {}
    lists: dict[VotePosition, tuple[StateRef, ...]] = {}
    for count in voting.iterfind("a:count", NS):
        position = POSITIONS.get((count.get("refersTo") or "").lstrip("#"))
        if position is None:
            continue
        value = count.get("value")
        counts[position] = int(value) if value and value.isdigit() else None
        refs: list[StateRef] = []
        for org in count.iterfind("u:voters/a:organization", NS):
            name = clean("".join(org.itertext()))
            state = states.resolve(name)
            ref = StateRef(name, state.iso3 if state else None)
            diags += unknown([ref], path, org.sourceline)
            refs.append(ref)
        lists[position] = tuple(refs)
    listed = {r.iso3 for refs in lists.values() for r in refs if r.iso3}
    found = RecordedVote(
        draft=draft,
        outcome=result,
        body="General Assembly",
        meeting=meeting,
        date=date,
        recorded=True,
        # a recorded vote without a count for a position had none in it
        yes=counts.get(VotePosition.IN_FAVOUR, 0),
        no=counts.get(VotePosition.AGAINST, 0),
        abstain=counts.get(VotePosition.ABSTAINING, 0),
        in_favour=lists.get(VotePosition.IN_FAVOUR, ()),
        against=lists.get(VotePosition.AGAINST, ()),
        abstaining=lists.get(VotePosition.ABSTAINING, ()),
        not_voting=votes.non_voting(date, listed),
        meeting_record=record,
    )
    return found, diags + votes.checks(found, path, voting.sourceline)
