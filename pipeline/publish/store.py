"""``unga-ld publish --store URL``: replace each named graph of the published dataset in an external
triple store over the SPARQL 1.1 Graph Store Protocol.

One PUT per named graph (idempotent: publishing twice leaves the same store). Every request has a
timeout; only connection errors, 5xx and 429 are retried, at most three times with backoff. A store
that cannot be reached, or refuses a graph, is an error naming the store, the graph and the status."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import requests

from pipeline.resources import DATASET

TIMEOUT = (5, 120)  # connect, read (seconds)
RETRIES = 3


class StoreError(Exception):
    """The store could not be reached or refused the data."""


@dataclass(frozen=True)
class Pushed:
    graphs: int
    triples: int


def push(url: str, output: Path, auth: tuple[str, str] | None = None) -> Pushed:
    path = output / DATASET
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `unga-ld build` first")
    dataset = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    graphs = sorted({q.graph_name for q in dataset if isinstance(q.graph_name, ox.NamedNode)}, key=lambda g: g.value)
    session = requests.Session()
    session.trust_env = False
    session.max_redirects = 5
    if auth:
        session.auth = auth
    triples = 0
    for graph in graphs:
        body = ox.serialize(
            [ox.Triple(q.subject, q.predicate, q.object) for q in dataset.quads_for_graph_name(graph)],
            format=ox.RdfFormat.N_TRIPLES,
        )
        assert body is not None  # serialize() returns None only when it writes to a file
        _put(session, url, graph.value, body)
        triples += body.count(b"\n")
    return Pushed(len(graphs), triples)


def _put(session: requests.Session, url: str, graph: str, body: bytes) -> None:
    for attempt in range(1, RETRIES + 1):
        try:
            response = session.put(
                url,
                params={"graph": graph},
                data=body,
                timeout=TIMEOUT,
                headers={"Content-Type": "application/n-triples"},
            )
        except requests.RequestException as exc:
            if attempt == RETRIES:
                raise StoreError(f"cannot reach the store at {url} ({type(exc).__name__})") from None
        else:
            if response.status_code in (200, 201, 204):
                return
            if response.status_code < 500 and response.status_code != 429:
                reason = response.text.strip().splitlines()[0][:200] if response.text.strip() else response.reason
                raise StoreError(f"the store at {url} refused graph <{graph}>: HTTP {response.status_code} {reason}")
            if attempt == RETRIES:
                raise StoreError(f"the store at {url} failed on graph <{graph}>: HTTP {response.status_code}")
        time.sleep(0.5 * 2 ** (attempt - 1))
