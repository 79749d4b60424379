"""Each triple once in the dataset: what several named graphs state is published in one of them.

A document's graph describes what it cites (a cited document's type, symbol and link), the meetings it
was adopted at, the votes a record and a resolution both give; the same triples stand in every graph
that mentions them. Each document's Turtle file keeps them (it is the graph that was validated, whole
on its own), but in the dataset's dumps, and so in a store loaded from them, a triple that several
graphs state stands once, in the graph that ``kept`` names:

- the graph of the document it is about (its subject without the fragment), where that graph states it;
- else one of the dataset's own graphs (the State register, the ontology, the vocabularies) that does;
- else the shared graph, ``{base}graph/shared``.

So the union of the graphs (a store's default graph) gives each triple once, and a cited resource is
described once, not once per document that cites it. The pass reads the N-Quads lines in sorted order,
where the lines of one triple stand together (they share all but their graph), and keeps of the
repeated triples only the graph each went to, for the JSON-LD dump to follow (``drop``): a 64-bit
digest of the triple and the graph's number, 12 bytes a triple in two arrays (``Placed``; hundreds of
thousands of triples repeat in a corpus of ten thousand documents, and a dictionary of them held some
100 bytes each), and the text of those in the shared graph."""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib.namespace import RDF

SHARED = "graph/shared"  # below the base IRI
_TYPE = str(RDF.type)


class Placed:
    """Triples by digest → the graph each stands in: the digests and the graphs' numbers in two arrays,
    sorted by digest before the first lookup (a lookup is then a binary search)."""

    def __init__(self) -> None:
        self._digests = array("Q")
        self._graphs = array("I")
        self._names: list[bytes] = []  # a graph's number → its name as the lines write it
        self._numbers: dict[bytes, int] = {}
        self._sorted = True

    def __len__(self) -> int:
        return len(self._digests)

    def add(self, digest: int, graph: bytes) -> None:
        number = self._numbers.setdefault(graph, len(self._names))
        if number == len(self._names):
            self._names.append(graph)
        self._digests.append(digest)
        self._graphs.append(number)
        self._sorted = False

    def get(self, digest: int, default: bytes) -> bytes:
        if not self._sorted:
            order = sorted(range(len(self._digests)), key=self._digests.__getitem__)
            self._digests = array("Q", (self._digests[i] for i in order))
            self._graphs = array("I", (self._graphs[i] for i in order))
            self._sorted = True
        i = bisect_left(self._digests, digest)
        if i < len(self._digests) and self._digests[i] == digest:
            return self._names[self._graphs[i]]
        return default


@dataclass
class Once:
    """The pass over the sorted N-Quads lines of a dataset. ``own``: the IRIs of the dataset's own
    graphs; ``shared``: the IRI of the shared graph."""

    own: set[str]
    shared: str
    kept: Placed = field(default_factory=Placed)  # a repeated triple → the graph it stands in
    quads: int = 0  # lines written
    subjects: int = 0  # distinct subjects
    _shared: list[bytes] = field(default_factory=list)  # the triples that stand in the shared graph

    def __post_init__(self) -> None:
        self._shared_name = f"<{self.shared}>".encode()  # as the lines write it

    def lines(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        """The lines with each triple once (still sorted); counts them and their subjects."""
        group: list[tuple[bytes, bytes]] = []  # (graph, line) of the triple at hand
        triple = subject = b""
        for line in lines:
            head, graph, _ = line.rsplit(b" ", 2)  # <s> <p> <o> | <g> | .\n
            if head != triple:
                if group:
                    yield self._one(triple, group)
                    group = []
                triple = head
                if not head.startswith(subject + b" "):
                    subject = head.split(b" ", 1)[0]
                    self.subjects += 1
            group.append((graph, line))
        if group:
            yield self._one(triple, group)

    def _one(self, triple: bytes, group: list[tuple[bytes, bytes]]) -> bytes:
        self.quads += 1
        if len(group) == 1:
            return group[0][1]
        graphs = {graph: line for graph, line in group}
        subject = triple.split(b" ", 1)[0]
        home = subject.split(b"#", 1)[0] + b">" if b"#" in subject else subject
        own = sorted(g for g in graphs if g[1:-1].decode("utf-8") in self.own)
        graph = home if home in graphs else own[0] if own else self._shared_name
        self.kept.add(_digest(triple), graph)
        if graph == self._shared_name:
            self._shared.append(triple)
        return graphs.get(graph) or triple + b" " + graph + b" .\n"

    def drop(self, graph: str, nodes: list[dict]) -> list[dict]:
        """A graph's JSON-LD nodes (expanded, as the dumps write them) without the triples that stand
        in another graph; nodes left with nothing but their IRI go."""
        if not self.kept:
            return nodes
        here = f"<{graph}>".encode()
        out = []
        for node in nodes:
            subject = f"<{node['@id']}>"
            kept: dict = {"@id": node["@id"]}
            for key, values in node.items():
                if key == "@id":
                    continue
                predicate = f"<{_TYPE}>" if key == "@type" else f"<{key}>"
                left = [v for v in values if self.kept.get(_digest(_head(subject, predicate, key, v)), here) == here]
                if left:
                    kept[key] = left
            if len(kept) > 1:
                out.append(kept)
        return out

    def shared_lines(self) -> list[bytes]:
        """The triples that stand in the shared graph, as N-Triples lines (sorted)."""
        return sorted(triple + b" .\n" for triple in self._shared)


def _digest(triple: bytes) -> int:
    """64 bits of a triple: among a million repeated triples, the chance that another triple's digest
    is taken for one of them is under one in ten trillion a lookup."""
    return int.from_bytes(hashlib.blake2b(triple, digest_size=8).digest(), "big")


def _head(subject: str, predicate: str, key: str, value: object) -> bytes:
    """The N-Quads text of a triple before its graph, from a JSON-LD node's subject, key and value."""
    if key == "@type":
        obj = f"<{value}>"
    elif isinstance(value, dict) and "@id" in value:
        obj = f"<{value['@id']}>"  # the dataset has no blank nodes
    elif isinstance(value, dict):
        obj = _literal(value)
    else:
        return b""
    return f"{subject} {predicate} {obj}".encode()


# as the dumps' N-Quads (pyoxigraph's canonical N-Triples) escape a literal's characters: the quote, the
# backslash and the controls that have an escape of their own by it, the other controls by code point
_ESCAPES = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)},
    **{ord(c): f"\\{e}" for c, e in zip('"\\\n\r\t\b\f', '"\\nrtbf', strict=True)},
}


def _literal(value: dict) -> str:
    """A JSON-LD value object as N-Quads writes its literal."""
    raw = value.get("@value", "")
    text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw)  # JSON's true is RDF's "true"
    escaped = text.translate(_ESCAPES)
    if "@language" in value:
        return f'"{escaped}"@{value["@language"]}'
    if "@type" in value and value["@type"] != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{value["@type"]}>'
    return f'"{escaped}"'
