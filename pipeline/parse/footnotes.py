"""Footnotes: the (sub)paragraph each one is anchored in, its eId, and marks that no footnote text
answers. One rule for every reader (the text resolution parser, the committee report parser and the
Akoma Ntoso reader):

- a footnote is anchored in the (sub)paragraph where its first mark stands; the places are given in
  reading order, so the first place whose marks hold the footnote's marker is its anchor (a reader
  that knows which mark is the footnote's own, as Akoma Ntoso does, gives that place as ``Note.at``);
- a footnote's eId is ``fn_{marker}`` (asterisks named: ``fn_star``, ``fn_star2``); a marker that
  comes again gets a suffix (``repeated``);
- a mark that no footnote text answers is reported as ``parse.missing-footnote``, once per marker,
  at the line of the first (sub)paragraph where it stands.

    >>> notes = [Note("1", "A/77/1.", 9, ())]
    >>> found, missing = anchor(notes, [Place("preamble_1", ("1",), 3), Place("para_1", ("2",), 5)], "x.txt")
    >>> [(f.eid, f.anchored_in) for f in found], [str(d) for d in missing]
    ([('fn_1', 'preamble_1')], ['x.txt:5: warning parse.missing-footnote: mark 2 refers to no footnote text'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.model import Citation, Footnote, OperativeParagraph, PreambularParagraph


@dataclass(frozen=True)
class Place:
    """A (sub)paragraph footnote marks can stand in."""

    eid: str
    marks: tuple[str, ...]
    line: int | None


@dataclass(frozen=True)
class Note:
    """The text of one footnote, as a reader found it."""

    marker: str
    text: str
    line: int | None
    citations: tuple[Citation, ...]
    at: str | None = None  # the eId where this footnote's own mark stands, when the reader knows it


class Repeated(Enum):
    """The eId of a footnote whose marker an earlier footnote of the same document already has."""

    LINE = "line"  # fn_{marker}_{line of the footnote text}
    POSITION = "position"  # fn_{marker}_{how many footnotes come before it}
    SAME = "same"  # fn_{marker} again (the two footnotes then share an eId)


def places(preamble: Iterable[PreambularParagraph], operative: Iterable[OperativeParagraph]) -> list[Place]:
    """The (sub)paragraphs of a body in reading order: the preamble, then each operative paragraph
    followed by its sub-paragraphs."""
    out = [Place(p.eid, p.footnote_marks, p.line) for p in preamble]
    for op in operative:
        out.append(Place(op.eid, op.footnote_marks, op.line))
        out.extend(Place(s.eid, s.footnote_marks, s.line) for s in op.subparagraphs)
    return out


def first_marks(where: Iterable[Place]) -> dict[str, str]:
    """Each marker and the eId of the first place where it stands."""
    first: dict[str, str] = {}
    for place in where:
        for marker in place.marks:
            first.setdefault(marker, place.eid)
    return first


def anchor(
    notes: Sequence[Note],
    where: Sequence[Place],
    path: str | None,
    repeated: Repeated = Repeated.LINE,
    report_missing: bool = True,
) -> tuple[list[Footnote], list[Diagnostic]]:
    """The footnotes of one document (or one embedded draft) and the marks no footnote text answers."""
    first = first_marks(where)
    footnotes: list[Footnote] = []
    seen: set[str] = set()
    for n, note in enumerate(notes):
        eid = f"fn_{_key(note.marker)}" if note.marker not in seen else _suffixed(note, n, repeated)
        seen.add(note.marker)
        anchored_in = note.at if note.at is not None else first.get(note.marker)
        footnotes.append(Footnote(note.marker, eid, note.text, anchored_in, note.citations, note.line))
    missing: list[Diagnostic] = []
    if report_missing:
        for place in where:
            for marker in place.marks:
                if marker not in seen:
                    seen.add(marker)
                    missing.append(diagnostic("parse.missing-footnote", path, place.line, marker=marker))
    return footnotes, missing


def _key(marker: str) -> str:
    """A marker as an eId part: asterisks are named ("*" → "star", "**" → "star2")."""
    if marker and set(marker) == {"*"}:
        return "star" if len(marker) == 1 else f"star{len(marker)}"
    return marker


def _suffixed(note: Note, position: int, repeated: Repeated) -> str:
    key = _key(note.marker)
    if repeated is Repeated.LINE:
        return f"fn_{key}_{note.line}"
    if repeated is Repeated.POSITION:
        return f"fn_{key}_{position}"
    return f"fn_{key}"


_NAME_MARK = re.compile(r"(?<=\w)(\*{1,3})")
_ON_BEHALF = re.compile(r"^On behalf of (.+?)(?:,|\.|$)")


def heading_notes(notes: Sequence[Footnote]) -> tuple[list[Footnote], list[Footnote]]:
    """The footnotes, and apart from them the notes on the heading: an asterisk note whose mark
    stands in no paragraph (it stands in the sponsors line or the title: "* Reissued for technical
    reasons", "* On behalf of the States that are members of the Group of 77 and China")."""
    kept: list[Footnote] = []
    heading: list[Footnote] = []
    for note in notes:
        starred = bool(note.marker) and set(note.marker) == {"*"}
        (heading if starred and note.anchored_in is None else kept).append(note)
    return kept, heading


def sponsors_with_group(sponsors: str | None, notes: Sequence[Footnote]) -> str | None:
    """The sponsors line with the group a heading note says a sponsor acts for: "Iraq" and "* On
    behalf of the States that are members of the Group of 77 and China, …" make "Iraq (on behalf of
    the States that are members of the Group of 77 and China)"; so does "Nigeria*" in a list, the
    note's asterisk after the name. Other asterisks after a name go."""
    if not sponsors:
        return sponsors
    groups = {n.marker: m.group(1) for n in notes if (m := _ON_BEHALF.match(n.text))}

    def named(m: re.Match[str]) -> str:
        group = groups.get(m.group(1))
        return f" (on behalf of {group})" if group else ""

    marked = _NAME_MARK.sub(named, sponsors)
    # "Australia and Nigeria (on behalf of …)": the group is Nigeria's alone, so the list is made plain
    marked = re.sub(r" and (?=[^,]*\(on behalf of [^)]*\)$)", ", ", marked) if marked != sponsors else marked
    if marked == sponsors and groups and "," not in sponsors and " and " not in sponsors:
        return f"{sponsors} (on behalf of {next(iter(groups.values()))})"  # the mark stood after the colon
    return marked
