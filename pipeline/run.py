"""The orchestrator: chains the stages over a corpus. The only module besides the CLI that imports
more than one stage.

Documents are independent: each one is read, mapped to its own graph, validated and serialised on
its own (in worker processes when the corpus is large), so memory stays bounded by what one document
contributes. The dataset files are then assembled and published in one staged swap."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.publish.dataset import DocumentFiles
from pipeline.diagnostics import Diagnostic, diagnostic, has_errors
from pipeline.diagnostics import DocumentError
from pipeline.model import Document
from pipeline.resources import ROOT, default_corpus
from pipeline.normalise import normalise
from pipeline.parse import parse
from pipeline.sources import ManifestEntry, discover, read

POOL_THRESHOLD = 16  # below this many files, worker processes cost more than they save
# When two inputs give the same document, the richer source is published: the UN's own markup first.
SOURCE_PRIORITY = {"akn4un": 0, "markdown-export": 1, "pdftotext": 2}


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that gave no document
    published: dict[str, DocumentFiles] = field(default_factory=dict)  # dump name → valid document's files
    files: dict[str, bytes] = field(default_factory=dict)  # every published file, relative to output/

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def turtle(self) -> dict[str, bytes]:
        return {f"{name}.ttl": d.turtle for name, d in self.published.items()}


@dataclass
class _Outcome:
    path: str
    documents: list[Document]
    diagnostics: list[Diagnostic]
    files: list[DocumentFiles]
    failed: bool = False


def read_documents(path: Path, manifest: ManifestEntry | None = None,
                   name: str | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """One file into the model (an Akoma Ntoso collection holds several resolutions).

    Raises DocumentError when the file is not a usable document."""
    raw = read(path, manifest, name)
    parsed = parse(raw if raw.is_xml else normalise(raw))
    return list(parsed.documents), list(parsed.diagnostics)


def display(path: Path) -> str:
    """Paths inside the checkout are shown relative to it, so reports do not depend on where it lives."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _process(task: tuple[Path, ManifestEntry | None, str | None, bool]) -> _Outcome:
    """Read, map, validate and serialise one file (runs in a worker process)."""
    path, entry, base, check = task
    shown = display(path)
    try:
        documents, diagnostics = read_documents(path, entry, shown)
    except DocumentError as exc:
        return _Outcome(shown, [], [exc.diagnostic], [], failed=True)
    except Exception as exc:  # a bug must not cost the user the rest of the corpus
        reason = f"{type(exc).__name__}: {exc}"
        return _Outcome(shown, [], [diagnostic("internal.error", shown, reason=reason)], [], failed=True)
    files: list[DocumentFiles] = []
    if base is not None:
        from pipeline.akn import akn_bytes
        from pipeline.publish.dataset import graph_files, rows
        from pipeline.rdf import Iris, dump_name, to_graph
        from pipeline.validate import validate

        iris = Iris(base)
        for doc in documents:
            graph = to_graph(doc, base)
            found = validate(graph, shown, base) if check else []
            diagnostics.extend(found)
            if has_errors(found):
                continue
            layout = doc.source.layout if doc.source else ""
            made = graph_files(dump_name(doc), layout, str(iris.document(doc)), graph)
            made.votes, made.sponsors = rows(doc, iris)
            made.akn = akn_bytes(doc)
            made.dates = sorted({d.isoformat() for d in (doc.date, doc.adoption.date if doc.adoption else None) if d})
            files.append(made)
    return _Outcome(shown, documents, diagnostics, files)


