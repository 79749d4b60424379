"""PDF input: the UN's PDFs (PDFium page layer) and ``pdftotext -layout`` text of them, read through
one normaliser. Facts come from the UN's own Akoma Ntoso of the same resolutions (the scorer), and
from reading the draft PDFs; bad PDFs get one clear line naming the file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from pipeline.diagnostics import DocumentError
from pipeline.inputs import Printed, PrintedLine, PrintedPage, RawDocument
from pipeline.model import DocumentKind
from pipeline.normalise import layout, printed
from pipeline.run import read_documents
from tests import pdf_scorer
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "corpus"
RESOLUTIONS = SHARED / "pdf-resolutions-78"
DRAFTS = SHARED / "pdf-drafts-80"
needs_resolutions = pytest.mark.skipif(
    not RESOLUTIONS.is_dir(), reason="the session-78 PDFs are not beside the checkout"
)
needs_drafts = pytest.mark.skipif(not DRAFTS.is_dir(), reason="the session-80 draft PDFs are not beside the checkout")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=120)


# -- the scorer: every fact of 148 resolutions against the UN's XML ---------------------------------
# Floors at what the readers achieve; the causes of what is left are in the README (PDF input).
PDF_FLOORS = {
    "symbol": 1.0, "title": 1.0, "session": 1.0, "agenda items": 1.0, "adoption date": 1.0, "meeting": 1.0,
    "report": 1.0, "report paragraph": 1.0, "operative count": 1.0, "verb": 1.0,
    "preambular count": 1.0, "paragraph text": 0.998, "phrase": 1.0, "sub-paragraph count": 0.999,
    "footnote count": 1.0, "footnote text": 1.0, "footnote place": 1.0, "annex count": 1.0,
    "citations": 1.0,
}  # fmt: skip
PDFTOTEXT_FLOORS = {
    "symbol": 1.0, "title": 1.0, "session": 1.0, "agenda items": 1.0, "adoption date": 1.0, "meeting": 1.0,
    "report": 1.0, "report paragraph": 1.0, "operative count": 0.99, "verb": 0.995,
    "preambular count": 0.99, "paragraph text": 0.99, "phrase": 0.995, "sub-paragraph count": 0.999,
    "footnote count": 0.99, "footnote text": 0.995, "footnote place": 0.995, "annex count": 0.99,
    "citations": 0.99,
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.corpus
@needs_resolutions
def test_every_resolution_pdf_publishes_and_agrees_with_the_uns_xml():
    score = pdf_scorer.run("pdf")
    assert score.failed == [] and score.published == len(pdf_scorer.pairs()) == 150
    low = {fact: round(score.share(fact), 4) for fact, floor in PDF_FLOORS.items() if score.share(fact) < floor}
    assert not low, low


@pytest.mark.slow
@pytest.mark.corpus
@needs_resolutions
@needs_pdftotext
def test_pdftotext_layout_text_of_the_same_pdfs_reads_nearly_as_well():
    score = pdf_scorer.run("pdftotext")
    assert score.failed == [] and score.published == 150
    low = {f: round(score.share(f), 4) for f, floor in PDFTOTEXT_FLOORS.items() if score.share(f) < floor}
    assert not low, low


# -- drafts, read by hand from the PDFs -------------------------------------------------------------
DRAFT_FACTS = {
    # file: (symbol, kind, title, sponsors (ISO 3166 alpha-3, in the printed order), group, amends)
    "A_80_L.2": ("A/80/L.2", "draft resolution", "Participation by the State of Palestine during the eightieth session",
                 ["PSE"], None, None),
    "A_80_L.17": ("A/80/L.17", "draft resolution", None,
                  ["CAN", "GRC", "ISL", "MCO", "NOR", "PHL", "PRT", "ESP", "SWE", "GBR"], None, None),
    "A_80_L.23": ("A/80/L.23", "draft resolution",
                  "International cooperation on humanitarian assistance in the field of natural disasters, from relief "
                  "to development", ["IRQ"], "G77", None),
    "A_80_L.31": ("A/80/L.31", "amendment",
                  "Strengthening of the coordination of emergency humanitarian assistance of the United Nations",
                  ["USA"], None, "A/80/L.25"),
    "A_C.3_80_L.62": ("A/C.3/80/L.62", "amendment", "Rights of the child", ["BLR", "RUS"], None, "A/C.3/80/L.20/Rev.1"),
    "A_C.2_80_L.7": ("A/C.2/80/L.7", "draft resolution", "Agricultural technology for sustainable development",
                     ["ISR"], None, None),
    "A_C.4_80_L.11": ("A/C.4/80/L.11", "decision",
                      "Increase in the membership of the Committee on the Peaceful Uses of Outer Space",
                      ["AUT", "FRA", "DEU", "HND", "MDV", "ZAF", "ESP", "ZWE"], None, None),
    "A_C.3_80_L.22": ("A/C.3/80/L.22", "draft resolution",
                      "Effective promotion of the Declaration on the Rights of Persons Belonging to National or Ethnic, "
                      "Religious and Linguistic Minorities",
                      ["ARM", "AUT", "BIH", "BRA", "CAN", "CRI", "HRV", "CYP", "CZE", "GEO", "DEU", "GRC", "HND", "HUN",
                       "ISL", "IRL", "JPN", "LIE", "LUX", "MLT", "MEX", "MCO", "MNE", "NLD", "MKD", "NOR", "PAN", "SVN",
                       "CHE", "UKR", "GBR", "URY"], None, None),
    "A_C.2_80_L.46": ("A/C.2/80/L.46", "draft resolution", "Promoting investments for sustainable development", [],
                      None, None),
    "A_C.6_80_L.15": ("A/C.6/80/L.15", "draft resolution",
                      "United Nations Programme of Assistance in the Teaching, Study, Dissemination and Wider "
                      "Appreciation of International Law", [], None, None),
}  # fmt: skip


@pytest.mark.corpus
@needs_drafts
@pytest.mark.parametrize("name", sorted(DRAFT_FACTS))
def test_a_draft_pdf_gives_the_facts_its_heading_prints(name):
    symbol, kind, title, sponsors, group, amends = DRAFT_FACTS[name]
    docs, diagnostics = read_documents(DRAFTS / f"{name}.pdf")
    doc = docs[0]
    assert doc.symbol is not None and doc.symbol.text == symbol
    assert doc.kind.value == kind
    if title is not None:
        assert doc.title == title
    assert [s.state.iso3 for s in doc.sponsors] == sponsors
    assert all(s.on_behalf_of == group for s in doc.sponsors)
    assert (doc.amends.text if doc.amends else None) == amends
    assert not [d for d in diagnostics if d.code in ("state.unknown", "sponsor.not-a-state")]


@pytest.mark.corpus
@needs_drafts
def test_a_draft_pdf_gives_its_paragraphs_sub_paragraphs_and_footnotes():
    """A/80/L.2 read by hand: four preambular paragraphs, three operative, (a)–(c) under the first,
    one numbered footnote ("See resolution 169 (II).") and the sponsors note under the heading."""
    doc = read_documents(DRAFTS / "A_80_L.2.pdf")[0][0]
    phrases = ["Expressing grave concern", "Deploring", "Recalling", "Recalling also"]
    assert [p.phrase.split(",")[0] if p.phrase else None for p in doc.preamble] == phrases
    assert [p.number for p in doc.operative] == ["1", "2", "3"]
    assert [p.verb for p in doc.operative] == ["decides", "decides", "decides"]
    assert [s.number for s in doc.operative[0].subparagraphs] == ["(a)", "(b)", "(c)"]
    assert doc.operative[0].subparagraphs[2].text.startswith("The State of Palestine may submit a pre-recorded")
    assert [(f.marker, f.text, f.anchored_in) for f in doc.footnotes] == [
        ("1", "See resolution 169 (II).", "preamble_1")
    ]
    assert doc.notes == (
        "Any changes to the list of sponsors will be reflected in the official record of the meeting.",
    )
    assert [c.symbol.text for c in doc.footnotes[0].citations] == ["A/RES/169(II)"]


@pytest.mark.slow
@pytest.mark.corpus
@needs_drafts
def test_every_draft_pdf_is_read():
    read = 0
    for path in sorted(DRAFTS.glob("*.pdf")):
        docs, _ = read_documents(path)
        assert docs and docs[0].symbol is not None, path.name
        read += 1
    assert read == 100


# -- bad PDFs: one line naming the file, a non-zero exit, nothing published --------------------------
def _blank_pdf(path: Path) -> None:
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    document.save(str(path))
    document.close()


def test_a_scanned_pdf_without_text_is_refused_in_one_line(tmp_path):
    scan = tmp_path / "scan.pdf"
    _blank_pdf(scan)
    with pytest.raises(DocumentError) as caught:
        read_documents(scan)
    assert caught.value.diagnostic.code == "source.pdf-no-text"
    result = cli("parse", str(scan))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(scan) in lines[0] and "source.pdf-no-text" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7\nnot really a PDF\n%%EOF\n", b"GIF89a\x01\x00\x01\x00"], ids=["broken", "not-a-pdf"]
)
def test_a_broken_or_mislabelled_pdf_is_refused_in_one_line(tmp_path, content):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    result = cli("parse", str(bad))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "source.pdf-invalid" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_build_with_a_bad_pdf_publishes_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _blank_pdf(corpus / "scan.pdf")
    shutil.copy(ROOT / "corpus" / "001_69c6e02bd4b24d1c.txt", corpus)
    result = cli("build", "-q", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert "scan.pdf" in result.stderr and "source.pdf-no-text" in result.stderr
    assert (tmp_path / "out" / "unga-ld.ttl").is_file()


# -- the normaliser on printed lines it is given ----------------------------------------------------
def _page(lines: list[tuple[str, float, float]], size: float = 10.0, bold: bool = False) -> Printed:
    raw = RawDocument(path="x.pdf", text="", sha256="0" * 64, data=b"%PDF-")
    printed_lines = tuple(PrintedLine(text, n, 1, x, y, size, "", bold) for n, (text, x, y) in enumerate(lines, 1))
    return Printed(raw, "pdf", (PrintedPage(1, 595.0, 842.0, printed_lines),), indent=4.0, marks=True)


def test_a_paragraph_starts_at_its_indented_first_line_and_keeps_a_compound_whole():
    page = _page(
        [
            ("The General Assembly,", 147.0, 100.0),
            ("Recalling the situation of the Non-Self-", 147.0, 118.0),
            ("Governing Territories,", 123.0, 130.0),
            ("Noting the fifty -", 147.0, 148.0),
            ("third session,", 123.0, 160.0),
        ]
    )
    texts = [b.text for b in printed.normalise(page).blocks]
    assert texts == [
        "The General Assembly,",
        "Recalling the situation of the Non-Self-Governing Territories,",
        "Noting the fifty-third session,",
    ]


def test_pdftotext_words_split_at_a_glyph_gap_are_joined_and_real_pairs_kept():
    text = (
        "United Nations    A/RES/78/1\n\n 23-12345 (E)\n\f"
        "The Secre tariat notes that th e Secretariat and the Secretariat agreed a nd follow up on it ;\n"
    )
    pages = layout.printed(RawDocument(path="x.txt", text=text, sha256="0" * 64)).pages
    line = pages[1].lines[0].text
    assert line == "The Secretariat notes that the Secretariat and the Secretariat agreed and follow up on it;"


@pytest.mark.corpus
@needs_drafts
def test_an_amendment_keeps_its_instructions_as_printed():
    doc = read_documents(DRAFTS / "A_80_L.31.pdf")[0][0]
    assert doc.kind is DocumentKind.AMENDMENT
    assert [p.text for p in doc.operative] == [
        "In operative paragraph 68, after “including sexual and reproductive health”, insert “in accordance with "
        "the Programme of Action of the International Conference on Population and Development and its review "
        "outcomes as adopted by the General Assembly,”."
    ]
    assert [(f.marker, f.anchored_in) for f in doc.footnotes] == [("**", "para_1")]
