"""The output written as the build goes: each document's files land in the staging folder as soon as
its worker sends them. What the catalogue, the report and the cross-document checks need of it (names,
counts, sizes, checksums, the facts of its votes and meetings) goes to a ledger on disk (``Ledger``)
and is read back when they need it: the parent holds a number per document, so that its memory does
not grow with the corpus.

A document's parts are spooled under ``.spool/`` in the staging folder, by the order it arrived in:
its Turtle and Akoma Ntoso files (moved to ``rdf/`` and ``akn/`` once it is known to be published),
its N-Quads lines (sorted), its JSON-LD named graph and its CSV rows. ``finish`` then writes the
dataset files from them in the order the build has always used — documents by dump name, N-Quads
lines sorted over the whole dataset (a merge of the sorted spools, a few hundred at a time), JSON-LD
graphs by IRI — so the output is byte for byte what one pass over everything in memory would give."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from pipeline.diagnostics import Diagnostic
from pipeline.publish import folder, report, tables
from pipeline.publish.catalog import catalog
from pipeline.publish.dataset import DocumentFiles, PartFiles, json_text, sorted_nodes
from pipeline.publish.once import SHARED, Once
from pipeline.publish.release import release
from pipeline.publish.written import nodes
from pipeline.resources import DATASET
from pipeline.rollcalls import SourceDataset

SPOOL = ".spool"
FAN_IN = 200  # files merged at once: the N-Quads of more documents are merged in rounds


@dataclass
class Spooled:
    """Where one document's (or one part's) files wait, and their sizes and checksums."""

    stem: Path  # .spool/{index}: .ttl, .nq, .jsonld, .votes, .sponsors, .akn.xml, .{code}.xml
    # suffix → (bytes, sha256) of a file published as it is; (bytes, "") of one the dumps are made from
    sums: dict[str, tuple[int, str]] = field(default_factory=dict)

    def file(self, suffix: str) -> Path:
        """The spool file of one kind (``suffix``: ".nq", ".akn.xml" …)."""
        return self.stem.with_name(self.stem.name + suffix)


class Ledger:
    """What a build keeps of each document until its end, on disk rather than in memory: records
    appended as pickles to one spool file, each read back by where it starts (the parent of a build of
    ten thousand documents then holds a number per document, not the few kilobytes of its record)."""

    def __init__(self, path: Path) -> None:
        self._handle = open(path, "w+b")  # noqa: SIM115 (closed by close(), with the spool)

    def add(self, record: object) -> int:
        self._handle.seek(0, os.SEEK_END)
        offset = self._handle.tell()
        pickle.dump(record, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
        return offset

    def get(self, offset: int) -> Any:
        self._handle.seek(offset)
        return pickle.load(self._handle)

    def __iter__(self) -> Iterator[Any]:
        """Every record, in the order they were added."""
        self._handle.seek(0)
        yield from _records(self._handle)

    def close(self) -> None:
        self._handle.close()


def records(path: Path) -> Iterator[Any]:
    """Every record of the ledger written to ``path``, in order, by a reader of its own (several can go
    through one ledger at once)."""
    with open(path, "rb") as handle:
        yield from _records(handle)


def _records(handle: BinaryIO) -> Iterator[Any]:
    while True:
        try:
            yield pickle.load(handle)
        except EOFError:
            return


class Published:
    """The documents to publish, in publication order: each one's files (``DocumentFiles`` without their
    bytes) and spool, read from the ledger every time they are gone through. A record is
    ``(files, spooled, …)``: what follows (the cross-document facts) is not read here."""

    def __init__(self, ledger: Ledger, offsets: list[int]) -> None:
        self._ledger = ledger
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[tuple[DocumentFiles, Spooled]]:
        for offset in self._offsets:
            files, spooled, *_ = self._ledger.get(offset)
            yield files, spooled


class Writer:
    """A staging folder being filled; ``swap`` puts it in place of ``out``, ``discard`` removes it."""

    def __init__(self, out: Path | None):
        self.out = out.resolve() if out is not None else None
        self.staging = folder.stage(self.out) if self.out is not None else Path(tempfile.mkdtemp(prefix="unga-ld-"))
        self.spool = self.staging / SPOOL
        self.spool.mkdir()
        self.ledger = Ledger(self.spool / "ledger")
        self.files: dict[str, tuple[int, str]] = {}  # every published file: (bytes, sha256)
        self._count = 0

    def document(self, made: DocumentFiles) -> tuple[DocumentFiles, Spooled]:
        """Spool one document's files; what is kept of it (no bytes, no lines) and where they are."""
        spooled = self._next()
        _put(spooled, ".ttl", made.turtle, sync=True)
        _put(spooled, ".nq", made.nquads)
        _put(spooled, ".jsonld", made.jsonld)
        _put(spooled, ".votes", made.votes)
        _put(spooled, ".sponsors", made.sponsors)
        if made.akn is not None:
            _put(spooled, ".akn.xml", made.akn, sync=True)
        for code, data in made.akn_versions.items():
            _put(spooled, f".{code}.xml", data, sync=True)
        kept = replace(
            made, turtle=b"", nquads=b"", jsonld=b"", votes=b"", sponsors=b"", akn=None,
            akn_versions=dict.fromkeys(made.akn_versions, b""),
        )  # fmt: skip
        return kept, spooled

    def part(self, made: PartFiles) -> tuple[PartFiles, Spooled]:
        spooled = self._next()
        _put(spooled, ".ttl", made.turtle, sync=True)
        _put(spooled, ".nq", made.nquads)
        _put(spooled, ".jsonld", made.jsonld)
        _put(spooled, ".votes", made.votes)
        return replace(made, turtle=b"", nquads=b"", jsonld=b"", votes=b""), spooled

    @staticmethod
    def drop(spooled: Spooled) -> None:
        """A document that is not published after all (a duplicate, a conflict): its spool goes."""
        for suffix in spooled.sums:
            spooled.file(suffix).unlink(missing_ok=True)

    def _next(self) -> Spooled:
        self._count += 1
        return Spooled(self.spool / str(self._count))

    def finish(
        self,
        documents: Published,
        graphs: list[tuple[str, Graph]],
        diagnostics: list[Diagnostic],
        read: int,
        base: str,
        endpoint: str | None = None,
        parts: list[tuple[PartFiles, Spooled]] | None = None,
        sources: list[SourceDataset] | None = None,
    ) -> list[str]:
        """Every file of the output written into the staging folder, catalog.ttl last; their names.

        ``documents`` in publication order (by dump name); ``graphs``: the dataset's own graphs besides
        the documents' (the State register, the ontology, the vocabularies), each published as
        ``rdf/{name}.ttl`` and as the named graph ``{base}graph/{name}``; ``read``: how many documents
        the build read; ``parts``: the parts of the data sets of roll calls (``sources``)."""
        parts = parts or []
        # what the release, the report and the catalogue say of the documents, gathered in one pass
        graph_iris: dict[str, str] = {}  # dump name → graph IRI
        coverage: list[tuple[str, str, int, int]] = []
        days: set[str] = set()
        spoken = {"en"}
        for d, spooled in documents:
            self._move(spooled, ".ttl", f"rdf/{d.name}.ttl")
            if ".akn.xml" in spooled.sums:
                self._move(spooled, ".akn.xml", f"akn/{d.name}.xml")
            for code in sorted(d.akn_versions):
                self._move(spooled, f".{code}.xml", f"akn/{d.name}.{code}.xml")
            graph_iris[d.name] = d.graph_iri
            coverage.extend((d.name, *c) for c in d.coverage)
            days.update(d.dates)
            spoken.update(d.versions)
        for p, spooled in parts:
            self._move(spooled, ".ttl", f"rdf/{p.name}.ttl")
        named = []
        own: list[tuple[str, bytes]] = []
        for name, graph in graphs:
            data = graph.serialize(format="turtle").encode("utf-8")
            self._write(f"rdf/{name}.ttl", [data])
            named.append((f"{base}graph/{name}", graph))
            own.append((name, data))
        once = Once({iri for iri, _ in named}, f"{base}{SHARED}")
        self._write(DATASET, _batched(once.lines(self._nquads(documents, parts, named))))
        names = chain(graph_iris, (p.name for p, _ in parts))
        turtles = (self.staging / "rdf" / f"{name}.ttl" for name in names)
        self._write("unga-ld.ttl", chain(_chunks(turtles), (data for _, data in own)))  # streamed, never held
        self._write("unga-ld.jsonld", _jsonld(documents, parts, named, once))
        header = tables.csv_rows([[c[0] for c in tables.VOTE_COLUMNS]])
        self._write(
            "votes.csv",
            chain([header], _chunks(_spooled(chain(documents, parts), ".votes"))),
        )
        self._write(
            "votes.csv-metadata.json",
            [tables.csvw("votes.csv", "Recorded votes, one row per State per vote", tables.VOTE_COLUMNS,
                         ["vote", "iso3"], base)],
        )  # fmt: skip
        header = tables.csv_rows([[c[0] for c in tables.SPONSOR_COLUMNS]])
        self._write(
            "sponsors.csv",
            chain([header], _chunks(_spooled(documents, ".sponsors"))),
        )
        self._write(
            "sponsors.csv-metadata.json",
            [tables.csvw("sponsors.csv", "Sponsors of drafts, one row per State per draft", tables.SPONSOR_COLUMNS,
                         ["document", "draft", "state"], base)],
        )  # fmt: skip
        own_files = {f"{name}.ttl" for name, _ in graphs}
        released = release(self.out, self.staging, graph_iris, own_files, self.files[DATASET][1], base)
        for name, content in sorted(released.files.items()):
            self._write(name, _chunks([content]) if isinstance(content, Path) else [content])
        made = [p for p, _ in parts]
        roll_calls = (sum(p.roll_calls for p in made), sum(p.positions for p in made))
        text, data = report.report(diagnostics, len(graph_iris), read, coverage, roll_calls)
        self._write("reports/validation.txt", [text])
        self._write("reports/validation.json", [data])
        dates = sorted(days | {day for p in made for day in p.dates})
        modified = dt.date.fromisoformat(dates[-1]) if dates else dt.date(1945, 10, 24)
        triples, entities = once.quads, once.subjects  # each triple once, each subject once
        described = dict(self.files)
        self._write(
            "catalog.ttl",
            [
                catalog(
                    base, described, triples, entities, dates, len(graph_iris), modified, endpoint, sorted(spoken),
                    [(s, sum(p.roll_calls for p in made if p.name.startswith(f"{s.key}/"))) for s in sources or []],
                    released.release,
                )
            ],
        )  # fmt: skip
        self.ledger.close()
        os.replace(self.spool, self._retired)
        return sorted(self.files)

    def swap(self, finish: Callable[[Path], None] | None = None) -> None:
        """Put the staging folder in place of ``out`` (``folder.swap``)."""
        assert self.out is not None
        folder.swap(self.staging, self.out, finish)
        shutil.rmtree(self._retired, ignore_errors=True)

    def discard(self) -> None:
        self.ledger.close()
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self._retired, ignore_errors=True)

    @property
    def _retired(self) -> Path:
        """Where the spool goes when ``finish`` is done with it: out of the staging folder, and removed
        only once the output is in place. Its files (tens of thousands) removed just before the store is
        made cost that store's files more on a file system that looks past recently removed inodes
        for each new one (ext4 without a journal): a tenth more CPU to load 10,090 documents. Beside
        the staging folder, with its name: a build killed before removing it has it removed by the next."""
        return self.staging.with_name(f"{self.staging.name}.spool")

    def _move(self, spooled: Spooled, suffix: str, name: str) -> None:
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(spooled.file(suffix), target)
        self.files[name] = spooled.sums[suffix]

    def _write(self, name: str, chunks: Iterable[bytes]) -> None:
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        self.files[name] = (size, digest.hexdigest())

    def _nquads(
        self,
        documents: Published,
        parts: list[tuple[PartFiles, Spooled]],
        named: list[tuple[str, Graph]],
    ) -> Iterator[bytes]:
        """The lines of every N-Quads spool and of the dataset's own graphs, merged in sorted order."""
        own = sorted(
            f"{line[:-2]} <{iri}> .\n".encode()
            for iri, graph in named
            for line in graph.serialize(format="nt").splitlines()
            if line.endswith(" .")
        )
        runs = list(_spooled(chain(documents, parts), ".nq"))
        rounds = 0
        while len(runs) > FAN_IN:  # merged in rounds: a process may not hold ten thousand files open
            rounds += 1
            merged = []
            for start in range(0, len(runs), FAN_IN):
                target = self.spool / f"merge-{rounds}-{start}.nq"
                with open(target, "wb") as handle:
                    handle.writelines(_merge(runs[start : start + FAN_IN]))
                merged.append(target)
            runs = merged
        yield from _merge(runs, own)


