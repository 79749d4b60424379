"""The endpoint against misbehaving clients, each finding of the attack run as a real client on
127.0.0.1 meets it: malformed requests, idle and dripping sockets, a client over its budget, slow
readers of a large dump, answers too large, and the access log."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.test_serve import SLOW, serving

BASE = "https://w3id.org/unga-ld/"


def raw(url: str, request: bytes, source: str = "127.0.0.1", wait: float = 10.0) -> bytes:
    """Send bytes as they are; the first answer whole, as a client reads it: its head, then as many
    bytes as its Content-Length says (or up to the close, when it says none). The connection may stay
    open after it (HTTP/1.1 keep-alive): the answer's end is not the connection's."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait, source_address=(source, 0)) as s:
        s.sendall(request)
        out = b""
        while b"\r\n\r\n" not in out and (chunk := s.recv(65536)):
            out += chunk
        head, _, body = out.partition(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        if request.startswith(b"HEAD") or re.match(rb"HTTP/1\.[01] (204|304)", head):
            return head + b"\r\n\r\n"
        while (length is None or len(body) < int(length.group(1))) and (chunk := s.recv(65536)):
            body += chunk
        return head + b"\r\n\r\n" + body


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def threads_and_rss(pid: int) -> tuple[int, int]:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"Threads:\s+(\d+)", text).group(1)), int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) * 1024


def server_pid(url: str) -> int:
    port = int(url.rsplit(":", 1)[1])
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "0A":  # LISTEN
            inode = fields[9]
            break
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if any(f"socket:[{inode}]" == str(fd.readlink()) for fd in (proc / "fd").iterdir()):
                    return int(proc.name)
            except OSError:
                continue
    raise AssertionError("no process listens on the server's port")


@pytest.fixture(scope="module")
def served(published, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    out = folder / "out"
    shutil.copytree(published, out)
    with open(out / "votes.csv", "ab") as handle:  # a dump of 60 MB for the slow readers
        handle.write(b"x" * (60 << 20))
    log = folder / "access.log"
    with serving(out, log, "--header-timeout", "2", "--rate", "4", "--burst", "8", "--max-bytes", "4096") as url:
        yield url, out, log


@pytest.mark.parametrize(
    "request_bytes, expected",
    [
        (
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\n"
            + b"ASK {} " * 450_000,
            400,
        ),
        (
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: abc\r\n\r\nASK {}",
            400,
        ),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\r\nASK {}", 411),
        (b"GET /dumps/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /document/a%20b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /state/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GARBAGE\r\n\r\n", 400),
    ],
    ids=["negative length", "length not a number", "no length", "NUL", "space in IRI", "bad escape", "no request line"],
)
def test_malformed_requests_get_an_answer_not_a_dropped_connection(served, request_bytes, expected):
    url, _, _ = served
    answer = raw(url, request_bytes, source="127.0.0.9")
    assert answer.startswith(b"HTTP/") and status(answer) == expected, answer[:200]


def test_idle_sockets_cost_no_thread_and_a_query_still_answers(served):
    url, _, _ = served
    pid = server_pid(url)
    host, port = url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port)), timeout=5, source_address=("127.0.0.3", 0)) for _ in range(250)]
    try:
        time.sleep(0.3)
        threads, _ = threads_and_rss(pid)
        start = time.perf_counter()
        r = requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
        took = time.perf_counter() - start
    finally:
        for s in idle:
            s.close()
    assert r.status_code == 200 and took < 1.0
    assert threads < 40  # the gate holds the 250 sockets; threads serve requests only (cap: 32)


def test_a_client_that_drips_its_request_is_cut_at_the_header_deadline(served):
    url, _, _ = served
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10, source_address=("127.0.0.4", 0)) as s:
        start = time.monotonic()
        closed = False
        for byte in b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n":
            try:
                s.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.2)
            if time.monotonic() - start > 6:
                break
        if not closed:
            s.settimeout(5)
            closed = s.recv(100) == b""
    assert closed and time.monotonic() - start < 6  # cut at 2 s (+ the gate's beat), not served at 10 s


