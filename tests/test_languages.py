"""The six official languages: each of the UN's Akoma Ntoso files read in its own language, the versions
of one resolution combined (one Work, one Expression per language, one Manifestation per file, each
paragraph's text once per language on the one IRI), published and served. Every expected value is read
from the UN's files here (lxml), never from the output under test."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from lxml import etree

from pipeline.inputs import clean
from pipeline.parse.versions import combine
from pipeline.register import languages
from pipeline.run import build, read_documents
from pipeline.serve.pages import preferred
from pipeline.validate import xsd
from tests.conftest import AKN_CORPUS
from tests.test_serve import serving

SHARED = AKN_CORPUS.parent
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
FOLDERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "zh": "chinese", "ar": "arabic"}
BASE = "https://w3id.org/unga-ld/"
UNGA = "https://w3id.org/unga-ld/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"

pytestmark = pytest.mark.corpus


def file(tag: str, number: str) -> Path:
    """The UN's file of resolution 77/{number} in a language (matched by symbol in its name)."""
    found = sorted((SHARED / f"akn4un-77-{FOLDERS[tag]}").glob(f"A_RES_77_{number}-*.xml"))
    if not found:
        pytest.skip(f"the shared corpus has no {tag} file of 77/{number}")
    return found[0]


def xml(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def bare(element: etree._Element) -> str:
    """An element's text without its footnotes' and number's text."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            if etree.QName(child).localname not in ("authorialNote", "num"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return clean("".join(parts))


def one(path: Path):
    documents, diagnostics = read_documents(path)
    assert len(documents) == 1
    return documents[0], diagnostics


def test_the_language_comes_from_the_files_frbr_language():
    for tag in FOLDERS:
        path = file(tag, "111")
        code = xml(path).find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language")
        doc, _ = one(path)
        assert doc.language == languages.by_code(code).tag == tag


def test_other_languages_read_without_english_lexicon_warnings():
    doc, diagnostics = one(file("fr", "104"))
    codes = {d.code for d in diagnostics}
    assert not codes & {"parse.unknown-phrase", "parse.unknown-verb", "parse.generic-block"}
    # the phrase is the one the file marks in italics
    first = xml(file("fr", "104")).find(".//a:preamble/a:container", NS)
    italic = clean("".join(first.find(".//a:span", NS).itertext())).rstrip(",")
    assert doc.preamble[0].phrase == italic and doc.preamble[0].verb is None


def test_arabic_numbers_written_with_a_dash_are_operative_paragraphs():
    # the Arabic files print "2 -\t" in the text, with no <num>
    tree = xml(file("ar", "106"))
    numbered = [p for p in tree.iterfind(".//a:mainBody/a:paragraph", NS) if re.match(r"^\d+ [-–]", bare(p))]
    doc, diagnostics = one(file("ar", "106"))
    assert len(numbered) > 1
    assert [op.number for op in doc.operative] == [str(i) for i in range(1, len(numbered) + 1)]
    assert not any(d.code == "parse.generic-block" for d in diagnostics)
    assert not re.match(r"^\d", doc.operative[1].text)  # the number is not left in the text


def test_a_preambular_paragraph_the_file_put_in_the_body_is_preambular():
    # the French 77/111 opens its mainBody with an unnumbered paragraph ending with a comma; the English
    # file has the same paragraph in its preamble
    english = len(xml(file("en", "111")).findall(".//a:preamble/a:container", NS))
    doc, diagnostics = one(file("fr", "111"))
    assert len(doc.preamble) == english
    assert doc.operative[0].number == "1"
    assert any(d.code == "akn.early-body" for d in diagnostics)


def test_operative_paragraph_1_the_file_left_in_the_preamble_is_operative():
    # the Chinese 77/208 closes its preamble after "1. 重申…"
    tree = xml(file("zh", "208"))
    late = [c for c in tree.iterfind(".//a:preamble/a:container", NS) if re.match(r"^1\.", bare(c))]
    assert late
    english = xml(file("en", "208"))
    doc, diagnostics = one(file("zh", "208"))
    assert len(doc.preamble) == len(english.findall(".//a:preamble/a:container", NS))
    assert len(doc.operative) == len(english.findall(".//a:mainBody//a:paragraph/a:num", NS))
    assert doc.operative[0].number == "1" and any(d.code == "akn.late-body" for d in diagnostics)


def test_an_unmarked_heading_heads_the_next_paragraph():
    # Chinese, Russian and Arabic 77/173 print the section heading as a plain paragraph; English marks it
    english = xml(file("en", "173")).find(".//a:mainBody/a:paragraph/a:subheading", NS)
    assert english is not None
    for tag in ("zh", "ru", "ar"):
        tree = xml(file(tag, "173"))
        first = tree.find(".//a:mainBody/a:paragraph", NS)
        assert first.find("a:num", NS) is None
        doc, _ = one(file(tag, "173"))
        assert doc.operative[0].number == "1"
        assert doc.operative[0].heading == bare(first)


def test_lettered_parts_in_arabic_are_the_latin_letters():
    path = next((SHARED / "akn4un-77-arabic").glob("A_RES_77_256*.xml"), None)
    if path is None:
        pytest.skip("no Arabic 77/256")
    letters = [clean("".join(n.itertext())) for n in xml(path).iterfind(".//a:component//a:preface//a:docNumber", NS)]
    assert letters[:2] == ["ألف", "باء"]
    documents, _ = read_documents(path)
    assert [d.symbol.text for d in documents] == ["A/RES/77/256 A", "A/RES/77/256 B"]


def test_counts_that_differ_between_languages_are_reported_with_both_counts():
    # the UN's Arabic file of 77/90 holds another preamble than the English one
    english = len(xml(file("en", "90")).findall(".//a:preamble/a:container", NS))
    arabic = len(xml(file("ar", "90")).findall(".//a:preamble/a:container", NS))
    assert english != arabic
    docs = [one(file("en", "90"))[0], one(file("ar", "90"))[0]]
    combined, found = combine(docs)
    assert len(combined) == 1 and [v.language for v in combined[0].versions] == ["ar"]
    counted = [d for d in found if d.code == "language.count" and "preambular" in d.message]
    assert counted and f"has {arabic} preambular" in counted[0].message and f"one {english};" in counted[0].message
    assert counted[0].file.endswith(file("ar", "90").name)
    # aligned in order: the version keeps no more paragraphs than the English one has
    assert len(combined[0].versions[0].preamble) == min(english, arabic)


def test_versions_take_the_english_eids_where_the_printed_numbers_differ():
    # Russian sub-paragraphs are lettered with Cyrillic letters ("а)"), English "(a)"
    en, ru = one(file("en", "92"))[0], one(file("ru", "92"))[0]
    combined, _ = combine([en, ru])
    version = combined[0].versions[0]
    assert [s.eid for o in version.operative for s in o.subparagraphs] == [
        s.eid for o in en.operative for s in o.subparagraphs
    ]
    assert [s.number for o in version.operative for s in o.subparagraphs] != [
        s.number for o in en.operative for s in o.subparagraphs
    ]


@pytest.mark.skipif(not (SHARED / "akn4un-77-french").is_dir(), reason="the shared corpus is not beside the checkout")
def test_titles_and_paragraph_counts_agree_across_languages_for_99_percent():
    english = {}
    for path in sorted((SHARED / "akn4un-77-english").glob("*.xml")):
        for doc in read_documents(path)[0]:
            english[doc.identifier] = doc
    versions, agreeing = 0, 0
    for tag, folder in FOLDERS.items():
        if tag == "en":
            continue
        for path in sorted((SHARED / f"akn4un-77-{folder}").glob("*.xml")):
            try:
                documents, _ = read_documents(path)
            except Exception:
                versions += 1
                continue
            for doc in documents:
                versions += 1
                _, found = combine([english[doc.identifier], doc])
                if not any(d.code == "language.no-title" or "paragraphs," in d.message for d in found):
                    agreeing += 1
    assert versions > 400
    assert agreeing / versions >= 0.99, f"{agreeing} of {versions} versions agree"


@pytest.fixture(scope="module")
def six(tmp_path_factory) -> tuple[Path, object]:
    """77/104 in English, French and Arabic, and the Spanish file the UN published not well-formed,
    built together."""
    corpus = tmp_path_factory.mktemp("six")
    for tag in ("en", "fr", "ar", "es"):
        source = file(tag, "104")
        (corpus / source.name).write_bytes(source.read_bytes())
    out = tmp_path_factory.mktemp("out")
    return out, build([corpus], out=out, base=BASE, jobs=1)


def test_one_work_with_an_expression_per_language_and_a_manifestation_per_file(six):
    out, result = six
    assert any(d.code == "akn.bad-xml" and d.file.endswith(file("es", "104").name) for d in result.diagnostics)
    store = ox.Store()
    store.load(path=str(out / "rdf" / "A_RES_77_104.ttl"), format=ox.RdfFormat.TURTLE)
    work = f"{BASE}document/A/RES/77/104"
    rows = store.query(
        f"SELECT ?e ?l ?f ?name WHERE {{ <{work}> <{ELI}is_realized_by> ?e . ?e <{ELI}language> ?l ; "
        f"<{ELI}realizes> <{work}> ; <{ELI}is_embodied_by> ?f . ?f <{UNGA}fileName> ?name }}"
    )
    found = {r["l"].value.rsplit("/", 1)[-1]: (r["e"].value, r["name"].value) for r in rows}
    assert set(found) == {"ENG", "FRA", "ARA"}  # no Spanish: its file is not XML
    assert found["FRA"] == (f"{work}/fra", file("fr", "104").name)
    assert found["ARA"][1] == file("ar", "104").name


def test_each_paragraph_carries_its_text_once_per_language(six):
    out, _ = six
    store = ox.Store()
    store.load(path=str(out / "rdf" / "A_RES_77_104.ttl"), format=ox.RdfFormat.TURTLE)
    para = f"{BASE}document/A/RES/77/104#para_1"
    texts = {r["t"].language: r["t"].value for r in store.query(f"SELECT ?t WHERE {{ <{para}> <{UNGA}text> ?t }}")}
    assert set(texts) == {"en", "fr", "ar"}
    for tag in ("fr", "ar"):
        tree = xml(file(tag, "104"))
        body = tree.find(".//a:mainBody", NS)
        first = next(p for p in body.iter(f"{{{NS['a']}}}paragraph") if bare(p))
        expected = re.sub(r"^\d+\s*[-–.]\s*", "", bare(first))
        assert texts[tag][:40] == expected[:40]
    # the title in each language, on the Work and on its Expression
    titles = {
        r["t"].language for r in store.query(f"SELECT ?t WHERE {{ <{BASE}document/A/RES/77/104> <{ELI}title> ?t }}")
    }
    assert titles == {"en", "fr", "ar"}


def test_the_akoma_ntoso_export_is_per_language_and_valid(six):
    out, _ = six
    for code in ("fra", "ara"):
        data = (out / "akn" / f"A_RES_77_104.{code}.xml").read_bytes()
        assert xsd.errors(data) == []
        tree = etree.fromstring(data)
        assert tree.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == code
        assert tree.find(".//a:FRBRExpression/a:FRBRmasterExpression", NS) is not None
    report = (out / "reports" / "validation.txt").read_text(encoding="utf-8")
    assert "in 3 Akoma Ntoso files" in report  # English, French and Arabic each measured


def test_the_catalogue_names_the_languages(six):
    out, _ = six
    store = ox.Store()
    store.load(path=str(out / "catalog.ttl"), format=ox.RdfFormat.TURTLE)
    spoken = {
        r["l"].value
        for r in store.query(
            "SELECT ?l WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/language> ?l }"
        )
    }
    assert spoken == {languages.by_tag(t).authority for t in ("en", "fr", "ar")}


def test_accept_language_picks_the_first_of_the_six_by_weight():
    assert preferred("de-CH, fr;q=0.8, en;q=0.9") == "en"
    assert preferred("zh-Hans-CN,zh;q=0.9") == "zh"
    assert preferred("de, it") is None
    assert preferred("fr;q=0, es") == "es"


def test_pages_show_the_text_in_the_language_asked_for(six, tmp_path):
    out, _ = six
    french = xml(file("fr", "104")).find(".//a:preface//a:docTitle", NS)
    with serving(out, tmp_path / "access.log") as url:
        page = requests.get(f"{url}/document/A/RES/77/104", params={"lang": "fr"}, timeout=10)
        assert page.status_code == 200 and '<html lang="fr">' in page.text
        assert clean("".join(french.itertext())) in page.text
        asked = requests.get(f"{url}/document/A/RES/77/104", headers={"Accept-Language": "ar, en;q=0.5"}, timeout=10)
        assert '<html lang="ar" dir="rtl">' in asked.text and "Accept-Language" in asked.headers["Vary"]
        assert 'href="?lang=fr"' in asked.text  # links to the other versions
        english = requests.get(f"{url}/document/A/RES/77/104", timeout=10)
        assert '<html lang="en">' in english.text


def test_annexes_are_in_the_akoma_ntoso_export_and_on_the_page(six, tmp_path):
    out, _ = six
    for tag, name in (("en", "A_RES_77_104.xml"), ("fr", "A_RES_77_104.fra.xml")):
        theirs = xml(file(tag, "104")).find(".//a:attachment", NS)
        ours = etree.fromstring((out / "akn" / name).read_bytes()).find(".//a:attachment", NS)
        assert ours is not None and ours.find("a:doc", NS).get("name") == "annex"
        printed = [clean("".join(n.itertext())).rstrip(".") for n in theirs.iter(f"{{{NS['a']}}}num")]
        written = [clean("".join(n.itertext())).rstrip(".") for n in ours.iter(f"{{{NS['a']}}}num")]
        assert printed and written == printed
    # the page shows the annex in the language asked for
    french = xml(file("fr", "104")).find(".//a:attachment", NS)
    first = next(p for p in french.iter(f"{{{NS['a']}}}paragraph") if p.find("a:num", NS) is not None)
    with serving(out, tmp_path / "access.log") as url:
        page = requests.get(f"{url}/document/A/RES/77/104", params={"lang": "fr"}, timeout=10).text
    assert html.escape(bare(first)[:40]) in page
