"""Each shipped query on Virtuoso and on the project's on-disk store, for the same published output:
Virtuoso (Debian's, a server of its own on 127.0.0.1 with a new database) loaded with the README's
commands, pyoxigraph opening OUTPUT/store read-only as `serve` and `query` do. Both run each query
with its default parameters over the union of the graphs and write SPARQL JSON results; Virtuoso's
time is the HTTP round trip from this process (its floor: ASK {} below), pyoxigraph's the evaluation
and serialisation in this process. Least of R interleaved rounds after one untimed round, which also
checks that both give the same rows (tests/virtuoso.py compares them).

    python bench/virtuoso.py OUTPUT [--rounds R] [--buffers N] [--param QUERY:NAME=VALUE ...]
        (default: 3 rounds; N pages of 8 KB for Virtuoso's buffers, default 100000 ≈ 800 MB; a
        parameter of one query, e.g. citing-resolution:symbol=A/RES/70/1, else its default)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox

from pipeline import ondisk
from pipeline.resources import DATASET
from pipeline.serve import sparql
from tests import virtuoso

JSON = "application/sparql-results+json"


def on_oxigraph(store: ox.Store, text: str) -> tuple[float, bytes]:
    begun = time.perf_counter()
    answer = store.query(text, use_default_graph_as_union=True)
    assert isinstance(answer, ox.QuerySolutions)
    body = answer.serialize(format=ox.QueryResultsFormat.JSON)
    assert body is not None
    return time.perf_counter() - begun, body


def on_virtuoso(running: virtuoso.Server, session: requests.Session, text: str) -> tuple[float, bytes]:
    begun = time.perf_counter()
    body = virtuoso.select(running, text, session)
    return time.perf_counter() - begun, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--buffers", type=int, default=100_000)
    parser.add_argument("--param", action="append", default=[], metavar="QUERY:NAME=VALUE")
    args = parser.parse_args()
    given: dict[str, dict[str, str]] = {}
    for item in args.param:
        query, _, binding = item.partition(":")
        name, equals, value = binding.partition("=")
        if not equals:
            raise SystemExit(f"--param {item}: give QUERY:NAME=VALUE")
        given.setdefault(query, {})[name] = value
    if not virtuoso.available():
        raise SystemExit("needs virtuoso-t and isql-vt (tools/system-packages.sh installs them)")
    store = ondisk.open_read_only(args.output)
    if store is None:
        raise SystemExit(f"{args.output} has no store/: build it with `unga-ld build` (without --no-store)")
    shipped = sparql.shipped()
    if set(given) - set(shipped):
        raise SystemExit(f"no shipped query {', '.join(sorted(set(given) - set(shipped)))}")
    queries = {name: sparql.bind(text, given.get(name, {})) for name, (_, text) in shipped.items()}
    quads = sum(1 for _ in ox.parse(path=str(args.output / DATASET), format=ox.RdfFormat.N_QUADS))
    size = (args.output / DATASET).stat().st_size
    print(f"{args.output}: {quads:,} quads ({size / 1e6:.0f} MB of N-Quads), {len(queries)} shipped queries")
    with tempfile.TemporaryDirectory(prefix="unga-ld-virtuoso-") as scratch:
        checkout = Path(scratch) / "checkout"
        (checkout / "output").mkdir(parents=True)
        try:
            os.link(args.output / DATASET, checkout / "output" / DATASET)
        except OSError:  # another file system
            shutil.copy(args.output / DATASET, checkout / "output" / DATASET)
        begun = time.perf_counter()
        ondisk.load(args.output / DATASET, Path(scratch) / "oxigraph")
        oxigraph_load = time.perf_counter() - begun
        with virtuoso.server(Path(scratch) / "virtuoso", allowed=checkout, buffers=args.buffers) as running:
            begun = time.perf_counter()
            virtuoso.load(running, checkout)
            virtuoso_load = time.perf_counter() - begun
            print(f"bulk load: Virtuoso {virtuoso_load:.2f} s (README's commands), pyoxigraph {oxigraph_load:.2f} s")
            session = requests.Session()
            same = {}
            counts = {}
            for name, text in queries.items():  # untimed: warms both, checks the answers
                theirs = virtuoso.rows(on_virtuoso(running, session, text)[1])
                ours = virtuoso.rows(on_oxigraph(store, text)[1])
                same[name] = theirs == ours
                counts[name] = (ours.total(), theirs.total())
            best: dict[str, list[float]] = {name: [float("inf"), float("inf")] for name in queries}
            floor = float("inf")
            for round_ in range(args.rounds):
                floor = min(floor, min(on_virtuoso(running, session, "ASK {}")[0] for _ in range(10)))
                for name, text in queries.items():
                    order = (0, 1) if round_ % 2 == 0 else (1, 0)  # interleaved, each first in turn
                    for engine in order:
                        took = on_virtuoso(running, session, text)[0] if engine == 0 else on_oxigraph(store, text)[0]
                        best[name][engine] = min(best[name][engine], took)
    print(f"Virtuoso's HTTP round trip for ASK {{}}: {floor * 1000:.1f} ms (least of {10 * args.rounds})")
    print(f"least of {args.rounds} interleaved rounds, ms; ratio = pyoxigraph / Virtuoso")
    print(f"{'query':<22}{'rows':>7}{'Virtuoso':>11}{'pyoxigraph':>12}{'ratio':>8}  same answer")
    for name in queries:
        theirs, ours = best[name]
        rows = f"{counts[name][0]}" if counts[name][0] == counts[name][1] else f"{counts[name][0]}/{counts[name][1]}"
        print(
            f"{name:<22}{rows:>7}{theirs * 1000:>11.1f}{ours * 1000:>12.1f}{ours / theirs:>8.2f}  "
            f"{'yes' if same[name] else 'NO'}"
        )
    total_v = sum(b[0] for b in best.values())
    total_o = sum(b[1] for b in best.values())
    print(f"{'all':<22}{'':>7}{total_v * 1000:>11.1f}{total_o * 1000:>12.1f}{total_o / total_v:>8.2f}")


if __name__ == "__main__":
    main()
