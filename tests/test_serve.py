"""The SPARQL endpoint and pages, tested as a client meets them: a real server process on a free
loopback port, real HTTP. The safety figures come from the reliability study (DESIGN §8)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic

from pipeline.serve import sparql, workers
from tests.conftest import ROOT, free_port, wait_until_answering

BASE = "https://w3id.org/unga-ld/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def out(published) -> Path:
    return published  # built once per test run (conftest)


@pytest.fixture(scope="module")
def server(out, tmp_path_factory):
    with serving(out, tmp_path_factory.mktemp("log") / "access.log") as url:
        yield url


@contextlib.contextmanager
def serving(out: Path, log: Path, *options: str) -> Iterator[str]:
    """A real server process on a free loopback port, with the limits the tests count on (2 s, 5,000
    rows); its access log goes to ``log``."""
    limits = ("--timeout", "2", "--max-rows", "5000", "--access-log", str(log))
    with served_process(out, *limits, *options) as (url, _):
        yield url


class Listener:
    """A loopback TCP listener that counts the connections it receives."""

    def __init__(self):
        self.count = 0
        listener = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                listener.count += 1

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def count(server) -> int:
    r = requests.get(server + "/sparql", params={"query": COUNT}, headers={"Accept": "application/json"}, timeout=10)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "accept, media, check",
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            lambda b: json.loads(b)["head"]["vars"] == ["n"],
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda b: b.startswith(b"<?xml") and b"<sparql" in b,
        ),
        ("text/csv", "text/csv", lambda b: b.splitlines()[0] == b"n"),
        ("text/tab-separated-values", "text/tab-separated-values", lambda b: b.splitlines()[0] == b"?n"),
    ],
)
def test_select_in_each_result_format(server, accept, media, check):
    r = requests.get(server + "/sparql", params={"query": COUNT}, headers={"Accept": accept}, timeout=10)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith(media)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert check(r.content)


@pytest.mark.parametrize(
    "accept, marker",
    [
        ("text/turtle", b"<https://w3id.org/unga-ld/state/FRA>"),
        ("application/n-triples", b"<https://w3id.org/unga-ld/state/FRA> "),
        ("application/ld+json", b'"@id"'),
    ],
)
def test_construct_in_each_graph_format(server, accept, marker):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?s = <https://w3id.org/unga-ld/state/FRA>) }"
    r = requests.post(server + "/sparql", data={"query": query}, headers={"Accept": accept}, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
    assert marker in r.content


def test_post_direct_and_form_and_service_description(server):
    r = requests.post(
        server + "/sparql",
        data=COUNT,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        timeout=10,
    )
    assert r.status_code == 200 and int(r.text.splitlines()[1]) > 10_000
    r = requests.get(server + "/sparql", timeout=10)
    assert r.status_code == 200 and "sd:Service" in r.text
    r = requests.options(server + "/sparql", timeout=10)
    assert r.headers["Access-Control-Allow-Origin"] == "*" and "POST" in r.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z . SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} LIMIT 1",
        "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "LOAD <http://127.0.0.1:{port}/data.ttl>",
    ],
)
def test_service_load_and_foreign_from_are_refused_without_a_request(server, template):
    assert_refused_without_a_request(server, template)


def assert_refused_without_a_request(server: str, template: str) -> None:
    """The query (with {port} of a loopback listener) gets 400 and the listener no connection."""
    listener = Listener()
    try:
        query = template.format(port=listener.port)
        r = requests.post(server + "/sparql", data={"query": query}, timeout=10)
        assert r.status_code == 400, r.text
        time.sleep(0.2)
        assert listener.count == 0
    finally:
        listener.close()


# Spellings the engine reads as SERVICE, each checked against pyoxigraph by hand: comments end at CR as
# well as LF; a keyword needs no word boundary; a prefixed name may escape '#'; '<' may be less-than.
SERVICE_SPELLINGS = {
    "comment ended by CR": "SELECT ?x WHERE {{ #\rSERVICE <http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }}",
    "comment ended by CRLF": "SELECT ?x WHERE {{ # note\r\nSERVICE <http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }}",
    "lower case, tabs": "SELECT ?x WHERE {{\tservice\t<http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }}",
    "glued to its IRI": "SELECT * WHERE {{SERVICE<http://127.0.0.1:{port}/>{{?x ?p ?o}}}}",
    "glued to a prefixed name": "PREFIX ex: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICEex:x {{ ?x ?p ?o }} }}",
    "SILENT glued": "PREFIX ex: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICESILENTex:x {{ ?x ?p ?o }} }}",
    "IRI through a prefix": "PREFIX s: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE s: {{ ?x ?p ?o }} }}",
    "escaped # in a local name": "PREFIX ex: <http://e/> SELECT ?x WHERE {{ {{ ?x ex:a\\# ?y }} UNION "
    "{{ SERVICE <http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }} }}",
    "'<' as less-than hiding a comment": "PREFIX : <http://127.0.0.1:{port}/> SELECT ?x WHERE {{ BIND(1 AS ?a) "
    "FILTER(?a<2)SERVICE:x#>\n {{ ?x ?p ?o }} }}",
    "\\u escape in the keyword": "SELECT ?x WHERE {{ SERVI\\u0043E <http://127.0.0.1:{port}/> {{ ?x ?p ?o }} }}",
    "\\u escapes in the IRI": "SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/\\u0041> {{ ?x ?p ?o }} }}",
}


@pytest.mark.parametrize("name", sorted(SERVICE_SPELLINGS))
def test_every_spelling_of_service_is_refused_without_a_request(server, name):
    assert_refused_without_a_request(server, SERVICE_SPELLINGS[name])


def test_a_long_query_is_checked_within_the_limit_while_others_answer(server):
    outcome = {}

    def long():
        start = time.perf_counter()
        r = requests.post(
            server + "/sparql", data="a0" * 50_000, timeout=30, headers={"Content-Type": "application/sparql-query"}
        )
        outcome["long"] = (r.status_code, time.perf_counter() - start)

    thread = threading.Thread(target=long)
    thread.start()
    start = time.perf_counter()
    r = requests.get(server + "/sparql", params={"query": "ASK {}"}, timeout=10)
    trivial = time.perf_counter() - start
    thread.join()
    assert r.status_code == 200 and trivial < 1.0
    status, elapsed = outcome["long"]
    assert status == 400 and elapsed < 2.5  # refused (it does not parse) within the 2 s limit


def test_deep_nesting_is_refused_not_a_crash(server):
    query = "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000
    r = requests.post(server + "/sparql", data=query, headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 400 and "deeper than 400" in r.text
    assert requests.get(server + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200


def test_from_a_graph_of_the_dataset_is_allowed(server):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/states> WHERE {{ ?s ?p ?o }}"
    r = requests.get(server + "/sparql", params={"query": query}, headers={"Accept": "text/csv"}, timeout=10)
    assert r.status_code == 200 and int(r.text.splitlines()[1]) > 1000


def test_writes_are_refused_and_change_nothing(server):
    before = count(server)
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    assert requests.post(server + "/sparql", data={"update": update}, timeout=10).status_code == 403
    assert (
        requests.post(
            server + "/sparql", data=update, timeout=10, headers={"Content-Type": "application/sparql-update"}
        ).status_code
        == 403
    )
    assert requests.post(server + "/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"}, timeout=10).status_code == 403
    assert requests.put(server + "/sparql", data=b"<urn:a> <urn:b> <urn:c> .", timeout=10).status_code == 405
    assert requests.delete(server + "/document/A/RES/77/37", timeout=10).status_code == 405
    assert count(server) == before


def test_a_body_over_one_mebibyte_is_refused(server):
    body = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (1 << 20)
    r = requests.post(server + "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 413


def test_a_result_over_the_row_cap_is_an_error_not_a_partial_result(server):
    r = requests.get(server + "/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"}, timeout=30)
    assert r.status_code == 400 and "more than 5000 rows" in r.text


def test_a_slow_query_is_stopped_at_the_limit_while_others_answer(server):
    outcome = {}

    def slow():
        start = time.perf_counter()
        r = requests.post(server + "/sparql", data={"query": SLOW}, timeout=30)
        outcome["slow"] = (r.status_code, time.perf_counter() - start, r.text)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    start = time.perf_counter()
    r = requests.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    trivial = time.perf_counter() - start
    thread.join()
    assert r.status_code == 200 and trivial < 1.0
    status, elapsed, text = outcome["slow"]
    assert status == 503 and "limit of 2 s" in text
    assert 1.9 < elapsed < 3.5  # killed at the limit (+ at most a second)
    assert not text.startswith("{")  # an error message, never a well-formed result


def test_resource_iris_resolve_by_content_negotiation(server):
    page = requests.get(server + "/document/A/RES/77/37", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    text = page.text
    assert "Programme of action to advance responsible State behaviour" in text
    assert "Recalling" in text and "Recorded votes" in text and "Afghanistan" in text
    turtle = requests.get(server + "/document/A/RES/77/37", headers={"Accept": "text/turtle"}, timeout=10)
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    assert f"<{BASE}document/A/RES/77/37#para_1>".encode() in turtle.content
    jsonld = requests.get(server + "/document/A/RES/77/37", headers={"Accept": "application/ld+json"}, timeout=10)
    assert any(node.get("@id") == f"{BASE}document/A/RES/77/37" for node in jsonld.json())
    state = requests.get(server + "/state/FRA", headers={"Accept": "text/turtle"}, timeout=10)
    assert b'"FRA"' in state.content
    vote = requests.get(
        server + "/vote/first-committee/73/31/A/C.1/73/L.37", headers={"Accept": "text/turtle"}, timeout=10
    )
    assert vote.status_code == 200 and b"intention_PAK" in vote.content
    assert requests.get(server + "/document/A/RES/1/1", timeout=10).status_code == 404


def test_dumps_catalogue_and_home_page(server, out):
    assert requests.get(server + "/dumps/votes.csv", timeout=10).content == (out / "votes.csv").read_bytes()
    assert requests.get(server + "/dumps/catalog.ttl", timeout=10).content == (out / "catalog.ttl").read_bytes()
    assert requests.get(server + "/dumps/../pyproject.toml", timeout=10).status_code == 404
    home = requests.get(server + "/", timeout=10).text
    assert "<textarea" in home and "votes-on-draft" in home and "intended-votes" in home
    example = urllib.parse.quote((ROOT / "queries" / "preambular-phrases.rq").read_text(encoding="utf-8"))
    assert requests.get(f"{server}/sparql?query={example}&format=csv", timeout=10).text.startswith("ordinal,phrase")


def test_binds_loopback_unless_told(server):
    assert server.startswith("http://127.0.0.1:")


def _graph_sizes(out: Path) -> dict[str, int]:
    """Quads per named graph, counted in the published N-Quads dump itself (not through the endpoint)."""
    store = ox.Store()
    store.bulk_load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


def _count(server: str, query: str, **params: str) -> int:
    r = requests.get(
        server + "/sparql",
        params={"query": query, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_from_chooses_the_default_graph(server, out):
    sizes = _graph_sizes(out)
    states = BASE + "graph/states"
    query = f"SELECT (COUNT(*) AS ?n) FROM <{states}> WHERE {{ ?s ?p ?o }}"
    assert _count(server, query) == sizes[states] < sum(sizes.values())
    # without FROM, the default graph is the union of every graph
    assert _count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") <= sum(sizes.values())
    assert _count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > sizes[states]


def test_from_named_and_the_protocols_graphs(server, out):
    sizes = _graph_sizes(out)
    states, ontology = BASE + "graph/states", BASE + "graph/ontology"
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{ontology}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(server, named) == sizes[ontology]
    # default-graph-uri replaces the query's own FROM (SPARQL 1.1 Protocol)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ontology}> WHERE {{ ?s ?p ?o }}"
    assert _count(server, query, **{"default-graph-uri": states}) == sizes[states]
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(server, graphs, **{"named-graph-uri": ontology}) == sizes[ontology]
    r = requests.get(
        server + "/sparql", params={"query": graphs, "default-graph-uri": "http://example.org/elsewhere"}, timeout=10
    )
    assert r.status_code == 400 and "names no graph of this dataset" in r.text


def test_shipped_queries_run_by_name_with_their_parameters(server):
    listing = requests.get(server + "/queries", timeout=10)
    assert listing.status_code == 200 and listing.headers["Content-Type"].startswith("application/json")
    assert listing.json()["voting-history"]["parameters"] == {"iso3": '"USA"'}
    # A/48/PV.46 (corpus/), read by hand: Iraq against the eighth preambular and operative paragraph 8
    answer = requests.get(server + "/queries/separate-votes", params={"iso3": "IRQ", "format": "csv"}, timeout=10)
    assert answer.status_code == 200, answer.text
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert {r["iso3"] for r in rows} == {"IRQ"}
    assert sorted(r["paragraph"] for r in rows if r["position"] == "against") == [
        "Operative paragraph 8",
        "The eighth preambular paragraph",
    ]
    wrong = requests.get(server + "/queries/sponsors", params={"nation": "FRA"}, timeout=10)
    assert wrong.status_code == 400 and "its parameters: symbol" in wrong.text
    assert requests.get(server + "/queries/nothing", timeout=10).status_code == 404


def _children(pid: int) -> list[int]:
    """The processes a process started (its query workers), read from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that ended meanwhile
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


