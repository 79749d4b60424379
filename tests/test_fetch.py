"""Fetching by symbol, against a real HTTP server on 127.0.0.1 that serves copies of the corpus files
under the ODS URL shapes and misbehaves on purpose."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.sources.fetch import Fetcher, Limits, _retry_after, checked_symbol
from pipeline.symbols import SymbolError
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "corpus"
REAL_PDF = SHARED / "pdf-resolutions-78" / "A_RES_78_100.pdf"
REAL_XML = next(iter(sorted((SHARED / "akn4un-78-english").glob("A_RES_78_100-*.xml"))), None)
# copies of the corpus files where the corpus is beside the checkout; small stand-ins elsewhere
PDF = REAL_PDF.read_bytes() if REAL_PDF.is_file() else b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n"
XML = REAL_XML.read_bytes() if REAL_XML else b'<?xml version="1.0"?><akomaNtoso/>'


class Ods(BaseHTTPRequestHandler):
    """ODS as tests need it: /api/symbol/access?s=…&l=…&t=… redirects to /files/…; symbols choose a
    behaviour."""

    hits: ClassVar[Counter[str]] = Counter()
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        symbol = query.get("s", "")
        key = f"{url.path}?{symbol}"
        self.hits[key] += 1
        n = self.hits[key]
        if url.path == "/api/symbol/access":
            if symbol == "A/RES/78/500" and n <= 2:
                return self._send(500, b"busy")
            if symbol == "A/RES/78/429" and n == 1:
                return self._send(429, b"slow down", {"Retry-After": "1"})
            if symbol == "A/RES/78/404":
                return self._send(404, b"<html>not found</html>")
            if symbol == "A/RES/78/777":
                return self._send(302, b"", {"Location": "/api/symbol/access?s=A/RES/78/777&l=en&t=pdf"})
            if symbol == "A/RES/78/301":
                return self._send(302, b"", {"Location": "https://127.0.0.1:1/secure.pdf"})
            return self._send(302, b"", {"Location": f"/files/{symbol.replace('/', '_')}.{query.get('t', 'pdf')}"})
        if url.path.startswith("/files/"):
            name = url.path.removeprefix("/files/")
            if name == "A_RES_78_888.pdf":  # slow drip: a byte every 0.2 s, for ever
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(200):
                        self.wfile.write(b"%")
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass
                return None
            if name == "A_RES_78_999.pdf":  # cut off half way
                self.send_response(200)
                self.send_header("Content-Length", str(len(PDF)))
                self.end_headers()
                self.wfile.write(PDF[: len(PDF) // 2])
                self.close_connection = True
                return None
            if name == "A_RES_78_666.pdf":
                return self._send(200, b"<html>an error page</html>", {"Content-Type": "text/html"})
            if name == "A_RES_78_555.pdf":
                return self._send(200, PDF + b"x" * 200_000)
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304)
            body = XML if name.endswith(".xml") else PDF
            return self._send(200, body, {"ETag": etag, "Last-Modified": "Mon, 01 Dec 2025 10:00:00 GMT"})
        return self._send(404)


@pytest.fixture
def ods() -> Iterator[str]:
    Ods.hits = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Ods)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetcher(base: str, tmp_path: Path, **limits: float) -> Fetcher:
    settings = {"interval": 0.0, "backoff": 0.05, "deadline": 5.0, "read": 2.0, "connect": 2.0} | limits
    return Fetcher(tmp_path / "cache", base=base, limits=Limits(**settings))  # type: ignore[arg-type]


def requests_for(symbol: str) -> int:
    return sum(n for key, n in Ods.hits.items() if key.endswith(f"?{symbol}") or symbol.replace("/", "_") in key)


def test_a_symbol_is_fetched_once_then_answered_from_the_cache(ods, tmp_path):
    f = fetcher(ods, tmp_path)
    first = f.fetch("A/RES/78/100", tmp_path / "corpus")
    assert first.error is None and first.path == tmp_path / "corpus" / "A_RES_78_100.pdf"
    assert first.path.read_bytes() == PDF and first.requests == 2  # the redirect, then the file
    again = f.fetch("A/RES/78/100", tmp_path / "corpus")
    assert again.cached and again.requests == 0 and again.path.read_bytes() == PDF


def test_refresh_revalidates_with_the_etag_and_keeps_the_file_on_304(ods, tmp_path):
    f = fetcher(ods, tmp_path)
    f.fetch("A/RES/78/100", tmp_path / "corpus")
    refreshed = f.fetch("A/RES/78/100", tmp_path / "corpus", refresh=True)
    assert refreshed.error is None and not refreshed.cached and refreshed.requests == 2
    assert refreshed.path.read_bytes() == PDF


def test_other_languages_and_the_akoma_ntoso_have_their_own_files(ods, tmp_path):
    f = fetcher(ods, tmp_path)
    french = f.fetch("A/RES/78/100", tmp_path / "corpus", lang="fr")
    akn = f.fetch("A/RES/78/100", tmp_path / "corpus", fmt="akn")
    assert french.path.name == "A_RES_78_100.fr.pdf" and akn.path.name == "A_RES_78_100.xml"
    assert akn.path.read_bytes() == XML


@pytest.mark.parametrize(
    "symbol", ["A/RES/../etc/passwd", "A/RES/78/1 ", "user@host/A/1", "http://x/A/RES/1", "A/RES/78/1?x=1", "", "A//B"]
)
def test_a_symbol_that_is_no_symbol_makes_no_request(ods, tmp_path, symbol):
    result = fetcher(ods, tmp_path).fetch(symbol, tmp_path / "corpus")
    assert result.error is not None and result.error.code == "fetch.invalid-symbol"
    assert result.requests == 0 and sum(Ods.hits.values()) == 0
    assert not (tmp_path / "corpus").exists()


def test_5xx_is_retried_with_backoff_then_succeeds(ods, tmp_path):
    result = fetcher(ods, tmp_path).fetch("A/RES/78/500", tmp_path / "corpus")
    assert result.error is None and result.requests == 4  # 500, 500, redirect, file


def test_429_waits_as_retry_after_says(ods, tmp_path):
    started = time.monotonic()
    result = fetcher(ods, tmp_path).fetch("A/RES/78/429", tmp_path / "corpus")
    assert result.error is None and time.monotonic() - started >= 1.0


def test_a_4xx_is_not_retried(ods, tmp_path):
    result = fetcher(ods, tmp_path).fetch("A/RES/78/404", tmp_path / "corpus")
    assert result.error.code == "fetch.http-error" and "404" in result.error.message and result.requests == 1


def test_a_redirect_loop_stops_after_five(ods, tmp_path):
    result = fetcher(ods, tmp_path).fetch("A/RES/78/777", tmp_path / "corpus")
    assert result.error.code == "fetch.redirects" and result.requests == 6


def test_a_slow_drip_ends_at_the_deadline(ods, tmp_path):
    started = time.monotonic()
    result = fetcher(ods, tmp_path, deadline=1.5).fetch("A/RES/78/888", tmp_path / "corpus")
    assert result.error.code == "fetch.timeout"
    assert time.monotonic() - started < 4
    assert not list((tmp_path / "corpus").glob("*")) and not list((tmp_path / "cache").glob("*.pdf"))


def test_a_download_cut_off_leaves_nothing_behind(ods, tmp_path):
    result = fetcher(ods, tmp_path).fetch("A/RES/78/999", tmp_path / "corpus")
    assert result.error is not None and result.error.code in ("fetch.unreachable", "fetch.timeout")
    assert not (tmp_path / "corpus").exists() or not list((tmp_path / "corpus").iterdir())
    assert not [p for p in (tmp_path / "cache").iterdir() if p.suffix in (".pdf", ".part")]


def test_an_html_error_page_is_not_taken_for_the_pdf(ods, tmp_path):
    result = fetcher(ods, tmp_path).fetch("A/RES/78/666", tmp_path / "corpus")
    assert result.error.code == "fetch.not-a-document"
    assert not (tmp_path / "corpus").exists()


def test_a_file_over_the_size_cap_is_refused(ods, tmp_path):
    result = fetcher(ods, tmp_path, max_bytes=10_000).fetch("A/RES/78/555", tmp_path / "corpus")
    assert result.error.code == "fetch.too-large"


def test_https_is_never_left_for_http(tmp_path):
    # a redirect from an https page to an http one: the check needs no server to refuse it
    f = fetcher("https://127.0.0.1:9", tmp_path, deadline=2.0)

    class Redirect:
        status_code = 302
        headers: ClassVar[dict[str, str]] = {"Location": "http://127.0.0.1:9/plain.pdf"}

        def close(self) -> None:
            pass

    f.session.get = lambda *a, **k: Redirect()  # type: ignore[method-assign]
    result = f.fetch("A/RES/78/1", tmp_path / "corpus")
    assert result.error.code == "fetch.downgrade" and result.requests == 1


def test_a_server_that_is_not_there_is_retried_then_reported(tmp_path):
    result = fetcher("http://127.0.0.1:9", tmp_path, deadline=3.0).fetch("A/RES/78/1", tmp_path / "corpus")
    assert result.error.code in ("fetch.unreachable", "fetch.timeout") and result.requests >= 2


def test_retry_after_in_seconds_and_as_a_date():
    assert _retry_after("3") == 3.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert _retry_after(None) is None


def test_symbols_of_every_kind_pass_the_check():
    for text in ("A/RES/78/100", "A/C.3/80/L.22", "A/80/L.25/Rev.1", "S/RES/2175(2014)", "A/ES-11/L.7"):
        assert checked_symbol(text).text
    with pytest.raises(SymbolError):
        checked_symbol("A/RES/78/1/../../x")


@pytest.mark.slow
def test_the_command_fetches_many_with_progress_and_builds(ods, tmp_path):
    corpus = tmp_path / "corpus"
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "fetch", "A/RES/78/100", "A/RES/78/404", "--into", str(corpus),
         "--cache", str(tmp_path / "cache"), "--ods", ods, "--interval", "0"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 1
    assert "[1/2]" in run.stderr and "[2/2]" in run.stderr and "fetch.http-error" in run.stderr
    assert "1 document fetched" in run.stdout and (corpus / "A_RES_78_100.pdf").is_file()


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not REAL_PDF.is_file(), reason="the session-78 PDFs are not beside the checkout")
def test_build_fetch_fetches_and_publishes_in_one_step(ods, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "-q", "--fetch", "A/RES/78/100", "--fetch-into",
         str(tmp_path / "corpus"), "--cache", str(tmp_path / "cache"), "--ods", ods, "--interval", "0",
         "--out", str(tmp_path / "out"), "--jobs", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "1 document published" in run.stdout
    assert (tmp_path / "out" / "rdf" / "A_RES_78_100.ttl").is_file()
