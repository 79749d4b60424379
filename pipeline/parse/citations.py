"""Citations: references to other documents in a paragraph or footnote, typed through Symbol.

Full document symbols (``A/AC.292/2022/INF/4``, ``A/C.1/73/PV.31``) are found first. Short numbers
(``43/78 H``, ``72/512``, ``20/8``) are typed by the nearest preceding keyword in the same sentence:
"decision(s)" makes GA decisions, "Human Rights Council resolution(s)" HRC resolutions, "Security
Council resolution(s)" SC resolutions, and any other "resolution(s)" GA resolutions. A number with
its year in brackets ("2175 (2014)") after "resolution(s)" is always the Security Council's, and a
year/number ("1980/67") after "Economic and Social Council resolution(s)" that Council's.

    >>> [c.symbol.text for c in citations("its resolutions 43/78 H of 7 December 1988 and 53/70")]
    ['A/RES/43/78 H', 'A/RES/53/70']
    >>> [c.symbol.text for c in citations("as well as its decisions 72/512 and 75/564")]
    ['A/DEC/72/512', 'A/DEC/75/564']
    >>> [c.symbol.text for c in citations("its resolutions 217 A (III) and 1514 (XV) of 14 December 1960")]
    ['A/RES/217(III) A', 'A/RES/1514(XV)']
    >>> [c.symbol.text for c in citations("the proposed programme budget (A/77/6 (Sect. 29))")]
    ['A/77/6 (Sect. 29)']
    >>> [c.symbol.text for c in citations("Security Council resolutions on it, including resolution 2175 (2014)")]
    ['S/RES/2175 (2014)']
    >>> [c.symbol.text for c in citations("Economic and Social Council resolutions 2017/18 and 2021/25")]
    ['E/RES/2017/18', 'E/RES/2021/25']
    >>> [c.symbol.text for c in citations("Human Rights Council resolutions on it, including resolution 54/3")]
    ['A/HRC/RES/54/3']
    >>> [c.symbol.text for c in citations("as decided by the Human Rights Council in its resolution 42/23")]
    ['A/HRC/RES/42/23']
    >>> [c.symbol.text for c in citations("Human Rights Council decision 18/120 of 3 May 2011 and resolutions 24/14")]
    ['A/HRC/DEC/18/120', 'A/HRC/RES/24/14']
"""

from __future__ import annotations

import re

from pipeline.inputs import strip_marks
from pipeline.model import Citation
from pipeline.symbols import Symbol, SymbolError, SymbolKind

# A document symbol: a known series, then slash-separated segments, one of which has a digit.
_DOCUMENT = re.compile(
    r"(?<![\w/.])(?:A|S|E|ST|DP|TD|UNEP|CCPR|CRC|CEDAW|CERD|CAT|CRPD|CMW|CED|HRC|ICCD|FCCC|UNW|WFP|"
    r"UNICEF|ICEF|UNHCR|CD|NPT|ISBA|SPLOS|CCW|BWC|APLC|ECE|IDB|IMO)(?:/[A-Za-z0-9][A-Za-z0-9.\-]{0,15}){1,7}"
)
# A session/number reference with an optional letter: 43/78 H (the letter only when it stands alone).
_SHORT = re.compile(r"(?<![\w/.\-])((?:ES-|S-)?\d{1,3})/(\d{1,4})(?![\w/])(?: ([A-Z])(?![\w/\-]))?")
# The keyword that says what kind of number follows.
_KEYWORD = re.compile(
    r"\b(?P<hrc>Human Rights Council(?: resolutions?)?)\b|\b(?P<sc>Security Council(?: resolutions?)?)\b"
    r"|\b(?P<ecosoc>Economic and Social Council(?: resolutions?)?)\b"
    r"|\b(?P<dec>[Dd]ecisions?)\b|\b(?P<res>[Rr]esolutions?)\b|(?P<stop>[.;](?:\s|$))"
)
_SC_NUMBER = re.compile(r"(?<![\w/])(\d{1,4}) \((\d{4})\)")
# an Economic and Social Council resolution: year/number ("1980/67"), its symbol E/RES/1980/67
_ECOSOC_NUMBER = re.compile(r"(?<![\w/.\-])((?:19|20)\d{2})/(\d{1,3})(?![\w/])")
_ECOSOC = SymbolKind.DOCUMENT  # the keyword kind of "Economic and Social Council resolution(s)"
_COUNCIL_OF = {"hrc": SymbolKind.HRC_RESOLUTION, "sc": SymbolKind.SC_RESOLUTION, "ecosoc": _ECOSOC}
_HRC_DECISION = SymbolKind.MEETING_RECORD  # the keyword kind of "Human Rights Council decision(s)"
# what between a council's name and a bare "resolution(s)" says the resolution is that council's:
# "the Council in its resolution 17/4", "Council resolutions on the subject, including resolution 54/3",
# "Council decision 18/120 of 30 September 2011 and resolutions 24/14"
_SAME_COUNCIL = re.compile(
    r"^ (?:in|by) its $|^(?: resolutions?)?[^;]{0,80}, including $"
    r"|^ decisions? [\d/ ]+(?:of \d{1,2} [A-Z][a-z]+ \d{4} )?and $"
)
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
    keywords: list[tuple[int, SymbolKind | None]] = []
    council: tuple[int, SymbolKind] | None = None  # the council the sentence last named, and where
    for m in _KEYWORD.finditer(plain):
        kind = _kind(m)
        if m.group("stop"):
            council = None
        elif m.group("hrc") or m.group("sc") or m.group("ecosoc"):
            council = (m.end(), _COUNCIL_OF[next(g for g in ("hrc", "sc", "ecosoc") if m.group(g))])
        elif council and kind is SymbolKind.GA_RESOLUTION and _SAME_COUNCIL.search(plain[council[0] : m.start()]):
            kind = council[1]
        elif (
            council
            and kind is SymbolKind.GA_DECISION
            and council[1] is SymbolKind.HRC_RESOLUTION
            and plain[council[0] : m.start()] == " "
        ):
            kind = _HRC_DECISION  # "Human Rights Council decision 18/120"
        keywords.append((m.start(), kind))
    for m in _SHORT.finditer(plain):
        kind = _kind_before(keywords, m.start())
        if kind is None:
            continue
        if kind is SymbolKind.SC_RESOLUTION or kind is _ECOSOC:
            continue
        if kind is _HRC_DECISION:
            found.append((m.start(), Citation(Symbol(f"A/HRC/DEC/{m.group(1)}/{m.group(2)}"), m.group(0))))
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
    # "resolution 2175 (2014)": a number with its year is a Security Council resolution, whichever
    # council the sentence named ("Security Council resolutions on …, including resolution 2175 (2014)")
    for m in _SC_NUMBER.finditer(plain):
        if _kind_before(keywords, m.start()) in (SymbolKind.SC_RESOLUTION, SymbolKind.GA_RESOLUTION):
            symbol = Symbol.parse(f"S/RES/{m.group(1)} ({m.group(2)})")
            found.append((m.start(), Citation(symbol, m.group(0))))
    for m in _ECOSOC_NUMBER.finditer(plain):
        if _kind_before(keywords, m.start()) is _ECOSOC:
            found.append((m.start(), Citation(Symbol.parse(f"E/RES/{m.group(1)}/{m.group(2)}"), m.group(0))))
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
    if m.group("ecosoc"):
        return _ECOSOC if "resolution" in m.group("ecosoc") else None
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
