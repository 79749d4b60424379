"""Erik Voeten's roll calls (sources/unvotes.py) as a source of their own: every roll call one vote,
every position resolved through the register, the symbols the reader trusts and those it reports, the
build's files (votes, positions, sessions, facts of the CSV rows, provenance in the catalogue, byte-
identical twice), and the cross-check with a document's vote. Expectations are counted from the CSV
files with the csv module. Most tests read a slice (a few hundred roll calls, the same CSV format, made
in a temporary folder); one reads the whole data set."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyshacl import validate as shacl
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from pipeline import rdf
from pipeline.cli import main
from pipeline.diagnostics import PipelineError, Severity
from pipeline.model import VotePosition, VoteSubject
from pipeline.namespaces import ELI_DL, UNGA
from pipeline.register.states import by_code, resolve
from pipeline.run import build, read_documents
from pipeline.sources import unvotes
from pipeline.symbols import Symbol
from pipeline.validate.rollcalls import crosscheck
from tests.conftest import CORPUS, ROOT, published_files

DATA = ROOT.parent / "shared" / "data" / "unvotes"
SLICE = Path(__file__).resolve().parent / "fixtures" / "unvotes"
CODES = ROOT.parent / "shared" / "data" / "country-codes" / "country-codes-2026-05-15.csv"
BASE = "https://w3id.org/unga-ld/"
needs_data = pytest.mark.skipif(
    not (DATA / unvotes.VOTES).is_file(), reason="the roll-call data set is not beside the checkout"
)

# The name forms of the data set the register did not know, added for it (tools/build_register.py:
# ROLL_CALL_FORMS, and the former States it adds), with the State each stands for.
ADDED = {
    "Antigua & Barbuda": "ATG",
    "Bosnia & Herzegovina": "BIH",
    "Congo - Brazzaville": "COG",
    "Congo - Kinshasa": "COD",
    "Myanmar (Burma)": "MMR",
    "North Korea": "PRK",
    "St. Kitts & Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent & Grenadines": "VCT",
    "São Tomé & Príncipe": "STP",
    "Tanzania": "TZA",
    "Trinidad & Tobago": "TTO",
    "Yemen People's Republic": "YMD",
    "Zanzibar": "XZN",
}
# roll calls of the slice: whole sessions that hold the names resolved by date (Russia and Yugoslavia
# in 46 and 55, Taiwan in 26, Zanzibar in 18), page codes (3), emergency special sessions (9019–9024)
SLICE_SESSIONS = {"3", "18", "26", "46", "48", "55"}
SLICE_RCIDS = {"9019", "9020", "9021", "9022", "9023", "9024"}
SMALL_SESSIONS = {"18", "26"}  # the slice that is built (SHACL makes a build cost about 0.3 ms per triple)


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def make_slice(source: Path, target: Path, keep) -> Path:
    """A folder holding the rows of some roll calls of ``source``, in the same CSV format."""
    target.mkdir(parents=True, exist_ok=True)
    ids = {r["rcid"] for r in _table(source / unvotes.ROLL_CALLS) if keep(r)}
    for name in (unvotes.ROLL_CALLS, unvotes.VOTES, unvotes.ISSUE_FILE):
        with (source / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            with (target / name).open("w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, reader.fieldnames or [])
                writer.writeheader()
                writer.writerows(r for r in reader if r["rcid"] in ids)
    return target


@pytest.fixture(scope="module")
def sliced(tmp_path_factory) -> Path:
    """The roll calls of a few sessions: cut from the data set beside the checkout, else the same slice
    as the project keeps it (tests/fixtures/unvotes, made by make_slice)."""
    if not (DATA / unvotes.VOTES).is_file():
        return SLICE
    return make_slice(
        DATA, tmp_path_factory.mktemp("unvotes"), lambda r: r["session"] in SLICE_SESSIONS or r["rcid"] in SLICE_RCIDS
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, sliced) -> tuple[Path, Path]:
    """A slice of two sessions built twice with one document, to two folders."""
    folder = make_slice(sliced, tmp_path_factory.mktemp("small"), lambda r: r["session"] in SMALL_SESSIONS)
    outs = []
    for run in ("first", "second"):
        out = tmp_path_factory.mktemp(run)
        result = build([CORPUS / "002_6c1610f3d2692637.txt"], out=out, base=BASE, votes_dataset=folder, jobs=1)
        assert result.ok, [str(d) for d in result.diagnostics if d.severity is Severity.ERROR]
        outs.append(out)
    return folder, outs[0]


# -- the register ---------------------------------------------------------------------------------


def test_the_name_forms_added_for_the_data_set_are_in_the_register():
    for name, iso3 in ADDED.items():
        assert resolve(name) is not None and resolve(name).iso3 == iso3, name
    spec = importlib.util.spec_from_file_location("build_register", ROOT / "tools" / "build_register.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool
    spec.loader.exec_module(tool)
    forms = {form: code for code, names in tool.ROLL_CALL_FORMS.items() for form in names}
    assert forms == {k: v for k, v in ADDED.items() if v not in ("YMD", "XZN")}


def test_zanzibar_is_a_former_state_without_codes_it_never_had():
    zanzibar = by_code("XZN")
    assert zanzibar is not None
    assert (zanzibar.status, zanzibar.member_from, zanzibar.member_to, zanzibar.successor) == (
        "former",
        "1963-12-16",
        "1964-04-26",
        "TZA",
    )
    assert (zanzibar.m49, zanzibar.wikidata) == ("", "")
    assert resolve("United Arab Republic").iso3 == "EGY"  # the UN's name for Egypt's seat, 1958–1971


def test_names_that_stand_for_successive_states_resolve_by_the_date():
    day = dt.date.fromisoformat
    assert unvotes.state_at("Russia", day("1960-10-01"))[0] == "SUN"
    assert unvotes.state_at("Russia", day("1991-12-24"))[0] == "RUS"
    assert unvotes.state_at("Yugoslavia", day("1980-10-01"))[0] == "YUG"
    assert unvotes.state_at("Yugoslavia", day("1996-10-01"))[0] is None  # no seat between 1992 and 2000
    assert unvotes.state_at("Yugoslavia", day("2000-11-06"))[0] == "SRB"
    assert unvotes.state_at("Taiwan", day("1971-10-07"))[0] == "CHN"
    assert unvotes.state_at("Taiwan", day("1972-10-07"))[0] is None
    # the periods keep to the register's dates
    assert by_code("SUN").member_to == "1991-12-24"
    assert (day(by_code("YUG").member_to) + dt.timedelta(days=1)).isoformat() == "1992-09-23"
    assert by_code("SRB").member_from == "2000-11-01"


# -- what was voted on ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, session, symbol, why",
    [
        ("R/26/2758G", 26, "A/RES/2758(XXVI)", ""),  # the letter tells roll calls apart: kept as written
        ("R/18/1881A", 18, "A/RES/1881(XVIII)", ""),
        ("R/31/6K", 31, "A/RES/31/6", ""),
        ("R/34/233/IX", 34, "A/RES/34/233", ""),
        ("R/73/27", 73, "A/RES/73/27", ""),
        ("A/RES/73/27", 73, "A/RES/73/27", ""),
        ("A/RES/ES-10/19", 72, "A/RES/ES-10/19", ""),
        ("R/3/933", 3, None, "page"),  # the Universal Declaration's vote, printed on page 933
        ("R/17/1100A", 17, None, "page"),
        ("", 20, None, "empty"),
        ("R/12/6", 11, None, "a resolution of session 11"),
        ("ESS/1/34", 11, None, "a resolution code (R/{session}/{number})"),
        ("GOAR/1/1288B", 1, None, "a resolution code (R/{session}/{number})"),
        ("R/10 65", 10, None, "a resolution code (R/{session}/{number})"),
    ],
)
def test_codes_are_read_as_resolutions_only_where_they_are_ones(code, session, symbol, why):
    found, reason = unvotes.resolution(code, session)
    assert (found.text if found else None, reason) == (symbol, why)
    if found is not None:
        assert Symbol.parse(found.text) == found


def test_subjects_follow_the_amend_and_para_codes():
    assert unvotes.subject("1", "1") is VoteSubject.AMENDMENT
    assert unvotes.subject("0", "1") is VoteSubject.PART
    assert unvotes.subject("", "1") is VoteSubject.PART
    assert unvotes.subject("0", "0") is VoteSubject.WHOLE
    assert unvotes.subject("", "") is VoteSubject.WHOLE  # not coded after 1985


# -- reading --------------------------------------------------------------------------------------


def test_the_slice_reads_every_roll_call_and_position(sliced):
    roll_calls, found = unvotes.read(sliced)
    rows, positions = _table(sliced / unvotes.ROLL_CALLS), _table(sliced / unvotes.VOTES)
    assert len(roll_calls) == len(rows) and sum(rc.positions for rc in roll_calls) == len(positions)
    assert Counter(rc.session for rc in roll_calls) == Counter(int(r["session"]) for r in rows)
    assert all(ref.iso3 for rc in roll_calls for _, refs in rc.vote.lists() for ref in refs)
    assert not [d for d in found if d.code in ("rollcall.unknown-state", "rollcall.bad-row", "rollcall.twice")]
    page = next(d for d in found if d.code == "rollcall.page-codes")
    coded = sum(r["session"] == "3" and r["unres"].startswith("R/3/") for r in rows)
    assert page.message.startswith(f"{coded} roll calls of session 3 give a page")
    by_rcid = {rc.rcid: rc for rc in roll_calls}
    assert {ref.iso3 for ref in by_rcid[874].vote.abstaining} >= {"XZN"}  # Zanzibar, December 1963
    assert "TZA" in {ref.iso3 for ref in by_rcid[874].vote.in_favour}
    # Russia and Yugoslavia in 1991–1992 and in 2000; Taiwan in 1971, before resolution 2758 (XXVI)
    for rcid, iso3 in ((3588, "SUN"), (3662, "YUG"), (4241, "RUS"), (4241, "SRB"), (1186, "CHN")):
        assert iso3 in {ref.iso3 for _, refs in by_rcid[rcid].vote.lists() for ref in refs}, rcid


def test_a_roll_call_keeps_the_csv_s_facts(sliced):
    roll_calls, _ = unvotes.read(sliced)
    rc = next(rc for rc in roll_calls if rc.rcid == 1190)
    rows = [r for r in _table(sliced / unvotes.VOTES) if r["rcid"] == "1190"]
    totals = Counter(r["vote"] for r in rows)
    assert (rc.vote.yes, rc.vote.no, rc.vote.abstain) == (totals["yes"], totals["no"], totals["abstain"])
    assert [ref.name_as_written for ref in rc.vote.in_favour] == [r["country"] for r in rows if r["vote"] == "yes"]
    assert rc.vote.draft == Symbol.parse("A/RES/2758(XXVI)") and rc.code == "R/26/2758G"
    issues = {r["short_name"] for r in _table(sliced / unvotes.ISSUE_FILE) if r["rcid"] == "1190"}
    assert rc.topics == tuple(sorted(unvotes.ISSUES[code] for code in issues))


def test_a_name_the_register_does_not_know_is_reported_and_kept(tmp_path):
    (tmp_path / unvotes.ROLL_CALLS).write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        "1,40,0,1985-12-01,R/40/5,0,0,X,Y\n"
        "2,50,0,1995-12-01,R/50/5,0,0,X,Y\n",
        encoding="utf-8",
    )
    (tmp_path / unvotes.VOTES).write_text(
        "rcid,country,country_code,vote\n1,Atlantis,AT,yes\n1,Peru,PE,no\n2,Yugoslavia,YU,abstain\n2,Peru,PE,maybe\n",
        encoding="utf-8",
    )
    roll_calls, found = unvotes.read(tmp_path, "slice")
    assert [(r.name_as_written, r.iso3) for r in roll_calls[0].vote.in_favour] == [("Atlantis", None)]
    assert [r.iso3 for r in roll_calls[1].vote.abstaining] == [None]  # no Yugoslav seat in 1995
    messages = sorted(str(d) for d in found)
    assert messages == [
        "slice/un_votes.csv: warning rollcall.unknown-state: 'Atlantis' (AT) names no State of the register on any"
        " date (1 positions, the first in roll call 1); kept in votes.csv without a State",
        "slice/un_votes.csv: warning rollcall.unknown-state: 'Yugoslavia' (YU) names no State of the register on"
        " 1995-12-01 (1 positions, the first in roll call 2); kept in votes.csv without a State",
        "slice/un_votes.csv:5: warning rollcall.bad-row: 'maybe' is not a position (yes, no, abstain); the row is"
        " left out",
    ]


def test_a_folder_without_the_tables_cannot_be_read(tmp_path):
    with pytest.raises(PipelineError, match="cannot read the roll-call data set"):
        unvotes.read(tmp_path)
    (tmp_path / unvotes.ROLL_CALLS).write_text("rcid,session\n1,1\n", encoding="utf-8")
    (tmp_path / unvotes.VOTES).write_text("rcid,country,country_code,vote\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="no column date, unres, amend, para, descr"):
        unvotes.read(tmp_path)


# -- the cross-check ------------------------------------------------------------------------------


def test_a_document_s_vote_is_cross_checked_with_the_roll_call(tmp_path):
    path = CORPUS / "akn" / "A_RES_77_37-2228102E.xml"
    documents, _ = read_documents(path, name="A_RES_77_37.xml")
    vote = documents[0].votes[0]
    (tmp_path / unvotes.ROLL_CALLS).write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n1,77,0,2022-12-07,A/RES/77/37,0,0,X,Y\n",
        encoding="utf-8",
    )
    names = {VotePosition.IN_FAVOUR: "yes", VotePosition.AGAINST: "no", VotePosition.ABSTAINING: "abstain"}
    rows = [
        (by_code(ref.iso3).name, names[position])
        for position, refs in vote.lists()
        if position in names
        for ref in refs
    ]
    with (tmp_path / unvotes.VOTES).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rcid", "country", "country_code", "vote"])
        writer.writerows([1, name, "", position] for name, position in rows)
    roll_calls, _ = unvotes.read(tmp_path)
    assert [d.code for d in crosscheck(documents, roll_calls, unvotes.DATASET)] == ["rollcall.agrees"]
    changed = [(name, "no" if name == "Peru" else position) for name, position in rows if name != "Chile"]
    with (tmp_path / unvotes.VOTES).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rcid", "country", "country_code", "vote"])
        writer.writerows([1, name, "", position] for name, position in changed)
    roll_calls, _ = unvotes.read(tmp_path)
    [found] = crosscheck(documents, roll_calls, unvotes.DATASET)
    assert found.code == "rollcall.differs" and found.file == "A_RES_77_37.xml"
    assert found.message == (
        "A/RES/77/37 records the vote on A/RES/77/37 otherwise than roll call 1 of unvotes: 156–7–14 in the"
        " document, 154–8–14 in the data set; CHL only in the document (in favour); PER in favour in the"
        " document, against in the data set"
    )
    # a build checks the same: its parent keeps each vote's States for it (and for nothing else)
    built = build([path], votes_dataset=tmp_path, jobs=1, store=False)
    [checked] = [d for d in built.diagnostics if d.code.startswith("rollcall.")]
    assert checked.message == found.message


# -- the build ------------------------------------------------------------------------------------


def _store(out: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    return store


PREFIXES = """PREFIX unga: <https://w3id.org/unga-ld/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.mark.slow
def test_the_build_publishes_every_roll_call_and_position(built):
    folder, out = built
    rows, positions = _table(folder / unvotes.ROLL_CALLS), _table(folder / unvotes.VOTES)
    store = _store(out)
    per_session = {
        int(s["session"].value): int(s["n"].value)
        for s in store.query(
            PREFIXES + "SELECT ?session (COUNT(?v) AS ?n) WHERE { GRAPH ?g { ?v unga:rollCallNumber ?r ;"
            " unga:session ?session ; prov:wasDerivedFrom <https://hdl.handle.net/1902.1/12379> } } GROUP BY ?session"
        )
    }
    assert per_session == dict(Counter(int(r["session"]) for r in rows))
    voters = PREFIXES + (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v unga:rollCallNumber ?r ; ?p ?state ."
        " VALUES ?p { eli-dl:had_voter_favor eli-dl:had_voter_against eli-dl:had_voter_abstention } } }"
    )
    assert int(next(iter(store.query(voters)))["n"].value) == len(positions)
    table = _table(out / "votes.csv")
    mine = [r for r in table if r["source"] == "unvotes"]
    assert len(mine) == len(positions) and all(r["iso3"] and not r["document"] for r in mine)
    assert (out / "rdf" / "unvotes" / "session-26.ttl").is_file()


