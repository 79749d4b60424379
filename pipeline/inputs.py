"""The values that flow before the model: what a source gives (RawDocument) and what a normaliser
gives the parser (NormalisedText: Blocks with their source lines), with the conventions both sides
rely on — the neutral footnote-mark token, clean characters, and what starts or ends a paragraph in
a UN text. Every stage may read this module; it imports no stage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.diagnostics import Diagnostic
from pipeline.symbols import Symbol

XML_SUFFIXES = {".xml", ".akn"}
PDF_SUFFIXES = {".pdf"}


@dataclass(frozen=True)
class ManifestEntry:
    symbol: Symbol | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawDocument:
    path: str
    text: str
    sha256: str
    manifest: ManifestEntry = ManifestEntry()
    data: bytes = b""
    diagnostics: tuple[Diagnostic, ...] = ()  # what reading noticed (control characters removed)

    @property
    def is_xml(self) -> bool:
        return not self.is_pdf and (
            Path(self.path).suffix.lower() in XML_SUFFIXES or self.text.lstrip().startswith("<")
        )

    @property
    def is_pdf(self) -> bool:
        return self.data.startswith(b"%PDF-")


# A footnote mark inside paragraph text becomes this neutral token: U+E000 marker U+E001.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MARK_RE = re.compile(f"{MARK_OPEN}([0-9A-Za-z*]{{1,4}}){MARK_CLOSE}")


def mark(marker: str) -> str:
    return f"{MARK_OPEN}{marker}{MARK_CLOSE}"


def marks_in(text: str) -> list[str]:
    return MARK_RE.findall(text)


def strip_marks(text: str) -> str:
    return MARK_RE.sub("", text)


@dataclass(frozen=True)
class Block:
    """One logical paragraph of the source, or one footnote's text (``footnote`` holds its marker)."""

    text: str
    line: int
    footnote: str | None = None
    lead: str | None = None  # the words its first line prints in italic, after a number (a PDF knows them)
    heading: bool = False  # printed in bold (a verbatim record's headings)


@dataclass(frozen=True)
class PrintedLine:
    """One printed line of a page, as a page layer reads it (a PDF's characters, or a line of
    ``pdftotext -layout`` text). Positions are in the layer's own unit, top-down: points for a PDF,
    character columns and text lines for ``pdftotext``; ``size`` is the font size (0 when unknown).
    ``text`` holds superscript footnote marks as mark tokens when the layer can see them; ``italic``
    is the italic text the line starts with ("" when none or unknown). Lines of a page printed in two
    columns come column by column (``column``)."""

    text: str
    line: int  # the n-th printed line of the document, counted from 1 in reading order
    page: int
    x: float
    y: float
    size: float = 0.0
    italic: str = ""
    bold: bool = False
    column: int = 0  # on a page printed in two columns: 1 left, 2 right; 0 across the page or no columns


def column_order(columns: list[int]) -> list[int]:
    """The reading order of a page's pieces, given top-down with their column (0: across the page, 1:
    left, 2: right): each band between pieces printed across the page, its left column, then its right.

    >>> column_order([0, 1, 2, 1, 2, 0, 2])
    [0, 1, 3, 2, 4, 5, 6]
    """
    order: list[int] = []
    band: list[int] = []
    for i, column in enumerate([*columns, 0]):
        if column:
            band.append(i)
            continue
        order += [j for j in band if columns[j] == 1] + [j for j in band if columns[j] == 2]
        band = []
        if i < len(columns):
            order.append(i)
    return order


@dataclass(frozen=True)
class PrintedPage:
    number: int
    width: float
    height: float
    lines: tuple[PrintedLine, ...]


@dataclass(frozen=True)
class Printed:
    """A printed document as its page layer reads it: pages of lines in reading order. ``indent`` is
    the least step, in the layer's unit, that counts as an indented first line; ``marks`` says
    whether the layer found superscript footnote marks itself (a PDF) or the normaliser must find
    them in the text (``pdftotext``)."""

    raw: RawDocument
    layout: str
    pages: tuple[PrintedPage, ...]
    indent: float
    marks: bool
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class NormalisedText:
    raw: RawDocument
    layout: str
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.footnote is None]

    @property
    def path(self) -> str:
        return self.raw.path


def clean(text: str) -> str:
    """NFC, no soft hyphens or zero-width characters, single spaces, no newlines, no direction marks at
    either end (a mark there orders nothing)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    # str.split() splits at the very characters \s matches (Python's one test of Unicode white space)
    return " ".join(text.split()).strip("\u200e\u200f").strip()


# A block that starts one of these never continues the block before it.
_STARTS = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.\s"  # 5.  1.5.
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)\s"  # (a) (iv) (1)
    r"|[IVXL]{1,5}\.\s|[A-H]\.\s"  # section headings: II.  B.
    r"|The General Assembly(?:,|\s*$)"
    r"|(?:In favour|Against|Abstaining|Absent)\s*:"
    r"|Draft (?:resolution|decision)\b|Annex\b|Appendix\b|Recommendation\b"
    r"|\d{1,3}(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting\b)"
)
_TERMINAL = re.compile(r"[.,;:!?]$")
_TRAILING = "\"'”’»)]* "


def is_start(text: str) -> bool:
    return bool(_STARTS.match(text))


def is_complete(text: str) -> bool:
    """Does a block end as a paragraph or list item ends (full stop, comma, semicolon, colon)?"""
    bare = strip_marks(text).rstrip(_TRAILING)
    return bool(_TERMINAL.search(bare)) or not bare


_FORMULA = re.compile(r"^The General Assembly(?:,|\s*$| [a-z])")


def is_formula(text: str) -> bool:
    """Does a block or line open the body: "The General Assembly," (without its comma before a
    resolution's only, unnumbered paragraph; or a decision's sentence: "The General Assembly approves")?"""
    return bool(_FORMULA.match(text))


def body_start(blocks: list[Block]) -> int:
    """Index of the first block of the body: the formula, or the first numbered paragraph."""
    for i, b in enumerate(blocks):
        if b.footnote is None and (is_formula(b.text) or re.match(r"^1\.\s", b.text)):
            return i
    return len(blocks)
