"""Every fact of the acceptance file for seed 004 (First Committee report A/73/505), against the model."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from pipeline.model import CitationKind, DocumentKind, SponsorRole, VotePosition
from pipeline.register.states import key, resolve
from tests.conftest import ACCEPTANCE, document, facts, parsed

SEED = "004_a2d8dbfef73a8e4a"
KINDS = {
    "General Assembly resolutions": CitationKind.GA_RESOLUTION,
    "General Assembly decisions": CitationKind.GA_DECISION,
    "Human Rights Council resolutions": CitationKind.HRC_RESOLUTION,
}


def erratum(fact: str):
    errata = json.loads((ACCEPTANCE / "errata.json").read_text(encoding="utf-8")).get(SEED, [])
    return next((e for e in errata if e["fact"] == fact), None)


def codes(names: list[str]) -> list[str]:
    return [resolve(n).iso3 for n in names]


def test_heading():
    f, doc = facts(SEED), document(SEED)
    assert doc.kind is DocumentKind.COMMITTEE_REPORT
    assert f["symbol_in_text"] is None and doc.symbol.text == "A/73/505"  # from corpus/manifest.toml
    assert doc.date == dt.date.fromisoformat(f["date"])
    assert doc.distribution == f["distribution"]
    assert list(doc.original_languages) == f["original_language"]
    assert doc.session == f["session"]
    assert doc.agenda_items == (str(f["agenda_item"]),)
    assert doc.agenda_title == f["agenda_item_title"]
    assert doc.body == f["report_of"]
    assert doc.rapporteur == f["rapporteur"]["name"]
    assert doc.rapporteur_state.iso3 == resolve(f["rapporteur"]["state"]).iso3
    assert len(doc.report_paragraphs) == f["report_paragraphs"]
    assert [p.number for p in doc.report_paragraphs] == [str(i) for i in range(1, f["report_paragraphs"] + 1)]


def test_report_footnotes():
    f, doc = facts(SEED), document(SEED)
    notes = {n.marker: n for n in doc.footnotes}
    assert sorted(notes) == sorted(f["footnotes"])
    assert [c.symbol.text for c in notes["1"].citations] == f["footnotes"]["1"]["cites"]
    cites = [c.symbol.text for c in notes["2"].citations]
    assert len(cites) == f["footnotes"]["2"]["cites_count"]
    assert cites[0] == f["footnotes"]["2"]["cites_first"] and cites[-1] == f["footnotes"]["2"]["cites_last"]


def test_statements_of_intended_votes():
    f, doc = facts(SEED), document(SEED)
    by_draft = {p.symbol.text: p.vote for p in doc.proposals}
    fn3, fn4 = f["footnotes"]["3"], f["footnotes"]["4"]
    vote = by_draft[fn3["vote_on"]]
    assert [(i.state.iso3, i.position) for i in vote.intentions] == [
        (resolve(fn3["state"]).iso3, VotePosition(fn3["intended"]))
    ]
    assert vote.intentions[0].stated_in == "fn_3"  # footnote 3 of A/73/505
    vote = by_draft[fn4["vote_on"]]
    assert [(i.state.iso3, i.position) for i in vote.intentions] == [
        (resolve(s["state"]).iso3, VotePosition(s["intended"])) for s in fn4["statements"]
    ]


@pytest.mark.parametrize("index", [0, 1])
def test_proposal(index):
    fact, proposal = facts(SEED)["proposals"][index], document(SEED).proposals[index]
    assert proposal.symbol.text == fact["symbol"]
    assert proposal.title == fact["title"]
    assert proposal.introduced == dt.date.fromisoformat(fact["introduced"])
    assert proposal.introduced_by.iso3 == resolve(fact["introduced_by"]).iso3
    original = [s.state for s in proposal.sponsors if s.role is SponsorRole.ORIGINAL]
    joined = [s.state for s in proposal.sponsors if s.role is SponsorRole.JOINED]
    assert len(original) == fact["sponsors_count"]
    assert key(original[0].name_as_written) == key(fact["sponsors_first"])
    assert key(original[-1].name_as_written) == key(fact["sponsors_last"])
    assert all(s.iso3 for s in original + joined)
    assert [s.name_as_written for s in joined] == fact["joined_sponsors"]
    assert [s.iso3 for s in joined] == codes(fact["joined_sponsors"])
    assert [s.text for s in proposal.budget_implications] == [fact["programme_budget_implications"]]
    assert proposal.recommended_as == fact["recommended_as"]


def test_united_kingdom_is_one_sponsor():
    proposal = document(SEED).proposals[1]
    names = [s.state.name_as_written for s in proposal.sponsors]
    assert "United Kingdom of Great Britain and Northern Ireland" in names
    assert "Northern Ireland" not in names and "United Kingdom of Great Britain" not in names


@pytest.mark.parametrize("index", [0, 1])
def test_recorded_vote(index):
    fact, vote = facts(SEED)["proposals"][index]["vote"], document(SEED).proposals[index].vote
    assert vote.recorded is (fact["kind"] == "recorded")
    assert vote.meeting == fact["meeting"]
    assert vote.date == dt.date.fromisoformat(fact["date"])
    assert (vote.yes, vote.no, vote.abstain) == (fact["yes"], fact["no"], fact["abstain"])
    assert [s.name_as_written for s in vote.in_favour] == fact["in_favour"]
    assert [s.name_as_written for s in vote.against] == fact["against"]
    assert [s.name_as_written for s in vote.abstaining] == fact["abstaining"]
    assert [s.iso3 for s in vote.in_favour] == codes(fact["in_favour"])
    assert [s.iso3 for s in vote.against] == codes(fact["against"])
    assert [s.iso3 for s in vote.abstaining] == codes(fact["abstaining"])
    assert vote.draft.text == facts(SEED)["proposals"][index]["symbol"]
    assert vote.body == "First Committee"


def test_non_voting_members():
    vote = document(SEED).proposals[1].vote
    not_voting = {s.iso3 for s in vote.not_voting}
    assert "PAK" in not_voting  # the acceptance note: Pakistan is in none of the three lists
    listed = {s.iso3 for s in (*vote.in_favour, *vote.against, *vote.abstaining)}
    assert not not_voting & listed
    assert len(not_voting) + len(listed) == 193  # every Member in 2018, once


def test_no_consistency_warnings_on_the_seed():
    codes_seen = {d.code for d in parsed(SEED).diagnostics}
    assert not codes_seen & {"vote.count-mismatch", "vote.duplicate-state", "state.unknown", "vote.no-lists"}


@pytest.mark.parametrize("index", [0, 1])
def test_embedded_draft(index):
    fact = facts(SEED)["embedded_drafts"][index]
    embedded = document(SEED).recommended[index]
    draft = embedded.document
    assert embedded.label == fact["label"]
    assert draft.title == fact["title"]
    assert draft.kind is DocumentKind.DRAFT_RESOLUTION
    assert draft.symbol.text == facts(SEED)["proposals"][index]["symbol"]
    expected_preamble = fact["preamble"]["count"]
    fixed = erratum(f"embedded_drafts[{index}].preamble.count")
    if fixed:
        assert fixed["acceptance"] == expected_preamble  # the erratum still describes the file
        expected_preamble = fixed["document"]
    assert len(draft.preamble) == expected_preamble
    assert len(draft.operative) == fact["operative"]["count"]
    assert [o.phrase for o in draft.operative] == fact["operative"]["verbs"]
    subs = {o.number: [s.number for s in o.subparagraphs] for o in draft.operative if o.subparagraphs}
    assert subs == fact["operative"]["subparagraphs"]
    assert len(draft.footnotes) == fact["footnotes_count"]
    assert [n.marker for n in draft.footnotes] == [str(i) for i in range(1, fact["footnotes_count"] + 1)]
    for claim, expected in fact["citations"].items():
        m = re.match(r"^(preamble|operative) ([\d.]+) cites (.+)$", claim)
        part, number, kind = m.groups()
        if part == "preamble":
            para = draft.preamble[int(number) - 1]
        elif "." in number:
            para = next(s for s in draft.operative[int(number.split(".")[0]) - 1].subparagraphs if s.number == number)
        else:
            para = draft.operative[int(number) - 1]
        assert [c.symbol.short for c in para.citations if c.kind is KINDS[kind]] == expected, claim


def test_footnote_numbering_restarts_in_each_embedded_draft():
    doc = document(SEED)
    first, second = (e.document for e in doc.recommended)
    assert {n.marker: n.citations[0].symbol.text for n in second.footnotes} == {
        "1": "A/65/201",
        "2": "A/68/98",
        "3": "A/70/174",
    }
    assert [c.symbol.text for c in first.footnotes[0].citations] == ["A/65/201", "A/68/98", "A/70/174"]
    assert first.footnotes[3].anchored_in == "para_1__subpara_1.5"
    # the report's own footnote 1 is another note than draft I's footnote 1
    assert doc.footnotes[0].citations[0].symbol.text == "A/C.1/73/CRP.2"


def test_erratum_matches_the_document_text():
    # read off the seed: the lines between draft II's formula and its first operative paragraph
    lines = (ACCEPTANCE.parent.parent / "corpus" / f"{SEED}.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Draft resolution II"))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("1. "))
    body = [line for line in lines[start:end] if line.strip()][3:]  # heading, title, formula
    # a preambular paragraph opens with a participle; "Nations, is applicable…" continues one
    paragraphs = [line for line in body if re.match(r"^[A-Z][a-z]+ing\b", line)]
    assert len(paragraphs) == erratum("embedded_drafts[1].preamble.count")["document"]
