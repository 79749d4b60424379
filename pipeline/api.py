"""The Python API, for notebooks and scripts: the pipeline's stages as functions over plain values.

    >>> from pipeline import api
    >>> reading = api.read("corpus/A_48_PV.46.pdf")            # a file or a folder
    >>> record = reading.documents[0]
    >>> [(v.part, v.yes, v.no, v.abstain) for v in record.votes if v.recorded][:2]
    [('preamble_8', 105, 2, 22), ('preamble_9', 104, 1, 30)]
    >>> graph = api.graph(record)                               # an rdflib Graph
    >>> api.validate(graph)                                     # the SHACL results: [] when it conforms
    []

and, over a published dataset (``unga-ld build`` writes one to ``output/``)::

    api.query("output", "voting-history", iso3="FRA")           # a shipped query by its name
    api.query("output", "SELECT ?s WHERE { ?s a <https://w3id.org/unga-ld/ontology#Resolution> }")

A SELECT answers a list of rows (dicts of the variables' values as strings, unbound ones left out), an
ASK a bool, a CONSTRUCT or DESCRIBE a list of (subject, predicate, object) strings. Queries go through
the endpoint's guard (``serve.sparql.check``): no update, no SERVICE, nothing outside the dataset.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from pipeline import rdf
from pipeline.akn import akn_bytes
from pipeline.diagnostics import Diagnostic
from pipeline.model import Document
from pipeline.namespaces import DEFAULT_BASE
from pipeline.run import Reading, read_corpus
from pipeline.serve import sparql
from pipeline.validate import Validator

__all__ = ["akn", "graph", "query", "read", "validate"]


def read(*paths: str | os.PathLike[str]) -> Reading:
    """The documents of files and folders (the bundled corpus when none is given) in the model, with
    what reading them noticed (``.diagnostics``) and the files that gave no document (``.failed``)."""
    return read_corpus([Path(p) for p in paths] or None, jobs=1)


def graph(document: Document, base: str = DEFAULT_BASE) -> Graph:
    """A document as RDF, as the build maps it."""
    return rdf.to_graph(document, base)


def akn(document: Document) -> bytes:
    """A document as Akoma Ntoso XML, as the build exports it."""
    return akn_bytes(document)


def validate(data: Graph, base: str = DEFAULT_BASE) -> list[Diagnostic]:
    """The SHACL results for a document's graph (the shapes of ``shapes/``): empty when it conforms."""
    return _validator(base).document(data)


@cache
def _validator(base: str) -> Validator:
    return Validator(rdf.states_graph(base))


def query(
    output: str | os.PathLike[str], text: str, **parameters: str
) -> list[dict[str, str]] | bool | list[tuple[str, str, str]]:
    """Run a SPARQL query, or a shipped query by its name (``queries/``) with its parameters, over the
    dataset published in ``output``. Raises ``sparql.Refused`` for a query the endpoint would refuse,
    a parameter the query does not take, or bad syntax."""
    shipped = sparql.shipped()
    if text in shipped:
        text = shipped[text][1]
    text = sparql.bind(text, parameters)
    store = _store(Path(output).resolve(), _stamp(Path(output)))
    own = sparql.check(text, sparql.graph_names(store))
    try:
        answer = store.query(text, use_default_graph_as_union=not own)
    except SyntaxError as exc:
        raise sparql.Refused(400, f"the query does not parse: {exc}") from None
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in answer]
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in answer]


def _stamp(output: Path) -> float:
    """When the dataset was last written: a new build is read anew."""
    try:
        return (output / "unga-ld.nq").stat().st_mtime
    except FileNotFoundError:
        return 0.0


@lru_cache(maxsize=2)
def _store(output: Path, stamp: float) -> ox.Store:  # the stamp keys the cache: a new build is read anew
    return sparql.load(output)
