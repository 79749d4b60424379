"""Verbatim records of plenary meetings (``A/nn/PV.n``): the meeting, its agenda items, each action in
order, and the speeches as paragraphs of the record.

An action is what the record prints after the President puts a question: a result sentence ("Draft
resolution A/61/L.67 was adopted by 143 votes to 4, with 11 abstentions (resolution 61/295).", "The
eighth preambular paragraph was retained by 105 votes to 2, with 22 abstentions.", "Draft decision
A/76/L.79 was adopted (decision 76/574).") with, for a recorded vote, the three lists printed before
it, and the later statements of intended votes printed after it in brackets. What was voted on comes
from the result sentence (a paragraph, an amendment, a motion, a draft named by symbol or by its number
in a committee report: "draft resolution I") and, where it names no draft, from the last draft the
President announced. Each action becomes a RecordedVote (``recorded=False`` for an adoption without a
vote) with the meeting, date and the resolution or decision number it gave.

The same reading serves the PDF (``normalise.record``: one block a paragraph) and extracted text in
which a statement is one line, lists and results included: result sentences and labels are found in
the running text, and the page furniture a list may hold ("16/34 19/12/2023", "23-41218 A/78/PV.50")
is left out of it. What the reader cannot use is reported, not guessed: a list with no result after it
(``plenary.unmatched-lists``), a bracketed statement of intention it cannot read
(``plenary.unread-intention``), a record with no meeting number or date (``plenary.no-meeting``).

    >>> votes.subject("The eighth preambular paragraph")
    (<VoteSubject.PART: 'part'>, 'preamble_8')
    >>> votes.subject("Operative paragraph 7")
    (<VoteSubject.PART: 'part'>, 'para_7')
    >>> votes.subject("Draft resolution A/48/L.13 and Corr.1, as a whole,")
    (<VoteSubject.WHOLE: 'whole'>, None)
    >>> votes.subject("The amendment contained in document A/65/L.53")
    (<VoteSubject.AMENDMENT: 'amendment'>, None)
    >>> votes.subject("The motion for adjournment of the debate")
    (<VoteSubject.MOTION: 'motion'>, None)
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pipeline.diagnostics import Diagnostic, diagnostic
from pipeline.inputs import Block, NormalisedText
from pipeline.model import (
    Document,
    DocumentKind,
    RecordedVote,
    ReportParagraph,
    Source,
    StateRef,
    VoteOutcome,
    VotePosition,
    VoteSubject,
)
from pipeline.parse import votes
from pipeline.parse.citations import citations
from pipeline.register import bodies, states
from pipeline.register.dates import DATE, parse_date
from pipeline.register.numbers import ordinal_number, ordinal_suffixed
from pipeline.symbols import PRINTED_RECORD, Symbol, SymbolError, special_session

_MEETING = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+plenary\s+meeting\b", re.I)
_SESSION = re.compile(r"^([A-Za-z-]+)\s+(special\s+|emergency\s+special\s+)?session$", re.I)
_DATE = re.compile(rf"\b({DATE})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
_PRESIDENT = re.compile(r"^(?:Temporary )?President ?:(?P<rest>.*)$")  # "President: Ms. Al-Khalifa . . . (Bahrain)"
_LEADERS = re.compile(r"(?: ?\.){2,}")  # the dot leaders between a name and its State
_AGENDA = re.compile(r"^Agenda items?\s+\d", re.I)
_AGENDA_NUMBERS = re.compile(
    r"^Agenda items?\s+(\d+(?:\s?\([a-z]\))?(?:(?:,\s*|\s+and\s+|\s+to\s+)\d+(?:\s?\([a-z]\))?)*)", re.I
)
# a speaker opening a paragraph: "The President:", "Mr. Kiboino (Kenya):", "Ms. Zabolotskaya (Russian
# Federation) (spoke in Russian):", "The PRESIDENT (interpretation from French):"
_SPEAKER = re.compile(
    r"^(?P<speaker>The (?:Acting |Temporary )?(?:President|PRESIDENT|Secretary-General|SECRETARY-GENERAL)"
    r"|(?:Mr|Ms|Mrs|Miss|Sir|Dame|Dr|Sheikh|Sheikha|Prince|Princess|Archbishop|Monsignor)\.?"
    r" [^:()\s](?:[^:()]{0,80}[^:()\s])?)"
    r":? ?(?:\((?P<state>[^)]{2,80})\))? ?(?:\((?:spoke in|interpretation from) [A-Za-z]+\) ?)?: "
)  # on text with single spaces (``_body`` folds a paragraph's white space)
_LABEL = re.compile(rf"\b({votes.LABEL_WORDS})\s*:")
# what a result sentence says was voted on, at the start of the sentence
_SUBJECT = (
    r"(?:It(?= was so decided)|(?:The |the )?(?:(?:[Dd]raft|revised draft) (?:resolution|decision)"
    r"|(?:\w+ )?(?:preambular|operative) paragraphs?|(?:Preambular|Operative) paragraphs?|Paragraphs?"
    r"|(?:oral |draft )?amendments?|Amendments?|motion|Motion"
    r"|proposal|Proposal))"
)
_SUBJECT_RE = re.compile(rf"(?<![\w-]){_SUBJECT}")  # tried at word starts only
# a result sentence is found from its verb: "… was adopted", "… was retained", "It was so decided"
_VERB = re.compile(r"(?<!\s)\s+was\s+(adopted|rejected|retained|deleted|so decided)\b")
# where a sentence ends: a full stop (not the one inside "L.67", "Corr.1"), ?, !, a bracket
_BOUNDARY = re.compile(r"\.(?!\d)|[?!\[\]]")
_GAVE = re.compile(r"\((resolution|decision)\s+([^)]{1,20})\)")
_REACH = 300  # how far before its verb a result's subject may start
_SENTENCE_START = re.compile(r"(?:^|[.?!\]:]\s+|\n)$")
_DRAFT_NAMED = re.compile(
    rf"\b(?:draft (?:resolution|decision)|amendments?)s?\s*\(?(?P<symbol>{votes.PROPOSAL_SYMBOL.pattern})"
)
# a draft announced without a symbol: "take action on the draft resolution, entitled …, contained in
# paragraph 64 of the report", "the Assembly has before it a draft decision contained in …"
_ANNOUNCED = re.compile(
    r"\b(?:take (?:action|a decision) on|proceed to consider|put to the vote|turn (?:first )?to|before it)"
    r"(?: the| a)? draft (?:resolution|decision)\b(?!s?\s*\(?A/)"
)
_INTENTION_OPEN = re.compile(r"\[Subsequently")


def looks_like(blocks: list[Block], manifest: Symbol | None) -> bool:
    """A verbatim record: its heading prints a record symbol, or the manifest gives one."""
    if manifest is not None and PRINTED_RECORD.match(manifest.text):
        return True
    heading = " ".join(b.text for b in blocks[:25])
    printed = any(PRINTED_RECORD.match(b.text) for b in blocks[:25])
    return printed and bool(re.search(r"plenary\s+meeting", heading, re.I))


@dataclass(frozen=True)
class _Result:
    """A result sentence: where it starts and ends, what it says was voted on, the outcome, the
    resolution or decision it gave."""

    start: int
    end: int
    subject: str
    outcome: str
    sentence: str
    gave: tuple[str, str] | None  # ("resolution", "61/295")


def results(text: str) -> list[_Result]:
    """The result sentences of a text, in order; linear in its length.

    >>> [(r.subject, r.outcome, r.gave) for r in results("A vote was taken. Draft resolution A/61/L.67 was adopted "
    ...     "by 143 votes to 4, with 11 abstentions (resolution 61/295). Next.")]
    [('Draft resolution A/61/L.67', 'adopted', ('resolution', '61/295'))]
    """
    bounds = [m.end() for m in _BOUNDARY.finditer(text)]
    out: list[_Result] = []
    last = 0
    for verb in _VERB.finditer(text):
        if verb.start() < last:
            continue
        i = bisect.bisect_left(bounds, verb.start() + 1) - 1
        begin = max(bounds[i] if i >= 0 else 0, verb.start() - _REACH, last)
        m = _SUBJECT_RE.search(text, begin, verb.end())  # "It" looks ahead to " was so decided"
        if m is None or m.start() >= verb.start():
            continue
        j = bisect.bisect_right(bounds, verb.end())
        end = bounds[j] if j < len(bounds) else len(text)
        if end - verb.end() > _REACH or text[end - 1 : end] != ".":
            continue  # no full stop ends it: not a result sentence
        sentence = text[m.start() : end]
        gave = _GAVE.search(text, verb.end(), end)
        out.append(
            _Result(
                m.start(),
                end,
                text[m.start() : verb.start()],
                verb.group(1),
                sentence,
                (gave.group(1), gave.group(2).strip()) if gave else None,
            )
        )
        last = end
    return out


@dataclass
class _Meeting:
    symbol: Symbol | None = None
    number: int | None = None
    session: int | None = None
    special_session: str | None = None  # "ES-11": a meeting of an (emergency) special session
    date: dt.date | None = None
    president: str | None = None


@dataclass
class _State:
    draft: Symbol | None = None
    lists: dict[VotePosition, tuple[str, int]] = field(default_factory=dict)  # position → (text, line)
    list_line: int | None = None
    open: VotePosition | None = None  # the list the next paragraph may go on with (a list broken by a page)


def record(text: NormalisedText) -> tuple[Document, list[Diagnostic]]:
    raw = text.raw
    path = raw.path
    blocks = list(text.blocks)
    found: list[Diagnostic] = []
    meeting, start = _heading(blocks, raw.manifest.symbol)
    body = blocks[start:]
    whole = " ".join(b.text for b in body)
    if meeting.symbol is None:  # an excerpt: the record's symbol and date as its page furniture prints them
        symbols = sorted({found.replace(" ", "") for found in PRINTED_RECORD.findall(whole)})
        if len(symbols) == 1:
            meeting.symbol = Symbol.parse(symbols[0])
    if meeting.date is None:
        dates = sorted(set(_NUMERIC_DATE.findall(whole)))
        if len(dates) == 1 and meeting.date is None:
            day, month, year = dates[0]
            meeting.date = dt.date(int(year), int(month), int(day))
    if meeting.symbol is not None:
        meeting.special_session = meeting.special_session or meeting.symbol.special_session
        meeting.session = None if meeting.special_session else meeting.session or meeting.symbol.session
        meeting.number = meeting.number or meeting.symbol.meeting_number
    if meeting.number is None or meeting.date is None:
        found.append(
            diagnostic(
                "plenary.no-meeting",
                path,
                blocks[0].line if blocks else 1,
                missing=", ".join(
                    name
                    for name, value in (("meeting number", meeting.number), ("date", meeting.date))
                    if value is None
                ),
            )
        )
    paragraphs, actions, more = _body(body, meeting, path)
    found += more
    document = Document(
        kind=DocumentKind.PLENARY_RECORD,
        symbol=meeting.symbol,
        provisional_id=None if meeting.symbol else raw.sha256[:12],
        title=_title(meeting),
        source=Source(path, raw.sha256, text.layout),
        date=meeting.date,
        session=meeting.session,
        special_session=meeting.special_session,
        body=bodies.PLENARY.name,
        agenda_items=_agenda_items(p.section for p in paragraphs if p.section),
        report_paragraphs=tuple(paragraphs),
        votes=tuple(actions),
        presided_by=meeting.president,
    )
    return document, found


def _agenda_items(sections: Iterable[str]) -> tuple[str, ...]:
    """The numbers of the agenda items taken up, in order: "Agenda item 74 (continued)" → 74, "Agenda
    items 21 to 26" → 21 … 26, "Agenda items 65 and 66" → 65, 66."""
    items: dict[str, None] = {}
    for section in sections:
        m = _AGENDA_NUMBERS.match(section)
        if not m:
            continue
        numbers = m.group(1)
        span = re.fullmatch(r"(\d+)\s+to\s+(\d+)", numbers)
        if span and int(span.group(1)) < int(span.group(2)) <= int(span.group(1)) + 50:
            items.update(dict.fromkeys(str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1)))
        else:
            items.update(dict.fromkeys(re.findall(r"\d+(?:\s?\([a-z]\))?", numbers)))
    return tuple(items)