def _merge(paths: list[Path], extra: list[bytes] | None = None) -> Iterator[bytes]:
    """The lines of sorted files (and of ``extra``, sorted), in sorted order."""
    with ExitStack() as stack:
        handles: list[BinaryIO] = [stack.enter_context(open(p, "rb")) for p in paths]
        # each line ends with a line feed, below every character an N-Quads line holds: the order of
        # the lines with it is the order of their text (and of their UTF-8 bytes, as of their characters)
        yield from heapq.merge(*handles, *([extra] if extra else []))


def _batched(lines: Iterator[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    batch: list[bytes] = []
    held = 0
    for line in lines:
        batch.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)


def _spooled(spooled: Iterable[tuple[object, Spooled]], suffix: str) -> Iterator[Path]:
    """The spool files of one kind (``suffix``) of documents or parts, in their order."""
    for _, s in spooled:
        yield s.file(suffix)


def _chunks(paths: Iterable[Path], size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of files one after the other, a megabyte at a time."""
    for path in paths:
        with open(path, "rb") as handle:
            while chunk := handle.read(size):
                yield chunk


def _jsonld(
    documents: Published,
    parts: list[tuple[PartFiles, Spooled]],
    named: list[tuple[str, Graph]],
    once: Once,
) -> Iterator[bytes]:
    """The JSON-LD dump: one array of named graphs by IRI, each document's read from its spool, each
    triple in the graph the N-Quads give it (``once``), the shared graph among them."""
    # spooled: a graph's nodes, one a line
    entries: list[tuple[str, Path | bytes]] = [
        (files.graph_iri, s.file(".jsonld"))
        for files, s in chain[tuple[DocumentFiles | PartFiles, Spooled]](documents, parts)
    ]
    for iri, g in named:
        entries.append((iri, _named(iri, json.loads(g.serialize(format="json-ld")), once)))
    shared = once.shared_lines()
    if shared:
        triples = ox.parse(b"".join(shared), format=ox.RdfFormat.N_TRIPLES)
        entries.append((once.shared, _named(once.shared, nodes(triples))))
    entries.sort(key=lambda e: e[0])
    yield b"["
    for i, (iri, source) in enumerate(entries):
        if i:
            yield b","
        yield source if isinstance(source, bytes) else named_graph(iri, source.read_bytes(), once)
    yield b"]\n"


def named_graph(iri: str, text: bytes, once: Once) -> bytes:
    """A named graph as the JSON-LD dump writes it (as ``_named`` would), from its nodes' JSON text, one a
    line, sorted (``text``, UTF-8): a node about the graph's own document (its IRI, or the IRI and a
    fragment) loses nothing to another graph and is copied as it is; another is read and loses what
    stands elsewhere (``Once.drop``). Most of a document's nodes are its own parts."""
    own = f"{iri}#"
    texts = []
    # split at line feeds only: JSON text escapes them, not U+2028 or U+0085, which splitlines() takes
    for line in text.decode("utf-8").split("\n")[:-1]:
        subject = line[8 : line.index('"', 8)]  # '{"@id":"…"': keys sorted, "@id" first; IRIs hold no quote
        if subject == iri or subject.startswith(own) or not once.kept:
            texts.append(line)
        else:
            texts.extend(json_text(node) for node in once.drop(iri, [json.loads(line)]))
    return f'{{"@graph":[{",".join(texts)}],"@id":{json_text(iri)}}}'.encode()


def _named(iri: str, nodes: list[dict], once: Once | None = None) -> bytes:
    """A named graph as the JSON-LD dump writes it (nodes sorted), without what ``once`` puts elsewhere."""
    if once is not None and iri != once.shared:
        nodes = once.drop(iri, nodes)
    return json_text({"@id": iri, "@graph": sorted_nodes(nodes)}).encode("utf-8")


def _put(spooled: Spooled, suffix: str, data: bytes, sync: bool = False) -> None:
    """One spool file; ``sync``: one that becomes a published file as it is (fsynced now, its checksum
    kept for the catalogue)."""
    with open(spooled.file(suffix), "wb") as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())
    spooled.sums[suffix] = (len(data), hashlib.sha256(data).hexdigest() if sync else "")
