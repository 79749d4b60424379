"""SHACL validation of real documents with rdflib's stock SPARQL processor and with the project's,
which translates each query text once (pipeline/validate/queries.py): CPU seconds of each, side by side
in interleaved rounds (each its least time), their ratio, and whether the results are the same (on
the documents and on the shapes' own failing cases in tests/shapes/).

    python bench/validate.py [FOLDER] [--files N] [--rounds R]
        (default: ../shared/corpus/akn4un-77-english, 30 files, 3 rounds)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import plugin
from rdflib.query import Processor

from pipeline import rdf
from pipeline.run import _validator, read_documents

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "akn4un-77-english"
BASE = "https://w3id.org/unga-ld/"
# the shapes' own failing cases, so that "identical" compares violations too, not only conformance
CASES = sorted((Path(__file__).resolve().parent.parent / "tests" / "shapes").glob("*.ttl"))
PROCESSORS = {
    "rdflib's SPARQL processor (a text parsed per call)": ("rdflib.plugins.sparql.processor", "SPARQLProcessor"),
    "the project's (a text translated once)": ("pipeline.validate.queries", "CachedSPARQLProcessor"),
}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    limit = int(argv[argv.index("--files") + 1]) if "--files" in argv else 30
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    files = sorted(folder.glob("*.xml"))[:limit]
    if not files:
        print(f"no Akoma Ntoso files in {folder}", file=sys.stderr)
        return 1
    graphs = [rdf.to_graph(doc, BASE) for f in files for doc in read_documents(f)[0]]
    validator = _validator(BASE)
    validator.document(graphs[0])  # shapes and reference graph loaded before any timing
    best: dict[str, float] = {}
    results: dict[str, list[list[str]]] = {}
    for _ in range(rounds):
        for name, (module, cls) in PROCESSORS.items():
            plugin.register("sparql", Processor, module, cls)
            start = time.process_time()
            found = [[d.message for d in validator.document(g)] for g in graphs]
            found += [[d.message for d in validator.file(case)] for case in CASES]
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
            results[name] = found
    plugin.register("sparql", Processor, *PROCESSORS["the project's (a text translated once)"])
    print(f"{len(graphs)} documents from {folder} and {len(CASES)} failing cases, SHACL with the project's shapes")
    print(f"violations and warnings found: {sum(len(r) for r in next(iter(results.values())))}")
    stock = next(iter(best.values()))
    for name, cpu in best.items():
        print(f"{name:52} {cpu:7.2f} CPU s  {cpu / stock:5.2f}×")
    same = len({repr(r) for r in results.values()}) == 1
    print("results identical:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
