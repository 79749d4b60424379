"""The RDF dumps: what one document's graph contributes (made in the workers), and the whole-corpus
N-Quads and JSON-LD assembled from those pieces. Every file is deterministic: sorted lines, sorted
JSON, no blank nodes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Graph


@dataclass
class DocumentFiles:
    """What one valid document contributes to the dataset."""

    name: str  # the dump name, A_RES_77_37
    layout: str
    graph_iri: str
    turtle: bytes
    nquads: list[str]
    jsonld: list[dict]
    votes: list[list[str]] = field(default_factory=list)
    sponsors: list[list[str]] = field(default_factory=list)
    akn: bytes | None = None
    akn_versions: dict[str, bytes] = field(default_factory=dict)  # ISO 639-2 code → the version's export
    triples: int = 0
    subjects: int = 0
    dates: list[str] = field(default_factory=list)
    # (source file, body characters read, in the source) for each file read, language versions too
    coverage: list[tuple[str, int, int]] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)  # the languages besides the primary one


def graph_files(name: str, layout: str, graph_iri: str, graph: Graph) -> DocumentFiles:
    nt = graph.serialize(format="nt").splitlines()
    quads = sorted(f"{line[:-2]} <{graph_iri}> ." for line in nt if line.endswith(" ."))
    nodes = json.loads(graph.serialize(format="json-ld"))
    return DocumentFiles(
        name=name,
        layout=layout,
        graph_iri=graph_iri,
        turtle=graph.serialize(format="turtle").encode("utf-8"),
        nquads=quads,
        jsonld=_sorted_nodes(nodes),
        triples=len(graph),
        subjects=len(set(graph.subjects())),
    )


def _sorted_nodes(nodes: list[dict]) -> list[dict]:
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
    return sorted(nodes, key=lambda n: n.get("@id", ""))


def nquads(graphs: list[tuple[str, Graph]], documents: list[DocumentFiles]) -> bytes:
    lines = [q for d in documents for q in d.nquads]
    for iri, graph in graphs:
        lines += [f"{line[:-2]} <{iri}> ." for line in graph.serialize(format="nt").splitlines() if line.endswith(" .")]
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def jsonld(graphs: list[tuple[str, Graph]], documents: list[DocumentFiles]) -> bytes:
    named: list[dict] = [{"@id": d.graph_iri, "@graph": d.jsonld} for d in documents]
    named += [{"@id": iri, "@graph": _sorted_nodes(json.loads(g.serialize(format="json-ld")))} for iri, g in graphs]
    named.sort(key=lambda n: n["@id"])
    return (json.dumps(named, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
