"""Normaliser for printed UN documents: the lines of a page layer (a PDF, or ``pdftotext -layout``
text) into Blocks. Both page layers share everything here.

Guarantees to the parser:
- page furniture is gone: the sheet number and date (``23-24974 (E) 201223``), the barcode
  (``*2324974*``), page numbers (``2/6``), and on every page after the first the running header (the
  lines at the top of the page up to the one that prints the document's symbol, and what is printed
  beside it);
- the heading block gives one Block per item the UN prints in it ("Distr.: General", the date,
  "Seventy-eighth session", "Agenda item 77", the agenda title, "Resolution adopted by the General
  Assembly on 7 December 2023", "[on the report …]", "78/103. Title" …), an item's wrapped lines joined;
- in the body a Block is a paragraph: a new one starts at the space printed between paragraphs, or at
  an indented first line after a line that ends a sentence; wrapped lines are joined, a word broken
  at a line end keeps its hyphen ("well-being");
- the footnote zone (under the rule ``____`` of a page) gives one Block per footnote with ``footnote``
  set, after the page's text; a footnote starts at its number, the next in sequence;
- each footnote's mark is a mark token: the page layer's superscript (a PDF), or found in the page's
  text when the layer cannot see superscripts (``pdftotext``); a footnote whose mark cannot be found
  gets a warning;
- a paragraph broken by a page (its next line at the margin, not indented) is one Block; a heading
  printed in bold is a Block of its own; every Block carries its source line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import (
    MARK_CLOSE,
    MARK_OPEN,
    MARK_RE,
    Block,
    NormalisedText,
    Printed,
    PrintedLine,
    clean,
    is_complete,
    is_formula,
    is_start,
    strip_marks,
)
from pipeline.normalise.marks import place_mark
from pipeline.normalise.text import join_lines
from pipeline.symbols import Symbol, SymbolError

# a reissued document's symbol and sheet number carry an asterisk: "A/C.1/80/L.23*", "25-16535*"
_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}X?\*?|\(E\)|\d{6}|\d{1,3}/\d{1,3}|\*\d{6,}\*)$")
_TRAILING_SHEET = re.compile(r"(?<!\s)\s\d{2}-\d{5}X?\*? \(E\)(?: \d{6})?$")  # beside a footnote's last line
_RULE = re.compile(r"^_{5,}$")
_SYMBOL = re.compile(r"^[A-Z]{1,2}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+$")
_NOTE_START = re.compile(rf"^(?:{MARK_OPEN}([0-9A-Za-z*]{{1,4}}){MARK_CLOSE}|(\d{{1,3}}|\*{{1,3}})(?=\s))\s*(.*)$")
_DATE_WORDS = r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
# heading items that are printed on one line: the next line never continues them
_ONE_LINE = re.compile(
    rf"^(?:United Nations|General Assembly|Distr\.:.*|{_DATE_WORDS}|Original:.*|(?:English|French|Spanish|Russian"
    r"|Arabic|Chinese)|\S+ (?:special |emergency special )?session|Agenda items? .+|[A-Z]{1,2}/\S+|"
    r"\[.*\]|[^\[\]]+ Committee|Resolution adopted by the General Assembly on .+|Decision adopted by .+ on .+)$"
)


# spaces inside a line that an earlier layout left around a hyphen or a dash: "well- being",
# "Fifty -fourth", "3 – 14", "2014– 2024"; before "and", "or", "to" a hyphen is suspended and keeps
# its space ("low- and middle-income")
_LOOSE_HYPHEN = re.compile(r"(?<=[A-Za-z]-) (?!(?:and|or|to|and/or)\b)(?=[A-Za-z])|(?<=[A-Za-z]) (?=-[A-Za-z])")
_LOOSE_RANGE = re.compile(r"(?<=\d) ?– ?(?=\d)")


# a mark printed with a space between its word and the punctuation that follows ("2021 ⁷,", "2021⁷ ,")
_SPACED_MARK = re.compile(rf" ?({MARK_RE.pattern}) ?(?=[,;:.)])")
_STARRED_NOTE = re.compile(r"^\*{1,3}\s")
_AMENDS = re.compile(r"\bamendments? to (?:revised )?draft (?:resolution|decision)\b")
# "… on draft resolution", "… amendment to revised draft resolution": the draft's symbol follows
_DRAFT_END = re.compile(r"\bdraft (?:resolution|decision)$")
_ANNEX_LINE = re.compile(r"^Annex(?: [IVXL]{1,5}| \d{1,2})?$")
_SECTION_NUMBER = re.compile(r"^(?:[IVXL]{1,5}|[A-H]\.?)$")
# a heading item whose line ends with one of these words goes on on the next line
_OPEN_END = re.compile(r"\b(?:on|of|the|and|its|for|to|in|by|at|with|a|an)$")


@dataclass
class _Note:
    marker: str
    line: int
    page: int
    parts: list[str] = field(default_factory=list)


def normalise(printed: Printed) -> NormalisedText:
    path = printed.raw.path
    symbol = _symbol(printed)
    text_lines: list[PrintedLine] = []
    notes: list[_Note] = []
    pages = [[_mended(ln) for ln in page.lines if not _is_furniture(ln.text, symbol)] for page in printed.pages]
    sizes = Counter(ln.size for page in pages for ln in page if ln.size)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    headers: set[str] = set()  # what the running header prints beside the symbol
    bare: set[int] = set()  # pages whose header the layer printed without the symbol
    for number, lines in enumerate(pages[1:], 2):
        kept = _without_running_header(lines, symbol)
        headers.update(ln.text for ln in lines[: len(lines) - len(kept)] if ln.text != symbol)
        if len(kept) == len(lines):
            bare.add(number)
        pages[number - 1] = kept
    for number, lines in enumerate(pages, 1):
        if number in bare:
            # its running title still goes
            while lines and lines[0].text in headers:
                lines = lines[1:]
        rule = next((i for i, ln in enumerate(lines) if _RULE.match(ln.text)), None)
        zone = rule + 1 if rule is not None else _unruled_notes(lines, body_size)
        text_lines.extend(lines if zone is None else lines[: rule if rule is not None else zone])
        if zone is not None:
            _footnotes(lines[zone:], notes)
    warnings: list[Diagnostic] = []
    if not printed.marks:
        warnings = _place_marks(path, text_lines, notes)
    else:  # an asterisk is printed at its own height, never as a superscript: find it in the text
        warnings = _place_marks(path, text_lines, [n for n in notes if set(n.marker) == {"*"}])
    blocks = _blocks(text_lines, printed.indent)
    blocks.extend(Block(clean(join_lines(n.parts)), n.line, n.marker) for n in notes)
    blocks.sort(key=lambda b: b.line)
    return NormalisedText(printed.raw, printed.layout, tuple(blocks), tuple(warnings))


def _mended(line: PrintedLine) -> PrintedLine:
    text = line.text
    # each pattern needs a character most lines lack: those are not searched
    if "-" in text:
        text = _LOOSE_HYPHEN.sub("", text)
    if "–" in text:
        text = _LOOSE_RANGE.sub("–", text)
    if " (E)" in text:
        text = _TRAILING_SHEET.sub("", text)
    if text == line.text:
        return line
    return PrintedLine(text, line.line, line.page, line.x, line.y, line.size, line.italic, line.bold)


def _symbol(printed: Printed) -> str | None:
    """The document's symbol as its first page prints it at the top ("A/RES/78/103")."""
    first = printed.pages[0].lines[:12] if printed.pages else ()
    for ln in first:
        for token in ln.text.split():
            token = token.rstrip("*")
            if _SYMBOL.match(token):
                try:
                    return Symbol.parse(token).text
                except SymbolError:
                    continue
    return None


