"""The build validates with the ``shacl`` engine (Rust); pyshacl is the reference it must agree with:
the same diagnostics (code, severity, message), result for result, on every shape's failing case, on
the valid case, on the bundled seeds, on the bundled Akoma Ntoso files and, where the shared corpus is
beside the checkout, on session 77's documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from pipeline.diagnostics import Diagnostic, Severity, shacl_result
from pipeline.rdf import states_graph, to_graph
from pipeline.run import read_documents
from pipeline.validate import Validator, compiled, lent, path_text, read_predicates, shapes_graph
from tests.conftest import AKN_CORPUS, CORPUS, document

CASES = Path(__file__).resolve().parent / "shapes"
BASE = "https://w3id.org/unga-ld/"
SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


def by_pyshacl(validator: Validator, graph: Graph, everything: bool) -> list[Diagnostic]:
    """The diagnostics as pyshacl's report gives them (the reading the build had before the engine)."""
    shapes = shapes_graph(everything)
    data = Graph()
    data += validator.reference
    data += graph
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus, value = report.value(result, SH.focusNode), report.value(result, SH.value)
        message = str(report.value(result, SH.resultMessage) or f"{focus} does not conform")
        message = message.replace("{$this}", str(focus)).replace("{$value}", str(value))
        shape = report.value(result, SH.sourceShape)
        name = shapes.value(shape, SH.name)
        code = (
            str(name) if name is not None else str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef) else "shape"
        )
        out.append(shacl_result(code, SEVERITIES[report.value(result, SH.resultSeverity)], message, None))
    return sorted(out, key=lambda d: (d.severity.value, d.code, d.message))


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(states_graph(BASE))


@pytest.mark.parametrize("case", sorted(CASES.glob("*.ttl")), ids=lambda p: p.name.split(".")[0])
def test_each_shape_case_gives_pyshacl_results(validator, case):
    graph = Graph().parse(case)
    found = validator.document(graph, everything=True)
    assert found == by_pyshacl(validator, graph, everything=True)
    if case.name != "valid.ttl":
        assert found  # a failing case fails: the comparison is not of two empty lists


def test_seeds_and_bundled_files_give_pyshacl_results(validator):
    graphs = [to_graph(document(seed.stem), BASE) for seed in sorted(CORPUS.glob("*.txt"))]
    graphs += [to_graph(doc, BASE) for f in sorted((CORPUS / "akn").glob("*.xml")) for doc in read_documents(f)[0]]
    assert len(graphs) > 5
    for graph in graphs:
        assert validator.document(graph) == by_pyshacl(validator, graph, everything=False)


@pytest.mark.corpus
@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")
def test_session_documents_give_pyshacl_results(validator):
    files = sorted(AKN_CORPUS.glob("*.xml"))[::12]  # every twelfth of session 77's files
    for graph in (to_graph(doc, BASE) for f in files for doc in read_documents(f)[0]):
        assert validator.document(graph) == by_pyshacl(validator, graph, everything=False)


def test_property_shapes_are_told_apart_by_owner_path_and_message():
    # the engine names a property shape by a label of its own: it is found again by these three
    shapes = shapes_graph(True)
    keys = [
        (owner, path_text(shapes, shapes.value(shape, SH.path)), shapes.value(shape, SH.message))
        for owner, shape in shapes.subject_objects(SH.property)
    ]
    assert len(keys) == len(set(keys)) > 30
    assert len(compiled(True).properties) == len(keys)


def test_a_renamed_result_keeps_its_shape_name(validator):
    # a property shape's own sh:name is the code, as pyshacl's reading gave it
    graph = Graph().parse(CASES / "BodyValueShape.fail.ttl")
    codes = {d.code for d in validator.document(graph, everything=True)}
    assert "shacl.body-value" in codes


def test_the_reference_lent_to_a_document_keeps_what_the_shapes_read():
    reads = compiled(False).reads
    assert "http://www.w3.org/2004/02/skos/core#inScheme" in reads  # the vocabulary shapes' path
    assert "http://www.w3.org/2000/01/rdf-schema#subClassOf" in reads  # sh:class follows it
    assert "http://www.w3.org/2004/02/skos/core#prefLabel" not in reads  # read by the register's shapes only
    assert "http://www.w3.org/2004/02/skos/core#prefLabel" in compiled(True).reads


def test_predicates_a_sparql_constraint_names_are_read():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:prefixes sh:declare [ sh:prefix "my" ; sh:namespace "http://example.org/my#" ] .
        ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:prefixes ex:prefixes ;
            sh:select "SELECT $this WHERE { $this my:seen ?x . ?x <http://example.org/whole> ?y . FILTER(?y != 'my:not') }" ] .
        """,
        format="turtle",
    )
    reads = read_predicates(shapes)
    assert {"http://example.org/my#seen", "http://example.org/whole", "http://example.org/Thing"} <= reads
    assert "http://example.org/my#other" not in reads
    lines = (
        "<http://a> <http://example.org/my#seen> <http://b> .\n<http://a> <http://example.org/my#other> <http://b> .\n"
    )
    assert lent(lines, reads) == lines.split("\n")[0] + "\n"
