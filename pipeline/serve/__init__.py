"""``unga-ld serve``: a read-only SPARQL endpoint and linked-data pages over output/, safe to expose.

- SPARQL 1.1 Protocol at ``/sparql`` (GET, POST form-encoded or direct), results as SPARQL JSON, XML,
  CSV or TSV and graphs as Turtle, N-Triples, JSON-LD or RDF/XML by ``Accept`` (or ``format=``);
  a service description when no query is given; CORS for browser clients.
- Each query runs in a forked worker process that can open no socket (``sandbox``), is killed at the
  time limit (→ 503, never a partial result), and checks the query before the engine sees it
  (``sparql.check``: SERVICE, LOAD and FROM outside the dataset → 400, updates → 403); results over
  the row cap → 400. Bodies over 1 MiB → 413, URLs over 8 KiB → 414,
  PUT/DELETE/PATCH → 405. A bounded number of workers run at once.
- Resource IRIs (``{base}document/A/RES/77/37``, ``/state/FRA``, ``/vote/…``, ``/meeting/…``) resolve
  at the same path here, as HTML, Turtle, N-Triples or JSON-LD by ``Accept``.
- ``/dumps/{file}`` serves every published file (the catalogue's download URLs); ``/`` is a page with
  a query box and the shipped example queries.
"""

from __future__ import annotations

import multiprocessing
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from pipeline.namespaces import DEFAULT_BASE
from pipeline.resources import media_type
from pipeline.serve import pages, sandbox, sparql

FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
RESOURCE_ROOTS = ("/document/", "/state/", "/vote/", "/meeting/", "/graph/", "/dataset")


@dataclass(frozen=True)
class Settings:
    out: Path
    host: str = "127.0.0.1"
    port: int = 8000
    base: str = DEFAULT_BASE
    timeout: float = 30.0
    max_rows: int = 100_000
    max_body: int = 1 << 20
    max_url: int = 8 << 10
    workers: int = 4


