"""``unga-ld serve``: a read-only SPARQL endpoint and linked-data pages over output/, safe to expose.

- SPARQL 1.1 Protocol at ``/sparql`` (GET, POST form-encoded or direct), results as SPARQL JSON, XML,
  CSV or TSV and graphs as Turtle, N-Triples, JSON-LD or RDF/XML by ``Accept`` (or ``format=``);
  a service description when no query is given; CORS for browser clients.
- The dataset is the build's on-disk store (``pipeline.ondisk``), opened read-only from a snapshot of
  its own, so a rebuild under a running server changes nothing it reads.
- Each query runs in a long-lived worker process that can open no socket (``sandbox``), is killed at
  the time limit (→ 503, never a partial result) and replaced (``workers``), and checks the query
  before the engine sees it
  (``sparql.check``: SERVICE, LOAD and FROM outside the dataset → 400, updates → 403); results over
  the row cap → 400. Bodies over 1 MiB → 413, URLs over 8 KiB → 414,
  PUT/DELETE/PATCH → 405. A bounded number of workers run at once.
- Resource IRIs (``{base}document/A/RES/77/37``, ``/state/FRA``, ``/vote/…``, ``/meeting/…``) resolve
  at the same path here, as HTML, Turtle, N-Triples or JSON-LD by ``Accept``.
- ``/dumps/{file}`` serves every published file (the catalogue's download URLs); ``/`` is a page with
  a query box and the shipped example queries.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import json
import os
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from pipeline import ondisk
from pipeline.namespaces import DEFAULT_BASE, PREFIXES
from pipeline.resources import DESCRIBED, PER_DOCUMENT, media_type
from pipeline.serve import description, pages, sandbox, sparql, workers
from pipeline.serve.server import AccessLog, GatedServer, TokenBuckets

# ``format=``: the media types a name stands for, the first that fits the query's form being taken
# (``xml`` is SPARQL XML results for SELECT and ASK, RDF/XML for CONSTRUCT and DESCRIBE)
FORMAT_PARAM = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "ntriples": ("application/n-triples",),
    "nt": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
}
GZIP_MIN = 1024  # bytes: smaller answers go as they are
COMPRESSIBLE = ("text/", "application/sparql-results", "application/ld+json", "application/json")
COMPRESSIBLE_EXACT = ("application/rdf+xml", "application/n-triples", "image/svg+xml", "application/xml")
RESOURCE_ROOTS = ("/document/", "/state/", "/vote/", "/meeting/", "/graph/", "/vocabulary/", "/group/")
# the portal's own pages: path → (endpoint, query parameters) → (status, HTML)
PORTAL = {
    "/search": lambda endpoint, params: (200, pages.search(endpoint, params)),
    "/states": lambda endpoint, params: (200, pages.states(endpoint)),
    "/query": pages.query_page,
    "/vocabulary/": lambda endpoint, params: (200, pages.vocabularies(endpoint)),
}
STATIC = Path(__file__).parent / "static"
# the prefixes of the Turtle the server writes (the dumps' own, and the service description's)
DISTRIBUTION = "http://www.w3.org/ns/dcat#distribution"
TURTLE_PREFIXES = {**{name: str(ns) for name, ns in PREFIXES.items()}, "sd": description.SD}


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
    worker_memory: int = 192  # MB a query worker may keep resident between queries (``workers.MEMORY``)
    max_bytes: int = 64 << 20  # the largest answer to a query, in any format
    header_timeout: float = 10.0  # seconds a client has to send its whole request
    queue_wait: float = 2.0  # seconds a query waits for a free worker before 503
    max_active: int = 32  # requests handled at once
    keepalive: float = 5.0  # seconds an open connection may wait for its next request
    max_pending: int = 512  # connections waiting to send their first bytes
    rate: float = 20.0  # requests per second per client ...
    burst: int = 100  # ... in bursts of this many


class Endpoint:
    """The dataset's store (a private snapshot of output/store) and the rules for running queries on it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.snapshot = ondisk.Snapshot(settings.out)
        try:
            self.store = ox.Store.read_only(str(self.snapshot.store_path))
            self.graphs = sparql.graph_names(self.store)
            self.graph_nodes = {ox.NamedNode(g) for g in self.graphs}
            self.pool = workers.Pool(
                str(self.snapshot.store_path), self.graphs, settings.workers, settings.worker_memory
            )
        except BaseException:
            self.snapshot.close()
            raise
        self.catalog_path = settings.out / "catalog.ttl"
        # the catalogue (DCAT, VoID) for the /dataset page: the dataset and its main files; each
        # document's own files (two or three per document) are counted, not held, so that the server's
        # memory does not grow with the corpus (the whole catalogue is served from the file)
        self.catalog, self.catalog_files = ox.Store(), 0
        if self.catalog_path.is_file():
            kept, self.catalog_files = catalog_main(self.catalog_path, settings.base)
            self.catalog.extend(kept)
        self._statements: int | None = None

    @property
    def statements(self) -> int:
        """How many quads the dataset holds (counted once: on disk a count reads the whole store)."""
        if self._statements is None:
            self._statements = len(self.store)
        return self._statements

    def answer(self, query: str, accept: str, dataset: sparql.Dataset | None = None) -> sparql.Answer:
        settings = self.settings
        job = workers.Job(query, accept, settings.max_rows, settings.max_bytes, dataset or sparql.Dataset())
        return self.pool.run(job, settings.timeout, settings.queue_wait)

    def close(self) -> None:
        """Stop the workers and remove the snapshot."""
        self.pool.close()
        del self.store
        self.snapshot.close()

    def describe(self, iri: str) -> ox.Store:
        """Everything said of a resource: its own named graph, its triples, and its '#' parts."""
        found = ox.Store()
        node = ox.NamedNode(iri)
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

    def graph(self, iri: str) -> ox.Store:
        """One named graph of the dataset, as a store of its own."""
        found = ox.Store()
        for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            found.add(ox.Quad(quad.subject, quad.predicate, quad.object))
        return found

    def select(self, query: str) -> list[dict[str, str]]:
        """A small query for a page, run here (quick, indexed lookups)."""
        results = self.store.query(query, use_default_graph_as_union=True)
        assert isinstance(results, ox.QuerySolutions)  # pages ask SELECT queries only
        return [{v.value: (s[v].value if s[v] is not None else "") for v in results.variables} for s in results]


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 1 << 16


