"""The build of whole sessions of the UN's Akoma Ntoso (75–78 and the emergency sessions, about 1,350
files, from ../shared/corpus): wall time, CPU time and the peak memory of the build and its workers,
and the CPU seconds per document. The build runs as `unga-ld build` in a child process, as a user runs it.

    python bench/sessions.py [SESSION ...]      # default: 75 76 77 78 emergency
    python bench/sessions.py 77 77-french 77-spanish 77-russian 77-chinese 77-arabic   # six languages

A name with a dash names a folder as it is (``akn4un-77-french``); without, the English one.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    sessions = sys.argv[1:] or ["75", "76", "77", "78", "emergency"]
    folders = [CORPUS / (f"akn4un-{s}" if "-" in s else f"akn4un-{s}-english") for s in sessions]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"not found: {', '.join(missing)}")
    files = sum(len(list(f.glob("*.xml"))) for f in folders)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "build", *map(str, folders), "--out", out, "-q"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        summary = [line for line in result.stdout.splitlines() if "documents" in line or "published" in line]
    cpu = usage.ru_utime + usage.ru_stime
    documents = int(summary[0].split()[0]) if summary else 0
    print(f"sessions {' '.join(sessions)}: {files} files; " + "; ".join(summary))
    print(
        f"wall {wall:.1f} s, CPU {cpu:.1f} s ({cpu / max(documents, 1):.3f} s per document), "
        f"peak RSS of the largest process {usage.ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
