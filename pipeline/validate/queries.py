"""SPARQL texts translated once: rdflib parses a query string on every ``Graph.query`` call, and
pyshacl asks the same few texts (each ``sh:sparql`` constraint, the ``sh:class`` lookup) once per
focus node — a third of a build's time went to the parser. This module registers, as rdflib's
``sparql`` query processor (its plugin mechanism), one that keeps each text's translated algebra and
evaluates it again with the new bindings, as a prepared query is meant to be.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> g.add((URIRef("urn:a"), URIRef("urn:p"), Literal(1)))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> text = "SELECT ?o WHERE { ?s <urn:p> ?o }"
    >>> [row.o.toPython() for row in g.query(text)]
    [1]
    >>> [row.o for row in g.query(text, initBindings={"s": URIRef("urn:b")})]
    []
    >>> prepared.cache_info().hits >= 1
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor
from rdflib.term import Identifier


@lru_cache(maxsize=512)
def prepared(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]) -> Query:
    """A query text's algebra (rdflib's translation), once per text, base and prefixes."""
    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


class CachedSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, with each query text translated once (see the module)."""

    def query(  # type: ignore[override]
        self,
        strOrQuery: str | Query,
        initBindings: Mapping[str, Identifier] | None = None,
        initNs: Mapping[str, Any] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((prefix, str(uri)) for prefix, uri in (initNs or {}).items()))
            strOrQuery = prepared(strOrQuery, base, namespaces)
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


plugin.register("sparql", Processor, __name__, CachedSPARQLProcessor.__name__)
