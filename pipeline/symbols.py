"""The UN document symbol: one value object that parses, classifies and formats symbols.

It is the only place in the project that turns a symbol into an IRI path.

    >>> Symbol.parse("A/C.1/75/L.8/Rev.1").kind
    <SymbolKind.DRAFT: 'draft'>
    >>> Symbol.parse("A/C.1/75/L.8/Rev.1").base
    Symbol('A/C.1/75/L.8')
    >>> Symbol.resolution(43, 78, "H").text
    'A/RES/43/78 H'
    >>> Symbol.resolution(43, 78, "H").iri_path
    'A/RES/43/78H'
    >>> Symbol.decision(72, 512).short
    '72/512'
    >>> Symbol.parse("A/RES/217(III) A").iri_path    # before 1976: number, then the session in Roman numerals
    'A/RES/III/217A'
    >>> Symbol.parse("A/77/6 (Sect. 29)").iri_path   # a section of the proposed programme budget
    'A/77/6/Sect.29'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any


class SymbolError(ValueError):
    """A string that is not a UN document symbol."""


class SymbolKind(Enum):
    GA_RESOLUTION = "ga-resolution"
    GA_DECISION = "ga-decision"
    HRC_RESOLUTION = "hrc-resolution"
    SC_RESOLUTION = "sc-resolution"
    DRAFT = "draft"
    MEETING_RECORD = "meeting-record"
    DOCUMENT = "document"


# Session part of a GA symbol: a number, or an emergency special / special session.
_SESSION = r"(?:\d{1,3}|ES-\d{1,2}|S-\d{1,2})"
_SPECIAL = re.compile(r"(?:ES|S)-\d{1,2}")
_RES = re.compile(rf"^A/RES/({_SESSION})/(\d{{1,4}})(?:\s?([A-Z]))?$")
_DEC = re.compile(rf"^A/DEC/({_SESSION})/(\d{{1,4}})(?:\s?([A-Z]))?$")
_HRC = re.compile(r"^A/HRC/RES/(\d{1,3}|S-\d{1,2})/(\d{1,4})$")
_SC = re.compile(r"^S/RES/(\d{1,5})(?:\s?\((\d{4})\))?$")
_LOWER_BODY = re.compile(r"^(?:hrc|res|dec|rev|pv|sr|ac|c\.\d|l\.\d+)$")
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
_BODY = re.compile(r"^[A-Z][A-Z0-9]{0,9}(?:\.\d{1,4})?$")
_SUFFIX = re.compile(r"^(Rev|Corr|Add|Amend)\.(\d{1,3})$")
_SHORT = re.compile(rf"^({_SESSION})/(\d{{1,4}})(?:\s?([A-Z]))?$")
# Resolutions of sessions 1–30 (to 1976): "A/RES/217(III) A", written "217 A (III)"; IRI path A/RES/III/217A
_OLD_RES = re.compile(r"^A/RES/(\d{1,4}) ?\(([IVXL]{1,7})\)(?: ?([A-Z]))?$")
_OLD_RES_PATH = re.compile(r"^A/RES/([IVXL]{1,7})/(\d{1,4})([A-Z])?$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
LAST_OLD_NUMBERED_SESSION = 30  # from the thirty-first (1976), each session numbers its resolutions from 1
# A section of a document, as the programme budget has them: "A/77/6 (Sect. 29)", linked as A/77/6(Sect.29)
_SECTION = re.compile(r"^(.+?) ?\(Sect\. ?(\d{1,3}[A-Z]?)\)$")
_SECTION_PATH = re.compile(r"^(.+)/Sect\.(\d{1,3}[A-Z]?)$")
# A verbatim record of the plenary as a page prints its symbol, of a regular or a special session
# (A/76/PV.102, A/ES-11/PV.5, A/S-28/PV.2); pdftotext may leave a glyph gap after the "A" ("A /76/PV.102"):
# ``Symbol.parse(found.replace(" ", ""))``
PRINTED_RECORD = re.compile(r"\bA ?/(?:E?S-)?\d+/PV\.\d+\b")
_RECORD_NUMBER = re.compile(r"/(?:PV|SR)\.(\d+)$")


@dataclass(frozen=True, order=True, slots=True)
class Symbol:
    """A UN document symbol in its canonical written form (``A/RES/43/78 H``, ``A/DEC/72/512``)."""

    text: str

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _symbol, (self.text,)  # unpickled: one object per symbol among the most used ones

    def __repr__(self) -> str:
        return f"Symbol({self.text!r})"

    def __str__(self) -> str:
        return self.text

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def parse(cls, value: str) -> Symbol:
        """Parse a written symbol; raise SymbolError when it is not one.

        Accepts the IRI path form too (``A/RES/43/78H``)."""
        text = " ".join(value.strip().split())
        text = text.rstrip(".,;:")
        if not text or len(text) > 80:
            raise SymbolError(f"not a UN document symbol: {value!r}")
        # a body written in lower case ("A/hrc/RES/52/14", as some links have it) is the same body
        text = "/".join(part.upper() if _LOWER_BODY.match(part) else part for part in text.split("/"))
        m = _OLD_RES.match(text) or _OLD_RES_PATH.match(text)
        if m:
            number, roman = (m.group(1), m.group(2)) if m.re is _OLD_RES else (m.group(2), m.group(1))
            if _roman(roman) is None:
                raise SymbolError(f"not a session in Roman numerals: {roman!r} in {value!r}")
            return cls.old_resolution(int(number), roman, m.group(3))
        m = _SECTION.match(text) or _SECTION_PATH.match(text)
        if m:
            return cls(f"{cls.parse(m.group(1)).text} (Sect. {m.group(2)})")
        for pattern, factory in ((_RES, cls.resolution), (_DEC, cls.decision)):
            m = pattern.match(text)
            if m:
                return factory(_session(m.group(1)), int(m.group(2)), m.group(3))
        m = _HRC.match(text)
        if m:
            return cls.hrc_resolution(_session(m.group(1)), int(m.group(2)))
        m = _SC.match(text)
        if m:
            year = f" ({m.group(2)})" if m.group(2) else ""
            return cls(f"S/RES/{int(m.group(1))}{year}")
        parts = text.split("/")
        if len(parts) < 2 or not _BODY.match(parts[0]) or " " in text:
            raise SymbolError(f"not a UN document symbol: {value!r}")
        if not all(_SEGMENT.match(p) for p in parts[1:]) or not any(c.isdigit() for c in text):
            raise SymbolError(f"not a UN document symbol: {value!r}")
        return cls(text)

    @classmethod
    def resolution(cls, session: int | str, number: int, letter: str | None = None) -> Symbol:
        return cls(f"A/RES/{session}/{number}" + (f" {letter}" if letter else ""))

    @classmethod
    def old_resolution(cls, number: int, roman: str, letter: str | None = None) -> Symbol:
        """A resolution of sessions 1–30, numbered across sessions: ``A/RES/217(III) A``."""
        return cls(f"A/RES/{number}({roman})" + (f" {letter}" if letter else ""))

    @classmethod
    def session_resolution(cls, session: int, number: int, letter: str | None = None) -> Symbol:
        """Resolution ``number`` of regular session ``session`` in the numbering of its time: across
        sessions, with the session in Roman numerals, to the thirtieth (1975); by session since.

        >>> Symbol.session_resolution(26, 2758).text, Symbol.session_resolution(73, 27).text
        ('A/RES/2758(XXVI)', 'A/RES/73/27')
        """
        if session <= LAST_OLD_NUMBERED_SESSION:
            return cls.old_resolution(number, _written_roman(session), letter)
        return cls.resolution(session, number, letter)

    @classmethod
    def decision(cls, session: int | str, number: int, letter: str | None = None) -> Symbol:
        return cls(f"A/DEC/{session}/{number}" + (f" {letter}" if letter else ""))

    @classmethod
    def hrc_resolution(cls, session: int | str, number: int) -> Symbol:
        return cls(f"A/HRC/RES/{session}/{number}")

    @classmethod
    def from_short(cls, short: str, kind: SymbolKind) -> Symbol:
        """``43/78 H`` read as a GA resolution, GA decision or HRC resolution number."""
        m = _SHORT.match(" ".join(short.split()))
        if not m:
            raise SymbolError(f"not a resolution or decision number: {short!r}")
        session, number, letter = _session(m.group(1)), int(m.group(2)), m.group(3)
        if kind is SymbolKind.GA_DECISION:
            return cls.decision(session, number, letter)
        if kind is SymbolKind.HRC_RESOLUTION:
            return cls.hrc_resolution(session, number)
        return cls.resolution(session, number, letter)

    # -- reading ------------------------------------------------------------------------------
    @property
    def parts(self) -> list[str]:
        return self.text.split("/")

    @property
    def kind(self) -> SymbolKind:
        t = self.text
        if _RES.match(t) or _OLD_RES.match(t):
            return SymbolKind.GA_RESOLUTION
        if _DEC.match(t):
            return SymbolKind.GA_DECISION
        if _HRC.match(t):
            return SymbolKind.HRC_RESOLUTION
        if _SC.match(t):
            return SymbolKind.SC_RESOLUTION
        if any(re.match(r"^(PV|SR)\.\d+$", p) for p in self.parts):
            return SymbolKind.MEETING_RECORD
        if any(re.match(r"^L\.\d+$", p) for p in self.parts):
            return SymbolKind.DRAFT
        return SymbolKind.DOCUMENT

    @property
    def session(self) -> int | None:
        """The GA session a symbol belongs to, when the symbol says so."""
        old = _OLD_RES.match(self.text)
        if old:
            return _roman(old.group(2))
        parts = self.parts
        if parts[0] != "A" or parts[1] == "HRC":  # Human Rights Council sessions are not GA sessions
            return None
        for p in parts[1:]:
            if p in ("RES", "DEC") or re.match(r"^C\.\d$", p):
                continue
            if p.isdigit() and int(p) < 200:
                return int(p)
            return None
        return None

    @property
    def special_session(self) -> str | None:
        """The special or emergency special session a GA symbol belongs to, as the symbol writes it:
        ES-11 for A/RES/ES-11/1, A/ES-11/L.1 and A/ES-11/PV.5, S-28 for A/S-28/2; None for a regular
        session's symbol (``session``) or another organ's.

        >>> Symbol("A/RES/ES-11/1").special_session, Symbol("A/ES-10/PV.37").special_session
        ('ES-11', 'ES-10')
        >>> Symbol("A/RES/77/37").special_session, Symbol("A/HRC/RES/S-30/1").special_session
        (None, None)
        """
        parts = self.parts
        if parts[0] != "A" or parts[1] == "HRC":
            return None
        return next((p for p in parts[1:3] if _SPECIAL.fullmatch(p)), None)

    @property
    def short(self) -> str:
        """``77/37`` for A/RES/77/37, ``43/78 H`` for A/RES/43/78 H, ``217 A (III)`` for A/RES/217(III) A,
        else the whole symbol."""
        old = _OLD_RES.match(self.text)
        if old:
            return f"{old.group(1)}{' ' + old.group(3) if old.group(3) else ''} ({old.group(2)})"
        for pattern in (_RES, _DEC, _HRC):
            m = pattern.match(self.text)
            if m:
                groups = [g for g in m.groups() if g]
                return f"{groups[0]}/{groups[1]}" + (f" {groups[2]}" if len(groups) > 2 else "")
        return self.text

    @property
    def revision(self) -> int | None:
        for p in self.parts:
            m = _SUFFIX.match(p)
            if m and m.group(1) == "Rev":
                return int(m.group(2))
        return None

    @property
    def previous_revision(self) -> Symbol | None:
        """The symbol this revision revises: L.8/Rev.1 → L.8, L.8/Rev.2 → L.8/Rev.1; None if no revision."""
        if not self.revision:
            return None
        if self.revision == 1:
            return self.base
        return Symbol(f"{self.base.text}/Rev.{self.revision - 1}")

    @property
    def base(self) -> Symbol:
        """The symbol without revision, corrigendum or addendum suffixes."""
        kept = [p for p in self.parts if not _SUFFIX.match(p)]
        return Symbol("/".join(kept))

    @property
    def meeting_number(self) -> int | None:
        """The meeting a verbatim or summary record's symbol numbers: 107 for A/61/PV.107."""
        m = _RECORD_NUMBER.search(self.text)
        return int(m.group(1)) if m else None

    @property
    def committee(self) -> int | None:
        """Main Committee number for ``A/C.n/...`` symbols."""
        for p in self.parts[1:2]:
            m = re.match(r"^C\.(\d)$", p)
            if m:
                return int(m.group(1))
        return None

    @property
    def iri_path(self) -> str:
        """The path segment used in IRIs (no spaces or brackets)."""
        old = _OLD_RES.match(self.text)
        if old:
            return f"A/RES/{old.group(2)}/{old.group(1)}{old.group(3) or ''}"
        section = _SECTION.match(self.text)
        if section:
            return f"{Symbol(section.group(1)).iri_path}/Sect.{section.group(2)}"
        return self.text.replace(" (", "/").replace(")", "").replace(" ", "")

    def akn_work(self, adopted: str) -> str | None:
        """The UN's Akoma Ntoso Work IRI of an adopted GA resolution (adoption date as YYYY-MM-DD):
        ``/akn/un/statement/deliberation/unga/2022-12-07/77-37``; ``77-128A`` for a lettered one."""
        if self.kind not in (SymbolKind.GA_RESOLUTION, SymbolKind.GA_DECISION) or _OLD_RES.match(self.text):
            return None
        return f"/akn/un/statement/deliberation/unga/{adopted}/{self.short.replace('/', '-').replace(' ', '')}"

    @property
    def undocs_url(self) -> str:
        old = _OLD_RES.match(self.text)
        if old:  # the UN links these without their letter: https://undocs.org/A/RES/217(III)
            return f"https://undocs.org/A/RES/{old.group(1)}({old.group(2)})"
        return f"https://undocs.org/{self.text.replace(' ', '')}"


def _roman(text: str) -> int | None:
    """III → 3, XXVIII → 28; None for what is not a session number in Roman numerals (1–99)."""
    total, previous = 0, 0
    for ch in reversed(text):
        value = _ROMAN[ch]
        total, previous = (total - value, previous) if value < previous else (total + value, value)
    return total if 0 < total < 100 and _written_roman(total) == text else None


def _written_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _session(value: str) -> int | str:
    return int(value) if value.isdigit() else value


@lru_cache(maxsize=4096)
def _symbol(text: str) -> Symbol:
    return Symbol(text)


def special_session(kind: str, number: int) -> str:
    """A special session as symbols write it, from the words of a heading: ("emergency special", 11)
    → "ES-11", ("special", 28) → "S-28"."""
    return f"{'ES' if 'emergency' in kind.lower() else 'S'}-{number}"
