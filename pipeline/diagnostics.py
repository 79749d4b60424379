"""One catalogue of diagnostic codes shared by every stage.

Parse warnings, source errors and (later) validation results become the same kind of record,
printed one way (``file:line: severity code: message``) and available as JSON.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# code -> (severity, message template). Codes are stable: users filter on them.
CATALOGUE: dict[str, tuple[Severity, str]] = {
    # the tool itself
    "internal.error": (Severity.ERROR, "internal error while reading this document ({reason}); please report it"),
    "build.step-failed": (Severity.ERROR, "{step} failed for {name} ({reason}); it is not published; please report it"),
    "build.nothing-to-publish": (Severity.ERROR, "no document of the corpus can be published; {out} is left as it was"),
    "build.iri-conflict": (
        Severity.ERROR,
        "{second} describes {iri} differently from {first}; {second} is not published",
    ),
    "build.meeting-dates": (
        Severity.WARNING,
        "{first} and {second} give meeting {meeting} two dates, {dates}: a resumed meeting (one IRI for both"
        " sittings) or a slip in a source",
    ),
    "build.adopted-twice": (
        Severity.WARNING,
        "{first} and {second} both adopt {draft}: a document that holds several drafts (a report), or a slip"
        " in a source",
    ),
    "build.duplicate-document": (
        Severity.INFO,
        "{name} is read from another source too; publishing the one from {kept}",
    ),
    # sources
    "source.unreadable": (Severity.ERROR, "cannot read the file: {reason}"),
    "source.empty": (Severity.ERROR, "the file is empty"),
    "source.pdf-invalid": (Severity.ERROR, "not a readable PDF ({reason})"),
    # fetching by symbol (the file of these is the symbol asked for)
    "compare.no-symbol": (Severity.ERROR, "the document states no symbol (and the manifest gives none) to compare by"),
    "fetch.invalid-symbol": (Severity.ERROR, "not fetched: {reason}; no request was made"),
    "fetch.timeout": (Severity.ERROR, "no complete answer within {seconds} s from {url}"),
    "fetch.unreachable": (Severity.ERROR, "cannot reach {url}: {reason}"),
    "fetch.http-error": (Severity.ERROR, "{url} answered HTTP {status}"),
    "fetch.redirects": (Severity.ERROR, "more than {limit} redirects from {url}; not followed"),
    "fetch.downgrade": (Severity.ERROR, "{url} redirects from HTTPS to HTTP ({location}); not followed"),
    "fetch.too-large": (Severity.ERROR, "{url} sends more than {limit} bytes; nothing kept"),
    "fetch.not-a-document": (
        Severity.ERROR,
        "{url} sent no document (it does not start with {expected!r}); nothing kept",
    ),
    "source.pdf-no-text": (
        Severity.ERROR,
        "the PDF's {pages} pages hold no text layer (a scan?); run OCR on it or use the UN's text or Akoma Ntoso",
    ),
    "source.too-large": (
        Severity.ERROR,
        "the file has {size} bytes, more than the {limit} any UN document needs; it is not read",
    ),
    "source.binary": (Severity.ERROR, "the file is binary, not text ({reason})"),
    "source.encoding": (Severity.ERROR, "the text is not UTF-8 ({reason}); convert it to UTF-8"),
    "source.control-characters": (
        Severity.WARNING,
        "{count} control character(s) removed (the first is {first}); they carry no text",
    ),
    "manifest.invalid": (Severity.ERROR, "corpus manifest is invalid: {reason}"),
    "manifest.bad-symbol": (Severity.ERROR, "manifest gives {symbol!r}, which is not a UN symbol"),
    # normalise
    "normalise.unanchored-footnote": (
        Severity.WARNING,
        "footnote {marker} has no mark in the text; it is kept but anchored nowhere",
    ),
    # parse
    "parse.truncated": (Severity.ERROR, "the document looks truncated: {reason}"),
    "parse.no-body": (Severity.ERROR, "no document body found: {reason}"),
    "plenary.no-meeting": (Severity.WARNING, "the record prints no {missing} of its meeting; its votes lack it"),
    "plenary.unmatched-lists": (
        Severity.WARNING,
        "lists of a recorded vote with no result sentence after them: not published as a vote",
    ),
    "plenary.unread-intention": (
        Severity.WARNING,
        "a statement of intended vote that could not be read (no State or position found): {text}",
    ),
    "parse.provisional-symbol": (
        Severity.WARNING,
        "the text states no symbol and the manifest has none; using provisional identifier {ident}",
    ),
    "parse.symbol-conflict": (
        Severity.WARNING,
        "the manifest says {manifest} but the text says {text}; keeping the text's symbol",
    ),
    "parse.generic-block": (Severity.WARNING, "unrecognised block kept as a generic paragraph: {text}"),
    "parse.unknown-phrase": (
        Severity.WARNING,
        "preambular paragraph {ordinal} starts with no known introductory phrase: {text}",
    ),
    "parse.unknown-verb": (
        Severity.WARNING,
        "operative paragraph {number} starts with no known action verb: {text}",
    ),
    "parse.title-from-body": (
        Severity.WARNING,
        "the heading prints no title; the title is the heading of the text it adopts: {title}",
    ),
    "parse.numbering": (Severity.WARNING, "operative paragraph numbered {found}, expected {expected}"),
    "parse.number-without-stop": (
        Severity.WARNING,
        "operative paragraph {number} is printed without the full stop after its number; read as paragraph {number}",
    ),
    "parse.missing-footnote": (Severity.WARNING, "mark {marker} refers to no footnote text"),
    # states and votes
    "sponsor.not-a-state": (Severity.INFO, "the proposer {name!r} is not a State; no sponsorship recorded"),
    "sponsor.listed-twice": (Severity.WARNING, "{name} is listed among the sponsors twice; kept once, as first listed"),
    "state.unknown": (Severity.WARNING, "State name not in the register: {name!r}"),
    "vote.count-mismatch": (
        Severity.WARNING,
        "vote on {draft}: stated {position} count is {stated} but {listed} States are listed",
    ),
    "vote.duplicate-state": (Severity.WARNING, "vote on {draft}: {state} is listed twice ({lists})"),
    "vote.no-lists": (Severity.WARNING, "recorded vote on {draft} has no lists of States"),
    # roll-call data sets (the file is the data set's table, the line its row)
    "rollcall.no-symbol": (Severity.INFO, "roll call {rcid} names nothing it was on; it is a vote on {target}"),
    "rollcall.unread-code": (
        Severity.WARNING,
        "roll call {rcid} of session {session} gives {given!r}, which is not {why}; kept as written, it is a vote"
        " on {target}",
    ),
    "rollcall.page-codes": (
        Severity.INFO,
        "{count} roll calls of {sessions} give a page of the Official Records ({example}), not a resolution"
        " number: kept as written, each is a vote on a provisional document of its own",
    ),
    "rollcall.unknown-state": (
        Severity.WARNING,
        "{name!r} ({given}) names no State of the register on {date} ({rows} positions, the first in roll call"
        " {rcid}); kept in votes.csv without a State",
    ),
    "rollcall.bad-row": (Severity.WARNING, "{reason}; the row is left out"),
    "rollcall.twice": (
        Severity.WARNING,
        "roll call {rcid} gives {state} twice ({names}); kept once, as first given",
    ),
    "rollcall.differs": (
        Severity.WARNING,
        "{document} records the vote on {symbol} otherwise than roll call {rcid} of {dataset}: {difference}",
    ),
    "rollcall.agrees": (
        Severity.INFO,
        "{document} records the vote on {symbol} as roll call {rcid} of {dataset} does ({positions} positions)",
    ),
    # akn
    "akn.bad-xml": (Severity.ERROR, "not well-formed XML: {reason}"),
    "akn.not-akn": (Severity.ERROR, "not an Akoma Ntoso document: {reason}"),
    "akn.unmapped": (Severity.WARNING, "the text of this <{element}> is not in the model: {text}"),
    "akn.empty-annex": (Severity.WARNING, "annex {annex} holds no text"),
    "akn.quoted-paragraph": (
        Severity.INFO,
        "a paragraph numbered {number} after one that ends with a colon is read as text that paragraph quotes",
    ),
    "akn.split-preamble": (
        Severity.INFO,
        "an unnumbered paragraph of a mainBody that another preamble follows is read as a preambular paragraph",
    ),
    "akn.early-body": (
        Severity.INFO,
        "an unnumbered paragraph ending with a comma before operative paragraph 1 is read as a preambular"
        " paragraph (the file opens the mainBody early)",
    ),
    "akn.late-body": (
        Severity.INFO,
        "a preambular container that opens with the number 1 is read as operative paragraph 1 (the file"
        " closes the preamble late)",
    ),
    "akn.symbol-letter": (
        Severity.INFO,
        "the cover page gives {symbol}, the Work IRI {work} a lettered part: read as {read}",
    ),
    "akn.language": (
        Severity.WARNING,
        "the file's language {found!r} is not one of the six official languages; its text is tagged @{tag}",
    ),
    "akn.keyword-iri": (Severity.WARNING, "a keyword's href {href!r} is not an IRI: the keyword is left out"),
    # language versions of one document
    "language.count": (
        Severity.WARNING,
        "the {language} version of {name} has {found} {part}, the {primary} one {expected}; the {part} are"
        " aligned in order and the {language} text of those past the shorter count is not published",
    ),
    "language.no-title": (Severity.WARNING, "the {language} version of {name} has no title"),
    "language.twice": (
        Severity.INFO,
        "{name} is read in {language} from another file too; its {language} version is the one from {kept}",
    ),
    # validate
    "rdf.bad-turtle": (Severity.ERROR, "not valid Turtle: {reason}"),
    "shacl.register": (Severity.ERROR, "the State register does not conform to its shapes: {reason}"),
    "export.akn-invalid": (
        Severity.ERROR,
        "the Akoma Ntoso export of {name} does not conform to the OASIS schema: {reason}",
    ),
}
# A SHACL result is shacl.<the failing shape's sh:name as a slug>, with the severity and the message the
# shape gives (shapes/*.ttl): the shapes are that part of the catalogue.
SHACL = "shacl."


@dataclass(frozen=True, slots=True)  # slots: a build of ten thousand documents keeps some 14,000
class Diagnostic:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "-"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.severity.value} {self.code}: {self.message}"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def diagnostic(code: str, file: str | None = None, line: int | None = None, **values: object) -> Diagnostic:
    """Build a diagnostic from the catalogue; long values are shortened for one-line output."""
    severity, template = CATALOGUE[code]
    shown = {k: _short(v) for k, v in values.items()}
    return Diagnostic(code, severity, template.format(**shown), file, line)


def shacl_result(shape_name: str, severity: Severity, message: str, file: str | None = None) -> Diagnostic:
    """A SHACL result as a diagnostic: ``shacl.vote-totals`` for the shape named "Vote totals"."""
    slug = re.sub(r"[^a-z0-9]+", "-", shape_name.lower()).strip("-") or "shape"
    return Diagnostic(f"{SHACL}{slug}", severity, message, file)


def _short(value: object, limit: int = 80) -> object:
    if isinstance(value, str):
        one_line = " ".join(value.split())
        return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
    return value


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


class PipelineError(Exception):
    """The tool cannot do its job (bad option, unreadable configuration): exit code 2."""


class DocumentError(Exception):
    """One input cannot be turned into a document; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
