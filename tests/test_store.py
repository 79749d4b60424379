"""`unga-ld publish --store` against a real `oxigraph` server (the PyPI package) on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, free_port, wait_until_answering

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
