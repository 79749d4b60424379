"""The W3C SPARQL 1.1 Protocol cases that apply to a read-only service, one file per case in
tests/protocol/, run against a real server; and the HTTP the endpoint speaks (keep-alive, Vary,
ETag and conditional GET, gzip, Range) as clients meet it.

A case file says the request (``method``, ``params`` or ``form`` as name/value pairs, ``body`` or
``body_hex``, ``headers``) and what the answer must be (``[expect]``: ``status``, the media types
``content_type`` may start with, ``body_contains``, and ``triples_in``/``quads_in``: the answer's
count is the number of distinct triples, or of quads, in those graphs, counted in the published
N-Quads dump by pyoxigraph itself, not through the endpoint)."""

from __future__ import annotations

import gzip
import http.client
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from tests.test_serve import BASE, serving

CASES = sorted((Path(__file__).parent / "protocol").glob("*.toml"))


@pytest.fixture(scope="module")
def log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("log") / "access.log"


@pytest.fixture(scope="module")
def server(published, log):
    with serving(published, log, "--rate", "1000", "--burst", "1000") as url:
        yield url


@pytest.fixture(scope="module")
def dump(published) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(published / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def _triples(store: ox.Store, graphs: list[str]) -> int:
    found = set()
    for name in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(BASE + name)):
            found.add((q.subject, q.predicate, q.object))
    return len(found)


def _quads(store: ox.Store, graphs: list[str]) -> int:
    return sum(sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(BASE + g))) for g in graphs)


def test_every_case_file_says_a_request_and_an_expectation():
    assert len(CASES) >= 20
    for path in CASES:
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        assert case["method"] in ("GET", "POST", "PUT") and "status" in case["expect"], path.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_protocol_case(server, dump, path):
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    expect = case["expect"]
    body: bytes | str | None = None
    if "body_hex" in case:
        body = bytes.fromhex(case["body_hex"])
    elif "body" in case:
        body = case["body"].encode("utf-8")
    form = [tuple(pair) for pair in case.get("form", [])]
    r = requests.request(
        case["method"],
        server + case.get("path", "/sparql"),
        params=[tuple(pair) for pair in case.get("params", [])],
        data=form or body,
        headers=case.get("headers", {}),
        timeout=10,
    )
    assert r.status_code == expect["status"], f"{path.name}: {r.status_code} {r.text[:300]}"
    if "content_type" in expect:
        assert r.headers["Content-Type"].split(";")[0] in expect["content_type"], path.name
    for text in expect.get("body_contains", []):
        assert text in r.text, f"{path.name}: {text!r} not in the answer"
    if "triples_in" in expect or "quads_in" in expect:
        n = int(r.json()["results"]["bindings"][0]["n"]["value"])
        if "triples_in" in expect:
            assert n == _triples(dump, expect["triples_in"]) > 0, path.name
        else:
            assert n == _quads(dump, expect["quads_in"]) > 0, path.name


def test_the_whole_dataset_is_larger_than_one_graph(server, dump):
    """The FROM counts are not vacuous: without FROM the union of every graph is counted."""
    r = requests.get(
        server + "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > _triples(dump, ["graph/states"])


# -- format= and Accept ------------------------------------------------------------------------------
CONSTRUCT = f"CONSTRUCT {{ <{BASE}state/FRA> ?p ?o }} WHERE {{ <{BASE}state/FRA> ?p ?o }}"


def test_format_applies_where_it_fits_the_query_form(server):
    # format=xml: SPARQL XML results for a SELECT, RDF/XML for a CONSTRUCT (as SPARQLWrapper sends it)
    select = requests.get(server + "/sparql", params={"query": "SELECT * {}", "format": "xml"}, timeout=10)
    assert select.headers["Content-Type"].startswith("application/sparql-results+xml")
    graph = requests.get(server + "/sparql", params={"query": CONSTRUCT, "format": "xml"}, timeout=10)
    assert graph.status_code == 200 and graph.headers["Content-Type"].startswith("application/rdf+xml")
    # format=csv cannot answer a CONSTRUCT: the Accept header decides
    turtle = requests.get(
        server + "/sparql",
        params={"query": CONSTRUCT, "format": "csv"},
        headers={"Accept": "application/n-triples"},
        timeout=10,
    )
    assert turtle.status_code == 200 and turtle.headers["Content-Type"].startswith("application/n-triples")


def test_q_zero_is_never_chosen(server):
    query = {"query": "SELECT * {}"}
    refused = requests.get(server + "/sparql", params=query, headers={"Accept": "text/csv;q=0"}, timeout=10)
    assert refused.status_code == 406
    other = requests.get(server + "/sparql", params=query, headers={"Accept": "text/csv;q=0, */*;q=0.5"}, timeout=10)
    assert other.status_code == 200 and not other.headers["Content-Type"].startswith("text/csv")
    assert "Accept" in other.headers["Vary"]


def test_the_service_description_negotiates_and_names_its_own_url(server):
    r = requests.get(server + "/sparql", headers={"Accept": "application/ld+json"}, timeout=10)
    assert r.headers["Content-Type"].startswith("application/ld+json")
    nodes = r.json()
    endpoint = server + "/sparql"
    assert any(node.get("@id") == endpoint for node in nodes)
    turtle = requests.get(server + "/sparql", timeout=10)
    assert turtle.headers["Content-Type"].startswith("text/turtle") and f"<{endpoint}>" in turtle.text
    graph = ox.Store()
    graph.load(turtle.content, format=ox.RdfFormat.TURTLE)
    names = {
        q.object.value
        for q in graph.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name"), None
        )
    }
    assert BASE + "graph/states" in names and BASE + "graph/ontology" in names