class Handler(BaseHTTPRequestHandler):
    server: GatedServer
    endpoint: Endpoint
    buckets: TokenBuckets
    log: AccessLog
    server_version = "unga-ld"
    protocol_version = "HTTP/1.1"  # connections stay open between requests (keep-alive)

    def setup(self) -> None:
        super().setup()
        self._served = 0  # requests answered on this connection so far

    def log_message(self, format: str, *args: object) -> None:  # the access log says it, once, in its own form
        return

    # -- one request: a deadline for receiving it, the client's budget, a line in the access log ------
    def handle_one_request(self) -> None:
        self._started = time.monotonic()
        self._status, self._bytes = 0, 0
        self._query_hash: str | None = None
        settings = self.endpoint.settings
        # the first request has header_timeout to arrive; an open connection waits less for the next one
        limit = settings.header_timeout if not self._served else min(settings.header_timeout, settings.keepalive)
        self.connection.settimeout(limit)
        self._deadline = threading.Timer(limit, self._cut)  # a client that drips its request
        self._deadline.daemon = True
        self._deadline.start()
        try:
            super().handle_one_request()
        except (OSError, ValueError):  # the client went away, or was cut off at the deadline
            self.close_connection = True
        finally:
            self._deadline.cancel()
            self._served += 1
        if self._status:
            client = self.client_address[0] if self.client_address else "-"
            path = urllib.parse.urlsplit(self.path).path if getattr(self, "path", None) else "-"
            millis = (time.monotonic() - self._started) * 1000
            self.log.write(client, self.command or "-", path, self._status, self._bytes, millis, self._query_hash)

    def _cut(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _received(self) -> bool:
        """The whole request is in: stop its deadline; False (429 sent) when the client is over its budget."""
        self._deadline.cancel()
        self.connection.settimeout(None)
        wait = self.buckets.take(self.client_address[0])
        if wait:
            self._error(
                429,
                f"too many requests from {self.client_address[0]}; slow down",
                True,
                {"Retry-After": str(max(1, round(wait + 0.5)))},
            )
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """What http.server says of a request it cannot parse, in this server's own form."""
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":  # answer with a status line all the same
            self.request_version = "HTTP/1.0"
        self._error(code, message or "the request is malformed")

    # -- plumbing ------------------------------------------------------------------------------------
    def _send(
        self, status: int, body: bytes, media: str, cors: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        """An answer held in memory: with an ETag (a GET that names it gets 304), gzip when the client
        takes it and the body is text over GZIP_MIN bytes, and Vary naming what chose the variant."""
        headers = dict(extra or {})
        vary = [v.strip() for v in headers.pop("Vary", "").split(",") if v.strip()]
        compressible = len(body) > GZIP_MIN and _compressible(media)
        gzipped = compressible and _takes_gzip(self.headers.get("Accept-Encoding", "") if self.headers else "")
        if compressible:
            vary.append("Accept-Encoding")
        if vary:
            headers["Vary"] = ", ".join(dict.fromkeys(vary))
        if status == 200:
            tag = f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}{"-gzip" if gzipped else ""}"'
            headers["ETag"] = tag
            if self.command in ("GET", "HEAD") and _matches(self.headers.get("If-None-Match"), tag):
                return self._not_modified(headers, cors)
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self._head(status, len(body), media, cors, headers)
        if self.command != "HEAD":
            self.wfile.write(body)
            self._bytes = len(body)

    def _not_modified(self, headers: dict[str, str], cors: bool = False) -> None:
        """304: the client's copy is current (its validators and Vary again, no body)."""
        self._status = 304
        self.send_response(304)
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        for key in ("ETag", "Last-Modified", "Vary", "Cache-Control"):
            if key in headers:
                self.send_header(key, headers[key])
        self.end_headers()

    def _head(
        self, status: int, length: int, media: str, cors: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        self._status = status
        self.send_response(status)
        self.send_header(
            "Content-Type", media if "charset" in media or not media.startswith("text/") else f"{media}; charset=utf-8"
        )
        self.send_header("Content-Length", str(length))
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        if status == 503:
            self.send_header("Retry-After", "1")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if not self.close_connection and self.server.scarce():  # free a handler for those waiting
            self.close_connection = True
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _error(self, status: int, message: str, cors: bool = False, extra: dict[str, str] | None = None) -> None:
        headers = {"Allow": "GET, POST, OPTIONS"} if status == 405 else {}
        self._send(status, (message + "\n").encode("utf-8"), "text/plain", cors, {**headers, **(extra or {})})

    def _path(self) -> tuple[str, dict[str, list[str]]]:
        parsed = urllib.parse.urlsplit(self.path)
        return urllib.parse.unquote(parsed.path, errors="strict"), urllib.parse.parse_qs(parsed.query, errors="strict")

    def _accept(self, params: dict[str, list[str]]) -> str:
        """What the client takes: ``format=`` first, where it names a format that fits the answer's
        form, then the ``Accept`` header with its q-values (any format when there is none)."""
        header = self.headers.get("Accept", "") or ""
        wanted = (params.get("format") or [""])[0].strip().lower()
        named = FORMAT_PARAM.get(wanted) or ((wanted,) if "/" in wanted and "," not in wanted else ())
        if not named:
            return header
        return ", ".join((*named, header or "*/*"))

    # -- methods -------------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        if not self._received():
            return
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
        if not self._received():
            return
        try:
            self._get()
        except (ValueError, UnicodeDecodeError) as exc:  # a path or parameter that is not one
            self._error(400, f"the request is malformed: {exc}")
        except Exception as exc:  # a page that could not be made: say so, keep serving
            self.log.note(f"error: {self.path}: {type(exc).__name__}: {exc}")
            self.close_connection = True
            self._error(500, "the page could not be made; the error is in the server's log")

    def do_POST(self) -> None:
        try:
            self._post()
        except (ValueError, UnicodeDecodeError) as exc:
            self._error(400, f"the request is malformed: {exc}", cors=True)

    def _get(self) -> None:
        if len(self.path) > self.endpoint.settings.max_url:
            return self._error(414, f"the URL is longer than {self.endpoint.settings.max_url} bytes; POST the query")
        path, params = self._path()
        if path == "/sparql":
            if "update" in params:
                return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
            if "query" not in params:
                return self._description(params)
            if len(params["query"]) > 1:
                return self._error(400, "the request gives more than one query; give one", cors=True)
            return self._query(params["query"][0], self._accept(params), params)
        if path == "/":
            return self._send(200, pages.home(self.endpoint), "text/html")
        if path in PORTAL:
            status, page = PORTAL[path](self.endpoint, params)
            return self._send(status, page, "text/html")
        if path.startswith("/static/"):
            return self._static(path.removeprefix("/static/"))
        if path == "/ontology" or path.startswith("/ontology/"):
            return self._graph_page(self.endpoint.settings.base + "graph/ontology", params, pages.ontology)
        if path == "/dataset":
            return self._catalogue(params)
        if path == "/queries" or path.startswith("/queries/"):
            return self._shipped(path.removeprefix("/queries").strip("/"), params)
        if path == "/catalog.ttl" or path.startswith("/dumps/"):
            return self._file(path.removeprefix("/dumps/").lstrip("/"))
        if path.startswith(RESOURCE_ROOTS):
            return self._resource(path, self._accept(params), self._language(params), params)
        return self._error(404, f"nothing at {path}")

    def _post(self) -> None:
        path, params = self._path()
        declared = (self.headers.get("Content-Length") or "").strip()
        if not declared.isdigit():  # absent, negative, or not a number: the body's end is unknown
            self.close_connection = True
            self._received()
            return self._error(411 if not declared else 400, "a POST needs a Content-Length of 0 or more bytes", True)
        length = int(declared)
        if length > self.endpoint.settings.max_body:
            self.close_connection = True
            self._received()
            return self._error(413, f"the request body is larger than {self.endpoint.settings.max_body} bytes", True)
        raw = self.rfile.read(length)
        if not self._received():
            return
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8", cors=True)
        if path != "/sparql":
            return self._error(405, f"{path} accepts no POST")
        declared_type = self.headers.get("Content-Type") or ""
        kind = declared_type.split(";")[0].strip().lower()
        charset = re.search(r";\s*charset\s*=\s*\"?([^\s;\"]+)", declared_type, re.I)
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
            return self._error(400, f"the request body is in {charset.group(1)}; send it as UTF-8", cors=True)
        if kind == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
        if kind == "application/sparql-query":
            if "query" in params:
                return self._error(400, "the request gives a query in the URL and in the body; give one", cors=True)
            return self._query(body, self._accept(params), params)
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body, errors="strict")
            if "update" in form:
                return self._error(403, "this endpoint is read-only: updates are not accepted", cors=True)
            if len(form.get("query", ())) + len(params.get("query", ())) > 1:
                return self._error(400, "the request gives more than one query; give one", cors=True)
            if "query" in form:
                return self._query(form["query"][0], self._accept({**params, **form}), {**params, **form})
            return self._error(400, "no query in the form (a 'query' field is expected)", cors=True)
        return self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded", True)

    def do_PUT(self) -> None:
        self.close_connection = True  # its body is not read
        self._received()
        self._error(405, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- answers -------------------------------------------------------------------------------------
    def _query(self, query: str, accept: str, params: dict[str, list[str]] | None = None) -> None:
        self._query_hash = "q:" + hashlib.sha256(query.encode("utf-8", "replace")).hexdigest()[:12]
        given = params or {}
        dataset = sparql.Dataset(tuple(given.get("default-graph-uri", ())), tuple(given.get("named-graph-uri", ())))
        try:
            answer = self.endpoint.answer(query, accept, dataset)
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message, cors=True)
        self._send(answer.status, answer.body, answer.media_type, cors=True, extra={"Vary": "Accept"})

    def _shipped(self, name: str, params: dict[str, list[str]]) -> None:
        """``/queries``: the shipped queries, what each answers and its parameters, as JSON;
        ``/queries/NAME?iso3=FRA``: one run with its parameters set (``format`` as for /sparql)."""
        shipped = sparql.shipped()
        if not name:
            listing = {
                key: {"answers": about, "parameters": sparql.parameters(text), "url": f"/queries/{key}"}
                for key, (about, text) in shipped.items()
            }
            return self._send(200, json.dumps(listing, ensure_ascii=False, indent=1).encode(), "application/json", True)
        if name not in shipped:
            return self._error(404, f"no shipped query {name!r}; /queries lists them", cors=True)
        values = {key: given[0] for key, given in params.items() if key != "format"}
        try:
            text = sparql.bind(shipped[name][1], values)
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message, cors=True)
        return self._query(text, self._accept(params))

    def _file(self, name: str) -> None:
        """A published file, streamed from disk as it is (no gzip: Range counts its own bytes), with
        ETag and Last-Modified, 304 to a client whose copy is current, and one byte range (206)."""
        root = self.endpoint.settings.out.resolve()
        if "\x00" in name:
            return self._error(400, "a file name holds no NUL byte")
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file() or any(p.startswith(".") for p in Path(name).parts):
            return self._error(404, f"no published file {name}")
        with open(target, "rb") as handle:  # streamed from disk: memory does not grow with the file
            stat = os.fstat(handle.fileno())
            size = stat.st_size
            tag = f'"{size:x}-{stat.st_mtime_ns:x}"'
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            extra = {"Accept-Ranges": "bytes", "ETag": tag, "Last-Modified": modified}
            if _fresh(self.headers, tag, stat.st_mtime):
                return self._not_modified(extra)
            start, end = 0, size
            status = 200
            wanted = self.headers.get("Range")
            if wanted and self.headers.get("If-Range", tag).strip() not in (tag, modified):
                wanted = None  # the client's part is of another version: the whole file
            if wanted:
                span = _span(wanted, size)
                if span is None:
                    return self._error(
                        416,
                        f"the range {wanted} is not in the file's {size} bytes",
                        extra={"Content-Range": f"bytes */{size}"},
                    )
                start, end = span
                status, extra = 206, {**extra, "Content-Range": f"bytes {start}-{end - 1}/{size}"}
            self._head(status, end - start, media_type(target.name), extra=extra)
            if self.command == "HEAD":
                return
            handle.seek(start)
            left = end - start
            while left > 0:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    break
                self.wfile.write(chunk)
                left -= len(chunk)
                self._bytes += len(chunk)

    def _language(self, params: dict[str, list[str]]) -> str | None:
        """The language a page is asked in: ``?lang=fr``, else the first of the six in Accept-Language."""
        if params.get("lang"):
            return params["lang"][0]
        return pages.preferred(self.headers.get("Accept-Language", ""))

    def _static(self, name: str) -> None:
        """The portal's own styles, script and icon (no page loads anything from elsewhere)."""
        target = STATIC / name
        if "/" in name or name.startswith(".") or not target.is_file():
            return self._error(404, f"no static file {name}")
        media = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}.get(target.suffix, "")
        if not media:
            return self._error(404, f"no static file {name}")
        self._send(200, target.read_bytes(), media, extra={"Cache-Control": "public, max-age=3600"})

    def _description(self, params: dict[str, list[str]]) -> None:
        """The service description, in the RDF format asked for, naming the URL it was reached by."""
        settings = self.endpoint.settings
        found = description.graph(
            description.url(self.headers.get("Host"), self.server.socket.getsockname()),
            settings.base,
            self.endpoint.graphs,
            settings.timeout,
            settings.max_rows,
        )
        self._graph(found, self._accept(params), "text/turtle", cors=True)

    def _graph(self, found: ox.Store, accept: str, default: str, cors: bool = False, page=None) -> None:
        """A graph in the RDF format the client takes (or as a page, when ``page`` makes one)."""
        self._negotiated(lambda fmt: _dump(found, fmt), accept, default, cors, page)

    def _negotiated(
        self,
        body: Callable[[ox.RdfFormat], bytes | None],
        accept: str,
        default: str,
        cors: bool = False,
        page: Callable[[], bytes] | None = None,
        missing: str = "not found",
    ) -> None:
        """What ``body`` makes in the RDF format the client takes (or the page ``page`` makes); where
        ``body`` makes nothing, a 404 that says ``missing``."""
        formats: dict[str, ox.RdfFormat | None] = {**sparql.GRAPH_FORMATS}
        if page is not None:
            formats["text/html"] = None
        try:
            media, fmt = sparql.negotiate(accept or default, formats, default)
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message, cors)
        if fmt is None:
            assert page is not None
            return self._send(200, page(), "text/html", cors, extra={"Vary": "Accept"})
        made = body(fmt)
        if made is None:
            return self._error(404, missing, cors)
        self._send(200, made, media, cors, extra={"Vary": "Accept"})

    def _graph_page(self, graph: str, params: dict[str, list[str]], page) -> None:
        """A page made from one graph of the dataset (the ontology), or that graph in an RDF format."""
        self._graph(self.endpoint.graph(graph), self._accept(params), "text/html", page=lambda: page(self.endpoint))

    def _catalogue(self, params: dict[str, list[str]]) -> None:
        """``/dataset``: the catalogue as a page, or as RDF (DCAT, VoID) by ``Accept``: the whole of
        catalog.ttl, read from the file (Turtle as it is, other formats converted as they stream)."""
        endpoint = self.endpoint

        def rdf(fmt: ox.RdfFormat) -> bytes | None:
            if not endpoint.catalog_path.is_file():
                return None
            if fmt == ox.RdfFormat.TURTLE:
                return endpoint.catalog_path.read_bytes()
            triples = ox.parse(path=str(endpoint.catalog_path), format=ox.RdfFormat.TURTLE)
            return ox.serialize(triples, format=fmt) or b""

        page = lambda: pages.catalogue(endpoint, endpoint.catalog, endpoint.catalog_files)  # noqa: E731
        self._negotiated(rdf, self._accept(params), "text/html", page=page, missing="this output has no catalogue")

    def _resource(
        self, path: str, accept: str, language: str | None = None, params: dict[str, list[str]] | None = None
    ) -> None:
        iri = self.endpoint.settings.base + path.lstrip("/")
        try:
            found = self.endpoint.describe(iri)
        except ValueError:  # ox.NamedNode refuses it
            return self._error(400, f"{iri} is not an IRI")
        if not len(found):
            return self._error(404, f"nothing is known of {iri}")
        formats = {**sparql.GRAPH_FORMATS, "text/html": None}
        try:
            media, fmt = sparql.negotiate(accept or "text/html", formats, "text/html")
        except sparql.Refused as exc:
            return self._error(exc.status, exc.message)
        if fmt is None:
            page = pages.resource(self.endpoint, iri, found, language, params or {})
            return self._send(200, page, "text/html", extra={"Vary": "Accept, Accept-Language"})
        body = _dump(found, fmt)
        self._send(200, body, media, extra={"Link": f'<{iri}>; rel="canonical"', "Vary": "Accept"})


