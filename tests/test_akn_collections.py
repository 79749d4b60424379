"""Collections of lettered parts (``documentCollection``): each part's symbol is the collection's with
the part's own letter, however the cover writes the collection ("A/DEC/76/553 A and B", or only the first
part, "A/DEC/77/507 B"). Facts read from the UN's files here."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.inputs import clean
from pipeline.run import read_documents
from tests.conftest import AKN_CORPUS

DECISIONS = AKN_CORPUS.parent / "akn4un-decisions-english"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", ["GA decision_76_553_E.xml", "GA decision 77_507 B and C_E.xml"])
def test_each_part_of_a_collection_has_its_own_letter(name):
    path = DECISIONS / name
    if not path.is_file():
        pytest.skip(f"no {name}")
    tree = etree.parse(str(path))
    cover = clean("".join(tree.find(".//a:coverPage//a:docNumber", NS).itertext()))
    base = " ".join(cover.split()[:1])  # "A/DEC/76/553"
    letters = [clean("".join(n.itertext())) for n in tree.iterfind(".//a:component//a:preface//a:docNumber", NS)]
    documents, diagnostics = read_documents(path)
    assert [d.symbol.text for d in documents] == [f"{base} {letter}" for letter in letters]
    assert not [d for d in diagnostics if d.severity.value == "error"]


def test_a_part_published_alone_takes_the_letter_of_its_work_iri():
    # "GA decision 77_512 B_E.xml": the cover gives the decision's number only, the Work IRI ends "512B"
    path = DECISIONS / "GA decision 77_512 B_E.xml"
    if not path.is_file():
        pytest.skip("no 77/512 B")
    tree = etree.parse(str(path))
    cover = clean("".join(tree.find(".//a:coverPage//a:docNumber", NS).itertext()))
    work = tree.find(".//a:FRBRWork/a:FRBRuri", NS).get("value").rstrip("/")
    letter = work[-1]
    assert letter.isalpha() and not cover.endswith(f" {letter}")
    documents, diagnostics = read_documents(path)
    assert [d.symbol.text for d in documents] == [f"{cover} {letter}"]
    assert any(d.code == "akn.symbol-letter" for d in diagnostics)
