"""A graph as the mapping makes it: ``Triples``, each triple once, in the order first added.

The build reads a document's graph once (``publish.written``): an rdflib store would index every triple
three ways for nothing, which was half of a document's mapping. ``graph()`` gives it as an rdflib graph
where one is wanted (the API, the tests, SHACL of a graph)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

from pipeline.namespaces import PREFIXES

__all__ = ["Triples", "new_graph"]


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
        self._added: dict[tuple[Node, Node, Node], None] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self._added[triple] = None

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return iter(self._added)

    def __len__(self) -> int:
        return len(self._added)

    def graph(self) -> Graph:
        """The triples as an rdflib graph with the project's prefixes."""
        g = new_graph()
        for triple in self._added:
            g.add(triple)
        return g
