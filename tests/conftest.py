from __future__ import annotations

import atexit
import json
import os
import pty
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import requests

from pipeline.model import Document
from pipeline.normalise import normalise
from pipeline.parse import ParseResult, parse
from pipeline.run import build
from pipeline.sources import load_manifest, read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ACCEPTANCE = Path(__file__).resolve().parent / "acceptance"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests' own cache folder (fetches, the build cache): nothing read from or left in the user's
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="unga-ld-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)
# The shared Akoma Ntoso corpus beside the checkout, when present (UNGA_LD_AKN_CORPUS overrides).
AKN_CORPUS = Path(os.environ.get("UNGA_LD_AKN_CORPUS", ROOT.parent / "shared" / "corpus" / "akn4un-77-english"))


@cache
def parsed(seed: str) -> ParseResult:
    """The seed document parsed with the corpus manifest, once per test run."""
    name = seed if seed.endswith(".txt") else f"{seed}.txt"
    entry = load_manifest(CORPUS).get(name)
    return parse(normalise(read(CORPUS / name, entry)))


def document(seed: str) -> Document:
    return parsed(seed).document


@cache
def facts(seed: str) -> dict:
    name = seed.removesuffix(".txt")
    return json.loads((ACCEPTANCE / f"{name}.json").read_text(encoding="utf-8"))


def seeds() -> list[str]:
    return sorted(p.stem for p in ACCEPTANCE.glob("*.json"))


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, **params: str) -> None:
    """Poll a server just started in another process until it answers HTTP (at most 10 s)."""
    for _ in range(100):
        try:
            requests.get(url, params=params, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within 10 s")


# The full tier: tests that build a corpus, start a server or run the CLI in a subprocess. `make test-fast`
# leaves them out (pytest -m "not slow"); `make test` runs everything.
SLOW_MODULES = {
    "test_publish",
    "test_serve",
    "test_store",
    "test_queries",
    "test_cli",
    "test_sandbox",
    "test_protocol",
    "test_portal",
    "test_cache",
    "test_virtuoso",
}
SLOW_FIXTURES = {"published", "server", "out"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if getattr(item, "module", None) else ""
        if (
            module in SLOW_MODULES
            or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
            or item.get_closest_marker("corpus")
        ):
            item.add_marker(pytest.mark.slow)


def published_files(folder: Path) -> dict[str, bytes]:
    """The published files of an output: every file but the on-disk store, an index for serve and
    query made from unga-ld.nq (RocksDB writes an identity of its own each time; it is no dump)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "store"
    }


@pytest.fixture(scope="module", autouse=True)
def network_left_open(request: pytest.FixtureRequest):
    """No test module leaves the test session under the query workers' network sandbox (an in-process
    `unga-ld query` puts its process there for good): the modules after it could open no socket."""
    yield
    try:
        socket.socket().close()
    except PermissionError:
        pytest.fail(f"{request.module.__name__} left this process unable to open a socket (the query sandbox)")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """The bundled corpus built and published once for the whole test run (read-only for tests)."""
    folder = tmp_path_factory.mktemp("published")
    result = build(out=folder, base="https://w3id.org/unga-ld/")
    assert result.ok, [str(d) for d in result.diagnostics if d.severity.value == "error"]
    return folder


@pytest.fixture
def tmp_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


class Hang(Exception):
    """Raised by the watchdog of ``within_watchdog``."""


def _hang(signum: int, frame: object) -> None:
    raise Hang


def within_watchdog(work: Callable[[], object], seconds: int, what: str) -> None:
    """Run ``work``; fail the test when it has not returned after ``seconds`` (a hang detector for
    catastrophic slowness, not a measurement: figures come from bench/)."""
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        work()
    except Hang:
        pytest.fail(f"{what}: no answer within {seconds} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def in_terminal(command: list[str], stream: str = "stdout", timeout: float = 300) -> tuple[int, str, str]:
    """Run a command with one of its outputs (``stdout`` or ``stderr``) on a real pseudo-terminal:
    its exit code, what the terminal showed, and what the other output wrote."""
    leader, follower = pty.openpty()
    other = subprocess.PIPE
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=follower if stream == "stdout" else other,
        stderr=follower if stream == "stderr" else other,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=timeout)
    os.close(leader)
    rest = process.stderr if stream == "stdout" else process.stdout
    return code, b"".join(chunks).decode("utf-8"), rest.read().decode("utf-8") if rest else ""
