"""A document's graph written by pyoxigraph's writers (``publish.written``) says what rdflib's own
serialisers say of the same graph: the same triples in N-Triples and Turtle, the same JSON-LD nodes."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from pipeline.namespaces import PREFIXES, UNGA
from pipeline.publish.dataset import sorted_nodes
from pipeline.publish.written import nodes, written
from pipeline.rdf import to_graph
from tests.conftest import CORPUS, document, seeds

SEEDS = [seed for seed in seeds() if (CORPUS / f"{seed}.txt").is_file()]  # the five seed documents


def triples(data: bytes | str, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return set(ox.parse(data.encode("utf-8") if isinstance(data, str) else data, format=fmt))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_document_s_files_say_what_rdflib_says_of_its_graph(seed: str):
    graph = to_graph(document(seed))
    out = written(graph)
    expected = triples(graph.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    assert len(expected) == len(graph) > 100
    assert triples(out.ntriples, ox.RdfFormat.N_TRIPLES) == expected
    assert triples(out.turtle(), ox.RdfFormat.TURTLE) == expected
    assert sorted_nodes(out.nodes) == sorted_nodes(json.loads(graph.serialize(format="json-ld")))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_subject_stands_together_its_types_first(seed: str):
    lines = written(to_graph(document(seed))).lines
    subjects = [line.split(" ", 1)[0] for line in lines]
    assert subjects == sorted(subjects)  # each subject's statements together, subjects in order
    for i, line in enumerate(lines):
        if line.split(" ")[1] == f"<{RDF.type}>" and i and subjects[i - 1] == subjects[i]:
            assert lines[i - 1].split(" ")[1] == f"<{RDF.type}>", line


def test_turtle_uses_the_project_s_prefixes_only_for_plain_local_names():
    report = document("004_a2d8dbfef73a8e4a")  # a committee report: votes and their outcomes
    turtle = written(to_graph(report)).turtle().decode("utf-8")
    declared = [line.split()[2][1:-1] for line in turtle.splitlines() if line.startswith("@prefix")]
    assert declared and set(declared) <= {str(ns) for ns in PREFIXES.values()}
    assert "\\/" not in turtle  # vocab:vote-outcome\/adopted is not written: the IRI stands whole
    statements = "".join(line for line in turtle.splitlines() if not line.startswith("@prefix"))
    assert "unga:outcome" in statements and f"<{PREFIXES['unga']}" not in statements


def test_an_iri_in_a_literal_s_text_does_not_decide_a_prefix():
    g = Graph()
    s = URIRef("https://example.org/s")
    g.add((s, UNGA.text, Literal(f"see <{PREFIXES['unga']}not a name> and <{PREFIXES['eli']}x>", lang="en")))
    g.add((s, UNGA.ordinal, Literal(7)))
    turtle = written(g).turtle().decode("utf-8")
    declared = {line.split()[1] for line in turtle.splitlines() if line.startswith("@prefix")}
    assert declared == {"unga:", "xsd:"}  # the predicates' and the datatype's; the literal's text names none
    assert triples(turtle, ox.RdfFormat.TURTLE) == triples(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)


def test_literals_keep_their_characters_and_types():
    g = Graph()
    s = URIRef("https://example.org/s")
    g.add((s, UNGA.text, Literal('tab\there, "quoted"\nnew line \\ back\u00a0é', lang="fr")))
    g.add((s, UNGA.ordinal, Literal(7)))
    g.add((s, UNGA.adoptedWithoutVote, Literal(True)))
    g.add((s, UNGA.symbolAsWritten, Literal("A/77/L.1", datatype=XSD.string)))
    out = written(g)
    expected = triples(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    assert triples(out.ntriples, ox.RdfFormat.N_TRIPLES) == expected
    assert triples(out.turtle(), ox.RdfFormat.TURTLE) == expected
    (node,) = out.nodes
    assert node[str(UNGA.ordinal)] == [{"@type": str(XSD.integer), "@value": 7}]
    assert node[str(UNGA.adoptedWithoutVote)] == [{"@type": str(XSD.boolean), "@value": True}]
    # a literal typed xsd:string is the simple literal it is in RDF 1.1 (rdflib's JSON-LD keeps the type)
    assert node[str(UNGA.symbolAsWritten)] == [{"@value": "A/77/L.1"}]
    g.remove((s, UNGA.symbolAsWritten, None))
    del node[str(UNGA.symbolAsWritten)]
    assert sorted_nodes(out.nodes) == sorted_nodes(json.loads(g.serialize(format="json-ld")))


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_nodes_read_by_pyoxigraph_are_the_nodes_rdflib_reads_from_the_same_n_triples(seed: str):
    text = written(to_graph(document(seed))).ntriples
    read = Graph().parse(data=text, format="nt")
    made = nodes(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(made) > 10
    assert sorted_nodes(made) == sorted_nodes(json.loads(read.serialize(format="json-ld")))


def test_nodes_give_each_literal_the_json_value_rdflib_gives_it():
    g = Graph()
    s = URIRef("https://example.org/s")
    g.add((s, RDF.type, UNGA.Resolution))
    g.add((s, UNGA.text, Literal('é "q"\n', lang="fr")))
    g.add((s, UNGA.ordinal, Literal(7)))
    g.add((s, UNGA.adoptedWithoutVote, Literal(False)))
    g.add((s, URIRef("https://example.org/share"), Literal(0.5)))
    g.add((s, UNGA.symbolAsWritten, Literal("A/77/L.1")))
    g.add((s, URIRef("https://example.org/date"), Literal("2022-12-07", datatype=XSD.date)))
    (node,) = nodes(ox.parse(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert node[str(UNGA.adoptedWithoutVote)] == [{"@type": str(XSD.boolean), "@value": False}]
    assert node[str(UNGA.symbolAsWritten)] == [{"@value": "A/77/L.1"}]
    assert node["@type"] == [str(UNGA.Resolution)]
    assert sorted_nodes([node]) == sorted_nodes(json.loads(g.serialize(format="json-ld")))
