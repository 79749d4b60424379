"""The atomic folder writer: output/ holds either the previous build or the new one, whole, at every
instant — whatever kills the build.

The new output is written into a staging folder beside ``out`` (``.output.staging-{pid}``, each file
fsynced), with the entries of ``out`` that are not the build's (its README.md, hidden files) copied
over (``stage``; the build writes each document's files there as they come). Then one system call
exchanges the two folders (Linux ``renameat2(RENAME_EXCHANGE)``, ``swap``), and the previous output,
now in the staging folder, is removed. Where the exchange is not available (another
system, a file system without it), the entries are replaced one by one, ``catalog.ttl`` last. Staging
folders left by a killed build are removed by the next one (not those of a build still running)."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from pipeline.ondisk import alive

LAST = "catalog.ttl"
KEPT = "README.md"  # output's own README (and hidden entries) are not the build's: they stay
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def publish(out: Path, files: dict[str, bytes], finish: Callable[[Path], None] | None = None) -> list[Path]:
    """Make ``out`` hold exactly ``files`` (relative path → bytes), besides its README.md and hidden entries.
    ``finish`` adds what is made from the files (the on-disk store) to the staging folder before the swap."""
    out = out.resolve()
    staging = stage(out)
    for name, data in sorted(files.items()):
        _write(staging / name, data)
    swap(staging, out, finish)
    return [out / name for name in sorted(files)]


def stage(out: Path) -> Path:
    """A new, empty staging folder for ``out`` (those left by a build that was killed are removed)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f"{staging_prefix(out)}*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and int(pid) != os.getpid() and alive(int(pid))):  # another build's, running
            shutil.rmtree(stale, ignore_errors=True)
    staging = out.parent / f"{staging_prefix(out)}{os.getpid()}"
    staging.mkdir()
    return staging


def swap(staging: Path, out: Path, finish: Callable[[Path], None] | None = None) -> None:
    """Put the staging folder, its files written and fsynced, in place of ``out`` in one step; ``finish``
    first adds what is made from the files (the on-disk store)."""
    out = out.resolve()
    if finish is not None:
        finish(staging)
    if out.is_dir():
        for entry in out.iterdir():
            if (entry.name == KEPT or entry.name.startswith(".")) and not (staging / entry.name).exists():
                _copy(entry, staging / entry.name)
    _fsync(staging)
    if not out.exists():
        os.rename(staging, out)
    elif not _exchange(staging, out):
        _replace_entries(staging, out)
    shutil.rmtree(staging, ignore_errors=True)  # the previous output, after an exchange
    _fsync(out.parent)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _copy(entry: Path, target: Path) -> None:
    if entry.is_dir():
        shutil.copytree(entry, target, symlinks=True)
    else:
        shutil.copy2(entry, target, follow_symlinks=False)


def _fsync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system cannot (then nothing has changed)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _replace_entries(staging: Path, out: Path) -> None:
    """The fallback: replace out's entries one rename each, catalog.ttl last; the old ones go to staging."""
    new = sorted((p.name for p in staging.iterdir()), key=lambda n: (n == LAST, n))
    retired = staging / ".previous"
    retired.mkdir()
    for name in new:
        if (out / name).exists():
            os.replace(out / name, retired / name)
        os.replace(staging / name, out / name)
    for entry in out.iterdir():
        if entry.name not in new:
            os.replace(entry, retired / entry.name)
