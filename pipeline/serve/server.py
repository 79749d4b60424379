"""The HTTP server under the endpoint: what keeps it answering when clients misbehave.

- A connection gets a handler thread only once its first bytes arrive: until then it waits in one
  selector (``Gate``), so idle sockets cost a file descriptor, not a thread; one that sends nothing
  within ``header_timeout`` is closed. At most ``max_pending`` connections wait; at most
  ``max_active`` requests are handled at once; over either cap the client gets 503 with Retry-After.
- Each client (by address) has a token bucket: ``rate`` requests a second, bursts of ``burst``; over
  it, 429 with Retry-After, and other clients are not affected.
- HTTP/1.1 keep-alive holds a handler between requests only while handlers are plentiful; when three
  quarters are busy, each answer closes its connection.
- An access log: one line per request (client, method, path, status, bytes, milliseconds, and a hash of
  the query, so that a query can be found again without logging its text).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import selectors
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any


@dataclass
class TokenBuckets:
    """A token bucket per client address."""

    rate: float  # tokens added per second
    burst: int  # the bucket's size
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # client → (tokens, when)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str) -> float:
        """0 when the client may go on; else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, when = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 100_000:  # forget the clients that have been quiet longest
                for key in sorted(self._buckets, key=lambda k: self._buckets[k][1])[:50_000]:
                    del self._buckets[key]
            return (1 - tokens) / self.rate


class AccessLog:
    """One line per request, written whole (several threads write)."""

    def __init__(self, stream: IO[str] | None):
        self.stream = stream or sys.stderr
        self.lock = threading.Lock()

    def write(
        self, client: str, method: str, path: str, status: int, size: int, millis: float, query: str | None
    ) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = f"{stamp} {client} {method} {path} {status} {size} {millis:.0f}ms {query or '-'}\n"
        with self.lock:
            self.stream.write(line)
            self.stream.flush()

    def note(self, text: str) -> None:
        """A line that is not a request (a page that failed), in the same stream."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.lock:
            self.stream.write(f"{stamp} {text}\n")
            self.stream.flush()


def refuse(connection: socket.socket, status: int, reason: str, retry_after: int) -> None:
    """Answer a connection the server will not handle, without reading it, and close it."""
    body = f"{reason}\n".encode()
    head = (
        f"HTTP/1.0 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: {retry_after}\r\nConnection: close\r\n\r\n"
    )
    with contextlib.suppress(OSError):
        connection.settimeout(1.0)
        connection.sendall(head.encode("ascii") + body)
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()


class GatedServer(socketserver.TCPServer):
    """A TCP server that hands a connection to a thread only when it has something to read."""

    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], handler: Any, *, header_timeout: float, max_pending: int, max_active: int
    ):
        super().__init__(address, handler)
        self.header_timeout = header_timeout
        self.max_pending = max_pending
        self.max_active = max_active
        self.active = threading.BoundedSemaphore(max_active)
        self.handling = 0  # connections being handled now
        self.selector = selectors.DefaultSelector()
        self.waiting: dict[int, tuple[socket.socket, Any, float]] = {}  # fd → socket, address, deadline
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.closing_hooks: list[Callable[[], None]] = []  # run by server_close, after the socket closes
        self.gate = threading.Thread(target=self._watch, name="gate", daemon=True)
        self.gate.start()

    # socketserver calls this for every accepted connection, in the accepting thread
    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            full = len(self.waiting) >= self.max_pending
            if not full:
                request.setblocking(False)
                self.waiting[request.fileno()] = (request, client_address, time.monotonic() + self.header_timeout)
                self.selector.register(request, selectors.EVENT_READ)
        if full:
            refuse(request, 503, "Service Unavailable: too many connections are waiting", 1)

    def _watch(self) -> None:
        while not self.closing.is_set():
            events = self.selector.select(timeout=0.2)  # epoll also sees sockets registered meanwhile
            now = time.monotonic()
            ready = []
            with self.lock:
                for key, _ in events:
                    entry = self.waiting.pop(key.fd, None)
                    if entry is not None:
                        self.selector.unregister(entry[0])
                        ready.append(entry)
                for fd, (connection, _, deadline) in list(self.waiting.items()):
                    if deadline < now:  # connected and said nothing
                        del self.waiting[fd]
                        self.selector.unregister(connection)
                        with contextlib.suppress(OSError):
                            connection.close()
            for connection, address, _ in ready:
                connection.setblocking(True)
                if not self.active.acquire(blocking=False):
                    refuse(connection, 503, "Service Unavailable: the endpoint is busy", 1)
                    continue
                threading.Thread(target=self._handle, args=(connection, address), daemon=True).start()

    def _handle(self, connection: socket.socket, address: Any) -> None:
        with self.lock:
            self.handling += 1
        try:
            self.finish_request(connection, address)
        except Exception:
            self.handle_error(connection, address)
        finally:
            self.shutdown_request(connection)
            with self.lock:
                self.handling -= 1
            self.active.release()

    def scarce(self) -> bool:
        """Whether handlers are running short: a connection then closes after its answer (no keep-alive)."""
        return self.handling * 4 >= self.max_active * 3

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()
        for hook in self.closing_hooks:  # what the server's handlers used: the endpoint's workers
            hook()
        self.closing_hooks.clear()
        with self.lock:
            for connection, _, _ in self.waiting.values():
                with contextlib.suppress(OSError):
                    connection.close()
            self.waiting.clear()

    def handle_error(self, request: Any, client_address: Any) -> None:  # a broken client is not news
        return