def catalog_main(path: Path, base: str) -> tuple[list[ox.Quad], int]:
    """The statements of a catalogue but those about each document's own files (under ``rdf/``,
    ``akn/`` and ``history/``, but the dataset's own graphs), and how many such files it lists."""
    prefix = f"{base}dataset/distribution/"
    dumps = f"{base}dumps/"

    def own(iri: str) -> bool:  # one document's file, its distribution or that distribution's checksum
        for start in (prefix, dumps):
            if iri.startswith(start):
                name = iri[len(start) :].split("#", 1)[0]
                return name.startswith(PER_DOCUMENT) and name not in DESCRIBED
        return False

    kept, files = [], 0
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if isinstance(triple.subject, ox.NamedNode) and own(triple.subject.value):
            continue
        if isinstance(triple.object, ox.NamedNode) and own(triple.object.value):
            files += triple.predicate.value == DISTRIBUTION
            continue
        kept.append(ox.Quad(triple.subject, triple.predicate, triple.object))
    return kept, files


def _dump(found: ox.Store, fmt: ox.RdfFormat) -> bytes:
    """A graph in memory in an RDF format (Turtle with the dataset's prefixes)."""
    prefixes = TURTLE_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    body = found.dump(format=fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    assert body is not None  # dump() returns None only when it writes to a file
    return body


def _compressible(media: str) -> bool:
    kind = media.split(";")[0].strip().lower()
    return kind.startswith(COMPRESSIBLE) or kind in COMPRESSIBLE_EXACT


def _takes_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header takes gzip (q above 0, by name or by ``*``)."""
    for part in header.split(","):
        name, _, rest = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            weight = rest.strip().removeprefix("q=")
            try:
                return not rest.strip() or float(weight) > 0
            except ValueError:
                return False
    return False


def _matches(header: str | None, tag: str) -> bool:
    """Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 §13.1.2)."""
    if not header:
        return False
    given = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in given or tag in given


def _fresh(headers, tag: str, mtime: float) -> bool:
    """Whether a conditional GET's copy is current: If-None-Match decides, else If-Modified-Since."""
    if headers.get("If-None-Match"):
        return _matches(headers.get("If-None-Match"), tag)
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        when = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return when.timestamp() >= int(mtime)


