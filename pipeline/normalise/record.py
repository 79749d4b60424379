"""Verbatim records of plenary meetings (``A/61/PV.107``) as a page layer prints them: lines into
paragraphs, for ``parse.plenary``.

Guarantees:
- page furniture goes: lines in type smaller than the body's (running headers such as "General
  Assembly - Forty-eighth session", the notice on corrections), and lines that are only the record's
  symbol, a page number, a date "29/10/2024", a sheet number "07-50429 (E)" or a barcode "*0750429*";
- the heading of the first page (everything printed above its "President:" line, in either column,
  and the record's symbol wherever the page prints it) comes first, one Block per line; then one
  Block per paragraph, in reading order (the page layer reads a page of two columns column by column);
- a paragraph starts at a first line set in from its column's margin, after a blank space taller than
  a line, where the type turns bold or plain (headings of agenda items; the result of a vote in older
  records), at a label of a recorded vote ("In favour:"), and at a line that opens with a speaker
  ("Mr. Kiboino (Kenya):"), an agenda item or an action ("It was so decided", "[Subsequently");
  words broken at a line end join;
- ``Block.heading`` is True for a paragraph printed in bold.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from pipeline.inputs import Block, NormalisedText, Printed, PrintedLine
from pipeline.normalise.text import join_lines
from pipeline.symbols import PRINTED_RECORD

_MEETING = re.compile(r"\bplenary meeting\b", re.I)
_FURNITURE = re.compile(
    r"^(?:A/(?:ES-\d+/)?\d+/PV\.\d+(?:\s+\d{2}/\d{2}/\d{4})?|\d{1,3}|\d{1,3}/\d{1,3}|\d{2}/\d{2}/\d{4}"
    r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|\*\d{6,}\*"
    # the running heads of older records: "General Assembly - Forty-eighth session", "46th meeting -
    # Monday, 1 November 1993", either with its page number
    r"|(?:\d{1,3}\s+)?General Assembly\s+-\s+[A-Za-z-]+\s+session(?:\s+\d{1,3})?"
    r"|(?:\d{1,3}\s+)?\d{1,3}(?:st|nd|rd|th)\s+meeting\s+-\s+\w+,\s+\d{1,2}\s+\w+\s+\d{4}(?:\s+\d{1,3})?)$"
)
_LABEL = re.compile(r"^(?:In favour|Against|Abstaining|Abstentions?)\s*:")
_LABEL_ONLY = re.compile(r"^(?:In favour|Against|Abstaining|Abstentions?)\s*:\s*$")
_PRESIDENT = re.compile(r"^(?:Temporary\s+)?President\s*:")
# what opens a paragraph of a record whatever its indent: a speaker, an agenda item, an action
_OPENS = re.compile(
    r"^(?:The (?:Acting |Temporary )?(?:President|PRESIDENT|Secretary-General|SECRETARY-GENERAL)\b[^:]{0,60}:"
    r"|(?:Mr|Ms|Mrs|Miss|Sir|Dame|Dr)\.? [^:]{1,100}\):|Agenda items? \d|AGENDA ITEMS? \d|It was so decided"
    r"|A recorded vote was taken|\[Subsequently)"
)


def looks_like(printed: Printed) -> bool:
    """A verbatim record of the plenary: its first page prints a record symbol and "plenary meeting"."""
    if not printed.pages:
        return False
    first = [line.text.strip() for line in printed.pages[0].lines]
    return any(PRINTED_RECORD.match(t) for t in first) and any(_MEETING.search(t) for t in first)


def normalise(printed: Printed) -> NormalisedText:
    lines = [line for page in printed.pages for line in page.lines]
    sizes = Counter(round(line.size) for line in lines if line.size)
    body = sizes.most_common(1)[0][0] if sizes else 0
    heading, rest = _heading(printed)
    kept = [line for line in rest if not _furniture(line, body)]
    blocks = [Block(" ".join(line.text.split()), line.line, heading=line.bold) for line in heading]
    # pdftotext lays both columns on one grid of rows, so a column's blank rows say nothing
    blocks += _paragraphs(kept, _margins(kept), printed.indent, gaps=printed.layout == "pdf")
    return NormalisedText(printed.raw, printed.layout, tuple(blocks), printed.diagnostics)


def _heading(printed: Printed) -> tuple[list[PrintedLine], list[PrintedLine]]:
    """The first page's lines above (and on) its "President:" line, and every other line."""
    first = printed.pages[0].lines
    president = next((line for line in first if _PRESIDENT.match(line.text.strip())), None)
    others = [line for page in printed.pages[1:] for line in page.lines]
    if president is None:
        return [], [*first, *others]
    top = president.y + 0.5 * max(president.size, 1.0)
    # the State of a President printed on the line below ("President: Mr. INSANALLY" / "(Guyana)")
    below = [line for line in first if 0 < line.y - president.y < 2 * max(president.size, 1.0)]
    state = [line for line in below if line.text.strip().startswith("(") and line.text.strip().endswith(")")]
    # the record's symbol, which older records print at the foot of the first page
    symbol = [line for line in first if PRINTED_RECORD.match(line.text.strip())][:1]
    heading = [line for line in first if line.y <= top or line in state or line in symbol]
    last = [president, *state]  # the heading ends with the President: the body follows
    heading = [line for line in heading if line not in last] + last
    return heading, [line for line in first if line not in heading] + others


def _furniture(line: PrintedLine, body: int) -> bool:
    text = " ".join(line.text.split())
    return (bool(body) and bool(line.size) and round(line.size) < body - 0.5) or bool(_FURNITURE.match(text))


def _margins(lines: list[PrintedLine]) -> dict[tuple[int, int], float]:
    """Each column's margin on each page: where most of its lines start."""
    starts: dict[tuple[int, int], Counter[float]] = {}
    for line in lines:
        starts.setdefault((line.page, line.column), Counter())[round(line.x)] += 1
    return {key: float(count.most_common(1)[0][0]) for key, count in starts.items()}


def _paragraphs(
    lines: list[PrintedLine], margins: dict[tuple[int, int], float], indent: float, gaps: bool
) -> list[Block]:
    blocks: list[Block] = []
    current: list[PrintedLine] = []

    def flush() -> None:
        if current:
            text = join_lines([" ".join(line.text.split()) for line in current])
            blocks.append(Block(text, current[0].line, heading=current[0].bold))
            current.clear()

    step = _line_step(lines)
    for line in lines:
        previous = current[-1] if current else None
        margin = margins.get((line.page, line.column), line.x)
        if previous is None or _starts(line, previous, margin, indent, step if gaps else float("inf")):
            flush()
        current.append(line)
    flush()
    return blocks


def _starts(line: PrintedLine, previous: PrintedLine, margin: float, indent: float, step: float) -> bool:
    """Does a line start a paragraph after the line before it?"""
    same_column = previous.page == line.page and previous.column == line.column
    if _LABEL.match(line.text.strip()) or _LABEL_ONLY.match(previous.text.strip()) or _OPENS.match(line.text):
        return True
    if line.bold != previous.bold:
        return True
    set_in = line.x >= margin + indent
    if not same_column:
        return set_in
    if set_in and line.x > previous.x + 1:
        return True
    return line.y - previous.y > 1.3 * step


def _line_step(lines: list[PrintedLine]) -> float:
    """The usual distance between two lines of a paragraph."""
    steps = Counter(
        round(b.y - a.y, 1)
        for a, b in pairwise(lines)
        if a.page == b.page and a.column == b.column and 0 < b.y - a.y < 40
    )
    return steps.most_common(1)[0][0] if steps else 12.0
