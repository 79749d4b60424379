"""The dataset files: per-document artefacts made in the workers, and the whole-corpus dumps, CSV
files (with CSVW descriptions) and validation report assembled from them. Every file is
deterministic: sorted lines, sorted JSON, no blank nodes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from rdflib import Graph

from pipeline.diagnostics import Diagnostic, Severity
from pipeline.model import Document, DocumentKind, RecordedVote
from pipeline.iris import Iris

VOTE_COLUMNS = [
    ("document", "Document", "the document that records the vote (committee report or resolution)", "string"),
    ("vote", "Vote", "the IRI of the vote", "anyURI"),
    ("draft", "Draft", "the symbol of the draft voted on", "string"),
    ("body", "Body", "the body that voted", "string"),
    ("meeting", "Meeting", "the meeting number", "integer"),
    ("date", "Date", "the date of the vote", "date"),
    ("state", "State as written", "the State's name as the document writes it", "string"),
    ("iso3", "ISO 3166 alpha-3", "the State's code in the register", "string"),
    ("position", "Position", "in favour, against, abstaining, or not voting", "string"),
    ("intended_position", "Intended position", "the position the delegation later said it had intended", "string"),
]
SPONSOR_COLUMNS = [
    ("document", "Document", "the document that names the sponsors", "string"),
    ("draft", "Draft", "the symbol of the sponsored draft", "string"),
    ("state", "State as written", "the State's name as the document writes it", "string"),
    ("iso3", "ISO 3166 alpha-3", "the State's code in the register (empty when unknown)", "string"),
    ("role", "Role", "original sponsor, or joined later", "string"),
]


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
    triples: int = 0
    subjects: int = 0
    dates: list[str] = field(default_factory=list)


def graph_files(name: str, layout: str, graph_iri: str, graph: Graph) -> DocumentFiles:
    nt = graph.serialize(format="nt").splitlines()
    quads = sorted(f"{line[:-2]} <{graph_iri}> ." for line in nt if line.endswith(" ."))
    nodes = json.loads(graph.serialize(format="json-ld"))
    return DocumentFiles(
        name=name, layout=layout, graph_iri=graph_iri,
        turtle=graph.serialize(format="turtle").encode("utf-8"), nquads=quads, jsonld=_sorted_nodes(nodes),
        triples=len(graph), subjects=len(set(graph.subjects())),
    )


def _sorted_nodes(nodes: list[dict]) -> list[dict]:
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
    return sorted(nodes, key=lambda n: n.get("@id", ""))


def rows(doc: Document, iris: Iris) -> tuple[list[list[str]], list[list[str]]]:
    """(votes.csv rows, sponsors.csv rows) for one document."""
    document = doc.identifier
    votes: list[list[str]] = []
    sponsors: list[list[str]] = []
    draft = sponsored_draft(doc)
    for s in doc.sponsors:
        sponsors.append([document, draft, s.state.name_as_written, s.state.iso3 or "", s.role.value])
    for proposal in doc.proposals:
        for s in proposal.sponsors:
            symbol = proposal.symbol.text if proposal.symbol else ""
            sponsors.append([document, symbol, s.state.name_as_written, s.state.iso3 or "", s.role.value])
    recorded = list(doc.votes) if doc.kind is not DocumentKind.COMMITTEE_REPORT else [
        p.vote for p in doc.proposals if p.vote is not None
    ]
    for vote in recorded:
        if vote.recorded:
            votes.extend(_vote_rows(doc, iris, vote))
    return votes, sponsors


def sponsored_draft(doc: Document) -> str:
    """The draft a document's sponsors sponsored: the draft itself, or the draft a resolution adopts."""
    if doc.kind is DocumentKind.RESOLUTION and doc.adoption and doc.adoption.draft:
        return doc.adoption.draft.text
    return doc.identifier


def _vote_rows(doc: Document, iris: Iris, vote: RecordedVote) -> list[list[str]]:
    iri = str(iris.vote(vote, doc.session, iris.document(doc)))
    intended = {i.state.iso3: i.position.value for i in vote.intentions if i.state.iso3}
    draft = vote.draft.text if vote.draft else doc.identifier
    common = [doc.identifier, iri, draft, vote.body, str(vote.meeting or ""), vote.date.isoformat() if vote.date else ""]
    out = []
    for position, refs in (("in favour", vote.in_favour), ("against", vote.against),
                           ("abstaining", vote.abstaining), ("not voting", vote.not_voting)):
        for ref in refs:
            out.append([*common, ref.name_as_written, ref.iso3 or "", position, intended.get(ref.iso3 or "", "")])
    return out


def csv_bytes(columns: list[tuple[str, str, str, str]], data: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c[0] for c in columns])
    writer.writerows(data)
    return buffer.getvalue().encode("utf-8")


def csvw(url: str, title: str, columns: list[tuple[str, str, str, str]], key: list[str], base: str) -> bytes:
    """A W3C CSVW description of one CSV file."""
    meta = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": url,
        "dc:title": title,
        "dc:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        "dc:source": {"@id": f"{base}dataset"},
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {
            "columns": [
                {"name": name, "titles": t, "dc:description": d, "datatype": dtype, "required": name not in (
                    "intended_position", "iso3", "meeting", "date")}
                for name, t, d, dtype in columns
            ],
            "primaryKey": key,
        },
    }
    return (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def nquads(graphs: list[tuple[str, Graph]], documents: list[DocumentFiles]) -> bytes:
    lines = [q for d in documents for q in d.nquads]
    for iri, graph in graphs:
        lines += [f"{line[:-2]} <{iri}> ." for line in graph.serialize(format="nt").splitlines() if line.endswith(" .")]
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def jsonld(graphs: list[tuple[str, Graph]], documents: list[DocumentFiles]) -> bytes:
    named = [{"@id": d.graph_iri, "@graph": d.jsonld} for d in documents]
    named += [{"@id": iri, "@graph": _sorted_nodes(json.loads(g.serialize(format="json-ld")))} for iri, g in graphs]
    named.sort(key=lambda n: n["@id"])
    return (json.dumps(named, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def report(diagnostics: list[Diagnostic], published: int, read: int) -> tuple[bytes, bytes]:
    """The validation report as text and as JSON."""
    ordered = sorted(diagnostics, key=lambda d: (d.file or "", d.line or 0, d.code, d.message))
    counts = {s.value: sum(d.severity is s for d in ordered) for s in Severity}
    text = [f"{read} documents read, {published} published; "
            f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes", ""]
    text += [str(d) for d in ordered]
    data = {"documents_read": read, "documents_published": published, "counts": counts,
            "diagnostics": [d.to_json() for d in ordered]}
    return ("\n".join(text) + "\n").encode("utf-8"), (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()

