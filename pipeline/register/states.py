"""The Member State register, and splitting lists of State names by it.

The register (``pipeline/register/states.csv``, built by ``tools/build_register.py``) holds every UN
Member State, the observer States and States that no longer exist, with ISO 3166 alpha-3 (ISO 3166-3
for former States), UN M49, Wikidata, dates of membership and every name form documents use. Names
compare without regard to case, apostrophe style, spacing or a leading "the".

    >>> resolve("the former Yugoslav Republic of Macedonia").iso3
    'MKD'
    >>> [s.iso3 for s in split_names("Antigua and Barbuda, Chile and Saint Vincent and the Grenadines")]
    ['ATG', 'CHL', 'VCT']
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from pipeline.model import StateRef
from pipeline.register import groups

_LONGEST_NAME = 90  # characters; no State's name is longer


@dataclass(frozen=True)
class State:
    iso3: str
    m49: str
    name: str
    status: str  # member, observer, former
    wikidata: str
    member_from: str
    member_to: str
    successor: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@lru_cache(maxsize=8192)  # a document names the same States again and again (each vote lists them all)
def key(name: str) -> str:
    """The form names are compared in: case-folded, without diacritics (so "TÜRKİYE" and "Türkiye"
    agree), straight apostrophes, single spaces, no leading 'the'."""
    k = unicodedata.normalize("NFKD", name.casefold())
    k = "".join(ch for ch in k if not unicodedata.combining(ch))
    k = k.replace("’", "'").replace("‘", "'").replace("`", "'")
    k = " ".join(k.split()).strip(" .;:")
    if k.startswith("the "):
        k = k[4:]
    return k


@cache
def register() -> tuple[State, ...]:
    text = resources.files("pipeline").joinpath("register/states.csv").read_text(encoding="utf-8")
    states = []
    for row in csv.DictReader(io.StringIO(text)):
        aliases = tuple(a for a in row.pop("aliases").split("|") if a)
        states.append(State(aliases=aliases, **row))
    return tuple(states)


@cache
def _index() -> dict[str, State]:
    index: dict[str, State] = {}
    for state in register():
        for name in state.names:
            index.setdefault(key(name), state)
    return index


def by_code(iso3: str) -> State | None:
    return _by_code().get(iso3)


@cache
def _by_code() -> dict[str, State]:
    by: dict[str, State] = {}
    for state in register():
        by.setdefault(state.iso3, state)  # the first entry of a code, as a scan of the register finds it
    return by


def resolve(name: str) -> State | None:
    """The State a name form stands for, or None when the register does not know it. A name that
    text extraction spaced out letter by letter ("United K in g do m of G re at B r it a in") is
    known by its letters: no name forms of two States differ only in their spaces."""
    found = _index().get(key(name))
    if found is None and name.count(" ") > 2:
        found = _letters().get(key(name).replace(" ", ""))
    return found


@cache
def _letters() -> dict[str, State]:
    return {k.replace(" ", ""): state for k, state in _index().items()}


def name_forms() -> int:
    """How many distinct name forms (after case and apostrophe folding) the register resolves."""
    return len(_index())


_PROPOSER = re.compile(
    r"^(?:submitted by|on the basis of|on behalf of|following)\b|\b(?:Chair|Vice-Chair|President|Bureau|Rapporteur|"
    r"Committee|Council|Secretary-General|consultations|Group of)\b",
    re.I,
)
# Both linear: what comes before the parenthesis ends in a non-space, and nothing inside it can be read
# two ways (a second parenthesis only after the first has closed).
_ON_BEHALF = re.compile(r"^([^()\s](?:[^()]*[^()\s])?)\s*\((?:on|of) behalf of [^()]*(?:\([^()]*\)[^()]*)?\)$")
_PERSON = re.compile(r"^([^()\s](?:[^()]*[^()\s])?)\s*\(([^()]+)\)$")
_REPRESENTATIVE = re.compile(r"^the representative of ", re.I)


def items(text: str) -> list[str]:
    """Comma- or semicolon-separated items, not splitting inside parentheses."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            out.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    out.append("".join(current).strip())
    return [i for i in out if i]


