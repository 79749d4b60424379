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

import bisect
import ctypes
import math
import operator
import re
from collections import Counter, deque
from functools import partial
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple, cast

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from pipeline.diagnostics import DocumentError, diagnostic
from pipeline.inputs import Printed, PrintedLine, PrintedPage, RawDocument, clean, column_order, mark

_ITALIC = 1 << 6  # PDF font descriptor flags (ISO 32000-1, table 123)
_MARK_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyz*")
_NUMBER = re.compile(r"^\s*(?:\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,3})\))\s*")
_SPLIT_EMS = 3.0  # a horizontal gap this many ems wide separates two pieces of one baseline
_CLOSING = set(",.;:)]”’")  # punctuation no space is printed before
_WORD_GAP_EMS = 0.15  # a generated space narrower than this sits inside a word


class _Char(NamedTuple):
    ch: str
    x: float
    y: float  # baseline, top-down
    size: float
    italic: bool
    bold: bool
    key: float  # the size rounded to a tenth, by which a segment's main text is found
    blank: bool  # a space


_new_char = partial(tuple.__new__, _Char)  # a _Char from one tuple, without a Python-level call


# a character's fields as C-level getters, for passes over a line's characters without a Python loop
_CH, _X, _SIZE, _BOLD, _KEY, _BLANK = (
    itemgetter(_Char._fields.index(f)) for f in ("ch", "x", "size", "bold", "key", "blank")
)


def _printed(chars: list[_Char]) -> list[_Char]:
    """The characters that are not spaces."""
    return list(compress(chars, map(operator.not_, map(_BLANK, chars))))


def _style(size: float, italic: bool, bold: bool) -> tuple[float, bool, bool, float]:
    return size, italic, bold, round(size, 1)


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
            for text, x, y, size, italic, bold, column in _lines(chars, width):
                count += 1
                lines.append(PrintedLine(text, count, index + 1, x, y, size, italic, bold, column))
            pages.append(PrintedPage(index + 1, width, height, tuple(lines)))
    finally:
        document.close()
    if not any(p.lines for p in pages):
        raise DocumentError(diagnostic("source.pdf-no-text", raw.path, pages=len(pages)))
    return Printed(raw, "pdf", tuple(pages), indent=4.0, marks=True)


# FPDFText_GetTextObject with a plain address for its result, so that it can key a dict (the
# binding's pointer objects compare by identity, not by the object they point to)
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
)
# FPDFText_GetCharOrigin writing to plain addresses, so that ``map`` can fill two arrays in one pass
_is_generated = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_IsGenerated, ctypes.c_void_p).value or 0
)
_char_origin = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
    ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p).value or 0
)
_SPACE = re.compile(" ")
_NO_STYLE = (0.0, False, False, 0.0)  # a line end's, which no line keeps
_BREAKS = "\r\n\x02\ufffe"  # a line end, or a hyphen that ends a line (no style is read of either)
_BREAK = re.compile(f"[{_BREAKS}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _text(raw: object, count: int) -> str:
    """The page's characters as one string, index for index (FPDFText_GetText writes UTF-16, one unit
    per character; a character outside the Basic Multilingual Plane is read on its own)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
    if _SURROGATE.search(text):
        return "".join(
            chr(pdfium_c.FPDFText_GetUnicode(raw, i)) if _SURROGATE.match(ch) else ch for i, ch in enumerate(text)
        )
    return text


def _origins(address: int, count: int, height: float) -> tuple[list[float], list[float]]:
    """Every character's origin, x and baseline from the top, by one PDFium call each run by ``map``."""
    xs, ys = (ctypes.c_double * count)(), (ctypes.c_double * count)()
    x0, y0 = ctypes.addressof(xs), ctypes.addressof(ys)
    calls = map(
        _char_origin, repeat(address, count), range(count), range(x0, x0 + 8 * count, 8), range(y0, y0 + 8 * count, 8)
    )
    deque(calls, maxlen=0)  # run them, keeping nothing
    return xs[:], [height - y for y in ys]


def _scale(obj: int, matrix: object) -> float:
    """How much a text object's matrix enlarges its font vertically. PDFium reports the size set by
    the text's font operator, which is 1 where a PDF sets the real size in the text matrix (older UN
    records: ``1 Tf`` with ``10 0 0 10 x y Tm``)."""
    if not pdfium_c.FPDFPageObj_GetMatrix(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT), matrix):
        return 1.0
    return math.hypot(matrix.c, matrix.d) or 1.0  # type: ignore[attr-defined]


