"""Akoma Ntoso input: the UN's AKN4UN files into the same model the text parser produces."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from pipeline.diagnostics import DocumentError
from pipeline.model import DocumentKind, SponsorRole
from pipeline.namespaces import UNGA
from pipeline.parse import parse
from pipeline.rdf import to_graph
from pipeline.register.numbers import ordinal_number
from pipeline.run import build, read_corpus
from pipeline.sources import read
from pipeline.symbols import Symbol
from tests.conftest import AKN_CORPUS, CORPUS, FIXTURES, document

AKN = CORPUS / "akn"


def akn(name: str):
    path = next(AKN.glob(f"{name}-*.xml"))
    return parse(read(path))


def comparable(text: str) -> str:
    """Whitespace and quote normalisation, as the two sources print them differently."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(text.split())


def test_seed_001_and_its_akn_file_give_the_same_resolution():
    text, xml = document("001_69c6e02bd4b24d1c"), akn("A_RES_77_37").document
    assert xml.symbol == text.symbol == Symbol.parse("A/RES/77/37")
    assert xml.title == text.title
    assert xml.adoption.date == text.adoption.date == dt.date(2022, 12, 7)
    assert xml.adoption.meeting == text.adoption.meeting == 46
    assert xml.adoption.report == text.adoption.report and xml.adoption.report_paragraph == "11"
    assert len(xml.preamble) == len(text.preamble) and len(xml.operative) == len(text.operative)
    assert [p.phrase for p in xml.preamble] == [p.phrase for p in text.preamble]
    assert [(o.number, o.phrase) for o in xml.operative] == [(o.number, o.phrase) for o in text.operative]
    for a, b in zip([*xml.preamble, *xml.operative], [*text.preamble, *text.operative], strict=False):
        assert comparable(a.text) == comparable(b.text), a.eid
    assert [(f.marker, f.anchored_in) for f in xml.footnotes] == [(f.marker, f.anchored_in) for f in text.footnotes]
    assert [c.symbol for c in xml.preamble[0].citations] == [c.symbol for c in text.preamble[0].citations]


def test_adopted_resolution_links_back_to_seed_000_through_the_revision():
    resolution = akn("A_RES_77_36").document
    draft = document("000_ea35d43ee21e10af")
    assert resolution.adoption.draft == Symbol.parse("A/C.1/77/L.23/Rev.1")
    assert resolution.adoption.draft.base == draft.symbol
    assert resolution.adoption.draft.revision == 1


def test_metadata_workflow_and_recorded_vote():
    doc = akn("A_RES_77_37").document
    assert doc.kind is DocumentKind.RESOLUTION and doc.session == 77 and doc.agenda_items == ("94",)
    assert doc.aknwork == "/akn/un/statement/deliberation/unga/2022-12-07/77-37"
    assert doc.adoption.meeting_record == Symbol.parse("A/77/PV.46")
    assert doc.adoption.draft == Symbol.parse("A/C.1/77/L.73")
    original = [s for s in doc.sponsors if s.role is SponsorRole.ORIGINAL]
    joined = [s for s in doc.sponsors if s.role is SponsorRole.JOINED]
    assert original[0].state.iso3 == "ALB" and original[-1].state.iso3 == "USA"
    assert any(s.state.iso3 == "TUR" for s in original)  # written "Türkiye"
    assert any(s.state.iso3 == "CIV" for s in joined)  # written "Côte d’Ivoire"
    vote = doc.votes[0]
    assert vote.recorded and vote.yes == len(vote.in_favour) == 156
    assert (vote.no, vote.abstain) == (len(vote.against), len(vote.abstaining))
    assert all(s.iso3 for s in (*vote.in_favour, *vote.against, *vote.abstaining))
    assert any(k.startswith("http://metadata.un.org/sdg/") for k in doc.keywords)