@pytest.mark.slow
def test_the_build_keeps_the_facts_of_the_csv_rows(built):
    folder, out = built
    rows = [r for r in _table(folder / unvotes.VOTES) if r["rcid"] == "1190"]
    totals = Counter(r["vote"] for r in rows)
    vote = f"<{BASE}vote/plenary/26/x/A/RES/XXVI/2758/unvotes-1190>"
    [found] = _store(out).query(
        PREFIXES + f"SELECT * WHERE {{ GRAPH ?g {{ {vote} unga:voteOn ?on ; eli-dl:number_of_votes_favor ?yes ;"
        " eli-dl:number_of_votes_against ?no ; eli-dl:number_of_votes_abstention ?abstain ;"
        " unga:symbolAsWritten ?code ; unga:voteSubject ?subject } }"
    )
    assert found["on"].value == f"{BASE}document/A/RES/XXVI/2758"
    assert (int(found["yes"].value), int(found["no"].value), int(found["abstain"].value)) == (
        totals["yes"],
        totals["no"],
        totals["abstain"],
    )
    assert found["code"].value == "R/26/2758G"
    assert found["subject"].value.endswith("vote-subject/whole")
    usa = next(r["vote"] for r in rows if r["country"] == "United States")
    predicate = {"yes": "had_voter_favor", "no": "had_voter_against", "abstain": "had_voter_abstention"}[usa]
    ask = PREFIXES + f"ASK {{ GRAPH ?g {{ {vote} eli-dl:{predicate} <{BASE}state/USA> }} }}"
    assert _store(out).query(ask)


