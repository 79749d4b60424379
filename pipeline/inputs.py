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
        return Path(self.path).suffix.lower() in XML_SUFFIXES or self.text.lstrip().startswith("<")


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


_SPACES = re.compile(r"\s+")  # every Unicode white space (U+1680, U+2000–U+200A, U+3000 …)


def clean(text: str) -> str:
    """NFC, no soft hyphens or zero-width characters, single spaces, no newlines, no direction marks at
    either end (a mark there orders nothing)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\n", " ").replace("\f", " ")
    return _SPACES.sub(" ", text).strip().strip("\u200e\u200f").strip()


# A block that starts one of these never continues the block before it.
_STARTS = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.\s"  # 5.  1.5.
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)\s"  # (a) (iv) (1)
    r"|[IVXL]{1,5}\.\s|[A-H]\.\s"  # section headings: II.  B.
    r"|The General Assembly,"
    r"|(?:In favour|Against|Abstaining|Absent)\s*:"
    r"|Draft (?:resolution|decision)\b|Annex\b|Appendix\b|Recommendation\b"
    r"|\d{1,3}(?:st|nd|rd|th) plenary meeting\b)"
)
_TERMINAL = re.compile(r"[.,;:!?]$")
_TRAILING = "\"'”’»)]* "


def is_start(text: str) -> bool:
    return bool(_STARTS.match(text))


def is_complete(text: str) -> bool:
    """Does a block end as a paragraph or list item ends (full stop, comma, semicolon, colon)?"""
    bare = strip_marks(text).rstrip(_TRAILING)
    return bool(_TERMINAL.search(bare)) or not bare


def body_start(blocks: list[Block]) -> int:
    """Index of the first block of the body: the formula, or the first numbered paragraph."""
    for i, b in enumerate(blocks):
        if b.footnote is None and (b.text.startswith("The General Assembly,") or re.match(r"^1\.\s", b.text)):
            return i
    return len(blocks)
