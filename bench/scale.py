"""The build of a scaled corpus (``bench/corpus.py``: real Akoma Ntoso files, every document its own
symbol) at several sizes: wall and CPU time, CPU per document, the peak memory of the whole process
tree, each worker's memory over the build, and the ratio of the build to pyoxigraph's bulk load of the
N-Quads it wrote.

    python bench/scale.py [N ...] [--against CHECKOUT] [--rounds R] [--keep DIR]    # default: 1000 3000

``--keep DIR`` keeps this checkout's output of the largest size in DIR (for ``bench/serve.py`` and
``bench/virtuoso.py``).

The build runs as ``unga-ld build FOLDER --out OUT --no-build-cache --json`` in a child process (workers:
one per CPU), as a user runs it; it includes the build's own bulk load into ``output/store``. Memory:
the resident set of the build and every process under it, read from /proc every 0.2 s and summed (the
peak of that sum, which may miss a peak shorter than that), and ``getrusage(RUSAGE_CHILDREN).ru_maxrss``,
the largest single process of the bench so far (the bulk loads of earlier sizes included). Workers:
each one's resident set at a fifth, half and the end of its life. The bulk load runs in a child process
of its own (``pyoxigraph.Store(path).bulk_load``) on the N-Quads the build wrote; the ratio is build ÷
load, in CPU seconds and in wall seconds. ``--against`` runs another checkout's build on the same
corpus in the same rounds (interleaved), for a before/after figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make

SAMPLE = 0.2  # seconds between two readings of /proc
_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
"""


@dataclass
class Tree:
    """What the sampler saw of a process and everything under it."""

    peak: int = 0  # bytes: the largest sum of resident sets at one instant
    workers: dict[int, list[int]] = field(default_factory=dict)  # pid → its resident sets, in order


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, for every process."""
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        out.setdefault(parent, []).append(int(entry))
    return out


def _watch(pid: int, tree: Tree, done: threading.Event) -> None:
    while not done.is_set():
        children = _children()
        below, todo = [], list(children.get(pid, []))
        while todo:
            p = todo.pop()
            below.append(p)
            todo += children.get(p, [])
        sizes = {p: _rss(p) for p in [pid, *below]}
        tree.peak = max(tree.peak, sum(sizes.values()))
        for p in below:
            if sizes[p]:
                tree.workers.setdefault(p, []).append(sizes[p])
        done.wait(SAMPLE)


def _run(command: list[str], cwd: Path) -> tuple[float, float, int, Tree, subprocess.CompletedProcess[str]]:
    """(wall s, CPU s, largest process's peak RSS in bytes, the tree sampled, the process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree, done = Tree(), threading.Event()
    watcher = threading.Thread(target=_watch, args=(process.pid, tree, done), daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finished = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return wall, cpu, after.ru_maxrss * 1024, tree, finished


def _mb(n: float) -> str:
    return f"{n / 2**20:.0f} MB"


def measure(checkout: Path, corpus: Path, count: int, keep: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="unga-scale-", dir=keep.parent if keep else None) as scratch:
        out = Path(scratch) / "output"
        command = [sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "--no-build-cache"]
        wall, cpu, largest, tree, done = _run([*command, "--json"], checkout)
        if done.returncode not in (0, 1) or not (out / "unga-ld.nq").is_file():
            sys.exit(f"the build in {checkout} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        report = json.loads(done.stdout)
        nquads = out / "unga-ld.nq"
        load_wall, load_cpu, _, _, loaded = _run(
            [sys.executable, "-c", _LOAD, str(nquads), str(Path(scratch) / "store")], ROOT
        )
        if loaded.returncode != 0:
            sys.exit(f"the bulk load failed: {loaded.stderr.strip()[-2000:]}")
        workers = [series for series in tree.workers.values() if len(series) >= 10]
        figures = {
            "documents": len(report["documents"]["published"]),
            "read": report["documents"]["read"],
            "wall": wall,
            "cpu": cpu,
            "tree_peak": tree.peak,
            "largest": largest,
            "workers": [(s[len(s) // 5], s[len(s) // 2], s[-1], max(s)) for s in workers],
            "nquads": nquads.stat().st_size,
            "load_wall": load_wall,
            "load_cpu": load_cpu,
        }
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            out.rename(keep)
        return figures


def show(label: str, count: int, m: dict) -> None:
    per = m["cpu"] / max(m["read"], 1)
    print(
        f"{label:8} {count:>6} docs: read {m['read']}, published {m['documents']}; wall {m['wall']:.0f} s, "
        f"CPU {m['cpu']:.0f} s ({per:.3f} s per document read); peak RSS of the tree {_mb(m['tree_peak'])}, "
        f"largest process {_mb(m['largest'])}"
    )
    print(
        f"{'':8} N-Quads {_mb(m['nquads'])}; bulk load {m['load_wall']:.1f} s wall, {m['load_cpu']:.1f} s CPU; "
        f"build ÷ load: CPU ×{m['cpu'] / m['load_cpu']:.1f}, wall ×{m['wall'] / m['load_wall']:.1f}"
    )
    for fifth, half, end, peak in m["workers"]:
        print(f"{'':8} worker RSS at 1/5, 1/2, end of its life: {_mb(fifth)}, {_mb(half)}, {_mb(end)}, max {_mb(peak)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3000])
    parser.add_argument("--against", type=Path, help="another checkout, built in the same rounds")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep this checkout's output of the largest size here")
    args = parser.parse_args()
    checkouts = [("this", ROOT)] + ([("against", args.against.resolve())] if args.against else [])
    sizes: list[tuple[int, dict]] = []  # this checkout's best round at each size
    with tempfile.TemporaryDirectory(prefix="unga-corpus-") as scratch:
        for count in args.sizes:
            corpus = Path(scratch) / str(count)
            make(count, corpus)
            best: dict[str, dict] = {}
            for _ in range(args.rounds):
                for label, checkout in checkouts:
                    keep = args.keep.resolve() if args.keep and label == "this" and count == max(args.sizes) else None
                    m = measure(checkout, corpus, count, keep)
                    if label not in best or m["cpu"] < best[label]["cpu"]:
                        best[label] = m
            for label, _ in checkouts:
                show(label, count, best[label])
            sizes.append((count, best["this"]))
            if "against" in best:
                ratio = best["this"]["cpu"] / best["against"]["cpu"]
                memory = best["this"]["tree_peak"] / best["against"]["tree_peak"]
                print(f"{'':8} this ÷ against: CPU ×{ratio:.2f}, peak RSS of the tree ×{memory:.2f}")
    if len(sizes) > 1:
        flat(sizes)


def flat(sizes: list[tuple[int, dict]]) -> None:
    """How this checkout's CPU per document and the tree's peak grow from the smallest size to each
    larger one (the goal: CPU per document within ±20%, the tree not growing with the corpus)."""
    first_count, first = sizes[0]
    per = first["cpu"] / max(first["read"], 1)
    for count, m in sizes[1:]:
        grown = m["cpu"] / max(m["read"], 1) / per
        print(
            f"{count} ÷ {first_count} documents: CPU per document ×{grown:.2f}, "
            f"peak RSS of the tree ×{m['tree_peak'] / first['tree_peak']:.2f}"
        )


if __name__ == "__main__":
    main()
