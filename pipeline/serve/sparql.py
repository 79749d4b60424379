"""SPARQL over the published dataset (pyoxigraph): loading it, refusing what is unsafe, running a query
with a cap on the result size, and the shipped example queries.

The guard reads the query as the tokens of the SPARQL 1.1 grammar, in one pass, with strings, IRIs and
comments set aside as the engine sets them aside, so that a keyword in a literal or a variable name
(``?service``) does not trip it, and refuses a character that starts no token:
- ``SERVICE`` anywhere, in any spelling the engine reads as SERVICE → refused (a query must never make
  the server fetch from elsewhere; the endpoint's workers cannot in any case, see ``serve.sandbox``);
- ``FROM``/``FROM NAMED`` naming a graph that is not in the dataset → refused; those naming its graphs,
  and the protocol's ``default-graph-uri``/``named-graph-uri``, choose the dataset the query runs over;
- any update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``, ``MOVE``,
  ``COPY``) → refused as a write;
- brackets nested deeper than ``MAX_DEPTH`` → refused (the engine would exhaust its stack).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from pipeline import ondisk
from pipeline.resources import DATASET, queries_dir

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
MAX_DEPTH = 400  # brackets nested deeper than this are refused (the engine parses by recursion)
_WRITES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}

# The terminals of the SPARQL 1.1 grammar (§19.8), so that the guard cuts a query where the engine does.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS = r"\-" + _BASE + "_0-9\u00b7\u0300-\u036f\u203f\u2040"  # PN_CHARS
_ESCAPE = r"\\(?:[tbnrf\\\"']|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"  # ECHAR and the \u escapes the engine reads
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"  # PERCENT | PN_LOCAL_ESC
_LEXER = re.compile(
    r"(?P<space>[ \t\r\n]+)"
    r"|(?P<comment>#[^\r\n]*)"  # a comment ends at CR or LF, as the grammar's EOL says
    r'|(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)'
    rf"|(?P<string>'''(?:(?:''?)?(?:[^'\\]|{_ESCAPE}))*'''"
    rf'|"""(?:(?:""?)?(?:[^"\\]|{_ESCAPE}))*"""'
    rf"|'(?:[^'\\\r\n]|{_ESCAPE})*'"
    rf'|"(?:[^"\\\r\n]|{_ESCAPE})*")'
    rf"|(?P<var>[?$][{_BASE}_0-9][{_CHARS}]*)"
    rf"|(?P<blank>_:[{_BASE}_0-9](?:[{_CHARS}.]*[{_CHARS}])?)"
    r"|(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    # a name: a keyword, or the prefix of a prefixed name (one maximal run, so the lexer stays linear)
    rf"|(?P<name>[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)"
    r"|(?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.=<>!+\-*/^|?:])"
)
_LOCAL = re.compile(rf"(?:[{_BASE}_0-9:]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?")
_OPERANDS = {"iri", "string", "var", "blank", "number", "pname", "langtag"}

Format = TypeVar("Format")


class Refused(Exception):
    """A request the endpoint will not run: an HTTP status and a message a person can act on."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def load(output: Path) -> ox.Store:
    """The published dataset: the output's on-disk store opened read-only, or where it has none
    (``build --no-store``, an earlier version's output) ``output/unga-ld.nq`` loaded into memory."""
    opened = ondisk.open_read_only(output)
    if opened is not None:
        return opened
    path = output / DATASET
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `unga-ld build` first")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def tokens(query: str) -> Iterator[tuple[str, str]]:
    r"""The query's tokens by the SPARQL 1.1 grammar as (kind, text), white space and comments left out.

    One pass, linear in the length of the query. Raises Refused at a character that starts no token of
    the grammar: the engine would not parse it either, and the guard does not guess how it might.

    >>> [kind for kind, _ in tokens('SELECT ?s WHERE { ?s ex:p\\#x "a" } # SERVICE')]
    ['name', 'var', 'name', 'punct', 'var', 'pname', 'string', 'punct']
    """
    position, end = 0, len(query)
    while position < end:
        match = _LEXER.match(query, position)
        if match is None:
            line = query.count("\n", 0, position) + 1
            column = position - (query.rfind("\n", 0, position) + 1) + 1
            raise Refused(
                400,
                f"the query does not parse: {query[position]!r} at line {line}, column {column} starts no SPARQL token",
            )
        kind, start, position = match.lastgroup or "", match.start(), match.end()
        if (kind == "name" and query.startswith(":", position)) or match.group() == ":":
            # a prefixed name, PN_PREFIX? ':' PN_LOCAL?, read as one token as the engine reads it
            after = position + 1 if kind == "name" else position
            local = _LOCAL.match(query, after)
            kind, position = "pname", local.end() if local else after
        if kind not in ("space", "comment"):
            yield kind, query[start:position]


def check(query: str, graphs: set[str]) -> bool:
    """Raise Refused for a query that would write, federate, or read outside the dataset; else say
    whether the query names its own dataset (``FROM``, ``FROM NAMED``).

    Read token by token as the engine reads the query, and stricter where the two could differ:
    pyoxigraph takes a keyword without a word boundary (``SERVICEex:x`` is SERVICE and ``ex:x``), so any
    name that begins with SERVICE is refused; and inside parentheses ``?a<…>`` may be a comparison, so an
    IRI there that spells SERVICE is refused too. SERVICE cannot reach the network in any case (query
    workers run without sockets: ``serve.sandbox``); the guard is what gives the client a clear 400.
    """
    brackets: list[str] = []
    previous: tuple[str, str] = ("", "")
    first = ""
    from_state = ""  # "" | "FROM" | "NAMED": the graph name a FROM clause is waiting for
    named_dataset = False
    for kind, text in tokens(query):
        upper = text.upper()
        if kind in ("name", "pname") and upper.split(":", 1)[0].startswith("SERVICE"):
            raise Refused(400, "SERVICE is disabled on this endpoint: it answers from its own dataset only")
        if kind == "iri" and brackets[-1:] == ["("] and _is_operand(previous) and "SERVICE" in upper:
            raise Refused(
                400,
                f"{text} may read as '<' SERVICE…; SERVICE is disabled on this endpoint "
                "(write a space after '<' if a comparison is meant)",
            )
        if kind == "name":
            if upper == "LOAD":
                raise Refused(400, "LOAD is disabled on this endpoint: it never fetches data from elsewhere")
            if not first and upper not in ("PREFIX", "BASE"):
                first = upper
                if first in _WRITES or first == "WITH":
                    raise Refused(403, "this endpoint is read-only: updates are not accepted")
        if from_state:
            if from_state == "FROM" and upper == "NAMED":
                from_state = "NAMED"
                continue
            if kind != "iri" or _unescape(text[1:-1]) not in graphs:
                raise Refused(400, f"FROM {text} names no graph of this dataset; FROM may only name its own graphs")
            from_state = ""
        elif kind == "name" and upper == "FROM":
            from_state = "FROM"
            named_dataset = True
        if text in ("(", "[", "{"):
            brackets.append(text)
            if len(brackets) > MAX_DEPTH:
                raise Refused(400, f"the query nests brackets deeper than {MAX_DEPTH}")
        elif text in (")", "]", "}") and brackets:
            brackets.pop()
        previous = (kind, text)
    if from_state:
        raise Refused(400, "FROM names no graph; FROM may only name the dataset's own graphs")
    return named_dataset


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a request names by the protocol (``default-graph-uri``, ``named-graph-uri``);
    when given it replaces the query's own FROM clauses (SPARQL 1.1 Protocol §2.1.4)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.default or self.named)

    def check(self, graphs: set[str]) -> None:
        for iri in (*self.default, *self.named):
            if iri not in graphs:
                raise Refused(400, f"<{iri}> names no graph of this dataset; a dataset may only name its own graphs")


def _run(store: ox.Store, query: str, own: bool, dataset: Dataset | None):
    """The query over the dataset it asks for: the protocol's graphs, else its FROM clauses, else the
    union of every graph as the default graph (and every graph as a named one)."""
    if dataset is not None and dataset.given:
        return store.query(
            query,
            default_graph=[ox.NamedNode(g) for g in dataset.default],
            named_graphs=[ox.NamedNode(g) for g in dataset.named],
        )
    if own:
        return store.query(query)
    return store.query(query, use_default_graph_as_union=True)


def _is_operand(token: tuple[str, str]) -> bool:
    """Whether a '<' after this token could be the less-than operator."""
    kind, text = token
    return kind in _OPERANDS or text in (")", "]") or text.lower() in ("true", "false")


def _unescape(iri: str) -> str:
    r"""An IRI as the engine reads it: ``\uXXXX`` and ``\UXXXXXXXX`` decoded."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes


def run(
    store: ox.Store,
    query: str,
    accept: str,
    max_rows: int,
    max_bytes: int | None = None,
    own: bool = False,
    dataset: Dataset | None = None,
) -> Answer:
    """Run a checked query (``own``: it has FROM clauses; ``dataset``: the protocol's graphs); results in
    the media type asked for, or an error over ``max_rows`` rows or ``max_bytes`` bytes (never a
    truncated answer)."""
    try:
        results = _run(store, query, own, dataset)
    except SyntaxError as exc:
        raise Refused(400, f"the query does not parse: {exc}") from None
    formats = GRAPH_FORMATS if isinstance(results, ox.QueryTriples) else RESULT_FORMATS
    default = "text/turtle" if formats is GRAPH_FORMATS else "application/sparql-results+json"
    fmt: ox.QueryResultsFormat | ox.RdfFormat
    media, fmt = negotiate(accept, formats, default)
    if isinstance(results, ox.QueryBoolean):
        return Answer(200, media, _serialized(results, fmt))
    if sum(1 for _ in itertools.islice(results, max_rows + 1)) > max_rows:
        raise Refused(400, f"the result has more than {max_rows} rows; add a LIMIT (at most {max_rows})")
    again = _run(store, query, own, dataset)
    body = _serialized(again, fmt)
    if max_bytes is not None and len(body) > max_bytes:
        raise Refused(400, f"the result is larger than {max_bytes} bytes; add a LIMIT or select fewer variables")
    return Answer(200, media, body)


def _serialized(
    results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: ox.QueryResultsFormat | ox.RdfFormat
) -> bytes:
    """The results in memory: a graph in an RDF format, solutions or a boolean in a results format."""
    if isinstance(results, ox.QueryTriples):
        assert isinstance(fmt, ox.RdfFormat)
        data = results.serialize(format=fmt)
    else:
        assert isinstance(fmt, ox.QueryResultsFormat)
        data = results.serialize(format=fmt)
    assert data is not None  # serialize() returns None only when it writes to a file
    return data


def negotiate(accept: str, formats: Mapping[str, Format], default: str) -> tuple[str, Format]:
    """The media type to answer in, by the Accept header's q-values (RFC 9110 §12.5.1): the acceptable
    type with the highest q, the earlier on a tie; a wildcard stands for the default, or for the first
    format the header does not refuse. A type given only with q=0 is refused, never chosen. Raises
    Refused (406) when nothing we give is acceptable, unless the client asked only for a page."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = next((float(f[2:]) for f in fields[1:] if f.lower().startswith("q=") and _number(f[2:])), 1.0)
        ranked.append((-q, index, fields[0].lower()))
    allowed = {media for q, _, media in ranked if q < 0}
    refused = {media for q, _, media in ranked if q >= 0} - allowed
    wildcards = {"*/*": "", "application/*": "application/", "text/*": "text/"}
    for q, _, media in sorted(ranked):
        if q >= 0:
            break  # q=0: not acceptable
        if media in formats:
            return media, formats[media]
        if media in wildcards:
            family = wildcards[media]
            for candidate in (default, *formats):
                if candidate.startswith(family) and candidate not in refused:
                    return candidate, formats[candidate]
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
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        about = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
        out[path.stem] = (about, text)
    return out


# A query's parameter: a one-variable VALUES line of its own, whose value is the default
# ("VALUES ?iso3 { "USA" }"; UNDEF: every value).
_PARAMETER = re.compile(r'^(?P<indent>[ \t]*)VALUES \?(?P<name>\w+) \{ (?P<value>"[^"\\\n]*"|UNDEF) \}[ \t]*$', re.M)


def parameters(text: str) -> dict[str, str]:
    """A query's parameters, each with its default as written: ``{"iso3": '"USA"'}``."""
    return {m.group("name"): m.group("value") for m in _PARAMETER.finditer(text)}


def bind(text: str, values: dict[str, str]) -> str:
    """The query with each named parameter set to a string value (quoted and escaped here: a value
    cannot change the query's structure). Raises Refused naming the query's parameters when one of
    ``values`` is not among them."""
    known = parameters(text)
    unknown = sorted(set(values) - set(known))
    if unknown:
        offered = ", ".join(known) or "none"
        raise Refused(400, f"the query has no parameter {', '.join(unknown)} (its parameters: {offered})")

    def value(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in values:
            return m.group(0)
        literal = values[name].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return f'{m.group("indent")}VALUES ?{name} {{ "{literal}" }}'

    return _PARAMETER.sub(value, text)
