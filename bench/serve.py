"""`unga-ld serve` over a published output, as a client meets it: seconds from start to the first answer,
the median time of a trivial query and of each shipped query (at /queries/NAME, defaults), and the memory
of the server with its query workers (RSS and PSS summed over the process tree). With --against, the
same for another checkout of the project (say, one from before a change), in interleaved rounds on the
same output, with the ratios.

    python bench/serve.py OUTPUT [--against CHECKOUT] [--rounds R] [--repeat N] [--queries A,B]
        (default: 3 rounds, each query 5 times, every shipped query; CHECKOUT runs with this
        virtual environment)

The on-disk store: how long the build's bulk load into output/store takes, beside loading the same
N-Quads into memory (what the endpoint did before it had a store), each once per round.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox

from pipeline import ondisk
from pipeline.serve import sparql

TRIVIAL = "ASK {}"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # a thread that ended meanwhile
            continue
        for child in children:
            found += _tree(int(child))
    return found


def _memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of a process and all its descendants, in MB."""
    rss = pss = 0
    for member in _tree(pid):
        try:
            lines = Path(f"/proc/{member}/smaps_rollup").read_text().splitlines()
        except FileNotFoundError:
            continue
        for line in lines:
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss / 1024, pss / 1024


def _ask(url: str, query: str) -> float:
    start = time.perf_counter()
    r = requests.get(url + "/sparql", params={"query": query}, headers={"Accept": "text/csv"}, timeout=600)
    r.raise_for_status()
    return time.perf_counter() - start


def measure(checkout: Path, output: Path, names: list[str], repeat: int) -> dict[str, float]:
    port = _port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--out", str(output), "--port", str(port), "--timeout", "600"],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                _ask(url, TRIVIAL)
                break
            except requests.ConnectionError:
                if process.poll() is not None:
                    raise SystemExit(f"the server of {checkout} stopped") from None
                time.sleep(0.05)
        figures = {"first answer (s)": time.perf_counter() - start}
        figures["ASK {} (ms)"] = 1000 * statistics.median(_ask(url, TRIVIAL) for _ in range(max(repeat, 20)))
        for name in names:
            times = []
            for _ in range(repeat):
                begun = time.perf_counter()
                r = requests.get(f"{url}/queries/{name}", params={"format": "csv"}, timeout=600)
                times.append(time.perf_counter() - begun)
                if r.status_code != 200:
                    times[-1] = float("nan")
            figures[f"{name} (ms)"] = 1000 * statistics.median(times)
        figures["RSS (MB)"], figures["PSS (MB)"] = _memory(process.pid)
        return figures
    finally:
        process.terminate()
        process.wait(timeout=30)


def loads(output: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        ondisk.load(output / "unga-ld.nq", Path(scratch) / "store")
        disk = time.perf_counter() - start
    start = time.perf_counter()
    memory = ox.Store()
    memory.bulk_load(path=str(output / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    return {"bulk load to disk (s)": disk, "bulk load in memory (s)": time.perf_counter() - start}


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(argv[0]).resolve()
    against = Path(argv[argv.index("--against") + 1]).resolve() if "--against" in argv else None
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    if not (output / "unga-ld.nq").is_file():
        print(f"{output / 'unga-ld.nq'} not found: build first", file=sys.stderr)
        return 2
    names = sorted(sparql.shipped())
    if "--queries" in argv:
        names = [n for n in argv[argv.index("--queries") + 1].split(",") if n]
    checkouts = {"this checkout": ROOT, **({"against": against} if against else {})}
    print(f"{output}: {(output / 'unga-ld.nq').stat().st_size / 1e6:.0f} MB of N-Quads; store: "
          f"{'yes' if (output / 'store').is_dir() else 'no'} "
          f"({shutil.disk_usage(output).free / 1e9:.0f} GB free)")  # fmt: skip
    results: dict[str, list[dict[str, float]]] = {key: [] for key in checkouts}
    load_rounds = []
    for _ in range(rounds):
        for key, checkout in checkouts.items():
            results[key].append(measure(checkout, output, names, repeat))
        load_rounds.append(loads(output))
    keys = list(results["this checkout"][0])
    best = {key: {k: min(r[k] for r in rows) for k in keys} for key, rows in results.items()}
    header = f"{'':32} {'this checkout':>14}" + (f" {'against':>10} {'ratio':>7}" if against else "")
    print(header)
    for k in keys:
        line = f"{k:32} {best['this checkout'][k]:14.2f}"
        if against:
            other = best["against"][k]
            line += f" {other:10.2f} {best['this checkout'][k] / other if other else float('nan'):7.2f}"
        print(line)
    for k in load_rounds[0]:
        print(f"{k:32} {min(r[k] for r in load_rounds):14.2f}")
    print(f"(least of {rounds} interleaved rounds; each query the median of {repeat} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