def _title(meeting: _Meeting) -> str | None:
    if meeting.number is None:
        return None
    return f"{ordinal_suffixed(meeting.number)} plenary meeting"


def _heading(blocks: list[Block], manifest: Symbol | None) -> tuple[_Meeting, int]:
    """The meeting as the first page's heading prints it, and where the body starts (after the
    "President:" line and the State printed under it)."""
    meeting = _Meeting(symbol=manifest)
    start = 0
    president = next((i for i, b in enumerate(blocks[:25]) if _PRESIDENT.match(b.text.strip())), None)
    heading = " ".join(b.text.strip() for b in blocks[: president if president is not None else 0])
    if m := _MEETING.search(heading):
        meeting.number = int(m.group(1))
    for i, block in enumerate(blocks[:25]):
        t = " ".join(block.text.split())
        if m := PRINTED_RECORD.match(t):
            meeting.symbol = meeting.symbol or Symbol.parse(m.group(0).replace(" ", ""))
        if (m := _MEETING.search(t)) and meeting.number is None:
            meeting.number = int(m.group(1))
        if (m := _DATE.search(t)) and meeting.date is None:
            meeting.date = parse_date(m.group(1))
        if (m := _SESSION.match(t)) and meeting.session is None and meeting.special_session is None:
            number = ordinal_number(m.group(1))
            if number is not None and m.group(2):  # "Eleventh emergency special session"
                meeting.special_session = special_session(m.group(2), number)
            else:
                meeting.session = number
        if m := _PRESIDENT.match(t):
            rest = _LEADERS.sub(" ", m.group("rest")).strip()
            state = None
            if rest.endswith(")") and "(" in rest:
                rest, state = rest[: rest.rindex("(")].strip(), rest[rest.rindex("(") + 1 : -1]
            name = rest
            if state is None and i + 1 < len(blocks) and re.fullmatch(r"\([^)]+\)", blocks[i + 1].text.strip()):
                state = blocks[i + 1].text.strip()[1:-1]
                start = i + 2
            else:
                start = i + 1
            meeting.president = f"{name} ({state})" if state else name
            break
    return meeting, start