def test_a_client_over_its_budget_gets_429_and_others_do_not(served):
    url, _, _ = served
    ask = b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    answers = [raw(url, ask, source="127.0.0.5") for _ in range(9)]
    assert [status(a) for a in answers[:8]] == [200] * 8
    assert status(answers[8]) == 429 and re.search(rb"Retry-After: \d+", answers[8])
    assert status(raw(url, ask, source="127.0.0.6")) == 200


def test_slow_readers_of_a_large_dump_do_not_grow_the_server(served):
    url, out, _ = served
    pid = server_pid(url)
    _, before = threads_and_rss(pid)
    size = (out / "votes.csv").stat().st_size
    readers = []
    for n in range(10):
        host, port = url.removeprefix("http://").split(":")
        s = socket.create_connection((host, int(port)), timeout=10, source_address=(f"127.0.1.{n + 1}", 0))
        s.sendall(b"GET /dumps/votes.csv HTTP/1.1\r\nHost: x\r\n\r\n")
        s.recv(65536)  # the head and a first chunk; then read no more for a while
        readers.append(s)
    time.sleep(1.0)
    _, during = threads_and_rss(pid)
    for s in readers:
        s.close()
    assert size > 60 << 20
    assert during - before < 50 << 20, f"{(during - before) >> 20} MB more with 10 readers"


def test_a_range_of_a_dump(served):
    url, out, _ = served
    data = (out / "catalog.ttl").read_bytes()
    r = requests.get(url + "/dumps/catalog.ttl", headers={"Range": "bytes=10-99"}, timeout=10)
    assert r.status_code == 206 and r.content == data[10:100]
    assert r.headers["Content-Range"] == f"bytes 10-99/{len(data)}"
    r = requests.get(url + "/dumps/catalog.ttl", headers={"Range": "bytes=-20"}, timeout=10)
    assert r.status_code == 206 and r.content == data[-20:]
    r = requests.get(url + "/dumps/catalog.ttl", headers={"Range": f"bytes={len(data) + 5}-"}, timeout=10)
    assert r.status_code == 416 and r.headers["Content-Range"] == f"bytes */{len(data)}"
    r = requests.get(url + "/dumps/catalog.ttl", timeout=10)
    assert r.status_code == 200 and r.content == data and r.headers["Accept-Ranges"] == "bytes"


def test_an_answer_over_the_byte_cap_is_refused_whole(served):
    url, _, _ = served
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 200"
    r = requests.get(
        url + "/sparql",
        params={"query": query},
        headers={"Accept": "text/csv"},
        timeout=10,
    )
    assert r.status_code == 400 and "larger than 4096 bytes" in r.text
    small = requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert small.status_code == 200


def test_every_request_is_in_the_access_log(served):
    url, _, log = served
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    requests.get(url + "/sparql", params={"query": query}, timeout=10, headers={"Accept": "text/csv"})
    requests.get(url + "/nothing-here", timeout=10)
    time.sleep(0.2)
    lines = log.read_text(encoding="utf-8").splitlines()
    hashed = [line for line in lines if " GET /sparql 200 " in line and " q:" in line]
    assert hashed and re.match(r"^\S+Z 127\.0\.0\.1 GET /sparql 200 \d+ \d+ms q:[0-9a-f]{12}$", hashed[-1])
    assert any(" GET /nothing-here 404 " in line for line in lines)


def test_queries_over_the_worker_queue_get_503_with_retry_after(published, tmp_path):
    with serving(published, tmp_path / "log", "--workers", "1", "--timeout", "6") as url:
        slow = threading.Thread(target=lambda: requests.post(url + "/sparql", data={"query": SLOW}, timeout=30))
        slow.start()
        time.sleep(0.3)
        start = time.monotonic()
        r = requests.post(url + "/sparql", data={"query": SLOW}, timeout=30)
        waited = time.monotonic() - start
        slow.join()
    assert r.status_code == 503 and r.headers["Retry-After"] == "1"
    assert waited < 2.0 + 1.0  # refused after the queue wait (2 s), not after the 6 s the first one may run
