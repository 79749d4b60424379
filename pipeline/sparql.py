"""SPARQL over the published dataset (pyoxigraph): loading it, refusing what is unsafe, running a query
with a cap on the result size, and the shipped example queries.

The guard reads the query as tokens, with strings, IRIs and comments set aside, so that a keyword in a
literal or a variable name (``?service``) does not trip it:
- ``SERVICE`` anywhere → refused (a query must never make the server fetch from elsewhere);
- ``FROM``/``FROM NAMED`` naming a graph that is not in the dataset → refused;
- any update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``, ``MOVE``,
  ``COPY``) → refused as a write.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

DATASET = "unga-ld.nq"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_WRITES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r"|<[^<>\"{}|^`\\\s]*>"  # IRIs
    r"|#[^\n]*"  # comments
    r"|[?$][A-Za-z0-9_]+"  # variables
    r"|[A-Za-z_][A-Za-z0-9_.-]*:[A-Za-z0-9_.:%-]*"  # prefixed names
    r"|[A-Za-z]+"  # keywords
    r"|\S"
)


class Refused(Exception):
    """A request the endpoint will not run: an HTTP status and a message a person can act on."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def load(output: Path) -> ox.Store:
    """The published dataset (``output/unga-ld.nq``) in an in-memory store."""
    path = output / DATASET
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `unga-ld build` first")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def check(query: str, graphs: set[str]) -> None:
    """Raise Refused for a query that would write, federate, or read outside the dataset."""
    tokens = _TOKENS.findall(query)
    words = [t.upper() for t in tokens if t[:1].isalpha() and ":" not in t]
    if "SERVICE" in words:
        raise Refused(400, "SERVICE is disabled on this endpoint: it answers from its own dataset only")
    if "LOAD" in words:
        raise Refused(400, "LOAD is disabled on this endpoint: it never fetches data from elsewhere")
    first = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if first in _WRITES or first == "WITH":
        raise Refused(403, "this endpoint is read-only: updates are not accepted")
    for i, token in enumerate(tokens):
        if token.upper() != "FROM":
            continue
        target = tokens[i + 2] if i + 1 < len(tokens) and tokens[i + 1].upper() == "NAMED" else (
            tokens[i + 1] if i + 1 < len(tokens) else "")
        iri = target[1:-1] if target.startswith("<") else None
        if iri is None or iri not in graphs:
            raise Refused(400, f"FROM {target} names no graph of this dataset; FROM may only name its own graphs")


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes


def run(store: ox.Store, query: str, accept: str, max_rows: int) -> Answer:
    """Run a checked query; results in the media type asked for, or an error over ``max_rows``."""
    try:
        results = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise Refused(400, f"the query does not parse: {exc}") from None
    if isinstance(results, ox.QueryBoolean):
        media, fmt = negotiate(accept, RESULT_FORMATS, "application/sparql-results+json")
        return Answer(200, media, results.serialize(format=fmt))
    formats = GRAPH_FORMATS if isinstance(results, ox.QueryTriples) else RESULT_FORMATS
    default = "text/turtle" if formats is GRAPH_FORMATS else "application/sparql-results+json"
    media, fmt = negotiate(accept, formats, default)
    if sum(1 for _ in itertools.islice(results, max_rows + 1)) > max_rows:
        raise Refused(400, f"the result has more than {max_rows} rows; add a LIMIT (at most {max_rows})")
    again = store.query(query, use_default_graph_as_union=True)
    return Answer(200, media, again.serialize(format=fmt))


def negotiate(accept: str, formats: dict, default: str) -> tuple[str, object]:
    """The first acceptable media type we can give (q-values honoured), else the default."""
    ranked = []
    for index, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = next((float(f[2:]) for f in fields[1:] if f.startswith("q=") and _number(f[2:])), 1.0)
        ranked.append((-q, index, fields[0].lower()))
    wildcards = ("*/*", "application/*", "text/*")
    for _, _, media in sorted(ranked):
        if media in formats:
            return media, formats[media]
        if media in wildcards:
            return default, formats[default]
    asked = [m for _, _, m in ranked]
    # nothing we give was asked for: 406, unless the client asked only for a page (a browser)
    if asked and not all(m.startswith("text/html") for m in asked):
        raise Refused(406, f"cannot answer in {accept}; available: {', '.join(formats)}")
    return default, formats[default]


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def shipped() -> dict[str, tuple[str, str]]:
    """The example queries: name → (what it answers, query text)."""
    out = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        about = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
        out[path.stem] = (about, text)
    return out
