"""The only module that knows where the project's folders (corpus/, ontology/, shapes/, queries/) live,
and the names of the published files other stages look for."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = "unga-ld.nq"  # the whole dataset, one named graph per document: what serve, query and publish read


def default_corpus() -> Path:
    return ROOT / "corpus"


def default_output() -> Path:
    return ROOT / "output"


def ontology_dir() -> Path:
    return ROOT / "ontology"


def shapes_dir() -> Path:
    return ROOT / "shapes"


def queries_dir() -> Path:
    return ROOT / "queries"