def _span(header: str, size: int) -> tuple[int, int] | None:
    """One byte range of a Range header as [start, end), or None when it is not satisfiable."""
    m = _RANGE.match(header.strip())
    if not m or not (m.group(1) or m.group(2)):
        return None
    if not m.group(1):  # the last N bytes
        return (max(0, size - int(m.group(2))), size) if int(m.group(2)) > 0 and size else None
    start = int(m.group(1))
    end = min(size, int(m.group(2)) + 1) if m.group(2) else size
    return (start, end) if start < end else None


def make_server(settings: Settings, log: IO[str] | None = None) -> GatedServer:
    """A server bound to settings.host:port (port 0 picks a free one).

    Raises SandboxUnavailable when query workers cannot be cut off from the network on this system:
    the endpoint does not start rather than run queries that could reach out."""
    endpoint = Endpoint(settings)
    try:
        endpoint.answer("ASK {}", "application/sparql-results+json")
        bound = {"endpoint": endpoint, "buckets": TokenBuckets(settings.rate, settings.burst), "log": AccessLog(log)}
        handler = type("BoundHandler", (Handler,), bound)
        server = GatedServer(
            (settings.host, settings.port),
            handler,
            header_timeout=settings.header_timeout,
            max_pending=settings.max_pending,
            max_active=settings.max_active,
        )
    except sparql.Refused as exc:
        endpoint.close()
        raise sandbox.SandboxUnavailable(exc.message) from None
    except BaseException:
        endpoint.close()
        raise
    server.closing_hooks.append(endpoint.close)
    return server
