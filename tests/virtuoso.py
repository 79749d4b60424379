"""A Virtuoso server of its own, for tests/test_virtuoso.py and bench/virtuoso.py: a new database in a
folder, listening on 127.0.0.1 only, loaded with the README's commands, and the shipped queries' answers
read from its SPARQL endpoint as multisets of rows comparable with pyoxigraph's.

Virtuoso comes from Debian (virtuoso-opensource-7-bin, installed by tools/system-packages.sh).
"""

from __future__ import annotations

import collections
import contextlib
import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SERVER = "virtuoso-t"
ISQL = "isql-vt"
PASSWORD = "dba"  # a new database's: the server listens on 127.0.0.1 only and lives as long as a test
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# The smallest configuration that serves SPARQL: every file in the folder, the load folder allowed,
# no query time limit (Virtuoso's "anytime" answers would be partial), result sets not truncated.
INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ServerThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 10000000
"""


def available() -> bool:
    return shutil.which(SERVER) is not None and shutil.which(ISQL) is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    folder: Path
    sql_port: int
    http_port: int

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, sql: str) -> str:
        """Run SQL statements with isql; what it printed (an error raises)."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", PASSWORD, f"exec={sql}"],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql: {sql}: {done.stdout[-500:]} {done.stderr[-500:]}")
        return done.stdout


@contextlib.contextmanager
def server(folder: Path, allowed: Path, buffers: int = 2000) -> Iterator[Server]:
    """A Virtuoso server on a new database in ``folder`` that may read files under ``allowed``
    (``buffers`` pages of 8 KB in memory); stopped on leaving, whatever happened."""
    folder.mkdir(parents=True, exist_ok=True)
    sql_port = free_port()
    http_port = next(port for port in iter(free_port, None) if port != sql_port)
    running = Server(folder, sql_port, http_port)
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(
            folder=folder, allowed=allowed, buffers=buffers, dirty=buffers * 3 // 4,
            sql_port=running.sql_port, http_port=running.http_port,
        ),
        encoding="utf-8",
    )  # fmt: skip
    log = (folder / "server.out").open("wb")
    process = subprocess.Popen(
        [SERVER, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        _wait(running, process)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait(running: Server, process: subprocess.Popen, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            break
        with contextlib.suppress(requests.ConnectionError):
            if requests.get(running.sparql, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    said = (running.folder / "server.out").read_text(encoding="utf-8", errors="replace")[-2000:]
    raise RuntimeError(f"Virtuoso did not answer at {running.sparql} within {seconds:g} s: {said}")


def readme_commands() -> list[str]:
    """The Virtuoso commands of the README, as written there: the lines of its shell block that
    runs the bulk loader."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sh\n(.*?)```", text, re.S) if "ld_dir(" in b]
    assert len(blocks) == 1, "the README has one shell block with Virtuoso's bulk loader"
    return [line for line in blocks[0].splitlines() if line.startswith(ISQL + " ")]


def load(running: Server, checkout: Path) -> list[str]:
    """Run the README's commands from ``checkout`` (a folder whose output/ holds the dump) against
    the server: only the port differs (the README's is Virtuoso's usual 1111). What each printed."""
    printed = []
    for command in readme_commands():
        line = command.replace(f"{ISQL} 1111 ", f"{ISQL} 127.0.0.1:{running.sql_port} ", 1)
        assert line != command, f"the README's command names port 1111: {command}"
        done = subprocess.run(
            ["bash", "-c", line], cwd=checkout, capture_output=True, text=True, timeout=3600,
            env={"PATH": "/usr/bin:/bin", "DBA_PASSWORD": PASSWORD},
        )  # fmt: skip
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"{line}: {done.stdout[-1000:]} {done.stderr[-1000:]}")
        printed.append(done.stdout)
    return printed


Row = tuple[tuple[str, tuple[str, ...]], ...]


def term(value: dict[str, str]) -> tuple[str, ...]:
    """A SPARQL JSON results term, the same whichever engine wrote it: Virtuoso writes a literal with a
    datatype as "typed-literal" (the 2008 draft of the format; the W3C's is "literal" with a datatype),
    and a simple literal is an xsd:string (RDF 1.1); language tags compare case-insensitively (BCP 47).
    Blank node labels are each engine's own: only that a blank node was there is compared."""
    kind = value["type"]
    if kind == "uri":
        return ("uri", value["value"])
    if kind == "bnode":
        return ("bnode",)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"not a SPARQL JSON term: {value}")
    datatype = value.get("datatype", XSD_STRING)
    lang = value.get("xml:lang", "").lower()
    return ("literal", value["value"], "" if lang else datatype, lang)


def rows(answer: bytes) -> collections.Counter[Row]:
    """The solutions of a SPARQL JSON results document as a multiset of rows (unbound: left out)."""
    document = json.loads(answer)
    return collections.Counter(
        tuple(sorted((name, term(value)) for name, value in binding.items()))
        for binding in document["results"]["bindings"]
    )


def select(running: Server, query: str, session: requests.Session | None = None) -> bytes:
    """The query's answer from the server's SPARQL endpoint, as SPARQL JSON results."""
    response = (session or requests).post(
        running.sparql, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=600
    )
    response.raise_for_status()
    return response.content
