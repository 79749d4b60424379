"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` with no query), as a graph that
the server gives in any of its RDF formats.

The service is named by the URL it was reached by (the request's ``Host``), so that a description
fetched through a proxy or from a server started on a free port names a URL that answers."""

from __future__ import annotations

import pyoxigraph as ox

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")
# what the endpoint answers in, as the W3C's format IRIs
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def url(host: str | None, address: tuple) -> str:
    """The endpoint's URL: by the request's Host header, else by the address the server is bound to."""
    authority = (host or "").strip()
    if not authority or any(c in authority for c in "/ \\@"):
        name, port = address[0], address[1]
        authority = f"[{name}]:{port}" if ":" in name else f"{name}:{port}"
    return f"http://{authority}/sparql"


def graph(endpoint_url: str, base: str, graphs: set[str], timeout: float, max_rows: int) -> ox.Store:
    """The description: the service, its language, features, formats, and its dataset's graphs."""
    store = ox.Store()
    service = ox.NamedNode(endpoint_url)

    def add(subject: ox.NamedNode | ox.BlankNode, predicate: str, value: ox.NamedNode | ox.BlankNode | ox.Literal):
        store.add(ox.Quad(subject, ox.NamedNode(predicate), value))

    store.add(ox.Quad(service, RDF_TYPE, ox.NamedNode(SD + "Service")))
    add(service, SD + "endpoint", service)
    add(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
    add(service, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph"))
    for name in RESULT_FORMATS:
        add(service, SD + "resultFormat", ox.NamedNode(FORMATS + name))
    limits = (
        "Read-only. SERVICE, LOAD and FROM outside the dataset are refused; queries stop after "
        f"{timeout:g} s; at most {max_rows} result rows. The default graph is the union of every graph; "
        "FROM, FROM NAMED, default-graph-uri and named-graph-uri choose among the dataset's own graphs."
    )
    store.add(ox.Quad(service, DESCRIPTION, ox.Literal(limits, language="en")))
    dataset = ox.NamedNode(base + "dataset")
    add(service, SD + "defaultDataset", dataset)
    store.add(ox.Quad(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")))
    default = ox.BlankNode("default")  # labels of its own: the same description, the same bytes
    add(dataset, SD + "defaultGraph", default)
    store.add(ox.Quad(default, RDF_TYPE, ox.NamedNode(SD + "Graph")))
    for number, iri in enumerate(sorted(graphs), 1):
        named = ox.BlankNode(f"graph{number}")
        add(dataset, SD + "namedGraph", named)
        store.add(ox.Quad(named, RDF_TYPE, ox.NamedNode(SD + "NamedGraph")))
        add(named, SD + "name", ox.NamedNode(iri))
    return store
