"""Each triple once in the dumps (pipeline/publish/once.py): what several graphs state stands in one of
them — the graph of the document it is about, else one of the dataset's own graphs, else the shared
graph — and the JSON-LD dump says the same as the N-Quads; each document's Turtle stays whole."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from pipeline.publish.dataset import json_text, sorted_nodes
from pipeline.publish.once import SHARED, Once
from pipeline.publish.staged import _named, named_graph

BASE = "https://w3id.org/unga-ld/"
R1, R2, R3 = (f"{BASE}document/A/RES/77/{n}" for n in (1, 2, 3))
STATES = f"{BASE}graph/states"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RESOLUTION = f"<{BASE}ontology#Resolution>"
TITLE = "<http://data.europa.eu/eli/ontology#title>"


def quad(s: str, p: str, o: str, g: str) -> bytes:
    return f"<{s}> {p} {o} <{g}> .\n".encode()


def run(lines: list[bytes]) -> tuple[list[bytes], Once]:
    once = Once({STATES}, BASE + SHARED)
    return list(once.lines(sorted(lines))), once


def test_a_triple_stated_by_its_own_document_and_a_citing_one_stays_in_its_document():
    out, _ = run([quad(R1, TYPE, RESOLUTION, R1), quad(R1, TYPE, RESOLUTION, R2)])
    assert out == [quad(R1, TYPE, RESOLUTION, R1)]
    part = f"{R1}#para_1"  # a part of a document is at home in the document's graph too
    out, _ = run([quad(part, TITLE, '"x"', R2), quad(part, TITLE, '"x"', R1)])
    assert out == [quad(part, TITLE, '"x"', R1)]


def test_a_triple_two_other_graphs_state_goes_to_the_shared_graph_once():
    cited = f"{BASE}document/A/70/1"
    out, once = run([quad(cited, TYPE, RESOLUTION, g) for g in (R1, R2, R3)])
    assert out == [quad(cited, TYPE, RESOLUTION, BASE + SHARED)]
    assert once.shared_lines() == [f"<{cited}> {TYPE} {RESOLUTION} .\n".encode()]


def test_the_dataset_s_own_graphs_keep_what_they_state():
    state = f"{BASE}state/FRA"
    label = '"France"@en'
    out, _ = run([quad(state, TITLE, label, R1), quad(state, TITLE, label, STATES)])
    assert out == [quad(state, TITLE, label, STATES)]


def test_a_triple_one_graph_states_stays_there_and_counts_are_of_what_is_written():
    lines = [
        quad(R1, TYPE, RESOLUTION, R1),
        quad(R1, TITLE, '"One"@en', R1),
        quad(R2, TYPE, RESOLUTION, R2),
        quad(R2, TYPE, RESOLUTION, R3),
    ]
    out, once = run(lines)
    assert out == sorted(lines[:3])
    assert (once.quads, once.subjects) == (3, 2)


def test_json_ld_nodes_lose_exactly_what_stands_elsewhere():
    cited = f"{BASE}document/A/70/1"
    _, once = run([quad(cited, TYPE, RESOLUTION, R1), quad(cited, TYPE, RESOLUTION, R2)])
    nodes = [
        {"@id": cited, "@type": [RESOLUTION[1:-1]], TITLE[1:-1]: [{"@value": "Seventy", "@language": "en"}]},
        {"@id": R1, "@type": [RESOLUTION[1:-1]]},
    ]
    assert once.drop(R1, nodes) == [
        {"@id": cited, TITLE[1:-1]: [{"@value": "Seventy", "@language": "en"}]},
        {"@id": R1, "@type": [RESOLUTION[1:-1]]},
    ]


def test_json_ld_nodes_lose_typed_values_that_stand_elsewhere():
    """JSON-LD writes a boolean, an integer or a double as JSON's own (true, 77): it is the same triple as
    the N-Quads' "true"^^xsd:boolean, and goes from the graph where it does not stand."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    vote = f"{BASE}vote/plenary/77/10/A/RES/77/1"
    said = {
        "https://w3id.org/unga-ld/ontology#adoptedWithoutVote": ("boolean", True, '"true"'),
        "https://w3id.org/unga-ld/ontology#session": ("integer", 77, '"77"'),
    }
    lines = [quad(vote, f"<{p}>", f"{text}^^<{xsd}{kind}>", g) for p, (kind, _, text) in said.items() for g in (R1, R2)]
    _, once = run(lines)
    node = {"@id": vote, **{p: [{"@type": xsd + kind, "@value": v}] for p, (kind, v, _) in said.items()}}
    assert once.drop(R1, [node]) == []  # both stand in the shared graph


