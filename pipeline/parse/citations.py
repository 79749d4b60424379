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
    >>> [c.symbol.text for c in citations("the decision of the Human Rights Council, in its resolution 54/12, that")]
    ['A/HRC/RES/54/12']
    >>> [c.symbol.text for c in citations("through its resolution 54/18 of 12 October 2023, the Human Rights Council")]
    ['A/HRC/RES/54/18']
    >>> [c.symbol.text for c in citations("to the Human Rights Council, in accordance with Council resolution 53/30")]
    ['A/HRC/RES/53/30']
    >>> [c.symbol.text for c in citations("in line with United Nations Environment Assembly resolution 5/5")]
    ['UNEP/EA.5/Res.5']

A resolution of another body is printed as its short number with a footnote that gives its symbol
(":" and "UNEP/EA.5/Res.14." under the rule); given the footnotes' texts by marker, such a number
cites the symbol its footnote names when the symbol ends with the same session and number:

    >>> from pipeline.inputs import mark
    >>> text = f"Recalling resolutions 5/14 of 2 March 2022,{mark('7')} and 77/161"
    >>> [c.symbol.text for c in citations(text, {"7": "UNEP/EA.5/Res.14."})]
    ['UNEP/EA.5/Res.14', 'A/RES/77/161']
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.inputs import MARK_RE, strip_marks
from pipeline.model import Citation
from pipeline.symbols import Symbol, SymbolError, SymbolKind

# A document symbol: a known series, then slash-separated segments, one of which has a digit.
_DOCUMENT = re.compile(
    r"(?<![\w/.])(?:A|S|E|ST|DP|TD|UNEP|CCPR|CRC|CEDAW|CERD|CAT|CRPD|CMW|CED|HRC|ICCD|FCCC|UNW|WFP|"
    r"UNICEF|ICEF|UNHCR|CD|NPT|ISBA|SPLOS|CCW|BWC|APLC|ECE|IDB|IMO)(?:/[A-Za-z0-9][A-Za-z0-9.\-]{0,15}){1,7}"
)
# The patterns run over every paragraph (_SHORT, _KEYWORD, _SC_NUMBER, _ECOSOC_NUMBER, _OLD) open
# with a lookahead of the characters their matches start with: Python's engine tries a pattern at each
# position of a text, and a character class in front lets it pass the other positions at once (the
# keywords' alternatives, each behind \b, take five times as long without). The matches are the same.
# A session/number reference with an optional letter: 43/78 H (the letter only when it stands alone).
_SHORT = re.compile(r"(?=[ES\d])(?<![\w/.\-])((?:ES-|S-)?\d{1,3})/(\d{1,4})(?![\w/])(?: ([A-Z])(?![\w/\-]))?")
# The keyword that says what kind of number follows (each alternative starts with H, S, E, C, D, R, . or ;).
_KEYWORD = re.compile(
    r"(?=[HSECDdRr.;])"
    r"(?:\b(?P<hrc>Human Rights Council(?: resolutions?)?)\b|\b(?P<sc>Security Council(?: resolutions?)?)\b"
    r"|\b(?P<ecosoc>Economic and Social Council(?: resolutions?)?)\b"
    r"|\b(?P<unea>Environment Assembly(?: of the United Nations Environment Programme)? resolutions?)\b"
    r"|\b(?P<bare>Council resolutions?)\b"
    r"|\b(?P<dec>[Dd]ecisions?)\b|\b(?P<res>[Rr]esolutions?)\b|(?P<stop>[.;](?:\s|$)))"
)
_SC_NUMBER = re.compile(r"(?=\d)(?<![\w/])(\d{1,4}) \((\d{4})\)")
# an Economic and Social Council resolution: year/number ("1980/67"), its symbol E/RES/1980/67
_ECOSOC_NUMBER = re.compile(r"(?=[12])(?<![\w/.\-])((?:19|20)\d{2})/(\d{1,3})(?![\w/])")
# what a keyword says the numbers after it are: a kind of symbol, or a body whose numbers no
# SymbolKind types ("Economic and Social Council resolution(s)", "Human Rights Council decision(s)",
# "United Nations Environment Assembly resolution(s)")
_ECOSOC, _HRC_DECISION, _UNEA = "ecosoc", "hrc-decision", "unea"
Kind = SymbolKind | str | None
_COUNCIL_OF: dict[str, SymbolKind | str] = {
    "hrc": SymbolKind.HRC_RESOLUTION,
    "sc": SymbolKind.SC_RESOLUTION,
    "ecosoc": _ECOSOC,
}
# what between a council's name and a bare "resolution(s)" says the resolution is that council's:
# "the Council in its resolution 17/4", "Council resolutions on the subject, including resolution 54/3",
# "Council decision 18/120 of 30 September 2011 and resolutions 24/14"
_SAME_COUNCIL = re.compile(
    r"^,? (?:in|by) its $|^(?: resolutions?)?[^;]{0,80}, including $"
    r"|^ decisions? [\d/ ]+(?:of \d{1,2} [A-Z][a-z]+ \d{4} )?and $"
)
# "in its resolution 54/18 of 12 October 2023, the Human Rights Council …": the council named after
_ITS = re.compile(r"\b(?:[Ii]n|[Bb]y|[Tt]hrough|[Uu]nder) its $")
_NAMED_AFTER = re.compile(
    r"[^,;]{1,80}, the (?:(?P<hrc>Human Rights)|(?P<sc>Security)|(?P<ecosoc>Economic and Social)) Council\b"
)
# the digits of a symbol, to match a footnote's symbol with the short number it explains
_DIGITS = re.compile(r"\d+")
# A resolution of sessions 1–30: its number, a letter where there are several, the session in Roman numerals
_OLD = re.compile(r"(?=\d)(?<![\w/.\-])(\d{1,4})(?: ([A-Z]))? \(([IVXL]{1,7})\)")
_SECTION = re.compile(r" ?\(Sect\. ?\d{1,3}[A-Z]?\)")