def build(
    paths: list[Path] | None = None,
    out: Path | None = None,
    base: str | None = None,
    validate: bool = True,
    jobs: int | None = None,
    endpoint: str | None = None,
) -> BuildResult:
    """Read every document of a corpus (the bundled one when no path is given).

    With ``base`` each document is also mapped to RDF, validated and exported; with ``out`` the valid
    ones are published there with the dataset files, in one staged swap."""
    tasks = [(p, e, base, validate) for p, e in discover(paths or [default_corpus()])]
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(tasks) >= POOL_THRESHOLD:
        with ProcessPoolExecutor(workers) as pool:
            outcomes = list(pool.map(_process, tasks, chunksize=4))
    else:
        outcomes = [_process(t) for t in tasks]
    result = BuildResult()
    chosen: dict[str, tuple[int, str, DocumentFiles]] = {}
    for outcome in outcomes:
        result.documents.extend(outcome.documents)
        result.diagnostics.extend(outcome.diagnostics)
        if outcome.failed:
            result.failed.append(outcome.path)
        for made in outcome.files:
            candidate = (SOURCE_PRIORITY.get(made.layout, 9), outcome.path, made)
            if made.name in chosen:
                kept, left = sorted([chosen[made.name], candidate], key=lambda c: (c[0], c[1]))
                result.diagnostics.append(diagnostic("build.duplicate-document", left[1], name=made.name, kept=kept[1]))
                candidate = kept
            chosen[made.name] = candidate
    result.published = {name: made for name, (_, _, made) in sorted(chosen.items())}
    if base is not None and validate:
        from pipeline.validate import validate_register

        result.diagnostics.extend(validate_register(base))
    if base is not None:
        result.files = dataset_files(result, base, endpoint)
        if out is not None:
            from pipeline.publish.folder import publish

            publish(out, result.files)
    return result


def dataset_files(result: BuildResult, base: str, endpoint: str | None = None) -> dict[str, bytes]:
    """Every file of output/, relative to it; catalog.ttl describes all the others."""
    from pipeline.publish import dataset
    from pipeline.publish.catalog import catalog
    from pipeline.rdf import states_graph

    docs = list(result.published.values())
    files: dict[str, bytes] = {}
    for d in docs:
        files[f"rdf/{d.name}.ttl"] = d.turtle
        if d.akn is not None:
            files[f"akn/{d.name}.xml"] = d.akn
    extra = [("states", states_graph(base)), *vocabulary_graphs()]
    named = []
    for name, graph in extra:
        files[f"rdf/{name}.ttl"] = graph.serialize(format="turtle").encode("utf-8")
        named.append((f"{base}graph/{name}", graph))
    files["unga-ld.nq"] = dataset.nquads(named, docs)
    files["unga-ld.ttl"] = b"".join(files[f"rdf/{d.name}.ttl"] for d in docs) + b"".join(
        files[f"rdf/{name}.ttl"] for name, _ in extra)
    files["unga-ld.jsonld"] = dataset.jsonld(named, docs)
    files["votes.csv"] = dataset.csv_bytes(dataset.VOTE_COLUMNS, [r for d in docs for r in d.votes])
    files["votes.csv-metadata.json"] = dataset.csvw(
        "votes.csv", "Recorded votes, one row per State per vote", dataset.VOTE_COLUMNS, ["vote", "iso3"], base)
    files["sponsors.csv"] = dataset.csv_bytes(dataset.SPONSOR_COLUMNS, [r for d in docs for r in d.sponsors])
    files["sponsors.csv-metadata.json"] = dataset.csvw(
        "sponsors.csv", "Sponsors of drafts, one row per State per draft", dataset.SPONSOR_COLUMNS,
        ["draft", "state"], base)
    text, data = dataset.report(result.diagnostics, len(docs), len(result.documents))
    files["reports/validation.txt"], files["reports/validation.json"] = text, data
    dates = sorted({day for d in docs for day in d.dates})
    modified = dt.date.fromisoformat(dates[-1]) if dates else dt.date(1945, 10, 24)
    triples = sum(d.triples for d in docs) + sum(len(g) for _, g in extra)
    entities = sum(d.subjects for d in docs) + sum(len(set(g.subjects())) for _, g in extra)
    files["catalog.ttl"] = catalog(base, files, triples, entities, dates, len(docs), modified, endpoint)
    return files


def vocabulary_graphs() -> list[tuple[str, object]]:
    """The ontology (with its alignments) and the SKOS vocabularies, as graphs to publish."""
    from pipeline.rdf import new_graph
    from pipeline.resources import ontology_dir

    out = []
    for name, paths in (
        ("ontology", [ontology_dir() / "unga.ttl", *sorted((ontology_dir() / "alignments").glob("*.ttl"))]),
        ("vocabularies", sorted((ontology_dir() / "vocabularies").glob("*.ttl"))),
    ):
        g = new_graph()
        for path in paths:
            g.parse(path, format="turtle")
        out.append((name, g))
    return out
