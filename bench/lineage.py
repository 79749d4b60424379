"""What the lineage stage adds to a build: the CPU time of comparing each later text with the earlier
one, against the CPU time of mapping, validating and exporting the later text (what the build does
with every document anyway), side by side in one run.

    python bench/lineage.py [--pairs N]     (default: 20 pairs)

Pairs: resolutions of sessions 77 and 78 (the UN's Akoma Ntoso in ../shared/corpus) with the same
title, the longest first — the largest comparisons the corpus offers, so the ratio is an upper bound
for a build (a build compares only the documents that have an earlier text read with them).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import lineage
from pipeline.run import document_files, read_documents

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
BASE = "https://w3id.org/unga-ld/"


def main(argv: list[str]) -> int:
    limit = int(argv[argv.index("--pairs") + 1]) if "--pairs" in argv else 20
    by_title: dict[str, list] = {}
    for session in ("77", "78"):
        for path in sorted((CORPUS / f"akn4un-{session}-english").glob("*.xml")):
            for doc in read_documents(path)[0]:
                if doc.title and doc.symbol:
                    by_title.setdefault(doc.title, []).append(doc)
    pairs = [(docs[0], docs[-1]) for docs in by_title.values() if len({d.session for d in docs}) == 2]
    pairs.sort(key=lambda p: -(len(p[1].preamble) + len(p[1].operative)))
    pairs = pairs[:limit]
    if not pairs:
        print("no pairs: the session 77 and 78 Akoma Ntoso is not beside the checkout", file=sys.stderr)
        return 1
    start = time.process_time()
    compared = [lineage.compare(a, b, "bench") for a, b in pairs]
    lineage_cpu = time.process_time() - start
    start = time.process_time()
    for _, later in pairs:
        document_files(later, "-", BASE)
    build_cpu = time.process_time() - start
    paragraphs = sum(len(c.changes) for c in compared)
    print(f"{len(pairs)} pairs of same-titled resolutions of sessions 77 and 78, {paragraphs} paragraph changes")
    print(f"lineage (compare)                  {lineage_cpu:7.2f} CPU s")
    print(f"map, validate, export the later    {build_cpu:7.2f} CPU s")
    print(f"lineage adds                       {100 * lineage_cpu / build_cpu:6.1f}% to those documents' build")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