class _Styles:
    """The size, italic, bold and size key of a character, read once per text object (a character
    with none, which PDFium generated, is read on its own)."""

    def __init__(self, raw: object) -> None:
        self.raw = raw
        self.by_object: dict[int | None, tuple[float, bool, bool, float]] = {}
        self.fonts: dict[bytes, tuple[bool, bool]] = {}
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()

    def of(self, obj: int | None, i: int) -> tuple[float, bool, bool, float]:
        style = self.by_object.get(obj) if obj else None
        if style is None:
            size = pdfium_c.FPDFText_GetFontSize(self.raw, i) * (_scale(obj, self.matrix) if obj else 1.0)
            style = _style(size, *self.font(i))
            if obj:
                self.by_object[obj] = style
        return style

    def font(self, i: int) -> tuple[bool, bool]:
        """Whether a character's font is italic and bold (a character PDFium generated has no font)."""
        if not pdfium_c.FPDFText_GetFontInfo(self.raw, i, self.name, 128, self.flags):
            return False, False
        font = self.fonts.get(self.name.value)
        if font is None:
            lowered = self.name.value.lower()
            font = self.fonts[self.name.value] = (
                bool(self.flags.value & _ITALIC) or b"italic" in lowered or b"oblique" in lowered,
                b"bold" in lowered,
            )
        return font


def _chars(page: pdfium.PdfPage, height: float) -> list[_Char | None]:
    """The page's characters in PDFium's order; None where PDFium starts a new line. What PDFium knows
    of each character is read by one call per character run by ``map`` (no Python loop), its size and
    font once per text object; the Python loop visits only line ends, hyphens and generated spaces."""
    textpage = page.get_textpage()
    raw = textpage.raw
    address = ctypes.cast(raw, ctypes.c_void_p).value or 0
    count = textpage.count_chars()
    text = _text(raw, count)
    objects = list(map(_text_object, repeat(address, count), range(count)))
    xs, ys = _origins(address, count, height)
    styles = _Styles(raw)
    # each text object's style, read at its first character, objects in page order
    first = dict(zip(reversed(objects), range(count - 1, -1, -1), strict=True))  # the earliest index wins
    for obj, i in sorted(first.items(), key=itemgetter(1)):
        if obj:
            styles.of(obj, i)
    # every character with an object has its style; those without get theirs below
    style = cast(list[tuple[float, bool, bool, float]], list(map(styles.by_object.get, objects)))
    spaces = [m.start() for m in _SPACE.finditer(text)]
    generated = list(compress(spaces, map(_is_generated, repeat(address), spaces)))
    for i in compress(range(count), map(operator.not_, objects)):  # characters PDFium made: no object
        style[i] = _NO_STYLE if text[i] in _BREAKS else styles.of(None, i)
    chars: list[_Char] = list(
        map(
            _new_char,
            zip(
                text,
                xs,
                ys,
                map(itemgetter(0), style),
                map(itemgetter(1), style),
                map(itemgetter(2), style),
                map(itemgetter(3), style),
                map(str.isspace, text),
                strict=True,
            ),
        )
    )
    out: list[_Char | None] = []
    start = 0
    for i in sorted([m.start() for m in _BREAK.finditer(text)] + generated):
        out.extend(chars[start:i])
        start = i + 1
        code = text[i]
        if code in "\r\n":  # a line end PDFium inserts
            out.append(None)
        elif code != " ":  # a hyphen that ends a line, which PDFium reports as STX (U+FFFE in its text)
            last = out[-1] if out else None
            if last is not None:
                hyphen = _style(last.size, last.italic, last.bold)
                out.append(_Char("-", last.x + 0.3 * last.size, last.y, *hyphen, False))
            out.append(None)
        elif (last := out[-1] if out else None) is not None:  # a space PDFium generated
            following = text[i + 1] if i + 1 < count else ""
            if (not last.italic or following in _CLOSING) and _inside_word(raw, i):
                continue
            out.append(chars[i])
        else:
            out.append(chars[i])
    out.extend(chars[start:])
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
    current = segments[-1]
    last: _Char | None = None  # the current segment's last printed (not blank) character
    for c in chars:
        if c is None:
            current = []
            segments.append(current)
            last = None
            continue
        if not c.blank:
            if last is not None:
                em = last.size if last.size > c.size else c.size
                if em < 1.0:
                    em = 1.0
                if c.x - last.x > _SPLIT_EMS * em or abs(c.y - last.y) > 0.6 * em:
                    current = [c]
                    segments.append(current)
                    last = c
                    continue
            last = c
        current.append(c)
    return [s for s in segments if not all(map(_BLANK, s))]


