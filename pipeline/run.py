"""The orchestrator: chains the stages over a corpus. The only module besides the CLI that imports
more than one stage.

    sources.read → normalise → parse → model ─┬→ rdf.to_graph → validate ─┐
                                              └→ akn.akn_bytes → validate.xsd ─┴→ publish

Documents are independent: each one is read, mapped to its own graph, validated and serialised on
its own (in worker processes when the corpus is large), so memory stays bounded by what one document
contributes. The dataset files are then assembled and published in one staged swap."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline import publish, rdf
from pipeline.akn import akn_bytes
from pipeline.diagnostics import Diagnostic, DocumentError, PipelineError, diagnostic, has_errors
from pipeline.iris import dump_name
from pipeline.model import Document
from pipeline.namespaces import DEFAULT_BASE
from pipeline.normalise import normalise
from pipeline.parse import parse
from pipeline.publish import DocumentFiles
from pipeline.resources import ROOT, default_corpus
from pipeline.sources import ManifestEntry, discover, read
from pipeline.validate import Validator, integrity, xsd

POOL_THRESHOLD = 16  # below this many files, worker processes cost more than they save
# When two inputs give the same document, the richer source is published: the UN's own markup first.
SOURCE_PRIORITY = {"akn4un": 0, "markdown-export": 1, "pdftotext": 2}


@dataclass
class Reading:
    """A corpus read into the model."""

    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that gave no document

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass
class BuildResult(Reading):
    published: dict[str, DocumentFiles] = field(default_factory=dict)  # dump name → valid document's files
    files: dict[str, bytes] = field(default_factory=dict)  # every published file, relative to output/

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


def read_documents(
    path: Path, manifest: ManifestEntry | None = None, name: str | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """One file into the model (an Akoma Ntoso collection holds several resolutions).

    Raises DocumentError when the file is not a usable document."""
    raw = read(path, manifest, name)
    parsed = parse(raw if raw.is_xml else normalise(raw))
    return list(parsed.documents), [*raw.diagnostics, *parsed.diagnostics]


def display(path: Path) -> str:
    """Paths inside the checkout are shown relative to it, so reports do not depend on where it lives."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@cache
def _validator(base: str) -> Validator:
    """One per process: the shapes and the reference graph load once, not per document."""
    return Validator(rdf.states_graph(base))


def _read(path: Path, entry: ManifestEntry | None) -> _Outcome:
    shown = display(path)
    try:
        documents, diagnostics = read_documents(path, entry, shown)
    except DocumentError as exc:
        return _Outcome(shown, [], [exc.diagnostic], [], failed=True)
    except Exception as exc:  # a bug must not cost the user the rest of the corpus
        reason = f"{type(exc).__name__}: {exc}"
        return _Outcome(shown, [], [diagnostic("internal.error", shown, reason=reason)], [], failed=True)
    return _Outcome(shown, documents, diagnostics, [])


def _process(task: tuple[Path, ManifestEntry | None, str, bool]) -> _Outcome:
    """Read, map, validate and serialise one file (runs in a worker process)."""
    path, entry, base, check = task
    outcome = _read(path, entry)
    for doc in outcome.documents:
        made, found = document_files(doc, outcome.path, base, check)
        outcome.diagnostics.extend(found)
        if made is not None:
            outcome.files.append(made)
    return outcome


def document_files(
    doc: Document, shown: str, base: str, check: bool = True
) -> tuple[DocumentFiles | None, list[Diagnostic]]:
    """Map, validate and export one document: its files (None when it is not to be published) and the
    diagnostics. One error boundary: a step that fails costs this document, never the build."""
    step = "mapping to RDF"
    try:
        graph = rdf.to_graph(doc, base)
        step = "SHACL validation"
        found = _validator(base).document(graph, shown) if check else []
        step = "the Akoma Ntoso export"
        akn = akn_bytes(doc)
        if check:
            found += [
                diagnostic("export.akn-invalid", shown, name=dump_name(doc), reason=problem)
                for problem in xsd.errors(akn)[:1]
            ]
        step = "writing its files"
        return (None if has_errors(found) else publish.document_files(doc, graph, akn, base)), found
    except PipelineError:
        raise  # the tool cannot run (shapes that do not load): exit 2, not a document's problem
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        return None, [diagnostic("build.step-failed", shown, step=step, name=dump_name(doc), reason=reason)]


def _map(function, tasks: list, jobs: int | None) -> list[_Outcome]:
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(tasks) >= POOL_THRESHOLD:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(function, tasks, chunksize=4))
    return [function(t) for t in tasks]


def read_corpus(paths: list[Path] | None = None, jobs: int | None = None) -> Reading:
    """Every document of a corpus (the bundled one when no path is given) in the model, nothing more."""
    outcomes = _map(_read_task, discover(paths or [default_corpus()]), jobs)
    reading = Reading()
    for outcome in outcomes:
        reading.documents.extend(outcome.documents)
        reading.diagnostics.extend(outcome.diagnostics)
        if outcome.failed:
            reading.failed.append(outcome.path)
    return reading


def _read_task(task: tuple[Path, ManifestEntry | None]) -> _Outcome:
    return _read(*task)


def build(
    paths: list[Path] | None = None,
    out: Path | None = None,
    base: str = DEFAULT_BASE,
    validate: bool = True,
    jobs: int | None = None,
    endpoint: str | None = None,
) -> BuildResult:
    """Read, map, validate and export every document of a corpus (the bundled one when no path is
    given); with ``out``, publish the valid ones there with the dataset files, in one staged swap."""
    outcomes = _map(_process, [(p, e, base, validate) for p, e in discover(paths or [default_corpus()])], jobs)
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
    ordered = sorted(chosen.items())
    found, rejected = integrity.conflicts(
        [integrity.Graphed(name, path, made.nquads) for name, (_, path, made) in ordered], base
    )
    result.diagnostics.extend(found)
    result.published = {name: made for name, (_, _, made) in ordered if name not in rejected}
    if validate:
        result.diagnostics.extend(_validator(base).register_conforms())
    graphs = [("states", rdf.states_graph(base)), *rdf.ontology_graphs()]
    result.files = publish.dataset_files(
        list(result.published.values()), graphs, result.diagnostics, len(result.documents), base, endpoint
    )
    if out is not None and not result.published:
        result.diagnostics.append(diagnostic("build.nothing-to-publish", None, out=str(out)))
    elif out is not None:
        publish.write(out, result.files)
    return result
