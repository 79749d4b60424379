"""Lineage: what changed from one text to another, paragraph by paragraph. Reads only the model.

``compare(earlier, later)`` aligns preambular paragraphs with preambular ones, operative with
operative, and the sub-paragraphs of two aligned operative paragraphs with each other; each paragraph
is then unchanged (the same words), edited, moved (found out of order), new or deleted.


The alignment keeps document order: an order-preserving alignment (dynamic programming over the
similarity of every pair, as in sequence alignment) takes the pairs whose words agree well enough
and whose sum is greatest, without crossings; of what is left, a pair alike enough to be the same
paragraph printed elsewhere is "moved", as is one whose words the other nearly all keeps in order
(one grown by a clause, or condensed). Similarity is rapidfuzz's normalised Indel similarity of the
two texts' words (1 the same words in the same order, 0 nothing in common).

``pairs(documents)`` finds, among documents read together, the texts each one derives from: a
resolution and the draft it adopts (the UN's own record of the adoption), a revision and the draft it
revises, a resolution and the original of the draft it adopts when only the original was read, and a
resolution and its predecessor in a series (the previous session's resolution it cites and whose
title it bears), each with its evidence and confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Indel

from pipeline.model import (
    ChangeKind,
    Comparison,
    Document,
    DocumentKind,
    OperativeParagraph,
    ParagraphChange,
    PreambularParagraph,
)
from pipeline.symbols import Symbol, SymbolKind

# the least similarity for two paragraphs in order to be one paragraph edited — lower where both open
# with the same phrase or verb ("Calls upon" and "Calls upon": the UN's editors keep a paragraph's verb
# when they redraft it), higher where they do not — and out of order to be one paragraph moved
# (the UN's long proper names — "Open-ended Working Group on Developments in the Field of …" — make
# unrelated paragraphs half alike)
ALIGNED = 0.75
ALIGNED_SAME_VERB = 0.45
MOVED = 0.85
MOVED_SAME_VERB = 0.65
# a paragraph grown from another or condensed into it: the shorter's content words nearly all kept, in
# order, in the longer (a clause added, a list cut), though the two are no longer alike as wholes — for
# one of some length only, where so many words in order are no accident. Content words: those set in
# lower case that are not function words — a proper name ("Open-ended Working Group on Developments in
# the Field of …") is capitalised and counts for nothing, so a shared name alone never makes a pair
KEPT = 0.8
KEPT_LEAST_WORDS = 8
_FUNCTION = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "these",
        "this",
        "those",
        "to",
        "which",
        "with",
    }
)
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class _Text:
    eid: str
    words: tuple[str, ...]
    verb: str | None = None  # the lexicon key of its phrase or verb

    @cached_property
    def content(self) -> tuple[str, ...]:
        """Its content words (``kept``), picked once however many paragraphs it is held against."""
        return _content(self.words)


def words(text: str) -> tuple[str, ...]:
    """A paragraph's words and punctuation, as compared (case kept: "open-ended" and "Open-ended"
    differ, as the UN's editors mean them to)."""
    return tuple(_WORD.findall(text))


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return float(Indel.normalized_similarity(a, b))


def kept(a: Sequence[str], b: Sequence[str]) -> float:
    """How much of the shorter paragraph's content words the longer keeps in order: their longest common
    subsequence over the shorter's count (1 where one holds the other whole); 0 where the shorter has
    fewer than KEPT_LEAST_WORDS content words."""
    return _kept(_content(a), _content(b))


def _kept(x: Sequence[str], y: Sequence[str]) -> float:
    shorter = min(len(x), len(y))
    if shorter < KEPT_LEAST_WORDS:
        return 0.0
    common = (len(x) + len(y) - Indel.distance(x, y)) / 2
    return common / shorter


def _content(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w[0].islower() and w not in _FUNCTION)