def test_json_ld_nodes_lose_texts_with_escaped_characters_that_stand_elsewhere():
    """A text with a tab or a control character is the same triple in JSON-LD as in the N-Quads, which
    pyoxigraph writes with escapes (\\t, \\u0001)."""
    cited = f"{BASE}document/A/70/1"
    text = 'Tab\there, bell\x07, quote " and backslash \\'
    triple = ox.Triple(ox.NamedNode(cited), ox.NamedNode(TITLE[1:-1]), ox.Literal(text, language="en"))
    written = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
    assert written is not None and b"\\t" in written and b"\\u0007" in written
    head = written.decode().rsplit(" .", 1)[0]
    _, once = run([f"{head} <{g}> .\n".encode() for g in (R1, R2)])
    node = {"@id": cited, TITLE[1:-1]: [{"@value": text, "@language": "en"}]}
    assert once.drop(R1, [node]) == []  # it stands in the shared graph


def test_a_named_graph_written_from_its_node_lines_is_the_one_written_from_its_nodes():
    """The JSON-LD dump copies a document's own nodes as the worker wrote them and reads only the others:
    the same bytes as reading them all (a line separator inside a text does not split a node)."""
    cited = f"{BASE}document/A/70/1"
    _, once = run([quad(cited, TYPE, RESOLUTION, R1), quad(cited, TYPE, RESOLUTION, R2)])
    nodes = sorted_nodes([
        {"@id": cited, "@type": [RESOLUTION[1:-1]], TITLE[1:-1]: [{"@value": "Seventy", "@language": "en"}]},
        {"@id": R1, "@type": [RESOLUTION[1:-1]], TITLE[1:-1]: [{"@value": "One\u2028line\u0085two"}]},
        {"@id": f"{R1}#para_1", TITLE[1:-1]: [{"@value": "é"}]},
    ])  # fmt: skip
    text = "".join(f"{json_text(node)}\n" for node in nodes)
    written = named_graph(R1, text.encode(), once)
    assert written == _named(R1, json.loads(json.dumps(nodes)), once)
    assert json.loads(written)["@graph"][0] == {"@id": cited, TITLE[1:-1]: [{"@value": "Seventy", "@language": "en"}]}


def _quads(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    """A dump's quads as written (a store would write its decimals in their canonical form)."""
    return set(ox.parse(path=str(path), format=fmt))


def _triples(quads: object) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_published_dataset_states_each_triple_once(published: Path):
    dataset = _quads(published / "unga-ld.nq", ox.RdfFormat.N_QUADS)
    graphs_of = collections.Counter(ox.Triple(q.subject, q.predicate, q.object) for q in dataset)
    assert graphs_of and max(graphs_of.values()) == 1
    assert any(q.graph_name == ox.NamedNode(BASE + SHARED) for q in dataset)  # documents cite in common
    # the JSON-LD dump is the same dataset, graph for graph
    assert _quads(published / "unga-ld.jsonld", ox.RdfFormat.JSON_LD) == dataset


@pytest.mark.slow
def test_each_document_s_turtle_stays_whole_and_nothing_of_it_is_lost(published: Path):
    dataset = _quads(published / "unga-ld.nq", ox.RdfFormat.N_QUADS)
    triples = _triples(dataset)
    checked = 0
    for path in sorted((published / "rdf").glob("*.ttl")):
        if path.stem in ("states", "ontology", "vocabularies"):
            continue
        turtle = _triples(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        assert turtle <= triples, path.name  # every triple of it is in the dataset, in some graph
        graph = ox.NamedNode(BASE + "document/" + "/".join(path.stem.split("_")))
        assert _triples(q for q in dataset if q.graph_name == graph) <= turtle, path.name  # and nothing else
        checked += 1
    assert checked >= 8
