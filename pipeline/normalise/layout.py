"""The page layer of ``pdftotext -layout`` text: its pages (form feeds) and lines into printed lines,
for the normaliser PDFs go through (``normalise.printed``).

Guarantees: a line's ``x`` is its column (leading spaces), ``y`` its line on the page, blank lines
counted, so the space between paragraphs shows; pieces printed side by side (six spaces or more
apart) are separate lines on one ``y``; a footnote number that the layout prints on a line of its own
above its text (a superscript) starts that text; a word broken at the line end keeps its hyphen
("well -" becomes "well-"). Superscript marks in the text are plain digits here: the normaliser
finds them (``marks=False``).

``pdftotext`` prints a space wherever the PDF leaves a gap between two glyphs, so justified text reads
"Secre tariat", "th e", "regard ;". Without the glyphs' positions, words decide: two letter runs
side by side are one word when together they make a word (the document prints it elsewhere, or the
UN's own texts do: ``register.words``) and one of them is no word — never printed by the UN, or
printed less than a fiftieth as often as the whole ("approach" + "es", "see" + "king", "a" + "nd";
not "up" + "on", "a" + "broad"). Where the gap fell one letter early, the letter moves: "them embers"
is "the members" when "embers" is no word and "the" and "members" are. A space before closing
punctuation goes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline.inputs import Printed, PrintedLine, PrintedPage, RawDocument, column_order
from pipeline.register.words import frequency

_SIDE_BY_SIDE = re.compile(r"\s{6,}")
_NUMBER_ONLY = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,3})\))$")  # "4.", "(b)", "(iv)"
_LONE_NUMBER = re.compile(r"^(?:\d{1,3}|\*{1,3})$")
_RULE = re.compile(r"^_{5,}$")
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z]) -$")
_SHEET = re.compile(r"^\s*\d{2}-\d{5}\b", re.M)
_WORD = re.compile(r"[A-Za-z]+")
# a token that is one word, with what may open it (not the "s" of "women’s")
_TRAILING_WORD = re.compile(r"(?<![\w\-/’'])[A-Za-z]+$")
_LEADING_WORD = re.compile(r"^[A-Za-z]+(?![\w/])")  # it may go on with a hyphen: "h" + "igh-level"
# a space before closing punctuation ("jurisdiction ”.", "framework” .", "country ’s"), before a
# hyphen that joins ("30 -year", "vis -à-vis") and around a suspended one ("medium - and long-term")
_BEFORE_CLOSING = re.compile(
    r"(?<=[\w)”’]) (?=[,;:.”’)](?:[\s,;:.”’)]|$))|(?<=[A-Za-z]) (?=’s\b)|(?<=[A-Za-z]) (?=-[,;\d])"
    r"|(?<=[\w]) (?=-[A-Za-zà-ž])|(?<=[A-Za-z]) (?=- (?:and|or|to)\b)"
)
# a number split by a glyph gap before a zero ("2 021", "499,765,20 0"): no number starts with one
_SPLIT_NUMBER = re.compile(r"(?<=\d) (?=0)")


def looks_like(text: str) -> bool:
    """``pdftotext -layout`` output of a UN document: pages separated by form feeds, a sheet number."""
    return "\f" in text[:400_000] and bool(_SHEET.search(text[:400_000]))


def printed(raw: RawDocument, columns: bool = False) -> Printed:
    """The pages of the text as printed lines. With ``columns``, a page printed in two columns (a
    verbatim record before 2022) is read column by column: its gutter is the blank stripe of character
    columns in the middle of the page that few rows cross."""
    pages: list[PrintedPage] = []
    number = 0
    for index, page_text in enumerate(raw.text.split("\f")):
        lines: list[PrintedLine] = []
        pending: str | None = None  # a footnote number printed above its text
        in_notes = False
        rows = page_text.split("\n")
        first = number + 1
        number += len(rows) - 1  # the last row of a page and the first of the next share the line of the form feed
        for y, side, row in _reading_order(rows, _gutter(rows) if columns else None):
            if not row.strip():
                continue
            stripped = row.strip()
            if _RULE.match(stripped):
                in_notes = True
            if in_notes and _LONE_NUMBER.match(stripped):
                pending = stripped
                continue
            pieces = _pieces(row)
            if side and pieces:  # in a column, a wide space is justification, not two pieces side by side
                pieces = [(pieces[0][0], " ".join(text for _, text in pieces))]
            for piece in pieces:
                column, text = piece
                text = _BROKEN_HYPHEN.sub("-", text)
                if pending is not None:
                    text, pending = f"{pending} {text}", None
                lines.append(PrintedLine(text, first + y, index + 1, float(column), float(y), column=side))
        if lines or index == 0:
            pages.append(PrintedPage(index + 1, 0.0, float(len(rows)), tuple(lines)))
    return Printed(raw, "pdftotext-layout", tuple(_mended(pages)), indent=2.0, marks=False)


def _mended(pages: list[PrintedPage]) -> list[PrintedPage]:
    """Words split by a glyph gap joined again, by the document's own vocabulary (see above)."""
    words = Counter(w for page in pages for ln in page.lines for w in _WORD.findall(ln.text))

    def word(piece: str, whole: str) -> bool:
        if len(piece) == 1:
            return piece in "aAI"
        return frequency(piece) * 50 >= max(frequency(whole), 1) or words[piece] > words[whole] + 2

    def known(piece: str) -> bool:
        return piece in "aAI" if len(piece) == 1 else bool(frequency(piece) or words[piece] > 2)

    def mend(text: str) -> str:
        tokens = text.split(" ")
        out: list[str] = []
        for token in tokens:
            last = out[-1] if out else ""
            a, b = _TRAILING_WORD.search(last), _LEADING_WORD.match(token)
            if a and b:
                whole = a.group(0) + b.group(0)
                if (words[whole] or frequency(whole)) and not (word(a.group(0), whole) and word(b.group(0), whole)):
                    out[-1] = last + token
                    continue
                head, tail = a.group(0)[:-1], a.group(0)[-1] + b.group(0)
                if head and len(b.group(0)) >= 3 and not known(b.group(0)) and known(head) and known(tail):
                    out[-1], token = last[:-1], tail + token[len(b.group(0)) :]  # "them embers": "the members"
            out.append(token)
        return _SPLIT_NUMBER.sub("", _BEFORE_CLOSING.sub("", " ".join(out)))

    out = []
    for page in pages:
        lines = []
        for ln in page.lines:
            text = mend(ln.text)
            lines.append(ln if text == ln.text else replace(ln, text=text))
        out.append(replace(page, lines=tuple(lines)))
    return out


