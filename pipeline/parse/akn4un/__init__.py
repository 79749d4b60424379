"""Akoma Ntoso input: the UN's AKN4UN resolution files read straight into the model (no text parsing).

What it tolerates, as the published files contain it: placeholder dates ``0001-01-01``, report
paragraph "N.A.", eIds that count every block in one sequence (``para_8`` can be operative paragraph
1; our eIds follow the printed numbers), unnumbered headings inside the operative part, collections
that hold several lettered resolutions (``77/128 A`` and ``B``) in one file. XML is parsed with
external entities, DTDs and network access off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.diagnostics import DocumentError
from pipeline.model import (
    Adoption,
    Citation,
    Document,
    DocumentKind,
    Footnote,
    OperativeParagraph,
    PreambularParagraph,
    RecordedVote,
    Source,
    SponsorRole,
    Sponsorship,
    StateRef,
    SubParagraph,
    VotePosition,
)
from pipeline.inputs import Block, RawDocument, clean, mark, marks_in, strip_marks
from pipeline.parse import votes
from pipeline.register import clauses, states
from pipeline.register.akn4un import AKN, AKN4UN, POSITIONS
from pipeline.parse.citations import citations
from pipeline.parse.header import heading
from pipeline.symbols import Symbol, SymbolError

NS = {"a": AKN, "u": AKN4UN}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True)
_LOST_NUMBER = re.compile(r"^(\d{1,3}) ?\.\s*(?=[A-Z])")
_SUB_NUMBER = re.compile(r"^(?:\([a-z]{1,2}\)|\([ivxlc]{1,6}\)|\d{1,3}\.\d{1,3})$")


def _q(name: str) -> str:
    return f"{{{AKN}}}{name}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def from_akn(raw: RawDocument) -> tuple[list[Document], list[Diagnostic]]:
    """Every resolution in one AKN4UN file (a collection holds several), and the diagnostics.

    Raises DocumentError when the file is not usable XML or not Akoma Ntoso."""
    try:
        root = etree.fromstring(raw.data or raw.text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise DocumentError(diagnostic("akn.bad-xml", raw.path, line, reason=exc.msg)) from None
    if root.tag != _q("akomaNtoso"):
        raise DocumentError(diagnostic("akn.not-akn", raw.path, root.sourceline,
                                       reason=f"the root element is <{etree.QName(root).localname}>"))
    top = next((c for c in root if isinstance(c.tag, str)), None)
    if top is None:
        raise DocumentError(diagnostic("akn.not-akn", raw.path, root.sourceline, reason="the document is empty"))
    diags: list[Diagnostic] = []
    if _local(top) == "documentCollection":
        outer = _Context.of(top, raw, diags)
        statements = [s for s in root.iterfind("a:components/a:component/a:statement", NS)]
        docs = [_statement(s, raw, diags, outer) for s in statements]
    elif _local(top) == "statement":
        docs = [_statement(top, raw, diags, None)]
    else:
        raise DocumentError(diagnostic("akn.not-akn", raw.path, top.sourceline,
                                       reason=f"<{_local(top)}> is not a GA resolution"))
    if not docs:
        raise DocumentError(diagnostic("akn.not-akn", raw.path, top.sourceline, reason="no resolution inside"))
    return docs, diags


# -- text ---------------------------------------------------------------------------------------------
@dataclass
class _Notes:
    """Footnotes met while reading text, with the eId of the paragraph each one stands in."""

    found: list[Footnote] = field(default_factory=list)

    def add(self, note: etree._Element, anchored_in: str) -> str:
        marker = (note.get("marker") or str(len(self.found) + 1)).strip()
        text = _text(note, None, "")
        eid = f"fn_{marker}" if all(f.marker != marker for f in self.found) else f"fn_{marker}_{len(self.found)}"
        self.found.append(Footnote(marker, eid, text, anchored_in, _cites(note, text), note.sourceline))
        return marker


def _text(element: etree._Element, notes: _Notes | None, anchored_in: str, skip: tuple[str, ...] = ()) -> str:
    """The text of an element with footnotes replaced by mark tokens (and recorded in ``notes``)."""
    return clean(_raw_text(element, notes, anchored_in, skip))


def _raw_text(element: etree._Element, notes: _Notes | None, anchored_in: str, skip: tuple[str, ...]) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        name = _local(child)
        if name == "authorialNote":
            if notes is not None:
                parts.append(mark(notes.add(child, anchored_in)))
        elif name == "eol":
            parts.append(" ")
        elif name and name not in skip:
            parts.append(_raw_text(child, notes, anchored_in, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _cites(element: etree._Element, text: str) -> tuple[Citation, ...]:
    """Citations read from the text, plus undocs.org links the text does not already cover."""
    found = list(citations(text))
    covered = {c.symbol.base.text.split(" ")[0] for c in found}
    for a in element.iter(_q("a")):
        if any(_local(x) == "authorialNote" for x in a.iterancestors()) and _local(element) != "authorialNote":
            continue  # a link in a footnote is the footnote's citation
        href = a.get("href") or ""
        m = re.match(r"^https?://undocs\.org/(?:[a-z]{2}/)?(.+)$", href)
        if not m:
            continue
        # "A/RES/76/84a-b" links the lettered resolutions 76/84 A and B: the text names them
        target = re.sub(r"^(A/RES/[^/]+/\d+)[a-z](?:-[a-z])*$", r"\1", m.group(1))
        try:
            symbol = Symbol.parse(target)
        except SymbolError:
            continue
        if symbol.text.split(" ")[0] not in covered:
            covered.add(symbol.text)
            found.append(Citation(symbol, clean("".join(a.itertext()))))
    return tuple(found)


# -- metadata -----------------------------------------------------------------------------------------
@dataclass
class _Context:
    """What the cover page, identification and workflow say."""

    symbol: Symbol | None = None
    aknwork: str | None = None
    adopted: dt.date | None = None
    published: dt.date | None = None
    blocks: list[Block] = field(default_factory=list)
    keywords: tuple[str, ...] = ()
    title: str | None = None

    @classmethod
    def of(cls, element: etree._Element, raw: RawDocument, diags: list[Diagnostic]) -> _Context:
        ctx = cls()
        uri = element.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS)
        ctx.aknwork = (uri.get("value") or "").rstrip("/") or None if uri is not None else None
        ctx.adopted = _date(element.find("a:meta/a:identification/a:FRBRWork/a:FRBRdate", NS))
        ctx.published = _date(element.find("a:meta/a:identification/a:FRBRExpression/a:FRBRdate", NS))
        number = element.find("a:coverPage//a:docNumber", NS)
        if number is not None:
            written = re.sub(r"^(A/RES/\S+) [A-Z](?:-[A-Z])+$", r"\1", clean("".join(number.itertext())))
            try:
                ctx.symbol = Symbol.parse(written)
            except SymbolError:
                diags.append(diagnostic("parse.generic-block", raw.path, number.sourceline,
                                        text=clean("".join(number.itertext()))))
        cover = element.find("a:coverPage", NS)
        if cover is not None:
            for p in cover.iterfind("a:p", NS):
                text = clean("".join(p.itertext()))
                if text and not (number is not None and text == clean("".join(number.itertext()))):
                    ctx.blocks.append(Block(text, p.sourceline or 0))
        ctx.keywords = tuple(sorted({k.get("href") for k in element.iterfind("a:meta/a:classification/a:keyword", NS)
                                     if k.get("href")}))
        doc_title = element.find("a:preface//a:docTitle", NS)
        ctx.title = _text(doc_title, None, "") if doc_title is not None else None
        return ctx


def _date(element: etree._Element | None) -> dt.date | None:
    value = element.get("date") if element is not None else None
    if not value or value.startswith("0001"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _statement(element: etree._Element, raw: RawDocument, diags: list[Diagnostic], outer: _Context | None) -> Document:
    path = raw.path
    ctx = _Context.of(element, raw, diags)
    letter = None
    if outer is not None:
        number = element.find("a:preface//a:docNumber", NS)
        letter = clean("".join(number.itertext())).rstrip(".") if number is not None else None
        ctx.blocks = outer.blocks + ctx.blocks
        ctx.symbol = ctx.symbol or outer.symbol
        ctx.keywords = ctx.keywords or outer.keywords
    preface = element.find("a:preface", NS)
    blocks = list(ctx.blocks)
    if preface is not None:
        blocks.append(Block(clean("".join(preface.itertext())), preface.sourceline or 0))
    h = heading(blocks)
    symbol = ctx.symbol or h.symbol  # the cover page's symbol keeps the letter ("A/RES/77/253 B")
    if letter and re.fullmatch(r"[A-Z]", letter) and symbol is not None:
        symbol = Symbol(f"{symbol.text} {letter}")
    # a lettered part of a collection without a title of its own has the collection's ("77/256 A")
    title = ctx.title or (outer.title if outer is not None else None) or h.title
    if symbol is None:
        raise DocumentError(diagnostic("akn.not-akn", path, element.sourceline, reason="no resolution symbol"))
    notes = _Notes()
    preamble = _preamble(element, notes, path, diags)
    operative = _operative(element, notes, path, diags)
    steps = list(element.iterfind("a:meta/a:workflow/a:step", NS))
    references = {r.get("eId"): r.get("showAs") for r in element.iterfind("a:meta/a:references/*", NS)}
    workflow = {(s.get("outcome") or "").lstrip("#"): s for s in steps}
    draft = next((found for found in (_symbol_attr(s, references) for s in steps
                                      if (s.get("outcome") or "").lstrip("#") == "draftResolution") if found), None)
    sponsors = _sponsors(steps, references, path, diags)
    report_step = workflow.get("recommendedForAdoption")
    report = _symbol_attr(report_step, references)
    report_paragraph = (report_step.get("refersTo") or "").strip() if report_step is not None else ""
    meeting, meeting_date = _conclusions(element)
    adopted = ctx.adopted or meeting_date or h.adoption_date or _date(workflow.get("adopted"))
    record = _symbol_attr(workflow.get("adopted"), references)
    adoption = Adoption(
        date=adopted,
        meeting=meeting,
        meeting_record=record,
        report=None if h.without_reference else (h.report or report),
        report_paragraph=None if report_paragraph in ("", "N.A.") or h.without_reference else report_paragraph,
        report_of=h.report_of,
        without_reference=h.without_reference,
        draft=draft or h.draft,
    )
    vote = _vote(element, draft, meeting, adopted, record, path, diags)
    return Document(
        kind=DocumentKind.RESOLUTION,
        symbol=symbol,
        provisional_id=None,
        title=title,
        source=Source(path, raw.sha256, "akn4un"),
        date=h.date or ctx.published,
        distribution=h.distribution,
        session=h.session or symbol.session,
        body="General Assembly",
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        sponsors=sponsors,
        preamble=tuple(preamble),
        operative=tuple(operative),
        footnotes=tuple(notes.found),
        adoption=adoption,
        votes=(vote,) if vote else (),
        keywords=ctx.keywords,
        aknwork=ctx.aknwork,
    )


def _symbol_attr(step: etree._Element | None, references: dict[str | None, str | None]) -> Symbol | None:
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


def _sponsors(steps: list[etree._Element], names: dict[str | None, str | None], path: str,
              diags: list[Diagnostic]) -> tuple[Sponsorship, ...]:
    """Sponsors from the workflow: the UN writes all names in one step's ``by`` text; an export of ours
    writes one step per sponsor with ``by="#fra"`` (the State's register code)."""
    out: list[Sponsorship] = []
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
            found = [StateRef(written, state.iso3)] if state else []
        else:
            found = states.sponsor_names(text, path, line, diags)
        for state in found:
            if state.iso3 and any(o.state.iso3 == state.iso3 for o in out):
                diags.append(diagnostic("sponsor.listed-twice", path, line, name=state.name_as_written))
                continue  # the workflow lists it as a sponsor and as an additional sponsor
            out.append(Sponsorship(state, role))
    return tuple(out)


def _conclusions(element: etree._Element) -> tuple[int | None, dt.date | None]:
    meeting = element.find("a:conclusions//a:inline[@name='adoptionMeeting']", NS)
    number = None
    if meeting is not None:
        m = re.match(r"^(\d+)", (meeting.get("title") or "".join(meeting.itertext())).strip())
        number = int(m.group(1)) if m else None
    return number, _date(element.find("a:conclusions//a:docDate", NS))


# -- structure ----------------------------------------------------------------------------------------
def _preamble(element: etree._Element, notes: _Notes, path: str, diags: list[Diagnostic]) -> list[PreambularParagraph]:
    out: list[PreambularParagraph] = []
    for container in element.iterfind("a:preamble/a:container", NS):
        ordinal = len(out) + 1
        eid = f"preamble_{ordinal}"
        text = _text(container, notes, eid)
        plain = strip_marks(text)
        phrase, key = clauses.preambular_clause(plain, ordinal, path, container.sourceline, diags)
        phrase = phrase if key else container.get("name") or phrase  # the UN's own markup of the phrase
        out.append(PreambularParagraph(ordinal, eid, phrase, key, plain, _cites(container, plain),
                                       tuple(marks_in(text)), container.sourceline))
    return out


@dataclass
class _Op:
    number: str | None  # None: printed without a number (a resolution's single operative paragraph)
    element: etree._Element
    heading: str | None
    lost_number: bool = False
    extra: list[etree._Element] = field(default_factory=list)


def _operative(element: etree._Element, notes: _Notes, path: str, diags: list[Diagnostic]) -> list[OperativeParagraph]:
    body = element.find("a:mainBody", NS)
    if body is None:
        return []
    ops: list[_Op] = []
    heading: str | None = None
    for p in body.iter(_q("paragraph"), _q("subheading"), _q("crossHeading")):
        if any(_local(a) == "paragraph" for a in p.iterancestors()):
            continue  # nested: read with its parent
        num = p.find("a:num", NS)
        if _local(p) != "paragraph" or num is None:
            text = clean("".join(t for t in p.itertext()))
            if _local(p) != "paragraph" or (p.get("class") or "").startswith("H"):
                heading = text or heading
            elif _LOST_NUMBER.match(text):
                # the number is in the text ("232 .Recognizes"): the file lost its <num> element
                ops.append(_Op(_LOST_NUMBER.match(text).group(1), p, heading, lost_number=True))
                heading = None
            elif not ops and text:
                ops.append(_Op(None, p, heading))  # an operative part of one unnumbered paragraph
                heading = None
            elif ops and text:
                diags.append(diagnostic("parse.generic-block", path, p.sourceline, text=text))
                ops[-1].extra.append(p)  # an unnumbered paragraph continues the one before it
            continue
        number = clean("".join(num.itertext())).rstrip(".")
        if re.fullmatch(r"[IVXL]{1,6}|[A-Z]", number):  # a part heading ("I", "II", "A"), not a paragraph
            heading = clean(" ".join(p.itertext())) or heading
            continue
        own = p.find("a:heading", NS)
        ops.append(_Op(number, p, clean("".join(own.itertext())) if own is not None else heading))
        heading = None
    out: list[OperativeParagraph] = []
    used: set[str] = set()
    ordinal = 0
    for op in ops:
        if op.number and _SUB_NUMBER.match(op.number) and out:
            # "(a)" or "1.5" printed as a paragraph of its own: a sub-paragraph of the one before
            parent = out[-1]
            eid = _unique(f"{parent.eid}__subpara_{op.number.strip('()')}", used)
            text = _text(op.element, notes, eid, skip=("num",))
            sub = SubParagraph(f"({op.number.strip('()')})" if op.number.startswith("(") else op.number, eid,
                               strip_marks(text), _cites(op.element, strip_marks(text)), tuple(marks_in(text)),
                               op.element.sourceline)
            out[-1] = dataclasses.replace(parent, subparagraphs=(*parent.subparagraphs, sub))
            continue
        ordinal += 1
        out.append(_paragraph(ordinal, op, _unique(f"para_{op.number or ordinal}", used), notes, path, diags))
    return out


def _unique(eid: str, used: set[str]) -> str:
    """eIds follow the printed numbers; a number printed again (sections that restart) gets a suffix."""
    candidate, n = eid, 1
    while candidate in used:
        n += 1
        candidate = f"{eid}__{n}"
    used.add(candidate)
    return candidate


def _paragraph(ordinal: int, op: _Op, eid: str, notes: _Notes, path: str, diags: list[Diagnostic]) -> OperativeParagraph:
    p = op.element
    intro = p.find("a:list/a:intro", NS)
    main = intro if intro is not None else p
    text = _text(main, notes, eid, skip=("num", "list", "heading") if intro is None else ("num",))
    if op.lost_number:
        text = _LOST_NUMBER.sub("", text, count=1)
    for extra in op.extra:
        text += " " + _text(extra, notes, eid)
    subs: list[SubParagraph] = []
    for point in p.iter(_q("point")):
        num = point.find("a:num", NS)
        number = clean("".join(num.itertext())) if num is not None else f"({len(subs) + 1})"
        parent = point.getparent().getparent() if point.getparent() is not None else None
        if parent is not None and _local(parent) == "point":
            outer = parent.find("a:num", NS)
            number = (clean("".join(outer.itertext())) if outer is not None else "") + number
        key = re.sub(r"[()]+", "_", number).strip("_")
        sub_eid = f"{eid}__subpara_{key}"
        content = point.find("a:content", NS)
        sub_text = _text(content if content is not None else point, notes, sub_eid, skip=("num", "list", "sublist"))
        subs.append(SubParagraph(number, sub_eid, strip_marks(sub_text), _cites(point, strip_marks(sub_text)),
                                 tuple(marks_in(sub_text)), point.sourceline))
    plain = strip_marks(text)
    phrase, key = clauses.operative_clause(plain, op.number, ordinal, path, p.sourceline, diags)
    return OperativeParagraph(ordinal, op.number, eid, phrase, key, plain, tuple(subs), _cites(main, plain),
                              tuple(marks_in(text)), op.heading, p.sourceline)


# -- votes --------------------------------------------------------------------------------------------
def _vote(element: etree._Element, draft: Symbol | None, meeting: int | None, date: dt.date | None,
          record: Symbol | None, path: str, diags: list[Diagnostic]) -> RecordedVote | None:
    voting = element.find("a:meta/a:analysis/a:parliamentary/a:voting", NS)
    if voting is None:
        return None
    outcome = voting.get("outcome") or ""
    if "RecordedVote" not in outcome:
        return RecordedVote(draft, "General Assembly", meeting, date, recorded=False, meeting_record=record)
    counts: dict[VotePosition, int | None] = {}
    lists: dict[VotePosition, tuple[StateRef, ...]] = {}
    for count in voting.iterfind("a:count", NS):
        position = POSITIONS.get((count.get("refersTo") or "").lstrip("#"))
        if position is None:
            continue
        value = count.get("value")
        counts[position] = int(value) if value and value.isdigit() else None
        refs = []
        for org in count.iterfind("u:voters/a:organization", NS):
            name = clean("".join(org.itertext()))
            state = states.resolve(name)
            if state is None:
                diags.append(diagnostic("state.unknown", path, org.sourceline, name=name))
            refs.append(StateRef(name, state.iso3 if state else None))
        lists[position] = tuple(refs)
    listed = {r.iso3 for refs in lists.values() for r in refs if r.iso3}
    vote = RecordedVote(
        draft=draft, body="General Assembly", meeting=meeting, date=date, recorded=True,
        # a recorded vote without a count for a position had none in it
        yes=counts.get(VotePosition.IN_FAVOUR, 0), no=counts.get(VotePosition.AGAINST, 0),
        abstain=counts.get(VotePosition.ABSTAINING, 0), in_favour=lists.get(VotePosition.IN_FAVOUR, ()),
        against=lists.get(VotePosition.AGAINST, ()), abstaining=lists.get(VotePosition.ABSTAINING, ()),
        not_voting=votes.non_voting(date, listed), meeting_record=record,
    )
    diags.extend(votes.checks(vote, path, voting.sourceline))
    return vote