def _is_furniture(text: str, symbol: str | None) -> bool:
    tokens = [t.rstrip("*") if t.rstrip("*") == symbol else t for t in text.split()]
    return (
        bool(tokens)
        and all(_FURNITURE.match(t) or t == symbol for t in tokens)
        and not (
            symbol and tokens == [symbol]  # the symbol alone is the running header's, handled there
        )
    )


def _without_running_header(lines: list[PrintedLine], symbol: str | None) -> list[PrintedLine]:
    """A page without the lines its running header prints: those at the top up to the line with the
    symbol, and any printed on that line's baseline beside it."""
    if symbol is None:
        return lines
    top = lines[:5]
    found = [i for i, ln in enumerate(top) if symbol in [t.rstrip("*") for t in ln.text.split()]]
    if not found:
        return lines
    last = found[0]
    base = lines[last].y
    end = last + 1
    while end < len(lines) and abs(lines[end].y - base) < 1e-6 + (0.25 * lines[end].size if lines[end].size else 0):
        end += 1
    return lines[end:]


def _unruled_notes(lines: list[PrintedLine], body_size: float) -> int | None:
    """Where a page's footnotes start when no rule is printed above them (the notes of a first page,
    "* Any changes to the list of sponsors …"): the first of the lines at the page's foot, all in
    smaller type than the text, that starts with an asterisk (numbered notes always have their rule;
    a table's last rows in small type do not start a zone). Only where sizes are known."""
    if not body_size:
        return None
    start = None
    for i in range(len(lines) - 1, -1, -1):
        if not 0 < lines[i].size < 0.9 * body_size:
            break
        if _STARRED_NOTE.match(lines[i].text):
            start = i
    return start


