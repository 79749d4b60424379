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
from array import array
from collections import Counter, deque
from collections.abc import Callable
from itertools import compress, count, islice, pairwise, repeat
from typing import Any, NamedTuple

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


class _Chars(NamedTuple):
    """Characters as columns, index for index: the character, its origin (x, and the baseline from the
    top of the page), its style's number (``_Styles``) and whether it is printed (not a space). Columns
    rather than an object per character: most of what the page layer asks of its characters is then
    answered by slicing, ``compress`` and ``map``, without a Python step per character."""

    text: str
    x: list[float]
    y: list[float]
    style: list[int]
    shown: list[bool]


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
            chars, styles, breaks = _chars(page, height)
            lines = []
            for text, x, y, size, italic, bold, column in _lines(chars, styles, breaks, width):
                count += 1
                lines.append(PrintedLine(text, count, index + 1, x, y, size, italic, bold, column))
            pages.append(PrintedPage(index + 1, width, height, tuple(lines)))
    finally:
        document.close()
    if not any(p.lines for p in pages):
        raise DocumentError(diagnostic("source.pdf-no-text", raw.path, pages=len(pages)))
    return Printed(raw, "pdf", tuple(pages), indent=4.0, marks=True)


def _bound(name: str, restype: type | None, *argtypes: type) -> Callable[..., Any]:
    """A PDFium function that takes plain addresses (ints) for its pointers: no pointer object is made
    per call, so that ``map`` can run it over columns of addresses and indices. Called holding the
    interpreter's lock (PYFUNCTYPE): these calls only read the text page, and releasing the lock and
    taking it back costs a tenth of such a call."""
    return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0)


