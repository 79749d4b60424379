"""Preambular phrases and operative verbs, with the adverbs that belong to them.

>>> preambular_phrase("Reaffirming also that the United Nations should continue")
('Reaffirming also', 'reaffirming')
>>> operative_verb("Also decides to include in the provisional agenda")
('Also decides', 'decides')
>>> operative_verb("Underlines further that the open-ended working group")
('Underlines further', 'underlines')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

# phrases of one part of the lexicon as word tuples, by their number of words, the longest first
Options = tuple[tuple[int, frozenset[tuple[str, ...]]], ...]


@dataclass(frozen=True)
class Lexicon:
    heads: Options
    before: Options
    after: Options


@cache
def _data() -> dict[str, object]:
    text = resources.files("pipeline").joinpath("register/clauses.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _words(phrases: list[str]) -> Options:
    words = {tuple(p.lower().split()) for p in phrases}
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sorted({len(w) for w in words}, reverse=True))


@cache
def lexicon(part: str) -> Lexicon:
    data = _data()
    adverbs = data["adverbs"]
    assert isinstance(adverbs, dict)
    section = data[part]
    assert isinstance(section, dict)
    heads = section["phrases"] if part == "preambular" else section["verbs"]
    return Lexicon(_words(heads), _words(adverbs["before"]), _words(adverbs["after"]))


def _match(lowered: list[str], start: int, options: Options) -> int:
    """Length (in words) of the longest option found at ``start`` of words lowered and stripped of
    their punctuation (``_lowered``); 0 when none."""
    window = tuple(lowered[start : start + 12])
    for n, phrases in options:  # an option of n words is the first n words, each whole
        if n <= len(window) and window[:n] in phrases:
            return n
    return 0


def _clause(text: str, lex: Lexicon) -> tuple[str, str] | None:
    words = text.split(" ", 16)[:16]
    lowered = _lowered(words)
    i = _match(lowered, 0, lex.before)
    head = _match(lowered, i, lex.heads)
    if not head:
        if i:  # "Further decides" where "Further" was not an adverb after all
            i, head = 0, _match(lowered, 0, lex.heads)
        if not head:
            return _inner_adverb(words, lowered, lex)
    end = i + head
    after = _match(lowered, end, lex.after)
    # an adverb ending in a comma still belongs to the clause; a following word decides nothing
    end += after
    phrase = " ".join(words[:end]).rstrip(",:;")
    key = " ".join(w.lower() for w in words[i : i + head]).rstrip(",:;")
    return phrase, key


def _lowered(words: list[str]) -> list[str]:
    return [w.lower().strip(",:;") for w in words]


def _inner_adverb(words: list[str], lowered: list[str], lex: Lexicon) -> tuple[str, str] | None:
    """An adverb inside a head of several words: "Having also considered", "Guided also by"."""
    adverb = _match(lowered, 1, lex.after)
    if not adverb:
        return None
    rest = [words[0], *words[1 + adverb :]]
    head = _match([lowered[0], *lowered[1 + adverb :]], 0, lex.heads)
    if head < 2:
        return None
    end = head + adverb
    phrase = " ".join(words[:end]).rstrip(",:;")
    key = " ".join(w.lower() for w in rest[:head]).rstrip(",:;")
    return phrase, key


def preambular_phrase(text: str) -> tuple[str, str] | None:
    """(phrase as written, lexicon key) of a preambular paragraph, or None when unknown."""
    return _clause(text, lexicon("preambular"))


def operative_verb(text: str) -> tuple[str, str] | None:
    """(verb as written with its adverbs, lexicon key) of an operative paragraph's text."""
    return _clause(text, lexicon("operative"))


def fallback(text: str) -> str | None:
    """The first word, when nothing in the lexicon matches (the parser warns about it)."""
    first = text.split(" ", 1)[0].rstrip(",:;")
    return first if first[:1].isupper() and first.isalpha() else None
