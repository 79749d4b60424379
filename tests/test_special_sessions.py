"""Special and emergency special sessions: a resolution of the eleventh emergency special session
(A/RES/ES-11/1, the UN's Akoma Ntoso, copied in tests/fixtures) belongs to that session, not to the
eleventh session of 1956. Its heading says `<session value="11">Eleventh emergency special session`;
its meetings are numbered within it, so its meeting and vote IRIs name it (ES-11), and the voting
history puts its votes on a row of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from rdflib import Literal, URIRef

from pipeline import api
from pipeline.akn import akn_bytes
from pipeline.diagnostics import Severity
from pipeline.namespaces import UNGA
from pipeline.parse.header import Heading, session_of
from pipeline.rdf import to_graph
from pipeline.run import build, read_documents
from pipeline.symbols import PRINTED_RECORD, Symbol
from pipeline.validate import xsd
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "A_RES_ES-11_1-2204067E.xml"
BASE = "https://w3id.org/unga-ld/"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _xml() -> etree._ElementTree:
    return etree.parse(str(FIXTURE))


def _resolution():
    documents, found = read_documents(FIXTURE)
    assert len(documents) == 1 and not [d for d in found if d.severity is Severity.ERROR]
    return documents[0]


def test_the_session_named_in_the_heading_is_the_emergency_special_session():
    [heading] = [e for e in _xml().iter(f"{AKN}session")]
    assert heading.get("value") == "11" and "emergency special" in (heading.text or "")  # as the UN writes it
    doc = _resolution()
    assert doc.symbol == Symbol("A/RES/ES-11/1")
    assert (doc.session, doc.special_session) == (None, "ES-11")
    # the conclusions: "1st plenary meeting"
    conclusions = " ".join(_xml().getroot().find(f".//{AKN}conclusions").itertext())
    assert re.search(r"\b1st plenary meeting\b", conclusions)
    assert doc.adoption is not None and doc.adoption.meeting == 1


def test_a_heading_or_a_symbol_names_a_special_session():
    assert session_of(Heading(special_session="ES-10"), Symbol("A/RES/ES-10/21")) == (None, "ES-10")
    assert session_of(Heading(), Symbol("A/ES-11/L.1")) == (None, "ES-11")
    assert session_of(Heading(), Symbol("A/S-28/2")) == (None, "S-28")
    assert session_of(Heading(session=77), Symbol("A/RES/77/37")) == (77, None)
    assert session_of(Heading(), Symbol("A/C.3/78/L.32")) == (78, None)


def test_a_special_session_s_record_is_known_by_its_printed_symbol():
    # the record of the meeting that adopted A/RES/ES-11/1, as the UN's file names it
    assert "A/ES-11/PV.5" in FIXTURE.read_text(encoding="utf-8")
    printed = ["A/ES-11/PV.5", "A /ES-11/PV.5", "A/S-28/PV.2", "A/76/PV.102"]
    for text in printed:
        assert PRINTED_RECORD.fullmatch(text), text
        symbol = Symbol.parse(text.replace(" ", ""))
        assert symbol.meeting_number == int(text.rsplit(".", 1)[1])
    assert Symbol("A/ES-11/PV.5").special_session == "ES-11"
    assert not PRINTED_RECORD.fullmatch("A/ES-11/L.1")


def test_its_graph_names_the_special_session_and_no_regular_one():
    doc = _resolution()
    g = to_graph(doc, BASE)
    resolution = URIRef(f"{BASE}document/A/RES/ES-11/1")
    assert (resolution, UNGA.specialSession, Literal("ES-11")) in g
    assert not list(g.triples((None, UNGA.session, None)))
    meeting = URIRef(f"{BASE}meeting/plenary/ES-11/1")
    assert (resolution, UNGA.adoptedAt, meeting) in g
    assert (meeting, UNGA.specialSession, Literal("ES-11")) in g
    [vote] = g.subjects(UNGA.voteOn, None)
    assert str(vote).startswith(f"{BASE}vote/plenary/ES-11/1/")
    assert (vote, UNGA.specialSession, Literal("ES-11")) in g
    found = api.validate(g)  # the shapes take it: its identifiers, its session known
    assert not [d for d in found if d.severity is Severity.ERROR or d.code == "shacl.session-known"], found


def test_its_akoma_ntoso_export_names_the_session_as_the_un_does():
    exported = akn_bytes(_resolution())
    assert xsd.errors(exported) == []
    [session] = etree.fromstring(exported).iter(f"{AKN}session")
    assert (session.get("value"), session.text) == ("11", "Eleventh emergency special session")


@pytest.mark.slow
def test_the_voting_history_gives_its_votes_a_row_of_their_own(tmp_path: Path):
    result = build([FIXTURE], out=tmp_path / "out", jobs=1)
    assert result.ok
    positions = {"inFavour": 0, "against": 0, "abstaining": 0}
    for count in _xml().iter(f"{AKN}count"):
        names = [" ".join((o.text or "").split()) for o in count.iter(f"{AKN}organization")]
        if count.get("refersTo") in positions:
            positions[count.get("refersTo")] += "UNITED STATES" in names
    rows = api.query(tmp_path / "out", "voting-history")
    assert isinstance(rows, list)
    assert [(r.get("session"), r["special_session"]) for r in rows] == [(None, "ES-11")]
    row = rows[0]
    assert (int(row["in_favour"]), int(row["against"]), int(row["abstaining"])) == (
        positions["inFavour"],
        positions["against"],
        positions["abstaining"],
    )
    assert positions["inFavour"] == 1  # the United States voted for A/RES/ES-11/1
