"""The normalisers' written guarantees, on the seeds and on small fragments."""

from pipeline.inputs import RawDocument, marks_in, strip_marks
from pipeline.normalise import detect, normalise
from tests.conftest import CORPUS, document

FURNITURE = ["20-14117", "*2014117*", "https://", "undocs.org", "__________", "281020", "(E)"]


def blocks(name: str):
    text = (CORPUS / name).read_text(encoding="utf-8")
    return normalise(RawDocument(name, text, ""))


def test_layouts_are_detected():
    assert blocks("003_adef17272de0fa25.txt").layout == "pdftotext"
    for seed in ("000", "001", "002", "004"):
        name = next(p.name for p in CORPUS.glob(f"{seed}_*.txt"))
        assert blocks(name).layout == "markdown-export"


def test_page_furniture_of_the_pdftotext_layout_never_reaches_a_block():
    for block in blocks("003_adef17272de0fa25.txt").blocks:
        for needle in FURNITURE:
            assert needle not in block.text, (needle, block.line)
        assert block.text.strip() not in {"2/4", "3/4", "4/4", "A/C.1/75/L.8/Rev.1 2/4"}


def test_running_symbol_is_kept_once_as_the_document_symbol():
    texts = [b.text for b in blocks("003_adef17272de0fa25.txt").blocks]
    assert texts.count("A/C.1/75/L.8/Rev.1") == 1


def test_page_broken_paragraphs_are_whole():
    # seed 001 operative 1 breaks after "Information and"; seed 003 preamble 17 across pages 2 and 3
    op1 = document("001_69c6e02bd4b24d1c").operative[0].text
    assert "Information and Telecommunications in the Context" in op1
    pre17 = document("003_adef17272de0fa25").preamble[16].text
    assert "respect for human rights and fundamental freedoms; and non-intervention" in pre17


def test_footnotes_in_the_middle_do_not_split_a_paragraph():
    # seed 002: footnotes 1-3 are printed between operative 4 and 5; seed 001 in the preamble
    doc = document("002_6c1610f3d2692637")
    assert len(doc.operative) == 7 and doc.operative[4].phrase == "Underlines further"
    doc = document("001_69c6e02bd4b24d1c")
    assert doc.preamble[15].text.startswith("Underlining the complementarity")
    assert doc.preamble[16].text.startswith("Reaffirming that any future mechanism")


def test_hyphen_at_a_line_end_is_kept_in_the_compound():
    pre15 = document("003_adef17272de0fa25").preamble[14].text
    assert "Open-ended Working Group" in pre15 and "Open- ended" not in pre15


def test_digit_footnote_marks_become_tokens_and_leave_the_text():
    text = blocks("003_adef17272de0fa25.txt")
    marked = [b for b in text.blocks if marks_in(b.text)]
    assert [marks_in(b.text) for b in marked] == [["1"], ["2"]]
    assert "in its 2015 report, identified" in strip_marks(marked[0].text)
    assert "in its 2013 and 2015 reports" in strip_marks(marked[1].text)


def test_blocks_point_at_their_source_lines():
    name = "001_69c6e02bd4b24d1c.txt"
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    for block in blocks(name).blocks:
        first_words = strip_marks(block.text).split()[0].strip("*[")
        assert first_words in lines[block.line - 1], block.line


def test_run_together_heading_is_split():
    text = (
        "Agenda item 94\n\n**Developments in the field\nof information****Resolution adopted by the General Assembly\n"
        "on 7 December 2022***[on the report of the First Committee (A/77/380, para. 11)]***77/37. Title of it***"
        "The General Assembly,*\n\nRecalling its resolution 1/1,\n\n1. *Decides* to act.\n"
    )
    pieces = [b.text for b in normalise(RawDocument("x.txt", text, "")).blocks]
    assert pieces[:6] == [
        "Agenda item 94",
        "Developments in the field of information",
        "Resolution adopted by the General Assembly on 7 December 2022",
        "[on the report of the First Committee (A/77/380, para. 11)]",
        "77/37. Title of it",
        "The General Assembly,",
    ]
    assert pieces[-1] == "1. Decides to act."


def test_normalising_is_stable_on_its_own_output():
    first = normalise(RawDocument("x.txt", (CORPUS / "002_6c1610f3d2692637.txt").read_text(encoding="utf-8"), ""))
    again = normalise(
        RawDocument("x.txt", "\n\n".join(strip_marks(b.text) for b in first.blocks if b.footnote is None), "")
    )
    assert [strip_marks(b.text) for b in again.blocks] == [
        strip_marks(b.text) for b in first.blocks if b.footnote is None
    ]


def test_plain_text_without_marks_reads_as_the_markdown_layout():
    assert detect("The General Assembly,\n\n1. Decides to act.\n") == "markdown-export"