def test_adopted_without_a_vote_and_placeholder_dates():
    doc = akn("A_RES_77_100").document
    assert doc.votes[0].recorded is False and doc.votes[0].yes is None
    xml = next(AKN.glob("A_RES_77_100-*.xml")).read_text(encoding="utf-8")
    assert 'date="0001-01-01"' in xml  # the placeholder is in the file, and is never a date in the model
    assert doc.adoption.date and doc.adoption.date.year == 2022


def test_a_collection_gives_each_lettered_resolution():
    docs = akn("A_RES_77_128").documents
    assert [d.symbol.text for d in docs] == ["A/RES/77/128 A", "A/RES/77/128 B"]
    # 77/128 A has one operative paragraph, printed without a number, with sub-paragraphs (a) to (f)
    (only,) = docs[0].operative
    assert only.number is None and only.phrase == "Urges" and only.text.startswith("Urges all countries")
    assert [s.number for s in only.subparagraphs] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert [d.title for d in docs] == [
        "Information in the service of humanity",
        "United Nations global communications policies and activities",
    ]
    assert all(d.adoption.meeting == 52 for d in docs)


def test_file_name_with_a_space_and_a_lettered_symbol():
    doc = akn("A_RES_77_253 B").document
    assert doc.symbol.text.startswith("A/RES/77/253") and doc.symbol.text.endswith(" B")


def test_count_that_disagrees_with_its_list_is_reported():
    result = parse(read(FIXTURES / "A_RES_77_293-E.xml"))
    vote = result.document.votes[0]
    assert (vote.abstain, len(vote.abstaining)) == (59, 58)
    assert [d.code for d in result.diagnostics if d.code.startswith("vote.")] == ["vote.count-mismatch"]


def test_a_count_that_disagrees_with_its_list_is_published_with_both_and_a_warning(tmp_path):
    # the UN's file states 59 abstentions and lists 58 States: the dataset records both
    built = build([FIXTURES / "A_RES_77_293-E.xml"], out=tmp_path / "out")
    assert list(built.published) == ["A_RES_77_293"]
    assert [d.code for d in built.diagnostics if d.severity.value == "error"] == []
    assert {"vote.count-mismatch", "shacl.vote-totals"} <= {d.code for d in built.diagnostics}
    turtle = (tmp_path / "out" / "rdf" / "A_RES_77_293.ttl").read_text(encoding="utf-8")
    assert "eli-dl:number_of_votes_abstention 59" in turtle
    assert turtle.count("eli-dl:had_voter_abstention") == 1  # one predicate, listing the 58
    with open(tmp_path / "out" / "votes.csv", encoding="utf-8") as handle:
        assert sum(row["position"] == "abstaining" for row in csv.DictReader(handle)) == 58


@pytest.mark.parametrize(
    "content, code",
    [
        (b"<akomaNtoso><statement", "akn.bad-xml"),
        (b"<html><body>not akn</body></html>", "akn.not-akn"),
        (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>', "akn.not-akn"),
    ],
)
def test_broken_or_foreign_xml_is_a_clear_error(tmp_path, content, code):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        parse(read(path))
    assert caught.value.diagnostic.code == code
    assert str(caught.value).startswith(str(path))


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = AKN.joinpath("A_RES_77_100-2228244E.xml").read_text(encoding="utf-8")
    xml = f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret}">]>' + xml.replace(
        "Agenda item", "&x; Agenda item", 1
    )
    path = tmp_path / "xxe.xml"
    path.write_text(xml, encoding="utf-8")
    try:
        docs = parse(read(path)).documents
    except DocumentError:
        return  # refusing the file is as safe as ignoring the entity
    assert "TOP-SECRET" not in repr(docs)


