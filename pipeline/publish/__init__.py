"""Publish: what a build leaves in output/, and the push of the dataset to an external store.

- ``document_files(doc, graph, akn, base)``: what one valid document contributes (its Turtle, its
  N-Quads lines and JSON-LD nodes, its CSV rows, its Akoma Ntoso export), made in the workers;
- ``rollcall_files(name, roll_calls, dataset, graph, base)``: what one part of a data set of roll
  calls (a session's) contributes, likewise;
- ``dataset_files(documents, graphs, diagnostics, read, base)``: every file of output/ (dumps,
  tables with CSVW, the validation report, and ``catalog.ttl`` describing all the others);
- ``write(out, files)``: the atomic folder writer (``folder``);
- ``push(url, out)``: replace each named graph in a Graph Store Protocol store (``store``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rdflib import Graph

from pipeline.diagnostics import Diagnostic
from pipeline.iris import Iris, dump_name
from pipeline.model import Document
from pipeline.publish import dataset, report, tables
from pipeline.publish.catalog import catalog
from pipeline.publish.dataset import DocumentFiles, PartFiles
from pipeline.publish.folder import publish as write
from pipeline.publish.store import Deadlines, Pushed, StoreError, push
from pipeline.register import languages
from pipeline.resources import DATASET
from pipeline.rollcalls import RollCall, SourceDataset

__all__ = [
    "Deadlines",
    "DocumentFiles",
    "PartFiles",
    "Pushed",
    "StoreError",
    "dataset_files",
    "document_files",
    "push",
    "rollcall_files",
    "write",
]


def document_files(
    doc: Document, graph: Graph, akn: bytes | None, base: str, translated: dict[str, bytes] | None = None
) -> DocumentFiles:
    """What one valid document contributes to the dataset files; ``translated``: the Akoma Ntoso export of
    each language version, by language tag."""
    iris = Iris(base)
    layout = doc.source.layout if doc.source else ""
    made = dataset.graph_files(dump_name(doc), layout, str(iris.document(doc)), graph)
    made.votes, made.sponsors = tables.rows(doc, iris)
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


def rollcall_files(name: str, roll_calls: list[RollCall], source: SourceDataset, graph: Graph, base: str) -> PartFiles:
    """What one part of a data set of roll calls contributes (published as ``rdf/{name}.ttl`` and the
    named graph ``{base}graph/{name}``), made in the workers."""
    made = dataset.part_files(name, f"{base}graph/{name}", graph)
    made.votes = tables.rollcall_rows(roll_calls, source, Iris(base))
    made.dates = sorted({rc.vote.date.isoformat() for rc in roll_calls if rc.vote.date})
    made.roll_calls = len(roll_calls)
    made.positions = sum(rc.positions for rc in roll_calls)
    return made


def dataset_files(
    documents: list[DocumentFiles],
    graphs: list[tuple[str, Graph]],
    diagnostics: list[Diagnostic],
    read: int,
    base: str,
    endpoint: str | None = None,
    parts: list[PartFiles] | None = None,
    sources: list[SourceDataset] | None = None,
    previous: Path | None = None,
) -> dict[str, bytes]:
    """Every file of output/, relative to it; catalog.ttl describes all the others. ``previous``: the
    output this one replaces, against which ``changes.json`` says what changed (``changes``).

    ``graphs`` are the dataset's own graphs besides the documents' (the State register, the ontology,
    the vocabularies), by name: each is published as ``rdf/{name}.ttl`` and as the named graph
    ``{base}graph/{name}``. ``read`` is how many documents the build read. ``parts`` are the parts of
    the data sets of roll calls read (``sources``), published beside the documents."""
    parts = parts or []
    files: dict[str, bytes] = {}
    for d in documents:
        files[f"rdf/{d.name}.ttl"] = d.turtle
        if d.akn is not None:
            files[f"akn/{d.name}.xml"] = d.akn
        for code, data in sorted(d.akn_versions.items()):
            files[f"akn/{d.name}.{code}.xml"] = data
    for part in parts:
        files[f"rdf/{part.name}.ttl"] = part.turtle
    named = []
    for name, graph in graphs:
        files[f"rdf/{name}.ttl"] = graph.serialize(format="turtle").encode("utf-8")
        named.append((f"{base}graph/{name}", graph))
    files[DATASET] = dataset.nquads(named, documents, parts)
    files["unga-ld.ttl"] = b"".join(
        [*(d.turtle for d in documents), *(p.turtle for p in parts), *(files[f"rdf/{n}.ttl"] for n, _ in graphs)]
    )
    files["unga-ld.jsonld"] = dataset.jsonld(named, documents, parts)
    files["votes.csv"] = tables.csv_bytes(tables.VOTE_COLUMNS, [r for d in documents for r in d.votes]) + b"".join(
        p.votes for p in parts
    )
    files["votes.csv-metadata.json"] = tables.csvw(
        "votes.csv", "Recorded votes, one row per State per vote", tables.VOTE_COLUMNS, ["vote", "iso3"], base
    )
    files["sponsors.csv"] = tables.csv_bytes(tables.SPONSOR_COLUMNS, [r for d in documents for r in d.sponsors])
    files["sponsors.csv-metadata.json"] = tables.csvw(
        "sponsors.csv",
        "Sponsors of drafts, one row per State per draft",
        tables.SPONSOR_COLUMNS,
        ["document", "draft", "state"],
        base,
    )
    files[CHANGES] = changes(previous, documents, {f"{name}.ttl" for name, _ in graphs})
    coverage = [(d.name, *c) for d in documents for c in d.coverage]
    roll_calls = (sum(p.roll_calls for p in parts), sum(p.positions for p in parts))
    text, data = report.report(diagnostics, len(documents), read, coverage, roll_calls)
    files["reports/validation.txt"], files["reports/validation.json"] = text, data
    dates = sorted({day for d in documents for day in d.dates} | {day for p in parts for day in p.dates})
    modified = dt.date.fromisoformat(dates[-1]) if dates else dt.date(1945, 10, 24)
    triples = sum(d.triples for d in documents) + sum(p.triples for p in parts) + sum(len(g) for _, g in graphs)
    entities = (
        sum(d.subjects for d in documents)
        + sum(p.subjects for p in parts)
        + sum(len(set(g.subjects())) for _, g in graphs)
    )
    spoken = sorted({"en", *(tag for d in documents for tag in d.versions)})
    files["catalog.ttl"] = catalog(
        base,
        files,
        triples,
        entities,
        dates,
        len(documents),
        modified,
        endpoint,
        spoken,
        [(s, sum(p.roll_calls for p in parts if p.name.startswith(f"{s.key}/"))) for s in sources or []],
    )
    return files


CHANGES = "changes.json"


def changes(previous: Path | None, documents: list[DocumentFiles], own: set[str]) -> bytes:
    """What this release changes against the output it replaces: the documents added, changed (their
    Turtle differs) and removed, by dump name, with their IRIs where known. Where nothing changed, the
    previous release's list stands, so that a rebuild of the same input writes the same bytes; the
    first release adds every document. ``own``: the dataset's own files in rdf/ (states.ttl …)."""
    before: dict[str, Path] = {}  # the previous files, read one at a time: memory does not grow with them
    if previous is not None and (previous / "rdf").is_dir():
        before = {p.stem: p for p in (previous / "rdf").glob("*.ttl") if p.name not in own}
    now = {d.name: d for d in documents}
    added = sorted(n for n in now if n not in before)
    changed = sorted(
        n
        for n in now
        if n in before and (before[n].stat().st_size != len(now[n].turtle) or before[n].read_bytes() != now[n].turtle)
    )
    removed = sorted(n for n in before if n not in now)
    kept = previous / CHANGES if previous is not None else None
    if before and not (added or changed or removed) and kept is not None and kept.is_file():
        return kept.read_bytes()
    listing = {
        "added": [{"name": n, "document": now[n].graph_iri} for n in added],
        "changed": [{"name": n, "document": now[n].graph_iri} for n in changed],
        "removed": [{"name": n} for n in removed],
    }
    return (json.dumps(listing, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
