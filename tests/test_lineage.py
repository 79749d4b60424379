"""Paragraph lineage: a draft and the resolution that adopted it, aligned paragraph by paragraph.

The expected alignments were read by hand from the documents: seed 000 (A/C.1/77/L.23, the original
draft) against A/RES/77/36 (which adopted its revision, A/C.1/77/L.23/Rev.1), and seed 003
(A/C.1/75/L.8/Rev.1) against A/RES/75/240, which adopted it without a change.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef

from pipeline import lineage
from pipeline.model import ChangeKind, Document, PreambularParagraph
from pipeline.namespaces import UNGA, VOCAB
from pipeline.run import read_documents
from pipeline.symbols import Symbol
from tests.conftest import AKN_CORPUS, CORPUS, ROOT, document

U, E, M, N, D = ChangeKind.UNCHANGED, ChangeKind.EDITED, ChangeKind.MOVED, ChangeKind.NEW, ChangeKind.DELETED
RES_75_240 = AKN_CORPUS.parent / "akn4un-75-english" / "75_240_E.xml"

# A/RES/77/36 against its original draft, as read: the revision added a preambular paragraph
# ("Reaffirming that the United Nations should continue to play a leading role …") and operative
# paragraphs 5 ("Encourages …") and 6 ("Invites …"); it reworded preambular paragraphs 4 ("could be
# developed over time", "future elaboration"), 5 (a clause on funding added), 6 → 7 ("a democratic,
# inclusive, transparent and results-oriented negotiation process") and 7 → 8 ("Open-ended Working
# Group" in capitals), and every operative paragraph ("the work of", "by consensus", "further engage
# constructively", "on all aspects of the mandate", "entitled" for "called"); the rest is as drafted.
DRAFT_77_36 = [
    (U, "preamble_1", "preamble_1"), (U, "preamble_2", "preamble_2"), (U, "preamble_3", "preamble_3"),
    (E, "preamble_4", "preamble_4"), (E, "preamble_5", "preamble_5"), (N, "preamble_6", None),
    (E, "preamble_7", "preamble_6"), (E, "preamble_8", "preamble_7"),
    (E, "para_1", "para_1"), (E, "para_2", "para_2"), (E, "para_3", "para_3"), (E, "para_4", "para_4"),
    (N, "para_5", None), (N, "para_6", None), (E, "para_7", "para_5"),
]  # fmt: skip


def seed(name: str, symbol: str) -> Document:
    return (
        document(name) if document(name).symbol else Document(**{**document(name).__dict__, "symbol": Symbol(symbol)})
    )


def changes(earlier: Document, later: Document) -> list[tuple[ChangeKind, str | None, str | None]]:
    return [(c.kind, c.new, c.old) for c in lineage.compare(earlier, later, "test").changes]


def test_the_resolution_against_the_original_of_the_draft_it_adopted():
    draft = seed("000_ea35d43ee21e10af", "A/C.1/77/L.23")
    resolution = read_documents(CORPUS / "akn" / "A_RES_77_36-2228101E.xml")[0][0]
    assert changes(draft, resolution) == DRAFT_77_36
    found = lineage.pairs([draft, resolution])
    assert [(p.later.symbol, p.earlier.symbol, p.found_by) for p in found] == [
        (Symbol("A/RES/77/36"), Symbol("A/C.1/77/L.23"), "adopts a revision of")
    ]


@pytest.mark.corpus
@pytest.mark.skipif(not RES_75_240.is_file(), reason="the session-75 Akoma Ntoso is not beside the checkout")
def test_a_revised_draft_adopted_as_it_stood_is_unchanged_paragraph_for_paragraph():
    draft = seed("003_adef17272de0fa25", "A/C.1/75/L.8/Rev.1")
    resolution = read_documents(RES_75_240)[0][0]
    expected = [(U, f"preamble_{i}", f"preamble_{i}") for i in range(1, 23)]
    expected += [(U, f"para_{i}", f"para_{i}") for i in range(1, 6)]
    assert changes(draft, resolution) == expected
    assert [p.found_by for p in lineage.pairs([resolution, draft])] == ["adopts"]


def paragraphs(*texts: str) -> list[PreambularParagraph]:
    return [PreambularParagraph(i, f"preamble_{i}", None, t.split()[0].lower(), t) for i, t in enumerate(texts, 1)]


def test_order_is_kept_and_a_paragraph_found_elsewhere_is_moved():
    a = "Recalling its resolution 76/19 of 6 December 2021 on the subject,"
    b = "Noting with concern the growing threats in the information space to all States,"
    c = "Welcoming the report of the Secretary-General on developments in the field,"
    d = "Stressing the importance of capacity-building for developing countries in particular,"
    earlier = paragraphs(a, b, c, d)
    later = paragraphs(d, a.replace("76/19 of 6 December 2021", "77/36 of 7 December 2022"), c, "Deciding anew,")
    got = lineage.align(lineage.paragraph_texts(earlier), lineage.paragraph_texts(later))
    assert [(g.kind, g.new, g.old) for g in got] == [
        (M, "preamble_1", "preamble_4"),  # d, now first
        (E, "preamble_2", "preamble_1"),  # a, with the new year's resolution
        (D, None, "preamble_2"),  # b is gone
        (U, "preamble_3", "preamble_3"),
        (N, "preamble_4", None),
    ]


def test_paragraphs_alike_only_in_a_long_name_are_not_one_paragraph():
    # A/RES/75/240, preambular paragraph 15, and A/RES/76/19, preambular paragraph 12, as printed
    name = "Open-ended Working Group on Developments in the Field of Information and Telecommunications in the Context of International Security"
    earlier = paragraphs(
        f"Emphasizing the global importance of the negotiation process of the {name}, "
        "established pursuant to General Assembly resolution 73/27,"
    )
    later = paragraphs(
        f"Recognizing the importance of the efforts made in this direction by the Group of Governmental Experts and the {name},"
    )
    got = lineage.align(lineage.paragraph_texts(earlier), lineage.paragraph_texts(later))
    assert [g.kind for g in got] == [N, D]


def test_compare_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "compare", str(CORPUS / "000_ea35d43ee21e10af.txt"),
         str(CORPUS / "akn" / "A_RES_77_36-2228101E.xml"), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["earlier"] == "A/C.1/77/L.23" and data["later"] == "A/RES/77/36"
    assert [(ChangeKind(c["kind"]), c["later"], c["earlier"]) for c in data["changes"]] == DRAFT_77_36


def test_compare_names_a_document_without_a_symbol(tmp_path):
    bare = tmp_path / "draft.txt"  # no manifest beside it, and its text states no symbol
    bare.write_text((CORPUS / "000_ea35d43ee21e10af.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "compare", str(bare), str(CORPUS / "akn" / "A_RES_77_36-2228101E.xml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bare}: error compare.no-symbol: ") and "no symbol" in lines[0]


def test_the_published_resolution_says_which_paragraphs_of_the_draft_it_kept(published):
    g = Graph().parse(published / "rdf" / "A_RES_77_36.ttl")
    resolution = URIRef("https://w3id.org/unga-ld/document/A/RES/77/36")
    draft = URIRef("https://w3id.org/unga-ld/document/A/C.1/77/L.23")
    (comparison,) = [c for c in g.objects(resolution, UNGA.comparison) if g.value(c, UNGA.comparedWith) == draft]
    assert str(g.value(comparison, UNGA.foundBy)) == "adopts a revision of"
    kept = {(f"{resolution}#{new}", f"{draft}#{old}") for kind, new, old in DRAFT_77_36 if kind in (U, E, M)}
    derived = {(str(a), str(b)) for a, b in g.subject_objects(UNGA.derivedFrom) if str(b).startswith(str(draft))}
    assert derived == kept
    kinds = sorted(str(g.value(c, UNGA.changeKind)).rsplit("/", 1)[-1] for c in g.objects(comparison, UNGA.change))
    assert kinds == sorted(kind.value for kind, _, _ in DRAFT_77_36)
    assert all(str(VOCAB) in str(g.value(c, UNGA.changeKind)) for c in g.objects(comparison, UNGA.change))


@pytest.mark.corpus
@pytest.mark.skipif(not RES_75_240.is_file(), reason="the session-75 Akoma Ntoso is not beside the checkout")
def test_a_series_is_found_by_the_previous_resolution_it_recalls():
    # A/RES/76/19 recalls 75/240 and A/RES/77/36 recalls 76/19 (each one's first preambular paragraph);
    # all three stand under the agenda item "Developments in the field of information and
    # telecommunications in the context of international security", 76/19 with a longer title
    def akn(session: int, name: str) -> Document:
        return read_documents(next((AKN_CORPUS.parent / f"akn4un-{session}-english").glob(name)))[0][0]

    series = [read_documents(RES_75_240)[0][0], akn(76, "A_RES_76_19-*.xml"), akn(77, "A_RES_77_36-*.xml")]
    found = [(p.later.symbol.text, p.earlier.symbol.text, p.confidence) for p in lineage.pairs(series)]
    assert found == [("A/RES/76/19", "A/RES/75/240", 0.5), ("A/RES/77/36", "A/RES/76/19", 0.5)]
    assert all("same agenda item title" in p.found_by for p in lineage.pairs(series))
