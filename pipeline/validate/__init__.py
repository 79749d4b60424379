"""Validate: SHACL over one document's graph at a time, and the OASIS schema over each Akoma Ntoso
export (``xsd``); results as diagnostics.

SHACL runs on the ``shacl`` engine (Rust; its shapes compiled once per process): on the project's
shapes it gives pyshacl's results, result for result, at a seventh of its time (bench/shacl_engines.py;
tests/test_shacl_engine.py holds it to pyshacl). Validation returns data; it raises only when the tool
cannot run (shapes that do not load: exit 2). The ontology, the SKOS vocabularies and the State
register are added to each document's graph before validation, so that ``sh:class`` sees
subclasses, concepts and States without reasoning: of them, the statements whose predicate the shapes
read (``Shapes.reads``), which leaves out the labels and comments the engine would otherwise parse again
with every document (two thirds of the reference's text, more than half of a document's validation)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import shacl
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node
from rdflib.util import from_n3

from pipeline.diagnostics import Diagnostic, PipelineError, Severity, diagnostic, shacl_result
from pipeline.resources import ontology_dir, shapes_dir
from pipeline.validate import queries  # noqa: F401 (registers the SPARQL processor that translates a text once)

SEVERITIES = {"Violation": Severity.ERROR, "Warning": Severity.WARNING, "Info": Severity.INFO}


_QUERY_IRI = re.compile(r"<([^<>\s]+)>")  # an IRI a SPARQL text writes whole

# Shapes for the register and the catalogue: checked once per build, not with every document.
DATASET_SHAPES = ("states.ttl", "catalog.ttl")


@cache
def shapes_graph(everything: bool = True) -> Graph:
    """All shapes, or (``everything=False``) those that apply to one document's graph."""
    g = Graph()
    try:
        for path in sorted(shapes_dir().glob("*.ttl")):
            if everything or path.name not in DATASET_SHAPES:
                g.parse(path, format="turtle")
    except Exception as exc:  # a broken shapes file means the tool cannot do its job
        raise PipelineError(f"cannot load the SHACL shapes in {shapes_dir()}: {exc}") from None
    if not len(g):
        raise PipelineError(f"no SHACL shapes found in {shapes_dir()}")
    return g


def reference_graph(register: Graph) -> Graph:
    """Ontology, vocabularies and the State register: what sh:class checks look up."""
    g = Graph()
    try:
        for path in [ontology_dir() / "unga.ttl", *sorted((ontology_dir() / "vocabularies").glob("*.ttl"))]:
            g.parse(path, format="turtle")
    except Exception as exc:
        raise PipelineError(f"cannot load the ontology in {ontology_dir()}: {exc}") from None
    g += register
    return g


class Shapes:
    """A shapes graph compiled for the engine, with the names its results are reported by.

    The engine names a property shape (a blank node) by a label of its own parse; the shape is found
    again by the node shape that holds it, its path and its message, which tell our shapes apart
    (a test holds them to that)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        try:
            self.engine = shacl.Shapes.from_text(graph.serialize(format="nt"), format="ntriples")
        except ValueError as exc:
            raise PipelineError(f"cannot compile the SHACL shapes in {shapes_dir()}: {exc}") from None
        self.properties: dict[tuple[str, str, str], Node] = {}
        for owner, shape in graph.subject_objects(SH.property):
            path = path_text(graph, graph.value(shape, SH.path))
            self.properties[str(owner), path, str(graph.value(shape, SH.message) or "")] = shape
        self.reads = read_predicates(graph)

    def validate(self, data: str) -> list[shacl.Result]:
        """The results for a graph as N-Triples."""
        try:
            return list(self.engine.validate_text(data, format="ntriples", allow_warnings=True).results)
        except ValueError as exc:  # the engine could not run a shape: the shapes are broken
            raise PipelineError(f"SHACL validation could not run: {exc}") from None

    def name(self, result: shacl.Result) -> str:
        """The sh:name of the shape that failed (else the local name of its IRI)."""
        source = result.source_shape or ""
        shape: Node | None = URIRef(source[1:-1]) if source.startswith("<") else None
        if shape is None:
            root = (result.root_shape or "").strip("<>")
            shape = self.properties.get((root, result.path or "", result.message or ""))
        name = self.graph.value(shape, SH.name) if shape is not None else None
        if name is not None:
            return str(name)
        return str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"


def read_predicates(shapes: Graph) -> frozenset[str]:
    """The predicates (IRIs) that ``shapes`` can read of a node: every IRI the shapes graph holds (paths,
    targets, values), those its SPARQL constraints write (whole or by a declared prefix), and the two an
    instance check follows (``rdf:type``, ``rdfs:subClassOf``: SHACL's ``sh:class``). A statement of the
    reference whose predicate is not among them cannot change a result, as long as no SPARQL constraint
    reads a reference node's statements through a variable predicate (none does; tests/test_shacl_engine.py
    holds the results to pyshacl's over the whole reference)."""
    named = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef)}
    named |= {str(RDF.type), str(RDFS.subClassOf)}
    declared = {
        str(shapes.value(declaration, SH.prefix)): str(shapes.value(declaration, SH.namespace))
        for declaration in shapes.objects(None, SH.declare)
    }
    for query in (*shapes.objects(None, SH.select), *shapes.objects(None, SH.ask)):
        text = str(query)
        named.update(_QUERY_IRI.findall(text))
        for prefix, namespace in declared.items():
            named.update(namespace + local for local in re.findall(rf"(?<![\w-]){re.escape(prefix)}:([\w-]+)", text))
    return frozenset(named)


