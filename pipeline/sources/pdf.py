"""The PDF page layer: a PDF's characters, with their fonts and positions, into printed lines.

Read with PDFium (pypdfium2), chosen by measurement (bench/pdf.py: it reads characters with their
font, size and origin about 15× faster than pdfminer.six / pdfplumber and 7× faster than pypdf's text
extraction, within 2–3× of ``pdftotext -layout``). Guarantees to the normaliser:
- a line is every character on one baseline of a page, left to right, in top-down reading order; a
  gap wider than three ems splits it (heading pieces printed side by side: "General Assembly" and
  "Distr.: General" are two lines);
- superscript characters (smaller than the line's text and raised above its baseline) are footnote
  marks: a run of digits, letters or ``*`` becomes a mark token; a mark printed on its own baseline
  (a footnote number before its text) joins the line it stands above;
- ``size`` is the line's most common font size, ``italic`` the italic text the line starts with (after
  a paragraph number), ``bold`` whether most of its characters are bold;
- a PDF whose pages hold no text (a scan) or that PDFium cannot open raises DocumentError naming the file.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from pipeline.diagnostics import DocumentError, diagnostic
from pipeline.inputs import Printed, PrintedLine, PrintedPage, RawDocument, clean, mark

_ITALIC = 1 << 6  # PDF font descriptor flags (ISO 32000-1, table 123)
_MARK_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyz*")
_NUMBER = re.compile(r"^\s*(?:\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,3})\))\s*")
_SPLIT_EMS = 3.0  # a horizontal gap this many ems wide separates two pieces of one baseline
_CLOSING = set(",.;:)]”’")  # punctuation no space is printed before
_WORD_GAP_EMS = 0.15  # a generated space narrower than this sits inside a word


@dataclass
class _Char:
    ch: str
    x: float
    y: float  # baseline, top-down
    size: float
    italic: bool
    bold: bool


def printed(raw: RawDocument) -> Printed:
    """The pages of a PDF as printed lines. Raises DocumentError when the file gives no text."""
    try:
        document = pdfium.PdfDocument(raw.data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(diagnostic("source.pdf-invalid", raw.path, reason=str(exc))) from None
    pages: list[PrintedPage] = []
    count = 0
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            chars = _chars(page, height)
            lines = []
            for text, x, y, size, italic, bold in _lines(chars):
                count += 1
                lines.append(PrintedLine(text, count, index + 1, x, y, size, italic, bold))
            pages.append(PrintedPage(index + 1, width, height, tuple(lines)))
    finally:
        document.close()
    if not any(p.lines for p in pages):
        raise DocumentError(diagnostic("source.pdf-no-text", raw.path, pages=len(pages)))
    return Printed(raw, "pdf", tuple(pages), indent=4.0, marks=True)


def _chars(page: pdfium.PdfPage, height: float) -> list[_Char | None]:
    """The page's characters in PDFium's order; None where PDFium starts a new line."""
    textpage = page.get_textpage()
    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    out: list[_Char | None] = []
    fonts: dict[bytes, tuple[bool, bool]] = {}
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in (10, 13):  # a line end PDFium inserts
            out.append(None)
            continue
        if code == 2:  # a hyphen that ends a line, which PDFium reports as STX
            last = out[-1] if out else None
            if last is not None:
                out.append(_Char("-", last.x + 0.3 * last.size, last.y, last.size, last.italic, last.bold))
            out.append(None)
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
        size = pdfium_c.FPDFText_GetFontSize(raw, i)
        pdfium_c.FPDFText_GetFontInfo(raw, i, name, 128, flags)
        style = fonts.get(name.value)
        if style is None:
            lowered = name.value.lower()
            style = fonts[name.value] = (
                bool(flags.value & _ITALIC) or b"italic" in lowered or b"oblique" in lowered,
                b"bold" in lowered,
            )
        if code == 32 and pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            last = out[-1] if out else None
            following = pdfium_c.FPDFText_GetUnicode(raw, i + 1)
            if last is not None and (not last.italic or chr(following) in _CLOSING) and _inside_word(raw, i):
                continue
        out.append(_Char(chr(code), x.value, height - y.value, size, style[0], style[1]))
    textpage.close()
    return out


def _inside_word(raw: object, i: int) -> bool:
    """Is a space PDFium generated (no space character in the PDF) in fact between two letters of one
    word? The glyphs' advance boxes nearly touch there: less than 0.15 em apart, where the narrowest
    word space the UN's justified text prints is wider. Not used in italic text, whose overhanging
    glyphs ("Recalling further") bring a word's boxes that close to the next one's."""
    before, after = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    if not (
        pdfium_c.FPDFText_GetLooseCharBox(raw, i - 1, before) and pdfium_c.FPDFText_GetLooseCharBox(raw, i + 1, after)
    ):
        return False
    em = max(pdfium_c.FPDFText_GetFontSize(raw, i - 1), 1.0)
    return bool(0 <= after.left - before.right < _WORD_GAP_EMS * em)


def _segments(chars: list[_Char | None]) -> list[list[_Char]]:
    """Runs of characters PDFium reads as one line, split again at wide gaps."""
    segments: list[list[_Char]] = [[]]
    for c in chars:
        if c is None:
            segments.append([])
            continue
        current = segments[-1]
        if current and not c.ch.isspace():
            last = next((p for p in reversed(current) if not p.ch.isspace()), None)
            em = max(last.size, c.size, 1.0) if last else 1.0
            if last is not None and (c.x - last.x > _SPLIT_EMS * em or abs(c.y - last.y) > 0.6 * em):
                segments.append([c])
                continue
        current.append(c)
    return [s for s in segments if any(not c.ch.isspace() for c in s)]


def _baseline(segment: list[_Char]) -> tuple[float, float]:
    """The baseline and size of a segment's main text (its most common size)."""
    sizes = Counter(round(c.size, 1) for c in segment if not c.ch.isspace())
    size = sizes.most_common(1)[0][0]
    ys = [c.y for c in segment if round(c.size, 1) == size and not c.ch.isspace()]
    return max(set(ys), key=ys.count), size


