"""Every fact of tests/acceptance/ for the resolution and draft seeds (000–003), against the model.

The committee report (seed 004) has its own file, test_parse_committee_report.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline.model import CitationKind, Document, DocumentKind
from pipeline.register.states import key, resolve
from tests.conftest import document, facts

SEEDS = ["000_ea35d43ee21e10af", "001_69c6e02bd4b24d1c", "002_6c1610f3d2692637", "003_adef17272de0fa25"]
KINDS = {
    "General Assembly resolutions": CitationKind.GA_RESOLUTION,
    "General Assembly decisions": CitationKind.GA_DECISION,
    "Human Rights Council resolutions": CitationKind.HRC_RESOLUTION,
}


def paragraph(doc: Document, ref: str):
    """'preamble 10', 'operative 2' or 'operative 1.5' → that paragraph of the model."""
    part, number = ref.split()
    if part == "preamble":
        return doc.preamble[int(number) - 1]
    if "." in number:
        parent, _ = number.split(".", 1)
        op = doc.operative[int(parent) - 1]
        return next(s for s in op.subparagraphs if s.number == number)
    return doc.operative[int(number) - 1]


def eid(doc: Document, ref: str) -> str:
    return paragraph(doc, ref).eid


@pytest.mark.parametrize("seed", SEEDS)
def test_document_type_and_symbol(seed):
    f, doc = facts(seed), document(seed)
    expected = {
        "resolution": (DocumentKind.RESOLUTION, False),
        "draft resolution": (DocumentKind.DRAFT_RESOLUTION, False),
        "revised draft resolution": (DocumentKind.DRAFT_RESOLUTION, True),
    }[f["document_type"]]
    assert doc.kind is expected[0]
    assert (doc.revision_of is not None) is expected[1]
    if f["symbol_in_text"]:
        assert doc.symbol.text == f["symbol_in_text"]
    else:
        # the text states none: it comes from corpus/manifest.toml
        assert doc.symbol is not None and doc.provisional_id is None


@pytest.mark.parametrize("seed", SEEDS)
def test_heading(seed):
    f, doc = facts(seed), document(seed)
    if "date" in f:
        assert doc.date == dt.date.fromisoformat(f["date"])
    if "distribution" in f:
        assert doc.distribution == f["distribution"]
    if "original_language" in f:
        assert list(doc.original_languages) == f["original_language"]
    assert doc.session == f["session"]
    if "committee" in f:
        assert doc.body == f["committee"]
    assert doc.agenda_items == (str(f["agenda_item"]),)
    assert doc.agenda_title == f["agenda_item_title"]
    assert doc.title == f["title"]


@pytest.mark.parametrize("seed", [s for s in SEEDS if "sponsors" in facts(s)])
def test_sponsors(seed):
    f, doc = facts(seed), document(seed)
    assert [key(s.state.name_as_written) for s in doc.sponsors] == [key(n) for n in f["sponsors"]]
    assert [s.state.iso3 for s in doc.sponsors] == [resolve(n).iso3 for n in f["sponsors"]]


@pytest.mark.parametrize("seed", SEEDS)
def test_preamble(seed):
    f, doc = facts(seed), document(seed)
    assert len(doc.preamble) == f["preamble"]["count"]
    assert [p.phrase for p in doc.preamble] == f["preamble"]["phrases"]
    assert [p.ordinal for p in doc.preamble] == list(range(1, len(doc.preamble) + 1))


@pytest.mark.parametrize("seed", SEEDS)
def test_operative(seed):
    f, doc = facts(seed), document(seed)
    assert len(doc.operative) == f["operative"]["count"]
    assert [o.phrase for o in doc.operative] == f["operative"]["verbs"]
    assert [o.number for o in doc.operative] == [str(i) for i in range(1, len(doc.operative) + 1)]
    subs = {o.number: [s.number for s in o.subparagraphs] for o in doc.operative if o.subparagraphs}
    assert subs == f["operative"]["subparagraphs"]


@pytest.mark.parametrize("seed", SEEDS)
def test_footnotes(seed):
    f, doc = facts(seed), document(seed)
    notes = {n.marker: n for n in doc.footnotes}
    assert sorted(notes) == sorted(f["footnotes"])
    for marker, fact in f["footnotes"].items():
        note = notes[marker]
        assert [c.symbol.text for c in note.citations] == fact["cites"]
        assert note.anchored_in == eid(doc, fact["anchored_in"])
        assert marker in paragraph(doc, fact["anchored_in"]).footnote_marks


@pytest.mark.parametrize("seed", SEEDS)
def test_citations(seed):
    f, doc = facts(seed), document(seed)
    for claim, expected in f["citations"].items():
        m = re.match(r"^((?:preamble|operative) [\d.]+) cites (.+)$", claim)
        assert m, claim
        para = paragraph(doc, m.group(1))
        kind = KINDS[m.group(2)]
        assert [c.symbol.short for c in para.citations if c.kind is kind] == expected, claim


@pytest.mark.parametrize("seed", [s for s in SEEDS if "adopted" in facts(s)])
def test_adoption(seed):
    fact, adoption = facts(seed)["adopted"], document(seed).adoption
    assert adoption.date == dt.date.fromisoformat(fact["date"])
    assert adoption.meeting == fact["plenary_meeting"]
    assert adoption.report.text == fact["on_report"]
    assert adoption.report_paragraph == str(fact["report_paragraph"])
    assert adoption.report_of == fact["report_of"]


@pytest.mark.parametrize("seed", [s for s in SEEDS if "text_checks" in facts(s)])
def test_text_checks(seed):
    checks, doc = facts(seed)["text_checks"], document(seed)
    texts = [p.text for p in doc.preamble] + [o.text for o in doc.operative]
    texts += [s.text for o in doc.operative for s in o.subparagraphs]
    for claim, expected in checks.items():
        if claim.startswith("no paragraph text contains"):
            for needle in expected:
                # a page number such as "4/4" is furniture as a whole token; "54/49" is a citation
                pattern = (
                    rf"(?<![\d/]){re.escape(needle)}(?![\d/])"
                    if re.fullmatch(r"\d+/\d+", needle)
                    else re.escape(needle)
                )
                assert not any(re.search(pattern, t) for t in texts), needle
            continue
        m = re.match(r"^((?:preamble|operative) [\d.]+) (contains|ends with)", claim)
        assert m, claim
        text = paragraph(doc, m.group(1)).text
        if m.group(2) == "contains":
            assert expected in text
        else:
            assert text.endswith(expected)


def test_no_paragraph_carries_a_mark_token_or_markup():
    for seed in SEEDS:
        doc = document(seed)
        for p in [*doc.preamble, *doc.operative]:
            assert "\ue000" not in p.text and "*" not in p.text and "](#)" not in p.text
