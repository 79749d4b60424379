"""The dataset as an on-disk store (pyoxigraph on RocksDB) in ``output/store/``.

The build bulk-loads ``unga-ld.nq`` into it inside the staging folder, so the store is swapped in with
the rest of the output, whole or not at all. ``serve``, ``query`` and ``pipeline.api`` open it
read-only: a first answer does not wait for the whole dump to load into memory, and memory is bounded
by the engine's caches rather than by the size of the dataset.

A reader that lives long (the endpoint) opens a snapshot instead (``Snapshot``): hard links to the
store's files in a folder of its own beside the output. RocksDB opens its table files lazily, by name,
and never changes one once written; a rebuild that swaps ``output/`` and removes the previous store
can then neither pull a file away from a running server nor hand it a file of the new store under an
old name. Where the output has no store (built by an earlier version), the snapshot is loaded from
the N-Quads.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
import weakref
from pathlib import Path

import pyoxigraph as ox

from pipeline.resources import DATASET

STORE = "store"
_SNAPSHOT = ".{name}.serve-"  # beside the output, as the build's staging folders are


def write(folder: Path, previous: Path | None = None) -> None:
    """A new store ``folder/store`` holding ``folder/unga-ld.nq``: bulk-loaded, or where the output
    ``previous`` holds the very same N-Quads and a store made from them, that store's files linked."""
    if (
        previous is not None
        and _has_store(previous)
        and (previous / DATASET).is_file()
        and filecmp.cmp(previous / DATASET, folder / DATASET, shallow=False)
    ):
        _link_or_copy(previous / STORE, folder / STORE)
        return
    load(folder / DATASET, folder / STORE)


CHUNK = 4 << 20  # bytes of N-Quads per bulk load


def load(dataset: Path, target: Path) -> None:
    """A new store at ``target`` holding the N-Quads file ``dataset``, bulk-loaded a chunk of whole lines
    at a time, then compacted. pyoxigraph's bulk loader holds about four times what it is given (1.26 GB
    for 342 MB of N-Quads in one call). Loading 1.7 GB (10,090 documents) in chunks of 4 MB held 0.12 GB
    and took 74–77 CPU s (three runs); in chunks of 16 MB 0.19 GB and 79–84 s, of 128 MB 0.9 GB and
    92 s, of 2 MB 82–94 s, of 1 MB 109 s. Each chunk leaves files of its own, which slow reads until
    they are merged: the compaction that follows (``optimize``, a few seconds) made the slowest shipped
    queries two to three times faster on that store (of the same size whatever the chunks)."""
    store = ox.Store(str(target))
    with open(dataset, "rb") as handle:
        while chunk := handle.read(CHUNK):
            store.bulk_load(chunk + handle.readline(), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store  # closes the database: its files are complete on disk


def open_read_only(output: Path) -> ox.Store | None:
    """The output's store opened read-only, or None where the output has none."""
    return ox.Store.read_only(str(output / STORE)) if _has_store(output) else None


def _has_store(output: Path) -> bool:
    return (output / STORE / "CURRENT").is_file()  # RocksDB's pointer to its manifest: a whole store


class Snapshot:
    """A private, unchanging copy of the output's store for a long-lived reader; removed by close()
    or when the process ends."""

    def __init__(self, output: Path):
        output = output.resolve()
        _remove_stale(output)
        prefix = _SNAPSHOT.format(name=output.name) + f"{os.getpid()}-"
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=output.parent))
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), True)
        try:
            if _has_store(output):
                _link_or_copy(output / STORE, self.path / STORE)
            elif (output / DATASET).is_file():
                load(output / DATASET, self.path / STORE)
            else:
                raise FileNotFoundError(f"{output / DATASET} not found: run `unga-ld build` first")
        except BaseException:
            self.close()
            raise
        self.store_path = self.path / STORE

    def close(self) -> None:
        self._finalizer()


def _link_or_copy(source: Path, target: Path) -> None:
    """Table files (``*.sst``, never changed once written) as hard links; the small files RocksDB reads
    at opening (manifest, options, log) as copies, so nothing this reader writes reaches the source."""
    target.mkdir()
    for entry in source.iterdir():
        if not entry.is_file():
            continue
        if entry.suffix == ".sst":
            try:
                os.link(entry, target / entry.name)
                continue
            except OSError:  # another file system, or one without hard links: a copy
                pass
        shutil.copy2(entry, target / entry.name)


def _remove_stale(output: Path) -> None:
    """Snapshots left by servers that were killed (their process is gone)."""
    for folder in output.parent.glob(_SNAPSHOT.format(name=output.name) + "*"):
        pid = folder.name.rsplit(".serve-", 1)[-1].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    """Is process ``pid`` running (whoever's it is)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and another user's
        pass
    return True
