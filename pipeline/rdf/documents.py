"""Documents, their paragraphs, footnotes and citations → RDF (ELI-aligned, our terms)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pyoxigraph as ox

from pipeline.iris import Iris, clause_slug
from pipeline.model import (
    Annex,
    AnnexParagraph,
    Citation,
    Document,
    DocumentKind,
    Footnote,
    OperativeParagraph,
    PreambularParagraph,
    ReportParagraph,
    SubParagraph,
)
from pipeline.rdf.terms import DCTERMS, ELI, RDF, RDFS, UNGA, day, integer, literal
from pipeline.rdf.triples import Triples
from pipeline.register import bodies, languages
from pipeline.symbols import Symbol, SymbolKind

DOCUMENT_CLASSES = {
    DocumentKind.RESOLUTION: UNGA.Resolution,
    DocumentKind.DRAFT_RESOLUTION: UNGA.DraftResolution,
    DocumentKind.COMMITTEE_REPORT: UNGA.CommitteeReport,
    DocumentKind.DECISION: UNGA.Decision,
    DocumentKind.AMENDMENT: UNGA.Amendment,
    DocumentKind.PLENARY_RECORD: UNGA.MeetingRecord,
}
SYMBOL_CLASSES = {
    SymbolKind.GA_RESOLUTION: (UNGA.Resolution, "resolution"),
    SymbolKind.GA_DECISION: (UNGA.Decision, "decision"),
    SymbolKind.HRC_RESOLUTION: (UNGA.HRCResolution, "hrc-resolution"),
    SymbolKind.SC_RESOLUTION: (UNGA.SCResolution, "sc-resolution"),
    SymbolKind.DRAFT: (UNGA.DraftResolution, "draft-resolution"),
    SymbolKind.MEETING_RECORD: (UNGA.MeetingRecord, "meeting-record"),
    SymbolKind.DOCUMENT: (UNGA.Document, "document"),
}
EN = "en"
IANA = "http://www.iana.org/assignments/media-types/"
# a source's layout → the media type of the file it was read from, and the last step of its IRI
MEDIA_TYPES = {
    "akn4un": ("application/akn+xml", "akn"),
    "pdftotext": ("text/plain", "txt"),
    "pdftotext-layout": ("text/plain", "txt"),
    "pdf": ("application/pdf", "pdf"),
    "markdown-export": ("text/markdown", "md"),
}


def document_type(doc: Document) -> str:
    if doc.kind is DocumentKind.DRAFT_RESOLUTION and doc.revision_of is not None:
        return "revised-draft-resolution"
    return {
        DocumentKind.RESOLUTION: "resolution",
        DocumentKind.DRAFT_RESOLUTION: "draft-resolution",
        DocumentKind.COMMITTEE_REPORT: "committee-report",
        DocumentKind.DECISION: "decision",
        DocumentKind.AMENDMENT: "amendment",
        DocumentKind.PLENARY_RECORD: "meeting-record",
    }[doc.kind]


def in_session(g: Triples, node: ox.NamedNode, session: int | str | None) -> None:
    """The session ``node`` belongs to: a regular session's number (``unga:session``), or a special
    session as symbols write it (``unga:specialSession`` "ES-11")."""
    if isinstance(session, int):
        g.add((node, UNGA.session, integer(session)))
    elif session is not None:
        g.add((node, UNGA.specialSession, literal(session)))


def referenced(g: Triples, iris: Iris, symbol: Symbol) -> ox.NamedNode:
    """A document named by its symbol: its IRI, typed by the symbol's kind, with its symbol."""
    node = iris.symbol(symbol)
    cls, _ = SYMBOL_CLASSES[symbol.kind]
    g.add((node, RDF.type, cls))
    g.add((node, ELI.id_local, literal(symbol.text)))
    g.add((node, RDFS.seeAlso, ox.NamedNode(symbol.undocs_url)))
    return node


