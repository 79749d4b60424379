"""Every shipped query (queries/*.rq) runs through `unga-ld query --name` and answers as the
acceptance facts say."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from pipeline.inputs import clean
from pipeline.register.states import resolve
from tests.conftest import ROOT, facts, in_terminal

BASE = "https://w3id.org/unga-ld/"
REPORT = "004_a2d8dbfef73a8e4a"


@pytest.fixture(scope="module")
def out(published) -> Path:
    return published  # built once per test run (conftest)


def run(out: Path, name: str) -> list[dict[str, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "query", "--name", name, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_every_query_file_says_what_it_answers():
    files = sorted((ROOT / "queries").glob("*.rq"))
    assert len(files) >= 6
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_how_each_state_voted_on_a_draft(out):
    vote = facts(REPORT)["proposals"][0]["vote"]
    rows = run(out, "votes-on-draft")
    positions = {r["iso3"]: r["position"] for r in rows}
    assert len(rows) == 193
    for key, label in (("in_favour", "in favour"), ("against", "against"), ("abstaining", "abstaining")):
        assert sorted(i for i, p in positions.items() if p == label) == sorted(resolve(n).iso3 for n in vote[key])
    listed = len(vote["in_favour"]) + len(vote["against"]) + len(vote["abstaining"])
    assert sum(p == "not voting" for p in positions.values()) == 193 - listed


def test_states_against_both_drafts(out):
    first, second = (p["vote"]["against"] for p in facts(REPORT)["proposals"])
    expected = sorted({resolve(n).iso3 for n in first} & {resolve(n).iso3 for n in second})
    assert [r["iso3"] for r in run(out, "against-both")] == expected  # none: the two camps are disjoint


def test_resolutions_citing_a_resolution(out):
    rows = run(out, "citing-resolution")
    citing = {r["resolution"] for r in rows}
    # seed 001 (77/37) cites 75/240 in preambular paragraph 1; seed 002 (76/19) in operative paragraph 4
    assert "75/240" in facts("001_69c6e02bd4b24d1c")["citations"]["preamble 1 cites General Assembly resolutions"]
    assert "75/240" in facts("002_6c1610f3d2692637")["citations"]["operative 4 cites General Assembly resolutions"]
    assert {"A/RES/77/37", "A/RES/76/19"} <= citing
    assert {r["paragraph"] for r in rows if r["resolution"] == "A/RES/76/19"} >= {f"{BASE}document/A/RES/76/19#para_4"}


def test_sponsors_and_who_joined_later(out):
    fact = facts(REPORT)["proposals"][1]
    rows = run(out, "sponsors")
    original = [r for r in rows if r["role"] == "original sponsor"]
    joined = [r for r in rows if r["role"] == "joined later"]
    assert len(original) == fact["sponsors_count"]
    assert sorted(r["iso3"] for r in joined) == sorted(resolve(n).iso3 for n in fact["joined_sponsors"])


def test_preambular_phrases_in_order(out):
    rows = run(out, "preambular-phrases")
    assert [r["phrase"] for r in rows] == facts("002_6c1610f3d2692637")["preamble"]["phrases"]
    assert [int(r["ordinal"]) for r in rows] == list(range(1, len(rows) + 1))


def test_intended_vote_statements(out):
    notes = facts(REPORT)["footnotes"]
    expected = {(notes["3"]["vote_on"], resolve(notes["3"]["state"]).iso3, notes["3"]["intended"])}
    expected |= {(notes["4"]["vote_on"], resolve(s["state"]).iso3, s["intended"]) for s in notes["4"]["statements"]}
    rows = run(out, "intended-votes")
    assert {(r["draft"], r["iso3"], r["intended"]) for r in rows} == expected
    pakistan = next(r for r in rows if r["iso3"] == "PAK")
    assert pakistan["recorded"] == "not voting" and pakistan["footnote"] == f"{BASE}document/A/73/505#fn_4"


def test_query_command_refuses_service_and_reports_bad_syntax(out):
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "query",
            "--out",
            str(out),
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "SERVICE is disabled" in refused.stderr and "Traceback" not in refused.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "pipeline", "query", "--out", str(out), "SELEKT nothing"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "does not parse" in bad.stderr and "Traceback" not in bad.stderr


def test_a_paragraph_in_every_language(out):
    rows = run(out, "paragraph-languages")
    assert [r["language"] for r in rows] == ["ar", "en", "es", "fr", "ru", "zh"]
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    tree = etree.parse(str(ROOT / "corpus" / "akn" / "A_RES_77_253 B-2313518F.xml"))
    first = next(p for p in tree.iterfind(".//a:mainBody//a:paragraph", ns) if p.find("a:num", ns) is not None)
    content = clean("".join(first.find("a:content", ns).itertext()))
    french = next(r["text"] for r in rows if r["language"] == "fr")
    assert french[:30] == content[:30]


def test_changes_a_resolution_made_to_its_draft(out):
    # read by hand (tests/test_lineage.py): 77/36 added preambular paragraph 6 and operative
    # paragraphs 5 and 6 to the original draft A/C.1/77/L.23 and reworded six others
    rows = run(out, "changes-since-draft")
    base = f"{BASE}document/A/RES/77/36#"
    assert {r["draft"] for r in rows} == {"A/C.1/77/L.23"}
    new = [r["paragraph"].removeprefix(base) for r in rows if r["change"] == "new"]
    assert new == ["preamble_6", "para_5", "para_6"]
    edited = {
        r["paragraph"].removeprefix(base): r["earlier"].rsplit("#", 1)[-1] for r in rows if r["change"] == "edited"
    }
    assert edited == {
        "preamble_4": "preamble_4", "preamble_5": "preamble_5", "preamble_7": "preamble_6", "preamble_8": "preamble_7",
        "para_1": "para_1", "para_2": "para_2", "para_3": "para_3", "para_4": "para_4", "para_7": "para_5",
    }  # fmt: skip
    assert all(0 < float(r["similarity"]) < 1 for r in rows if r["change"] == "edited")


def test_query_prints_a_table_on_a_terminal(out):
    """In a real pseudo-terminal the default is a table: a header, a rule, one line per State (the
    193 of the vote), and a count."""
    vote = facts(REPORT)["proposals"][0]["vote"]
    command = [sys.executable, "-m", "pipeline", "query", "--name", "votes-on-draft", "--out", str(out)]
    code, shown, _ = in_terminal(command)
    assert code == 0
    lines = shown.replace("\r\n", "\n").splitlines()
    assert lines[0].split() == ["iso3", "state", "position"] and set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(193 rows)" and len(lines) == 193 + 3
    favour = [ln.split()[0] for ln in lines[2:-1] if ln.endswith("in favour")]
    assert sorted(favour) == sorted(resolve(n).iso3 for n in vote["in_favour"])


# A/48/PV.46 (corpus/A_48_PV.46.pdf), read by hand: separate recorded votes on four paragraphs of
# A/48/L.13 and Corr.1, each retained; "Against: Iraq, Sudan" on the eighth preambular paragraph, the
# Democratic People's Republic of Korea against the ninth and operative paragraph 7, Iraq against 8.
SEPARATE_VOTES = {
    "The eighth preambular paragraph": ("preamble_8", (105, 2, 22), ["IRQ", "SDN"]),
    "The ninth preambular paragraph": ("preamble_9", (104, 1, 30), ["PRK"]),
    "Operative paragraph 7": ("para_7", (106, 1, 28), ["PRK"]),
    "Operative paragraph 8": ("para_8", (111, 1, 18), ["IRQ"]),
}


def test_how_states_voted_on_separate_paragraph_votes(out):
    rows = run(out, "separate-votes")
    assert {r["paragraph"] for r in rows} == set(SEPARATE_VOTES)
    for paragraph, (eid, (favour, against, abstaining), states) in SEPARATE_VOTES.items():
        mine = [r for r in rows if r["paragraph"] == paragraph]
        assert {r["part"] for r in mine} == {f"{BASE}document/A/48/L.13#{eid}"}
        assert {r["draft"] for r in mine} == {"A/48/L.13"} and {r["outcome"] for r in mine} == {"retained"}
        assert sorted(r["iso3"] for r in mine if r["position"] == "against") == states
        counts = [sum(r["position"] == p for r in mine) for p in ("in favour", "against", "abstaining")]
        assert counts == [favour, against, abstaining]


def test_votes_whose_outcome_was_not_adoption(out):
    rows = run(out, "outcomes")
    found = {r["paragraph"]: (r["outcome"], (int(r["favour"]), int(r["against"]), int(r["abstaining"]))) for r in rows}
    assert found == {paragraph: ("retained", totals) for paragraph, (_, totals, _) in SEPARATE_VOTES.items()}
    assert {r["date"] for r in rows} == {"1993-11-01"} and {r["subject"] for r in rows} == {"paragraph"}


def test_a_states_voting_history_session_by_session(out):
    """The United States, in the bundled corpus: the five recorded votes of A/48/PV.46 (it is in the
    "In favour" list of each, read in the record), the two First Committee votes of A/73/505 (the
    acceptance facts of seed 004) and the plenary votes the UN's XML of session 77 lists it in."""
    rows = {(r["session"], r["body"], r["source"]): r for r in run(out, "voting-history")}
    tally = {"in favour": 0, "against": 0, "abstaining": 0}
    for proposal in facts(REPORT)["proposals"]:
        for key, label in (("in_favour", "in favour"), ("against", "against"), ("abstaining", "abstaining")):
            tally[label] += sum(resolve(n).iso3 == "USA" for n in proposal["vote"][key])
    xml = {"inFavour": 0, "against": 0, "abstaining": 0}
    akn = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
    for path in (ROOT / "corpus" / "akn").glob("*E.xml"):
        for count in etree.parse(str(path)).iter(f"{akn}count"):
            names = [clean(o.text or "") for o in count.iter(f"{akn}organization")]
            xml[count.get("refersTo")] += "UNITED STATES" in names
    expected = {
        ("48", "General Assembly (plenary)", "documents"): (5, 0, 0),
        ("73", "First Committee", "documents"): (tally["in favour"], tally["against"], tally["abstaining"]),
        ("77", "General Assembly (plenary)", "documents"): (xml["inFavour"], xml["against"], xml["abstaining"]),
    }
    assert set(rows) == set(expected)
    for key, (favour, against, abstaining) in expected.items():
        row = rows[key]
        assert (int(row["in_favour"]), int(row["against"]), int(row["abstaining"])) == (favour, against, abstaining)
        assert row["not_voting"] == "0"


