"""The orchestrator: chains the stages over a corpus. The only module besides the CLI that imports
more than one stage.

    sources.read → normalise → parse → model ─┬→ rdf.to_graph → validate ─┐
                                              └→ akn.akn_bytes → validate.xsd ─┴→ publish
    sources.unvotes (a data set of roll calls) → rdf.rollcalls_graph → validate ──→ publish

Documents are independent: each one is read, mapped to its own graph, validated and serialised on
its own (in worker processes when the corpus is large), and its files are written into the staging
folder as soon as they come back (``publish.Writer``), the rest of what the build needs of them in a
ledger on disk: the parent keeps of each only its name and rank. The few steps that need every
document at once (language versions, drafts adopted, lineage, votes against roll calls) run between
reading and mapping in a child process of their own (``_prepare``), so that what they hold goes with
it. The dataset files are then written from those pieces and published in one staged swap."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import itertools
import json
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from pipeline import lineage, ondisk, publish, rdf
from pipeline.akn import akn_bytes
from pipeline.diagnostics import Diagnostic, DocumentError, PipelineError, diagnostic, has_errors
from pipeline.iris import dump_name
from pipeline.model import Document, to_json
from pipeline.namespaces import DEFAULT_BASE
from pipeline.normalise import normalise
from pipeline.parse import parse, plenary, versions
from pipeline.publish import DocumentFiles, PartFiles, Published, Spooled
from pipeline.publish.staged import Ledger, records
from pipeline.publish.written import Written, written
from pipeline.resources import ROOT, default_corpus, ontology_dir, shapes_dir
from pipeline.rollcalls import RollCall, SourceDataset
from pipeline.sources import ManifestEntry, discover, pdf, read, unvotes
from pipeline.symbols import Symbol
from pipeline.validate import Validator, integrity, xsd
from pipeline.validate.rollcalls import crosscheck

_T = TypeVar("_T")
_LIBRARIES = ("rdflib", "shacl", "pyoxigraph", "lxml", "pypdfium2", "rapidfuzz", "jinja2")
POOL_THRESHOLD = 16  # below this many files, worker processes cost more than they save


@dataclass
class Diagnosed:
    """What a pass over a corpus noticed, and the files that gave no document."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that gave no document

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass
class Reading(Diagnosed):
    """A corpus read into the model."""

    documents: list[Document] = field(default_factory=list)


@dataclass
class BuildResult(Diagnosed):
    """A build: how many documents it read, and what it published. It keeps no document's model (the
    published files hold them; ``read_corpus`` gives them), so that what it holds does not grow with
    the texts of the corpus."""

    kinds: dict[str, int] = field(default_factory=dict)  # the documents read, by kind ("resolution": 120)
    versions: int = 0  # the language versions read with them (each attached to its document)
    published: list[str] = field(default_factory=list)  # the dump names of the documents published, in order
    files: list[str] = field(default_factory=list)  # every published file, relative to output/, sorted
    roll_calls: list[RollCall] = field(default_factory=list)  # read from a data set of roll calls
    parts: dict[str, PartFiles] = field(default_factory=dict)  # "unvotes/session-26" → a session's counts

    @property
    def read(self) -> int:
        """How many documents the build read (language versions aside)."""
        return sum(self.kinds.values())


@dataclass
class _Outcome:
    path: str
    documents: list[Document]
    diagnostics: list[Diagnostic]
    failed: bool = False
    spooled: list[str] = field(default_factory=list)  # in a build: where the documents wait (``_hold``)


@dataclass(frozen=True)
class _Held:
    """A document read by a build, as the steps across documents need it: its model without the texts
    (``_slim``: what the checks across documents, the choice between readings and the report need),
    the symbols it cites that may name the resolution it continues (``lineage.continued``: a tenth of
    what it cites), and the file its whole model waits in. Written beside that file by the process
    that read it (``_hold``), read back by the child process that takes the steps across documents
    (``_prepare``): the build's parent keeps of a document read only where it waits."""

    doc: Document
    cited: tuple[Symbol, ...]
    path: str

    @property
    def name(self) -> str:
        return dump_name(self.doc)

    @property
    def rank(self) -> tuple[int, str]:
        return versions.rank(self.doc)  # reads only the source, which the slim model keeps