@pytest.mark.slow
def test_the_catalogue_describes_the_data_set_and_conforms(built):
    folder, out = built
    catalog = Graph().parse(out / "catalog.ttl")
    source = URIRef("https://hdl.handle.net/1902.1/12379")
    assert (URIRef(BASE + "dataset"), DCTERMS.source, source) in catalog
    assert "Routledge Handbook of International Organization" in str(
        catalog.value(source, DCTERMS.bibliographicCitation)
    )
    assert catalog.value(source, DCTERMS.license) == URIRef("http://spdx.org/licenses/MIT")
    described = str(catalog.value(URIRef(BASE + "dataset"), DCTERMS.description))
    count = len(_table(folder / unvotes.ROLL_CALLS))
    assert described.endswith(
        f"With {count} roll-call votes from United Nations General Assembly voting data (Erik Voeten)."
    )
    for shapes in (ROOT / "shapes" / "vendor" / "dcat-ap-3" / "dcat-ap-SHACL.jsonld", ROOT / "shapes" / "catalog.ttl"):
        conforms, _, text = shacl(catalog, shacl_graph=Graph().parse(shapes), inference="none")
        assert conforms, text


@pytest.mark.slow
def test_two_builds_give_the_same_bytes(built, tmp_path):
    folder, first = built
    out = tmp_path / "again"
    result = build([CORPUS / "002_6c1610f3d2692637.txt"], out=out, base=BASE, votes_dataset=folder, jobs=2)
    assert result.ok
    a, b = published_files(first), published_files(out)
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a), [k for k in a if a[k] != b.get(k)]


