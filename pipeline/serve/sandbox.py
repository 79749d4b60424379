"""A query worker that cannot reach the network, whatever the query says.

The SPARQL engine (pyoxigraph) follows ``SERVICE`` to any host and has no switch to turn that off, so
the guard in ``sparql.check`` is not the only line: before a worker touches the store it installs a
seccomp filter (libseccomp, through pyseccomp) under which ``socket(2)`` and ``io_uring_setup(2)`` fail
with ``EACCES``. No socket can be opened after that — by the engine's HTTP client, a resolver, or
anything else in the process — and the filter cannot be lifted (it is inherited by threads and
children, and ``no_new_privs`` is set). The worker talks to the server over a pipe made before the
fork, which the filter leaves alone.
"""

from __future__ import annotations

import errno

_FORBIDDEN = ("socket", "io_uring_setup")


class SandboxUnavailable(RuntimeError):
    """This system cannot take a seccomp filter (not Linux, or no libseccomp)."""


def forbid_network() -> None:
    """From now on, this process and its threads can open no socket. Raises SandboxUnavailable."""
    try:
        # imported here, not at the top: it loads libseccomp, which only the endpoint's workers need
        import pyseccomp  # noqa: PLC0415

        syscall_filter = pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)
        for call in _FORBIDDEN:
            syscall_filter.add_rule(pyseccomp.ERRNO(errno.EACCES), call)
        syscall_filter.load()
    except Exception as exc:  # ImportError, OSError from libseccomp, an unknown system call name
        raise SandboxUnavailable(f"cannot forbid network access to query workers: {exc}") from exc
