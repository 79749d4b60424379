"""``unga-ld publish --store URL``: replace each named graph of the published dataset in an external
triple store over the SPARQL 1.1 Graph Store Protocol — all of them, or none.

- One PUT per named graph (idempotent: publishing twice leaves the same store). Before a graph is
  replaced, its current content is read (GET), so that a push that fails half-way puts back every graph
  it had replaced (PUT of the old content, or DELETE where the graph was new): the store ends as it
  was, or the error says which graphs could not be restored. GSP has no transactions; this is the
  roll-back a store that speaks only GSP allows.
- Every request has a hard deadline (``per_graph`` seconds; a watchdog shuts the socket, so a store
  that drips a byte every few seconds cannot hold it), and the whole push one too (``total``).
- Only connection errors, 5xx and 429 are retried (at most three times, with backoff, honouring
  Retry-After within the deadline); an error names the store, the graph and the HTTP status.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from pipeline.resources import DATASET

RETRIES = 3
CONNECT_SECONDS = 10.0
MAX_ANSWER = 1 << 30  # bytes of a graph read back for the roll-back


class StoreError(Exception):
    """The store could not be reached or refused the data."""


@dataclass(frozen=True)
class Pushed:
    graphs: int
    triples: int


@dataclass(frozen=True)
class Deadlines:
    per_graph: float = 300.0  # seconds for one request, retries included
    total: float = 3600.0  # seconds for the whole push


class _Store:
    """A Graph Store Protocol endpoint, spoken to with hard deadlines."""

    def __init__(self, url: str, auth: tuple[str, str] | None):
        self.url = url
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"{url} is not an http(s) URL of a Graph Store Protocol endpoint")
        self.parts = parts
        self.headers = {"User-Agent": "unga-ld"}
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {token}"

    def request(self, method: str, graph: str, seconds: float, body: bytes | None = None) -> tuple[int, bytes]:
        """One request on ``?graph=``, retried where that can help; (status, body) within ``seconds``."""
        end = time.monotonic() + seconds
        last: int | None = None  # the status of the last answer that asked for a retry
        for attempt in range(1, RETRIES + 1):
            left = end - time.monotonic()
            if left <= 0:
                break
            try:
                status, headers, answer = self._once(method, graph, left, body)
            except TimeoutError:
                raise StoreError(
                    f"the store at {self.url} gave no answer for graph <{graph}> within {seconds:g} s"
                ) from None
            except (OSError, http.client.HTTPException) as exc:
                if attempt == RETRIES:
                    raise StoreError(
                        f"cannot reach the store at {self.url} for graph <{graph}> ({type(exc).__name__})"
                    ) from None
                time.sleep(min(0.5 * 2 ** (attempt - 1), max(0.0, end - time.monotonic())))
                continue
            if status < 500 and status != 429:
                return status, answer
            last = status
            if attempt < RETRIES:
                wait = _retry_after(headers.get("retry-after"), 0.5 * 2 ** (attempt - 1))
                time.sleep(min(wait, max(0.0, end - time.monotonic())))
        if last is None:
            raise StoreError(f"the store at {self.url} gave no answer for graph <{graph}> within {seconds:g} s")
        raise StoreError(f"the store at {self.url} failed on graph <{graph}>: HTTP {last}")

    def _once(self, method: str, graph: str, seconds: float, body: bytes | None) -> tuple[int, dict[str, str], bytes]:
        cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
        connection = cls(self.parts.hostname or "", self.parts.port, timeout=min(CONNECT_SECONDS, seconds))
        fired = threading.Event()

        def stop() -> None:  # the hard deadline: whatever the socket is waiting for ends now
            fired.set()
            if connection.sock is not None:
                with contextlib.suppress(OSError):  # already closed
                    connection.sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(seconds, stop)
        watchdog.daemon = True
        watchdog.start()
        query = urllib.parse.urlencode({"graph": graph})
        path = f"{self.parts.path or '/'}?{self.parts.query + '&' if self.parts.query else ''}{query}"
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/n-triples"
        else:
            headers["Accept"] = "application/n-triples"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read(MAX_ANSWER + 1)
            if len(answer) > MAX_ANSWER:
                raise StoreError(f"the store at {self.url} sent more than {MAX_ANSWER} bytes for graph <{graph}>")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, answer
        except (OSError, http.client.HTTPException):
            if fired.is_set():
                raise TimeoutError from None
            raise
        finally:
            watchdog.cancel()
            connection.close()


def _retry_after(value: str | None, default: float) -> float:
    try:
        return max(0.0, float(value)) if value else default
    except ValueError:
        return default


def push(url: str, output: Path, auth: tuple[str, str] | None = None, deadlines: Deadlines = Deadlines()) -> Pushed:
    """Replace every named graph of ``output``'s dataset in the store, or leave the store as it was."""
    path = output / DATASET
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `unga-ld build` first")
    dataset = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    graphs = sorted({q.graph_name for q in dataset if isinstance(q.graph_name, ox.NamedNode)}, key=lambda g: g.value)
    store = _Store(url, auth)
    end = time.monotonic() + deadlines.total
    replaced: list[tuple[str, bytes | None]] = []  # graph, its content before (None: it did not exist)
    triples = 0
    try:
        for graph in graphs:
            body = ox.serialize(
                [ox.Triple(q.subject, q.predicate, q.object) for q in dataset.quads_for_graph_name(graph)],
                format=ox.RdfFormat.N_TRIPLES,
            )
            assert body is not None  # serialize returns bytes when it writes to no file
            seconds = min(deadlines.per_graph, end - time.monotonic())
            if seconds <= 0:
                raise StoreError(f"the push to {url} ran out of its {deadlines.total:g} s before graph <{graph.value}>")
            found, before = store.request("GET", graph.value, seconds)
            if found not in (200, 404):
                raise StoreError(f"the store at {url} cannot read graph <{graph.value}>: HTTP {found}")
            seconds = min(deadlines.per_graph, end - time.monotonic())
            status, answer = store.request("PUT", graph.value, max(seconds, 0.001), body)
            if status not in (200, 201, 204):
                reason = answer.decode("utf-8", "replace").strip().splitlines()[:1]
                raise StoreError(
                    f"the store at {url} refused graph <{graph.value}>: HTTP {status}"
                    + (f" {reason[0][:200]}" if reason else "")
                )
            replaced.append((graph.value, before if found == 200 else None))
            triples += body.count(b"\n")
    except StoreError as exc:
        raise StoreError(f"{exc}; {_roll_back(store, replaced, deadlines.per_graph)}") from None
    return Pushed(len(graphs), triples)


def _roll_back(store: _Store, replaced: list[tuple[str, bytes | None]], seconds: float) -> str:
    """Put back every graph the push replaced; say how that went."""
    if not replaced:
        return "the store was not changed"
    failed = []
    for graph, before in reversed(replaced):
        try:
            if before is None:
                status, _ = store.request("DELETE", graph, seconds)
            else:
                status, _ = store.request("PUT", graph, seconds, before)
            if status not in (200, 201, 204, 404):
                failed.append(graph)
        except StoreError:
            failed.append(graph)
    if failed:
        return f"{len(failed)} of the {len(replaced)} graphs it had replaced could not be restored: " + ", ".join(
            f"<{g}>" for g in failed
        )
    return f"the {len(replaced)} graphs it had replaced were restored: the store is as it was"