def align(earlier: Sequence[_Text], later: Sequence[_Text]) -> list[ParagraphChange]:
    """Every paragraph of both lists with its change, in the later text's order (a deleted paragraph
    after the later paragraph it followed)."""
    n, m = len(earlier), len(later)
    codes: dict[str, str] = {}  # each word a character: the same similarities, compared as text (faster)
    coded = [
        ["".join([codes.setdefault(w, chr(len(codes))) for w in t.words]) for t in side] for side in (earlier, later)
    ]
    sim = [[similarity(a, b) for b in coded[1]] for a in coded[0]]
    # what a pair scores: its similarity above its threshold (a weak pair never displaces two gaps)
    gain = [
        [s - _threshold(a, b, ALIGNED_SAME_VERB, ALIGNED) for s, b in zip(sim[i], later, strict=True)]
        for i, a in enumerate(earlier)
    ]
    # best[i][j]: the best alignment score of earlier[:i] with later[:j]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above, g = best[i], best[i - 1], gain[i - 1]
        for j in range(1, m + 1):
            take = above[j - 1] + g[j - 1] if g[j - 1] >= 0 else -1.0
            row[j] = max(above[j], row[j - 1], take)
    matched: dict[int, int] = {}  # later index → earlier index
    i, j = n, m
    while i and j:
        pair = gain[i - 1][j - 1]
        if pair >= 0 and best[i][j] == best[i - 1][j - 1] + pair:
            matched[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    taken = set(matched.values())
    moved: dict[int, int] = {}
    for j in range(m):  # each later paragraph left, with the earlier one left that it is most like
        if j in matched:
            continue
        options = [
            (sim[i][j], i)
            for i in range(n)
            if i not in taken
            and (
                sim[i][j] >= _threshold(earlier[i], later[j], MOVED_SAME_VERB, MOVED)
                or _kept(earlier[i].content, later[j].content) >= KEPT
            )
        ]
        if options:
            _, i = max(options)
            moved[j] = i
            taken.add(i)
    out: list[ParagraphChange] = []
    deleted = [i for i in range(n) if i not in taken]
    for j, b in enumerate(later):
        if j in matched or j in moved:
            i = matched[j] if j in matched else moved[j]
            a = earlier[i]
            if j in moved:
                kind = ChangeKind.MOVED
            else:
                kind = ChangeKind.UNCHANGED if a.words == b.words else ChangeKind.EDITED
                while deleted and deleted[0] < i:  # deleted paragraphs before this one's counterpart
                    out.append(ParagraphChange(ChangeKind.DELETED, None, earlier[deleted.pop(0)].eid))
            out.append(ParagraphChange(kind, b.eid, a.eid, round(sim[i][j], 4)))
        else:
            out.append(ParagraphChange(ChangeKind.NEW, b.eid, None))
    out += [ParagraphChange(ChangeKind.DELETED, None, earlier[i].eid) for i in deleted]
    return out


def _threshold(a: _Text, b: _Text, same_verb: float, otherwise: float) -> float:
    return same_verb if a.verb and a.verb == b.verb else otherwise


def compare(earlier: Document, later: Document, found_by: str, confidence: float = 1.0) -> Comparison:
    """Every paragraph of ``later`` (and every one ``earlier`` had that it lost), with its change."""
    assert earlier.symbol is not None
    changes = align(paragraph_texts(earlier.preamble), paragraph_texts(later.preamble))
    ops = align(paragraph_texts(earlier.operative), paragraph_texts(later.operative))
    old_ops = {op.eid: op for op in earlier.operative}
    new_ops = {op.eid: op for op in later.operative}
    for change in ops:
        changes.append(change)
        if change.new and change.old:
            changes += align(_subs(old_ops[change.old]), _subs(new_ops[change.new]))
        elif change.new:
            changes += [ParagraphChange(ChangeKind.NEW, s.eid, None) for s in new_ops[change.new].subparagraphs]
        elif change.old:
            changes += [ParagraphChange(ChangeKind.DELETED, None, s.eid) for s in old_ops[change.old].subparagraphs]
    return Comparison(earlier.symbol, found_by, confidence, tuple(changes))


@dataclass(frozen=True)
class Pair:
    """A later document and an earlier text it derives from, how the pair was found, how sure it is."""

    later: Document
    earlier: Document
    found_by: str
    confidence: float = 1.0


def pairs(documents: Sequence[Document], cited: Callable[[Document], Iterable[Symbol]] | None = None) -> list[Pair]:
    """Every document read with a text it derives from: the draft a resolution adopts (or that draft's
    original), the draft a revision revises, and a resolution's predecessor (``predecessor``).
    ``cited``: the symbols a document cites, where its model does not hold its paragraphs (default:
    those of its ``citations``)."""
    by_symbol = {d.symbol: d for d in documents if d.symbol is not None and d.kind is not DocumentKind.COMMITTEE_REPORT}
    out = []
    for doc in documents:
        adopted = doc.adoption.draft if doc.adoption else None
        if adopted is not None:
            if adopted in by_symbol:
                out.append(Pair(doc, by_symbol[adopted], "adopts"))
            elif adopted.revision and adopted.base in by_symbol:
                out.append(Pair(doc, by_symbol[adopted.base], "adopts a revision of"))
        revised = doc.revision_of or (doc.symbol.previous_revision if doc.symbol else None)
        if revised is not None and revised in by_symbol and by_symbol[revised] is not doc:
            out.append(Pair(doc, by_symbol[revised], "revises"))
        found = predecessor(doc, by_symbol, cited)
        if found is not None:
            out.append(found)
    return out


def continued(doc: Document) -> tuple[Symbol, ...]:
    """The symbols ``doc`` cites that may name the resolution it continues (``predecessor``): those of
    General Assembly resolutions of the session before its own, or of a session their symbol does not
    number (a special session's). Nothing for a document that is not a resolution of a numbered session."""
    if doc.kind is not DocumentKind.RESOLUTION or doc.session is None:
        return ()
    earlier = doc.session - 1
    return tuple(
        c.symbol
        for c in doc.citations
        if c.symbol.kind is SymbolKind.GA_RESOLUTION and c.symbol.session in (None, earlier)
    )


def predecessor(
    doc: Document,
    by_symbol: Mapping[Symbol, Document],
    cited: Callable[[Document], Iterable[Symbol]] | None = None,
) -> Pair | None:
    """The resolution of the session before that ``doc`` continues, among the documents read (by
    symbol): one it cites
    ("Recalling its resolution 76/19 of 6 December 2021") that bears its title (confidence 1) or,
    failing that, its agenda item's title (0.5: one agenda item holds several series — "Child, early
    and forced marriage" recalls "The girl child" of the same item). A resolution a series repeats
    every year recalls the last one; one that only cites a resolution of another title is no series.
    None when no resolution, or more than one of the best kind, qualifies."""
    if doc.kind is not DocumentKind.RESOLUTION or doc.session is None:
        return None
    symbols = cited(doc) if cited is not None else continued(doc)
    candidates = [
        d
        for d in (by_symbol[symbol] for symbol in symbols if symbol in by_symbol)
        if d.kind is DocumentKind.RESOLUTION and d.session == doc.session - 1
    ]
    for evidence, confidence, same in (
        ("same title", 1.0, lambda d: bool(d.title) and _norm(d.title) == _norm(doc.title)),
        (
            "same agenda item title",
            0.5,
            lambda d: bool(d.agenda_title) and _norm(d.agenda_title) == _norm(doc.agenda_title),
        ),
    ):
        found = [d for d in candidates if same(d)]
        if len(found) == 1:
            earlier = found[0]
            return Pair(
                doc, earlier, f"predecessor: cites {earlier.symbol} of the session before, {evidence}", confidence
            )
        if found:
            return None  # two of the previous session's resolutions bear its title: not for a guess
    return None


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def paragraph_texts(paragraphs: Sequence[PreambularParagraph] | Sequence[OperativeParagraph]) -> list[_Text]:
    return [_Text(p.eid, words(p.text), p.verb) for p in paragraphs]


def _subs(op: OperativeParagraph) -> list[_Text]:
    return [_Text(s.eid, words(s.text)) for s in op.subparagraphs]


__all__ = [
    "ALIGNED",
    "ALIGNED_SAME_VERB",
    "KEPT",
    "MOVED",
    "MOVED_SAME_VERB",
    "Pair",
    "align",
    "compare",
    "kept",
    "pairs",
    "paragraph_texts",
    "predecessor",
    "similarity",
    "words",
]
