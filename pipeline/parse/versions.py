"""Language versions: the same document read from files in several languages, combined into one
Document (its primary language's reading) that carries the others as ``versions``.

A part keeps one identity across languages: each version's paragraphs, sub-paragraphs, footnotes and
annex blocks take the eId of the primary's part at the same place (the UN's files number their
elements the same way in the six languages, while the printed numbers differ: "(a)", "a)", "(أ)",
"㈠"). Where a version has more or fewer parts of a kind, the parts are aligned in order and a
``language.count`` warning names the kind, both counts and the file; the version's parts past the
shorter count are not published, the primary's stay.

    primary  A_RES_77_104-2228250E.xml  en  preamble_1 … para_4, fn_1 …
    version  A_RES_77_104-2228250F.xml  fr  (same eIds, French text)
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.iris import dump_name
from pipeline.model import (
    Annex,
    AnnexParagraph,
    Document,
    Footnote,
    OperativeParagraph,
    PreambularParagraph,
    SubParagraph,
)
from pipeline.register import languages

# When one language of a document is read from several files, the richer source is used: the UN's
# own markup first (the order the build uses to choose between sources of one document too).
SOURCE_PRIORITY = {"akn4un": 0, "pdf": 1, "markdown-export": 2, "pdftotext-layout": 3, "pdftotext": 4}

P = TypeVar("P")


def rank(doc: Document) -> tuple[int, str]:
    """How a source of a document ranks against another source of it: lower first."""
    source = doc.source
    return (SOURCE_PRIORITY.get(source.layout, 9), source.path) if source else (9, "")


def combine(documents: Sequence[Document]) -> tuple[list[Document], list[Diagnostic]]:
    """The documents of one build with their language versions attached: every reading in the primary
    language (English when read, else the first of ``languages.LANGUAGES``) is kept, in input order,
    for the build to choose between; each other language contributes its best-ranked reading."""
    groups: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for doc in documents:
        groups[dump_name(doc)][doc.language].append(doc)
    out: list[Document] = []
    found: list[Diagnostic] = []
    for name, by_language in groups.items():
        primary, *others = sorted(by_language, key=languages.order)
        chosen: list[Document] = []
        for language in others:
            best, *rest = sorted(by_language[language], key=rank)
            for left in rest:
                kept = best.source.path if best.source else "-"
                found.append(
                    diagnostic(
                        "language.twice",
                        left.source.path if left.source else None,
                        name=name,
                        language=_name(language),
                        kept=kept,
                    )
                )
            chosen.append(best)
        for doc in by_language[primary]:
            attached = []
            for version in chosen:
                aligned, problems = align(doc, version)
                attached.append(aligned)
                if doc is by_language[primary][0]:
                    found += problems
            out.append(dataclasses.replace(doc, versions=tuple(attached)) if attached else doc)
    return out, found


def _name(tag: str) -> str:
    known = languages.by_code(tag)
    return known.name if known else tag


def align(primary: Document, version: Document) -> tuple[Document, list[Diagnostic]]:
    """``version`` with the eIds of ``primary``'s parts at the same places, and a warning for each kind of
    part whose count differs."""
    path = version.source.path if version.source else None
    name = dump_name(primary)
    found: list[Diagnostic] = []
    renamed: dict[str, str] = {}

    def pair(kind: str, ours: Sequence[P], theirs: Sequence[P], line: int | None = None) -> list[tuple[P, P]]:
        if len(ours) != len(theirs):
            # the line of the first part past the shorter count, in the version's file when it has it
            past = theirs[len(ours)] if len(theirs) > len(ours) else (theirs[-1] if theirs else None)
            line = line or getattr(past, "line", None)
            found.append(
                diagnostic(
                    "language.count",
                    path,
                    line,
                    language=_name(version.language),
                    primary=_name(primary.language),
                    name=name,
                    part=kind,
                    found=len(theirs),
                    expected=len(ours),
                )
            )
        return list(zip(ours, theirs, strict=False))

    preamble: list[PreambularParagraph] = []
    for pre, their_pre in pair("preambular paragraphs", primary.preamble, version.preamble):
        renamed[their_pre.eid] = pre.eid
        preamble.append(dataclasses.replace(their_pre, eid=pre.eid, ordinal=pre.ordinal))
    operative: list[OperativeParagraph] = []
    for op, their_op in pair("operative paragraphs", primary.operative, version.operative):
        renamed[their_op.eid] = op.eid
        subs: list[SubParagraph] = []
        kind = f"sub-paragraphs in paragraph {op.number or op.ordinal}"
        for sub, their_sub in pair(kind, op.subparagraphs, their_op.subparagraphs, their_op.line):
            renamed[their_sub.eid] = sub.eid
            subs.append(dataclasses.replace(their_sub, eid=sub.eid))
        operative.append(dataclasses.replace(their_op, eid=op.eid, ordinal=op.ordinal, subparagraphs=tuple(subs)))
    annexes: list[Annex] = []
    for annex, their_annex in pair("annexes", primary.annexes, version.annexes):
        blocks: list[AnnexParagraph] = []
        kind = f"blocks in annex {annex.ordinal}"
        for block, their_block in pair(kind, annex.paragraphs, their_annex.paragraphs, their_annex.line):
            renamed[their_block.eid] = block.eid
            blocks.append(dataclasses.replace(their_block, eid=block.eid, ordinal=block.ordinal))
        annexes.append(dataclasses.replace(their_annex, eid=annex.eid, ordinal=annex.ordinal, paragraphs=tuple(blocks)))
    notes: list[Footnote] = []
    for note, their_note in pair("footnotes", primary.footnotes, version.footnotes):
        anchored = renamed.get(their_note.anchored_in, note.anchored_in) if their_note.anchored_in else None
        notes.append(dataclasses.replace(their_note, eid=note.eid, anchored_in=anchored))
    if version.title is None:
        found.append(diagnostic("language.no-title", path, language=_name(version.language), name=name))
    aligned = dataclasses.replace(
        version,
        preamble=tuple(preamble),
        operative=tuple(operative),
        annexes=tuple(annexes),
        footnotes=tuple(notes),
    )
    return aligned, found
