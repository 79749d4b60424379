"""Long-lived query workers: each a process of its own that opens the store read-only, gives up
network access (``sandbox``) and then answers one query at a time from a pipe.

A worker is started fresh (a new interpreter: no thread or lock of the server is copied into it) and kept
between queries, so a query pays neither a fork nor a load. One that runs past the time limit is
killed and replaced, as is one that dies; the server never waits on a replacement to answer another
query, since the others stay in the pool. The guard (``sparql.check``) runs in the worker, so it too
is bounded by the time limit.

Memory stays bounded too: after each answer a worker hands the memory its query freed back to the
system (``malloc_trim``); one still holding more than ``memory`` megabytes (a large join's leftovers,
the store's caches grown by a scan) says so with its answer and is replaced as idle ones are, so that
a few heavy queries do not leave every worker at its high-water mark.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from pipeline.serve import sandbox, sparql

MEMORY = 192  # MB a worker may keep between two queries (the store open, its caches, the engine: ~35)
SETTLE = 10.0  # seconds a worker has to say, after its answer, whether it keeps too much memory


@dataclass(frozen=True)
class Job:
    query: str
    accept: str
    max_rows: int
    max_bytes: int
    dataset: sparql.Dataset


class _Worker:
    """``python -m pipeline.serve.workers``: a fresh interpreter that imports only the engine and the
    guard, with two pipes: jobs in, answers out (the job pipe's first message is the graph names)."""

    def __init__(self, store: str, graphs: set[str], memory: int):
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", __name__, store, str(jobs_read), str(results_write), str(memory)],
                pass_fds=(jobs_read, results_write),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(jobs_read)
            os.close(results_write)
        self.jobs = Connection(jobs_write, readable=False)
        self.results = Connection(results_read, writable=False)
        self.jobs.send(graphs)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.jobs.close()
        self.results.close()


class Pool:
    """``size`` workers over the store at ``store``; ``run`` takes a free one or refuses with 503.
    ``memory``: the megabytes a worker may keep resident between two queries (``MEMORY``)."""

    def __init__(self, store: str, graphs: set[str], size: int, memory: int = 0):
        self.store, self.graphs, self.memory = store, graphs, memory or MEMORY
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.every: set[_Worker] = set()
        for _ in range(size):
            self._add()

    def run(self, job: Job, timeout: float, wait: float) -> sparql.Answer:
        try:
            worker = self.idle.get(timeout=wait)
        except queue.Empty:
            raise sparql.Refused(503, "every query worker is busy; try again shortly") from None
        try:
            worker.jobs.send(job)
            if not worker.results.poll(timeout):
                self._replace(worker)
                raise sparql.Refused(
                    503,
                    f"the query ran longer than the limit of {timeout:g} s and was stopped; "
                    "make it more selective or add a LIMIT",
                )
            kind, *payload = worker.results.recv()
        except (EOFError, OSError):  # the worker died (killed from outside, out of memory)
            self._replace(worker)
            raise sparql.Refused(500, "the query worker stopped without an answer") from None
        # the answer goes back now; the worker's word on its memory comes after it has trimmed it
        threading.Thread(target=self._settle, args=(worker,), daemon=True, name="unga-ld worker settle").start()
        if kind == "refused":
            raise sparql.Refused(*payload)
        answer: sparql.Answer = payload[0]
        return answer

    def close(self) -> None:
        self.closed.set()
        with self.lock:
            every, self.every = self.every, set()
        for worker in every:
            worker.stop()

    def _settle(self, worker: _Worker) -> None:
        """A worker back in the pool after its answer, or replaced where it holds more memory than a
        worker may keep (or says nothing in time)."""
        try:
            retire = not worker.results.poll(SETTLE) or bool(worker.results.recv())
        except (EOFError, OSError):
            retire = True
        if retire:
            self._replace(worker)
        else:
            self.idle.put(worker)

    def _add(self) -> None:
        worker = _Worker(self.store, self.graphs, self.memory)
        with self.lock:
            if self.closed.is_set():
                worker.stop()
                return
            self.every.add(worker)
        self.idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker and start another in the background: this request does not wait for it."""
        with self.lock:
            self.every.discard(worker)
        worker.stop()
        if not self.closed.is_set():
            threading.Thread(target=self._add, daemon=True, name="unga-ld worker start").start()


def main(store_path: str, jobs: Connection, results: Connection, memory: int = MEMORY) -> None:
    """A worker: no network from here on (or every query refused, failing closed), the store, then jobs;
    each answer sent with whether this worker should now be replaced (``memory``, in MB)."""
    graphs: set[str] = jobs.recv()
    trim = _malloc_trim()
    try:
        sandbox.forbid_network()
    except sandbox.SandboxUnavailable as exc:
        store, failure = None, str(exc)
    else:
        store, failure = ox.Store.read_only(store_path), ""
    with contextlib.suppress(EOFError, OSError, KeyboardInterrupt):  # the server closed the pipe: stop
        while True:
            job = jobs.recv()
            results.send(_reply(store, graphs, job) if store is not None else ("refused", 500, failure))
            del job
            trim()
            results.send(_resident() > memory << 20)  # whether to be replaced (``Pool._settle``)


def _malloc_trim() -> Callable[[], object]:
    """The C library's ``malloc_trim(0)`` (glibc), which returns the heap's free pages to the system;
    where there is none, nothing. Looked up before the sandbox, which may forbid loading libraries."""
    function = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the symbols this process has: libc's
    if function is None:
        return lambda: None
    function.argtypes, function.restype = [ctypes.c_size_t], ctypes.c_int
    return lambda: function(0)


def _resident() -> int:
    """This process's resident set, in bytes (0 where /proc does not say)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _reply(store: ox.Store, graphs: set[str], job: Job) -> tuple[Any, ...]:
    """One query's answer, or its refusal as (status, message)."""
    try:
        own = sparql.check(job.query, graphs)
        job.dataset.check(graphs)
        return ("ok", sparql.run(store, job.query, job.accept, job.max_rows, job.max_bytes, own, job.dataset))
    except sparql.Refused as exc:
        return ("refused", exc.status, exc.message)
    except Exception as exc:  # an engine error becomes a 400 naming it, not a dead worker
        return ("refused", 400, f"the query could not run: {exc}")


if __name__ == "__main__":
    main(
        sys.argv[1],
        Connection(int(sys.argv[2]), writable=False),
        Connection(int(sys.argv[3]), readable=False),
        int(sys.argv[4]),
    )
