"""Publish: what a build leaves in output/, and the push of the dataset to an external store.

- ``document_files(doc, graph, akn, base)``: what one valid document contributes (its Turtle, its
  N-Quads lines and JSON-LD nodes, its CSV rows, its Akoma Ntoso export), made in the workers;
- ``rollcall_files(name, roll_calls, dataset, graph, base)``: what one part of a data set of roll
  calls (a session's) contributes, likewise;
- ``Writer(out)``: the output written as the documents come, into a staging folder (``staged``): each
  document's files spooled, then every file of output/ (dumps, tables with CSVW, the validation
  report, ``changes.json`` and ``catalog.ttl`` describing all the others), swapped in whole;
- ``write(out, files)``: the atomic folder writer (``folder``);
- ``push(url, out)``: replace each named graph in a Graph Store Protocol store (``store``).
"""

from __future__ import annotations

from pipeline.iris import Iris, dump_name
from pipeline.model import Document
from pipeline.publish import dataset, tables
from pipeline.publish.dataset import DocumentFiles, PartFiles
from pipeline.publish.folder import publish as write
from pipeline.publish.staged import Published, Spooled, Writer
from pipeline.publish.store import Deadlines, Pushed, StoreError, push
from pipeline.publish.written import Written
from pipeline.register import languages
from pipeline.rollcalls import RollCall, SourceDataset

__all__ = [
    "Deadlines",
    "DocumentFiles",
    "PartFiles",
    "Published",
    "Pushed",
    "Spooled",
    "StoreError",
    "Writer",
    "document_files",
    "push",
    "rollcall_files",
    "write",
]


def document_files(
    doc: Document, graph: Written, akn: bytes | None, base: str, translated: dict[str, bytes] | None = None
) -> DocumentFiles:
    """What one valid document contributes to the dataset files (``graph``: its graph as written,
    ``written``); ``translated``: the Akoma Ntoso export of each language version, by language tag."""
    iris = Iris(base)
    layout = doc.source.layout if doc.source else ""
    made = dataset.graph_files(dump_name(doc), layout, iris.document(doc).value, graph)
    votes, sponsors = tables.rows(doc, iris)
    made.votes, made.sponsors = tables.csv_rows(votes), tables.csv_rows(sponsors)
    made.akn = akn
    for tag, data in (translated or {}).items():
        known = languages.by_code(tag)
        made.akn_versions[known.code if known else tag] = data
    made.coverage = [
        (d.source.path, d.coverage.read, d.coverage.total)
        for d in (doc, *doc.versions)
        if d.coverage is not None and d.source is not None
    ]
    made.versions = [d.language for d in doc.versions]
    made.dates = sorted({d.isoformat() for d in (doc.date, doc.adoption.date if doc.adoption else None) if d})
    return made


def rollcall_files(
    name: str, roll_calls: list[RollCall], source: SourceDataset, graph: Written, base: str
) -> PartFiles:
    """What one part of a data set of roll calls contributes (published as ``rdf/{name}.ttl`` and the
    named graph ``{base}graph/{name}``), made in the workers."""
    made = dataset.part_files(name, f"{base}graph/{name}", graph)
    made.votes = tables.rollcall_rows(roll_calls, source, Iris(base))
    made.dates = sorted({rc.vote.date.isoformat() for rc in roll_calls if rc.vote.date})
    made.roll_calls = len(roll_calls)
    made.positions = sum(rc.positions for rc in roll_calls)
    return made
