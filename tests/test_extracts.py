"""The UN's own extract of every session (data_extract-NN.json, beside its Akoma Ntoso files) against
what the reader makes of the files: for every recorded vote, the three totals and the States in each
list. Where the extract disagrees with itself (lists that do not add up to its own totals) or names a
range of lettered resolutions as one ("A/RES/75/254 A-C"), it is no ground truth and is set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.parse import parse
from pipeline.register.states import resolve
from pipeline.sources import read
from tests.conftest import AKN_CORPUS

SESSIONS = ["75", "76", "77", "78"]
LISTS = (("MS_in_favour", "in_favour"), ("MS_against", "against"), ("MS_abstaining", "abstaining"))


def folder(session: str) -> Path:
    return AKN_CORPUS.parent / f"akn4un-{session}-english"


def _iso(name: str) -> str:
    state = resolve(name)
    return state.iso3 if state else f"?{name}"


@pytest.mark.corpus
@pytest.mark.parametrize("session", SESSIONS)
def test_every_recorded_vote_has_the_totals_and_lists_of_the_un_extract(session):
    if not folder(session).is_dir():
        pytest.skip(f"the shared session-{session} corpus is not beside the checkout")
    lines = (folder(session) / f"data_extract-{session}.json").read_text(encoding="utf-8").splitlines()
    extract = [json.loads(line) for line in lines if line.strip()]
    votes = {}
    for path in sorted(folder(session).glob("*.xml")):
        for doc in parse(read(path)).documents:
            votes[doc.identifier] = next((v for v in doc.votes if v.recorded), None)
    checked, wrong = 0, []
    for record in extract:
        totals = tuple(int(record[f"{key}_count"] or 0) for key, _ in LISTS)
        if not any(totals):
            continue  # adopted without a vote
        if tuple(len(record[key]) for key, _ in LISTS) != totals or "-" in record["symbol"].split()[-1]:
            continue  # the extract disagrees with itself, or names several resolutions as one
        checked += 1
        vote = votes.get(record["symbol"])
        if vote is None:
            wrong.append((record["symbol"], "no recorded vote read"))
            continue
        if (vote.yes, vote.no, vote.abstain) != totals:
            wrong.append((record["symbol"], totals, (vote.yes, vote.no, vote.abstain)))
        for key, field in LISTS:
            if sorted(_iso(n) for n in record[key]) != sorted(
                r.iso3 or f"?{r.name_as_written}" for r in getattr(vote, field)
            ):
                wrong.append((record["symbol"], key))
    assert checked > 70
    assert wrong == []
