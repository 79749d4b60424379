"""Citations: references to other documents in a paragraph or footnote, typed through Symbol.

Full document symbols (``A/AC.292/2022/INF/4``, ``A/C.1/73/PV.31``) are found first. Short numbers
(``43/78 H``, ``72/512``, ``20/8``) are typed by the nearest preceding keyword in the same sentence:
"decision(s)" makes GA decisions, "Human Rights Council resolution(s)" HRC resolutions, "Security
Council resolution(s)" SC resolutions, and any other "resolution(s)" GA resolutions.

    >>> [c.symbol.text for c in citations("its resolutions 43/78 H of 7 December 1988 and 53/70")]
    ['A/RES/43/78 H', 'A/RES/53/70']
    >>> [c.symbol.text for c in citations("as well as its decisions 72/512 and 75/564")]
    ['A/DEC/72/512', 'A/DEC/75/564']
    >>> [c.symbol.text for c in citations("its resolutions 217 A (III) and 1514 (XV) of 14 December 1960")]
    ['A/RES/217(III) A', 'A/RES/1514(XV)']
    >>> [c.symbol.text for c in citations("the proposed programme budget (A/77/6 (Sect. 29))")]
    ['A/77/6 (Sect. 29)']
"""

from __future__ import annotations

import re

from pipeline.inputs import strip_marks
from pipeline.model import Citation
from pipeline.symbols import Symbol, SymbolError, SymbolKind

# A document symbol: a known series, then slash-separated segments, one of which has a digit.
_DOCUMENT = re.compile(
    r"(?<![\w/.])(?:A|S|E|ST|DP|TD|UNEP|CCPR|CRC|CEDAW|CERD|CAT|CRPD|CMW|CED|HRC|ICCD|FCCC|UNW|WFP|"
    r"UNICEF|ICEF|UNHCR)(?:/[A-Za-z0-9][A-Za-z0-9.\-]{0,15}){1,7}"
)
# A session/number reference with an optional letter: 43/78 H (the letter only when it stands alone).
_SHORT = re.compile(r"(?<![\w/.\-])((?:ES-|S-)?\d{1,3})/(\d{1,4})(?![\w/])(?: ([A-Z])(?![\w/\-]))?")
# The keyword that says what kind of number follows.
_KEYWORD = re.compile(
    r"\b(?P<hrc>Human Rights Council(?: resolutions?)?)\b|\b(?P<sc>Security Council(?: resolutions?)?)\b"
    r"|\b(?P<dec>[Dd]ecisions?)\b|\b(?P<res>[Rr]esolutions?)\b|(?P<stop>[.;](?:\s|$))"
)
_SC_NUMBER = re.compile(r"(?<![\w/])(\d{1,4}) \((\d{4})\)")
# A resolution of sessions 1–30: its number, a letter where there are several, the session in Roman numerals
_OLD = re.compile(r"(?<![\w/.\-])(\d{1,4})(?: ([A-Z]))? \(([IVXL]{1,7})\)")
_SECTION = re.compile(r" ?\(Sect\. ?\d{1,3}[A-Z]?\)")


def citations(text: str) -> tuple[Citation, ...]:
    """Every citation in a text, in order of appearance, once per symbol."""
    text = strip_marks(text)
    found: list[tuple[int, Citation]] = []
    masked = list(text)
    for m in _DOCUMENT.finditer(text):
        raw = m.group(0).rstrip(".-")
        section = _SECTION.match(text, m.start() + len(raw))
        if section:  # "A/77/6 (Sect. 29)": the section is part of the symbol
            raw += section.group(0)
        try:
            symbol = Symbol.parse(raw)
        except SymbolError:
            continue
        if symbol.text.count("/") < 2 and not any(ch.isdigit() for ch in symbol.text.split("/")[-1]):
            continue
        found.append((m.start(), Citation(symbol, raw)))
        masked[m.start() : m.start() + len(raw)] = " " * len(raw)
    plain = "".join(masked)
    keywords = [(m.start(), _kind(m)) for m in _KEYWORD.finditer(plain)]
    for m in _SHORT.finditer(plain):
        kind = _kind_before(keywords, m.start())
        if kind is None:
            continue
        if kind is SymbolKind.SC_RESOLUTION:
            continue
        letter = m.group(3)
        short = f"{m.group(1)}/{m.group(2)}" + (f" {letter}" if letter else "")
        try:
            symbol = Symbol.from_short(short, kind)
        except SymbolError:
            continue
        found.append((m.start(), Citation(symbol, m.group(0))))
    for m in _OLD.finditer(plain):
        if _kind_before(keywords, m.start()) is SymbolKind.GA_RESOLUTION:
            try:
                symbol = Symbol.old_resolution(int(m.group(1)), m.group(3), m.group(2))
                symbol = Symbol.parse(symbol.text)  # checks the Roman numerals
            except SymbolError:
                continue
            found.append((m.start(), Citation(symbol, m.group(0))))
    for start, kind in keywords:
        if kind is SymbolKind.SC_RESOLUTION:
            for m in _SC_NUMBER.finditer(plain, start, start + 400):
                if _kind_before(keywords, m.start()) is SymbolKind.SC_RESOLUTION:
                    symbol = Symbol.parse(f"S/RES/{m.group(1)} ({m.group(2)})")
                    found.append((m.start(), Citation(symbol, m.group(0))))
    found.sort(key=lambda item: item[0])
    unique: dict[Symbol, Citation] = {}
    for _, citation in found:
        unique.setdefault(citation.symbol, citation)
    return tuple(unique.values())


def _kind(m: re.Match[str]) -> SymbolKind | None:
    if m.group("hrc"):
        return SymbolKind.HRC_RESOLUTION if "resolution" in m.group("hrc") else None
    if m.group("sc"):
        return SymbolKind.SC_RESOLUTION if "resolution" in m.group("sc") else None
    if m.group("dec"):
        return SymbolKind.GA_DECISION
    if m.group("res"):
        return SymbolKind.GA_RESOLUTION
    return None  # a sentence end resets the context


def _kind_before(keywords: list[tuple[int, SymbolKind | None]], position: int) -> SymbolKind | None:
    """The kind set by the last keyword (or sentence end) before a position."""
    kind = None
    lo, hi = 0, len(keywords)
    while lo < hi:  # binary search: keywords are sorted by position
        mid = (lo + hi) // 2
        if keywords[mid][0] < position:
            lo = mid + 1
        else:
            hi = mid
    if lo:
        kind = keywords[lo - 1][1]
    return kind