def citations(text: str, notes: Mapping[str, str] | None = None) -> tuple[Citation, ...]:
    """Every citation in a text, in order of appearance, once per symbol; ``notes`` are the texts of
    the footnotes its marks refer to, by marker."""
    marks = _marks(text) if notes else []
    text = strip_marks(text)
    if "/" not in text and not _DIGITS.search(text):
        return ()  # every pattern below needs a slash or a digit (half of all paragraphs have neither)
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
    keywords: list[tuple[int, Kind]] = []
    council: tuple[int, SymbolKind | str] | None = None  # the council the sentence last named, and where
    named: Kind = None  # the council the text last named, in any sentence
    for m in _KEYWORD.finditer(plain):
        kind = _kind(m)
        after = _NAMED_AFTER.match(plain, m.end()) if kind is SymbolKind.GA_RESOLUTION else None
        if m.group("stop"):
            council = None
        elif m.group("hrc") or m.group("sc") or m.group("ecosoc"):
            council = (m.end(), _COUNCIL_OF[next(g for g in ("hrc", "sc", "ecosoc") if m.group(g))])
            named = council[1]
        elif m.group("bare"):
            kind = council[1] if council else named or kind  # "Council resolution 53/30": the council named before
        elif after and _ITS.search(plain, 0, m.start()):
            kind = _COUNCIL_OF[next(g for g in ("hrc", "sc", "ecosoc") if after.group(g))]
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
    shorts = list(_SHORT.finditer(plain))
    for i, m in enumerate(shorts):
        kind = _kind_before(keywords, m.start())
        if kind is SymbolKind.GA_RESOLUTION and notes:
            end = shorts[i + 1].start() if i + 1 < len(shorts) else len(plain)
            noted = _noted(m, [notes.get(marker, "") for at, marker in marks if m.end() <= at <= end][:1])
            if noted is not None:
                found.append((m.start(), Citation(noted, m.group(0))))
                continue
        if kind is None:
            continue
        if kind is SymbolKind.SC_RESOLUTION or kind == _ECOSOC:
            continue
        if kind == _HRC_DECISION:
            found.append((m.start(), Citation(Symbol(f"A/HRC/DEC/{m.group(1)}/{m.group(2)}"), m.group(0))))
            continue
        if kind == _UNEA:  # "United Nations Environment Assembly resolution 5/5": UNEP/EA.5/Res.5
            found.append((m.start(), Citation(Symbol(f"UNEP/EA.{m.group(1)}/Res.{m.group(2)}"), m.group(0))))
            continue
        if not isinstance(kind, SymbolKind):
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
        if _kind_before(keywords, m.start()) == _ECOSOC:
            found.append((m.start(), Citation(Symbol.parse(f"E/RES/{m.group(1)}/{m.group(2)}"), m.group(0))))
    found.sort(key=lambda item: item[0])
    unique: dict[Symbol, Citation] = {}
    for _, citation in found:
        unique.setdefault(citation.symbol, citation)
    return tuple(unique.values())


def _marks(text: str) -> list[tuple[int, str]]:
    """Each footnote mark of a text: where it stands in the text without marks, and its marker."""
    found, removed = [], 0
    for m in MARK_RE.finditer(text):
        found.append((m.start() - removed, m.group(1)))
        removed += len(m.group(0))
    return found


def _noted(m: re.Match[str], notes: list[str]) -> Symbol | None:
    """The symbol a short number's footnote names, when it ends with that number's session and number
    ("5/14" and "UNEP/EA.5/Res.14") and is not a GA resolution's."""
    session = m.group(1).split("-")[-1]
    for note in notes:
        for d in _DOCUMENT.finditer(note):
            try:
                symbol = Symbol.parse(d.group(0).rstrip(".-"))
            except SymbolError:
                continue
            if symbol.kind is not SymbolKind.GA_RESOLUTION and _DIGITS.findall(symbol.text)[-2:] == [
                session,
                m.group(2),
            ]:
                return symbol
    return None


def _kind(m: re.Match[str]) -> Kind:
    if m.group("hrc"):
        return SymbolKind.HRC_RESOLUTION if "resolution" in m.group("hrc") else None
    if m.group("sc"):
        return SymbolKind.SC_RESOLUTION if "resolution" in m.group("sc") else None
    if m.group("ecosoc"):
        return _ECOSOC if "resolution" in m.group("ecosoc") else None
    if m.group("unea"):
        return _UNEA
    if m.group("dec"):
        return SymbolKind.GA_DECISION
    if m.group("res") or m.group("bare"):
        return SymbolKind.GA_RESOLUTION
    return None  # a sentence end resets the context


def _kind_before(keywords: list[tuple[int, Kind]], position: int) -> Kind:
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
