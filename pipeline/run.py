"""The orchestrator: chains the stages over a corpus. The only module besides the CLI that imports
more than one stage.

Documents are independent: each one is read, mapped to its own graph, validated and serialised on
its own (in worker processes when the corpus is large), so memory stays bounded by one document."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, diagnostic, has_errors
from .errors import DocumentError
from .model import Document
from .resources import default_corpus
from .sources import ManifestEntry, discover, read

POOL_THRESHOLD = 16  # below this many files, worker processes cost more than they save
# When two inputs give the same document, the richer source is published: the UN's own markup first.
SOURCE_PRIORITY = {"akn4un": 0, "markdown-export": 1, "pdftotext": 2}


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that gave no document
    turtle: dict[str, bytes] = field(default_factory=dict)  # dump name → Turtle of a valid document
    published: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass
class _Outcome:
    path: str
    documents: list[Document]
    diagnostics: list[Diagnostic]
    turtle: dict[str, tuple[str, bytes]]  # dump name → (layout, Turtle)
    failed: bool = False


def read_documents(path: Path, manifest: ManifestEntry | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """One file into the model (an Akoma Ntoso collection holds several resolutions).

    Raises DocumentError when the file is not a usable document."""
    raw = read(path, manifest)
    if raw.is_xml:
        from .akn_source import from_akn

        akn = from_akn(raw)
        return list(akn.documents), list(akn.diagnostics)
    from .parse import parse

    result = parse(raw)
    return [result.document], list(result.diagnostics)


def _process(task: tuple[Path, ManifestEntry | None, str | None, bool]) -> _Outcome:
    """Read, map, validate and serialise one file (runs in a worker process)."""
    path, entry, base, check = task
    try:
        documents, diagnostics = read_documents(path, entry)
    except DocumentError as exc:
        return _Outcome(str(path), [], [exc.diagnostic], {}, failed=True)
    except Exception as exc:  # a bug must not cost the user the rest of the corpus
        reason = f"{type(exc).__name__}: {exc}"
        return _Outcome(str(path), [], [diagnostic("internal.error", str(path), reason=reason)], {}, failed=True)
    turtle: dict[str, tuple[str, bytes]] = {}
    if base is not None:
        from .rdf import dump_name, to_graph
        from .validate import validate

        for doc in documents:
            graph = to_graph(doc, base)
            found = validate(graph, str(path), base) if check else []
            diagnostics.extend(found)
            if not has_errors(found):
                layout = doc.source.layout if doc.source else ""
                turtle[f"{dump_name(doc)}.ttl"] = (layout, graph.serialize(format="turtle").encode("utf-8"))
    return _Outcome(str(path), documents, diagnostics, turtle)


def vocabulary_files() -> dict[str, bytes]:
    """The ontology (with its alignments) and the SKOS vocabularies, as published files."""
    from rdflib import Graph

    from .rdf import new_graph
    from .resources import ontology_dir

    out = {}
    for name, paths in (
        ("ontology.ttl", [ontology_dir() / "unga.ttl", *sorted((ontology_dir() / "alignments").glob("*.ttl"))]),
        ("vocabularies.ttl", sorted((ontology_dir() / "vocabularies").glob("*.ttl"))),
    ):
        g: Graph = new_graph()
        for path in paths:
            g.parse(path, format="turtle")
        out[name] = g.serialize(format="turtle").encode("utf-8")
    return out


def build(
    paths: list[Path] | None = None,
    out: Path | None = None,
    base: str | None = None,
    validate: bool = True,
    jobs: int | None = None,
) -> BuildResult:
    """Read every document of a corpus (the bundled one when no path is given).

    With ``base`` each document is also mapped to RDF and validated; with ``out`` the valid ones are
    published there (output/rdf/), with the State register."""
    tasks = [(p, e, base, validate) for p, e in discover(paths or [default_corpus()])]
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(tasks) >= POOL_THRESHOLD:
        with ProcessPoolExecutor(workers) as pool:
            outcomes = list(pool.map(_process, tasks, chunksize=4))
    else:
        outcomes = [_process(t) for t in tasks]
    result = BuildResult()
    chosen: dict[str, tuple[int, str, bytes]] = {}  # dump name → (priority, path, Turtle)
    for outcome in outcomes:
        result.documents.extend(outcome.documents)
        result.diagnostics.extend(outcome.diagnostics)
        if outcome.failed:
            result.failed.append(outcome.path)
        for name, (layout, data) in outcome.turtle.items():
            candidate = (SOURCE_PRIORITY.get(layout, 9), outcome.path, data)
            if name in chosen:
                kept, left = sorted([chosen[name], candidate])[0], sorted([chosen[name], candidate])[1]
                result.diagnostics.append(
                    diagnostic("build.duplicate-document", left[1], name=name.removesuffix(".ttl"), kept=kept[1])
                )
                candidate = kept
            chosen[name] = candidate
    result.turtle = {name: data for name, (_, _, data) in sorted(chosen.items())}
    if out is not None and base is not None:
        from .publish import replace_folder
        from .rdf import states_graph

        files = dict(result.turtle)
        files["states.ttl"] = states_graph(base).serialize(format="turtle").encode("utf-8")
        files.update(vocabulary_files())
        result.published = replace_folder(out / "rdf", files)
    return result
