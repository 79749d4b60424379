"""SHACL shapes as data: every shape passes on tests/shapes/valid.ttl (which gives it focus nodes)
and fails on its own tests/shapes/<Shape>.fail.ttl. Breaking published data on purpose is caught
with a message naming the document and the vote or paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as shacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from pipeline.namespaces import ELI, ELI_DL, UNGA
from pipeline.rdf import states_graph, to_graph
from pipeline.validate import Validator, reference_graph, shapes_graph
from tests.conftest import document

CASES = Path(__file__).resolve().parent / "shapes"
SHAPES_NS = "https://w3id.org/unga-ld/shapes#"
BASE = "https://w3id.org/unga-ld/"


def node_shapes() -> list[URIRef]:
    g = shapes_graph()
    return sorted(s for s in g.subjects(RDF.type, SH.NodeShape) if str(s).startswith(SHAPES_NS))


def source_node_shapes(report_graph: Graph) -> set[URIRef]:
    """The node shapes whose own or property constraints produced results."""
    shapes = shapes_graph()
    found = set()
    for shape in report_graph.objects(None, SH.sourceShape):
        if isinstance(shape, URIRef):
            found.add(shape)
        for owner in shapes.subjects(SH.property, shape):
            found.add(owner)
    return found


def run(graph: Graph) -> tuple[bool, Graph]:
    data = Graph()
    data += reference_graph(states_graph(BASE))
    data += graph
    conforms, results, _ = shacl(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    return conforms, results


def focus_nodes(shape: URIRef, data: Graph) -> set:
    """The focus nodes a shape's targets select in a graph (the target kinds our shapes use)."""
    shapes, nodes = shapes_graph(), set()
    for cls in shapes.objects(shape, SH.targetClass):
        nodes |= set(data.subjects(RDF.type, cls))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        nodes |= set(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    return nodes


def test_every_shape_has_a_name_a_message_and_a_failing_case():
    shapes = shapes_graph()
    for shape in node_shapes():
        local = str(shape).removeprefix(SHAPES_NS)
        assert shapes.value(shape, SH.name), local
        messages = list(shapes.objects(shape, SH.message))
        messages += [m for p in shapes.objects(shape, SH.property) for m in shapes.objects(p, SH.message)]
        messages += [m for c in shapes.objects(shape, SH.sparql) for m in shapes.objects(c, SH.message)]
        assert messages, f"{local} has no sh:message"
        assert (CASES / f"{local}.fail.ttl").is_file(), f"no failing case for {local}"


def test_the_valid_case_conforms_and_exercises_every_shape():
    valid = Graph().parse(CASES / "valid.ttl")
    conforms, results = run(valid)
    assert conforms, results.serialize(format="turtle")
    assert not list(results.subjects(RDF.type, SH.ValidationResult))  # not even a warning
    data = Graph()
    data += reference_graph(states_graph(BASE))
    data += valid
    for shape in node_shapes():
        assert focus_nodes(shape, data), f"valid.ttl gives {shape} nothing to check"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.fail.ttl")), ids=lambda p: p.name.split(".")[0])
def test_each_failing_case_fails_its_shape(case):
    shape = URIRef(SHAPES_NS + case.name.split(".")[0])
    assert shape in node_shapes()
    _, results = run(Graph().parse(case))
    assert shape in source_node_shapes(results), f"{case.name} did not fail {shape}"


@pytest.fixture
def report_graph():
    return to_graph(document("004_a2d8dbfef73a8e4a"))


VOTE = URIRef(BASE + "vote/first-committee/73/31/A/C.1/73/L.27/Rev.1")
DRAFT_II = BASE + "document/A/C.1/73/L.37"


def messages(graph: Graph, severity: str = "error") -> list[str]:
    found = Validator(states_graph(BASE)).document(graph, "A/73/505")
    return [d.message for d in found if d.severity.value == severity]


def test_published_seed_conforms(report_graph):
    assert messages(report_graph) == []


def test_changed_count_is_a_warning_naming_the_vote(report_graph):
    # the totals and the lists are both what the source says: published, with a warning
    report_graph.set((VOTE, ELI_DL.number_of_votes_favor, Literal(110, datatype=XSD.integer)))
    assert messages(report_graph) == []
    assert messages(report_graph, "warning") == [
        f"Recorded vote {VOTE} on {BASE}document/A/C.1/73/L.27/Rev.1: the in favour count is 110 but 109 States are listed."
    ]


def test_state_in_two_lists_is_caught_naming_the_vote_and_state(report_graph):
    china = URIRef(BASE + "state/CHN")
    assert (VOTE, ELI_DL.had_voter_favor, china) in report_graph
    report_graph.add((VOTE, ELI_DL.had_voter_against, china))
    found = messages(report_graph)
    assert any(str(VOTE) in m and str(china) in m and "two lists" in m for m in found)


def test_gap_in_the_numbering_is_caught_naming_the_paragraph(report_graph):
    para = URIRef(DRAFT_II + "#para_3")
    report_graph.set((para, ELI.number, Literal("4")))
    found = messages(report_graph)
    assert any(f"Operative paragraph {para} of {DRAFT_II} is numbered 4; expected 3" in m for m in found)


def test_dangling_footnote_is_caught_naming_it(report_graph):
    note = URIRef(DRAFT_II + "#fn_1")
    report_graph.remove((note, UNGA.footnoteOf, None))
    assert f"Footnote {note}: its mark stands in no paragraph (unga:footnoteOf is missing)." in messages(report_graph)
    report_graph.add((note, UNGA.footnoteOf, URIRef(DRAFT_II + "#para_99")))
    assert any(f"Footnote {note} points at {DRAFT_II}#para_99" in m for m in messages(report_graph))


def test_resolution_without_adoption_date_is_caught():
    g = to_graph(document("001_69c6e02bd4b24d1c"))
    resolution = URIRef(BASE + "document/A/RES/77/37")
    g.remove((resolution, ELI.date_document, None))
    assert f"Resolution {resolution} has no adoption date (eli:date_document)." in messages(g)
