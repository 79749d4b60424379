"""Akoma Ntoso export: every document of the model as AKN 3.0 XML, following the UN's AKN4UN
practice (FRBR identification, ``statement name="resolution"``, preamble containers, ``mainBody``
paragraphs with points, ``authorialNote``, workflow steps, the parliamentary analysis with votes),
with States named by their register codes. Reads only the model; validated against the OASIS schema
(``schema.py``).

Differences from the UN's files, on purpose: eIds follow the printed numbers (``para_1`` is operative
paragraph 1); FRBR IRIs have no trailing slash; references start with ``#``; drafts and committee
reports, which the UN does not publish in AKN, get Work IRIs of the same pattern
(``/akn/un/statement/deliberation/unga-c1/{date}/A-C.1-77-L.23``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from lxml import etree

from pipeline.model import (
    Citation,
    Document,
    DocumentKind,
    Footnote,
    OperativeParagraph,
    RecordedVote,
    SponsorRole,
    StateRef,
)
from pipeline.register import bodies, dates, languages
from pipeline.register.akn4un import AKN, AKN4UN, COUNTS
from pipeline.register.numbers import ordinal_suffixed, ordinal_words
from pipeline.register.states import by_code

NSMAP = {None: AKN, "akn4un": AKN4UN}
SOURCE = "#unga-ld"


def _e(parent: etree._Element | None, _tag: str, _text: str | None = None, **attrs: str) -> etree._Element:
    """A child element; attribute names: ``as_`` for ``as``."""
    tag = _qualified(_tag)
    # the root declares the namespaces (the None key is the default one)
    element = etree.Element(tag, nsmap=NSMAP) if parent is None else etree.SubElement(parent, tag)
    for key, value in attrs.items():
        element.set(_attribute(key), value)
    if _text is not None:
        element.text = _text
    return element


@cache
def _qualified(tag: str) -> str:
    return f"{{{AKN}}}{tag}" if ":" not in tag else f"{{{AKN4UN}}}{tag.split(':', 1)[1]}"


@cache
def _attribute(key: str) -> str:
    return key.rstrip("_").replace("__", ":")


def work_iri(doc: Document) -> str:
    """The FRBR Work IRI: the UN's pattern for adopted resolutions, the same pattern for the rest."""
    day = (doc.adoption.date if doc.adoption and doc.adoption.date else doc.date) or dt.date(1, 1, 1)
    if doc.aknwork:
        return doc.aknwork
    un_work = doc.symbol.akn_work(day.isoformat()) if doc.symbol else None
    if un_work:
        return un_work
    actor = (bodies.by_number(doc.symbol.committee if doc.symbol else None) or bodies.PLENARY).akn_actor
    ident = (doc.symbol.iri_path if doc.symbol else f"provisional-{doc.provisional_id}").replace("/", "-")
    return f"/akn/un/statement/deliberation/{actor}/{day.isoformat()}/{ident}"


def to_akn(doc: Document) -> etree._Element:
    """The document as an ``akomaNtoso`` element tree."""
    root = _e(None, "akomaNtoso")
    kind = {
        DocumentKind.RESOLUTION: "resolution",
        DocumentKind.DRAFT_RESOLUTION: "resolutionDraft",
        DocumentKind.DECISION: "decision",
        DocumentKind.COMMITTEE_REPORT: "committeeReport",
        DocumentKind.AMENDMENT: "amendment",
        DocumentKind.PLENARY_RECORD: "verbatimRecord",
    }[doc.kind]
    prose = doc.kind is DocumentKind.COMMITTEE_REPORT
    element = "doc" if prose else "debate" if doc.kind is DocumentKind.PLENARY_RECORD else "statement"
    top = _e(root, element, name=kind)
    states: dict[str, StateRef] = {}
    meta = _meta(top, doc, states)
    _cover(top, doc)
    if prose:
        _report_body(top, doc)
        _attachments(top, doc)
    elif doc.kind is DocumentKind.PLENARY_RECORD:
        _preface(top, doc)
        _debate_body(top, doc)
    else:
        _preface(top, doc)
        notes = {n.marker: n for n in doc.footnotes}
        written: set[str] = set()  # each footnote written once
        _preamble(top, doc, notes, written)
        _main(top, doc, notes, written)
        _conclusions(top, doc)
        _annexes(top, doc, notes, written)
    _references(meta, doc, states)
    return root