def _baseline(segment: list[_Char]) -> tuple[float, float]:
    """The baseline and size of a segment's main text (its most common size)."""
    printed = _printed(segment)
    size = Counter(map(_KEY, printed)).most_common(1)[0][0]
    ys = [c.y for c in printed if c.key == size]
    counts = Counter(ys)
    return max(set(ys), key=counts.__getitem__), size


def _near(
    row: list[list[_Char]], segment: list[_Char], extents: dict[int, tuple[float, float]], gutter: float | None
) -> bool:
    """Does a segment continue a row on its baseline (not a piece printed apart from it, nor the line
    of the other column)? ``extents`` holds each segment's leftmost and rightmost origin, by id."""
    left, right = extents[id(segment)]
    gap = _SPLIT_EMS * max(c.size for c in segment)
    for s in row:
        other_left, other_right = extents[id(s)]
        if gutter is not None and (right < gutter < other_left or other_right < gutter < left):
            continue
        if other_left - gap <= right and left <= other_right + gap:
            return True
    return False


def _gutter(segments: list[list[_Char]], extents: dict[int, tuple[float, float]], width: float) -> float | None:
    """The middle of the blank band between the two columns of a page printed in two (the UN's
    verbatim records before 2022), or None. Two columns: in the middle of the page there is an x that
    few lines of text cross (a heading or notice printed across both), with lines on either side of
    it, most of them wide."""
    spans = [extents[id(s)] for s in segments if len(s) - sum(map(_BLANK, s)) >= 10]
    if len(spans) < 12:
        return None
    best: tuple[int, float] | None = None
    lefts, rights = sorted(left for left, _ in spans), sorted(right for _, right in spans)
    for step in range(int(0.35 * width), int(0.65 * width) + 1, 2):
        # the spans that start before the step less those that end at it or before (left < right)
        crossing = bisect.bisect_left(lefts, step) - bisect.bisect_right(rights, step)
        if best is None or crossing < best[0]:
            best = (crossing, float(step))
    assert best is not None
    crossing, x = best
    left_side = [right - left for left, right in spans if right < x]
    right_side = [right - left for left, right in spans if left > x]
    if crossing > 0.15 * len(spans) or min(len(left_side), len(right_side)) < max(5, 0.1 * len(spans)):
        return None  # (a last page may end its right column after a few lines)
    if min(sorted(left_side)[len(left_side) // 2], sorted(right_side)[len(right_side) // 2]) < 0.25 * width:
        return None  # narrow pieces side by side: a table, not columns of text
    # the middle of the band no line crosses
    inner = max(right for left, right in spans if right < x)
    outer = min(left for left, right in spans if left > x)
    return (inner + outer) / 2


def _lines(chars: list[_Char | None], width: float) -> list[tuple[str, float, float, float, str, bool, int]]:
    """Segments on one baseline merged, left to right; raised small segments joined below. On a page
    of two columns, no line joins the two, and each band between lines printed across both is read
    column by column; each line says its column (0 across the page or no columns, 1 left, 2 right)."""
    rows: list[tuple[float, float, list[list[_Char]]]] = []  # baseline, size, segments
    marks: list[tuple[float, float, list[_Char]]] = []
    extents: dict[int, tuple[float, float]] = {}
    by_baseline: list[tuple[float, int]] = []  # each row's baseline and index, sorted: the rows near one
    largest = 0.0  # the largest size of a row so far, which bounds how far a row's baseline may be
    segments = _segments(chars)
    for segment in segments:
        extents[id(segment)] = (min(map(_X, segment)), max(map(_X, segment)))
    gutter = _gutter(segments, extents, width)
    for segment in segments:
        y, size = _baseline(segment)
        reach = 0.25 * max(size, largest)
        near = by_baseline[
            bisect.bisect_left(by_baseline, (y - reach, -1)) : bisect.bisect_right(by_baseline, (y + reach, len(rows)))
        ]
        for _, index in sorted(near, key=lambda item: item[1]):  # the first row that takes it, as printed
            row_y, row_size, row = rows[index]
            if abs(row_y - y) <= 0.25 * max(size, row_size) and _near(row, segment, extents, gutter):
                row.append(segment)
                break
        else:
            text = "".join(map(_CH, segment)).strip()
            if len(text) <= 4 and all(ch in _MARK_CHARS for ch in text.lower()):
                marks.append((y, size, segment))
            bisect.insort(by_baseline, (y, len(rows)))
            rows.append((y, size, [segment]))
            largest = max(largest, size)
    # a lone small segment raised just above a line of larger text is that line's superscript
    for y, size, segment in marks:
        own = next((r for r in rows if len(r[2]) == 1 and r[2][0] is segment), None)
        if own is None:  # other segments joined it on its baseline: a line of its own
            continue
        below = [r for r in rows if r is not own and 0 < r[0] - y <= 0.6 * r[1] and r[1] > size * 1.2]
        if below:
            rows.remove(own)
            below[0][2].append(segment)
    rows.sort(key=lambda r: (r[0], min(extents[id(s)][0] for s in r[2])))
    columns = [_column(row, extents, gutter) for _, _, row in rows]
    if gutter is not None:
        rows, columns = _column_order(rows, columns)
    out = []
    for (y, size, pieces), column in zip(rows, columns, strict=True):
        line: list[_Char] = []
        for segment in sorted(pieces, key=lambda s: s[0].x):
            if line and not line[-1].blank and not segment[0].blank:
                line.append(_Char(" ", segment[0].x, y, *_style(size, False, False), True))
            line.extend(segment)
        out.append((*_line(line, y, size), column))
    return out


def _column(row: list[list[_Char]], extents: dict[int, tuple[float, float]], gutter: float | None) -> int:
    if gutter is None:
        return 0
    if all(extents[id(s)][1] < gutter for s in row):
        return 1
    if all(extents[id(s)][0] > gutter for s in row):
        return 2
    return 0


_Row = tuple[float, float, list[list[_Char]]]


def _column_order(rows: list[_Row], columns: list[int]) -> tuple[list[_Row], list[int]]:
    """Rows (sorted top-down) in reading order (``inputs.column_order``)."""
    order = column_order(columns)
    return [rows[i] for i in order], [columns[i] for i in order]


def _line(chars: list[_Char], y: float, size: float) -> tuple[str, float, float, float, str, bool]:
    """A line's text with superscripts as mark tokens, and what its font says."""
    main = max(c.size for c in _printed(chars) if c.key == size)
    pieces: list[str] = []
    run: list[_Char] = []
    small, raised = 0.8 * main, y - 0.15 * main
    if min(map(_SIZE, chars)) >= small:  # most lines: the text as it is
        return _described(clean("".join(map(_CH, chars))), chars, y, size)
    superscript = [c.size < small and c.y < raised for c in chars]

    def flush_run() -> None:
        if run:
            token = "".join(c.ch for c in run).strip()
            if token and len(token) <= 4 and all(ch in _MARK_CHARS for ch in token.lower()):
                pieces.append(mark(token))
            else:
                pieces.append("".join(c.ch for c in run))
            run.clear()

    if not any(superscript):  # most lines: the text as it is
        return _described(clean("".join([c.ch for c in chars])), chars, y, size)
    for c, up in zip(chars, superscript, strict=True):
        if up and not c.blank:
            run.append(c)
            continue
        if run:
            flush_run()
        pieces.append(c.ch)
    flush_run()
    body = [c for c, up in zip(chars, superscript, strict=True) if not up]
    return _described(clean("".join(pieces)), body, y, size)


def _described(text: str, body: list[_Char], y: float, size: float) -> tuple[str, float, float, float, str, bool]:
    """A line's text with where it starts, its baseline, size, italic start and boldness, from its
    characters without superscripts."""
    printed = _printed(body)
    x = printed[0].x if printed else 0.0
    bold = sum(map(_BOLD, printed)) * 2 > len(printed)
    return text, x, y, size, _italic_start(body), bold


def _italic_start(chars: list[_Char]) -> str:
    """The italic words a line starts with, after a roman paragraph number ("1.", "(a)")."""
    text = "".join(map(_CH, chars))
    number = _NUMBER.match(text)
    i = number.end() if number and not any(c.italic for c in chars[: number.end()]) else 0
    start = i
    while i < len(chars) and (chars[i].italic or chars[i].ch == " "):
        i += 1
    return clean(text[start:i])
