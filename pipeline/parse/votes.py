"""Votes: result sentences, the three lists of a recorded vote, non-voting members, and later
statements of intended votes.

    >>> result("adopted draft resolution A/C.1/73/L.37 by a recorded vote of 139 to 11, with 18 abstentions")
    (True, 139, 11, 18)
    >>> result("was adopted by 185 votes to none, with 2 abstentions")
    (False, 185, 0, 2)
    >>> result("adopted the draft resolution without a vote")
    (False, None, None, None)
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.model import RecordedVote, StateRef, VoteIntention, VoteOutcome, VotePosition, VoteSubject
from pipeline.parse.names import state_refs
from pipeline.register import states
from pipeline.register.numbers import ordinal_number
from pipeline.symbols import Symbol

_NUMBER = r"(\d{1,3}|none|no|one|two|three|four|five|six|seven|eight|nine|ten)"
_RESULT = re.compile(
    rf"\bby (?P<recorded>a recorded vote of |)(?P<yes>\d{{1,3}})(?: votes)? to (?P<no>{_NUMBER})"
    rf"(?:, with (?P<abstain>{_NUMBER}) abstentions?)?",
    re.I,
)
_WITHOUT_VOTE = re.compile(r"\bwithout a vote\b", re.I)
_VOTED = re.compile(r"(?P<passive>\bwas )?\b(?:adopted|rejected|retained|deleted) ")
_OBJECT_END = re.compile(r" by (?:a recorded vote|\d)| without a vote|, as orally|\.(?!\d)|;")
# the symbol of a draft or an amendment, a limited-distribution document: A/C.3/78/L.60, A/61/L.67/Rev.1
PROPOSAL_SYMBOL = re.compile(r"\bA/(?:C\.\d/|ES-\d+/)?\d+/L\.\d+(?:/Rev\.\d+)?")
_NUMBERED_PART = re.compile(r"\b(preambular|operative)?\s*paragraphs?\s+(\d+)", re.I)
_ORDINAL_PART = re.compile(r"\b([a-z]+(?:-[a-z]+)?)\s+(preambular|operative)\s+paragraph", re.I)
_OUTCOME = re.compile(r"\b(adopted|rejected|retained|deleted)\b", re.I)
_WORDS = {
    "none": 0,
    "no": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
LABELS = {  # the labels of a recorded vote's lists ("Abstentions:" in older records)
    "in favour": VotePosition.IN_FAVOUR,
    "against": VotePosition.AGAINST,
    "abstaining": VotePosition.ABSTAINING,
    "abstention": VotePosition.ABSTAINING,
    "abstentions": VotePosition.ABSTAINING,
}
LABEL_WORDS = r"In favour|Against|Abstaining|Abstentions?"
_LABEL = re.compile(rf"^({LABEL_WORDS})\s*:\s*(.*)$", re.S)
_INTENTION = re.compile(
    # the names run to the verb, never past the next "delegation(s) of": linear however often it recurs
    r"\bdelegations? of (?P<names>(?:(?!delegations? of ).){1,3000}?) "
    r"(?:indicated|informed the Committee|informed the Secretariat|stated|advised the Secretariat)"
    r" that (?:it|they) had intended to (?P<position>vote in favour|vote against|abstain)",
    re.S,
)
_LIST_FURNITURE = re.compile(
    r"(?<!\S)[A-Z]{1,2}/\S+|\b\d{1,3}/\d{1,3}\b(?!/)|\b\d{2}/\d{2}/\d{4}\b|\b\d{2}-\d{5}\b(?:\s*\([A-Z]\))?"
)
_BROKEN_NAME = re.compile(r"(?<=[a-z])- (?=[A-Z])")
_POSITIONS = {
    "vote in favour": VotePosition.IN_FAVOUR,
    "vote against": VotePosition.AGAINST,
    "abstain": VotePosition.ABSTAINING,
}


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else _WORDS[text.lower()]


def result(sentence: str) -> tuple[bool, int | None, int | None, int | None] | None:
    """(recorded, yes, no, abstain) of a result sentence; None when it states no result."""
    m = _RESULT.search(sentence)
    if m:
        abstain = _count(m.group("abstain")) if m.group("abstain") else 0
        return bool(m.group("recorded")), int(m.group("yes")), _count(m.group("no")), abstain
    if _WITHOUT_VOTE.search(sentence):
        return False, None, None, None
    return None


def subject(text: str) -> tuple[VoteSubject, str | None]:
    """What a result sentence's subject put to the vote, and the eId of the paragraph for a part."""
    lowered = text.lower()
    if "amendment" in lowered:
        return VoteSubject.AMENDMENT, None
    if "motion" in lowered or "proposal" in lowered:
        return VoteSubject.MOTION, None
    if "paragraph" in lowered and "as a whole" not in lowered:
        m = _ORDINAL_PART.search(text)
        if m and ordinal_number(m.group(1)) is not None:
            kind = "preamble" if m.group(2).lower() == "preambular" else "para"
            return VoteSubject.PART, f"{kind}_{ordinal_number(m.group(1))}"
        n = _NUMBERED_PART.search(text)
        if n:
            kind = "preamble" if (n.group(1) or "").lower() == "preambular" else "para"
            return VoteSubject.PART, f"{kind}_{n.group(2)}"
        return VoteSubject.PART, None
    return VoteSubject.WHOLE, None


