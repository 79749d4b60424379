"""Normaliser for pdftotext-like text (seed 003): wrapped lines and printed pages.

Guarantees to the parser:
- page furniture is gone: the running symbol, job numbers (``20-14117 (E) 281020``), page numbers
  (``2/4``), barcodes (``*2014117*``), extracted hyperlink lists and footnote rules;
- heading lines printed side by side (``General Assembly  Distr.: Limited``) are separate Blocks;
- wrapped lines are joined into one Block per paragraph (a body paragraph starts on an indented
  line); a word hyphenated at a line end keeps its hyphen (``Open-ended``);
- footnote texts printed after a rule become Blocks with ``footnote`` set, after the page's text;
- each footnote's mark, a plain digit (``report,1`` or ``2013 2``), is found on the same page and
  replaced by a mark token; a footnote whose mark cannot be found gets a warning;
- paragraphs broken by a page break are whole again; every Block carries its source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, NormalisedText, RawDocument, body_start, clean
from pipeline.normalise.marks import place_mark
from pipeline.normalise.text import join_broken

_URL = re.compile(r"^https?://\S+$")
_RULE = re.compile(r"^_{5,}$")
_PAGE = re.compile(r"^(\d{1,3})/(\d{1,3})$")
_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}|\(E\)|\d{6}|\d{1,3}/\d{1,3}|\*\d{6,}\*)$")
_FIRST_PAGE_SYMBOL = re.compile(r"^United Nations\s{2,}(\S+)$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_SIDE_BY_SIDE = re.compile(r"\s{2,}")
_CONTINUES = re.compile(r"(?:,|\b(?:and|or|of|the|in|for|on|to|by|with))$")


@dataclass
class _Line:
    number: int
    text: str  # as printed, trailing spaces removed
    page: int


@dataclass
class _Note:
    marker: str
    number: int
    page: int
    parts: list[str] = field(default_factory=list)


def looks_like(text: str) -> bool:
    """Page furniture of a printed UN document: a job number line or a page 'n/N' with it."""
    return bool(re.search(r"^\s*\d{2}-\d{5}\b", text[:200_000], re.M))


def normalise(source: RawDocument) -> NormalisedText:
    path, text = source.path, source.text
    lines, notes = _split_pages(text)
    warnings = _place_marks(path, lines, notes)
    blocks = _blocks(lines)
    for note in notes:
        blocks.append(Block(clean(" ".join(note.parts)), note.number, note.marker))
    blocks.sort(key=lambda b: b.line)
    start = body_start(blocks)
    return NormalisedText(source, "pdftotext", tuple(join_broken(blocks, start)), tuple(warnings))


def _split_pages(text: str) -> tuple[list[_Line], list[_Note]]:
    """Drop page furniture; separate the footnote zone of each page from its text."""
    symbol = None
    lines: list[_Line] = []
    notes: list[_Note] = []
    page, in_notes = 1, False
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.replace("\f", "").rstrip()
        s = raw.strip()
        if not s:
            continue
        m = _FIRST_PAGE_SYMBOL.match(s)
        if m and symbol is None:
            symbol = m.group(1)
            lines.append(_Line(number, " United Nations", page))
            lines.append(_Line(number, " " + symbol, page))
            continue
        tokens = s.split()
        if _URL.match(s):
            in_notes = False
            continue
        if (symbol and s == symbol) or all(_FURNITURE.match(t) or t == symbol for t in tokens):
            for t in tokens:
                p = _PAGE.match(t)
                if p:
                    page = int(p.group(1))
            in_notes = False
            continue
        if _RULE.match(s):
            in_notes = True
            continue
        if in_notes:
            f = _FOOTNOTE_START.match(s)
            if f:
                notes.append(_Note(f.group(1), number, page, [f.group(2)]))
            elif notes:
                notes[-1].parts.append(s)
            continue
        lines.append(_Line(number, raw, page))
    return lines, notes


def _place_marks(path: str, lines: list[_Line], notes: list[_Note]) -> list[Diagnostic]:
    """Find each footnote's digit mark on its page and turn it into a mark token."""
    warnings: list[Diagnostic] = []
    for note in notes:
        page_lines = [ln for ln in lines if ln.page == note.page and ln.number < note.number]
        texts = [ln.text for ln in page_lines]
        found = place_mark(texts, list(range(len(texts))), note.marker)
        for ln, text in zip(page_lines, texts, strict=True):
            ln.text = text
        if not found:
            warnings.append(diagnostic("normalise.unanchored-footnote", path, note.number, marker=note.marker))
    return warnings


def _blocks(lines: list[_Line]) -> list[Block]:
    """Join wrapped lines: in the heading by continuation, in the body by indentation."""
    blocks: list[Block] = []
    current: list[str] = []
    start_line = 0
    in_body = False

    def flush() -> None:
        if current:
            blocks.append(Block(clean(_join_lines(current)), start_line))
            current.clear()

    for ln in lines:
        s = ln.text.strip()
        indented = ln.text[:1].isspace()
        if s.startswith("The General Assembly,") or re.match(r"^1\.\s", s):
            in_body = True
        if in_body:
            new = indented or not current
        else:
            new = (
                not current
                or (indented and not s[:1].islower())
                or not (_CONTINUES.search(current[-1]) or s[:1].islower())
            )
        if new:
            flush()
            start_line = ln.number
        if not in_body and _SIDE_BY_SIDE.search(s):
            # heading pieces printed side by side are separate blocks
            for piece in _SIDE_BY_SIDE.split(s):
                current.append(piece)
                flush()
                start_line = ln.number
            continue
        current.append(s)
    flush()
    return blocks


def _join_lines(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if re.search(r"[A-Za-z]-$", text) and part[:1].islower():
            text += part  # a hyphenated compound broken at the line end: "Open-" + "ended"
        else:
            text += " " + part
    return text
