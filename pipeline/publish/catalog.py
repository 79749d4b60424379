"""catalog.ttl: the dataset described with DCAT 3 and VoID, every distribution with its media type,
byte size and sha256 checksum. Written last, from the bytes of the files it describes.

The description of the dataset is a small graph; the distributions (two or three files per document)
are made one at a time and written by a streaming serialiser, so the catalogue of a hundred thousand
files takes no more memory than the catalogue of ten."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, VOID, XSD
from rdflib.term import Node

from pipeline.publish.release import ATOM, FEED, HISTORY, Release
from pipeline.publish.written import term
from pipeline.register import languages
from pipeline.resources import DESCRIBED, media_type
from pipeline.rollcalls import SourceDataset

SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3 terms rdflib's closed DCAT 2 namespace lacks
DCAT_PREVIOUS = URIRef(f"{DCAT}previousVersion")
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
PREFIXES = {
    "adms": str(ADMS),
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "spdx": str(SPDX),
    "void": str(VOID),
    "xsd": str(XSD),
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
    release: Release | None = None,
) -> bytes:
    """The DCAT/VoID description of ``files`` (each file's size in bytes and sha256, by its name);
    ``spoken``: the languages of the documents' texts (BCP 47);
    ``rollcall_sources``: the data sets of roll calls read, with the number of roll calls published from
    each (sources of the dataset, with their citation and licence); ``release``: the version this
    output is, the one it follows (whose catalogue is kept in ``history/``) and what changed."""
    g = Graph()
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
    if release is not None:
        _version(g, base, ds, release)
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
    for media in sorted({media_type(name) for name in files}):
        g.add((URIRef(IANA + media), RDF.type, DCTERMS.MediaType))
    for name in sorted(files):
        if name.endswith((".ttl", ".nq", ".jsonld")) and name.startswith("unga-ld"):
            g.add((ds, VOID.dataDump, URIRef(f"{base}dumps/{name}")))
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
    written = ox.serialize(_triples(g, cat, ds, base, files), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert written is not None  # no output given: the bytes
    return written


def _triples(g: Graph, cat: URIRef, ds: URIRef, base: str, files: dict[str, tuple[int, str]]) -> Iterator[ox.Triple]:
    """The catalogue's triples in the order it is written: the catalogue, the dataset (with its
    distributions named), the other resources of ``g`` by IRI, then each distribution, made as it is
    written (one subject after the other, so that Turtle groups each one's statements)."""
    subjects = sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=lambda s: (s != cat, s != ds, str(s)))
    for subject in subjects:
        for _, p, o in sorted(g.triples((subject, None, None)), key=lambda t: (t[1] != RDF.type, str(t[1]), t[2].n3())):
            yield ox.Triple(_iri(subject), _iri(p), term(o))
        if subject == ds:
            has = ox.NamedNode(str(DCAT.distribution))
            for name in sorted(files):
                yield ox.Triple(_iri(ds), has, ox.NamedNode(_distribution_iri(base, name)))
    for name in sorted(files):
        yield from _distribution(base, name, files[name])


def _iri(node: Node) -> ox.NamedNode:
    assert isinstance(node, URIRef)  # the catalogue names every resource: no blank nodes
    return ox.NamedNode(str(node))


def _version(g: Graph, base: str, ds: URIRef, release: Release) -> None:
    """The release this output is (DCAT 3 versioning, ADMS version notes), and the one it follows, with
    a link to that version's catalogue as it was published."""
    g.add((ds, DCAT_VERSION, Literal(str(release.version))))
    g.add((ds, DCTERMS.issued, Literal(release.issued, datatype=XSD.date)))
    g.add((ds, ADMS.versionNotes, Literal(release.notes, lang="en")))
    g.add((ds, RDFS.seeAlso, URIRef(f"{base}dumps/{FEED}")))
    g.add((ds, RDFS.seeAlso, URIRef(f"{base}dumps/{ATOM}")))
    if release.previous is not None:
        earlier = URIRef(f"{base}dataset/version/{release.previous}")
        g.add((ds, DCAT_PREVIOUS, earlier))
        g.add((earlier, RDF.type, DCAT.Dataset))
        g.add((earlier, DCAT_VERSION, Literal(str(release.previous))))
        g.add((earlier, RDFS.seeAlso, URIRef(f"{base}dumps/{HISTORY}/catalog-{release.previous}.ttl")))


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


def _title(name: str) -> str:
    if name.startswith(f"{HISTORY}/catalog-"):
        version = name.removeprefix(f"{HISTORY}/catalog-").removesuffix(".ttl")
        return f"The catalogue of version {version}, as it was published"
    return DESCRIBED.get(name, name)


def _distribution_iri(base: str, name: str) -> str:
    return f"{base}dataset/distribution/{name}"


def _distribution(base: str, name: str, described: tuple[int, str]) -> Iterator[ox.Triple]:
    """One file as a DCAT distribution: its download URL, media type, byte size, licence and checksum."""
    size, sha256 = described
    dist = ox.NamedNode(_distribution_iri(base, name))
    url = ox.NamedNode(f"{base}dumps/{name}")
    checksum = ox.NamedNode(f"{dist.value}#sha256")
    a = ox.NamedNode(str(RDF.type))
    yield ox.Triple(dist, a, ox.NamedNode(str(DCAT.Distribution)))
    yield ox.Triple(dist, ox.NamedNode(str(DCTERMS.title)), ox.Literal(_title(name), language="en"))
    yield ox.Triple(dist, ox.NamedNode(str(DCTERMS.license)), ox.NamedNode(str(LICENCE)))
    yield ox.Triple(dist, ox.NamedNode(str(DCAT.accessURL)), url)
    count = ox.NamedNode(str(XSD.nonNegativeInteger))
    yield ox.Triple(dist, ox.NamedNode(str(DCAT.byteSize)), ox.Literal(str(size), datatype=count))
    yield ox.Triple(dist, ox.NamedNode(str(DCAT.downloadURL)), url)
    yield ox.Triple(dist, ox.NamedNode(str(DCAT.mediaType)), ox.NamedNode(IANA + media_type(name)))
    yield ox.Triple(dist, ox.NamedNode(str(SPDX.checksum)), checksum)
    yield ox.Triple(checksum, a, ox.NamedNode(str(SPDX.Checksum)))
    yield ox.Triple(checksum, ox.NamedNode(str(SPDX.algorithm)), ox.NamedNode(str(SPDX.checksumAlgorithm_sha256)))
    yield ox.Triple(
        checksum, ox.NamedNode(str(SPDX.checksumValue)), ox.Literal(sha256, datatype=ox.NamedNode(str(XSD.hexBinary)))
    )
    yield ox.Triple(url, a, ox.NamedNode(str(RDFS.Resource)))
