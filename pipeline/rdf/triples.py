"""A graph as the mapping makes it: ``Triples``, each triple once, in the order first added, its terms
pyoxigraph's (``rdf.terms``).

The build reads a document's graph once (``publish.written``): an rdflib store would index every triple
three ways for nothing, which was half of a document's mapping. ``graph()`` gives it as an rdflib graph
where one is wanted (the API, the tests, SHACL of a graph)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from pipeline.namespaces import PREFIXES
from pipeline.rdf.terms import Object, Subject

__all__ = ["Triples", "new_graph", "rdflib_term"]

_STRING = str(XSD.string)


def new_graph() -> Graph:
    """An empty graph with the project's prefixes, held by rdflib's simplest store (no named graphs, three
    indexes): a graph made once and read a few times takes its triples three times as fast there as in
    the default store."""
    g = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    return g


class Triples:
    """Triples as they are added, each once (as in a graph: the same statement made twice is one)."""

    __slots__ = ("_added",)

    def __init__(self) -> None:
        self._added: dict[ox.Triple, None] = {}

    def add(self, triple: tuple[Subject, ox.NamedNode, Object]) -> None:
        self._added[ox.Triple(*triple)] = None

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._added)

    def __len__(self) -> int:
        return len(self._added)

    def graph(self) -> Graph:
        """The triples as an rdflib graph with the project's prefixes (a simple literal as rdflib reads it
        from N-Triples: without a datatype)."""
        g = new_graph()
        for triple in self._added:
            g.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
        return g


def rdflib_term(term: object) -> Node:
    """A pyoxigraph term as rdflib's."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"{term!r} is not an RDF term")