def query_command(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "query", *args, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_shipped_query_takes_its_constants_as_parameters(out):
    result = query_command(out, "--name", "separate-votes", "--param", "iso3=IRQ")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["iso3"] for r in rows} == {"IRQ"} and len(rows) == len(SEPARATE_VOTES)
    against = sorted(p for p, (_, _, states) in SEPARATE_VOTES.items() if "IRQ" in states)
    assert sorted(r["paragraph"] for r in rows if r["position"] == "against") == against
    listed = query_command(out, "--list").stdout
    assert 'votes-on-draft [symbol="A/C.1/73/L.27/Rev.1"]:' in listed and "separate-votes [iso3=UNDEF]:" in listed


def test_a_parameter_is_a_value_never_query_text(out):
    unknown = query_command(out, "--name", "sponsors", "--param", "nation=FRA")
    assert unknown.returncode == 2 and "no parameter nation (its parameters: symbol)" in unknown.stderr
    sneaky = query_command(out, "--name", "votes-on-draft", "--param", 'symbol=A/C.1/73/L.37" } ?x ?y ?z {')
    assert sneaky.returncode == 0 and sneaky.stdout.strip() == "iso3,state,position"


def test_operative_paragraphs_new_since_last_years_resolution(out):
    """77/36 against its predecessor 76/19 (both in the bundled corpus), read by hand: operative
    paragraph 1 ("Supports the work of the Open-ended Working Group … 2021–2025") continues 76/19's
    paragraph 4 and paragraph 7 (the agenda of the next session) its paragraph 7; paragraphs 2 to 6
    (the first annual progress report, the negotiations, proposals, regular institutional dialogue,
    capacity-building) are new."""
    rows = run(out, "new-in-series")
    assert [r["number"] for r in rows] == ["2", "3", "4", "5", "6"]
    assert {r["predecessor"] for r in rows} == {"A/RES/76/19"}
    assert rows[0]["text"].startswith("Welcomes the adoption by consensus of the first annual progress report")
