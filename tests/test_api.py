"""The Python API (pipeline.api) as a notebook uses it: read, map, validate, export, query."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline import api
from pipeline.model import DocumentKind
from pipeline.serve.sparql import Refused
from tests.conftest import CORPUS, facts

REPORT = "004_a2d8dbfef73a8e4a"


@pytest.fixture(scope="module")
def out(published) -> Path:
    return published  # built once per test run (conftest)


def test_read_map_validate_and_export_a_file():
    reading = api.read(CORPUS / "A_48_PV.46.pdf")
    (record,) = reading.documents
    assert record.kind is DocumentKind.PLENARY_RECORD and not reading.failed
    # "Draft resolution A/48/L.13 and Corr.1, as a whole, was adopted by 140 votes to 1, with 9 abstentions"
    assert [(v.yes, v.no, v.abstain) for v in record.votes if v.recorded][-1] == (140, 1, 9)
    graph = api.graph(record)
    assert len(graph) > 1000 and api.validate(graph) == []
    assert etree.fromstring(api.akn(record))[0].get("name") == "verbatimRecord"


def test_read_a_folder_says_what_it_could_not_read(tmp_path):
    (tmp_path / "empty.txt").write_text("nothing here\n", encoding="utf-8")
    reading = api.read(tmp_path)
    assert reading.documents == [] and reading.failed == [str(tmp_path / "empty.txt")]
    assert reading.diagnostics and reading.diagnostics[0].severity.value == "error"


def test_query_by_name_with_parameters_and_by_text(out):
    vote = facts(REPORT)["proposals"][0]["vote"]
    rows = api.query(out, "votes-on-draft")
    assert isinstance(rows, list) and len(rows) == 193
    assert sum(r["position"] == "against" for r in rows) == len(vote["against"])
    history = api.query(out, "voting-history", iso3="IRQ")
    # A/48/PV.46, read by hand: Iraq against the eighth preambular paragraph and operative paragraph 8
    assert any(r["session"] == "48" and r["against"] == "2" for r in history)
    assert api.query(out, "ASK { ?s a <https://w3id.org/unga-ld/ontology#MeetingRecord> }") is True
    with pytest.raises(Refused, match="no parameter"):
        api.query(out, "sponsors", nation="FRA")
    with pytest.raises(Refused):
        api.query(out, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
