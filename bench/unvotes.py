"""The import of Erik Voeten's roll calls (``unga-ld build --votes-dataset``): the build as a user runs
it, in a child process, of one document alone and of the same document with the data set, side by
side (wall and CPU time, peak memory of the largest process, the size of the output, and the ratios);
then the CPU time of each step of the import in this process, on the sessions asked for (reading the
CSV, mapping to RDF, SHACL, the files a session contributes), and its peak memory.

    python bench/unvotes.py [FOLDER] [--sessions N] [--no-build] [--no-steps]
        (default: ../shared/data/unvotes; the steps on every session, or on the first N)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import publish, rdf
from pipeline.run import _validator
from pipeline.sources import unvotes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "unvotes"
DOCUMENT = ROOT / "corpus" / "002_6c1610f3d2692637.txt"
BASE = "https://w3id.org/unga-ld/"


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def steps(folder: Path, limit: int | None) -> None:
    start = time.process_time()
    roll_calls, _ = unvotes.read(folder)
    read = time.process_time() - start
    memory = peak_mb()
    sessions = sorted({rc.session for rc in roll_calls})[:limit]
    chosen = [rc for rc in roll_calls if rc.session in set(sessions)]
    positions = sum(rc.positions for rc in chosen)
    validator = _validator(BASE)
    validator.register_conforms()  # the shapes and the reference graph loaded before any timing
    cpu = {"map to RDF": 0.0, "SHACL": 0.0, "files (Turtle, N-Quads, JSON-LD, CSV)": 0.0}
    triples = 0
    for session in sessions:
        group = [rc for rc in chosen if rc.session == session]
        t0 = time.process_time()
        graph = rdf.rollcalls_graph(group, unvotes.DATASET, BASE)
        t1 = time.process_time()
        validator.document(graph, f"session {session}")
        t2 = time.process_time()
        publish.rollcall_files(f"unvotes/session-{session}", group, unvotes.DATASET, graph, BASE)
        t3 = time.process_time()
        cpu["map to RDF"] += t1 - t0
        cpu["SHACL"] += t2 - t1
        cpu["files (Turtle, N-Quads, JSON-LD, CSV)"] += t3 - t2
        triples += len(graph)
    every = sum(rc.positions for rc in roll_calls)
    print(f"\n{folder}: {len(roll_calls)} roll calls, {every} positions")
    print(f"{'step':40} {'CPU s':>8} {'µs per position':>16}")
    print(f"{'read the CSV (every session)':40} {read:8.2f} {read * 1e6 / max(1, every):16.1f}")
    print(f"  peak memory after reading: {memory:.0f} MB")
    print(f"then {len(sessions)} sessions, {len(chosen)} roll calls, {positions} positions, {triples} triples:")
    for name, seconds in cpu.items():
        print(f"{name:40} {seconds:8.2f} {seconds * 1e6 / max(1, positions):16.1f}")
    total = read + sum(cpu.values())
    print(f"{'the import, in one process':40} {total:8.2f}   peak memory {peak_mb():.0f} MB")


# Runs one build and prints its wall time, CPU time and peak memory: a small process of its own, because
# the peak memory Linux reports of a child counts the image it was forked from (this bench's, otherwise).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], capture_output=True).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)
"""


def builds(folder: Path) -> None:
    rows = []
    for label, extra in (("one document", []), ("one document and the data set", ["--votes-dataset", str(folder)])):
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "pipeline", "build", str(DOCUMENT), *extra, "--out", out, "-q"]
            done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=ROOT, capture_output=True, text=True)
            wall, cpu, peak, code = done.stdout.split()
            size = sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())
        rows.append((label, float(wall), float(cpu), float(peak), size / 1e6, int(code)))
    print(f"{'build (child process)':32} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'output MB':>10} {'exit':>5}")
    for label, wall, cpu, peak, size, code in rows:
        print(f"{label:32} {wall:8.1f} {cpu:8.1f} {peak:8.0f} {size:10.1f} {code:5}")
    (_, wall0, cpu0, peak0, *_), (_, wall1, cpu1, peak1, *_) = rows
    print(f"{'ratio':32} {wall1 / wall0:7.1f}× {cpu1 / cpu0:7.1f}× {peak1 / peak0:7.1f}×")
    print("(peak: the largest process of the build and its workers)")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    if not (folder / unvotes.VOTES).is_file():
        print(f"no {unvotes.VOTES} in {folder}", file=sys.stderr)
        return 1
    limit = int(argv[argv.index("--sessions") + 1]) if "--sessions" in argv else None
    if "--no-build" not in argv:
        builds(folder)
    if "--no-steps" not in argv:
        steps(folder, limit)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