# its result a plain address too, so that it can key a dict (the binding's pointer objects compare by
# identity, not by the object they point to)
_text_object = _bound("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_is_generated = _bound("FPDFText_IsGenerated", ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
# writing to plain addresses, so that ``map`` can fill two arrays in one pass
_char_origin = _bound(
    "FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p
)
_font_size = _bound("FPDFText_GetFontSize", ctypes.c_double, ctypes.c_void_p, ctypes.c_int)
_font_info = _bound(
    "FPDFText_GetFontInfo",
    ctypes.c_ulong,
    ctypes.c_void_p,
    ctypes.c_int,
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.c_void_p,
)
_object_matrix = _bound("FPDFPageObj_GetMatrix", ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_SPACE = re.compile(" ")
_BREAKS = "\r\n\x02\ufffe"  # a line end, or a hyphen that ends a line (no style is read of either)
_BREAK = re.compile(f"[{_BREAKS}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNREAD = -1  # the style number of a line end, which no line keeps


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
    """Every character's origin, x and baseline from the top, by one PDFium call each run by ``map``
    (into arrays, whose ``tolist`` makes the floats in one C pass)."""
    xs, ys = array("d", bytes(8 * count)), array("d", bytes(8 * count))
    x0, y0 = xs.buffer_info()[0], ys.buffer_info()[0]
    calls = map(
        _char_origin, repeat(address, count), range(count), range(x0, x0 + 8 * count, 8), range(y0, y0 + 8 * count, 8)
    )
    deque(calls, maxlen=0)  # run them, keeping nothing
    return xs.tolist(), [height - y for y in ys]


def _scale(obj: int, matrix: pdfium_c.FS_MATRIX) -> float:
    """How much a text object's matrix enlarges its font vertically. PDFium reports the size set by
    the text's font operator, which is 1 where a PDF sets the real size in the text matrix (older UN
    records: ``1 Tf`` with ``10 0 0 10 x y Tm``)."""
    if not _object_matrix(obj, ctypes.addressof(matrix)):
        return 1.0
    return math.hypot(matrix.c, matrix.d) or 1.0


class _Styles:
    """A page's character styles, numbered: each a size, whether italic, whether bold, and the size
    rounded to a tenth (its key, by which a segment's main text is found), in four columns indexed by
    the number. Read once per text object (a character with none, which PDFium generated, is read on its
    own). Equal styles share a number, so that a segment or line of one style is seen by comparing
    numbers; a size of -0.0 is not 0.0's, and a size that is not a number, equal to nothing, has a
    number of its own each time."""

    def __init__(self, address: int) -> None:
        self.address = address  # the text page's
        self.size: list[float] = []
        self.italic: list[bool] = []
        self.bold: list[bool] = []
        self.key: list[float] = []
        self.numbers: dict[tuple[float, float, bool, bool], int] = {}
        self.by_object: dict[int, int] = {}
        self.fonts: dict[bytes, tuple[bool, bool]] = {}
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name_at, self.flags_at = ctypes.addressof(self.name), ctypes.addressof(self.flags)

    def number(self, size: float, italic: bool, bold: bool) -> int:
        value = (size, math.copysign(1.0, size), italic, bold)
        if size == size and (found := self.numbers.get(value)) is not None:
            return found
        number = len(self.size)
        self.size.append(size)
        self.italic.append(italic)
        self.bold.append(bold)
        self.key.append(round(size, 1))
        if size == size:
            self.numbers[value] = number
        return number

    def of(self, obj: int | None, i: int) -> int:
        """The style of character ``i`` of text object ``obj`` (None: a character PDFium generated)."""
        found = self.by_object.get(obj) if obj else None
        if found is None:
            size = _font_size(self.address, i) * (_scale(obj, self.matrix) if obj else 1.0)
            found = self.number(size, *self.font(i))
            if obj:
                self.by_object[obj] = found
        return found

    def font(self, i: int) -> tuple[bool, bool]:
        """Whether a character's font is italic and bold (a character PDFium generated has no font)."""
        if not _font_info(self.address, i, self.name_at, 128, self.flags_at):
            return False, False
        font = self.fonts.get(self.name.value)
        if font is None:
            lowered = self.name.value.lower()
            font = self.fonts[self.name.value] = (
                bool(self.flags.value & _ITALIC) or b"italic" in lowered or b"oblique" in lowered,
                b"bold" in lowered,
            )
        return font


def _chars(page: pdfium.PdfPage, height: float) -> tuple[_Chars, _Styles, list[int]]:
    """The page's characters in PDFium's order, their styles, and the index at which each line PDFium
    reads begins (after a line end, and after a hyphen that ends a line). What PDFium knows of each
    character is read by one call per character run by ``map`` (no Python loop); a run of characters
    of one text object shares its style, read once per object; the Python loops visit only those runs,
    line ends, hyphens and generated spaces, and the columns are copied a stretch between two of these
    at a time."""
    textpage = page.get_textpage()
    raw = textpage.raw
    address = ctypes.cast(raw, ctypes.c_void_p).value or 0
    count = textpage.count_chars()
    text = _text(raw, count)
    objects = list(map(_text_object, repeat(address, count), range(count)))
    xs, ys = _origins(address, count, height)
    styles = _Styles(address)
    # where each run of characters of one text object (or of none) starts
    starts = [0, *compress(range(1, count), map(operator.ne, islice(objects, 1, None), objects))] if count else []
    for i in starts:  # each object's style, read at its first character, objects in page order
        if objects[i]:
            styles.of(objects[i], i)
    style: list[int] = []
    for start, end in pairwise([*starts, count]):
        obj = objects[start]
        if obj:
            style += repeat(styles.by_object[obj], end - start)
        else:  # characters PDFium made, each read on its own
            style += [_UNREAD if text[i] in _BREAKS else styles.of(None, i) for i in range(start, end)]
    spaces = [m.start() for m in _SPACE.finditer(text)]
    generated = list(compress(spaces, map(_is_generated, repeat(address), spaces)))
    size, italic, bold = styles.size, styles.italic, styles.bold
    texts: list[str] = []
    out_x: list[float] = []
    out_y: list[float] = []
    out_style: list[int] = []
    breaks = [0]  # where each line begins; a line with a character after its start has a last one
    kept = start = 0
    for i in sorted([m.start() for m in _BREAK.finditer(text)] + generated):
        if start < i:
            texts.append(text[start:i])
            out_x += xs[start:i]
            out_y += ys[start:i]
            out_style += style[start:i]
            kept += i - start
        start = i + 1
        code = text[i]
        if code in "\r\n":  # a line end PDFium inserts
            breaks.append(kept)
        elif code != " ":  # a hyphen that ends a line, which PDFium reports as STX (U+FFFE in its text)
            if kept > breaks[-1]:
                last = out_style[-1]
                texts.append("-")
                out_x.append(out_x[-1] + 0.3 * size[last])
                out_y.append(out_y[-1])
                out_style.append(styles.number(size[last], italic[last], bold[last]))
                kept += 1
            breaks.append(kept)
        elif kept > breaks[-1]:  # a space PDFium generated, after a character of its line
            following = text[i + 1] if i + 1 < count else ""
            if (not italic[out_style[-1]] or following in _CLOSING) and _inside_word(raw, i):
                continue
            start = i  # kept, with the stretch that follows
        else:
            start = i
    texts.append(text[start:])
    out_x += xs[start:]
    out_y += ys[start:]
    out_style += style[start:]
    textpage.close()
    joined = "".join(texts)
    shown = list(map(operator.not_, map(str.isspace, joined)))
    return _Chars(joined, out_x, out_y, out_style, shown), styles, breaks


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


_Segment = tuple[int, int]  # a stretch of the page's characters, from start to end


def _segments(chars: _Chars, styles: _Styles, breaks: list[int], shown_at: list[int]) -> list[_Segment]:
    """Runs of characters PDFium reads as one line, split again at wide gaps, each with a printed
    character. Two printed characters in a row are a gap apart where the second stands more than three
    ems right of the first, or more than 0.6 em above or below it (the em: the larger of their sizes, at
    least 1). No em is smaller than the page's smallest printed size (or 1), so a comprehension over
    the printed characters keeps only the pairs farther apart than that floor; those few are measured
    one by one. ``shown_at`` holds the printed characters' indices."""
    xs, ys = list(compress(chars.x, chars.shown)), list(compress(chars.y, chars.shown))
    size, style = styles.size, chars.style
    floor = min([s for s in map(size.__getitem__, set(compress(style, chars.shown))) if not math.isnan(s)], default=1.0)
    if not floor > 1.0:
        floor = 1.0
    wide, high, low = _SPLIT_EMS * floor, 0.6 * floor, -0.6 * floor
    pairs = zip(count(1), islice(xs, 1, None), xs, islice(ys, 1, None), ys)
    cuts = {*breaks, len(chars.text)}
    for k in [k for k, x, last_x, y, last_y in pairs if x - last_x > wide or not low <= y - last_y <= high]:
        last, i = shown_at[k - 1], shown_at[k]
        if bisect.bisect_right(breaks, last) != bisect.bisect_right(breaks, i):
            continue  # the two are on different lines
        last_size, c_size = size[style[last]], size[style[i]]
        em = last_size if last_size > c_size else c_size
        if em < 1.0:
            em = 1.0
        if xs[k] - xs[k - 1] > _SPLIT_EMS * em or abs(ys[k] - ys[k - 1]) > 0.6 * em:
            cuts.add(i)
    bounds = sorted(cuts)
    return [
        (start, end)
        for start, end in pairwise(bounds)
        if bisect.bisect_left(shown_at, start) < bisect.bisect_left(shown_at, end)
    ]


def _baseline(chars: _Chars, styles: _Styles, segment: _Segment) -> tuple[float, float]:
    """The baseline and size of a segment's main text (its most common size)."""
    start, end = segment
    shown = chars.shown[start:end]
    numbers = list(compress(chars.style[start:end], shown))
    size = styles.key[numbers[0]]
    if numbers.count(numbers[0]) == len(numbers) and not math.isnan(size):
        ys = list(compress(chars.y[start:end], shown))  # one style: every printed character
    else:
        keys = list(map(styles.key.__getitem__, numbers))
        size = Counter(keys).most_common(1)[0][0]
        ys = [y for y, key in zip(compress(chars.y[start:end], shown), keys, strict=True) if key == size]
    if ys and ys.count(ys[0]) == len(ys):  # one baseline (what ``max`` below finds)
        return ys[0], size
    counts = Counter(ys)
    return max(set(ys), key=counts.__getitem__), size


def _largest(chars: _Chars, styles: _Styles, segment: _Segment) -> float:
    """A segment's largest character size (its spaces' too), from its styles; in the characters' order
    if a size is not a number (which ``max`` keeps or skips by where it stands)."""
    numbers = chars.style[segment[0] : segment[1]]
    sizes = [styles.size[n] for n in set(numbers)]
    if not any(map(math.isnan, sizes)):
        return max(sizes)
    return max(map(styles.size.__getitem__, numbers))


def _near(row: list[int], segment: int, extents: list[tuple[float, float]], gap: float, gutter: float | None) -> bool:
    """Does a segment continue a row on its baseline (not a piece printed apart from it, nor the line
    of the other column)? ``extents`` holds each segment's leftmost and rightmost origin, ``gap`` is
    three of the segment's largest ems."""
    left, right = extents[segment]
    for s in row:
        other_left, other_right = extents[s]
        if gutter is not None and (right < gutter < other_left or other_right < gutter < left):
            continue
        if other_left - gap <= right and left <= other_right + gap:
            return True
    return False


def _gutter(spans: list[tuple[float, float]], width: float) -> float | None:
    """The middle of the blank band between the two columns of a page printed in two (the UN's
    verbatim records before 2022), or None, from the spans of the page's segments of ten printed
    characters or more. Two columns: in the middle of the page there is an x that few lines of text
    cross (a heading or notice printed across both), with lines on either side of it, most of them
    wide."""
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


_Row = tuple[float, float, list[int]]  # baseline, size, its segments' numbers


def _lines(
    chars: _Chars, styles: _Styles, breaks: list[int], width: float
) -> list[tuple[str, float, float, float, str, bool, int]]:
    """Segments on one baseline merged, left to right; raised small segments joined below. On a page
    of two columns, no line joins the two, and each band between lines printed across both is read
    column by column; each line says its column (0 across the page or no columns, 1 left, 2 right)."""
    rows: list[_Row] = []
    marks: list[tuple[float, float, int]] = []
    by_baseline: list[tuple[float, int]] = []  # each row's baseline and index, sorted: the rows near one
    largest = 0.0  # the largest size of a row so far, which bounds how far a row's baseline may be
    shown_at = list(compress(range(len(chars.text)), chars.shown))
    segments = _segments(chars, styles, breaks, shown_at)
    xs = chars.x
    extents = [(min(xs[start:end]), max(xs[start:end])) for start, end in segments]
    widths = [bisect.bisect_left(shown_at, end) - bisect.bisect_left(shown_at, start) for start, end in segments]
    gutter = _gutter([e for e, n in zip(extents, widths, strict=True) if n >= 10], width)
    for index, segment in enumerate(segments):
        y, size = _baseline(chars, styles, segment)
        reach = 0.25 * max(size, largest)
        near = by_baseline[
            bisect.bisect_left(by_baseline, (y - reach, -1)) : bisect.bisect_right(by_baseline, (y + reach, len(rows)))
        ]
        gap = None
        for _, row_index in sorted(near, key=lambda item: item[1]):  # the first row that takes it, as printed
            row_y, row_size, row = rows[row_index]
            if abs(row_y - y) > 0.25 * max(size, row_size):
                continue
            if gap is None:
                gap = _SPLIT_EMS * _largest(chars, styles, segment)
            if _near(row, index, extents, gap, gutter):
                row.append(index)
                break
        else:
            text = chars.text[segment[0] : segment[1]].strip()
            if len(text) <= 4 and all(ch in _MARK_CHARS for ch in text.lower()):
                marks.append((y, size, index))
            bisect.insort(by_baseline, (y, len(rows)))
            rows.append((y, size, [index]))
            largest = max(largest, size)
    # a lone small segment raised just above a line of larger text is that line's superscript
    for y, size, index in marks:
        own = next((r for r in rows if len(r[2]) == 1 and r[2][0] == index), None)
        if own is None:  # other segments joined it on its baseline: a line of its own
            continue
        below = [r for r in rows if r is not own and 0 < r[0] - y <= 0.6 * r[1] and r[1] > size * 1.2]
        if below:
            rows.remove(own)
            below[0][2].append(index)
    rows.sort(key=lambda r: (r[0], min(extents[s][0] for s in r[2])))
    columns = [_column(row, extents, gutter) for _, _, row in rows]
    if gutter is not None:
        rows, columns = _column_order(rows, columns)
    out = []
    for (y, size, pieces), column in zip(rows, columns, strict=True):
        ordered = sorted((segments[s] for s in pieces), key=lambda s: xs[s[0]])
        out.append((*_line(_joined(chars, styles, ordered, y, size), styles, y, size), column))
    return out


def _joined(chars: _Chars, styles: _Styles, pieces: list[_Segment], y: float, size: float) -> _Chars:
    """A row's segments, left to right, as one line's columns, with a space between two pieces where
    neither brings one (at the second's x, on the row's baseline, of the row's size)."""
    texts: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    numbers: list[int] = []
    shown: list[bool] = []
    for start, end in pieces:
        if texts and shown[-1] and chars.shown[start]:
            texts.append(" ")
            xs.append(chars.x[start])
            ys.append(y)
            numbers.append(styles.number(size, False, False))
            shown.append(False)
        texts.append(chars.text[start:end])
        xs += chars.x[start:end]
        ys += chars.y[start:end]
        numbers += chars.style[start:end]
        shown += chars.shown[start:end]
    return _Chars("".join(texts), xs, ys, numbers, shown)


def _column(row: list[int], extents: list[tuple[float, float]], gutter: float | None) -> int:
    if gutter is None:
        return 0
    if all(extents[s][1] < gutter for s in row):
        return 1
    if all(extents[s][0] > gutter for s in row):
        return 2
    return 0


def _column_order(rows: list[_Row], columns: list[int]) -> tuple[list[_Row], list[int]]:
    """Rows (sorted top-down) in reading order (``inputs.column_order``)."""
    order = column_order(columns)
    return [rows[i] for i in order], [columns[i] for i in order]


def _line(line: _Chars, styles: _Styles, y: float, size: float) -> tuple[str, float, float, float, str, bool]:
    """A line's text with superscripts as mark tokens, and what its font says."""
    sizes = styles.size
    # the main size: the largest of the line's main text (sizes whose key is the line's are numbers)
    main = max(sizes[n] for n in set(compress(line.style, line.shown)) if styles.key[n] == size)
    small, raised = 0.8 * main, y - 0.15 * main
    every = [sizes[n] for n in set(line.style)]
    least = min(every) if not any(map(math.isnan, every)) else min(map(sizes.__getitem__, line.style))
    if least >= small:  # most lines: the text as it is
        return _described(clean(line.text), line, styles, y, size)
    superscript = [
        s < small and c_y < raised for s, c_y in zip(map(sizes.__getitem__, line.style), line.y, strict=True)
    ]
    if not any(superscript):
        return _described(clean(line.text), line, styles, y, size)
    pieces: list[str] = []
    run: list[str] = []

    def flush_run() -> None:
        if run:
            token = "".join(run).strip()
            if token and len(token) <= 4 and all(ch in _MARK_CHARS for ch in token.lower()):
                pieces.append(mark(token))
            else:
                pieces.append("".join(run))
            run.clear()

    for ch, shown, up in zip(line.text, line.shown, superscript, strict=True):
        if up and shown:
            run.append(ch)
            continue
        if run:
            flush_run()
        pieces.append(ch)
    flush_run()
    down = list(map(operator.not_, superscript))
    body = _Chars(
        "".join(compress(line.text, down)),
        list(compress(line.x, down)),
        list(compress(line.y, down)),
        list(compress(line.style, down)),
        list(compress(line.shown, down)),
    )
    return _described(clean("".join(pieces)), body, styles, y, size)


def _described(
    text: str, body: _Chars, styles: _Styles, y: float, size: float
) -> tuple[str, float, float, float, str, bool]:
    """A line's text with where it starts, its baseline, size, italic start and boldness, from its
    characters without superscripts."""
    numbers = list(compress(body.style, body.shown))
    x = next(compress(body.x, body.shown), 0.0)
    if numbers and numbers.count(numbers[0]) == len(numbers):  # one style: its boldness
        bold = styles.bold[numbers[0]]
    else:
        bold = sum(map(styles.bold.__getitem__, numbers)) * 2 > len(numbers)
    return text, x, y, size, _italic_start(body, styles), bold


def _italic_start(chars: _Chars, styles: _Styles) -> str:
    """The italic words a line starts with, after a roman paragraph number ("1.", "(a)")."""
    text, numbers, italic = chars.text, chars.style, styles.italic
    number = _NUMBER.match(text)
    i = number.end() if number and not any(italic[n] for n in numbers[: number.end()]) else 0
    start = i
    while i < len(numbers) and (italic[numbers[i]] or text[i] == " "):
        i += 1
    return clean(text[start:i]) if i > start else ""