def _gutter(rows: list[str]) -> int | None:
    """The character column between two columns of text, or None: in the middle of the page, a
    column blank in all but a sixth of the rows (a heading printed across), with text on either side of
    it in a tenth of them at least (a last page may end its right column after a few lines)."""
    written = [r.rstrip() for r in rows if r.strip()]
    if len(written) < 12:
        return None
    width = max(len(r) for r in written)
    best: tuple[int, int] | None = None
    for c in range(int(0.35 * width), int(0.65 * width) + 1):
        crossing = sum(1 for r in written if r[c : c + 1].strip())
        if best is None or crossing < best[0]:
            best = (crossing, c)
    if best is None or best[0] > len(written) / 6:
        return None
    c = best[1]
    left = sum(1 for r in written if r[:c].strip())
    right = sum(1 for r in written if r[c:].strip())
    return c if min(left, right) >= max(5, len(written) / 10) else None


def _reading_order(rows: list[str], gutter: int | None) -> list[tuple[int, int, str]]:
    """(row, column, text) in reading order: each band between rows printed across the gutter, its
    left column and then its right (the right piece keeps its place: spaces stand for the left one)."""
    if gutter is None:
        return [(y, 0, row) for y, row in enumerate(rows)]
    pieces: list[tuple[int, int, str]] = []
    top = next((y for y, row in enumerate(rows) if row.strip()), 0)  # the running head: across the page
    for y, row in enumerate(rows):
        if y == top or row[gutter : gutter + 1].strip():  # across the page
            pieces.append((y, 0, row))
            continue
        if row[:gutter].strip():
            pieces.append((y, 1, row[:gutter]))
        if row[gutter:].strip():
            pieces.append((y, 2, " " * gutter + row[gutter:]))
    return [pieces[i] for i in column_order([side for _, side, _ in pieces])]


def _pieces(row: str) -> list[tuple[int, str]]:
    """The pieces of a row printed side by side, each with its column; a paragraph's number and its
    text ("4.      Stresses …") are one piece however wide the space between them."""
    out: list[tuple[int, str]] = []
    position = 0
    for part in _SIDE_BY_SIDE.split(row.rstrip()):
        start = row.index(part, position) if part else position
        position = start + len(part)
        if not part.strip():
            continue
        if out and _NUMBER_ONLY.match(out[-1][1]):
            out[-1] = (out[-1][0], f"{out[-1][1]} {part.strip()}")
            continue
        out.append((start + len(part) - len(part.lstrip()), part.strip()))
    return out