def _body(
    blocks: list[Block], meeting: _Meeting, path: str
) -> tuple[list[ReportParagraph], list[RecordedVote], list[Diagnostic]]:
    paragraphs: list[ReportParagraph] = []
    actions: list[RecordedVote] = []
    found: list[Diagnostic] = []
    state = _State()
    section: str | None = None
    speaker: tuple[str, str | None] | None = None
    heading_run: list[str] = []
    for block in blocks:
        text = " ".join(block.text.split())
        heading = block.heading or (_AGENDA.match(text) is not None and not _SPEAKER.match(text))
        if heading and not results(text) and not _LABEL.match(text) and not text.startswith("A recorded"):
            if _AGENDA.match(text):
                heading_run = [text]
                section = text
            else:
                heading_run.append(text)
            for named in _DRAFT_NAMED.finditer(text):
                state.draft = _symbol(named.group("symbol")) or state.draft
            continue
        if heading_run:
            section = " — ".join(heading_run)
            heading_run = []
        opening = _SPEAKER.match(text)
        if opening:
            speaker = (opening.group("speaker").strip(), opening.group("state"))
        # what the record prints of a vote (taken, its lists, its result, a later statement) is no
        # one's speech: a statement that goes on past it opens again with its speaker
        action = _is_action(text, state)
        if action and not opening:
            speaker = None
        eid = f"para_{len(paragraphs) + 1}"
        paragraphs.append(
            ReportParagraph(
                number=str(len(paragraphs) + 1),
                eid=eid,
                text=text,
                section=section,
                citations=tuple(citations(text)),
                line=block.line,
                speaker=speaker[0] if speaker else None,
                speaker_state=_state_ref(speaker[1]) if speaker and speaker[1] else None,
            )
        )
        found += _actions(text, block.line, eid, state, meeting, actions, path)
        if action:
            speaker = None
    if state.lists:
        found.append(diagnostic("plenary.unmatched-lists", path, state.list_line))
    return paragraphs, actions, found


