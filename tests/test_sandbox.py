"""Query workers cannot reach the network, whatever the guard lets through: SERVICE is run straight on
the engine in a forked process, with and without the sandbox, against a loopback listener."""

from __future__ import annotations

import multiprocessing
import socket
import time

import pyoxigraph as ox

from pipeline.serve import sandbox
from tests.test_serve import Listener


def _federate(port: int, sandboxed: bool, send) -> None:
    if sandboxed:
        sandbox.forbid_network()
    outcome = []
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
        outcome.append("socket opened")
    except PermissionError:
        outcome.append("socket refused")
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"))
        outcome.append("query answered")
    except Exception as exc:  # the engine's own error when its HTTP client cannot connect
        outcome.append(f"query failed: {type(exc).__name__}")
    send.send(outcome)


def _run(sandboxed: bool) -> tuple[list[str], int]:
    listener = Listener()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    try:
        worker = context.Process(target=_federate, args=(listener.port, sandboxed, send))
        worker.start()
        assert receive.poll(20), "the worker did not answer"
        outcome = receive.recv()
        worker.join(10)
        time.sleep(0.2)
        return outcome, listener.count
    finally:
        listener.close()


def test_a_sandboxed_worker_opens_no_connection_even_for_service():
    outcome, connections = _run(sandboxed=True)
    assert outcome[0] == "socket refused"
    assert outcome[1].startswith("query failed")
    assert connections == 0


def test_without_the_sandbox_the_engine_would_connect():
    # the control: the same worker unsandboxed reaches the listener, so the test above can fail
    outcome, connections = _run(sandboxed=False)
    assert outcome[0] == "socket opened"
    assert connections >= 1