def _footnotes(lines: list[PrintedLine], notes: list[_Note]) -> None:
    """The footnotes of one page's zone: each starts at the next number in sequence."""
    for ln in lines:
        m = _NOTE_START.match(ln.text)
        marker = (m.group(1) or m.group(2)) if m else None
        if marker and m and _follows(notes, marker):
            notes.append(_Note(marker, ln.line, ln.page, [m.group(3)]))
        elif notes:
            notes[-1].parts.append(ln.text)


def _follows(notes: list[_Note], marker: str) -> bool:
    """Does a note with this marker come next? Numbers go in sequence (the asterisk notes of a
    heading apart: "*", then "1"); an asterisk note may come at any point."""
    if not marker.isdigit():
        return True
    numbered = [n.marker for n in notes if n.marker.isdigit()]
    return not numbered or int(marker) == int(numbered[-1]) + 1


def _place_marks(path: str, lines: list[PrintedLine], notes: list[_Note]) -> list[Diagnostic]:
    """Find each footnote's digit mark in its page's text, when the page layer could not see it."""
    warnings: list[Diagnostic] = []
    texts = [ln.text for ln in lines]
    for note in notes:
        on_page = [i for i, ln in enumerate(lines) if ln.page == note.page]
        if not place_mark(texts, on_page, note.marker):
            warnings.append(diagnostic("normalise.unanchored-footnote", path, note.line, marker=note.marker))
    for i, text in enumerate(texts):
        if text != lines[i].text:
            old = lines[i]
            lines[i] = PrintedLine(text, old.line, old.page, old.x, old.y, old.size, old.italic, old.bold)
    return warnings


def _blocks(lines: list[PrintedLine], indent: float) -> list[Block]:
    """Join wrapped lines: heading items by continuation, body paragraphs by spacing and indentation;
    a table in the body is one Block, its rows joined by " ; " and the cells of a row by " | "."""
    blocks: list[Block] = []
    current: list[PrintedLine] = []
    margins = {page: _margin([ln for ln in lines if ln.page == page]) for page in {ln.page for ln in lines}}
    start = next((i for i, ln in enumerate(lines) if is_formula(ln.text) or re.match(r"^1\.\s", ln.text)), None)
    if start is None:
        start = _instructions(lines, margins, indent)
    table = _table_lines(lines, start)

    def flush() -> None:
        if current:
            lead = current[0].italic or None
            text = _SPACED_MARK.sub(r"\1", clean(join_lines([ln.text for ln in current])))
            blocks.append(Block(text, current[0].line, lead=lead))
            current.clear()

    i = 0
    while i < len(lines):
        ln = lines[i]
        if i == start:
            flush()
        if i in table:
            flush()
            run = [ln]
            while i + 1 in table:
                i += 1
                run.append(lines[i])
            blocks.append(Block(_table_text(run), run[0].line))
            i += 1
            continue
        in_body = i >= start
        if i == start and is_formula(ln.text):  # "The General Assembly," is a block of its own
            blocks.append(Block(ln.text, ln.line))
            i += 1
            continue
        if current and (
            _body_break(current, ln, indent, margins[ln.page]) if in_body else _heading_break(current, ln, indent)
        ):
            flush()
        current.append(ln)
        i += 1
    flush()
    return blocks


def _instructions(lines: list[PrintedLine], margins: dict[int, float], indent: float) -> int:
    """Where an amendment's instructions start (it has no formula): the first indented line after
    the line that names the draft it amends."""
    named = next((i for i, ln in enumerate(lines) if _AMENDS.search(ln.text)), None)
    if named is None:
        return len(lines)
    for i in range(named + 1, len(lines)):
        if lines[i].x > margins[lines[i].page] + indent:
            return i
    return len(lines)


