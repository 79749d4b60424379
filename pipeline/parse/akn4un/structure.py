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
from pipeline.parse.akn4un.text import NS, Notes, cites, local, marked_text, q, table_text
from pipeline.parse.phrases import operative_clause, preambular_clause

# a number the file left in the text: "232 .Recognizes", "6.\u200e Reaffirms", "2 - تزكي" (the Arabic
# texts' form), "3 Calls upon" (a letter of any script follows; without a full stop or a dash, only the
# number expected next is taken)
_LOST_NUMBER = re.compile(
    r"^(\d{1,3})(?:( ?\.)[\s\u200e\u200f]*|( ?[-\u2013])[\s\u200e\u200f]+|[\s\u200e\u200f]+)(?=[^\W\d_])"
)
# a sub-paragraph's number: "(a)" in English and Chinese, "a)" in French, Spanish and Russian (Cyrillic
# letters), "(أ)" in Arabic, "(iv)", "㈣" (Chinese for "(iv)"), "1.5"
_SUB_NUMBER = re.compile(r"^(?:\(?[^\W\d_]{1,6}\)|[\u3220-\u3229]|\d{1,3}\.\d{1,3})$")
# how a preambular paragraph ends, in the six languages' punctuation
_COMMAS = (",", "\u060c", "\uff0c")  # , ، ，
_CLOSING = "\"'”’»)]* \u200e\u200f"
# how any paragraph ends, in the six languages' punctuation: a heading ends with none of these
_TERMINAL = ".,;:!?\u060c\u061b\u061f\u3002\uff0c\uff1b\uff1a\u2026"


def _numbered_next(p: etree._Element) -> bool:
    """Whether a numbered paragraph (its <num>, or a number left in its text) follows this one, past
    other heading-like lines (a section's number "一", then its title) and a section's preamble."""
    after = p.getnext()
    for _ in range(4):
        # past comments and the section's own preamble (crossHeading refersTo="#preamble")
        while after is not None and (not isinstance(after.tag, str) or local(after) == "crossHeading"):
            after = after.getnext()
        if after is None or local(after) != "paragraph":
            return False
        lost = _LOST_NUMBER.match(_bare(after))
        if after.find("a:num", NS) is not None or (lost and (lost.group(2) or lost.group(3))):
            return True
        if not _heading_like(_bare(after)):
            return False
        after = after.getnext()
    return False


def _heading_like(text: str) -> bool:
    """A short unnumbered line without a paragraph's closing punctuation: a heading, in the files that
    do not mark it as one ("Governance of the United Nations Human Settlements Programme"), when a
    numbered paragraph follows it (the lines of a list in a decision end without punctuation too)."""
    bare = strip_marks(text).rstrip(_CLOSING)
    return 0 < len(bare) <= 200 and not bare.endswith(tuple(_TERMINAL))


def printed_number(text: str) -> str:
    """A paragraph's number as printed, without the full stop or dash that follows it: "1." and "1 -"
    are 1."""
    return text.strip().rstrip(".-\u2013 \u200e\u200f").strip()


def _bare(element: etree._Element) -> str:
    """An element's text without its footnotes' text."""
    return strip_marks(marked_text(element, None, ""))


@dataclass(frozen=True)
class Boundary:
    """Where a file puts the line between the preamble and the operative part, where the printed text
    puts it elsewhere: unnumbered paragraphs of a ``mainBody`` that are preambular (``early``, with the
    diagnostic code saying why), and preambular containers that are operative paragraphs (``late``)."""

    early: dict[etree._Element, str] = field(default_factory=dict)
    late: tuple[etree._Element, ...] = ()


