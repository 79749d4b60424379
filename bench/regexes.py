"""Every regular expression of the package on adversarial lines built from its own pieces: the worst
time per pattern on 10 KB and on 100 KB, and their ratio (linear patterns: about 10). The goal is
under 100 ms per pattern on 100 KB; a pattern over it is marked.

    python bench/regexes.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.regex_pieces import lines, patterns

GOAL_MS = 100.0


def worst(pattern, size: int) -> float:
    slowest = 0.0
    for line in lines(pattern, size):
        start = time.perf_counter()
        pattern.search(line)
        slowest = max(slowest, time.perf_counter() - start)
    return slowest * 1000


def main() -> None:
    rows = []
    for name, pattern in sorted(patterns().items()):
        small, big = worst(pattern, 10_000), worst(pattern, 100_000)
        rows.append((big, small, name))
    print(f"{'pattern':60} {'10 KB':>9} {'100 KB':>9} {'ratio':>6}")
    for big, small, name in sorted(rows, reverse=True):
        mark = "  over the goal" if big > GOAL_MS else ""
        print(f"{name:60} {small:8.2f}ms {big:8.2f}ms {big / max(small, 1e-3):6.1f}{mark}")
    over = sum(big > GOAL_MS for big, _, _ in rows)
    print(f"{len(rows)} patterns; slowest {rows and max(rows)[0]:.1f} ms on 100 KB; {over} over {GOAL_MS:g} ms")


if __name__ == "__main__":
    main()