# -- the whole data set ---------------------------------------------------------------------------


@needs_data
@pytest.mark.slow
def test_the_whole_data_set_resolves_and_maps_every_roll_call():
    roll_calls, found = unvotes.read(DATA)
    rows = _table(DATA / unvotes.ROLL_CALLS)
    assert len(roll_calls) == len(rows) == 6203
    assert Counter(rc.session for rc in roll_calls) == Counter(int(r["session"]) for r in rows)
    assert sum(rc.positions for rc in roll_calls) == 870_109
    assert not [d for d in found if d.code in ("rollcall.unknown-state", "rollcall.bad-row", "rollcall.twice")]
    pairs = {(ref.name_as_written, ref.iso3) for rc in roll_calls for _, refs in rc.vote.lists() for ref in refs}
    assert all(iso3 for _, iso3 in pairs)
    if CODES.is_file():  # every ISO alpha-2 code the data set gives agrees with the State resolved
        alpha3 = {r["ISO3166-1-Alpha-2"]: r["ISO3166-1-Alpha-3"] for r in _table(CODES)}
        codes = {r["country"]: r["country_code"] for r in _table(DATA / unvotes.VOTES)}
        for name, iso3 in pairs:
            if name not in unvotes.PERIODS and codes[name] in alpha3:
                assert alpha3[codes[name]] == iso3, name
    votes = voters = 0
    cast = (ELI_DL.had_voter_favor, ELI_DL.had_voter_against, ELI_DL.had_voter_abstention)
    for session in sorted({rc.session for rc in roll_calls}):
        g = rdf.rollcalls_graph([rc for rc in roll_calls if rc.session == session], unvotes.DATASET, BASE)
        votes += sum(1 for _ in g.subjects(UNGA.rollCallNumber, None))
        voters += sum(1 for p in cast for _ in g.triples((None, p, None)))
    assert (votes, voters) == (6203, 870_109)


