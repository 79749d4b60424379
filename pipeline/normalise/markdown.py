"""Normaliser for the markdown-like export layout (seeds 000, 001, 002, 004).

Guarantees to the parser:
- one Block per paragraph; a paragraph's wrapped lines are joined with single spaces;
- heading blocks run together with emphasis marks (``**title****Resolution adopted…***[on the…]***``)
  are split into one Block per piece;
- links ``[A/77/275](#)`` are reduced to their text, and emphasis marks (``*Decides*``, ``**Md Idris**``)
  are removed; a list dash before ``(a)`` is dropped;
- superscript footnote marks (``¹``) are replaced by mark tokens (see ``text.mark``);
- footnote texts (``¹ A/77/275.``) become Blocks with ``footnote`` set, where they were printed;
- paragraphs broken by a page break, or by footnotes printed inside them, are whole again;
- every Block carries the source line where it starts.
"""

from __future__ import annotations

import re

from pipeline.inputs import Block, NormalisedText, RawDocument, body_start, clean, is_start, mark
from pipeline.normalise.text import join_broken

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTNOTE_BODY = re.compile(f"^([{_SUPERSCRIPT}]{{1,3}})\\s+(.*)$", re.S)
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPT}]{{1,3}}")
_LINK = re.compile(r"\[([^\[\]\n]{0,400})\]\([^()\s]{0,2000}\)")
_EMPHASIS = re.compile(r"\*{1,2}([^*\n]{1,4000})\*{1,2}")
_RUN_BOUNDARY = re.compile(r"\*{3,}")
_LIST_DASH = re.compile(r"^[-•]\s+(?=\()")


def looks_like(text: str) -> bool:
    """Markdown marks: links to '#', emphasis around words, or superscript digits."""
    sample = text[:200_000]
    return bool(re.search(r"\]\(#\)|\*[A-Z][a-z]+|[¹²³]", sample))


def normalise(source: RawDocument) -> NormalisedText:
    text = source.text
    blocks: list[Block] = []
    for raw, line in _paragraphs(text):
        for piece, piece_line in _pieces(raw, line):
            block = _block(piece, piece_line)
            if block is not None:
                blocks.append(block)
    start = body_start(blocks)
    return NormalisedText(source, "markdown-export", tuple(join_broken(blocks, start)))


def _paragraphs(text: str) -> list[tuple[str, int]]:
    """Blank-line separated paragraphs with the line each starts on.

    A line that starts a numbered paragraph or a list item starts a new one even without a blank
    line before it (report paragraphs and ``- (a)`` items are printed on consecutive lines)."""
    out: list[tuple[str, int]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if current and (is_start(_LIST_DASH.sub("", line.strip())) or line.lstrip().startswith("- ")):
                out.append(("\n".join(current), start))
                current = []
            if not current:
                start = number
            current.append(line)
        elif current:
            out.append(("\n".join(current), start))
            current = []
    if current:
        out.append(("\n".join(current), start))
    return out


def _pieces(raw: str, line: int) -> list[tuple[str, int]]:
    """Split a run-together heading block at its emphasis boundaries (``***``, ``****``)."""
    if not _RUN_BOUNDARY.search(raw):
        return [(raw, line)]
    pieces: list[tuple[str, int]] = []
    position, current_line = 0, line
    for m in _RUN_BOUNDARY.finditer(raw):
        pieces.append((raw[position : m.start()], current_line))
        current_line += raw.count("\n", position, m.end())
        position = m.end()
    pieces.append((raw[position:], current_line))
    return [(p.strip().strip("*"), n) for p, n in pieces if p.strip().strip("*").strip()]


def _block(piece: str, line: int) -> Block | None:
    text = _LINK.sub(r"\1", clean(piece))
    text = _EMPHASIS.sub(r"\1", text)
    m = _FOOTNOTE_BODY.match(text.strip())
    if m:
        return Block(clean(m.group(2)), line, m.group(1).translate(_TO_DIGIT))
    text = _SUPERSCRIPT_RUN.sub(lambda s: mark(s.group(0).translate(_TO_DIGIT)), text)
    text = _LIST_DASH.sub("", clean(text))
    return Block(text, line) if text else None
