"""Verbatim records of plenary meetings and the excerpts of a record and a committee report: every
action, read from the UN's PDFs and text. The expected facts were read by hand from the records
(tests/fixtures/plenary/SOURCE.md says which is which)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
from lxml import etree

from pipeline.akn import akn_bytes
from pipeline.model import Document, DocumentKind, RecordedVote, VoteOutcome, VotePosition, VoteSubject
from pipeline.normalise import normalise
from pipeline.parse import parse
from pipeline.rdf import to_graph
from pipeline.run import build, read_documents
from pipeline.sources import load_manifest, read
from pipeline.symbols import Symbol
from pipeline.validate import xsd

PLENARY = Path(__file__).resolve().parent / "fixtures" / "plenary"


@cache
def record(name: str) -> tuple[Document, tuple[str, ...]]:
    path = PLENARY / name
    if path.suffix == ".pdf":
        docs, diags = read_documents(path)
        return docs[0], tuple(d.code for d in diags)
    result = parse(normalise(read(path, load_manifest(PLENARY)[name])))
    return result.document, tuple(d.code for d in result.diagnostics)


def recorded(doc: Document) -> list[RecordedVote]:
    return [v for v in doc.votes if v.recorded]


def iso3(refs: tuple) -> list[str | None]:
    return [r.iso3 for r in refs]


def test_separate_votes_on_paragraphs_then_the_whole_draft() -> None:
    doc, _ = record("A_48_PV.46.pdf")
    assert doc.kind is DocumentKind.PLENARY_RECORD and doc.symbol == Symbol.parse("A/48/PV.46")
    assert (doc.session, doc.date.isoformat() if doc.date else None) == (48, "1993-11-01")
    votes = recorded(doc)
    # "The eighth preambular paragraph was retained by 105 votes to 2, with 22 abstentions." …
    assert [(v.subject, v.part, v.outcome, v.yes, v.no, v.abstain) for v in votes] == [
        (VoteSubject.PART, "preamble_8", VoteOutcome.RETAINED, 105, 2, 22),
        (VoteSubject.PART, "preamble_9", VoteOutcome.RETAINED, 104, 1, 30),
        (VoteSubject.PART, "para_7", VoteOutcome.RETAINED, 106, 1, 28),
        (VoteSubject.PART, "para_8", VoteOutcome.RETAINED, 111, 1, 18),
        (VoteSubject.WHOLE, None, VoteOutcome.ADOPTED, 140, 1, 9),
    ]
    assert all(v.draft == Symbol.parse("A/48/L.13") and v.meeting == 46 for v in votes)
    assert votes[-1].became == Symbol.parse("A/RES/48/14")
    assert iso3(votes[0].against) == ["IRQ", "SDN"]  # "Against: Iraq, Sudan"
    for v in votes:  # the lists, read across columns and pages, hold as many States as the totals
        assert (len(v.in_favour), len(v.against), len(v.abstaining)) == (v.yes, v.no, v.abstain)
        assert None not in iso3((*v.in_favour, *v.against, *v.abstaining))


def test_recorded_vote_with_three_lists_and_a_later_intention() -> None:
    doc, codes = record("A_61_PV.107.pdf")
    (vote,) = recorded(doc)
    assert (vote.draft, vote.became) == (Symbol.parse("A/61/L.67"), Symbol.parse("A/RES/61/295"))
    assert (vote.yes, vote.no, vote.abstain) == (143, 4, 11)
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == (143, 4, 11)
    assert None not in iso3((*vote.in_favour, *vote.against, *vote.abstaining))
    assert iso3(vote.against) == ["AUS", "CAN", "NZL", "USA"]
    assert iso3(vote.abstaining)[:3] == ["AZE", "BGD", "BTN"]
    # "[Subsequently the delegation of Montenegro advised the Secretariat that it had intended to vote in favour.]"
    assert [(i.state.iso3, i.position) for i in vote.intentions] == [("MNE", VotePosition.IN_FAVOUR)]
    stated = next(p for p in doc.report_paragraphs if p.eid == vote.intentions[0].stated_in)
    assert stated.text.startswith("[Subsequently the delegation of Montenegro")
    assert (doc.date.isoformat() if doc.date else None, vote.meeting) == ("2007-09-13", 107)
    assert doc.presided_by == "Ms. Al-Khalifa (Bahrain)"
    assert "vote.count-mismatch" not in codes
    without = {
        (v.draft.text if v.draft else None, v.became.text if v.became else None) for v in doc.votes if not v.recorded
    }
    assert {("A/61/L.68", "A/RES/61/293"), ("A/61/L.66", "A/RES/61/294")} <= without


def test_single_column_record_and_the_sudans_intended_abstention() -> None:
    doc, _ = record("A_79_PV.29.pdf")
    (vote,) = recorded(doc)
    assert (vote.draft, vote.became) == (Symbol.parse("A/79/L.8"), Symbol.parse("A/RES/79/6"))
    assert (vote.yes, vote.no, vote.abstain) == (113, 10, 30)
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == (113, 10, 30)
    assert [(i.state.iso3, i.position) for i in vote.intentions] == [("SDN", VotePosition.ABSTAINING)]


@pytest.mark.parametrize(
    ("name", "adopted"),
    [
        (
            "A_64_PV.121.pdf",
            [
                ("A/64/L.72", "A/RES/64/299"),
                ("A/64/L.68", "A/RES/64/300"),
                ("A/64/L.71", None),  # "Draft decision A/64/L.71, as orally corrected, was adopted."
                ("A/64/L.70", None),
                (None, "A/RES/64/301"),  # "The draft resolution was adopted (resolution 64/301)."
            ],
        ),
        (
            "A_76_PV.102.pdf",
            [
                ("A/76/L.86", "A/RES/76/305"),
                ("A/76/L.79", "A/DEC/76/575"),
                ("A/76/L.85", "A/RES/76/306"),
                ("A/76/L.87", "A/RES/76/307"),
            ],
        ),
    ],
)
def test_actions_without_a_vote(name: str, adopted: list[tuple[str | None, str | None]]) -> None:
    doc, _ = record(name)
    assert not recorded(doc)
    drafts = [
        (v.draft.text if v.draft else None, v.became.text if v.became else None)
        for v in doc.votes
        if v.draft is not None or (v.became is not None and v.became.kind.name == "GA_RESOLUTION")
    ]
    assert drafts == adopted
    assert all(v.outcome is VoteOutcome.ADOPTED for v in doc.votes)


def test_decisions_taken_without_a_draft() -> None:
    doc, _ = record("A_76_PV.102.pdf")
    # "It was so decided (decision 76/423)." — the President's proposal, no draft
    decided = [v.became.text for v in doc.votes if v.draft is None and v.became is not None]
    assert "A/DEC/76/423" in decided and "A/DEC/76/576" in decided


def test_excerpt_lists_broken_by_page_footers() -> None:
    doc, codes = record("A_78_PV.50-excerpts.txt")
    by_resolution = {v.became.text: v for v in doc.votes if v.became}
    vote = by_resolution["A/RES/78/196"]
    assert (vote.yes, vote.no, vote.abstain) == (125, 54, 6)
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == (125, 54, 6)
    assert "SKN" not in iso3(vote.in_favour) and "KNA" in iso3(vote.in_favour)  # after "16/34 19/12/2023"
    assert len(recorded(doc)) == 10  # ten recorded votes; "Draft resolution III was adopted (resolution 78/198)."
    assert not by_resolution["A/RES/78/198"].recorded
    for v in recorded(doc):
        assert None not in iso3((*v.in_favour, *v.against, *v.abstaining))
        assert (len(v.in_favour), len(v.against), len(v.abstaining)) == (v.yes, v.no, v.abstain)
    intentions = {v.became.text: [(i.state.iso3, i.position) for i in v.intentions] for v in doc.votes if v.became}
    assert intentions["A/RES/78/202"] == [("NRU", VotePosition.AGAINST)]
    assert intentions["A/RES/78/208"] == [("NER", VotePosition.ABSTAINING)]
    # "informed the Secretariat tha0t it had intended": reported, not guessed
    assert intentions["A/RES/78/220"] == [] and "plenary.unread-intention" in codes
    assert (doc.date.isoformat() if doc.date else None) == "2023-12-19"  # from its footers "19/12/2023"


def test_committee_report_excerpt_with_a_header_between_lists() -> None:
    doc, codes = record("A_78_481_Add.3-section-C.txt")
    assert doc.kind is DocumentKind.COMMITTEE_REPORT
    (proposal,) = doc.proposals
    vote = proposal.vote
    assert proposal.symbol == Symbol.parse("A/C.3/78/L.41") and vote is not None
    assert (vote.yes, vote.no, vote.abstain) == (80, 29, 65)
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == (80, 29, 65)
    names = [r.name_as_written for r in (*vote.in_favour, *vote.against, *vote.abstaining)]
    assert None not in iso3((*vote.in_favour, *vote.against, *vote.abstaining))
    assert not any("A/78/481" in n for n in names)  # the running header is no State
    assert {"Timor-Leste", "Guinea-Bissau", "Netherlands (Kingdom of the)", "North Macedonia"} <= set(names)
    assert "state.unknown" not in codes
    # "submitted by Albania, … and the United States of America. Subsequently, Andorra, New Zealand,
    # Palau, the Republic of Moldova, San Marino and Vanuatu joined …" and, in paragraph 17, Tuvalu
    roles = [(s.state.iso3, s.role.value) for s in proposal.sponsors]
    originals = [code for code, role in roles if role == "original sponsor"]
    assert len(originals) == 43 and originals[0] == "ALB" and originals[-1] == "USA"
    assert [code for code, role in roles if role == "joined later"] == ["AND", "NZL", "PLW", "MDA", "SMR", "VUT", "TUV"]


def test_plenary_votes_in_rdf_and_votes_csv(tmp_path: Path) -> None:
    doc, _ = record("A_48_PV.46.pdf")
    store = pyoxigraph.Store()
    store.load(to_graph(doc).serialize(format="nt").encode(), pyoxigraph.RdfFormat.N_TRIPLES)
    rows = list(
        store.query(
            """PREFIX unga: <https://w3id.org/unga-ld/ontology#>
            PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
            SELECT ?part ?favor WHERE { ?v unga:voteOnPart ?part ;
                unga:voteSubject <https://w3id.org/unga-ld/vocabulary/vote-subject/part> ;
                eli-dl:number_of_votes_favor ?favor } ORDER BY ?favor"""
        )
    )
    assert [(r["part"].value.rsplit("/", 1)[-1], int(r["favor"].value)) for r in rows] == [
        ("L.13#preamble_9", 104),
        ("L.13#preamble_8", 105),
        ("L.13#para_7", 106),
        ("L.13#para_8", 111),
    ]
    adopts = store.query(
        "PREFIX unga: <https://w3id.org/unga-ld/ontology#> ASK { "
        "<https://w3id.org/unga-ld/document/A/RES/48/14> unga:adopts <https://w3id.org/unga-ld/document/A/48/L.13> }"
    )
    assert bool(adopts)
    result = build([PLENARY], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics if d.severity.name == "ERROR"]
    table = list(csv.DictReader(io.StringIO((tmp_path / "out" / "votes.csv").read_text(encoding="utf-8"))))
    parts = {r["part"] for r in table if r["document"] == "A/48/PV.46" and r["subject"] == "part"}
    assert parts == {
        "The eighth preambular paragraph",
        "The ninth preambular paragraph",
        "Operative paragraph 7",
        "Operative paragraph 8",
    }
    montenegro = [r for r in table if r["resolution"] == "A/RES/61/295" and r["iso3"] == "MNE"]
    assert [(r["position"], r["intended_position"]) for r in montenegro] == [("not voting", "in favour")]


def test_record_and_the_uns_own_xml_agree_on_each_vote(tmp_path: Path) -> None:
    """The excerpt of A/78/PV.50 names its drafts only by number ("Draft resolution I"); built with the
    UN's XML of 78/196 and 78/202, it takes their drafts from it, and the two sources describe each
    vote alike (totals, every State's position, date, meeting): one vote node, no conflict."""
    result = build([PLENARY], tmp_path / "out")
    assert not [d for d in result.diagnostics if d.code in ("build.iri-conflict", "build.adopted-twice")]
    assert {"A_RES_78_196", "A_RES_78_202", "A_78_PV.50", "A_76_PV.102"} <= set(result.published)
    store = pyoxigraph.Store()
    store.load((tmp_path / "out" / "unga-ld.nq").read_bytes(), pyoxigraph.RdfFormat.N_QUADS)
    # over the union of the graphs: what both sources say of the vote stands once, in the shared graph
    # (pipeline/publish/once.py), what each adds (where it is recorded) in its own
    query = """PREFIX unga: <https://w3id.org/unga-ld/ontology#>
        SELECT DISTINCT ?draft ?where WHERE {
          <https://w3id.org/unga-ld/vote/plenary/78/50/A/RES/78/196> unga:voteOn ?draft ; unga:recordedIn ?where }
        ORDER BY ?where"""
    rows = [(r["draft"].value, r["where"].value) for r in store.query(query, use_default_graph_as_union=True)]
    base = "https://w3id.org/unga-ld/document/"
    assert rows == [(f"{base}A/C.3/78/L.32", f"{base}A/78/PV.50"), (f"{base}A/C.3/78/L.32", f"{base}A/RES/78/196")]


def test_akoma_ntoso_export_is_a_debate_of_speeches() -> None:
    doc, _ = record("A_61_PV.107.pdf")
    root = etree.fromstring(akn_bytes(doc))
    assert xsd.schema().validate(root), xsd.schema().error_log
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert root[0].tag.endswith("debate") and root[0].get("name") == "verbatimRecord"
    # "Mr. Davide (Philippines): On behalf of the Asian Group, …"
    speech = root.find(".//a:speech[a:from='Mr. Davide (Philippines)']", ns)
    assert speech is not None and speech.get("by") == "#speaker_mr-davide"
    assert root.find(".//a:TLCPerson[@eId='speaker_mr-davide']", ns).get("showAs") == "Mr. Davide"
    narratives = ["".join(n.itertext()) for n in root.iterfind(".//a:narrative", ns)]
    assert (
        "Draft resolution A/61/L.67 was adopted by 143 votes to 4, with 11 abstentions (resolution 61/295)."
        in narratives
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("name", sorted(p.name for p in PLENARY.glob("*.pdf")))
def test_pdftotext_layout_text_gives_the_same_actions(name: str, tmp_path: Path) -> None:
    """`pdftotext -layout` of a record (two columns laid on one grid of rows, the symbol printed
    "A /76/PV.102", names spaced out letter by letter) gives the actions the PDF gives, list by list."""
    text = tmp_path / f"{Path(name).stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(PLENARY / name), str(text)], check=True, timeout=120)
    from_text = parse(normalise(read(text))).document
    from_pdf, _ = record(name)

    def actions(doc: Document) -> list[tuple]:
        return [
            (
                v.subject,
                v.draft,
                v.part,
                v.outcome,
                v.yes,
                v.no,
                v.abstain,
                v.became,
                *(tuple(r.iso3 for r in refs) for _, refs in v.lists()),
                tuple((i.state.iso3, i.position) for i in v.intentions),
            )
            for v in doc.votes
        ]

    assert from_text.symbol == from_pdf.symbol and from_text.date == from_pdf.date
    assert actions(from_text) == actions(from_pdf)
    assert from_text.agenda_items == from_pdf.agenda_items
    rows = text.read_text(encoding="utf-8").split("\n")  # a paragraph's line is the line of the file it starts on
    assert all(p.text.split()[0] in rows[(p.line or 0) - 1] for p in from_text.report_paragraphs)
