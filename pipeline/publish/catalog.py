"""catalog.ttl: the dataset described with DCAT 3 and VoID, every distribution with its media type,
byte size and sha256 checksum. Written last, from the bytes of the files it describes."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, VOID, XSD

from pipeline.register import languages
from pipeline.resources import media_type
from pipeline.rollcalls import SourceDataset

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/INTR")
VOCABULARIES = [
    "http://data.europa.eu/eli/ontology#",
    "http://data.europa.eu/eli/eli-draft-legislation-ontology#",
    "https://w3id.org/unga-ld/ontology#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2002/07/owl#",
]
SOURCES = [
    ("https://undocs.org/", "United Nations Official Document System (documents by symbol)"),
    (
        "https://github.com/UNxml/GAresolutions",
        "United Nations, DGACM: Machine-readable General Assembly resolutions (Akoma Ntoso; unofficial copies, "
        "the United Nations must be acknowledged as the source)",
    ),
]
DESCRIBED = {  # the main files, with a title each (per-document files are counted, not listed)
    "unga-ld.nq": "The whole dataset as N-Quads, one named graph per document, the State register, the ontology "
    "and the vocabularies, each triple once",
    "unga-ld.ttl": "The whole dataset as Turtle",
    "unga-ld.jsonld": "The whole dataset as JSON-LD, one named graph per document",
    "votes.csv": "Recorded votes: one row per State per recorded vote",
    "votes.csv-metadata.json": "CSVW description of votes.csv",
    "sponsors.csv": "Sponsors: one row per State per sponsored draft",
    "sponsors.csv-metadata.json": "CSVW description of sponsors.csv",
    "rdf/states.ttl": "The Member State register",
    "rdf/ontology.ttl": "The UNGA-LD ontology and its alignments",
    "rdf/vocabularies.ttl": "The SKOS vocabularies",
    "reports/validation.txt": "The validation report of the build (text)",
    "reports/validation.json": "The validation report of the build (JSON)",
}


def catalog(
    base: str,
    files: dict[str, tuple[int, str]],
    triples: int,
    entities: int,
    dates: list[str],
    documents: int,
    modified: dt.date,
    endpoint: str | None = None,
    spoken: list[str] | None = None,
    rollcall_sources: list[tuple[SourceDataset, int]] | None = None,
) -> bytes:
    """The DCAT/VoID description of ``files`` (each file's size in bytes and sha256, by its name);
    ``spoken``: the languages of the documents' texts (BCP 47);
    ``rollcall_sources``: the data sets of roll calls read, with the number of roll calls published from
    each (sources of the dataset, with their citation and licence)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("void", VOID),
        ("spdx", SPDX),
        ("foaf", FOAF),
        ("xsd", XSD),
        ("rdfs", RDFS),
    ):
        g.bind(prefix, ns)
    cat, ds, publisher = URIRef(f"{base}catalog"), URIRef(f"{base}dataset"), URIRef(f"{base}publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal("UNGA-LD", lang="en")))
    g.add((LICENCE, RDF.type, DCTERMS.LicenseDocument))
    g.add((LICENCE, RDFS.label, Literal("Creative Commons Attribution 4.0 International", lang="en")))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((THEME, RDF.type, SKOS.Concept))
    g.add((THEME, SKOS.prefLabel, Literal("International issues", lang="en")))
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal("UNGA-LD catalogue", lang="en")))
    g.add(
        (
            cat,
            DCTERMS.description,
            Literal("United Nations General Assembly documents as validated linked open data.", lang="en"),
        )
    )
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, DCTERMS.license, LICENCE))
    g.add((cat, DCAT.dataset, ds))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("UNGA-LD: General Assembly resolutions, drafts, reports and votes", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                f"{documents} United Nations General Assembly documents (resolutions, draft resolutions, "
                "Main Committee reports) with their preambular and operative paragraphs, footnotes, citations, "
                "sponsors and recorded votes per Member State, mapped to an ontology aligned with ELI, ELI-DL and "
                "Akoma Ntoso."
                + "".join(
                    f" With {count} roll-call votes from {source.title}." for source, count in rollcall_sources or []
                ),
                lang="en",
            ),
        )
    )
    for source, _ in rollcall_sources or []:
        _rollcall_source(g, ds, source)
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((ds, DCTERMS.license, LICENCE))
    g.add((ds, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    for keyword in ("United Nations", "General Assembly", "resolutions", "voting", "Akoma Ntoso", "ELI"):
        g.add((ds, DCAT.keyword, Literal(keyword, lang="en")))
    g.add((ds, DCAT.theme, THEME))
    for tag in spoken or ["en"]:
        if (language := languages.by_code(tag)) is not None:
            g.add((ds, DCTERMS.language, URIRef(language.authority)))
            g.add((URIRef(language.authority), RDF.type, DCTERMS.LinguisticSystem))
    for iri, label in SOURCES:
        g.add((ds, DCTERMS.source, URIRef(iri)))
        g.add((URIRef(iri), RDF.type, DCAT.Dataset))
        g.add((URIRef(iri), DCTERMS.title, Literal(label, lang="en")))
        g.add((URIRef(iri), DCTERMS.description, Literal(label, lang="en")))
    if dates:
        period = URIRef(f"{base}dataset#period")
        g.add((ds, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(min(dates), datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(max(dates), datatype=XSD.date)))
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(entities, datatype=XSD.integer)))
    g.add((ds, VOID.documents, Literal(documents, datatype=XSD.integer)))
    for vocabulary in VOCABULARIES:
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    g.add((ds, VOID.uriSpace, Literal(base)))
    for name in sorted(files):
        _distribution(g, base, ds, name, files[name])
    if endpoint:  # where `unga-ld serve` (or a store loaded with the dumps) answers SPARQL
        service = URIRef(endpoint)
        g.add((ds, VOID.sparqlEndpoint, service))
        g.add((cat, DCAT.service, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, RDF.type, RDFS.Resource))
        g.add((service, DCTERMS.title, Literal("UNGA-LD SPARQL endpoint (read-only)", lang="en")))
        g.add((service, DCAT.endpointURL, service))
        g.add((service, DCAT.servesDataset, ds))
        g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
        g.add((URIRef("https://www.w3.org/TR/sparql11-protocol/"), RDF.type, DCTERMS.Standard))
    return g.serialize(format="turtle").encode("utf-8")


def _rollcall_source(g: Graph, ds: URIRef, source: SourceDataset) -> None:
    """A data set of roll calls the dataset takes votes from: its description, citation and licence."""
    node, licence = URIRef(source.iri), URIRef(source.licence)
    g.add((ds, DCTERMS.source, node))
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.title, Literal(source.title, lang="en")))
    g.add((node, DCTERMS.description, Literal(source.description, lang="en")))
    g.add((node, DCTERMS.bibliographicCitation, Literal(source.citation, lang="en")))
    g.add((node, DCTERMS.license, licence))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, RDFS.label, Literal(source.licence_label, lang="en")))
    g.add((node, DCAT.landingPage, URIRef(source.landing_page)))
    g.add((URIRef(source.landing_page), RDF.type, FOAF.Document))


def _distribution(g: Graph, base: str, ds: URIRef, name: str, described: tuple[int, str]) -> None:
    size, sha256 = described
    dist = URIRef(f"{base}dataset/distribution/{name}")
    url = URIRef(f"{base}dumps/{name}")
    media = media_type(name)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(DESCRIBED.get(name, f"{name}"), lang="en")))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    g.add((url, RDF.type, RDFS.Resource))
    g.add((dist, DCAT.mediaType, URIRef(IANA + media)))
    g.add((URIRef(IANA + media), RDF.type, DCTERMS.MediaType))
    g.add((dist, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
    g.add((dist, DCTERMS.license, LICENCE))
    checksum = URIRef(f"{dist}#sha256")
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    if name.endswith((".ttl", ".nq", ".jsonld")) and name.startswith("unga-ld"):
        g.add((ds, VOID.dataDump, url))
