"""Checks across documents, at the end of every build, over the quads of every document to publish
(each document's graph is its own; SHACL has seen each one alone).

- A vote (and its statements of intended votes) is minted by the document that records it. Two
  documents may record one vote (a resolution's own metadata and the plenary record of its meeting):
  they must agree on what was voted on, when, the totals and every State's position; each may add what
  the other does not know (where the vote is recorded, later statements of intended votes). Where
  they disagree, the two would merge into one node with the lists of both: an error naming both
  documents, and the second (in publication order) is not published.
- A meeting may be described by every document adopted or voted on at it, each saying what it knows;
  two different dates for one meeting are a warning naming both (the UN resumes a meeting on another
  day under the same number: 77/242 and 77/244 at the 56th meeting, 20 and 30 December 2022).
- A draft adopted by two resolutions (not one resolution said by two documents to adopt it): a
  warning naming both (a report that prints several drafts, as A/78/23 does, is adopted by several;
  elsewhere it is a slip in a source).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.namespaces import ELI_DL, UNGA

# what a second record of a vote may add to the first without contradicting it
_ADDITIVE = {
    str(UNGA.recordedIn),
    str(UNGA.statedIn),
    str(UNGA.hadIntention),
    str(UNGA.partAsWritten),
    str(UNGA.hadNonVoter),
    str(ELI_DL.had_voter_intended_favor),
    str(ELI_DL.had_voter_intended_against),
    str(ELI_DL.had_voter_intended_abstention),
}
_ACTIVITY_DATE, _ADOPTS = str(ELI_DL.activity_date), str(UNGA.adopts)  # looked up once, not at every line


@dataclass(frozen=True)
class Graphed:
    """What the checks need of one document to publish (``graphed``): its dump name, the file it came
    from, and what it says of votes, meetings and adoptions."""

    name: str
    file: str
    votes: dict[str, bytes]  # vote IRI → a digest of what the document says of it (its additions aside)
    meetings: dict[str, str]  # meeting IRI → its date, as the document gives it first
    adopts: list[tuple[str, str]]  # (draft, the resolution that adopts it), in the order of the graph as written


def graphed(name: str, file: str, triples: Iterable[ox.Triple], base: str) -> Graphed:
    """What the checks need of a document's graph (its triples as written); the graph need not be kept."""
    votes, meetings = f"{base}vote/", f"{base}meeting/"
    described: dict[str, set[tuple[str, str]]] = defaultdict(set)
    dates: dict[str, str] = {}
    adopts: list[tuple[str, str]] = []
    for triple in triples:
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode):
            continue
        iri, predicate = subject.value, triple.predicate.value
        if iri.startswith(votes) and predicate not in _ADDITIVE:
            described[iri].add((predicate, str(triple.object)))
        elif iri.startswith(meetings) and predicate == _ACTIVITY_DATE:
            dates.setdefault(iri, str(triple.object))
        if predicate == _ADOPTS:
            adopts.append((str(triple.object), iri))
    digests = {
        iri: hashlib.blake2b(json.dumps(sorted(said), ensure_ascii=False).encode("utf-8"), digest_size=16).digest()
        for iri, said in described.items()
    }
    return Graphed(name, file, digests, dates, adopts)


def conflicts(documents: Iterable[Graphed]) -> tuple[list[Diagnostic], set[str]]:
    """The diagnostics, and the names of the documents not to publish (``documents`` in publication
    order, gone through once)."""
    described: dict[str, dict[str, bytes]] = defaultdict(dict)
    dates: dict[str, dict[str, str]] = defaultdict(dict)
    adopters: dict[str, dict[str, str]] = defaultdict(dict)  # draft → adopting resolution → first document
    files: dict[str, str] = {}
    order: dict[str, int] = {}
    for doc in documents:
        files[doc.name] = doc.file
        order[doc.name] = len(order)
        for iri, digest in doc.votes.items():
            described[iri][doc.name] = digest
        for iri, date in doc.meetings.items():
            dates[iri].setdefault(doc.name, date)
        for draft, resolution in doc.adopts:
            adopters[draft].setdefault(resolution, doc.name)
    found: list[Diagnostic] = []
    rejected: set[str] = set()
    for iri, by in sorted(described.items()):
        names = sorted((n for n in by if n not in rejected), key=order.__getitem__)
        for later in names[1:]:
            first = names[0]
            if by[later] != by[first]:
                found.append(diagnostic("build.iri-conflict", files[later], iri=iri, first=first, second=later))
                rejected.add(later)
    for meeting, by_doc in sorted(dates.items()):
        names = sorted(by_doc, key=order.__getitem__)
        other = next((n for n in names[1:] if by_doc[n] != by_doc[names[0]]), None)
        if other is not None:
            found.append(
                diagnostic(
                    "build.meeting-dates",
                    files[other],
                    meeting=meeting,
                    first=names[0],
                    second=other,
                    dates=f"{by_doc[names[0]]} and {by_doc[other]}",
                )
            )
    for draft, by_resolution in sorted(adopters.items()):
        unique = sorted(set(by_resolution.values()), key=order.__getitem__)
        if len(by_resolution) > 1 and len(unique) > 1:
            found.append(
                diagnostic(
                    "build.adopted-twice", files[unique[1]], draft=draft.strip("<>"), first=unique[0], second=unique[1]
                )
            )
    return found, rejected