def _table_lines(lines: list[PrintedLine], start: int) -> set[int]:
    """The body lines printed as a table: those that share their baseline with another line, and
    the lines in smaller type that follow one (a cell's wrapped text, the table's notes). Only where
    the page layer knows type sizes (a PDF): in ``pdftotext`` text wide justification looks the same."""
    sizes = Counter(ln.size for ln in lines[start:])
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    out: set[int] = set()
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln.size:
            continue  # text without type sizes (pdftotext): pieces side by side are justified words
        page, y, reach = ln.page, ln.y, 0.25 * max(ln.size, 1.0)
        beside = any(
            j != i and lines[j].page == page and abs(lines[j].y - y) <= reach
            for j in range(max(start, i - 8), min(len(lines), i + 9))
        )
        smaller = bool(body) and 0 < ln.size < 0.9 * body and (i - 1) in out and lines[i - 1].page == ln.page
        if beside or smaller:
            out.add(i)
    return out


def _table_text(run: list[PrintedLine]) -> str:
    """A table's lines as text: rows by baseline, top down; cells left to right."""
    rows: list[list[PrintedLine]] = []
    for ln in run:
        if rows and rows[-1][0].page == ln.page and abs(rows[-1][0].y - ln.y) <= 0.25 * max(ln.size, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return clean(" ; ".join(" | ".join(c.text for c in sorted(row, key=lambda c: c.x)) for row in rows))


def _gap(previous: PrintedLine, line: PrintedLine) -> bool:
    """Is there more space between the two lines than between a paragraph's lines?"""
    if line.page != previous.page:
        return True
    step = line.y - previous.y
    if previous.size and line.size:
        return step > 1.35 * max(previous.size, line.size) or step < 0
    return step > 1.5 or step < 0  # text lines: a blank line between


def _body_break(current: list[PrintedLine], line: PrintedLine, indent: float, margin: float) -> bool:
    """A paragraph's first line is indented; on a new page a line at the margin continues the
    paragraph the last page ended with (a preambular paragraph's line may end with its comma). A
    section's number on a line of its own ("II") opens a heading that ends where the text indents."""
    previous = current[-1]
    indented = line.x > margin + indent
    if _SECTION_NUMBER.match(line.text) or (_SECTION_NUMBER.match(current[0].text) and indented):
        return True
    if _ANNEX_LINE.match(line.text) or _ANNEX_LINE.match(previous.text):
        return True  # "Annex", "Annex II" is a line of its own, its title the next block
    if line.bold != previous.bold:
        return True  # a heading ("I", "Activities of the Office …", "Annex") is printed in bold
    if line.page != previous.page:
        ended = strip_marks(previous.text).rstrip().endswith((".", ";", ":"))
        return ended or (indented and is_complete(previous.text)) or is_start(line.text)
    if _gap(previous, line):
        return True
    if indented and is_start(line.text):
        return True  # "11. Takes note …" after a heading line
    if len(current) == 1 and is_start(previous.text) and line.x > previous.x + indent:
        return False  # a hanging item's second line, under its text ("6.  Working …," + "including …")
    if line.size and abs(line.x - previous.x) < 1 and not is_start(line.text):
        return False  # a hanging block ("(v) The work of … (Statute," + "Article 22), …"): one paragraph
    return indented and is_complete(previous.text)


def _heading_break(current: list[PrintedLine], line: PrintedLine, indent: float) -> bool:
    previous = current[-1]
    item = clean(join_lines([ln.text for ln in current]))
    if _OPEN_END.search(item) or (_DRAFT_END.search(item) and _SYMBOL.match(line.text)):
        return (
            False  # "… by the General Assembly on" + "22 December 2023"; "… the work of its" + "seventy-fourth session"
        )
    if _ONE_LINE.match(item) or (_ONE_LINE.match(line.text) and not line.text.startswith("on ")):
        return True
    if _gap(previous, line) or line.bold != previous.bold:
        return True
    if previous.size and line.size and abs(previous.size - line.size) > 0.5:
        return True
    return line.x < current[0].x - indent  # a new column or a new item to the left


def _margin(lines: list[PrintedLine]) -> float:
    """The left edge of a page's body text: the most common start of its lines (a page's own: facing
    pages may have margins of their own)."""
    counts = Counter(round(ln.x, 0) for ln in lines)
    return counts.most_common(1)[0][0] if counts else 0.0
