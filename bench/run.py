"""Benchmarks: how each parser stage scales on long adversarial inputs, and a corpus parse.

Figures are ratios measured side by side in one run (the machines are shared and noisy): time on
100 KB divided by time on 10 KB is about 10 for a linear stage and about 100 for a quadratic one.
Run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.run import build, read_corpus
from tests.adversarial import CASES


def best_of(fn, arg, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"{'stage':48} {'10 KB':>9} {'100 KB':>9} {'ratio':>7}")
    worst = 0.0
    for name, case in CASES.items():
        small_fn, small = case(10_000)
        big_fn, big = case(100_000)
        t_small, t_big = best_of(small_fn, small), best_of(big_fn, big)
        ratio = t_big / max(t_small, 1e-6)
        worst = max(worst, t_big)
        print(f"{name:48} {t_small * 1000:8.1f}ms {t_big * 1000:8.1f}ms {ratio:7.1f}")
    print(f"slowest stage on 100 KB: {worst * 1000:.0f} ms")
    parse = statistics.median(best_of(lambda _: read_corpus(), None, 1) for _ in range(3))
    full = statistics.median(best_of(lambda _: build(base="https://w3id.org/unga-ld/"), None, 1) for _ in range(3))
    unchecked = statistics.median(
        best_of(lambda _: build(base="https://w3id.org/unga-ld/", validate=False), None, 1) for _ in range(3)
    )
    print(
        f"bundled corpus, parse only: {parse * 1000:.0f} ms; + map, export, dumps: {unchecked * 1000:.0f} ms; "
        f"+ SHACL: {full * 1000:.0f} ms"
    )
    print(
        f"ratios to parsing: mapping and dumps x{unchecked / parse:.1f}, with validation x{full / parse:.1f} "
        f"(SHACL is {100 * (full - unchecked) / full:.0f}% of a full build)"
    )


if __name__ == "__main__":
    main()
