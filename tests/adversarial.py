"""Long adversarial inputs for every parser stage, built from each stage's own building blocks.

Shared by the tests (asserted loosely) and by ``bench/run.py`` (measured). Each case is a name and a
function of a size in bytes returning (the stage to call, its input)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.inputs import Block, RawDocument
from pipeline.normalise import markdown, pdftotext
from pipeline.normalise.text import join_broken
from pipeline.parse import citations, header, votes
from pipeline.register import clauses, states


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _names(size: int) -> str:
    names = [s.name for s in states.register()]
    return _repeat(", ".join(names) + ", ", size)


Case = Callable[[int], tuple[Callable[[Any], Any], Any]]

CASES: dict[str, Case] = {
    "markdown: links, emphasis and marks": lambda n: (
        lambda t: markdown.normalise(RawDocument("x", t, "")),
        _repeat("[A/77/275](#) *Decides* **Md** ¹ [", n),
    ),
    "markdown: unclosed emphasis and brackets": lambda n: (
        lambda t: markdown.normalise(RawDocument("x", t, "")),
        _repeat("*a [b ***c ](", n),
    ),
    "pdftotext: furniture and digit marks": lambda n: (
        lambda t: pdftotext.normalise(RawDocument("x", t, "")),
        "20-14117 2/4\n" + _repeat(" report,1 2013 2 20-14117 ", n) + "\n__________\n 1  A/70/174.\n",
    ),
    "join: a paragraph broken many times": lambda n: (
        lambda bs: join_broken(bs, 0),
        [Block(w, i) for i, w in enumerate(_repeat("and of the ", n).split())],
    ),
    "heading: sponsor list of hundreds of names": lambda n: (
        lambda t: header.heading([Block(t, 1)]),
        _names(n) + " and Zimbabwe: draft resolution",
    ),
    "states: 'and' chains": lambda n: (
        states.split_names,
        _repeat("Antigua and Barbuda and Saint Vincent and the Grenadines and ", n),
    ),
    "states: names without commas": lambda n: (states.split_names, _repeat("United Kingdom of Great Britain ", n)),
    "clauses: adverbs without a verb": lambda n: (clauses.operative_verb, _repeat("Also further once again ", n)),
    "citations: resolution numbers": lambda n: (
        citations.citations,
        "resolutions " + _repeat("43/78 H, 72/512 and ", n),
    ),
    "citations: symbol prefixes": lambda n: (citations.citations, _repeat("A/C.1/A/RES/ ", n)),
    "votes: result words": lambda n: (votes.result, _repeat("by a recorded vote of 1 to ", n)),
    "votes: intended-vote statements": lambda n: (
        lambda t: votes.intentions(t, "fn_1", None, None),
        _repeat("the delegation of Chile and ", n),
    ),
}