class Endpoint:
    """The dataset in memory and the rules for running queries on it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = sparql.load(settings.out)
        self.graphs = sparql.graph_names(self.store)
        self.graph_nodes = {ox.NamedNode(g) for g in self.graphs}
        self.fork_lock = threading.Lock()  # no fork while this process itself reads the store
        self.slots = threading.BoundedSemaphore(settings.workers)
        self.context = multiprocessing.get_context("fork")

    def answer(self, query: str, accept: str) -> sparql.Answer:
        if not self.slots.acquire(timeout=self.settings.timeout):
            raise sparql.Refused(503, "the endpoint is busy; try again shortly")
        try:
            return self._in_worker(query, accept)
        finally:
            self.slots.release()

    def _in_worker(self, query: str, accept: str) -> sparql.Answer:
        receive, send = self.context.Pipe(duplex=False)
        with self.fork_lock:
            worker = self.context.Process(
                target=_work, args=(self.store, self.graphs, query, accept, self.settings.max_rows, send), daemon=True
            )
            worker.start()
        send.close()
        try:
            if not receive.poll(self.settings.timeout):
                raise sparql.Refused(
                    503,
                    f"the query ran longer than the limit of {self.settings.timeout:g} s and "
                    "was stopped; make it more selective or add a LIMIT",
                )
            try:
                kind, *payload = receive.recv()
            except EOFError:
                raise sparql.Refused(500, "the query worker stopped without an answer") from None
        finally:
            if worker.is_alive():
                worker.kill()
            worker.join()
            receive.close()
        if kind == "refused":
            raise sparql.Refused(*payload)
        return payload[0]

    def describe(self, iri: str) -> ox.Store:
        """Everything said of a resource: its own named graph, its triples, and its '#' parts."""
        found = ox.Store()
        node = ox.NamedNode(iri)
        with self.fork_lock:
            if node in self.graph_nodes:
                for quad in self.store.quads_for_pattern(None, None, None, node):
                    found.add(ox.Quad(quad.subject, quad.predicate, quad.object))
            for quad in self.store.quads_for_pattern(node, None, None, None):
                found.add(ox.Quad(quad.subject, quad.predicate, quad.object))
                value = quad.object
                if isinstance(value, ox.NamedNode) and value.value.startswith(iri + "#"):
                    for part in self.store.quads_for_pattern(value, None, None, None):
                        found.add(ox.Quad(part.subject, part.predicate, part.object))
        return found

    def select(self, query: str) -> list[dict[str, str]]:
        """A small query for a page, run here (quick, indexed lookups)."""
        with self.fork_lock:
            results = self.store.query(query, use_default_graph_as_union=True)
            assert isinstance(results, ox.QuerySolutions)  # pages ask SELECT queries only
            return [{v.value: (s[v].value if s[v] is not None else "") for v in results.variables} for s in results]


def _work(store: ox.Store, graphs: set[str], query: str, accept: str, max_rows: int, send) -> None:
    """The worker process: drop network access, check the query, run it; send back the answer or the refusal.

    The check runs here, not in the server, so that it too is bounded by the time limit."""
    try:
        sandbox.forbid_network()
    except sandbox.SandboxUnavailable as exc:  # fail closed: no query runs with the network reachable
        send.send(("refused", 500, str(exc)))
        send.close()
        return
    try:
        sparql.check(query, graphs)
        send.send(("ok", sparql.run(store, query, accept, max_rows)))
    except sparql.Refused as exc:
        send.send(("refused", exc.status, exc.message))
    except Exception as exc:  # an engine error becomes a 400 naming it, not a dead worker
        send.send(("refused", 400, f"the query could not run: {exc}"))
    finally:
        send.close()


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint
    server_version = "unga-ld"

    def log_message(self, format: str, *args) -> None:  # quiet: one line per request on stderr is noise in tests
        return

    # -- plumbing ------------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, media: str, cors: bool = False, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header(
            "Content-Type", media if "charset" in media or not media.startswith("text/") else f"{media}; charset=utf-8"
        )
        self.send_header("Content-Length", str(len(body)))
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, cors: bool = False) -> None:
        extra = {"Allow": "GET, POST, OPTIONS"} if status == 405 else None
        self._send(status, (message + "\n").encode("utf-8"), "text/plain", cors, extra)

    def _path(self) -> tuple[str, dict[str, list[str]]]:
        parsed = urllib.parse.urlsplit(self.path)
        return urllib.parse.unquote(parsed.path), urllib.parse.parse_qs(parsed.query)

    def _accept(self, params: dict[str, list[str]]) -> str:
        wanted = (params.get("format") or [""])[0].lower()
        return FORMAT_PARAM.get(wanted, self.headers.get("Accept", ""))

    # -- methods -------------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        self._send(
            204,
            b"",
            "text/plain",
            cors=True,
            extra={
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "86400",
            },
        )

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if len(self.path) > self.endpoint.settings.max_url:
            return self._error(414, f"the URL is longer than {self.endpoint.settings.max_url} bytes; POST the query")
        path, params = self._path()
        if path == "/sparql":
            if "query" not in params:
                if "update" in params:
                    return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
                return self._send(200, pages.service_description(self.endpoint), "text/turtle", cors=True)
            return self._query(params["query"][0], self._accept(params))
        if path == "/":
            return self._send(200, pages.home(self.endpoint), "text/html")
        if path == "/catalog.ttl" or path.startswith("/dumps/"):
            return self._file(path.removeprefix("/dumps/").lstrip("/"))
        if path.startswith(RESOURCE_ROOTS):
            return self._resource(path, self._accept(params))
        return self._error(404, f"nothing at {path}")

    def do_POST(self) -> None:
        path, params = self._path()
        if path != "/sparql":
            return self._error(405, f"{path} accepts no POST")
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.endpoint.settings.max_body:
            self.close_connection = True
            return self._error(413, f"the request body is larger than {self.endpoint.settings.max_body} bytes", True)
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
        if kind == "application/sparql-query":
            return self._query(body, self._accept(params))
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
            if "query" in form:
                return self._query(form["query"][0], self._accept({**params, **form}))
            return self._error(400, "no query in the form (a 'query' field is expected)", cors=True)
        return self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded", True)

    def do_PUT(self) -> None:
        self._error(405, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- answers -------------------------------------------------------------------------------------
    def _query(self, query: str, accept: str) -> None:
        try:
            answer = self.endpoint.answer(query, accept)
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message, cors=True)
        self._send(answer.status, answer.body, answer.media_type, cors=True)

    def _file(self, name: str) -> None:
        root = self.endpoint.settings.out.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file() or any(p.startswith(".") for p in Path(name).parts):
            return self._error(404, f"no published file {name}")
        self._send(200, target.read_bytes(), media_type(target.name))

    def _resource(self, path: str, accept: str) -> None:
        iri = self.endpoint.settings.base + path.lstrip("/")
        found = self.endpoint.describe(iri)
        if not len(found):
            return self._error(404, f"nothing is known of {iri}")
        formats = {**sparql.GRAPH_FORMATS, "text/html": None}
        try:
            media, fmt = sparql.negotiate(accept or "text/html", formats, "text/html")
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message)
        if fmt is None:
            return self._send(200, pages.resource(self.endpoint, iri, found), "text/html")
        body = found.dump(format=fmt, from_graph=ox.DefaultGraph())
        assert body is not None  # dump() returns None only when it writes to a file
        self._send(200, body, media, extra={"Link": f'<{iri}>; rel="canonical"'})


def make_server(settings: Settings) -> ThreadingHTTPServer:
    """A server bound to settings.host:port (port 0 picks a free one).

    Raises SandboxUnavailable when query workers cannot be cut off from the network on this system:
    the endpoint does not start rather than run queries that could reach out."""
    endpoint = Endpoint(settings)
    try:
        endpoint.answer("ASK {}", "application/sparql-results+json")
    except sparql.Refused as exc:
        raise sandbox.SandboxUnavailable(exc.message) from None
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    server = ThreadingHTTPServer((settings.host, settings.port), handler)
    server.daemon_threads = True
    return server
