"""The CSV tables (votes.csv, sponsors.csv) with their W3C CSVW descriptions: one row per State per
recorded vote (of a document, or of a data set of roll calls), and per State per sponsored draft."""

from __future__ import annotations

import csv
import io
import json

from pipeline.iris import Iris, vote_on
from pipeline.model import Document, DocumentKind, RecordedVote, Sponsorship
from pipeline.register import groups
from pipeline.rollcalls import RollCall, SourceDataset

VOTE_COLUMNS = [
    (
        "document",
        "Document",
        "the document that records the vote (committee report, plenary record or resolution)",
        "string",
    ),
    ("vote", "Vote", "the IRI of the vote", "anyURI"),
    ("draft", "Draft", "the symbol of the draft voted on", "string"),
    ("body", "Body", "the body that voted", "string"),
    ("meeting", "Meeting", "the meeting number", "integer"),
    ("date", "Date", "the date of the vote", "date"),
    ("state", "State as written", "the State's name as the document writes it", "string"),
    ("iso3", "ISO 3166 alpha-3", "the State's code in the register", "string"),
    ("position", "Position", "in favour, against, abstaining, or not voting", "string"),
    ("intended_position", "Intended position", "the position the delegation later said it had intended", "string"),
    ("outcome", "Outcome", "what came of the vote: adopted, rejected, retained or deleted", "string"),
    (
        "subject",
        "Subject",
        "what was voted on: whole (a whole draft), part (a paragraph), amendment or motion",
        "string",
    ),
    ("part", "Part", "the paragraph put to a separate vote, as the record names it", "string"),
    ("resolution", "Resolution", "the resolution or decision the vote gave", "string"),
    (
        "source",
        "Source",
        "where the vote was read: the layout of the document's file, or the data set of roll calls (unvotes:"
        " Erik Voeten's; the document column is then empty and the draft column names what the data set's"
        " code names, a resolution or a provisional document)",
        "string",
    ),
]
SPONSOR_COLUMNS = [
    ("document", "Document", "the document that names the sponsors", "string"),
    ("draft", "Draft", "the symbol of the sponsored draft", "string"),
    ("state", "State as written", "the State's name as the document writes it", "string"),
    ("iso3", "ISO 3166 alpha-3", "the State's code in the register (empty when unknown)", "string"),
    ("role", "Role", "original sponsor, or joined later", "string"),
    (
        "on_behalf_of",
        "On behalf of",
        "the group the State speaks for (Group of 77 and China, African Group …)",
        "string",
    ),
]


def rows(doc: Document, iris: Iris) -> tuple[list[list[str]], list[list[str]]]:
    """(votes.csv rows, sponsors.csv rows) for one document."""
    document = doc.identifier
    votes: list[list[str]] = []
    sponsors: list[list[str]] = []
    draft = sponsored_draft(doc)
    for s in doc.sponsors:
        sponsors.append([document, draft, s.state.name_as_written, s.state.iso3 or "", s.role.value, _group(s)])
    for proposal in doc.proposals:
        for s in proposal.sponsors:
            symbol = proposal.symbol.text if proposal.symbol else ""
            sponsors.append([document, symbol, s.state.name_as_written, s.state.iso3 or "", s.role.value, _group(s)])
    for vote in doc.all_votes:
        if vote.recorded:
            votes.extend(_vote_rows(doc, iris, vote))
    return votes, sponsors


def _group(s: Sponsorship) -> str:
    group = groups.by_key(s.on_behalf_of) if s.on_behalf_of else None
    return group.name if group else ""


def sponsored_draft(doc: Document) -> str:
    """The draft a document's sponsors sponsored: the draft itself, or the draft a resolution adopts."""
    if doc.kind is DocumentKind.RESOLUTION and doc.adoption and doc.adoption.draft:
        return doc.adoption.draft.text
    return doc.identifier


def _vote_rows(doc: Document, iris: Iris, vote: RecordedVote) -> list[list[str]]:
    iri = iris.vote(vote.body, doc.in_session, vote.meeting, vote_on(doc, vote)).value
    intended = {i.state.iso3: i.position.value for i in vote.intentions if i.state.iso3}
    draft = vote.draft.text if vote.draft else doc.identifier
    outcome = vote.outcome.value if vote.outcome else ""
    common = [
        doc.identifier,
        iri,
        draft,
        vote.body,
        str(vote.meeting or ""),
        vote.date.isoformat() if vote.date else "",
    ]
    out = []
    for position, refs in vote.lists():
        for ref in refs:
            out.append(
                [
                    *common,
                    ref.name_as_written,
                    ref.iso3 or "",
                    position.value,
                    intended.get(ref.iso3 or "", ""),
                    outcome,
                    vote.subject.value,
                    vote.part_as_written or "",
                    vote.became.text
                    if vote.became
                    else (doc.identifier if doc.kind is DocumentKind.RESOLUTION else ""),
                    doc.source.layout if doc.source else "",
                ]
            )
    return out


def rollcall_rows(roll_calls: list[RollCall], dataset: SourceDataset, iris: Iris) -> bytes:
    """votes.csv rows of roll calls of a data set, as CSV text (a session has tens of thousands). The
    data set says neither the outcome nor which vote gave the resolution: those columns stay empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for rc in roll_calls:
        v = rc.vote
        iri = iris.vote(v.body, rc.session, None, dataset.vote_on(rc)).value
        common = ["", iri, dataset.voted_on(rc), v.body, "", v.date.isoformat() if v.date else ""]
        for position, refs in v.lists():
            for ref in refs:
                writer.writerow(
                    [
                        *common,
                        ref.name_as_written,
                        ref.iso3 or "",
                        position.value,
                        "",
                        "",
                        v.subject.value,
                        "",
                        "",
                        dataset.key,
                    ]
                )
    return buffer.getvalue().encode("utf-8")


# columns that may be empty (votes.csv rows of a roll-call data set have no document and no meeting)
OPTIONAL = ("document", "intended_position", "iso3", "meeting", "date", "outcome", "part", "resolution", "on_behalf_of")


def csv_rows(data: list[list[str]]) -> bytes:
    """Rows as CSV text, each ending with a line feed (the header is a row too)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(data)
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
                {
                    "name": name,
                    "titles": t,
                    "dc:description": d,
                    "datatype": dtype,
                    "required": name not in OPTIONAL,
                }
                for name, t, d, dtype in columns
            ],
            "primaryKey": key,
        },
    }
    return (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
