"""The preamble and the operative part of an AKN4UN resolution: paragraphs numbered as printed,
sub-paragraphs, unnumbered headings, and the paragraphs the UN's files lost a number of."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from lxml import etree

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import clean, marks_in, strip_marks
from pipeline.model import OperativeParagraph, PreambularParagraph, SubParagraph
from pipeline.parse.akn4un.text import NS, Notes, cites, local, marked_text, q
from pipeline.parse.phrases import operative_clause, preambular_clause

_LOST_NUMBER = re.compile(r"^(\d{1,3}) ?\.\s*(?=[A-Z])")
_SUB_NUMBER = re.compile(r"^(?:\([a-z]{1,2}\)|\([ivxlc]{1,6}\)|\d{1,3}\.\d{1,3})$")


def preamble(element: etree._Element, notes: Notes, path: str) -> tuple[list[PreambularParagraph], list[Diagnostic]]:
    out: list[PreambularParagraph] = []
    diags: list[Diagnostic] = []
    for container in element.iterfind("a:preamble/a:container", NS):
        ordinal = len(out) + 1
        eid = f"preamble_{ordinal}"
        text = marked_text(container, notes, eid)
        plain = strip_marks(text)
        (phrase, key), found = preambular_clause(plain, ordinal, path, container.sourceline)
        diags += found
        phrase = phrase if key else container.get("name") or phrase  # the UN's own markup of the phrase
        out.append(
            PreambularParagraph(
                ordinal, eid, phrase, key, plain, cites(container, plain), tuple(marks_in(text)), container.sourceline
            )
        )
    return out, diags


@dataclass
class _Op:
    number: str | None  # None: printed without a number (a resolution's single operative paragraph)
    element: etree._Element
    heading: str | None
    lost_number: bool = False
    extra: list[etree._Element] = field(default_factory=list)


def operative(element: etree._Element, notes: Notes, path: str) -> tuple[list[OperativeParagraph], list[Diagnostic]]:
    body = element.find("a:mainBody", NS)
    if body is None:
        return [], []
    diags: list[Diagnostic] = []
    ops: list[_Op] = []
    heading: str | None = None
    for p in body.iter(q("paragraph"), q("subheading"), q("crossHeading")):
        if any(local(a) == "paragraph" for a in p.iterancestors()):
            continue  # nested: read with its parent
        num = p.find("a:num", NS)
        if local(p) != "paragraph" or num is None:
            text = clean("".join(t for t in p.itertext()))
            if local(p) != "paragraph" or (p.get("class") or "").startswith("H"):
                heading = text or heading
            elif lost := _LOST_NUMBER.match(text):
                # the number is in the text ("232 .Recognizes"): the file lost its <num> element
                ops.append(_Op(lost.group(1), p, heading, lost_number=True))
                heading = None
            elif not ops and text:
                ops.append(_Op(None, p, heading))  # an operative part of one unnumbered paragraph
                heading = None
            elif ops and text:
                diags.append(diagnostic("parse.generic-block", path, p.sourceline, text=text))
                ops[-1].extra.append(p)  # an unnumbered paragraph continues the one before it
            continue
        number = clean("".join(num.itertext())).rstrip(".")
        if re.fullmatch(r"[IVXL]{1,6}|[A-Z]", number):  # a part heading ("I", "II", "A"), not a paragraph
            heading = clean(" ".join(p.itertext())) or heading
            continue
        own = p.find("a:heading", NS)
        ops.append(_Op(number, p, clean("".join(own.itertext())) if own is not None else heading))
        heading = None
    out: list[OperativeParagraph] = []
    used: set[str] = set()
    ordinal = 0
    for op in ops:
        if op.number and _SUB_NUMBER.match(op.number) and out:
            # "(a)" or "1.5" printed as a paragraph of its own: a sub-paragraph of the one before
            parent = out[-1]
            eid = _unique(f"{parent.eid}__subpara_{op.number.strip('()')}", used)
            text = marked_text(op.element, notes, eid, skip=("num",))
            sub = SubParagraph(
                f"({op.number.strip('()')})" if op.number.startswith("(") else op.number,
                eid,
                strip_marks(text),
                cites(op.element, strip_marks(text)),
                tuple(marks_in(text)),
                op.element.sourceline,
            )
            out[-1] = dataclasses.replace(parent, subparagraphs=(*parent.subparagraphs, sub))
            continue
        ordinal += 1
        paragraph, found = _paragraph(ordinal, op, _unique(f"para_{op.number or ordinal}", used), notes, path)
        out.append(paragraph)
        diags += found
    return out, diags


def _unique(eid: str, used: set[str]) -> str:
    """eIds follow the printed numbers; a number printed again (sections that restart) gets a suffix."""
    candidate, n = eid, 1
    while candidate in used:
        n += 1
        candidate = f"{eid}__{n}"
    used.add(candidate)
    return candidate


def _paragraph(ordinal: int, op: _Op, eid: str, notes: Notes, path: str) -> tuple[OperativeParagraph, list[Diagnostic]]:
    p = op.element
    intro = p.find("a:list/a:intro", NS)
    main = intro if intro is not None else p
    text = marked_text(main, notes, eid, skip=("num", "list", "heading") if intro is None else ("num",))
    if op.lost_number:
        text = _LOST_NUMBER.sub("", text, count=1)
    for extra in op.extra:
        text += " " + marked_text(extra, notes, eid)
    subs: list[SubParagraph] = []
    for point in p.iter(q("point")):
        num = point.find("a:num", NS)
        number = clean("".join(num.itertext())) if num is not None else f"({len(subs) + 1})"
        parent = point.getparent().getparent() if point.getparent() is not None else None
        if parent is not None and local(parent) == "point":
            outer = parent.find("a:num", NS)
            number = (clean("".join(outer.itertext())) if outer is not None else "") + number
        sub_key = re.sub(r"[()]+", "_", number).strip("_")
        sub_eid = f"{eid}__subpara_{sub_key}"
        content = point.find("a:content", NS)
        sub_text = marked_text(
            content if content is not None else point, notes, sub_eid, skip=("num", "list", "sublist")
        )
        subs.append(
            SubParagraph(
                number,
                sub_eid,
                strip_marks(sub_text),
                cites(point, strip_marks(sub_text)),
                tuple(marks_in(sub_text)),
                point.sourceline,
            )
        )
    plain = strip_marks(text)
    (phrase, key), found = operative_clause(plain, op.number, ordinal, path, p.sourceline)
    return OperativeParagraph(
        ordinal,
        op.number,
        eid,
        phrase,
        key,
        plain,
        tuple(subs),
        cites(main, plain),
        tuple(marks_in(text)),
        op.heading,
        p.sourceline,
    ), found