# -- HTTP ----------------------------------------------------------------------------------------------
def test_keep_alive_answers_several_requests_on_one_connection(server):
    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    statuses = []
    for path in ("/", "/states", "/sparql?query=ASK%20%7B%7D", "/dumps/votes.csv"):
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        statuses.append(answer.status)
        assert answer.version == 11 and answer.getheader("Connection") != "close"
    assert statuses == [200, 200, 200, 200]
    connection.close()


def test_pages_answers_and_dumps_have_etags_and_answer_304(server):
    for path in ("/document/A/RES/77/37", "/sparql?query=ASK%20%7B%7D", "/dumps/votes.csv", "/states"):
        first = requests.get(server + path, timeout=10)
        tag = first.headers["ETag"]
        again = requests.get(server + path, headers={"If-None-Match": tag}, timeout=10)
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == tag, path
        other = requests.get(server + path, headers={"If-None-Match": '"another"'}, timeout=10)
        assert other.status_code == 200 and other.content == first.content, path
    dump = requests.get(server + "/dumps/votes.csv", timeout=10)
    since = requests.get(
        server + "/dumps/votes.csv", headers={"If-Modified-Since": dump.headers["Last-Modified"]}, timeout=10
    )
    assert since.status_code == 304


def test_text_is_gzipped_when_the_client_takes_it_and_dumps_keep_their_bytes(server, published):
    raw = requests.get(server + "/states", headers={"Accept-Encoding": "identity"}, timeout=10)
    assert "Content-Encoding" not in raw.headers and "Accept-Encoding" in raw.headers["Vary"]
    packed = requests.get(server + "/states", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    assert packed.headers["Content-Encoding"] == "gzip"
    body = packed.raw.read()
    assert len(body) < len(raw.content) and gzip.decompress(body) == raw.content
    assert packed.headers["ETag"] != raw.headers["ETag"]  # each variant its own tag
    # a dump goes as it is on disk, so that its Range counts the file's own bytes
    part = requests.get(
        server + "/dumps/votes.csv", headers={"Range": "bytes=10-19", "Accept-Encoding": "gzip"}, timeout=10
    )
    assert part.status_code == 206 and "Content-Encoding" not in part.headers
    assert part.content == (published / "votes.csv").read_bytes()[10:20]
    stale = requests.get(server + "/dumps/votes.csv", headers={"Range": "bytes=10-19", "If-Range": '"old"'}, timeout=10)
    assert stale.status_code == 200 and stale.content == (published / "votes.csv").read_bytes()


def test_the_access_log_has_a_line_per_request(server, log):
    requests.get(server + "/states?probe=1", timeout=10)
    requests.get(server + "/sparql", params={"query": "ASK { ?probe ?p ?o }"}, timeout=10)
    lines = log.read_text(encoding="utf-8").splitlines()
    states = [line for line in lines if " GET /states " in line]
    assert states and states[-1].split()[4] == "200"
    asked = [line for line in lines if " GET /sparql 200 " in line]
    assert asked and asked[-1].split()[-1].startswith("q:")  # a hash of the query, not its text
    assert not any("probe" in line for line in lines)


# -- real clients in their default settings ------------------------------------------------------------
FRA = BASE + "state/FRA"
ISO3 = f"SELECT ?code WHERE {{ <{FRA}> <https://w3id.org/unga-ld/ontology#iso3> ?code }}"
ASK_FRA = f"ASK {{ <{FRA}> ?p ?o }}"
ASK_NONE = f"ASK {{ <{BASE}state/NONE> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{FRA}>"


def _about_fra(dump: ox.Store) -> set[tuple[str, str]]:
    """What the dump says of France (predicate, object), counted by pyoxigraph in the dump itself."""
    return {(q.predicate.value, q.object.value) for q in dump.quads_for_pattern(ox.NamedNode(FRA), None, None)}


def test_sparqlwrapper_in_its_default_settings(server, dump):
    def ask(query: str):
        client = SPARQLWrapper(server + "/sparql")  # GET, XML results, format=xml as it sends it
        client.setQuery(query)
        return client.query().convert()

    select = ask(ISO3)
    values = [node.firstChild.data for node in select.getElementsByTagName("literal")]
    assert values == ["FRA"]
    assert ask(ASK_FRA).getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert ask(ASK_NONE).getElementsByTagName("boolean")[0].firstChild.data == "false"
    expected = _about_fra(dump)
    for query in (CONSTRUCT, DESCRIBE):
        graph = ask(query)
        got = {(str(p), str(o)) for s, p, o in graph if str(s) == FRA}
        assert got == expected and len(got) > 3, query


def test_rdflib_sparqlstore_in_its_default_settings(server, dump):
    graph = Graph(store=SPARQLStore(server + "/sparql"))
    assert [str(row[0]) for row in graph.query(ISO3)] == ["FRA"]
    assert graph.query(ASK_FRA).askAnswer is True and graph.query(ASK_NONE).askAnswer is False
    expected = _about_fra(dump)
    for query in (CONSTRUCT, DESCRIBE):
        found = graph.query(query).graph
        assert {(str(p), str(o)) for s, p, o in found if str(s) == FRA} == expected, query
    # the store's own triple pattern API, which it turns into a SELECT
    assert {(str(p), str(o)) for _, p, o in graph.triples((URIRef(FRA), None, None))} == expected
