"""Fetch documents by their UN symbol from the Official Document System (ODS) into a corpus folder.

``https://documents.un.org/api/symbol/access?s=SYMBOL&l=LANG&t=pdf`` redirects to the file; ``t=xml``
asks for the UN's Akoma Ntoso of an adopted resolution where ODS has one. Guarantees:

- the symbol is checked by ``Symbol`` before any request: path characters, ``..``, spaces, user-info
  or a scheme give a one-line error and no request is made;
- every request has connect and read timeouts, and each file a total deadline (a server that drips
  bytes is cut off); at most 5 redirects, never from HTTPS to HTTP; a size cap, checked on the
  announced length and while reading;
- only connection errors, 429 and 5xx are retried, with exponential backoff, honouring
  ``Retry-After`` (seconds or an HTTP date) within the deadline; requests to the server are spaced
  by a polite interval; the User-Agent names the project;
- answers are cached by symbol, language and format: a second fetch makes no request; ``refresh``
  revalidates with ``If-None-Match`` / ``If-Modified-Since`` (a 304 keeps the file);
- a download goes to a temporary file beside its target, is checked (a PDF starts ``%PDF-``, XML
  ``<``; its sha256 is kept) and renamed into place: a partial or wrong file never enters the corpus.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import requests
import urllib3

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.register import languages
from pipeline.resources import user_cache
from pipeline.symbols import Symbol, SymbolError

ODS = "https://documents.un.org"
VERSION = "0"  # the installed distribution's, below
with contextlib.suppress(PackageNotFoundError):
    VERSION = version("unga-ld")
USER_AGENT = f"unga-ld/{VERSION} (UNGA-LD, linked open data of General Assembly documents)"
FORMATS = {"pdf": ("pdf", b"%PDF-"), "akn": ("xml", b"<")}
_UNSAFE = re.compile(r"[\s\\?#%@:;&=+$,<>\"'`|^{}\[\]~!*]|\.\.|^/|/$|//")


@dataclass(frozen=True)
class Limits:
    connect: float = 10.0  # seconds to open the connection
    read: float = 30.0  # seconds between two reads
    deadline: float = 120.0  # seconds for one file, retries and redirects included
    max_bytes: int = 100 * 1024 * 1024
    redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # the first wait before a retry; doubled each time
    interval: float = 1.0  # at least this long between two requests to the server


@dataclass
class Fetched:
    symbol: str
    path: Path | None  # the file in the corpus folder
    requests: int
    cached: bool = False
    error: Diagnostic | None = None


@dataclass
class Fetcher:
    cache: Path
    base: str = ODS
    limits: Limits = field(default_factory=Limits)
    session: requests.Session = field(default_factory=requests.Session)
    sleep: Callable[[float], None] = time.sleep
    _last: float = 0.0

    def fetch(self, text: str, into: Path, lang: str = "en", fmt: str = "pdf", refresh: bool = False) -> Fetched:
        """One document into ``into``; never raises for the network or the server (``error`` says)."""
        try:
            symbol = checked_symbol(text)
        except SymbolError as exc:
            return Fetched(text, None, 0, error=diagnostic("fetch.invalid-symbol", text, reason=str(exc)))
        if lang not in _LANGS:
            return Fetched(
                text, None, 0, error=diagnostic("fetch.invalid-symbol", text, reason=f"no language {lang!r}")
            )
        extension, magic = FORMATS[fmt]
        name = symbol.text.replace("/", "_").replace(" ", "")
        cached = self.cache / f"{name}.{lang}.{extension}"
        meta = cached.with_name(cached.name + ".json")
        target = into / (f"{name}.{extension}" if lang == "en" else f"{name}.{lang}.{extension}")
        if cached.is_file() and meta.is_file() and not refresh:
            _install(cached, target)
            return Fetched(symbol.text, target, 0, cached=True)
        known = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() and cached.is_file() else {}
        url = f"{self.base}/api/symbol/access?s={quote(symbol.text, safe='/')}&l={lang}&t={extension}"
        headers = {"User-Agent": USER_AGENT}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        counter = [0]
        try:
            answer = self._get(url, headers, counter, time.monotonic() + self.limits.deadline, cached, magic)
        except FetchError as exc:
            return Fetched(symbol.text, None, counter[0], error=diagnostic(exc.code, symbol.text, None, **exc.values))
        if answer is not None:  # not 304
            meta.write_text(json.dumps(answer, indent=1, sort_keys=True), encoding="utf-8")
        _install(cached, target)
        return Fetched(symbol.text, target, counter[0])

    # -- one file: redirects, retries, the deadline ---------------------------------------------
    def _get(
        self, url: str, headers: dict[str, str], counter: list[int], deadline: float, cached: Path, magic: bytes
    ) -> dict[str, str] | None:
        attempt = 0
        hops = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError("fetch.timeout", url=url, seconds=self.limits.deadline)
            self._polite()
            counter[0] += 1
            try:
                response = self.session.get(
                    url,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,
                    timeout=(min(self.limits.connect, left), min(self.limits.read, left)),
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                if isinstance(exc, requests.ReadTimeout):
                    raise FetchError("fetch.timeout", url=url, seconds=self.limits.read) from None
                attempt += 1
                if attempt > self.limits.retries:
                    raise FetchError("fetch.unreachable", url=url, reason=_reason(exc)) from None
                self._wait(self.limits.backoff * 2 ** (attempt - 1), deadline, url)
                continue
            with contextlib.closing(response):
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    hops += 1
                    location = response.headers.get("Location")
                    if hops > self.limits.redirects or not location:
                        raise FetchError("fetch.redirects", url=url, limit=self.limits.redirects)
                    following = urljoin(url, location)
                    if urlsplit(url).scheme == "https" and urlsplit(following).scheme != "https":
                        raise FetchError("fetch.downgrade", url=url, location=following)
                    url = following
                    continue
                if status == 304:
                    return None
                if status == 429 or status >= 500:
                    attempt += 1
                    if attempt > self.limits.retries:
                        raise FetchError("fetch.http-error", url=url, status=status)
                    wait = _retry_after(response.headers.get("Retry-After"))
                    self._wait(wait if wait is not None else self.limits.backoff * 2 ** (attempt - 1), deadline, url)
                    continue
                if status != 200:
                    raise FetchError("fetch.http-error", url=url, status=status)
                digest = self._download(response, cached, deadline, url, magic)
                return {
                    "url": url,
                    "etag": response.headers.get("ETag", ""),
                    "last_modified": response.headers.get("Last-Modified", ""),
                    "sha256": digest,
                }

    def _download(self, response: requests.Response, cached: Path, deadline: float, url: str, magic: bytes) -> str:
        announced = response.headers.get("Content-Length")
        if announced and announced.isdigit() and int(announced) > self.limits.max_bytes:
            raise FetchError("fetch.too-large", url=url, limit=self.limits.max_bytes)
        cached.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with _temporary(cached) as part:
            with part.open("wb") as out:
                try:
                    for chunk in _chunks(response):
                        size += len(chunk)
                        if size > self.limits.max_bytes:
                            raise FetchError("fetch.too-large", url=url, limit=self.limits.max_bytes)
                        if time.monotonic() > deadline:
                            raise FetchError("fetch.timeout", url=url, seconds=self.limits.deadline)
                        digest.update(chunk)
                        out.write(chunk)
                except (requests.Timeout, urllib3.exceptions.TimeoutError):
                    raise FetchError("fetch.timeout", url=url, seconds=self.limits.read) from None
                except (requests.ConnectionError, urllib3.exceptions.HTTPError, OSError) as exc:
                    raise FetchError("fetch.unreachable", url=url, reason=_reason(exc)) from None
            if announced and announced.isdigit() and size != int(announced):
                raise FetchError("fetch.unreachable", url=url, reason=f"{size} of {announced} bytes arrived")
            with part.open("rb") as f:
                head = f.read(1024).lstrip()
            if not head.startswith(magic):
                raise FetchError("fetch.not-a-document", url=url, expected=magic.decode())
            os.replace(part, cached)
        return digest.hexdigest()

    def _polite(self) -> None:
        wait = self._last + self.limits.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()

    def _wait(self, seconds: float, deadline: float, url: str) -> None:
        if time.monotonic() + seconds > deadline:
            raise FetchError("fetch.timeout", url=url, seconds=self.limits.deadline)
        self.sleep(seconds)


class FetchError(Exception):
    def __init__(self, code: str, **values: object):
        super().__init__(code)
        self.code = code
        self.values = values


_LANGS = {language.tag for language in languages.LANGUAGES}


def checked_symbol(text: str) -> Symbol:
    """A symbol safe to put in a request: what ``Symbol`` accepts, and nothing a URL or a path would
    read otherwise (``..``, spaces, ``@``, ``?``, a scheme)."""
    if not text or len(text) > 80 or _UNSAFE.search(text):
        raise SymbolError(f"not a document symbol one can fetch: {text!r}")
    symbol = Symbol.parse(text)
    if _UNSAFE.search(symbol.text.replace(" ", "")):
        raise SymbolError(f"not a document symbol one can fetch: {text!r}")
    return symbol


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """The body as it arrives (``read1``: whatever the socket has, so a server that drips bytes is
    seen at every byte and the deadline holds), decoded as the server encoded it."""
    raw = response.raw
    while True:
        chunk = raw.read1(64 * 1024, decode_content=True)
        if not chunk:
            return
        yield chunk


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    return None


def _reason(exc: Exception) -> str:
    return str(exc).split(": ")[-1][:120] or type(exc).__name__


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` (same file system, so the rename is atomic), removed unless
    it was renamed into place."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    part = Path(name)
    try:
        yield part
    finally:
        part.unlink(missing_ok=True)


def _install(cached: Path, target: Path) -> None:
    """Copy a cached file into the corpus folder: a temporary file, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(target) as part:
        shutil.copyfile(cached, part)
        os.replace(part, target)


def default_cache() -> Path:
    return user_cache() / "ods"
