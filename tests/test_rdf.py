"""The published RDF: the acceptance facts again, by SPARQL over the Turtle that `build` writes;
every term of the data contract present; no blank nodes (byte-identical rebuilds: test_publish)."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from pipeline.register.states import resolve
from tests.conftest import ROOT, facts

BASE = "https://w3id.org/unga-ld/"
PREFIXES = """
PREFIX unga: <https://w3id.org/unga-ld/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
SEED_SYMBOLS = {
    "000_ea35d43ee21e10af": "A/C.1/77/L.23",
    "001_69c6e02bd4b24d1c": "A/RES/77/37",
    "002_6c1610f3d2692637": "A/RES/76/19",
    "003_adef17272de0fa25": "A/C.1/75/L.8/Rev.1",
}


@pytest.fixture(scope="module")
def store(published) -> ox.Store:
    s = ox.Store()
    for path in sorted((published / "rdf").glob("*.ttl")):
        s.load(path=str(path), format=ox.RdfFormat.TURTLE)  # a strict parser
    return s


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    rows = []
    for solution in store.query(PREFIXES + query):
        rows.append(tuple(None if v is None else v.value for v in solution))
    return rows


def column(store: ox.Store, query: str) -> list[str]:
    return [row[0] for row in select(store, query)]


def doc(symbol: str) -> str:
    return f"<{BASE}document/{symbol}>"


def test_109_states_voted_in_favour_of_l27_rev1(store):
    fact = facts("004_a2d8dbfef73a8e4a")["proposals"][0]
    codes = column(
        store,
        f"""
        SELECT ?iso WHERE {{
            ?vote unga:voteOn {doc(fact["symbol"])} ; eli-dl:had_voter_favor ?state .
            ?state unga:iso3 ?iso .
        }} ORDER BY ?iso""",
    )
    assert len(codes) == 109
    assert codes == sorted(resolve(n).iso3 for n in fact["vote"]["in_favour"])


@pytest.mark.parametrize("index", [0, 1])
def test_both_votes_by_position(store, index):
    fact = facts("004_a2d8dbfef73a8e4a")["proposals"][index]
    rows = select(
        store,
        f"""
        SELECT ?favor ?against ?abst ?meeting ?date ?session WHERE {{
            ?vote a unga:RecordedVote ; unga:voteOn {doc(fact["symbol"])} ;
                  eli-dl:number_of_votes_favor ?favor ; eli-dl:number_of_votes_against ?against ;
                  eli-dl:number_of_votes_abstention ?abst ; eli-dl:activity_date ?date ;
                  unga:meeting/unga:meetingNumber ?meeting ; unga:session ?session .
        }}""",
    )
    v = fact["vote"]
    session = str(facts("004_a2d8dbfef73a8e4a")["session"])  # a vote states its session, as a roll call does
    assert rows == [(str(v["yes"]), str(v["no"]), str(v["abstain"]), str(v["meeting"]), v["date"], session)]
    for position, prop in (("against", "had_voter_against"), ("abstaining", "had_voter_abstention")):
        codes = column(
            store,
            f"""
            SELECT ?iso WHERE {{ ?vote unga:voteOn {doc(fact["symbol"])} ; eli-dl:{prop}/unga:iso3 ?iso }}
            ORDER BY ?iso""",
        )
        assert codes == sorted(resolve(n).iso3 for n in v[position])


def test_pakistan_did_not_vote_on_l37_and_stated_it_meant_to_abstain(store):
    rows = select(
        store,
        f"""
        SELECT ?position WHERE {{
            ?vote unga:voteOn {doc("A/C.1/73/L.37")} ; unga:hadNonVoter <{BASE}state/PAK> ;
                  unga:hadIntention ?i ; eli-dl:had_voter_intended_abstention <{BASE}state/PAK> .
            ?i unga:intendingState <{BASE}state/PAK> ; unga:intendedPosition/skos:prefLabel ?position .
        }}""",
    )
    assert rows == [("abstaining",)]


def test_intended_votes(store):
    fn = facts("004_a2d8dbfef73a8e4a")["footnotes"]
    expected = sorted(
        [(fn["3"]["vote_on"], resolve(fn["3"]["state"]).iso3, fn["3"]["intended"])]
        + [(fn["4"]["vote_on"], resolve(s["state"]).iso3, s["intended"]) for s in fn["4"]["statements"]]
    )
    rows = select(
        store,
        """
        SELECT ?draft ?iso ?position WHERE {
            ?vote unga:voteOn/eli:id_local ?draft ; unga:hadIntention ?i .
            ?i unga:intendingState/unga:iso3 ?iso ; unga:intendedPosition/skos:prefLabel ?position ;
               unga:statedIn ?note .
            ?note a unga:Footnote .
        } ORDER BY ?draft ?iso""",
    )
    assert sorted(rows) == expected


