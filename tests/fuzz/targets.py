"""One fuzz target per reader of the package: bytes in, a model or the project's own error out. The
hypothesis properties (tests/test_fuzz.py) and the atheris runs (`make fuzz`, tests/fuzz/run.py) call
the same targets; a crash of either is kept in tests/fuzz/crashes/{target}/ and replayed by the tests.

A target fails (raises something other than the project's own errors) when a reader lets a bad input
through to a traceback: what the project promises is a diagnostic naming the file, or a model."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from pipeline.akn import akn_bytes
from pipeline.diagnostics import DocumentError
from pipeline.inputs import RawDocument
from pipeline.normalise import markdown, normalise, pdftotext
from pipeline.parse import parse
from pipeline.rdf import to_graph
from pipeline.serve import sparql
from pipeline.sources import load_manifest, read
from pipeline.validate import xsd

CRASHES = Path(__file__).resolve().parent / "crashes"


def _document(data: bytes, suffix: str) -> None:
    """A file as the build reads it, then mapped to RDF and exported to Akoma Ntoso (and checked)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            raw = read(path)
            parsed = parse(raw if raw.is_xml else normalise(raw))
        except DocumentError:
            return  # the project's own error: a one-line diagnostic naming the file
        for document in parsed.documents:
            to_graph(document)
            xsd.errors(akn_bytes(document))


def text(data: bytes) -> None:
    _document(data, ".txt")


def akn(data: bytes) -> None:
    _document(data, ".xml")


def layouts(data: bytes) -> None:
    """The two text normalisers on any text, straight (no detection in front of them)."""
    body = data.decode("utf-8", "replace")
    for normaliser in (markdown.normalise, pdftotext.normalise):
        normaliser(RawDocument("x.txt", body, "0" * 64))


def manifest(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "manifest.toml").write_bytes(data)
        try:
            load_manifest(Path(folder))
        except DocumentError:
            return


def query(data: bytes) -> None:
    """The endpoint's query guard: a query is refused (Refused) or let through, never a crash."""
    try:
        sparql.check(data.decode("utf-8", "replace"), {"https://w3id.org/unga-ld/graph/states"})
    except sparql.Refused:
        return


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": text,
    "akn": akn,
    "layouts": layouts,
    "manifest": manifest,
    "query": query,
}


def crashes(target: str) -> list[Path]:
    """Every crashing input kept for a target (regression cases)."""
    folder = CRASHES / target
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