def describe(g: Triples, iris: Iris, doc: Document, files: bool = True) -> ox.NamedNode:
    """The document node with its metadata, parts, citations and language versions (not its votes or
    sponsors); with ``files``, the files each version was read from (not for a draft printed inside a
    report: the report's file is not the draft's)."""
    node = iris.document(doc)
    g.add((node, RDF.type, DOCUMENT_CLASSES[doc.kind]))
    g.add((node, ELI.id_local, literal(doc.symbol.text if doc.symbol else doc.identifier)))
    g.add((node, UNGA.documentType, iris.concept("document-type", document_type(doc))))
    if doc.symbol:
        g.add((node, RDFS.seeAlso, ox.NamedNode(doc.symbol.undocs_url)))
    if doc.title:
        g.add((node, ELI.title, literal(doc.title, doc.language)))
    date = doc.adoption.date if doc.adoption and doc.adoption.date else doc.date
    if date:
        g.add((node, ELI.date_document, day(date)))
    in_session(g, node, doc.in_session)
    for item in doc.agenda_items:
        g.add((node, UNGA.agendaItem, literal(item)))
    if doc.agenda_title:
        g.add((node, UNGA.agendaItemTitle, literal(doc.agenda_title, doc.language)))
    if doc.distribution:
        g.add((node, UNGA.distribution, literal(doc.distribution)))
    for language in doc.original_languages:
        g.add((node, UNGA.originalLanguage, literal(language)))
    if doc.body:
        g.add((node, UNGA.issuedBy, iris.concept("body", bodies.slug(doc.body))))
    if doc.revision_of:
        g.add((node, UNGA.isRevisionOf, referenced(g, iris, doc.revision_of)))
    if doc.amends:
        g.add((node, UNGA.amends, referenced(g, iris, doc.amends)))
    if doc.submitted_by:
        g.add((node, UNGA.submittedBy, literal(doc.submitted_by, doc.language)))
    for heading_note in doc.notes:
        g.add((node, UNGA.headingNote, literal(heading_note, doc.language)))
    if doc.formula:
        g.add((node, UNGA.enactingFormula, literal(doc.formula, doc.language)))
    if doc.aknwork:
        g.add((node, UNGA.aknWork, literal(doc.aknwork)))
    for keyword in doc.keywords:
        g.add((node, DCTERMS.subject, ox.NamedNode(keyword)))
    _paragraphs(g, iris, doc, node)
    for annex in doc.annexes:
        _annex(g, iris, node, annex, doc.language)
    for note in doc.footnotes:
        _footnote(g, iris, node, note, doc.language)
    for version in (doc, *doc.versions):
        _expression(g, iris, node, version, files)
    for version in doc.versions:
        _texts(g, iris, node, version)
    return node


def _expression(g: Triples, iris: Iris, work: ox.NamedNode, doc: Document, files: bool) -> None:
    """The Work's realisation in one language (ELI's Expression) and the file it was read from (its
    Manifestation)."""
    language = languages.by_code(doc.language)
    node = iris.expression(work, language.code if language else doc.language)
    legal = doc.kind in (DocumentKind.RESOLUTION, DocumentKind.DECISION)
    g.add((work, ELI.is_realized_by, node))
    g.add((node, RDF.type, ELI.LegalExpression if legal else ELI.Expression))
    g.add((node, ELI.realizes, work))
    if language is not None:
        g.add((node, ELI.language, ox.NamedNode(language.authority)))
    if doc.title:
        g.add((node, ELI.title, literal(doc.title, doc.language)))
    if doc.source is None or not files:
        return
    layout = MEDIA_TYPES.get(doc.source.layout)
    if layout is None:
        return
    media_type, extension = layout
    file = iris.manifestation(node, extension)
    g.add((node, ELI.is_embodied_by, file))
    g.add((file, RDF.type, ELI.Manifestation))
    g.add((file, ELI.embodies, node))
    g.add((file, ELI["format"], ox.NamedNode(f"{IANA}{media_type}")))
    g.add((file, UNGA.fileName, literal(PurePosixPath(doc.source.path.replace("\\", "/")).name)))


def _texts(g: Triples, iris: Iris, work: ox.NamedNode, version: Document) -> None:
    """A language version's text on the Work's own parts (their eIds are the Work's: ``versions.align``)."""
    lang = version.language

    def text(eid: str, value: str | None, predicate: ox.NamedNode = UNGA.text) -> None:
        if value:
            g.add((iris.part(work, eid), predicate, literal(value, lang)))

    if version.title:
        g.add((work, ELI.title, literal(version.title, lang)))
    if version.formula:
        g.add((work, UNGA.enactingFormula, literal(version.formula, lang)))
    for p in version.preamble:
        text(p.eid, p.text)
        text(p.eid, p.phrase, UNGA.phrase)
    for op in version.operative:
        text(op.eid, op.text)
        text(op.eid, op.phrase, UNGA.phrase)
        text(op.eid, op.heading, UNGA.heading)
        for sub in op.subparagraphs:
            text(sub.eid, sub.text)
    for annex in version.annexes:
        text(annex.eid, annex.title, ELI.title)
        for block in annex.paragraphs:
            text(block.eid, block.text)
    for note in version.footnotes:
        text(note.eid, note.text)


