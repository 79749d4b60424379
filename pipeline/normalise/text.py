"""What every layout's normaliser shares: the Block, footnote-mark tokens, characters, joining."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..diagnostics import Diagnostic

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
    path: str
    layout: str
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.footnote is None]


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean(text: str) -> str:
    """NFC, no soft hyphens or zero-width characters, single spaces, no newlines."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


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


def join_broken(blocks: list[Block], body_start: int) -> list[Block]:
    """Join paragraphs broken by a page break (or by footnotes printed inside them).

    From ``body_start`` on, a text block that does not end as a paragraph ends is continued by the
    next text block unless that one visibly starts something new. Footnote blocks in between stay
    where they are, after the joined paragraph. Linear: pieces are joined once, at the end."""
    out: list[tuple[list[str], int, str | None]] = []  # (text pieces, line, footnote marker)
    last_text: int | None = None
    for index, block in enumerate(blocks):
        if block.footnote is not None:
            out.append(([block.text], block.line, block.footnote))
            continue
        if (
            index >= body_start
            and last_text is not None
            and last_text >= body_start  # heading blocks are never joined, so indices agree there
            and not is_complete(out[last_text][0][-1])
            and not is_start(block.text)
        ):
            out[last_text][0].append(block.text)
            continue
        out.append(([block.text], block.line, None))
        last_text = len(out) - 1
    return [Block(" ".join(parts), line, marker) for parts, line, marker in out]


def body_start(blocks: list[Block]) -> int:
    """Index of the first block of the body: the formula, or the first numbered paragraph."""
    for i, b in enumerate(blocks):
        if b.footnote is None and (b.text.startswith("The General Assembly,") or re.match(r"^1\.\s", b.text)):
            return i
    return len(blocks)
