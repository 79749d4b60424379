"""Akoma Ntoso input: the UN's AKN4UN resolution files read straight into the model (no text parsing).

What it tolerates, as the published files contain it: placeholder dates ``0001-01-01``, report
paragraph "N.A.", eIds that count every block in one sequence (``para_8`` can be operative paragraph
1; our eIds follow the printed numbers), unnumbered headings inside the operative part, collections
that hold several lettered resolutions (``77/128 A`` and ``B``) in one file. XML is parsed with
external entities, DTDs and network access off.

Here: a file into documents (``from_akn``, one statement at a time); ``metadata`` reads the cover
page, workflow and vote, ``structure`` the preamble and operative part, ``text`` an element's text
with its footnotes.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.diagnostics import Diagnostic, DocumentError, diagnostic
from pipeline.inputs import Block, RawDocument, clean
from pipeline.model import Adoption, Document, DocumentKind, Source
from pipeline.parse import footnotes
from pipeline.parse.akn4un.attachments import annexes
from pipeline.parse.akn4un.coverage import measure
from pipeline.parse.akn4un.metadata import (
    Context,
    conclusions,
    context,
    date_of,
    record_number,
    sponsors,
    symbol_attr,
    vote,
)
from pipeline.parse.akn4un.structure import boundary, operative, preamble
from pipeline.parse.akn4un.text import NS, Notes, local, q
from pipeline.parse.header import heading, session_of
from pipeline.register import languages
from pipeline.symbols import Symbol, SymbolKind

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def from_akn(raw: RawDocument) -> tuple[list[Document], list[Diagnostic]]:
    """Every resolution in one AKN4UN file (a collection holds several), and the diagnostics.

    Raises DocumentError when the file is not usable XML or not Akoma Ntoso."""
    try:
        root = etree.fromstring(raw.data or raw.text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise DocumentError(diagnostic("akn.bad-xml", raw.path, line, reason=exc.msg)) from None
    if root.tag != q("akomaNtoso"):
        raise DocumentError(
            diagnostic(
                "akn.not-akn", raw.path, root.sourceline, reason=f"the root element is <{etree.QName(root).localname}>"
            )
        )
    top = next((c for c in root if isinstance(c.tag, str)), None)
    if top is None:
        raise DocumentError(diagnostic("akn.not-akn", raw.path, root.sourceline, reason="the document is empty"))
    diags: list[Diagnostic] = []
    docs: list[Document] = []
    if local(top) == "documentCollection":
        outer, diags = context(top, raw)
        for s in root.iterfind("a:components/a:component/a:statement", NS):
            doc, found = _statement(s, raw, outer)
            docs.append(doc)
            diags += found
    elif local(top) == "statement":
        doc, diags = _statement(top, raw, None)
        docs.append(doc)
    else:
        raise DocumentError(
            diagnostic("akn.not-akn", raw.path, top.sourceline, reason=f"<{local(top)}> is not a GA resolution")
        )
    if not docs:
        raise DocumentError(diagnostic("akn.not-akn", raw.path, top.sourceline, reason="no resolution inside"))
    return docs, diags


def _statement(element: etree._Element, raw: RawDocument, outer: Context | None) -> tuple[Document, list[Diagnostic]]:
    path = raw.path
    ctx, diags = context(element, raw)
    letter = None
    if outer is not None:
        number = element.find("a:preface//a:docNumber", NS)
        letter = languages.part_letter(clean("".join(number.itertext()))) if number is not None else None
        ctx.blocks = outer.blocks + ctx.blocks
        ctx.symbol = ctx.symbol or outer.symbol
        ctx.keywords = ctx.keywords or outer.keywords
    preface = element.find("a:preface", NS)
    blocks = list(ctx.blocks)
    if preface is not None:
        blocks.append(Block(clean("".join(preface.itertext())), preface.sourceline or 0))
    h = heading(blocks)
    symbol = ctx.symbol or h.symbol  # the cover page's symbol keeps the letter ("A/RES/77/253 B")
    if letter and symbol is not None:
        # the part's own letter, also where the cover names only the first part ("A/DEC/77/507 B")
        symbol = Symbol(f"{re.sub(r' [A-Z]$', '', symbol.text)} {letter}")
    # a lettered part published on its own: the cover may omit the letter its Work IRI has (…/77-512B/)
    lettered = re.search(r"/\d+-\d+([A-Z])$", ctx.aknwork or "")
    if lettered and symbol is not None and not re.search(r" [A-Z]$", symbol.text):
        read_as = Symbol(f"{symbol.text} {lettered.group(1)}")
        diags.append(
            diagnostic(
                "akn.symbol-letter", path, element.sourceline, symbol=symbol.text, work=ctx.aknwork, read=read_as.text
            )
        )
        symbol = read_as
    # a lettered part of a collection without a title of its own has the collection's ("77/256 A")
    title = ctx.title or (outer.title if outer is not None else None) or h.title
    if symbol is None:
        raise DocumentError(diagnostic("akn.not-akn", path, element.sourceline, reason="no resolution symbol"))
    notes = Notes()
    language = ctx.language if outer is None or ctx.language != "en" else outer.language
    bounds = boundary(element)
    preamble_part, found = preamble(element, notes, path, bounds, language)
    diags += found
    operative_part, found = operative(element, notes, path, bounds, language)
    diags += found
    annex_part, found = annexes(element, notes, path)
    diags += found
    formula = element.find("a:preamble/a:formula", NS)
    formula_text = notes.take(formula) if formula is not None else None
    # each footnote is anchored where its authorialNote stands: in Akoma Ntoso a mark is written by its
    # note, so there is no mark without footnote text to look for (no places are given)
    notes_of_text, _ = footnotes.anchor(notes.found, (), path, footnotes.Repeated.POSITION)
    covered, found = measure(element, notes, path)
    diags += found
    steps = list(element.iterfind("a:meta/a:workflow/a:step", NS))
    references = {r.get("eId"): r.get("showAs") for r in element.iterfind("a:meta/a:references/*", NS)}
    workflow = {(s.get("outcome") or "").lstrip("#"): s for s in steps}
    draft = next(
        (
            named
            for named in (
                symbol_attr(s, references) for s in steps if (s.get("outcome") or "").lstrip("#") == "draftResolution"
            )
            if named
        ),
        None,
    )
    sponsorships, found = sponsors(steps, references, path)
    diags += found
    report_step = workflow.get("recommendedForAdoption")
    report = symbol_attr(report_step, references)
    report_paragraph = (report_step.get("refersTo") or "").strip() if report_step is not None else ""
    # the adoption meeting: the conclusions, else the record of the workflow's adopted step (A/78/PV.38)
    meeting, meeting_date = conclusions(element)
    adopted = ctx.adopted or meeting_date or h.adoption_date or date_of(workflow.get("adopted"))
    record = symbol_attr(workflow.get("adopted"), references)
    meeting = meeting if meeting is not None else record_number(record)
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
    recorded, found = vote(element, draft, meeting, adopted, record, path)
    diags += found
    decision = element.get("name") == "decision" or (symbol is not None and symbol.kind is SymbolKind.GA_DECISION)
    session, special = session_of(h, symbol)
    document = Document(
        kind=DocumentKind.DECISION if decision else DocumentKind.RESOLUTION,
        symbol=symbol,
        provisional_id=None,
        title=title,
        source=Source(path, raw.sha256, "akn4un"),
        date=h.date or ctx.published,
        distribution=h.distribution,
        session=session,
        special_session=special,
        body="General Assembly",
        agenda_items=tuple(h.agenda_items),
        agenda_title=h.agenda_title,
        sponsors=sponsorships,
        formula=formula_text,
        preamble=tuple(preamble_part),
        operative=tuple(operative_part),
        footnotes=tuple(notes_of_text),
        annexes=tuple(annex_part),
        adoption=adoption,
        votes=(recorded,) if recorded else (),
        keywords=ctx.keywords,
        aknwork=ctx.aknwork,
        coverage=covered,
        language=language,
    )
    return document, diags