@pytest.mark.parametrize("index", [0, 1])
def test_sponsors_and_later_sponsors(store, index):
    fact = facts("004_a2d8dbfef73a8e4a")["proposals"][index]
    rows = select(
        store,
        f"""
        SELECT ?role (COUNT(?s) AS ?n) WHERE {{
            ?s unga:sponsorshipOf {doc(fact["symbol"])} ; unga:role/skos:prefLabel ?role ; unga:sponsor ?state .
        }} GROUP BY ?role ORDER BY ?role""",
    )
    assert rows == [
        ("joined later", str(len(fact["joined_sponsors"]))),
        ("original sponsor", str(fact["sponsors_count"])),
    ]
    introduced = select(
        store,
        f"""
        SELECT ?iso ?date WHERE {{ {doc(fact["symbol"])} unga:introducedBy/unga:iso3 ?iso ; unga:dateIntroduced ?date }}""",
    )
    assert introduced == [(resolve(fact["introduced_by"]).iso3, fact["introduced"])]


def test_the_25_resolutions_preambular_paragraph_1_of_seed_000_cites(store):
    expected = facts("000_ea35d43ee21e10af")["citations"]["preamble 1 cites General Assembly resolutions"]
    cited = column(
        store,
        f"""
        SELECT ?symbol WHERE {{
            <{BASE}document/A/C.1/77/L.23#preamble_1> eli:cites ?r .
            ?r a unga:Resolution ; eli:id_local ?symbol .
        }}""",
    )
    assert len(cited) == 25
    assert sorted(cited) == sorted("A/RES/" + s for s in expected)


def test_decisions_and_hrc_resolutions_are_typed_apart(store):
    kinds = dict(
        select(
            store,
            """
        SELECT ?symbol ?type WHERE {
            ?r eli:id_local ?symbol ; a ?type .
            VALUES ?symbol { "A/DEC/72/512" "A/HRC/RES/20/8" "A/RES/43/78 H" "A/AC.292/2022/INF/4" }
        }""",
        )
    )
    assert kinds == {
        "A/DEC/72/512": "https://w3id.org/unga-ld/ontology#Decision",
        "A/HRC/RES/20/8": "https://w3id.org/unga-ld/ontology#HRCResolution",
        "A/RES/43/78 H": "https://w3id.org/unga-ld/ontology#Resolution",
        "A/AC.292/2022/INF/4": "https://w3id.org/unga-ld/ontology#Document",
    }


@pytest.mark.parametrize("seed", sorted(SEED_SYMBOLS))
def test_seed_structure_by_sparql(store, seed):
    f, d = facts(seed), doc(SEED_SYMBOLS[seed])
    phrases = column(
        store,
        f"""
        SELECT ?phrase WHERE {{ ?p a unga:PreambularParagraph ; eli:is_part_of {d} ; unga:ordinal ?k ; unga:phrase ?phrase }}
        ORDER BY ?k""",
    )
    assert phrases == f["preamble"]["phrases"]
    verbs = column(
        store,
        f"""
        SELECT ?verb WHERE {{ ?p a unga:OperativeParagraph ; eli:is_part_of {d} ; unga:ordinal ?k ; unga:phrase ?verb }}
        ORDER BY ?k""",
    )
    assert verbs == f["operative"]["verbs"]
    subs = select(
        store,
        f"""
        SELECT ?parent ?n WHERE {{
            ?s a unga:SubParagraph ; eli:is_part_of ?p ; eli:number ?n ; unga:ordinal ?k .
            ?p eli:is_part_of {d} ; eli:number ?parent .
        }} ORDER BY ?parent ?k""",
    )
    grouped: dict[str, list[str]] = {}
    for parent, number in subs:
        grouped.setdefault(parent, []).append(number)
    assert grouped == f["operative"]["subparagraphs"]
    anchors = dict(
        select(
            store,
            f"""
        SELECT ?marker ?where WHERE {{ ?f a unga:Footnote ; eli:is_part_of {d} ; unga:marker ?marker ; unga:footnoteOf ?where }}""",
        )
    )
    expected = {}
    for marker, fact in f["footnotes"].items():
        part, number = fact["anchored_in"].split()
        expected[marker] = (
            f"{BASE}document/{SEED_SYMBOLS[seed]}#" + ("preamble_" if part == "preamble" else "para_") + number
        )
    assert anchors == expected
    meta = select(
        store,
        f"""
        SELECT ?title ?session ?item WHERE {{ {d} eli:title ?title ; unga:session ?session ; unga:agendaItem ?item }}""",
    )
    assert meta == [(f["title"], str(f["session"]), str(f["agenda_item"]))]
    if "sponsors" in f:
        codes = column(store, f"SELECT ?iso WHERE {{ {d} unga:sponsoredBy/unga:iso3 ?iso }} ORDER BY ?iso")
        assert codes == sorted(resolve(n).iso3 for n in f["sponsors"])
    if "adopted" in f:
        a = f["adopted"]
        rows = select(
            store,
            f"""
            SELECT ?date ?meeting ?report ?para WHERE {{
                {d} eli:date_document ?date ; unga:adoptedAt/unga:meetingNumber ?meeting ;
                    unga:onReportOf/eli:id_local ?report ; unga:reportParagraph ?para .
            }}""",
        )
        assert rows == [(a["date"], str(a["plenary_meeting"]), a["on_report"], str(a["report_paragraph"]))]