@contextlib.contextmanager
def served_process(out: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real server process on a free loopback port, and the process itself for the test to watch."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--out", str(out), "--port", str(port), *options],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url + "/sparql")
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _build(corpus: list[Path], out: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", *map(str, corpus), "--out", str(out), "-q", *options],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_a_rebuild_under_a_running_server_changes_nothing_it_serves(tmp_path):
    out = tmp_path / "out"
    _build([], out)
    quads = sum(_graph_sizes(out).values())
    with served_process(out) as (url, _):
        assert _count(url, COUNT) == quads
        _build([ROOT / "corpus" / "000_ea35d43ee21e10af.txt"], out)  # a one-document output replaces it
        smaller = sum(_graph_sizes(out).values())
        assert smaller < quads
        # the server reads its own snapshot: the same answers, from the page and from every worker
        assert [_count(url, COUNT) for _ in range(6)] == [quads] * 6
        assert requests.get(url + "/document/A/RES/77/37", timeout=10).status_code == 200
        snapshots = list(tmp_path.glob(".out.serve-*"))
        assert len(snapshots) == 1
    assert not snapshots[0].exists()  # removed when the server stops
    with served_process(out) as (url, _):
        assert _count(url, COUNT) == smaller  # a new server serves the new build


def test_an_output_without_a_store_is_served_and_queried_the_same(tmp_path, out):
    bare = tmp_path / "bare"
    _build([], bare, "--no-store")
    assert not (bare / "store").exists() and (out / "store" / "CURRENT").is_file()
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?type } }"
    with served_process(bare) as (url, _):
        from_nquads = _count(url, query)
    cli = [sys.executable, "-m", "pipeline", "query", query, "--format", "csv"]
    on_disk = subprocess.run([*cli, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=True)
    in_memory = subprocess.run([*cli, "--out", str(bare)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert on_disk.stdout == in_memory.stdout == f"n\n{from_nquads}\n"  # text mode reads CRLF as a newline
    counted = ox.Store()
    counted.bulk_load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    assert from_nquads == sum(1 for q in counted if q.predicate.value.endswith("22-rdf-syntax-ns#type"))


def test_a_worker_killed_from_outside_is_replaced(out):
    with served_process(out, "--workers", "2") as (url, process):
        workers = _children(process.pid)
        assert len(workers) == 2
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        statuses = [requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code for _ in range(2)]
        assert statuses == [500, 500]  # each dead worker's query: an error, not a hang
        deadline = time.monotonic() + 10
        while len(set(_children(process.pid)) - set(workers)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        answers = [requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10) for _ in range(4)]
        assert [r.status_code for r in answers] == [200] * 4
        assert len(set(_children(process.pid)) - set(workers)) == 2


def test_a_worker_holding_more_memory_than_allowed_is_replaced_after_its_answer(out):
    """Each worker holds some 35 MB with the store open; allowed 1 MB, every one is replaced after each
    answer (the answer itself delivered), and the next query is answered by a fresh one."""
    store = ox.Store.read_only(str(out / "store"))
    graphs = sparql.graph_names(store)
    del store
    job = workers.Job("ASK { ?s ?p ?o }", "application/sparql-results+json", 10, 1 << 20, sparql.Dataset())
    pool = workers.Pool(str(out / "store"), graphs, 1, memory=1)
    try:
        seen = []
        for _ in range(3):
            seen.append(_idle(pool).process.pid)
            assert json.loads(pool.run(job, timeout=30, wait=30).body)["boolean"] is True
        assert len(set(seen)) == 3 and _idle(pool).process.pid not in seen
    finally:
        pool.close()
    big = workers.Pool(str(out / "store"), graphs, 1)  # the default allows far more than a worker holds
    try:
        worker = _idle(big)
        for _ in range(3):
            assert json.loads(big.run(job, timeout=30, wait=30).body)["boolean"] is True
        assert _idle(big) is worker and worker.process.poll() is None
    finally:
        big.close()


def _idle(pool: workers.Pool) -> workers._Worker:
    """The pool's one worker once it waits for a query (a replacement starts in the background)."""
    deadline = time.monotonic() + 20
    while pool.idle.qsize() != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    (worker,) = tuple(pool.idle.queue)
    return worker


def test_each_paragraph_says_where_it_first_appeared(server):
    """A/RES/77/36 against its draft A/C.1/77/L.23 and last year's A/RES/76/19 (both in the bundled
    corpus), read by hand: operative paragraph 1 continues 76/19's paragraph 4 and paragraph 7 its
    paragraph 7; paragraphs 2 to 4 are new since 76/19 but were in the draft; paragraphs 5 and 6, added
    by the revision, are new in 77/36 itself; preambular paragraph 6, added by the revision too ("Reaffirming
    that the United Nations should continue to play a leading role …"), is 76/19's eleventh preambular
    paragraph ("Reaffirming also that …") come back."""
    page = requests.get(server + "/document/A/RES/77/36", headers={"Accept": "text/html"}, timeout=10).text

    def origin(anchor: str) -> str:
        paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', page, re.S)
        assert paragraph, anchor
        found = re.search(r'<span class="origin">(.*?)</span>', paragraph.group(1), re.S)
        assert found, anchor
        return re.sub(r"\s+", " ", found.group(1)).strip()

    assert origin("para_1") == 'first in <a href="/document/A/RES/76/19#para_4">A/RES/76/19</a>'
    assert origin("para_7") == 'first in <a href="/document/A/RES/76/19#para_7">A/RES/76/19</a>'
    for anchor in ("para_2", "para_3", "para_4"):
        assert origin(anchor).startswith('first in <a href="/document/A/C.1/77/L.23#') and "L.23</a>" in origin(anchor)
    for anchor in ("para_5", "para_6"):
        assert origin(anchor) == "new in A/RES/77/36"
    assert origin("preamble_6") == 'first in <a href="/document/A/RES/76/19#preamble_11">A/RES/76/19</a>'
    uncompared = requests.get(server + "/document/A/RES/76/19", headers={"Accept": "text/html"}, timeout=10).text
    assert 'class="origin"' not in uncompared  # compared with nothing here: no claim either way


def test_the_dataset_page_lists_the_main_files_and_counts_the_documents_own(server, out):
    """The page lists the dumps, tables and reports with their checksums, and counts the files of single
    documents the catalogue lists (the server does not hold those); the catalogue itself, in any RDF
    format, is the whole of catalog.ttl."""
    catalog = Graph().parse(out / "catalog.ttl", format="turtle")
    dcat = Namespace("http://www.w3.org/ns/dcat#")
    listed = {str(url).removeprefix(f"{BASE}dumps/") for url in catalog.objects(None, dcat.downloadURL)}
    own = {name for name in listed if name.startswith(("rdf/", "akn/", "history/"))}
    own -= {"rdf/states.ttl", "rdf/ontology.ttl", "rdf/vocabularies.ttl"}
    assert {"unga-ld.nq", "votes.csv", "catalog.ttl"} - listed == {"catalog.ttl"}  # it describes every other file
    assert len(own) > 20
    page = requests.get(server + "/dataset", headers={"Accept": "text/html"}, timeout=10).text
    assert 'href="/dumps/unga-ld.nq"' in page and 'href="/dumps/votes.csv"' in page
    assert 'href="/dumps/rdf/states.ttl"' in page
    assert not any(f'href="/dumps/{name}"' in page for name in own)
    assert f"And {len(own)} files of single documents" in page
    turtle = requests.get(server + "/dataset", headers={"Accept": "text/turtle"}, timeout=10)
    assert turtle.content == (out / "catalog.ttl").read_bytes()
    triples = requests.get(server + "/dataset", headers={"Accept": "application/n-triples"}, timeout=10)
    assert triples.status_code == 200
    assert isomorphic(Graph().parse(data=triples.text, format="nt"), catalog)