def boundary(element: etree._Element) -> Boundary:
    """- a ``mainBody`` that another ``preamble`` follows: its unnumbered paragraphs (77/118 prints one
      preamble, the file has two);
    - the first ``mainBody``'s unnumbered paragraphs before its paragraph 1, each ending with a comma, as
      preambular paragraphs end (the file opened the body early);
    - the preamble's last containers, from one that opens with "1." (the file closed the preamble late)."""
    parts = [c for c in element if local(c) in ("preamble", "mainBody")]
    early: dict[etree._Element, str] = {}
    for i, part in enumerate(parts):
        if local(part) == "mainBody" and any(local(later) == "preamble" for later in parts[i + 1 :]):
            early.update(
                (p, "akn.split-preamble") for p in part.iterfind("a:paragraph", NS) if p.find("a:num", NS) is None
            )
    body = next((part for part in parts if local(part) == "mainBody"), None)
    if body is not None:
        leading: list[etree._Element] = []
        for p in body:
            if local(p) != "paragraph" or (p.get("class") or "").startswith("H") or _heading_like(_bare(p)):
                break
            num = p.find("a:num", NS)
            bare = _bare(p)
            lost = _LOST_NUMBER.match(bare) if num is None else None
            if num is not None or (lost and (lost.group(2) or lost.group(3))):
                if (printed_number("".join(num.itertext())) if num is not None else lost and lost.group(1)) == "1":
                    early.update((c, "akn.early-body") for c in leading if c not in early)
                break
            if not bare.rstrip(_CLOSING).endswith(_COMMAS):
                break
            leading.append(p)
    late: list[etree._Element] = []
    top = element.find("a:preamble", NS)
    if top is not None:
        containers = top.findall("a:container", NS)
        for i, c in enumerate(containers):
            lost = _LOST_NUMBER.match(_bare(c))
            if lost and lost.group(1) == "1" and (lost.group(2) or lost.group(3)):
                late = containers[i:]
                break
    return Boundary(early, tuple(late))


def _top_preamble(c: etree._Element, element: etree._Element) -> bool:
    parent = c.getparent()
    return parent is not None and local(parent) == "preamble" and parent.getparent() is element


def _sectional_preamble(c: etree._Element, element: etree._Element) -> bool:
    """A preambular paragraph of a section of the operative part (``crossHeading refersTo="#preamble"``):
    budget resolutions print a preamble of their own for each section."""
    if local(c) != "crossHeading" or (c.get("refersTo") or "") != "#preamble":
        return False
    body = next((a for a in c.iterancestors() if local(a) == "mainBody"), None)
    return body is not None and body.getparent() is element


def _marked_phrase(element: etree._Element, plain: str) -> str | None:
    """The words that open a paragraph in italics, as the file marks them (``span class="italic"``)."""
    for span in element.iter(q("span"), q("i")):
        if local(span) == "i" or "italic" in (span.get("class") or ""):
            words = clean("".join(span.itertext())).rstrip(",\u060c\uff0c:").strip()
            return words if words and plain.startswith(words) else None
    return None