def sponsor_names(text: str) -> tuple[list[StateRef], list[str], dict[str, str]]:
    """The sponsoring States of a sponsor line, as documents and AKN workflows write it; the proposers
    in it that are not States; and the groups States speak for (ISO code → group key, ``groups``).

    "X (on behalf of the States Members … of the Group of 77 and China)" is X; "the representative of
    X" is X; a proposer that is not a State (a Chair, the Bureau, a Council, "on the basis of informal
    consultations") is returned as such, not as a State the register does not know.

        >>> refs, others, _ = sponsor_names("Chile and Peru, submitted by the Chair")
        >>> [r.iso3 for r in refs], others
        (['CHL', 'PER'], ['submitted by the Chair'])
        >>> sponsor_names("Cuba (on behalf of the Group of 77 and China)")[2]
        {'CUB': 'G77'}
    """
    refs: list[StateRef] = []
    others: list[str] = []
    behalf_of: dict[str, str] = {}
    pieces = [p for item in items(" ".join(text.split()).strip(" .:")) for p in re.split(r"(?<=\)) and ", item)]
    for item in pieces:
        item = _REPRESENTATIVE.sub("", item)
        if item.lower().startswith("and "):
            item = item[4:]
        behalf = _ON_BEHALF.match(item)
        if behalf and all(r.iso3 for r in split_names(behalf.group(1))):
            group = groups.find(item[len(behalf.group(1)) :])
            item = behalf.group(1)  # the States that speak for a group are the sponsors
            for ref in split_names(item):
                if group and ref.iso3:
                    behalf_of[ref.iso3] = group.key
        person = _PERSON.match(item)
        if person and resolve(item) is None and resolve(person.group(2)) and not resolve(person.group(1)):
            others.append(item)  # a Chair or Vice-Chair named with the State, proposing in that capacity
            continue
        if resolve(item) is None and _PROPOSER.search(item):
            others.append(item)
            continue
        refs += split_names(item)
    return refs, others, behalf_of


def split_names(text: str) -> list[StateRef]:
    """Split "X, Y and Z" into States, keeping names with "and" in them whole.

    A name the register does not know is kept, with iso3 None."""
    refs: list[StateRef] = []
    text = " ".join(text.split()).strip(" .:")
    if not text:
        return refs
    for item in items(text):
        if not item:
            continue
        if item.lower().startswith("and "):
            item = item[4:]
        for name in _split_and(item):
            if name.startswith("the ") and name[4:5].isupper():
                name = name[4:]  # the article of the sentence, not of the name ("the former Yugoslav …" stays)
            state = resolve(name)
            refs.append(StateRef(name, state.iso3 if state else None))
    return refs


def _split_and(item: str) -> list[str]:
    """Split one comma item on ' and ' where that gives known names; otherwise keep it whole."""
    if resolve(item) is not None or " and " not in item:
        return [item]
    parts = item.split(" and ")
    n = len(parts)
    # best[i]: a split of parts[i:] into known names (None when there is none)
    best: list[list[str] | None] = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        length = -5
        for j in range(i + 1, n + 1):
            length += len(parts[j - 1]) + 5
            if length > _LONGEST_NAME:
                break
            rest = best[j]
            if rest is not None:
                name = " and ".join(parts[i:j])
                if resolve(name) is not None:
                    best[i] = [name, *rest]
                    break
    if best[0] is not None:
        return best[0]
    # no split into known names only: take the longest known name at each point, else one part,
    # so that "Atlantis and Peru" keeps Peru and reports Atlantis
    out, i = [], 0
    while i < n:
        j = next((j for j in range(min(n, i + 8), i, -1) if resolve(" and ".join(parts[i:j]))), i + 1)
        out.append(" and ".join(parts[i:j]))
        i = j
    return out