def akn_bytes(doc: Document) -> bytes:
    return etree.tostring(to_akn(doc), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _identification(meta: etree._Element, doc: Document, component: str = "main") -> None:
    """FRBR Work, Expression and Manifestation of the document, or of one of its components (an annex:
    ``!annex_1``)."""
    ident = _e(meta, "identification", source=SOURCE)
    work = work_iri(doc)
    day = (doc.adoption.date if doc.adoption and doc.adoption.date else doc.date) or dt.date(1, 1, 1)
    date_name = "adoption" if doc.kind is DocumentKind.RESOLUTION else "issue"
    frbr = _e(ident, "FRBRWork")
    _e(frbr, "FRBRthis", value=f"{work}/!{component}")
    _e(frbr, "FRBRuri", value=work)
    _e(frbr, "FRBRdate", date=day.isoformat(), name=date_name)
    _e(frbr, "FRBRauthor", href="#ga", as_="#author")
    _e(frbr, "FRBRcountry", value="un")
    _e(frbr, "FRBRsubtype", value="deliberation")
    if doc.symbol:
        _e(frbr, "FRBRnumber", value=doc.symbol.iri_path.replace("/", "-"), showAs=doc.symbol.text)
    known = languages.by_code(doc.language)
    code = known.code if known else doc.language
    expression = _e(ident, "FRBRExpression")
    _e(expression, "FRBRthis", value=f"{work}/{code}@/!{component}")
    _e(expression, "FRBRuri", value=f"{work}/{code}@")
    _e(expression, "FRBRdate", date=(doc.date or day).isoformat(), name="publication")
    _e(expression, "FRBRauthor", href="#ga", as_="#author")
    if doc.language != "en":  # a language version: the English expression is the one its eIds follow
        _e(expression, "FRBRmasterExpression", href=f"{work}/{languages.ENGLISH.code}@", showAs="English")
    _e(expression, "FRBRlanguage", language=code)
    manifestation = _e(ident, "FRBRManifestation")
    _e(manifestation, "FRBRthis", value=f"{work}/{code}@/!{component}.akn")
    _e(manifestation, "FRBRuri", value=f"{work}/{code}@.akn")
    _e(manifestation, "FRBRdate", date=(doc.date or day).isoformat(), name="generation")
    _e(manifestation, "FRBRauthor", href=SOURCE, as_="#editor")


# -- meta -----------------------------------------------------------------------------------------------
def _meta(top: etree._Element, doc: Document, states: dict[str, StateRef]) -> etree._Element:
    meta = _e(top, "meta")
    _identification(meta, doc)
    if doc.keywords:
        classification = _e(meta, "classification", source=SOURCE)
        for i, keyword in enumerate(doc.keywords, 1):
            _e(
                classification,
                "keyword",
                value=keyword.rsplit("/", 1)[-1],
                showAs=keyword.rsplit("/", 1)[-1],
                dictionary=_dictionary(keyword),
                href=keyword,
                eId=f"keyword_{i}",
            )
    steps = _workflow_steps(doc, states)
    if steps:
        workflow = _e(meta, "workflow", source=SOURCE)
        for attrs in steps:
            _e(workflow, "step", **attrs)
    votes = [v for v in _votes(doc) if v.recorded or v.yes is None]
    if votes:
        analysis = _e(meta, "analysis", source=SOURCE)
        parliamentary = _e(analysis, "parliamentary")
        for i, vote in enumerate(votes, 1):
            _voting(parliamentary, vote, i, states)
    return meta


def _dictionary(keyword: str) -> str:
    if "eurovoc" in keyword:
        return "EuroVoc"
    if "/sdg/" in keyword:
        return "SDGO"
    return "UNBIS"


def _votes(doc: Document) -> list[RecordedVote]:
    if doc.kind is DocumentKind.COMMITTEE_REPORT:
        return list(doc.all_votes)
    return list(doc.votes)


def _workflow_steps(doc: Document, states: dict[str, StateRef]) -> list[dict[str, str]]:
    steps: list[dict[str, str]] = []
    day = (doc.date or (doc.adoption.date if doc.adoption else None) or dt.date(1, 1, 1)).isoformat()
    draft = doc.adoption.draft if doc.adoption and doc.adoption.draft else doc.symbol
    if doc.adoption and doc.adoption.draft:  # the draft adopted, as the UN writes it
        steps.append({"date": day, "outcome": "#draftResolution", "by": "#ga", "as_": doc.adoption.draft.text})
    for s in doc.sponsors:
        if s.state.iso3:
            states[s.state.iso3] = s.state
            outcome = "#draftResolution" if s.role is SponsorRole.ORIGINAL else "#draftResolutionAdditionalSponsors"
            step = {"date": day, "outcome": outcome, "by": f"#{s.state.iso3.lower()}", "as_": "#sponsor"}
            if draft:
                step["refersTo"] = f"#{_ref(draft.text)}"
            steps.append(step)
    a = doc.adoption
    if a and a.report:  # as the UN writes it: the report in "as", its paragraph in "refersTo"
        step = {
            "date": (a.date or dt.date(1, 1, 1)).isoformat(),
            "outcome": "#recommendedForAdoption",
            "by": "#ga",
            "as_": a.report.text,
        }
        if a.report_paragraph:
            step["refersTo"] = a.report_paragraph
        steps.append(step)
    if a and a.meeting_record:
        steps.append(
            {
                "date": (a.date or dt.date(1, 1, 1)).isoformat(),
                "outcome": "#adopted",
                "by": "#ga",
                "as_": a.meeting_record.text,
            }
        )
    return steps


def _ref(text: str) -> str:
    """An eId-safe form of a symbol for TLC references."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def _voting(parent: etree._Element, vote: RecordedVote, i: int, states: dict[str, StateRef]) -> None:
    outcome = "#adoptedRecordedVote" if vote.recorded else "#adoptedWithoutVote"
    voting = _e(parent, "voting", eId=f"voting_{i}", outcome=outcome)
    if vote.draft:
        voting.set("refersTo", f"#{_ref(vote.draft.text)}")
    if not vote.recorded:
        _e(voting, "count", eId=f"voting_{i}__count_1", value="0", refersTo="#withoutVote")
        return
    lists = [(position, refs) for position, refs in vote.lists() if position in COUNTS]
    for j, (position, refs) in enumerate(lists, 1):
        element = _e(
            voting,
            "count",
            eId=f"voting_{i}__count_{j}",
            value=str(vote.stated(position) or 0),
            refersTo=f"#{COUNTS[position]}",
        )
        voters = _e(element, "akn4un:voters")
        for ref in refs:
            _e(voters, "organization", ref.name_as_written.upper(), refersTo=f"#{(ref.iso3 or 'unknown').lower()}")
            if ref.iso3:
                states[ref.iso3] = ref


def _references(meta: etree._Element, doc: Document, states: dict[str, StateRef]) -> None:
    references = _e(meta, "references", source=SOURCE)
    _e(references, "TLCOrganization", eId="unga-ld", href="https://w3id.org/unga-ld", showAs="UNGA-LD")
    _e(
        references,
        "TLCOrganization",
        eId="ga",
        href="/akn/ontology/organization/un/generalAssembly",
        showAs="General Assembly",
    )
    written = {s.state.iso3: s.state.name_as_written for s in reversed(doc.sponsors) if s.state.iso3}
    for code in sorted(states):
        state = by_code(code)  # showAs: the name as this document writes it (sponsors), else the register's
        shown = written.get(code) or (state.name if state else code)
        _e(
            references,
            "TLCOrganization",
            eId=code.lower(),
            href=f"/akn/ontology/organization/un/memberState/{code.lower()}",
            showAs=shown,
        )
    for name in sorted({r.speaker for r in doc.report_paragraphs if r.speaker}):
        slug = speaker_id(name).removeprefix("speaker_")
        _e(references, "TLCPerson", eId=speaker_id(name), href=f"/akn/ontology/person/un/{slug}", showAs=name)
    symbols = set()
    for vote in _votes(doc):
        if vote.draft:
            symbols.add(vote.draft.text)
    if doc.adoption and doc.adoption.draft:
        symbols.add(doc.adoption.draft.text)
    if doc.adoption and doc.adoption.report:
        symbols.add(doc.adoption.report.text)
    if doc.symbol:
        symbols.add(doc.symbol.text)
    for symbol in sorted(symbols):
        _e(references, "TLCReference", eId=_ref(symbol), href=f"/akn/un/doc/{symbol}", showAs=symbol, name="document")
    for concept in (
        "inFavour",
        "against",
        "abstaining",
        "withoutVote",
        "adoptedRecordedVote",
        "adoptedWithoutVote",
        "draftResolution",
        "draftResolutionAdditionalSponsors",
        "recommendedForAdoption",
        "adopted",
    ):
        _e(references, "TLCConcept", eId=concept, href=f"/akn/ontology/concept/un/{concept}", showAs=concept)
    for role in ("author", "editor", "sponsor"):
        _e(references, "TLCRole", eId=role, href=f"/akn/ontology/role/un/{role}", showAs=role)


# -- front matter ---------------------------------------------------------------------------------------
def _cover(top: etree._Element, doc: Document) -> None:
    cover = _e(top, "coverPage")
    if doc.symbol:
        _e(_e(cover, "p"), "docNumber", doc.symbol.text, refersTo="#symbol")
    if doc.language != "en":
        # the cover page's words are English (the model keeps the facts, not another language's wording)
        if doc.date:
            _e(_e(cover, "p"), "docDate", doc.date.isoformat(), date=doc.date.isoformat(), refersTo="#dateOfIssuance")
        return
    if doc.distribution:
        _e(_e(cover, "p"), "docStatus", f"Distr.: {doc.distribution}", refersTo="#distribution")
    if doc.date:
        _e(_e(cover, "p"), "docDate", dates.written(doc.date), date=doc.date.isoformat(), refersTo="#dateOfIssuance")
    if doc.session:
        _e(_e(cover, "p"), "session", f"{ordinal_words(doc.session)} session", value=str(doc.session), refersTo="#ga")
    elif doc.special_session:  # as the UN writes it: <session value="11">Eleventh emergency special session</session>
        prefix, number = doc.special_session.split("-")
        words = f"{ordinal_words(int(number))} {'emergency special' if prefix == 'ES' else 'special'} session"
        _e(_e(cover, "p"), "session", words, value=number, refersTo="#ga")
    if doc.body and doc.kind is not DocumentKind.RESOLUTION:
        _e(cover, "p", doc.body)
    for item in doc.agenda_items:
        _e(_e(cover, "p"), "inline", f"Agenda item {item}", name="agenda item", title=item)
    if doc.agenda_title:
        _e(_e(cover, "p"), "inline", doc.agenda_title, name="agenda item name")
    if doc.kind is DocumentKind.RESOLUTION and doc.adoption and doc.adoption.date:
        _e(
            _e(cover, "p"),
            "docTitle",
            f"Resolution adopted by the General Assembly on {dates.written(doc.adoption.date)}",
        )
    a = doc.adoption
    if a and a.without_reference:
        text = f"[without reference to a Main Committee ({a.draft.text if a.draft else ''})]"
        _e(_e(cover, "p"), "docProponent", text)
    elif a and a.report:
        para = f", para. {a.report_paragraph}" if a.report_paragraph else ""
        text = f"[on the report of the {a.report_of or 'Committee'} ({a.report.text}{para})]"
        _e(_e(cover, "p"), "docProponent", text)
    if doc.kind is DocumentKind.DRAFT_RESOLUTION and doc.sponsors:
        names = [s.state.name_as_written for s in doc.sponsors if s.role is SponsorRole.ORIGINAL]
        label = "revised draft resolution" if doc.revision_of else "draft resolution"
        written = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""
        _e(_e(cover, "p"), "docProponent", f"{written}: {label}", as_="#sponsor")
    if doc.kind is DocumentKind.COMMITTEE_REPORT and doc.rapporteur:
        state = doc.rapporteur_state.name_as_written if doc.rapporteur_state else ""
        _e(cover, "p", f"Rapporteur: {doc.rapporteur} ({state})")


def _preface(top: etree._Element, doc: Document) -> None:
    if not doc.title:
        return
    p = _e(_e(top, "preface"), "p")
    if doc.kind is DocumentKind.RESOLUTION and doc.symbol:
        _e(p, "docNumber", f"{doc.symbol.short}.")
    _e(p, "docTitle", doc.title)


# -- body -----------------------------------------------------------------------------------------------
def _linked(p: etree._Element, text: str, citations: tuple[Citation, ...] = ()) -> None:
    """Text with each citation linked where its words stand (``<a href="https://undocs.org/…">``), as
    the UN's files link them."""
    spans: list[tuple[int, int, Citation]] = []
    for c in citations:
        start = text.find(c.as_written)
        while start != -1 and any(a < start + len(c.as_written) and start < b for a, b, _ in spans):
            start = text.find(c.as_written, start + 1)
        if start != -1 and c.as_written:
            spans.append((start, start + len(c.as_written), c))
    spans.sort(key=lambda item: item[0])
    position, last = 0, None
    p.text = ""
    for start, end, c in spans:
        chunk = text[position:start]
        if last is None:
            p.text = chunk
        else:
            last.tail = chunk
        last = _e(p, "a", text[start:end], href=f"https://undocs.org/en/{c.symbol.text.replace(' ', '')}")
        position = end
    if last is None:
        p.text = text
    else:
        last.tail = text[position:]


def _with_notes(
    p: etree._Element,
    text: str,
    marks: tuple[str, ...],
    notes: dict[str, Footnote],
    written: set[str],
    citations: tuple[Citation, ...] = (),
) -> None:
    """Paragraph text, then the footnotes whose marks stand in it (the model keeps which, not where)."""
    _linked(p, text, citations)
    for marker in marks:
        note = notes.get(marker)
        if note is None or marker in written:
            continue
        written.add(marker)
        element = _e(p, "authorialNote", marker=marker, placement="bottom", eId=note.eid)
        _linked(_e(element, "p"), note.text, note.citations)


def _preamble(top: etree._Element, doc: Document, notes: dict[str, Footnote], written: set[str]) -> None:
    preamble = _e(top, "preamble")
    _e(_e(preamble, "formula", name="enactingFormula"), "p", doc.formula or "The General Assembly,")
    for p in doc.preamble:
        container = _e(preamble, "container", name=p.phrase or "preambular", eId=p.eid)
        _with_notes(_e(container, "p"), p.text, p.footnote_marks, notes, written, p.citations)


def _main(top: etree._Element, doc: Document, notes: dict[str, Footnote], written: set[str]) -> None:
    body = _e(top, "mainBody")
    if not doc.operative:
        _e(_e(body, "paragraph", eId="para_1"), "content").append(etree.Element(f"{{{AKN}}}p"))
    for op in doc.operative:
        _paragraph(body, op, notes, written)


def _paragraph(body: etree._Element, op: OperativeParagraph, notes: dict[str, Footnote], written: set[str]) -> None:
    paragraph = _e(body, "paragraph", eId=op.eid)
    if op.number:
        _e(paragraph, "num", f"{op.number}.")
    if op.heading:
        _e(paragraph, "heading", op.heading)
    if not op.subparagraphs:
        _with_notes(_e(_e(paragraph, "content"), "p"), op.text, op.footnote_marks, notes, written, op.citations)
        return
    lst = _e(paragraph, "list", eId=f"{op.eid}__list")
    _with_notes(_e(_e(lst, "intro"), "p"), op.text, op.footnote_marks, notes, written, op.citations)
    for sub in op.subparagraphs:
        point = _e(lst, "point", eId=sub.eid)
        _e(point, "num", sub.number)
        _with_notes(_e(_e(point, "content"), "p"), sub.text, sub.footnote_marks, notes, written, sub.citations)


def _conclusions(top: etree._Element, doc: Document) -> None:
    a = doc.adoption
    if not a or not (a.meeting or a.date):
        return
    p = _e(_e(top, "conclusions"), "p")
    english = doc.language == "en"
    if a.meeting:
        _e(
            p,
            "inline",
            f"{ordinal_suffixed(a.meeting)} plenary meeting" if english else str(a.meeting),
            name="adoptionMeeting",
            title=ordinal_suffixed(a.meeting),
        )
        _e(p, "eol")
    if a.date:
        written = dates.written(a.date) if english else a.date.isoformat()
        _e(p, "docDate", written, date=a.date.isoformat(), refersTo="#adoptionDate")


def _report_body(top: etree._Element, doc: Document) -> None:
    body = _e(top, "mainBody")
    notes = {n.marker: n for n in doc.footnotes}
    written: set[str] = set()
    section = None
    container = body
    for r in doc.report_paragraphs:
        if r.section != section:
            section = r.section
            container = _e(body, "hcontainer", name="section", eId=f"section_{len(body) + 1}")
            _e(container, "heading", section or "")
        paragraph = _e(container, "paragraph", eId=r.eid)
        _e(paragraph, "num", f"{r.number}.")
        _with_notes(_e(_e(paragraph, "content"), "p"), r.text, r.footnote_marks, notes, written, r.citations)


def speaker_id(name: str) -> str:
    """The eId of a speaker's TLCPerson: "Mr. Kiboino" → "speaker_mr-kiboino"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "speaker_" + (re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "unknown")


def _debate_body(top: etree._Element, doc: Document) -> None:
    """A verbatim record as AKN's ``debate``: a ``debateSection`` per agenda item taken up (its heading
    as printed), in it each statement a ``speech`` by its speaker (a TLCPerson of the references), its
    paragraphs ``p`` with the record's eIds, and what the record prints between statements (a vote
    taken, its lists, its result) a ``narrative``."""
    body = _e(top, "debateBody")
    notes = {n.marker: n for n in doc.footnotes}
    written: set[str] = set()
    section: str | None = None
    container: etree._Element | None = None
    speech: etree._Element | None = None
    speaker: str | None = None
    for r in doc.report_paragraphs:
        if container is None or r.section != section:
            section = r.section
            container = _e(body, "debateSection", name="agendaItem" if section else "proceedings")
            container.set("eId", f"dbsect_{len(body)}")
            _e(container, "heading", section or "Proceedings")
            speech, speaker = None, None
        if r.speaker is None:
            speech, speaker = None, None
            p = _e(container, "narrative", eId=r.eid)
        else:
            if speech is None or r.speaker != speaker or r.text.startswith(r.speaker):
                speech = _e(container, "speech", by=f"#{speaker_id(r.speaker)}", eId=f"speech_{r.eid}")
                shown = f"{r.speaker} ({r.speaker_state.name_as_written})" if r.speaker_state else r.speaker
                _e(speech, "from", shown)
                speaker = r.speaker
            p = _e(speech, "p", eId=r.eid)
        _with_notes(p, r.text, r.footnote_marks, notes, written, r.citations)
    if not len(body):
        _e(_e(body, "debateSection", name="proceedings", eId="dbsect_1"), "heading", "Proceedings")


def _annexes(top: etree._Element, doc: Document, notes: dict[str, Footnote], written: set[str]) -> None:
    """Each annex as an attached ``doc name="annex"`` (the UN's own files do so), its blocks in order:
    numbered paragraphs as ``paragraph``, headings as ``p class="heading"``, the rest as ``p``; eIds as
    the model has them (``annex_1__para_19``)."""
    if not doc.annexes:
        return
    attachments = _e(top, "attachments")
    for annex in doc.annexes:
        attached = _e(_e(attachments, "attachment", eId=f"att_{annex.ordinal}"), "doc", name="annex")
        _identification(_e(attached, "meta"), doc, annex.eid)
        if annex.title:
            _e(_e(_e(attached, "preface"), "p"), "docTitle", annex.title)
        body = _e(attached, "mainBody")
        for block in annex.paragraphs:
            if block.number and not block.heading:
                paragraph = _e(body, "paragraph", eId=block.eid)
                _e(paragraph, "num", f"{block.number}.")
                p = _e(_e(paragraph, "content"), "p")
            else:
                p = _e(body, "p", eId=block.eid, **({"class": "heading"} if block.heading else {}))
            _with_notes(p, block.text, block.footnote_marks, notes, written, block.citations)
        if not annex.paragraphs:
            _e(body, "p")


def _attachments(top: etree._Element, doc: Document) -> None:
    if not doc.recommended:
        return
    attachments = _e(top, "attachments")
    for i, embedded in enumerate(doc.recommended, 1):
        attachment = _e(attachments, "attachment", eId=f"att_{i}")
        inner = to_akn(embedded.document)[0]
        inner.set("name", "resolutionDraft")
        _prefix_ids(inner, f"att_{i}__")
        attachment.append(inner)


def _prefix_ids(tree: etree._Element, prefix: str) -> None:
    """eIds are unique in the whole file: those of an attached document get its attachment's prefix."""
    for element in tree.iter(etree.Element):  # elements only: no comments or processing instructions
        for attribute in ("eId", "source", "refersTo", "by", "as", "outcome"):
            value = element.get(attribute)
            if value is None:
                continue
            if attribute == "eId":
                element.set(attribute, prefix + value)
            elif value.startswith("#"):
                element.set(attribute, "#" + prefix + value[1:])
        href = element.get("href")
        if href and href.startswith("#"):
            element.set("href", "#" + prefix + href[1:])


__all__ = ["akn_bytes", "to_akn", "work_iri"]