def test_revised_draft_points_at_the_draft_it_revises(store):
    assert column(store, f"SELECT ?s WHERE {{ {doc('A/C.1/75/L.8/Rev.1')} unga:isRevisionOf/eli:id_local ?s }}") == [
        "A/C.1/75/L.8"
    ]
    # seed 000's draft and the resolution adopted on its revision meet through the revision
    rows = column(
        store,
        f"""
        SELECT ?r WHERE {{ ?r unga:adopts ?rev . ?rev unga:isRevisionOf {doc("A/C.1/77/L.23")} }}""",
    )
    assert rows == [f"{BASE}document/A/RES/77/36"]


DATA_CONTRACT = [
    "unga:Resolution",
    "unga:DraftResolution",
    "unga:CommitteeReport",
    "unga:PreambularParagraph",
    "unga:OperativeParagraph",
    "unga:SubParagraph",
    "unga:Footnote",
    "unga:MemberState",
    "unga:Sponsorship",
    "unga:RecordedVote",
    "unga:VoteIntention",
    "unga:Decision",
]
CONTRACT_PROPERTIES = [
    "eli:id_local",
    "eli:title",
    "eli:date_document",
    "unga:session",
    "unga:agendaItem",
    "unga:documentType",
    "unga:isRevisionOf",
    "eli:is_part_of",
    "unga:ordinal",
    "eli:number",
    "unga:text",
    "unga:phrase",
    "unga:clauseVerb",
    "unga:marker",
    "unga:footnoteOf",
    "eli:cites",
    "skos:prefLabel",
    "skos:altLabel",
    "unga:iso3",
    "unga:m49",
    "owl:sameAs",
    "unga:sponsorshipOf",
    "unga:sponsor",
    "unga:role",
    "unga:nameAsWritten",
    "unga:sponsoredBy",
    "unga:voteOn",
    "unga:votedBy",
    "eli-dl:activity_date",
    "unga:meeting",
    "eli-dl:number_of_votes_favor",
    "eli-dl:number_of_votes_against",
    "eli-dl:number_of_votes_abstention",
    "eli-dl:had_voter_favor",
    "eli-dl:had_voter_against",
    "eli-dl:had_voter_abstention",
    "unga:hadNonVoter",
    "eli-dl:had_voter_intended_favor",
    "eli-dl:had_voter_intended_abstention",
    "unga:adoptedAt",
    "unga:onReportOf",
    "unga:reportParagraph",
    "unga:adopts",
    "unga:aknWork",
]


@pytest.mark.parametrize("term", DATA_CONTRACT)
def test_every_class_of_the_data_contract_is_used(store, term):
    assert store.query(PREFIXES + f"ASK {{ ?x a {term} }}")


@pytest.mark.parametrize("term", CONTRACT_PROPERTIES)
def test_every_property_of_the_data_contract_is_used(store, term):
    assert store.query(PREFIXES + f"ASK {{ ?x {term} ?y }}")


def test_no_blank_nodes(store):
    assert not store.query("ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }")


def test_validate_command_on_published_and_broken_files(published, tmp_path):
    good = published / "rdf" / "A_73_505.ttl"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", str(good)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0 and "0 violations" in result.stdout
    broken = tmp_path / "broken.ttl"
    text = good.read_text(encoding="utf-8").replace(
        "eli-dl:number_of_votes_favor 109", "eli-dl:number_of_votes_favor 110"
    )
    vote = "<https://w3id.org/unga-ld/vote/first-committee/73/31/A/C.1/73/L.27/Rev.1>"
    broken.write_text(
        text + f"\n{vote} eli-dl:had_voter_against <https://w3id.org/unga-ld/state/CHN> .\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", str(broken)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "the in favour count is 110 but 109 States are listed" in result.stdout  # a warning
    assert "CHN" in result.stderr and "two lists" in result.stderr  # a violation
    assert "Traceback" not in result.stderr
