"""Erik Voeten's roll calls of the General Assembly, as the R package unvotes gives them, in CSV: one
``RollCall`` per roll call, every position resolved through the State register.

    un_roll_calls.csv        rcid, session, importantvote, date, unres, amend, para, short, descr
    un_votes.csv             rcid, country, country_code, vote (yes, no or abstain; absent Members and
                             non-members are not listed)
    un_roll_call_issues.csv  rcid, short_name, issue (optional: the topics)

What the reader guarantees:

- un_votes.csv (870,109 rows for sessions 1–74) is read once, row by row; each position is kept as two
  small integers until its roll call is built, so memory grows with the number of roll calls, not of rows.
- Each roll call is a plenary ``RecordedVote``: its date, its totals (the positions listed: the data set
  states none), its three lists in the order of the file, and its subject (``amend`` 1: an amendment;
  ``para`` 1: a paragraph; otherwise the whole text — the data set codes both only to 1985).
- What was voted on: ``unres`` names a resolution as ``R/{session}/{number}`` (or ``A/RES/…``). The
  number is read in the numbering of its session (``Symbol.session_resolution``: 2758 of session 26 is
  A/RES/2758(XXVI)). A letter or a section after the number (R/26/2758G, R/34/233/IX) is kept as
  written and not read: the data set letters both the parts of a resolution (31/6 A–K) and several roll
  calls on one resolution that has none (2758 (XXVI) A–G), so the vote is on the resolution the number
  names. Codes of sessions before the eighteenth give the page of the Official Records where the vote is
  printed (R/3/933 is the vote on the Universal Declaration, resolution 217 (III)), not a resolution;
  those, codes of another session, and what is no code at all (ESS/1/34, GOAR/1/1288B, "") name no
  document: the vote is on a provisional document of its own, and a diagnostic says so.
- Names resolve through the register. A name that stands for successive States in the data set, which
  follows the Correlates of War in giving a State and the State that continued its seat one code, is
  resolved by the vote's date (``PERIODS``). A name the register does not know, or a date outside its
  periods, is reported once with its number of positions; the positions are kept without a State.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from array import array
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pipeline.diagnostics import Diagnostic, PipelineError, diagnostic
from pipeline.model import RecordedVote, StateRef, VotePosition, VoteSubject
from pipeline.register import bodies
from pipeline.register.states import resolve
from pipeline.rollcalls import RollCall, SourceDataset
from pipeline.symbols import Symbol, SymbolError, SymbolKind

DATASET = SourceDataset(
    key="unvotes",
    iri="https://hdl.handle.net/1902.1/12379",
    title="United Nations General Assembly voting data (Erik Voeten)",
    description=(
        "Every roll-call vote of the plenary of the General Assembly with the position of each Member State, "
        "compiled by Erik Voeten; read from the CSV conversion of the R package unvotes (un_roll_calls, "
        "un_votes, un_roll_call_issues)."
    ),
    citation=(
        'Erik Voeten, "Data and Analyses of Voting in the UN General Assembly", Routledge Handbook of '
        "International Organization (2013); the data set is on the Harvard Dataverse (hdl:1902.1/12379)."
    ),
    licence="http://spdx.org/licenses/MIT",
    licence_label="MIT License (of the R package unvotes, which packages the data)",
    landing_page="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
)
ROLL_CALLS, VOTES, ISSUE_FILE = "un_roll_calls.csv", "un_votes.csv", "un_roll_call_issues.csv"
COLUMNS = {
    ROLL_CALLS: ("rcid", "session", "date", "unres", "amend", "para", "descr"),
    VOTES: ("rcid", "country", "country_code", "vote"),
    ISSUE_FILE: ("rcid", "short_name"),
}
POSITIONS = {"yes": VotePosition.IN_FAVOUR, "no": VotePosition.AGAINST, "abstain": VotePosition.ABSTAINING}
_ORDER = (VotePosition.IN_FAVOUR, VotePosition.AGAINST, VotePosition.ABSTAINING)
# The data set's six issue codes → concepts of the issue scheme (ontology/vocabularies/issues.ttl)
ISSUES = {
    "me": "palestinian-conflict",
    "nu": "nuclear-weapons-and-nuclear-material",
    "di": "arms-control-and-disarmament",
    "hr": "human-rights",
    "co": "colonialism",
    "ec": "economic-development",
}
# Names that stand for successive States: (register code, first day, day after the last), by the vote's
# date. The USSR's seat passed to the Russian Federation on 24 December 1991; the Socialist Federal
# Republic of Yugoslavia's membership ended with resolution 47/1 (22 September 1992) and Serbia (then the
# Federal Republic of Yugoslavia) was admitted on 1 November 2000; the Republic of China held China's
# seat until resolution 2758 (XXVI) of 25 October 1971.
PERIODS: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {
    "Russia": (("SUN", None, "1991-12-24"), ("RUS", "1991-12-24", None)),
    "Yugoslavia": (("YUG", None, "1992-09-23"), ("SRB", "2000-11-01", None)),
    "Taiwan": (("CHN", None, "1971-10-25"),),
}
FIRST_RESOLUTION_SESSION = 18  # before, ``unres`` gives a page of the Official Records
_R_CODE = re.compile(r"^R/(\d{1,3})/(\d{1,4})[A-Z]{0,2}(?:/(?:[IVXL]{1,7}|[A-Z]))?$")


def read(folder: Path, shown: str | None = None) -> tuple[list[RollCall], list[Diagnostic]]:
    """Every roll call of the data set in ``folder``, in the order of their numbers, and what reading
    found. ``shown`` is how diagnostics name the folder. Raises PipelineError when a table is missing or
    lacks a column (the tool cannot do its job)."""
    where = shown or str(folder)
    found: list[Diagnostic] = []
    index, packed = _positions(folder, where, found)
    topics = _topics(folder, where, found)
    resolved: dict[tuple[int, str], StateRef] = {}  # (name index, date where it matters) → the State
    unknown: dict[tuple[str, str, str], list[int]] = {}  # (name, code, date) → [positions, first roll call]
    roll_calls: list[RollCall] = []
    page_coded: list[RollCall] = []
    names = f"{where}/{ROLL_CALLS}"
    for line, row in _rows(folder / ROLL_CALLS, names):
        try:
            rcid, session = int(row["rcid"]), int(row["session"])
            date = dt.date.fromisoformat(row["date"]) if row["date"] else None
        except ValueError as exc:
            found.append(diagnostic("rollcall.bad-row", names, line, reason=f"not a roll call ({exc})"))
            continue
        lists: dict[VotePosition, list[StateRef]] = {p: [] for p in _ORDER}
        given: dict[str, str] = {}  # iso3 → the name that gave it first
        for key, position in _unpack(packed.pop(rcid, array("I"))):
            name, code = index[key]
            ref = _state(index, key, date, resolved)
            if ref.iso3 is None:
                day = date.isoformat() if date and name in PERIODS else "any date"
                unknown.setdefault((name, code, day), [0, rcid])[0] += 1
            if ref.iso3 and ref.iso3 in given:
                found.append(
                    diagnostic(
                        "rollcall.twice", names, line, rcid=rcid, state=ref.iso3, names=f"{given[ref.iso3]}, {name}"
                    )
                )
                continue
            if ref.iso3:
                given[ref.iso3] = name
            lists[position].append(ref)
        symbol, why = resolution(row["unres"], session)
        vote = RecordedVote(
            draft=symbol,
            body=bodies.PLENARY.name,
            meeting=None,
            date=date,
            recorded=True,
            yes=len(lists[VotePosition.IN_FAVOUR]),
            no=len(lists[VotePosition.AGAINST]),
            abstain=len(lists[VotePosition.ABSTAINING]),
            in_favour=tuple(lists[VotePosition.IN_FAVOUR]),
            against=tuple(lists[VotePosition.AGAINST]),
            abstaining=tuple(lists[VotePosition.ABSTAINING]),
            subject=subject(row["amend"], row["para"]),
        )
        rc = RollCall(rcid, session, vote, row["unres"], topics.get(rcid, ()), row["descr"].strip(), line)
        roll_calls.append(rc)
        if why == "page":
            page_coded.append(rc)
        elif why:
            target = f"document/{DATASET.provisional(rc)}"
            code = "rollcall.no-symbol" if why == "empty" else "rollcall.unread-code"
            found.append(
                diagnostic(code, names, line, rcid=rcid, session=session, given=rc.code, why=why, target=target)
            )
    if page_coded:
        sessions = sorted({rc.session for rc in page_coded})
        example = page_coded[0]
        found.append(
            diagnostic(
                "rollcall.page-codes",
                names,
                None,
                count=len(page_coded),
                sessions=f"sessions {sessions[0]}–{sessions[-1]}" if len(sessions) > 1 else f"session {sessions[0]}",
                example=f"roll call {example.rcid}, {example.code}",
            )
        )
    for rcid in sorted(packed):  # what no roll call claimed
        found.append(
            diagnostic("rollcall.bad-row", f"{where}/{VOTES}", None, reason=f"roll call {rcid} is not in {ROLL_CALLS}")
        )
    for (name, code, day), (rows, first) in sorted(unknown.items(), key=lambda item: (item[1][1], item[0])):
        found.append(
            diagnostic(
                "rollcall.unknown-state",
                f"{where}/{VOTES}",
                None,
                name=name,
                given=code or "no code",
                date=day,
                rows=rows,
                rcid=first,
            )
        )
    roll_calls.sort(key=lambda rc: rc.rcid)
    return roll_calls, found


def resolution(code: str, session: int) -> tuple[Symbol | None, str]:
    """The resolution a roll call's code names, or None and why not ("empty", "page", or what the code
    is not).

    >>> resolution("R/26/2758G", 26)
    (Symbol('A/RES/2758(XXVI)'), '')
    >>> resolution("R/33/116A/IV", 33)
    (Symbol('A/RES/33/116'), '')
    >>> resolution("R/3/933", 3)
    (None, 'page')
    """
    text = code.strip()
    if not text:
        return None, "empty"
    if text.startswith("A/RES/"):
        try:
            symbol = Symbol.parse(text)
        except SymbolError:
            return None, "a resolution symbol"
        if symbol.kind is SymbolKind.GA_RESOLUTION and symbol.session in (None, session):
            return symbol, ""
        return None, f"a resolution of session {session}"
    m = _R_CODE.match(text)
    if m is None:
        return None, "a resolution code (R/{session}/{number})"
    if int(m.group(1)) != session:
        return None, f"a resolution of session {session}"
    if session < FIRST_RESOLUTION_SESSION:
        return None, "page"
    return Symbol.session_resolution(session, int(m.group(2))), ""


def subject(amend: str, para: str) -> VoteSubject:
    if amend.strip() == "1":
        return VoteSubject.AMENDMENT
    if para.strip() == "1":
        return VoteSubject.PART
    return VoteSubject.WHOLE


def state_at(name: str, date: dt.date | None) -> tuple[str | None, str]:
    """The register code a name of the data set stands for on a date, and the period it was looked up
    for ("" when the name stands for one State whatever the date)."""
    periods = PERIODS.get(name)
    if periods is None:
        state = resolve(name)
        return (state.iso3 if state else None), ""
    day = date.isoformat() if date else ""
    for iso3, start, end in periods:
        if (start is None or start <= day) and (end is None or day < end):
            return iso3, day
    return None, day or "an unknown date"


def _state(
    index: list[tuple[str, str]], key: int, date: dt.date | None, resolved: dict[tuple[int, str], StateRef]
) -> StateRef:
    """The StateRef of a name on a date: one object per name (per date for the names of ``PERIODS``)."""
    name = index[key][0]
    period = date.isoformat() if date and name in PERIODS else ""
    ref = resolved.get((key, period))
    if ref is None:
        ref = resolved[(key, period)] = StateRef(name, state_at(name, date)[0])
    return ref


def _positions(folder: Path, where: str, found: list[Diagnostic]) -> tuple[list[tuple[str, str]], dict[int, array]]:
    """un_votes.csv in one pass: the distinct (name, code) pairs, and for each roll call its positions
    packed as ``name index × 4 + position``."""
    index: dict[tuple[str, str], int] = {}
    packed: dict[int, array] = defaultdict(lambda: array("I"))
    shown = f"{where}/{VOTES}"
    codes = {position: i for i, position in enumerate(_ORDER)}
    for line, row in _rows(folder / VOTES, shown):
        position = POSITIONS.get(row["vote"].strip())
        if not row["rcid"].strip().isdigit():
            found.append(
                diagnostic("rollcall.bad-row", shown, line, reason=f"{row['rcid']!r} is not a roll call number")
            )
            continue
        if position is None:
            found.append(
                diagnostic(
                    "rollcall.bad-row", shown, line, reason=f"{row['vote']!r} is not a position (yes, no, abstain)"
                )
            )
            continue
        key = index.setdefault((row["country"].strip(), row["country_code"].strip()), len(index))
        packed[int(row["rcid"])].append(key * 4 + codes[position])
    return list(index), dict(packed)


def _unpack(values: array) -> Iterator[tuple[int, VotePosition]]:
    """The positions of one roll call, in the order of the lists (in favour, against, abstaining) and,
    within a list, of the file."""
    for wanted in range(len(_ORDER)):
        for value in values:
            if value % 4 == wanted:
                yield value // 4, _ORDER[wanted]


def _topics(folder: Path, where: str, found: list[Diagnostic]) -> dict[int, tuple[str, ...]]:
    path = folder / ISSUE_FILE
    if not path.is_file():
        return {}
    shown = f"{where}/{ISSUE_FILE}"
    topics: dict[int, list[str]] = defaultdict(list)
    for line, row in _rows(path, shown):
        slug = ISSUES.get(row["short_name"].strip())
        if slug is None or not row["rcid"].strip().isdigit():
            found.append(
                diagnostic("rollcall.bad-row", shown, line, reason=f"{row['short_name']!r} is not an issue code")
            )
            continue
        if slug not in topics[int(row["rcid"])]:
            topics[int(row["rcid"])].append(slug)
    return {rcid: tuple(sorted(slugs)) for rcid, slugs in topics.items()}


def _rows(path: Path, shown: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of one table with their line numbers; PipelineError when it cannot be read."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise PipelineError(f"cannot read the roll-call data set: {shown}: {exc.strerror or exc}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS[path.name] if c not in (reader.fieldnames or [])]
        if missing:
            raise PipelineError(f"{shown} is not a table of the roll-call data set: no column {', '.join(missing)}")
        line = reader.line_num + 1
        try:
            for row in reader:
                yield line, {k: v or "" for k, v in row.items() if k is not None}
                line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            raise PipelineError(f"cannot read the roll-call data set: {shown}:{reader.line_num}: {exc}") from None