def test_build_reads_a_folder_of_text_and_xml(tmp_path):
    (tmp_path / "seed.txt").write_text(
        document("002_6c1610f3d2692637").source
        and (FIXTURES.parent.parent / "corpus" / "002_6c1610f3d2692637.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "r.xml").write_bytes(next(AKN.glob("A_RES_77_37-*.xml")).read_bytes())
    result = read_corpus([tmp_path])
    assert result.ok
    assert sorted(d.symbol.text for d in result.documents) == ["A/RES/76/19", "A/RES/77/37"]


@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared Akoma Ntoso corpus is not beside the checkout")
def test_the_whole_session_builds():
    files = sorted(AKN_CORPUS.glob("*.xml"))
    assert len(files) == 344
    result = read_corpus([AKN_CORPUS])
    assert result.ok and not result.failed
    recorded = [v for d in result.documents for v in d.votes if v.recorded]
    assert recorded
    mismatches = []
    for doc in result.documents:
        for vote in doc.votes:
            if not vote.recorded:
                continue
            names = (*vote.in_favour, *vote.against, *vote.abstaining)
            assert all(s.iso3 for s in names), doc.symbol  # every upper-case name resolves
            if (vote.yes, vote.no, vote.abstain) != (len(vote.in_favour), len(vote.against), len(vote.abstaining)):
                mismatches.append(doc.symbol.text)
    assert mismatches == ["A/RES/77/293"]  # the one defect of the published file (see the fixture test)
    flagged = {d.file for d in result.diagnostics if d.code == "vote.count-mismatch"}
    assert [re.sub(r".*/", "", f) for f in flagged] == ["A_RES_77_293-E.xml"]


SESSION_78 = AKN_CORPUS.parent / "akn4un-78-english"


@pytest.mark.corpus
@pytest.mark.skipif(not SESSION_78.is_dir(), reason="the shared session-78 corpus is not beside the checkout")
def test_session_78_resolutions_get_the_meeting_the_un_extract_gives():
    # session 78 marks the meeting <location refersTo="#adoptionMeeting">, session 77 <inline name=…>
    extract = {}
    for line in (SESSION_78 / "data_extract-78.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            extract[record["symbol"]] = ordinal_number(record["adoption_meeting"].split()[0])  # "38th plenary …"
    found = {}
    for path in sorted(SESSION_78.glob("*.xml")):
        for doc in parse(read(path)).documents:
            found[doc.identifier] = doc.adoption.meeting if doc.adoption else None
    common = sorted(set(extract) & set(found))
    assert len(common) > 300
    assert [s for s in common if found[s] != extract[s]] == []


@pytest.mark.corpus
@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared Akoma Ntoso corpus is not beside the checkout")
def test_a_number_cited_after_human_rights_council_words_takes_the_kind_its_link_gives():
    # 77/201: "the resolutions adopted by the Human Rights Council …, including resolution
    # <a href="https://undocs.org/en/A/HRC/RES/51/10">51/10</a>": an HRC resolution, not GA 51/10
    doc = parse(read(next(AKN_CORPUS.glob("A_RES_77_201-*.xml")))).document
    cited = {c.symbol.text: c for c in doc.citations}
    assert "A/HRC/RES/51/10" in cited and "A/RES/51/10" not in cited
    assert cited["A/HRC/RES/51/10"].kind.value == "Human Rights Council resolution"
    assert cited["A/HRC/RES/51/10"].as_written == "51/10"


@pytest.mark.corpus
@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared Akoma Ntoso corpus is not beside the checkout")
def test_resolutions_before_1976_and_budget_sections_are_cited_as_the_un_links_them():
    # every href the UN's files give to A/RES/217(III), A/RES/1514(XV) … or to A/77/6(Sect.29) is a citation
    old = re.compile(r'href="https://undocs\.org/(?:en/)?(A/RES/\d{1,4}\([IVXL]+\)|A/\d+/\d+\(Sect\.\d+\))"')
    expected: dict[str, set[str]] = {}
    for path in sorted(AKN_CORPUS.glob("*.xml")):
        linked = set(old.findall(path.read_text(encoding="utf-8")))
        if linked:
            expected[path.name] = {Symbol.parse(s).text.split(" A")[0].split(" B")[0] for s in linked}
    assert len(expected) > 100
    missing = {}
    for name, wanted in expected.items():
        cited = {c.symbol.text for d in parse(read(AKN_CORPUS / name)).documents for c in d.citations}
        cited |= {t.split(" ")[0] if "(Sect." not in t else t for t in cited}  # 217 A (III) is cited as 217 (III)
        if wanted - cited:
            missing[name] = sorted(wanted - cited)
    assert missing == {}


def test_the_vote_outcome_is_read_from_the_voting_element():
    # A_RES_77_37: <voting outcome="adoptedRecordedVote">
    doc = parse(read(CORPUS / "akn" / "A_RES_77_37-2228102E.xml")).document
    assert [v.outcome.value if v.outcome else None for v in doc.votes] == ["adopted"]


@pytest.mark.corpus
@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared Akoma Ntoso corpus is not beside the checkout")
def test_a_state_that_speaks_for_a_group_is_the_sponsor_on_behalf_of_that_group():
    # A_RES_77_151: by="Pakistan (on behalf of the States Members … that are members of the Group of 77 and China)"
    doc = parse(read(next(AKN_CORPUS.glob("A_RES_77_151-*.xml")))).document
    assert [(s.state.iso3, s.on_behalf_of) for s in doc.sponsors if s.role.value == "original sponsor"] == [
        ("PAK", "G77")
    ]
    # every file whose sponsors speak for the Group of 77 and China gives a G77 sponsorship
    speaking = re.compile(
        r'by="[^"]*on behalf of the States Members of the United Nations that are members of the '
        r"Group of 77 and China\)"
    )
    files = [p for p in sorted(AKN_CORPUS.glob("*.xml")) if speaking.search(p.read_text(encoding="utf-8"))]
    assert len(files) > 15
    for path in files:
        groups = {s.on_behalf_of for d in parse(read(path)).documents for s in d.sponsors}
        assert "G77" in groups, path.name


DECISIONS = AKN_CORPUS.parent / "akn4un-decisions-english"


@pytest.mark.corpus
@pytest.mark.skipif(not DECISIONS.is_dir(), reason="the shared decisions corpus is not beside the checkout")
def test_a_decision_is_a_document_of_its_own_type():
    # <statement name="decision"> … <docNumber refersTo="#symbol">A/DEC/76/402
    doc = parse(read(DECISIONS / "GA decision 76_402 B_E.xml")).document
    assert doc.kind is DocumentKind.DECISION and doc.symbol.text.startswith("A/DEC/76/402")
    graph = to_graph(doc)
    assert (URIRef(f"https://w3id.org/unga-ld/document/{doc.symbol.iri_path}"), RDF.type, UNGA.Decision) in graph


def test_a_keyword_whose_href_is_not_an_iri_is_reported_with_its_line_and_left_out(tmp_path):
    source = next(AKN.glob("A_RES_77_100-*.xml"))
    xml = source.read_text(encoding="utf-8")
    href = "http://metadata.un.org/thesaurus/1004777"
    assert xml.count(f'href="{href}"') == 1
    line = xml[: xml.index(f'href="{href}"')].count("\n") + 1
    broken = tmp_path / source.name
    broken.write_text(xml.replace(href, "http://metadata.un.org/thesaurus/100 4777"), encoding="utf-8")
    parsed = parse(read(broken))
    doc, intact = parsed.documents[0], akn("A_RES_77_100").document
    assert set(intact.keywords) - set(doc.keywords) == {href} and len(doc.keywords) == len(intact.keywords) - 1
    found = [d for d in parsed.diagnostics if d.code == "akn.keyword-iri"]
    assert [d.line for d in found] == [line] and "100 4777" in found[0].message
    graph = to_graph(doc)  # the document still maps, with the keywords that are IRIs
    subjects = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/subject"))}
    assert subjects == set(doc.keywords)