def _near(row: list[list[_Char]], segment: list[_Char]) -> bool:
    """Does a segment continue a row on its baseline (not a piece printed apart from it)?"""
    left, right = min(c.x for c in segment), max(c.x for c in segment)
    gap = _SPLIT_EMS * max(c.size for c in segment)
    return any(min(c.x for c in s) - gap <= right and left <= max(c.x for c in s) + gap for s in row)


def _lines(chars: list[_Char | None]) -> list[tuple[str, float, float, float, str, bool]]:
    """Segments on one baseline merged, left to right; raised small segments joined below."""
    rows: list[tuple[float, float, list[list[_Char]]]] = []  # baseline, size, segments
    marks: list[tuple[float, float, list[_Char]]] = []
    for segment in _segments(chars):
        y, size = _baseline(segment)
        text = "".join(c.ch for c in segment).strip()
        for row_y, row_size, row in rows:
            if abs(row_y - y) <= 0.25 * max(size, row_size) and _near(row, segment):
                row.append(segment)
                break
        else:
            if len(text) <= 4 and all(ch in _MARK_CHARS for ch in text.lower()):
                marks.append((y, size, segment))
            rows.append((y, size, [segment]))
    # a lone small segment raised just above a line of larger text is that line's superscript
    for y, size, segment in marks:
        own = next(r for r in rows if r[2] and r[2][0] is segment and len(r[2]) == 1)
        below = [r for r in rows if r is not own and 0 < r[0] - y <= 0.6 * r[1] and r[1] > size * 1.2]
        if below:
            rows.remove(own)
            below[0][2].append(segment)
    rows.sort(key=lambda r: (r[0], min(c.x for s in r[2] for c in s)))
    out = []
    for y, size, segments in rows:
        line: list[_Char] = []
        for segment in sorted(segments, key=lambda s: s[0].x):
            if line and not line[-1].ch.isspace() and not segment[0].ch.isspace():
                line.append(_Char(" ", segment[0].x, y, size, False, False))
            line.extend(segment)
        out.append(_line(line, y, size))
    return out


def _line(chars: list[_Char], y: float, size: float) -> tuple[str, float, float, float, str, bool]:
    """A line's text with superscripts as mark tokens, and what its font says."""
    main = max(c.size for c in chars if not c.ch.isspace() and round(c.size, 1) == size)
    pieces: list[str] = []
    run: list[_Char] = []

    def superscript(c: _Char) -> bool:
        return c.size < 0.8 * main and y - c.y > 0.15 * main

    def flush_run() -> None:
        if run:
            token = "".join(c.ch for c in run).strip()
            if token and len(token) <= 4 and all(ch in _MARK_CHARS for ch in token.lower()):
                pieces.append(mark(token))
            else:
                pieces.append("".join(c.ch for c in run))
            run.clear()

    for c in chars:
        if not c.ch.isspace() and superscript(c):
            run.append(c)
            continue
        flush_run()
        pieces.append(c.ch)
    flush_run()
    text = clean("".join(pieces))
    body = [c for c in chars if not superscript(c)]
    printed = [c for c in body if not c.ch.isspace()]
    x = printed[0].x if printed else 0.0
    bold = sum(c.bold for c in printed) * 2 > len(printed)
    return text, x, y, size, _italic_start(body), bold


def _italic_start(chars: list[_Char]) -> str:
    """The italic words a line starts with, after a roman paragraph number ("1.", "(a)")."""
    text = "".join(c.ch for c in chars)
    number = _NUMBER.match(text)
    i = number.end() if number and not any(c.italic for c in chars[: number.end()]) else 0
    start = i
    while i < len(chars) and (chars[i].italic or chars[i].ch == " "):
        i += 1
    return clean(text[start:i])
