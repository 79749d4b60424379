"""The only module that knows where the project's folders (corpus/, ontology/, shapes/) live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> Path:
    return ROOT / "corpus"


def default_output() -> Path:
    return ROOT / "output"


def ontology_dir() -> Path:
    return ROOT / "ontology"


def shapes_dir() -> Path:
    return ROOT / "shapes"
