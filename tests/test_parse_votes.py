"""Vote results in the forms real records use, the lists, and the consistency checks."""

import csv
import datetime as dt

import pytest
from rdflib.namespace import RDF

from pipeline.model import SponsorRole, VoteOutcome, VoteSubject
from pipeline.namespaces import UNGA
from pipeline.normalise import normalise
from pipeline.parse import parse, votes
from pipeline.rdf import to_graph
from pipeline.sources import read
from pipeline.symbols import Symbol
from tests.conftest import FIXTURES, document


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "adopted draft resolution A/C.1/73/L.27/Rev.1 by a recorded vote of 109 to 45, with 16 abstentions",
            (True, 109, 45, 16),
        ),
        ("adopted the draft resolution by 131 votes to 53", (False, 131, 53, 0)),
        ("adopted it by 185 votes to none, with 2 abstentions", (False, 185, 0, 2)),
        ("adopted it by a recorded vote of 170 to 2, with 1 abstention", (True, 170, 2, 1)),
        ("adopted the draft resolution without a vote", (False, None, None, None)),
        ("took note of the report", None),
    ],
)
def test_result_forms(sentence, expected):
    assert votes.result(sentence) == expected


def test_labels_with_the_list_inline_or_below():
    assert votes.label("Abstaining: None.")[1] == "None."
    assert votes.label("In favour:")[1] == ""
    assert votes.names("None.", None, None) == ([], [])


@pytest.fixture(scope="module")
def report():
    return parse(normalise(read(FIXTURES / "report-vote-forms.txt")))


def test_vote_forms_in_a_report(report):
    first, second, third = report.document.proposals
    assert (first.vote.recorded, first.vote.yes, first.vote.no, first.vote.abstain) == (False, 131, 53, 1)
    assert first.vote.meeting == 28 and first.vote.date == dt.date(2022, 11, 2)
    assert [s.state.iso3 for s in first.sponsors] == ["CHL", "PER", "VCT"]
    assert second.vote.recorded is False and second.vote.yes is None
    assert second.vote.meeting == 28  # "At the same meeting"
    assert [s.state.iso3 for s in second.sponsors] == ["PER"]  # introduced alone
    assert third.vote.against == () and third.vote.no == 0
    assert [(s.state.iso3, s.role) for s in third.sponsors] == [
        ("FJI", SponsorRole.ORIGINAL),
        ("TON", SponsorRole.ORIGINAL),
        ("WSM", SponsorRole.JOINED),
    ]


def test_consistency_checks_name_the_vote_and_the_problem(report):
    messages = [str(d) for d in report.diagnostics if d.code.startswith("vote.")]
    path = str(FIXTURES / "report-vote-forms.txt")
    assert (
        f"{path}:40: warning vote.count-mismatch: vote on A/C.1/77/L.3: stated in favour count is 3 but 4 States are listed"
        in messages
    )
    assert any("vote.duplicate-state" in m and "CHL" in m and "in favour, abstaining" in m for m in messages)
    assert len(messages) == 2


def test_state_listed_twice_in_one_list_is_reported():
    vote = votes.RecordedVote(
        draft=None,
        body="First Committee",
        meeting=1,
        date=None,
        recorded=True,
        yes=2,
        no=0,
        abstain=0,
        in_favour=(votes.StateRef("Chile", "CHL"), votes.StateRef("Chile", "CHL")),
    )
    found = votes.checks(vote, "x.txt", 3)
    assert [d.code for d in found] == ["vote.duplicate-state"]
    assert "in favour, in favour" in found[0].message


@pytest.mark.parametrize(
    "sentence, outcome",
    [
        ("the Committee adopted draft resolution A/C.1/73/L.37 by a recorded vote of 138 to 7", VoteOutcome.ADOPTED),
        (
            "Draft resolution A/C.3/57/L.39 was rejected by a recorded vote of 40 to 90, with 20 abstentions",
            VoteOutcome.REJECTED,
        ),
        ("The eighth preambular paragraph was retained by 105 votes to 2, with 22 abstentions", VoteOutcome.RETAINED),
        ("the words were deleted by 60 votes to 50", VoteOutcome.DELETED),
        ("the Committee took action on the draft", None),
    ],
)
def test_the_outcome_a_result_sentence_states(sentence, outcome):
    assert votes.outcome(sentence) is outcome


def test_the_report_votes_were_adopted_and_say_so_in_the_data(published):
    for proposal in document("004_a2d8dbfef73a8e4a").proposals:
        assert proposal.vote is not None and proposal.vote.outcome is VoteOutcome.ADOPTED
    with open(published / "votes.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["document"] == "A/73/505"]
    assert rows and {r["outcome"] for r in rows} == {"adopted"}
    turtle = (published / "rdf" / "A_73_505.ttl").read_text(encoding="utf-8")
    assert "unga:outcome <https://w3id.org/unga-ld/vocabulary/vote-outcome/adopted>" in turtle


def test_votes_on_an_amendment_and_a_paragraph_keep_their_own_lists():
    """A report that records a vote on an amendment and a separate vote on a paragraph before the vote
    on the whole draft (tests/fixtures/report-separate-votes.txt): three votes, none merged."""
    result = parse(normalise(read(FIXTURES / "report-separate-votes.txt")))
    (proposal,) = result.document.proposals
    amendment, paragraph = proposal.separate_votes
    assert (amendment.subject, amendment.amendment, amendment.outcome) == (
        VoteSubject.AMENDMENT,
        Symbol.parse("A/C.1/77/L.60"),
        VoteOutcome.REJECTED,
    )
    assert [r.iso3 for r in amendment.against] == ["FRA", "DEU", "JPN"]
    assert (paragraph.subject, paragraph.part, paragraph.outcome) == (
        VoteSubject.PART,
        "preamble_5",
        VoteOutcome.RETAINED,
    )
    assert [r.iso3 for r in paragraph.against] == ["IND"] and [r.iso3 for r in paragraph.abstaining] == ["JPN"]
    whole = proposal.vote
    assert whole.subject is VoteSubject.WHOLE and (whole.yes, whole.no, whole.abstain) == (5, 0, 1)
    assert [r.iso3 for r in whole.abstaining] == ["IND"] and whole.against == ()
    assert not [d for d in result.diagnostics if d.code.startswith("vote.")]  # each count equals its list
    graph = to_graph(result.document)
    parts = {str(o) for o in graph.objects(None, UNGA.voteOnPart)}
    assert parts == {"https://w3id.org/unga-ld/document/A/C.1/77/L.1#preamble_5"}
    votes_in_graph = set(graph.subjects(RDF.type, UNGA.RecordedVote))
    assert len(votes_in_graph) == 3