def lent(reference: str, reads: frozenset[str]) -> str:
    """The N-Triples lines of ``reference`` whose predicate is among ``reads``."""
    return "".join(line + "\n" for line in reference.split("\n") if line and line.split(" ", 2)[1][1:-1] in reads)


@cache
def compiled(everything: bool) -> Shapes:
    """The shapes compiled once per process (``everything`` as for ``shapes_graph``)."""
    return Shapes(shapes_graph(everything))


def path_text(graph: Graph, node: Node | None) -> str:
    """A SHACL path as SPARQL writes it, as the engine reports it: <p>, ^<p>, (<p>/<q>)."""
    if node is None:
        return ""
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    if isinstance(node, BNode) and graph.value(node, RDF.first) is not None:
        return "(" + "/".join(step.n3() for step in Collection(graph, node)) + ")"
    return node.n3()


def ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt")


class Validator:
    """SHACL for one build: the shapes compiled and the reference graph written once.

    ``register`` is the State register as RDF (``rdf.states_graph``), lent to every check so that
    ``sh:class unga:MemberState`` sees the States a document names."""

    def __init__(self, register: Graph):
        self.register = register
        self.reference = reference_graph(register)
        self._written = ntriples(self.reference)
        self._lent: dict[bool, str] = {}

    def document(self, graph: Graph, file: str | None = None, everything: bool = False) -> list[Diagnostic]:
        """Every SHACL result for one document's graph, as diagnostics (empty when it conforms).

        ``everything=True`` also applies the register and catalogue shapes (for any Turtle file)."""
        return self.text(ntriples(graph), file, everything)

    def text(self, data: str, file: str | None = None, everything: bool = False) -> list[Diagnostic]:
        """``document`` for a graph the caller has written as N-Triples already."""
        shapes = compiled(everything)
        if everything not in self._lent:
            self._lent[everything] = lent(self._written, shapes.reads)
        out = []
        for result in shapes.validate(self._lent[everything] + data):
            severity = SEVERITIES.get(result.severity, Severity.ERROR)
            focus = str(from_n3(result.focus_node))
            message = result.message or f"{focus} does not conform"
            message = message.replace("{$this}", focus).replace("{$value}", str(result.value_plain))
            out.append(shacl_result(shapes.name(result), severity, message, file))
        return sorted(out, key=lambda d: (d.severity.value, d.code, d.message))

    def file(self, path: Path) -> list[Diagnostic]:
        """Validate a Turtle file (``unga-ld validate``) with every shape."""
        g = Graph()
        try:
            g.parse(path, format="turtle")
        except Exception as exc:
            line = getattr(exc, "lines", None)
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return [diagnostic("rdf.bad-turtle", str(path), line if isinstance(line, int) else None, reason=reason)]
        return self.document(g, str(path), everything=True)

    def register_conforms(self) -> list[Diagnostic]:
        """The Member State register against its shapes (once per build)."""
        shapes = Shapes(Graph().parse(shapes_dir() / "states.ttl", format="turtle"))
        results = shapes.validate(ntriples(self.register))
        if all(result.severity != "Violation" for result in results):  # warnings alone: it conforms
            return []
        return [
            diagnostic("shacl.register", "register", reason=result.message or f"{result.focus_node} does not conform")
            for result in results
        ]