def preamble(
    element: etree._Element, notes: Notes, path: str, bounds: Boundary, language: str = "en"
) -> tuple[list[PreambularParagraph], list[Diagnostic]]:
    out: list[PreambularParagraph] = []
    diags: list[Diagnostic] = []
    containers = [
        c
        for c in element.iter(q("container"), q("paragraph"), q("crossHeading"), q("blockList"))
        if (local(c) in ("container", "blockList") and _top_preamble(c, element) and c not in bounds.late)
        or c in bounds.early
        or _sectional_preamble(c, element)
    ]
    for container in containers:
        if local(container) == "blockList":
            # a list the paragraph before introduces ("a major contribution to: (a) …, (b) …"): its text
            if not out:
                diags.append(
                    diagnostic(
                        "akn.unmapped",
                        path,
                        container.sourceline,
                        element="blockList",
                        text=clean("".join(container.itertext())),
                    )
                )
                continue
            last = out[-1]
            text = marked_text(container, notes, last.eid)
            plain = f"{last.text} {strip_marks(text)}"
            out[-1] = dataclasses.replace(
                last,
                text=plain,
                citations=tuple(dict.fromkeys((*last.citations, *cites(container, text)))),
                footnote_marks=(*last.footnote_marks, *marks_in(text)),
            )
            continue
        if container in bounds.early:
            diags.append(diagnostic(bounds.early[container], path, container.sourceline))
        ordinal = len(out) + 1
        eid = f"preamble_{ordinal}"
        text = marked_text(container, notes, eid)
        plain = strip_marks(text)
        marked = container.get("name") or _marked_phrase(container, plain)  # the UN's own markup of the phrase
        (phrase, key), found = preambular_clause(plain, ordinal, path, container.sourceline, language, marked)
        diags += found
        phrase = phrase if key else marked or phrase
        out.append(
            PreambularParagraph(
                ordinal, eid, phrase, key, plain, cites(container, text), tuple(marks_in(text)), container.sourceline
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


def operative(
    element: etree._Element, notes: Notes, path: str, bounds: Boundary, language: str = "en"
) -> tuple[list[OperativeParagraph], list[Diagnostic]]:
    bodies = element.findall("a:mainBody", NS)
    if not bodies:
        return [], []
    diags: list[Diagnostic] = []
    ops: list[_Op] = []
    heading: str | None = None
    last_was_heading = False
    for late in bounds.late:
        if lost := _LOST_NUMBER.match(_bare(late)):
            diags.append(diagnostic("akn.late-body", path, late.sourceline))
            ops.append(_Op(lost.group(1), late, None, lost_number=True))
        else:
            ops[-1].extra.append(late)  # the first one is numbered: there is a paragraph to continue
    kinds = (q("paragraph"), q("subheading"), q("crossHeading"), q("container"), q("num"), q("heading"), q("p"))
    for p in (p for body in bodies for p in body.iter(*kinds)):
        if (
            any(local(a) in ("paragraph", "container") for a in p.iterancestors())
            or p in bounds.early
            or _sectional_preamble(p, element)
            or (local(p) in ("num", "heading", "p") and local(p.getparent()) != "section")
        ):
            continue  # nested: read with its parent; or a preambular paragraph
        after_heading, last_was_heading = last_was_heading, False
        if local(p) == "container":
            # a table, or a block, between paragraphs: the paragraph before it introduced it
            if ops:
                ops[-1].extra.append(p)
            else:
                text = clean("".join(p.itertext()))
                diags.append(diagnostic("akn.unmapped", path, p.sourceline, element=local(p), text=text))
            continue
        num = p.find("a:num", NS)
        if local(p) != "paragraph" or num is None:
            text = clean("".join(t for t in p.itertext()))
            lost = _LOST_NUMBER.match(text) if local(p) == "paragraph" else None
            if lost and not (lost.group(2) or lost.group(3) or lost.group(1) == _next(ops)):
                lost = None
            if (
                local(p) != "paragraph"
                or (p.get("class") or "").startswith("H")
                or (not lost and _heading_like(_bare(p)) and _numbered_next(p))
            ):
                # a heading; a section's number and title ("I", "Standards of accommodation …") too
                # headings printed one after the other ("II", then the section's title) make one
                notes.take(p)
                heading = f"{heading} {text}" if heading and text and after_heading else text or heading
                last_was_heading = True
                continue
            elif lost:
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
        number = printed_number(notes.take(num))
        if re.fullmatch(r"[IVXL]{1,6}|[A-Z]", number):  # a part heading ("I", "II", "A"), not a paragraph
            notes.take(p)
            heading = clean(" ".join(p.itertext())) or heading
            continue
        if ops and number.isdigit() and number not in ("1", _next(ops)) and _introduces(ops[-1]):
            # "Decides to approve the following amendment …: Article 9, new paragraph 4: 4. In hearing …":
            # a numbered paragraph out of sequence after a colon is text the paragraph quotes
            diags.append(diagnostic("akn.quoted-paragraph", path, p.sourceline, number=number))
            ops[-1].extra.append(p)
            continue
        own = p.find("a:heading", NS)
        ops.append(_Op(number, p, notes.take(own) if own is not None else heading))
        heading = None
    if heading is not None and last_was_heading:
        diags.append(diagnostic("akn.unmapped", path, None, element="heading", text=heading))  # heads nothing
    out: list[OperativeParagraph] = []
    used: set[str] = set()
    ordinal = 0
    sequence = 0  # the number expected: a part may start again at 1
    for op in ops:
        if op.number and _SUB_NUMBER.match(op.number) and out:
            # "(a)" or "1.5" printed as a paragraph of its own: a sub-paragraph of the one before
            parent = out[-1]
            eid = _unique(f"{parent.eid}__subpara_{op.number.strip('()')}", used)
            text = marked_text(op.element, notes, eid, skip_own=("num",))
            for extra in op.extra:
                text += " " + _extra_text(extra, notes, eid)
            sub = SubParagraph(
                f"({op.number.strip('()')})" if op.number.startswith("(") else op.number,
                eid,
                strip_marks(text),
                cites(op.element, text),
                tuple(marks_in(text)),
                op.element.sourceline,
            )
            out[-1] = dataclasses.replace(parent, subparagraphs=(*parent.subparagraphs, sub))
            continue
        ordinal += 1
        sequence = 1 if op.number == "1" else sequence + 1
        eid = _unique(f"para_{op.number or ordinal}", used)
        paragraph, found = _paragraph(ordinal, sequence, op, eid, notes, path, language)
        out.append(paragraph)
        diags += found
    return out, diags


def _extra_text(extra: etree._Element, notes: Notes, eid: str) -> str:
    """The text of a block that continues a paragraph; a table's rows in order, its cells split by |."""
    if extra.find(".//a:table", NS) is None:
        return marked_text(extra, notes, eid)
    return table_text(extra, notes, eid)


def _introduces(op: _Op) -> bool:
    """Whether a paragraph (with what continues it) ends with a colon: it introduces what follows."""
    last = op.extra[-1] if op.extra else op.element
    return clean("".join(last.itertext())).endswith(":")


def _next(ops: list[_Op]) -> str:
    """The number the next operative paragraph should have."""
    last = next((op.number for op in reversed(ops) if op.number and op.number.isdigit()), "0")
    return str(int(last) + 1)


def _unique(eid: str, used: set[str]) -> str:
    """eIds follow the printed numbers; a number printed again (sections that restart) gets a suffix."""
    candidate, n = eid, 1
    while candidate in used:
        n += 1
        candidate = f"{eid}__{n}"
    used.add(candidate)
    return candidate


def _paragraph(
    ordinal: int, sequence: int, op: _Op, eid: str, notes: Notes, path: str, language: str
) -> tuple[OperativeParagraph, list[Diagnostic]]:
    p = op.element
    intro = p.find("a:list/a:intro", NS)
    main = intro if intro is not None else p
    text = marked_text(main, notes, eid, skip=("num", "list", "heading") if intro is None else ("num",))
    if op.lost_number:
        text = _LOST_NUMBER.sub("", text, count=1)
    for extra in op.extra:
        text += " " + _extra_text(extra, notes, eid)  # a quoted paragraph keeps its printed number
    subs: list[SubParagraph] = []
    for point in p.iter(q("point")):
        num = point.find("a:num", NS)
        number = notes.take(num) if num is not None else f"({len(subs) + 1})"
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
                cites(point, sub_text),
                tuple(marks_in(sub_text)),
                point.sourceline,
            )
        )
    plain = strip_marks(text)
    (phrase, key), found = operative_clause(
        plain, op.number, sequence, path, p.sourceline, language, _marked_phrase(main, plain)
    )
    return OperativeParagraph(
        ordinal,
        op.number,
        eid,
        phrase,
        key,
        plain,
        tuple(subs),
        cites(main, text),
        tuple(marks_in(text)),
        op.heading,
        p.sourceline,
    ), found