@dataclass(frozen=True)
class _Spool:
    """Where a build spools the models it reads, and whether the steps across documents keep each
    vote's States (a build that checks the documents' votes against a data set of roll calls needs
    them)."""

    folder: Path
    positions: bool = False


def _hold(doc: Document, spool: _Spool) -> _Held:
    """``doc`` spooled whole (by whichever process holds it) in a ``.model`` file, and what the steps
    across documents need of it (``_Held``) beside it in a ``.held`` file (``_held`` reads it back)."""
    stem = spool.folder / uuid.uuid4().hex  # workers come and go: a process id may be taken again
    with open(f"{stem}.model", "wb") as handle:
        pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
    slim, cited = _slim(doc, spool.positions), lineage.continued(doc)
    with open(f"{stem}.held", "wb") as handle:
        pickle.dump((slim, cited), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return _Held(slim, cited, f"{stem}.model")


def _held(path: str) -> _Held:
    """What ``_hold`` kept of the document spooled in ``path``."""
    with open(path.removesuffix(".model") + ".held", "rb") as handle:
        slim, cited = pickle.load(handle)
    return _Held(slim, cited, path)


def _load(path: str) -> Document:
    with open(path, "rb") as handle:
        doc = pickle.load(handle)
    assert isinstance(doc, Document)
    return doc


def _slim(doc: Document, positions: bool = False) -> Document:
    """A document without its paragraphs, footnotes and annexes (their texts), its sponsors, keywords
    and coverage, its versions' texts or its comparisons, and (unless ``positions``) without the States
    of its votes: the votes themselves (what was voted on, and what it became), its symbol, kind,
    titles, source and dates stay."""
    votes = (
        doc.votes
        if positions
        else tuple(replace(v, in_favour=(), against=(), abstaining=(), not_voting=(), intentions=()) for v in doc.votes)
    )
    return replace(
        doc, preamble=(), operative=(), footnotes=(), annexes=(), report_paragraphs=(), comparisons=(),
        sponsors=(), keywords=(), coverage=None, votes=votes, versions=tuple(_slim(v, positions) for v in doc.versions),
    )  # fmt: skip


def read_documents(
    path: Path, manifest: ManifestEntry | None = None, name: str | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """One file into the model (an Akoma Ntoso collection holds several resolutions).

    Raises DocumentError when the file is not a usable document."""
    raw = read(path, manifest, name)
    source = normalise(pdf.printed(raw)) if raw.is_pdf else raw if raw.is_xml else normalise(raw)
    parsed = parse(source)
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
        return _Outcome(shown, [], [exc.diagnostic], failed=True)
    except Exception as exc:  # a bug must not cost the user the rest of the corpus
        reason = f"{type(exc).__name__}: {exc}"
        return _Outcome(shown, [], [diagnostic("internal.error", shown, reason=reason)], failed=True)
    return _Outcome(shown, documents, diagnostics)


_Plan = tuple[tuple[str, str, float], ...]  # the texts a document derives from: (spooled model, found by, confidence)


_Exported = tuple[DocumentFiles | None, integrity.Graphed | None, list[Diagnostic]]


def _export(task: tuple[str, _Plan, str, bool, Path | None]) -> _Exported:
    """Map, validate and serialise one document with its language versions (runs in a worker process),
    or take from the cache what an earlier build made of the very same document by the same code. The
    document is read from its spool, and compared here with the earlier texts it derives from. With its
    files, what the checks across documents need of it (``integrity.graphed``, its file left blank)."""
    path, plan, base, check, cache_dir = task
    doc = _load(path)
    if plan:
        compared = tuple(lineage.compare(_load(earlier), doc, by, confidence) for earlier, by, confidence in plan)
        doc = replace(doc, comparisons=compared)
    return _cached(
        cache_dir,
        lambda: ["export", to_json(doc), base, check],
        lambda: _exported(doc, base, check),
    )


def _exported(doc: Document, base: str, check: bool) -> _Exported:
    made, found, graph = _document_files(doc, doc.source.path if doc.source else "-", base, check)
    facts = integrity.graphed(made.name, "", graph.triples, base) if made is not None and graph is not None else None
    return made, facts, found


def _cached(cache_dir: Path | None, key: Callable[[], list[object]], make: Callable[[], _T]) -> _T:
    """``make()``, or with a cache folder what it gave for the same key under the same code
    (``_code``), kept as a pickle written whole or not at all. A cache that cannot be read or written
    costs speed, never the build. The key is made only for a cache (a document's model as JSON is a
    tenth of its export)."""
    if cache_dir is None:
        return make()
    digest = hashlib.sha256(json.dumps(key(), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    entry = cache_dir / _code()[:16] / digest[:2] / f"{digest}.pickle"
    try:
        with open(entry, "rb") as handle:
            kept: _T = pickle.load(handle)
        return kept
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        pass  # not there, or not readable: made anew
    made = make()
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, entry)  # a killed build leaves no half entry
    return made


@cache
def _code() -> str:
    """A fingerprint of everything that decides what a document becomes: the package's code, the
    shapes, the ontology and vocabularies, the register, Python and the libraries that read, map,
    validate and write (a change to any makes every entry stale)."""
    digest = hashlib.sha256(sys.version.encode())
    for library in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)}".encode())
    for folder, pattern in ((ROOT / "pipeline", "*.py"), (ROOT / "pipeline" / "register", "*"),
                            (shapes_dir(), "*.ttl"), (ontology_dir(), "*.ttl")):  # fmt: skip
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _prune(cache_dir: Path) -> None:
    """Entries made by other versions of the code can never be used again: removed, so that the cache
    holds one version's worth of documents."""
    if not cache_dir.is_dir():
        return
    current = _code()[:16]
    for folder in cache_dir.iterdir():
        if folder.is_dir() and folder.name != current and re.fullmatch(r"[0-9a-f]{16}", folder.name):
            shutil.rmtree(folder, ignore_errors=True)


def document_files(
    doc: Document, shown: str, base: str, check: bool = True
) -> tuple[DocumentFiles | None, list[Diagnostic]]:
    """Map, validate and export one document: its files (None when it is not to be published) and the
    diagnostics. One error boundary: a step that fails costs this document, never the build."""
    made, found, _ = _document_files(doc, shown, base, check)
    return made, found


def _document_files(
    doc: Document, shown: str, base: str, check: bool
) -> tuple[DocumentFiles | None, list[Diagnostic], Written | None]:
    """``document_files``, and the document's graph as written where it got that far."""
    out = None
    step = "mapping to RDF"
    try:
        out = written(rdf.to_triples(doc, base))  # its N-Triples, Turtle and JSON-LD, for the shapes and the files
        step = "SHACL validation"
        found = _validator(base).text(out.ntriples, shown) if check else []
        step = "the Akoma Ntoso export"
        akn = akn_bytes(doc)
        translated = {version.language: akn_bytes(version) for version in doc.versions}
        if check:
            for version, data in ((doc, akn), *((v, translated[v.language]) for v in doc.versions)):
                where = version.source.path if version.source else shown
                found += [
                    diagnostic("export.akn-invalid", where, name=dump_name(doc), reason=problem)
                    for problem in xsd.errors(data)[:1]
                ]
        step = "writing its files"
        if has_errors(found):
            return None, found, out
        return publish.document_files(doc, out, akn, base, translated), found, out
    except PipelineError:
        raise  # the tool cannot run (shapes that do not load): exit 2, not a document's problem
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        return None, [diagnostic("build.step-failed", shown, step=step, name=dump_name(doc), reason=reason)], out


def _export_part(
    task: tuple[str, list[RollCall], SourceDataset, str, bool],
) -> tuple[PartFiles | None, list[Diagnostic]]:
    """Map, validate and serialise one part of a data set of roll calls (a session's; in a worker
    process): its files (None when it is not to be published) and the diagnostics."""
    name, roll_calls, source, base, check = task
    step = "mapping to RDF"
    try:
        out = written(rdf.rollcalls_triples(roll_calls, source, base))
        step = "SHACL validation"
        found = _validator(base).text(out.ntriples, name) if check else []
        if has_errors(found):
            return None, found
        step = "writing its files"
        return publish.rollcall_files(name, roll_calls, source, out, base), found
    except PipelineError:
        raise
    except Exception as exc:  # one session's failure costs that session, never the build
        reason = f"{type(exc).__name__}: {exc}"
        return None, [diagnostic("build.step-failed", name, step=step, name=name, reason=reason)]


def _sessions(roll_calls: list[RollCall], source: SourceDataset) -> list[tuple[str, list[RollCall]]]:
    """The roll calls by session, each session a part of the dataset: ("unvotes/session-26", …)."""
    by_session: dict[int, list[RollCall]] = {}
    for rc in roll_calls:
        by_session.setdefault(rc.session, []).append(rc)
    return [(f"{source.key}/session-{session}", group) for session, group in sorted(by_session.items())]


Progress = Callable[[str, int, int], None]  # (stage, done, total), after each task


def _each(
    function,
    tasks: Iterable,
    pool: _Pool | None,
    progress: Progress | None = None,
    stage: str = "",
    chunksize: int = 4,
    total: int | None = None,
) -> Iterator:
    """``function`` over ``tasks`` (``total`` of them: a list's length unless given), in worker processes
    where there are enough: each result in order, as soon as it is done (the caller keeps what it needs
    of it, not the whole list)."""
    if total is None:
        assert isinstance(tasks, Sized), "tasks taken as they go come with their number"
        total = len(tasks)
    if pool is not None and total >= POOL_THRESHOLD:
        results: Iterator = _windowed(pool, function, tasks, chunksize)
    else:
        results = (function(t) for t in tasks)
    for done, result in enumerate(results, 1):
        yield result
        if progress is not None:
            progress(stage, done, total)


def _windowed(pool: _Pool, function, tasks: Iterable, chunksize: int) -> Iterator:
    """``pool.map(function, tasks, chunksize)`` with a few chunks in flight at a time (four per worker),
    not every one of them: the results a slow chunk holds back wait in the parent (a document's files,
    hundreds of kilobytes) for the chunks in flight only, not for the rest of the corpus; the tasks are
    taken as they are needed. After every ``RENEWED`` tasks, once their results are in, the pool's
    workers are replaced by new ones (``_Pool.renew``)."""
    left = iter(tasks)
    chunks = iter(lambda: list(itertools.islice(left, chunksize)), [])
    window = 4 * pool.workers
    pending: deque = deque()
    given = 0  # tasks given to the workers of this generation
    for chunk in chunks:
        if given >= RENEWED:
            while pending:
                yield from pending.popleft().result()
            pool.renew()
            given = 0
        pending.append(pool.submit(_apply, function, chunk))
        given += len(chunk)
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _apply(function, chunk: list) -> list:
    return [function(task) for task in chunk]


RENEWED = 1000  # tasks a pool's workers are given before new ones take their place


class _Pool:
    """Worker processes that say how many they are, and can be replaced by new ones (``renew``): a worker
    that has mapped a few thousand documents holds more than a new one (its heap, the caches it
    filled: 92 MB after 500 documents, 105 MB after 5,000), so the build's peak would grow with the
    corpus; new workers start from the parent, which holds little (``_prepare``)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor = ProcessPoolExecutor(workers)

    def submit(self, function: Callable[..., _T], *args: object) -> Future[_T]:
        return self._executor.submit(function, *args)

    def renew(self) -> None:
        self._executor.shutdown()
        self._executor = ProcessPoolExecutor(self.workers)

    def shutdown(self) -> None:
        self._executor.shutdown()


def _pool(jobs: int | None) -> _Pool | None:
    workers = jobs or os.cpu_count() or 1
    return _Pool(workers) if workers > 1 else None


def _gather(outcomes: list[_Outcome], reading: Reading) -> None:
    """The outcomes of reading each file into ``reading``, with the language versions of each document
    attached to it (``parse.versions``)."""
    read: list[Document] = []
    for outcome in outcomes:
        read.extend(outcome.documents)
        reading.diagnostics.extend(outcome.diagnostics)
        if outcome.failed:
            reading.failed.append(outcome.path)
    combined, found = versions.combine(read)
    reading.documents.extend(combined)
    reading.diagnostics.extend(found)


def read_corpus(paths: list[Path] | None = None, jobs: int | None = None) -> Reading:
    """Every document of a corpus (the bundled one when no path is given) in the model, nothing more."""
    tasks = discover(paths or [default_corpus()])
    pool = _pool(jobs) if len(tasks) >= POOL_THRESHOLD else None
    try:
        outcomes = list(_each(_read_task, [(path, entry, None, None) for path, entry in tasks], pool))
    finally:
        if pool is not None:
            pool.shutdown()
    reading = Reading()
    _gather(outcomes, reading)
    return reading


def _read_task(task: tuple[Path, ManifestEntry | None, Path | None, _Spool | None]) -> _Outcome:
    """One file read, or with a cache folder what an earlier build read from the very same bytes; with
    a spool folder, its documents spooled there (``_hold``)."""
    path, entry, cache_dir, spool = task
    content = ""
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest() if cache_dir is not None else ""
    except OSError:
        cache_dir = None  # unreadable: _read says why
    outcome = _cached(cache_dir, lambda: ["read", str(path), content, repr(entry)], lambda: _read(path, entry))
    if spool is not None:
        outcome = replace(outcome, documents=[], spooled=[_hold(doc, spool).path for doc in outcome.documents])
    return outcome


def _collect(outcomes: Iterator[_Outcome], diagnostics: _Deferred, failed: list[str]) -> list[str]:
    """Where the documents read wait (``_hold``), in the order they were read, with the outcomes'
    diagnostics and the files that failed."""
    spooled: list[str] = []
    for outcome in outcomes:
        spooled.extend(outcome.spooled)
        diagnostics.extend(outcome.diagnostics)
        if outcome.failed:
            failed.append(outcome.path)
    return spooled


class _Deferred:
    """Diagnostics put aside in a ledger on disk while the workers run (when a build's memory peaks),
    read back in the order they came once they are done: a corpus's warnings are a few hundred bytes
    a document, and a build of ten thousand documents gives some thirteen thousand."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    def extend(self, found: Iterable[Diagnostic]) -> None:
        if batch := list(found):
            self._ledger.add(batch)

    def append(self, found: Diagnostic) -> None:
        self._ledger.add([found])

    def __iter__(self) -> Iterator[Diagnostic]:
        for batch in self._ledger:
            yield from batch

    def close(self) -> None:
        self._ledger.close()


@dataclass(frozen=True)
class _Prepared:
    """What mapping the documents needs of the steps across them all (``_prepare``): how many documents
    there are (each one's spooled model, the earlier texts it derives from and its rank are in the
    ledger it was given); the counts the report gives; the diagnostics of aligning language versions and
    of checking the votes against the roll calls."""

    documents: int
    kinds: dict[str, int]
    versions: int
    combined: list[Diagnostic]
    checked: list[Diagnostic]


def _prepare(
    spooled: list[str], spool: _Spool, roll_calls: list[RollCall], source: SourceDataset, exports: Path
) -> _Prepared:
    """The steps that need every document at once (``_isolated`` runs them in a child process): each
    with its language versions attached (the models of a document read in several languages are
    loaded to be aligned, and spooled anew), the drafts a record names only by number filled in
    (``plenary.with_drafts``), the texts each derives from (``lineage.pairs``), its votes checked
    against the roll calls. What each document's mapping needs goes to the ledger ``exports``: (its
    spooled model, the texts it derives from, its rank)."""
    groups: dict[str, list[_Held]] = {}
    for path in spooled:
        held = _held(path)
        groups.setdefault(held.name, []).append(held)
    combined: list[Diagnostic] = []
    everyone: list[_Held] = []
    for members in groups.values():  # versions.combine, one document at a time
        if len({h.doc.language for h in members}) == 1:
            everyone.extend(members)
            continue
        documents, found = versions.combine([_load(h.path) for h in members])
        combined.extend(found)
        everyone.extend(_hold(doc, spool) for doc in documents)
    adopted = plenary.drafts_adopted(h.doc for h in everyone)
    for i, h in enumerate(everyone):
        if plenary.with_draft(h.doc, adopted) is not h.doc:
            everyone[i] = _hold(plenary.with_draft(_load(h.path), adopted), spool)
    ledger = Ledger(exports)
    for h, plan in zip(everyone, _plans(everyone), strict=True):
        ledger.add((h.path, plan, h.rank))
    ledger.close()
    return _Prepared(
        len(everyone),
        dict(sorted(Counter(h.doc.kind.value for h in everyone).items())),
        sum(len(h.doc.versions) for h in everyone),
        combined,
        crosscheck((h.doc for h in everyone), roll_calls, source),
    )


def _links(held: list[_Held]) -> list[tuple[int, int, str, float]]:
    """``lineage.pairs`` of the documents (by their places in ``held``): (later, earlier, found by,
    confidence)."""
    docs = [h.doc for h in held]
    index = {id(doc): i for i, doc in enumerate(docs)}
    return [
        (index[id(pair.later)], index[id(pair.earlier)], pair.found_by, pair.confidence)
        for pair in lineage.pairs(docs, lambda doc: held[index[id(doc)]].cited)
    ]


def _plans(held: list[_Held]) -> list[_Plan]:
    """For each document, the earlier texts read with it that it derives from (``lineage.pairs``)."""
    found: dict[int, list[tuple[str, str, float]]] = {}
    for later, earlier, by, confidence in _links(held):
        found.setdefault(later, []).append((held[earlier].path, by, confidence))
    return [tuple(found.get(i, ())) for i in range(len(held))]


def _isolated(function: Callable[..., _T], *args: object) -> _T:
    """``function(*args)`` in a child process forked for it, where the system forks (elsewhere, here):
    what it holds at once (every document's model, unpickled) goes back to the system when the child
    ends, instead of leaving this process's heap larger for the rest of the build, freed objects
    scattered between those that stay (at 10,090 documents the parent held 107 MB when mapping began,
    93 MB with these steps in a child). The child inherits the arguments (the build's workers are
    forked already and idle: it touches none of their queues); its answer comes back pickled, its
    exception raised here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_answer, args=(sending, function, args), daemon=True)
    child.start()
    sending.close()  # the child's end: an EOF here when it dies without an answer
    try:
        answered, value = receiving.recv()
    except EOFError:
        child.join()
        raise PipelineError(
            f"the steps across documents ended without an answer (exit code {child.exitcode})"
        ) from None
    finally:
        receiving.close()
        if child.is_alive():
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    if not answered:
        raise value
    return value


def _answer(sending: Connection, function: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        answer: tuple[bool, object] = (True, function(*args))
    except BaseException as exc:  # raised in the parent
        answer = (False, exc)
    try:
        sending.send(answer)
    except Exception as exc:  # an answer that does not pickle
        sending.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    sending.close()


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 128 << 10


@cache
def _fixed_mmap_threshold() -> None:
    """glibc's allocator asks the kernel for each block of ``MMAP_THRESHOLD`` bytes or more, and gives it
    back when freed, in this process and the workers it forks. By default it raises that threshold to
    the size of the largest such block freed (up to 32 MB): a build's buffers (a chunk of documents'
    files, hundreds of kilobytes each) then come from the heap, between the small objects that stay,
    and the heap only grows. Fixed, the tree's peak at 3,026 documents was 279 MB, not 322. Elsewhere
    (no glibc) nothing is done."""
    with contextlib.suppress(OSError, AttributeError):
        mallopt = ctypes.CDLL(None).mallopt  # the symbols this process has: libc's
        mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def build(
    paths: list[Path] | None = None,
    out: Path | None = None,
    base: str = DEFAULT_BASE,
    validate: bool = True,
    jobs: int | None = None,
    endpoint: str | None = None,
    progress: Progress | None = None,
    votes_dataset: Path | None = None,
    store: bool = True,
    cache_dir: Path | None = None,
) -> BuildResult:
    """Read, map, validate and export every document of a corpus (the bundled one when no path is
    given); with ``out``, publish the valid ones there with the dataset files, in one staged swap.
    ``votes_dataset``: a folder of Erik Voeten's roll calls (``sources.unvotes``), published beside the
    documents, one part per session, and checked against the documents' votes.
    ``progress`` hears of each file read ("reading"), each document mapped ("mapping") and each session
    of roll calls mapped ("roll calls"). ``store``: the output gets the on-disk store that ``serve`` and
    ``query`` open (``pipeline.ondisk``). ``cache_dir``: a folder where each document's mapped, validated and
    serialised files are kept by the document's content and the code's fingerprint, so that a rebuild
    remakes only the documents that changed (``_export``)."""
    _fixed_mmap_threshold()
    tasks = discover(paths or [default_corpus()])
    result = BuildResult()
    source = unvotes.DATASET
    if votes_dataset is not None:
        result.roll_calls, found = unvotes.read(votes_dataset, display(votes_dataset))
        result.diagnostics.extend(found)
    sessions = _sessions(result.roll_calls, source)
    writer = publish.Writer(out)  # the staging folder, before any worker starts
    pool = _pool(jobs) if len(tasks) + len(sessions) >= POOL_THRESHOLD else None
    chosen: dict[str, tuple[tuple[int, str], int]] = {}  # dump name → (rank, where its record is in the ledger)
    parts: list[tuple[PartFiles, Spooled]] = []
    later: list[Diagnostic] = []  # the roll calls' diagnostics, reported after the checks across documents
    try:
        try:
            if cache_dir is not None:
                _prune(cache_dir)
            spool = _Spool(writer.spool, positions=bool(result.roll_calls))
            deferred = _Deferred(Ledger(writer.spool / "diagnostics"))
            read_tasks = [(path, entry, cache_dir, spool) for path, entry in tasks]
            del tasks  # let go before the workers' peak, as is all the parent no longer needs
            reading = _each(_read_task, read_tasks, pool, progress, "reading")
            spooled = _collect(reading, deferred, result.failed)
            del read_tasks
            planned = writer.spool / "exports"
            prepared = _isolated(_prepare, spooled, spool, result.roll_calls, source, planned)
            del spooled
            deferred.extend(prepared.combined)
            result.kinds, result.versions, checked = prepared.kinds, prepared.versions, prepared.checked
            # read once, for the workers and for the results: between the two wait only the tasks in flight
            for_tasks, for_ranks = itertools.tee(records(planned))
            tasks_out = ((path, plan, base, validate, cache_dir) for path, plan, _ in for_tasks)
            ranks = (rank for _, _, rank in for_ranks)
            exports = _each(_export, tasks_out, pool, progress, "mapping", chunksize=1, total=prepared.documents)
            for rank, (made, facts, found) in zip(ranks, exports, strict=True):  # as each one is done
                deferred.extend(found)
                if made is not None and facts is not None:
                    _choose(chosen, rank, made, replace(facts, file=rank[1]), writer, deferred)
            part_tasks = [(name, group, source, base, validate) for name, group in sessions]
            for part, found in _each(_export_part, part_tasks, pool, progress, "roll calls", chunksize=1):
                later.extend(found)
                if part is not None:
                    parts.append(writer.part(part))
        finally:
            if pool is not None:
                pool.shutdown()
        result.diagnostics.extend(deferred)
        deferred.close()
        ordered = sorted(chosen.items())
        ledger = writer.ledger
        found, rejected = integrity.conflicts(ledger.get(offset)[2] for _, (_, offset) in ordered)
        result.diagnostics.extend(found)
        for name, (_, offset) in ordered:
            if name in rejected:
                writer.drop(ledger.get(offset)[1])
        published = Published(ledger, [offset for name, (_, offset) in ordered if name not in rejected])
        result.published = [name for name, _ in ordered if name not in rejected]
        result.diagnostics.extend(later)
        result.parts = {part.name: part for part, _ in parts}
        result.diagnostics.extend(checked)
        if validate:
            result.diagnostics.extend(_validator(base).register_conforms())
        if out is not None and not result.published and not result.parts:
            result.diagnostics.append(diagnostic("build.nothing-to-publish", None, out=str(out)))
            writer.discard()
            return result
        graphs = [("states", rdf.states_graph(base)), *rdf.ontology_graphs()]
        result.files = writer.finish(
            published,
            graphs,
            result.diagnostics,
            result.read,
            base,
            endpoint,
            parts,
            [source] if result.parts else [],
        )
        if out is not None:
            writer.swap((lambda staging: ondisk.write(staging, out)) if store else None)
        else:
            writer.discard()
    except BaseException:
        writer.discard()  # the previous output stays as it was
        raise
    return result


def _choose(
    chosen: dict[str, tuple[tuple[int, str], int]],
    rank: tuple[int, str],
    made: DocumentFiles,
    facts: integrity.Graphed,
    writer: publish.Writer,
    diagnostics: _Deferred,
) -> None:
    """A valid document's files spooled and its record (files without their bytes, spool, facts) put in
    the writer's ledger; where an earlier one has its dump name, the better of the two (by ``rank``:
    ``versions.rank`` of its model) is kept and the other's files dropped."""
    kept, spooled = writer.document(made)
    candidate = (rank, writer.ledger.add((kept, spooled, facts)))
    if made.name in chosen:
        better, worse = sorted([chosen[made.name], candidate], key=lambda c: c[0])
        diagnostics.append(diagnostic("build.duplicate-document", worse[0][1], name=made.name, kept=better[0][1]))
        writer.drop(writer.ledger.get(worse[1])[1])
        candidate = better
    chosen[made.name] = candidate
