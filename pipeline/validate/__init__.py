"""Validate: SHACL (pyshacl) over one document's graph at a time, results as diagnostics.

Validation returns data; it raises only when the tool cannot run (shapes that do not load: exit 2).
The ontology, the SKOS vocabularies and the State register are added to each document's graph before
validation, so that ``sh:class`` sees subclasses, concepts and States without reasoning."""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from pipeline.diagnostics import Diagnostic, Severity
from pipeline.diagnostics import PipelineError
from pipeline.resources import ontology_dir, shapes_dir

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


# Shapes for the register and the catalogue: checked once per build, not with every document.
DATASET_SHAPES = ("states.ttl", "catalog.ttl")
_LOCK = threading.Lock()  # the cached ontology graph is lent to one validation at a time


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


@cache
def ontology_graph(base: str) -> Graph:
    """Ontology, vocabularies and the State register: what sh:class checks look up."""
    from pipeline.rdf import states_graph

    g = Graph()
    try:
        for path in [ontology_dir() / "unga.ttl", *sorted((ontology_dir() / "vocabularies").glob("*.ttl"))]:
            g.parse(path, format="turtle")
    except Exception as exc:
        raise PipelineError(f"cannot load the ontology in {ontology_dir()}: {exc}") from None
    g += states_graph(base)
    return g


def validate(graph: Graph, file: str | None = None, base: str | None = None, everything: bool = False) -> list[Diagnostic]:
    """Every SHACL result for one document's graph, as diagnostics (empty when it conforms).

    ``everything=True`` also applies the register and catalogue shapes (for any Turtle file)."""
    from pipeline.namespaces import DEFAULT_BASE

    shapes = shapes_graph(everything)
    with _LOCK:
        # The document's triples join the cached ontology, vocabularies and register for the check
        # and leave again after it: cheaper than copying those thousands of triples every time.
        data = ontology_graph(base or DEFAULT_BASE)
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
    if not isinstance(results, Graph):  # pyshacl could not run a shape: the shapes are broken
        raise PipelineError(f"SHACL validation could not run: {results}")
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), Severity.ERROR)
        focus, value = results.value(result, SH.focusNode), results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or f"{focus} does not conform")
        message = message.replace("{$this}", str(focus)).replace("{$value}", str(value))
        out.append(Diagnostic(_code(results, result), severity, message, file))
    return sorted(out, key=lambda d: (d.severity.value, d.code, d.message))


def _code(results: Graph, result: URIRef) -> str:
    """shacl.<name of the shape that failed>, e.g. shacl.vote-totals."""
    shape = results.value(result, SH.sourceShape)
    shapes = shapes_graph(True)
    name = shapes.value(shape, SH.name) if shape is not None else None
    if name is None and isinstance(shape, URIRef):
        name = str(shape).rsplit("#", 1)[-1]
    slug = re.sub(r"[^a-z0-9]+", "-", str(name or "shape").lower()).strip("-")
    return f"shacl.{slug}"


def validate_file(path: Path) -> list[Diagnostic]:
    """Validate a Turtle file (``unga-ld validate``)."""
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:
        line = getattr(exc, "lines", None)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [Diagnostic("rdf.bad-turtle", Severity.ERROR, f"not valid Turtle: {reason}", str(path),
                           line if isinstance(line, int) else None)]
    return [
        Diagnostic(d.code, d.severity, d.message, str(path), d.line) for d in validate(g, str(path), everything=True)
    ]


def validate_register(base: str) -> list[Diagnostic]:
    """The Member State register against its shapes (once per build)."""
    from pipeline.rdf import states_graph

    shapes = Graph()
    shapes.parse(shapes_dir() / "states.ttl", format="turtle")
    conforms, results, _ = shacl_validate(states_graph(base), shacl_graph=shapes, inference="none")
    if conforms:
        return []
    return [Diagnostic("shacl.register", Severity.ERROR, str(results.value(r, SH.resultMessage)), "register")
            for r in results.subjects(RDF.type, SH.ValidationResult)]
