"""Publish: deterministic files in output/, written so that a failed or killed build never leaves a
half-written dataset.

Every file is first written into a staging folder beside the published ones (each file fsynced);
only when all are written are the published entries replaced, each by one rename, catalog.ttl last.
Entries the new build no longer produces (files of documents that are gone) are removed. output's own
README.md and hidden entries are left alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING = ".staging-"
LAST = "catalog.ttl"


def publish(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Make ``out`` hold exactly ``files`` (relative path → bytes), besides README.md."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{STAGING}*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = out / f"{STAGING}{os.getpid()}"
    staging.mkdir()
    for name, data in sorted(files.items()):
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    new = sorted((p.name for p in staging.iterdir()), key=lambda n: (n == LAST, n))
    retired = out / f"{STAGING}{os.getpid()}-old"
    retired.mkdir()
    for name in new:
        if (out / name).exists():
            os.replace(out / name, retired / name)
        os.replace(staging / name, out / name)
    for entry in out.iterdir():
        if entry.name not in new and entry.name != "README.md" and not entry.name.startswith("."):
            os.replace(entry, retired / entry.name)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in sorted(files)]