def test_the_command_says_when_the_data_set_cannot_be_read(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(CORPUS / "002_6c1610f3d2692637.txt"),
            "--votes-dataset",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert f"error: cannot read the roll-call data set: {tmp_path}/un_votes.csv" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_states_voting_history_counts_the_csv_s_rows(built):
    """The shipped query voting-history on the data set: the United States' positions per session, as
    the CSV rows count them (the data set lists no absences: none is counted as not voting)."""
    folder, out = built
    sessions = {r["rcid"]: r["session"] for r in _table(folder / unvotes.ROLL_CALLS)}
    expected: Counter[tuple[str, str]] = Counter()
    for r in _table(folder / unvotes.VOTES):
        if r["country_code"] == "US":
            expected[(sessions[r["rcid"]], r["vote"])] += 1
    # a process of its own, as a user runs it: `query` puts the process that runs it under the network
    # sandbox, which must not reach the test session
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "query", "--name", "voting-history", "--out", str(out), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [r for r in csv.DictReader(result.stdout.splitlines()) if r["source"] == "roll-call data set"]
    assert {r["session"] for r in rows} == {s for s, _ in expected}
    for r in rows:
        assert r["body"] == "General Assembly (plenary)" and r["not_voting"] == "0"
        counts = (int(r["in_favour"]), int(r["against"]), int(r["abstaining"]))
        assert counts == tuple(expected[(r["session"], v)] for v in ("yes", "no", "abstain"))
