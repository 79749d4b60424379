"""The RDF dumps: what one document's graph contributes (made in the workers); the whole-corpus
N-Quads and JSON-LD are written from those pieces (``staged``). Every file is deterministic: sorted
lines, sorted JSON, no blank nodes.

A part of a data set of roll calls (a session's, tens of thousands of triples) is kept as text, not as
lines and nodes: its N-Quads sorted, its JSON-LD named graph rendered; the dumps merge them in order."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii as _quoted  # json.dumps's own, in C

from pipeline.publish.written import Written


@dataclass
class DocumentFiles:
    """What one valid document contributes to the dataset."""

    name: str  # the dump name, A_RES_77_37
    layout: str
    graph_iri: str
    turtle: bytes
    nquads: bytes  # its lines, sorted, each ending with a line feed
    jsonld: bytes  # its JSON-LD nodes, sorted, one a line as ``json_text`` writes each (``staged.named_graph``)
    votes: bytes = b""  # its votes.csv rows
    sponsors: bytes = b""  # its sponsors.csv rows
    akn: bytes | None = None
    akn_versions: dict[str, bytes] = field(default_factory=dict)  # ISO 639-2 code → the version's export
    triples: int = 0
    subjects: int = 0
    dates: list[str] = field(default_factory=list)
    # (source file, body characters read, in the source) for each file read, language versions too
    coverage: list[tuple[str, int, int]] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)  # the languages besides the primary one


@dataclass
class PartFiles:
    """What one part of a data set of roll calls (one session's) contributes to the dataset."""

    name: str  # "unvotes/session-26": published as rdf/unvotes/session-26.ttl and graph/unvotes/session-26
    graph_iri: str
    turtle: bytes
    nquads: bytes  # its lines, sorted, each ending with a line feed
    jsonld: bytes  # its JSON-LD nodes, sorted, one a line (as ``DocumentFiles.jsonld``)
    votes: bytes = b""  # its votes.csv rows
    triples: int = 0
    subjects: int = 0
    dates: list[str] = field(default_factory=list)
    roll_calls: int = 0
    positions: int = 0


def part_files(name: str, graph_iri: str, out: Written) -> PartFiles:
    """What one part of a data set of roll calls contributes, from its graph as written (``written``)."""
    return PartFiles(
        name=name,
        graph_iri=graph_iri,
        turtle=out.turtle(),
        nquads=_nquads(out, graph_iri),
        jsonld=_node_lines(out),
        triples=len(out.lines),
        subjects=len(out.nodes),
    )


def graph_files(name: str, layout: str, graph_iri: str, out: Written) -> DocumentFiles:
    """What a document's graph contributes, from the graph as written (``written``)."""
    return DocumentFiles(
        name=name,
        layout=layout,
        graph_iri=graph_iri,
        turtle=out.turtle(),
        nquads=_nquads(out, graph_iri),
        jsonld=_node_lines(out),
        triples=len(out.lines),
        subjects=len(out.nodes),
    )


def _nquads(out: Written, graph_iri: str) -> bytes:
    """The graph's triples as N-Quads lines in the named graph ``graph_iri``, sorted."""
    quads = sorted(f"{line[:-2]} <{graph_iri}> ." for line in out.lines)
    return "".join(f"{q}\n" for q in quads).encode("utf-8")


def _node_lines(out: Written) -> bytes:
    """The graph's JSON-LD nodes, sorted, one a line (JSON text escapes every line feed)."""
    return "".join(f"{json_text(node)}\n" for node in sorted_nodes(out.nodes)).encode("utf-8")


def sorted_nodes(nodes: list[dict]) -> list[dict]:
    """The nodes by IRI, each one's values in the order of their JSON text (keys sorted)."""
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list) and len(values) > 1:
                node[key] = sorted(values, key=_order)
    return sorted(nodes, key=lambda n: n.get("@id", ""))


def _order(value: object) -> str:
    """``json.dumps(value, sort_keys=True)``, written directly for a node or a string value object
    (most values: a tenth of the time).

    >>> all(_order(v) == json.dumps(v, sort_keys=True) for v in [{"@id": "https://x/é"}, {"@value": 'a"b'},
    ...     {"@language": "fr", "@value": "é"}, {"@type": "http://t", "@value": 7}, "x"])
    True
    """
    if isinstance(value, dict):
        if len(value) == 1:
            if isinstance(found := value.get("@id"), str):
                return '{"@id": ' + _quoted(found) + "}"
            if isinstance(found := value.get("@value"), str):
                return '{"@value": ' + _quoted(found) + "}"
        elif len(value) == 2 and isinstance(found := value.get("@value"), str):
            language = value.get("@language")
            if isinstance(language, str):
                return '{"@language": ' + _quoted(language) + ', "@value": ' + _quoted(found) + "}"
    return json.dumps(value, sort_keys=True)


def json_text(value: object) -> str:
    """JSON text the way every dump writes it: keys sorted, no spaces, characters as they are."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