def _is_action(text: str, state: _State) -> bool:
    """Does a paragraph print (part of) an action: a vote taken, a list of States, a result, a later
    statement of intended vote?"""
    return bool(
        text.startswith(("A recorded vote was taken", "[Subsequently"))
        or _LABEL.search(text)
        or results(text)
        or (state.open is not None and not _SPEAKER.match(text))
    )


def _state_ref(name: str) -> StateRef | None:
    refs = states.split_names(name)
    return refs[0] if len(refs) == 1 and refs[0].iso3 else None


def _symbol(text: str) -> Symbol | None:
    try:
        return Symbol.parse(text)
    except SymbolError:
        return None


def _actions(
    text: str,
    line: int,
    eid: str,
    state: _State,
    meeting: _Meeting,
    actions: list[RecordedVote],
    path: str,
) -> list[Diagnostic]:
    """The events of one paragraph, in the order printed: drafts announced, list labels and their
    lists, result sentences, statements of intended votes."""
    found: list[Diagnostic] = []
    events: list[tuple[int, str, re.Match[str] | _Result]] = []
    events += [(m.start(), "draft", m) for m in _DRAFT_NAMED.finditer(text)]
    events += [(m.start(), "label", m) for m in _LABEL.finditer(text)]
    events += [(r.start, "result", r) for r in results(text)]
    events += [(m.start(), "intention", m) for m in _INTENTION_OPEN.finditer(text)]
    events.sort(key=lambda e: e[0])
    # a result opens a sentence, or follows the list before it in running text ("… Zimbabwe Draft
    # resolution I was adopted by …")
    continues = state.open is not None and not _SPEAKER.match(text)  # a list broken by a page goes on
    events = [
        e
        for i, e in enumerate(events)
        if e[1] != "result" or _at_sentence_start(text, e[0]) or (events[i - 1][1] == "label" if i else continues)
    ]
    spans = [(e[2].start, e[2].end) for e in events if isinstance(e[2], _Result)]
    if continues and state.open is not None:
        end = events[0][0] if events else len(text)
        if end:
            listed, list_line = state.lists[state.open]
            state.lists[state.open] = (f"{listed} {text[:end]}", list_line)
    elif state.open is not None:
        state.open = None
    if _ANNOUNCED.search(text):
        state.draft = None  # a draft the record names by its title or place in a report, not by a symbol
    for index, (position, kind, m) in enumerate(events):
        if isinstance(m, _Result):
            state.open = None
            found += _result(m, line, state, meeting, actions, path)
        elif kind == "draft" and not any(start <= position < end for start, end in spans):
            state.draft = _symbol(m.group("symbol")) or state.draft
        elif kind == "label":
            end = next((p for p, k, _ in events[index + 1 :] if k in ("label", "result", "intention")), len(text))
            state.open = votes.LABELS[m.group(1).lower()]
            state.lists[state.open] = (text[m.end() : end], line)
            state.list_line = state.list_line or line
        elif kind == "intention":
            state.open = None
            found += _intention(text[position:], line, eid, actions, path)
    return found


