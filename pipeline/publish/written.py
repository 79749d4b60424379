"""A graph as the dumps write it: N-Triples, Turtle and JSON-LD made by pyoxigraph's writers or read
off the triples once, rather than by rdflib's serialisers (three passes over the graph that were half
the CPU of a build: 22.7 of 41.2 s for 200 session-75 documents in one process).

The triples are those the mapping made and the shapes checked, in a fixed order: each subject in turn
(by its N-Triples text), its types first, then its other statements by predicate and object, so that
every file is the same for the same graph. The JSON-LD nodes are those rdflib writes without a context
(``@id``, ``@type`` as a list of IRIs, each value in a list as a value or node object), so the JSON-LD
dump is what it was."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from pipeline.namespaces import PREFIXES

_TYPE = f"<{RDF.type}>"
_PLAIN = re.compile(r"(?:[A-Za-z_][\w-]*)?")  # a local name Turtle writes as it is (or none)
_NAMESPACES = [(prefix, str(namespace)) for prefix, namespace in PREFIXES.items()]
_NATIVE = {XSD.boolean, XSD.integer, XSD.double, XSD.string}
_RDF_TYPE, _STRING = str(RDF.type), str(XSD.string)


def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as pyoxigraph's (a literal typed xsd:string is the simple literal it is in RDF 1.1)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"{node!r} is not an RDF term")


def value(node: Node) -> dict[str, object]:
    """An object as rdflib's JSON-LD writer gives it without a context: a node or a value object (the
    value of a boolean, integer, double or string as JSON's own, its datatype kept)."""
    if isinstance(node, Literal):
        if node.datatype is not None:
            return {"@type": str(node.datatype), "@value": node.toPython() if node.datatype in _NATIVE else str(node)}
        if node.language:
            return {"@language": node.language, "@value": str(node)}
        return {"@value": str(node)}
    if isinstance(node, BNode):
        return {"@id": node.n3()}
    return {"@id": str(node)}


def nodes(triples: Iterable[ox.Triple]) -> list[dict]:
    """The JSON-LD nodes of triples read by pyoxigraph, as ``written`` gives those of the same triples
    read by rdflib (a simple literal has no ``@type``, as rdflib reads it from N-Triples), without
    holding them as an rdflib graph (tens of thousands of triples are some 50 MB there)."""
    return _read(triples)[0]


def _read(triples: Iterable[ox.Triple]) -> tuple[list[dict], set[str]]:
    """``nodes``, and the IRIs the triples' N-Triples write: subjects, predicates, objects and the
    datatypes of typed literals (read off the nodes' distinct terms, not off every line)."""
    made: dict[str, dict] = {}
    values: dict[ox.Literal | ox.NamedNode | ox.BlankNode, dict[str, object]] = {}
    iris: set[str] = set()
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if isinstance(subject, ox.Triple):
            raise TypeError(f"{subject!r} is a quoted triple, not a resource")
        key = f"_:{subject.value}" if isinstance(subject, ox.BlankNode) else subject.value
        node = made.get(key)
        if node is None:
            node = made[key] = {"@id": key}
        iris.add(predicate)
        if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            node.setdefault("@type", []).append(obj.value)
            iris.add(obj.value)
        elif isinstance(obj, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            said = values.get(obj) or values.setdefault(obj, _value(obj))
            node.setdefault(predicate, []).append(said)
        else:
            raise TypeError(f"{obj!r} is not an RDF term of a triple's object")
    iris.update(key for key in made if not key.startswith("_:"))  # an IRI is absolute: no "_:"
    for obj in values:
        if isinstance(obj, ox.NamedNode):
            iris.add(obj.value)
        elif isinstance(obj, ox.Literal) and not obj.language and obj.datatype.value != _STRING:
            iris.add(obj.datatype.value)  # a simple or language-tagged literal writes no datatype
    return list(made.values()), iris


def _value(obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, object]:
    if isinstance(obj, ox.NamedNode):
        return {"@id": obj.value}
    if isinstance(obj, ox.BlankNode):
        return {"@id": f"_:{obj.value}"}
    if obj.language:
        return {"@language": obj.language, "@value": obj.value}
    if obj.datatype.value == _STRING:
        return {"@value": obj.value}
    return value(Literal(obj.value, datatype=URIRef(obj.datatype.value)))  # rdflib's reading of its value


@dataclass(frozen=True)
class Written:
    """One graph's triples, written: ``ntriples`` as pyoxigraph wrote them, ``lines`` the same lines in
    the order above (each without its line feed), ``nodes`` its JSON-LD nodes (unsorted:
    ``dataset.sorted_nodes`` orders them), ``iris`` the IRIs its lines write."""

    triples: list[ox.Triple]
    ntriples: str
    lines: list[str]
    nodes: list[dict]
    iris: set[str]

    def turtle(self) -> bytes:
        """The graph as Turtle, with the project's prefixes that it uses."""
        written = ox.serialize(self.triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes(self.iris))
        assert written is not None  # no output given: the bytes
        # a blank line before each subject (pyoxigraph escapes line breaks inside literals: every line
        # that ends a statement ends with " .", and the next subject starts its line with "<")
        return written.replace(b" .\n<", b" .\n\n<")


def _prefixes(iris: set[str]) -> dict[str, str]:
    """The project's prefixes for ``iris`` (those a graph's lines write, not what a literal's text may
    hold): each that some IRI starts with, where every such IRI's local part is a plain name
    (``vocab:`` would write vote-outcome/adopted with an escaped slash, so those IRIs are written whole)."""
    used = {}
    for prefix, namespace in _NAMESPACES:
        local = [iri[len(namespace) :] for iri in iris if iri.startswith(namespace)]
        if local and all(_PLAIN.fullmatch(name) for name in local):
            used[prefix] = namespace
    return used


def written(graph: Iterable[ox.Triple] | Graph) -> Written:
    """``graph`` (the mapping's ``rdf.Triples``, or an rdflib graph) read once: its triples as
    pyoxigraph's, their N-Triples lines and its JSON-LD nodes."""
    if isinstance(graph, Graph):
        triples = [ox.Triple(_resource(s), ox.NamedNode(str(p)), term(o)) for s, p, o in graph]
    else:
        triples = list(graph)
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert text is not None
    ntriples = text.decode("utf-8")
    lines = ntriples.split("\n")[:-1]  # a literal's line breaks are escaped: one triple a line
    order = sorted(range(len(lines)), key=lambda i: _key(lines[i]))
    made, iris = _read(triples)
    return Written([triples[i] for i in order], ntriples, [lines[i] for i in order], made, iris)


def _resource(node: Node) -> ox.NamedNode | ox.BlankNode:
    made = term(node)
    if isinstance(made, ox.Literal):
        raise TypeError(f"{node!r} is a literal, not a subject")
    return made


def _key(line: str) -> tuple[str, bool, str, str]:
    subject, predicate, rest = line.split(" ", 2)  # IRIs hold no spaces
    return subject, predicate != _TYPE, predicate, rest
