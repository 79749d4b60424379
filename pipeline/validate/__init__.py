"""Validate: SHACL (pyshacl) over one document's graph at a time, and the OASIS schema over each
Akoma Ntoso export (``xsd``); results as diagnostics.

Validation returns data; it raises only when the tool cannot run (shapes that do not load: exit 2).
The ontology, the SKOS vocabularies and the State register are added to each document's graph before
validation, so that ``sh:class`` sees subclasses, concepts and States without reasoning."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pipeline.diagnostics import Diagnostic, PipelineError, Severity, diagnostic, shacl_result
from pipeline.resources import ontology_dir, shapes_dir
from pipeline.validate import queries  # noqa: F401 (registers the SPARQL processor that translates a text once)

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


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


# rdflib's memory store keeps the emptied index entries of every subject and object removed from a
# graph: the reference graph, to which each document's triples are added and from which they are
# removed, would grow by about half a megabyte per document checked. It is copied anew (a few
# hundredths of a second) after this many documents, which bounds that growth.
RENEW_EVERY = 50


def _copy(graph: Graph) -> Graph:
    fresh = Graph()
    fresh.addN((s, p, o, fresh) for s, p, o in graph)
    return fresh


class Validator:
    """SHACL (pyshacl) for one build: the shapes and the reference graph are loaded once.

    ``register`` is the State register as RDF (``rdf.states_graph``), lent to every check so that
    ``sh:class unga:MemberState`` sees the States a document names."""

    def __init__(self, register: Graph):
        self.register = register
        self.reference = reference_graph(register)
        self._lock = threading.Lock()  # the reference graph is lent to one validation at a time
        self._checked = 0

    def document(self, graph: Graph, file: str | None = None, everything: bool = False) -> list[Diagnostic]:
        """Every SHACL result for one document's graph, as diagnostics (empty when it conforms).

        ``everything=True`` also applies the register and catalogue shapes (for any Turtle file)."""
        shapes = shapes_graph(everything)
        with self._lock:
            # The document's triples join the reference graph for the check and leave again after it:
            # cheaper than copying its thousands of triples every time.
            data = self.reference
            added = [t for t in graph if t not in data]
            for triple in added:
                data.add(triple)
            try:
                _, results, _ = shacl_validate(
                    data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=False, inplace=True
                )
            finally:
                for triple in added:
                    data.remove(triple)
                self._checked += 1
                if self._checked % RENEW_EVERY == 0:  # see RENEW_EVERY
                    self.reference = _copy(data)
        if not isinstance(results, Graph):  # pyshacl could not run a shape: the shapes are broken
            raise PipelineError(f"SHACL validation could not run: {results}")
        out = []
        for result in results.subjects(RDF.type, SH.ValidationResult):
            level = results.value(result, SH.resultSeverity)
            severity = SEVERITIES.get(level, Severity.ERROR) if isinstance(level, URIRef) else Severity.ERROR
            focus, value = results.value(result, SH.focusNode), results.value(result, SH.value)
            message = str(results.value(result, SH.resultMessage) or f"{focus} does not conform")
            message = message.replace("{$this}", str(focus)).replace("{$value}", str(value))
            out.append(shacl_result(_shape_name(shapes, results, result), severity, message, file))
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
        shapes = Graph()
        shapes.parse(shapes_dir() / "states.ttl", format="turtle")
        conforms, results, _ = shacl_validate(self.register, shacl_graph=shapes, inference="none")
        if conforms:
            return []
        return [
            diagnostic("shacl.register", "register", reason=str(results.value(r, SH.resultMessage)))
            for r in results.subjects(RDF.type, SH.ValidationResult)
        ]


def _shape_name(shapes: Graph, results: Graph, result: Node) -> str:
    """The sh:name of the shape that failed (else the local name of its IRI), looked up in the shapes
    graph the validation ran with: a property shape is a blank node of that graph, and of no other."""
    shape = results.value(result, SH.sourceShape)
    name = shapes.value(shape, SH.name) if shape is not None else None
    if name is not None:
        return str(name)
    return str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"