def _at_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, position - 3) : position])) or position == 0


def _result(
    m: _Result, line: int, state: _State, meeting: _Meeting, actions: list[RecordedVote], path: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    sentence = m.sentence
    kind, part = votes.subject(m.subject)
    named = votes.PROPOSAL_SYMBOL.search(m.subject)  # the draft or amendment the sentence names
    named_symbol = _symbol(named.group(0)) if named else None
    draft, amendment = state.draft, None
    if kind is VoteSubject.AMENDMENT:
        amendment = named_symbol
    elif named_symbol is not None:
        draft = state.draft = named_symbol
    elif kind is VoteSubject.WHOLE and re.search(r"draft (?:resolution|decision) [IVXL]+\b", m.subject, re.I):
        draft = None  # a draft known by its number in a committee report, not by a symbol
    elif m.subject == "It":
        draft = None  # "It was so decided": the President's proposal, not a draft
    counts = votes.result(sentence)
    lists = {position: votes.names(text, path, list_line) for position, (text, list_line) in state.lists.items()}
    for _, unknown in lists.values():
        found += unknown
    recorded = bool(lists) or "recorded vote" in sentence
    became = None
    if m.gave:
        what, number = m.gave
        became = _symbol(f"A/RES/{number}" if what == "resolution" else f"A/DEC/{number}")
    yes, no, abstain = (counts[1], counts[2], counts[3]) if counts else (None, None, None)
    vote = RecordedVote(
        draft=draft,
        body=bodies.PLENARY.name,
        meeting=meeting.number,
        date=meeting.date,
        recorded=recorded,
        yes=yes,
        no=no,
        abstain=abstain,
        in_favour=tuple(lists.get(VotePosition.IN_FAVOUR, ([], []))[0]),
        against=tuple(lists.get(VotePosition.AGAINST, ([], []))[0]),
        abstaining=tuple(lists.get(VotePosition.ABSTAINING, ([], []))[0]),
        meeting_record=meeting.symbol,
        outcome=VoteOutcome.ADOPTED if m.outcome == "so decided" else VoteOutcome(m.outcome),
        subject=kind,
        part=part,
        part_as_written=" ".join(m.subject.split()).rstrip(",") if kind is VoteSubject.PART else None,
        amendment=amendment,
        became=became,
    )
    if recorded and meeting.date is not None:
        listed = {r.iso3 for r in (*vote.in_favour, *vote.against, *vote.abstaining) if r.iso3}
        vote = replace(vote, not_voting=votes.non_voting(meeting.date, listed))
    found += votes.checks(vote, path, line)
    actions.append(vote)
    state.lists = {}
    state.list_line = None
    return found


def _intention(text: str, line: int, eid: str, actions: list[RecordedVote], path: str) -> list[Diagnostic]:
    statement = text[: text.find("]") + 1] if "]" in text else text
    found, unknown = votes.intentions(statement, eid, path, line)
    if not found or not actions:
        return [diagnostic("plenary.unread-intention", path, line, text=statement)]
    last = actions[-1]
    actions[-1] = replace(last, intentions=(*last.intentions, *found))
    return unknown


def with_drafts(documents: list[Document]) -> list[Document]:
    """The records among ``documents`` with the drafts they name only by number filled in: a record
    prints "Draft resolution I was adopted … (resolution 78/196)", and where the documents read with it
    hold resolution 78/196, its own metadata names the draft it adopts (A/C.3/78/L.32)."""
    adopted = drafts_adopted(documents)
    return [with_draft(doc, adopted) for doc in documents]


def drafts_adopted(documents: Iterable[Document]) -> dict[Symbol, Symbol]:
    """Resolution → the draft it adopts, for the resolutions among ``documents`` that name theirs."""
    return {
        d.symbol: d.adoption.draft
        for d in documents
        if d.kind is DocumentKind.RESOLUTION and d.symbol and d.adoption and d.adoption.draft
    }


def with_draft(doc: Document, adopted: Mapping[Symbol, Symbol]) -> Document:
    """``doc`` (a record) with the draft of each vote that names only the resolution it gave filled in
    from ``adopted`` (``drafts_adopted``); the very same object where there is nothing to fill."""
    if doc.kind is not DocumentKind.PLENARY_RECORD:
        return doc
    found = [adopted.get(v.became) if v.draft is None and v.became is not None else None for v in doc.votes]
    if not any(found):
        return doc
    filled = tuple(v if draft is None else replace(v, draft=draft) for v, draft in zip(doc.votes, found, strict=True))
    return replace(doc, votes=filled)
