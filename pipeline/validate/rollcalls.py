"""A cross-check of the votes read from documents with the same votes in a data set of roll calls.

A plenary vote that a document records — the vote that adopted a resolution, read from the resolution,
or a vote of a plenary record with the resolution it gave — is matched with the roll calls the data set
gives on that resolution (its letter set aside: the data set does not keep it) and on the same subject.
Both are published, each with its own IRI; where the two disagree (the totals, or the position of a
State) a diagnostic says how, against the roll call that disagrees least.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pipeline.diagnostics import CATALOGUE, Diagnostic, diagnostic
from pipeline.model import Document, DocumentKind, RecordedVote, VotePosition
from pipeline.register import bodies
from pipeline.rollcalls import RollCall, SourceDataset
from pipeline.symbols import Symbol

SHOWN = 6  # differences named in one diagnostic; the rest are counted


def crosscheck(documents: Iterable[Document], roll_calls: list[RollCall], dataset: SourceDataset) -> list[Diagnostic]:
    """One diagnostic per plenary vote of a document that the data set gives too: how they differ, or
    that they agree."""
    by_resolution: dict[str, list[RollCall]] = defaultdict(list)
    for rc in roll_calls:
        if rc.vote.draft is not None:
            by_resolution[_unlettered(rc.vote.draft)].append(rc)
    found: list[Diagnostic] = []
    if not by_resolution:
        return found
    for doc in documents:
        for vote, resolution in _plenary_votes(doc):
            candidates = [
                rc for rc in by_resolution.get(_unlettered(resolution), []) if rc.vote.subject is vote.subject
            ]
            if not candidates:
                continue
            best = min(candidates, key=lambda rc: (len(differences(vote, rc.vote)), rc.rcid))
            found.append(_diagnostic(doc, vote, resolution, best, dataset))
    return found


def differences(document: RecordedVote, roll_call: RecordedVote) -> list[str]:
    """How a document's vote and a roll call differ, in words: the totals first, then State by State."""
    out: list[str] = []
    stated = _totals(document)
    given = _totals(roll_call)
    if stated != given:
        out.append(f"{'–'.join(map(str, stated))} in the document, {'–'.join(map(str, given))} in the data set")
    here, there = _positions(document), _positions(roll_call)
    for iso3 in sorted(here.keys() | there.keys()):
        a, b = here.get(iso3), there.get(iso3)
        if a == b:
            continue
        if a is None and b is not None:
            out.append(f"{iso3} only in the data set ({b.value})")
        elif b is None and a is not None:
            out.append(f"{iso3} only in the document ({a.value})")
        elif a is not None and b is not None:
            out.append(f"{iso3} {a.value} in the document, {b.value} in the data set")
    return out


def _diagnostic(
    doc: Document, vote: RecordedVote, resolution: Symbol, rc: RollCall, dataset: SourceDataset
) -> Diagnostic:
    file = doc.source.path if doc.source else doc.identifier
    found = differences(vote, rc.vote)
    if not found:
        positions = sum(len(states) for _, states in rc.vote.lists())
        return diagnostic(
            "rollcall.agrees",
            file,
            document=doc.identifier,
            symbol=resolution.text,
            rcid=rc.rcid,
            dataset=dataset.key,
            positions=positions,
        )
    shown = "; ".join(found[:SHOWN]) + (f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else "")
    severity, template = CATALOGUE["rollcall.differs"]  # the differences whole: diagnostic() cuts values short
    values = {"document": doc.identifier, "symbol": resolution.text, "rcid": rc.rcid, "dataset": dataset.key}
    return Diagnostic("rollcall.differs", severity, template.format(**values, difference=shown), file)


def _plenary_votes(doc: Document) -> list[tuple[RecordedVote, Symbol]]:
    """The recorded plenary votes of a document with the resolution each is on: a resolution's own vote,
    or a vote that gave a resolution (a plenary record's)."""
    out = []
    for vote in doc.votes:
        if not vote.recorded or bodies.slug(vote.body) != bodies.PLENARY.slug:
            continue
        if vote.became is not None:
            out.append((vote, vote.became))
        elif doc.kind is DocumentKind.RESOLUTION and doc.symbol is not None:
            out.append((vote, doc.symbol))
    return out


def _unlettered(symbol: Symbol) -> str:
    """A resolution's symbol without the letter of its part: the data set's codes do not keep it."""
    head, _, letter = symbol.text.rpartition(" ")
    return head if head and len(letter) == 1 and letter.isalpha() else symbol.text


def _totals(vote: RecordedVote) -> tuple[int, int, int]:
    lists = {position: len(states) for position, states in vote.lists()}
    return (
        vote.yes if vote.yes is not None else lists[VotePosition.IN_FAVOUR],
        vote.no if vote.no is not None else lists[VotePosition.AGAINST],
        vote.abstain if vote.abstain is not None else lists[VotePosition.ABSTAINING],
    )


def _positions(vote: RecordedVote) -> dict[str, VotePosition]:
    return {
        ref.iso3: position
        for position, refs in vote.lists()
        if position is not VotePosition.NOT_VOTING
        for ref in refs
        if ref.iso3
    }