def voted_on(sentence: str) -> tuple[VoteSubject, str | None, str | None, Symbol | None]:
    """What a result sentence says was put to the vote: the subject, the eId of the paragraph voted on
    separately, the words that name it, and the amendment's symbol. Read from the words before the verb
    ("Operative paragraph 7 was retained by …") or after it ("the Committee adopted operative paragraph
    5 of draft resolution A/C.3/78/L.41 by a recorded vote …").

    >>> kind, part, what, amendment = voted_on(
    ...     "the Committee rejected the draft amendment contained in document A/C.3/78/L.60 by a recorded vote"
    ... )
    >>> kind, part, amendment.text
    (<VoteSubject.AMENDMENT: 'amendment'>, None, 'A/C.3/78/L.60')
    >>> what
    'the draft amendment contained in document A/C.3/78/L.60'
    >>> voted_on("the Committee retained the fifth preambular paragraph by a recorded vote of 90 to 50")[:3]
    (<VoteSubject.PART: 'part'>, 'preamble_5', 'the fifth preambular paragraph')
    >>> voted_on("the Committee adopted draft resolution A/C.3/78/L.41 by a recorded vote of 80 to 29")[0]
    <VoteSubject.WHOLE: 'whole'>
    """
    m = _VOTED.search(sentence)
    if m is None:
        return VoteSubject.WHOLE, None, None, None
    if m.group("passive"):
        start = max(sentence.rfind(". ", 0, m.start()), sentence.rfind(", ", 0, m.start())) + 2
        what = sentence[max(start, 0) : m.start()].strip()
    else:
        end = _OBJECT_END.search(sentence, m.end())
        what = sentence[m.end() : end.start() if end else len(sentence)].strip()
    kind, part = subject(what)
    amendment = None
    if kind is VoteSubject.AMENDMENT:
        found = PROPOSAL_SYMBOL.search(what)
        amendment = Symbol.parse(found.group(0)) if found else None
    return kind, part, what or None, amendment


def outcome(sentence: str) -> VoteOutcome | None:
    """What came of a vote, as a result sentence says it: "was adopted by …", "was rejected by …",
    "was retained by …", "(deleted) by …"; None when it says none of these."""
    m = _OUTCOME.search(sentence)
    return VoteOutcome(m.group(1).lower()) if m else None


def label(text: str) -> tuple[VotePosition, str] | None:
    """'In favour:' (with the list on the same line or not) → (position, rest of the text)."""
    m = _LABEL.match(text.strip())
    if not m:
        return None
    return LABELS[m.group(1).lower()], m.group(2)


def names(text: str, path: str | None, line: int | None) -> tuple[list[StateRef], list[Diagnostic]]:
    """The States of one list; "None" is an empty list. Page furniture that extracted text leaves
    inside a list (a running header "A/78/481/Add.3", a footer "16/34 19/12/2023", a sheet number
    "23-41218") is no State and goes; a name broken at its hyphen ("Guinea- Bissau") joins."""
    text = _BROKEN_NAME.sub("-", _LIST_FURNITURE.sub(" ", text))
    bare = " ".join(text.split()).strip().rstrip(".")
    if not bare or bare.lower() == "none":
        return [], []
    return state_refs(bare, path, line)


def intentions(
    note_text: str, stated_in: str | None, path: str | None, line: int | None
) -> tuple[list[VoteIntention], list[Diagnostic]]:
    """Statements of intended votes ("Subsequently the delegation of X indicated …") in a footnote or a
    paragraph of a record, whose eId is ``stated_in``."""
    out: list[VoteIntention] = []
    found: list[Diagnostic] = []
    for m in _INTENTION.finditer(note_text):
        position = _POSITIONS[m.group("position")]
        refs, unknown = state_refs(m.group("names").strip(), path, line)
        found += unknown
        out += [VoteIntention(ref, position, stated_in) for ref in refs]
    return out, found


def non_voting(date: dt.date | None, listed: set[str]) -> tuple[StateRef, ...]:
    """Member States on the vote's date that are in none of the lists."""
    if date is None:
        return ()
    day = date.isoformat()
    members = [
        s
        for s in states.register()
        if s.status in ("member", "former") and s.member_from <= day and (not s.member_to or s.member_to > day)
    ]
    return tuple(StateRef(s.name, s.iso3) for s in members if s.iso3 not in listed)


def checks(vote: RecordedVote, path: str | None, line: int | None) -> list[Diagnostic]:
    """Stated totals against the lists; a State in two lists; a State listed twice."""
    out: list[Diagnostic] = []
    draft = vote.draft.text if vote.draft else "?"
    if not vote.recorded:
        return out  # only a recorded vote lists the States
    lists = [(position, refs) for position, refs in vote.lists() if position is not VotePosition.NOT_VOTING]
    for position, refs in lists:
        stated = vote.stated(position)
        if stated is not None and stated != len(refs):
            out.append(
                diagnostic(
                    "vote.count-mismatch",
                    path,
                    line,
                    draft=draft,
                    position=position.value,
                    stated=stated,
                    listed=len(refs),
                )
            )
    where: dict[str, list[str]] = {}
    for position, refs in lists:
        for ref in refs:
            where.setdefault(ref.iso3 or ref.name_as_written, []).append(position.value)
    for state, positions in sorted(where.items()):
        if len(positions) > 1:
            out.append(
                diagnostic("vote.duplicate-state", path, line, draft=draft, state=state, lists=", ".join(positions))
            )
    return out