def _cite(
    g: Triples, iris: Iris, document: ox.NamedNode, source: ox.NamedNode, citations: tuple[Citation, ...]
) -> None:
    for citation in citations:
        target = referenced(g, iris, citation.symbol)
        g.add((source, ELI.cites, target))
        if source != document:
            g.add((document, ELI.cites, target))


def _paragraph(
    g: Triples,
    iris: Iris,
    document: ox.NamedNode,
    parent: ox.NamedNode,
    p: PreambularParagraph | OperativeParagraph | SubParagraph | ReportParagraph | AnnexParagraph,
    cls: ox.NamedNode,
    lang: str,
) -> ox.NamedNode:
    node = iris.part(document, p.eid)
    g.add((node, RDF.type, cls))
    g.add((node, ELI.is_part_of, parent))
    g.add((node, UNGA.text, literal(p.text, lang)))
    _cite(g, iris, document, node, p.citations)
    return node


def _clause(g: Triples, iris: Iris, node: ox.NamedNode, phrase: str | None, verb: str | None, lang: str) -> None:
    if phrase:
        g.add((node, UNGA.phrase, literal(phrase, lang)))
    if verb:
        g.add((node, UNGA.clauseVerb, iris.concept("clause", clause_slug(verb))))


def _paragraphs(g: Triples, iris: Iris, doc: Document, document: ox.NamedNode) -> None:
    lang = doc.language
    for p in doc.preamble:
        node = _paragraph(g, iris, document, document, p, UNGA.PreambularParagraph, lang)
        g.add((node, UNGA.ordinal, integer(p.ordinal)))
        _clause(g, iris, node, p.phrase, p.verb, lang)
    for op in doc.operative:
        _operative(g, iris, document, op, lang)
    for r in doc.report_paragraphs:
        node = _paragraph(g, iris, document, document, r, UNGA.ReportParagraph, lang)
        g.add((node, ELI.number, literal(r.number)))
        g.add((node, UNGA.ordinal, integer(int(r.number))))
        if r.section:
            g.add((node, UNGA.section, literal(r.section, lang)))
        if r.speaker:
            g.add((node, UNGA.speaker, literal(r.speaker)))
        if r.speaker_state and r.speaker_state.iso3:
            g.add((node, UNGA.speakerState, iris.state(r.speaker_state.iso3)))


def _operative(g: Triples, iris: Iris, document: ox.NamedNode, op: OperativeParagraph, lang: str) -> None:
    node = _paragraph(g, iris, document, document, op, UNGA.OperativeParagraph, lang)
    g.add((node, UNGA.ordinal, integer(op.ordinal)))
    if op.number:
        g.add((node, ELI.number, literal(op.number)))
    if op.heading:
        g.add((node, UNGA.heading, literal(op.heading, lang)))
    _clause(g, iris, node, op.phrase, op.verb, lang)
    for i, sub in enumerate(op.subparagraphs, 1):
        child = _paragraph(g, iris, document, node, sub, UNGA.SubParagraph, lang)
        g.add((child, UNGA.ordinal, integer(i)))
        g.add((child, ELI.number, literal(sub.number)))


def _annex(g: Triples, iris: Iris, document: ox.NamedNode, annex: Annex, lang: str) -> None:
    """An annex, part of the document, and its blocks in order, part of the annex."""
    node = iris.part(document, annex.eid)
    g.add((node, RDF.type, UNGA.Annex))
    g.add((node, ELI.is_part_of, document))
    g.add((node, UNGA.ordinal, integer(annex.ordinal)))
    if annex.title:
        g.add((node, ELI.title, literal(annex.title, lang)))
    for p in annex.paragraphs:
        cls = UNGA.AnnexHeading if p.heading else UNGA.AnnexParagraph
        child = _paragraph(g, iris, document, node, p, cls, lang)
        g.add((child, UNGA.ordinal, integer(p.ordinal)))
        if p.number:
            g.add((child, ELI.number, literal(p.number)))


def _footnote(g: Triples, iris: Iris, document: ox.NamedNode, note: Footnote, lang: str) -> None:
    node = iris.part(document, note.eid)
    g.add((node, RDF.type, UNGA.Footnote))
    g.add((node, ELI.is_part_of, document))
    g.add((node, UNGA.marker, literal(note.marker)))
    g.add((node, UNGA.text, literal(note.text, lang)))
    if note.anchored_in:
        g.add((node, UNGA.footnoteOf, iris.part(document, note.anchored_in)))
    _cite(g, iris, document, node, note.citations)
