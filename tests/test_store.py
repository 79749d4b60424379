"""`unga-ld publish --store` against a real `oxigraph` server (the PyPI package) on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from pipeline.publish.store import Deadlines, StoreError, push
from pipeline.run import build
from tests.conftest import CORPUS, ROOT, free_port, wait_until_answering

BASE = "https://w3id.org/unga-ld/"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def out(published) -> Path:
    return published  # built once per test run (conftest)


@pytest.fixture
def store(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_answering(url + "/query", query="ASK {}")
    yield url
    process.terminate()
    process.wait(timeout=10)


def publish(url: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "publish", "--store", url + "/store", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def triples(url: str) -> int:
    r = requests.get(
        url + "/query",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_publish_twice_leaves_the_same_store(store, out):
    first = publish(store, out)
    assert first.returncode == 0, first.stderr
    after_first = triples(store)
    expected = sum(1 for line in (out / "unga-ld.nq").read_text(encoding="utf-8").splitlines() if line)
    assert after_first == expected
    r = requests.get(
        store + "/query",
        params={
            "query": (
                "PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#> "
                "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?v eli-dl:had_voter_favor ?s ; "
                "<https://w3id.org/unga-ld/ontology#voteOn> <https://w3id.org/unga-ld/document/A/C.1/73/L.27/Rev.1> } }"
            )
        },
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "109"
    second = publish(store, out)
    assert second.returncode == 0, second.stderr
    assert triples(store) == after_first


def test_publish_json_reports_the_graphs_and_triples_the_store_holds(store, out):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "publish", "--store", store + "/store", "--out", str(out), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    graphs = {line.rsplit(" ", 2)[-2] for line in (out / "unga-ld.nq").read_text(encoding="utf-8").splitlines() if line}
    assert data == {"ok": True, "exit": 0, "store": store + "/store", "graphs": len(graphs), "triples": triples(store)}


def test_an_unreachable_store_is_a_clear_error_also_in_json(out):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "publish", "--store", f"http://127.0.0.1:{free_port()}/store", "--out",
         str(out), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["exit"] == 2 and "cannot reach the store" in data["error"]


def test_an_unreachable_store_is_a_clear_error(out):
    result = publish(f"http://127.0.0.1:{free_port()}", out)
    assert result.returncode == 2
    assert "cannot reach the store" in result.stderr and "Traceback" not in result.stderr


def test_a_user_without_a_password_is_a_usage_error(out):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "publish",
            "--store",
            "http://127.0.0.1:9/store",
            "--user",
            "u",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2 and "--user needs --password" in result.stderr


class Misbehaving:
    """A proxy in front of a real store that misbehaves on every PUT of one graph: it drips the status
    line a byte at a time (``drip``) or answers 500 (``fail``); every other request goes to the store."""

    def __init__(self, store: str, graph: str, how: str):
        self.puts = 0
        proxy = self
        target = urllib.parse.urlencode({"graph": graph})

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):
                return

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if self.command == "PUT" and self.path.endswith(target):
                    proxy.puts += 1
                    if how == "drip":
                        for byte in b"HTTP/1.1 200 OK\r\n" * 100:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(0.3)
                        return
                    if how == "fail":
                        self.send_response(500)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                r = requests.request(
                    self.command,
                    store + self.path,
                    data=body,
                    timeout=60,
                    headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
                )
                self.send_response(r.status_code)
                self.send_header("Content-Length", str(len(r.content)))
                if "Content-Type" in r.headers:
                    self.send_header("Content-Type", r.headers["Content-Type"])
                self.end_headers()
                self.wfile.write(r.content)

            do_GET = do_PUT = do_DELETE = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def contents(url: str) -> dict[str, set[str]]:
    """Every named graph of the store and its triples (N-Triples lines)."""
    r = requests.get(
        url + "/query",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    names = [b["g"]["value"] for b in r.json()["results"]["bindings"]]
    out = {}
    for name in names:
        body = requests.get(
            url + "/store", params={"graph": name}, headers={"Accept": "application/n-triples"}, timeout=30
        ).text
        out[name] = {line for line in body.splitlines() if line.strip()}
    return out


@pytest.fixture(scope="module")
def smaller(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("smaller")
    build([CORPUS / "002_6c1610f3d2692637.txt"], out=folder, base=BASE)
    return folder


@pytest.mark.parametrize("how", ["drip", "fail"])
def test_a_push_that_fails_half_way_leaves_the_store_as_it_was(store, out, smaller, how):
    assert publish(store, out).returncode == 0
    before = contents(store)
    proxy = Misbehaving(store, f"{BASE}graph/states", how)
    try:
        start = time.monotonic()
        with pytest.raises(StoreError) as failed:
            push(proxy.url + "/store", smaller, deadlines=Deadlines(per_graph=2, total=60))
        took = time.monotonic() - start
    finally:
        proxy.close()
    message = str(failed.value)
    assert "graph <https://w3id.org/unga-ld/graph/states>" in message
    assert ("within 2 s" in message) if how == "drip" else ("HTTP 500" in message)
    assert "were restored: the store is as it was" in message
    assert took < 30  # the drip is cut at its deadline, not followed for its 100 × 17 bytes
    assert proxy.puts == (1 if how == "drip" else 3)  # a drip is not retried; a 500 is, three times
    assert contents(store) == before
