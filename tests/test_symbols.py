import pytest

from pipeline.symbols import Symbol, SymbolError, SymbolKind


@pytest.mark.parametrize(
    "text, kind, session, iri_path",
    [
        ("A/RES/77/37", SymbolKind.GA_RESOLUTION, 77, "A/RES/77/37"),
        ("A/RES/43/78 H", SymbolKind.GA_RESOLUTION, 43, "A/RES/43/78H"),
        ("A/RES/ES-10/19", SymbolKind.GA_RESOLUTION, None, "A/RES/ES-10/19"),
        ("A/DEC/72/512", SymbolKind.GA_DECISION, 72, "A/DEC/72/512"),
        ("A/HRC/RES/20/8", SymbolKind.HRC_RESOLUTION, None, "A/HRC/RES/20/8"),
        ("S/RES/2325 (2016)", SymbolKind.SC_RESOLUTION, None, "S/RES/2325/2016"),
        ("A/C.1/77/L.23", SymbolKind.DRAFT, 77, "A/C.1/77/L.23"),
        ("A/C.1/75/L.8/Rev.1", SymbolKind.DRAFT, 75, "A/C.1/75/L.8/Rev.1"),
        ("A/77/L.5", SymbolKind.DRAFT, 77, "A/77/L.5"),
        ("A/77/380", SymbolKind.DOCUMENT, 77, "A/77/380"),
        ("A/AC.292/2022/INF/4", SymbolKind.DOCUMENT, None, "A/AC.292/2022/INF/4"),
        ("A/C.1/73/PV.31", SymbolKind.MEETING_RECORD, 73, "A/C.1/73/PV.31"),
        ("A/77/PV.46", SymbolKind.MEETING_RECORD, 77, "A/77/PV.46"),
        ("A/67/53/Corr.1", SymbolKind.DOCUMENT, 67, "A/67/53/Corr.1"),
        ("A/C.1/73/CRP.2", SymbolKind.DOCUMENT, 73, "A/C.1/73/CRP.2"),
        ("A/RES/217(III) A", SymbolKind.GA_RESOLUTION, 3, "A/RES/III/217A"),
        ("A/RES/1514(XV)", SymbolKind.GA_RESOLUTION, 15, "A/RES/XV/1514"),
        ("A/RES/3101(XXVIII)", SymbolKind.GA_RESOLUTION, 28, "A/RES/XXVIII/3101"),
        ("A/77/6 (Sect. 29)", SymbolKind.DOCUMENT, 77, "A/77/6/Sect.29"),
    ],
)
def test_symbol_shapes(text, kind, session, iri_path):
    symbol = Symbol.parse(text)
    assert symbol.text == text
    assert symbol.kind is kind
    assert symbol.session == session
    assert symbol.iri_path == iri_path
    assert Symbol.parse(str(symbol)) == symbol  # round trip


def test_iri_path_of_a_lettered_resolution_parses_back():
    assert Symbol.parse("A/RES/43/78H") == Symbol.resolution(43, 78, "H")


def test_revision_and_base():
    rev = Symbol.parse("A/C.1/75/L.8/Rev.1")
    assert rev.revision == 1
    assert rev.base == Symbol.parse("A/C.1/75/L.8")
    assert rev.committee == 1
    assert Symbol.parse("A/C.1/75/L.8").revision is None
    assert rev.previous_revision == Symbol.parse("A/C.1/75/L.8")
    assert Symbol.parse("A/C.1/75/L.8/Rev.2").previous_revision == rev
    assert Symbol.parse("A/C.1/75/L.8").previous_revision is None


def test_short_numbers_keep_their_kind():
    assert Symbol.from_short("43/78 H", SymbolKind.GA_RESOLUTION).text == "A/RES/43/78 H"
    assert Symbol.from_short("72/512", SymbolKind.GA_DECISION).text == "A/DEC/72/512"
    assert Symbol.from_short("20/8", SymbolKind.HRC_RESOLUTION).text == "A/HRC/RES/20/8"
    assert Symbol.from_short("72/512", SymbolKind.GA_DECISION).short == "72/512"
    assert Symbol.resolution(43, 78, "H").short == "43/78 H"


@pytest.mark.parametrize("bad", ["", "resolution", "A/", "/77/37", "a/res/77/37", "A/RES/ 77", "77/37", "x" * 200])
def test_not_symbols_are_refused(bad):
    with pytest.raises(SymbolError):
        Symbol.parse(bad)


@pytest.mark.parametrize(
    "written, text",
    [
        ("A/RES/217(III)", "A/RES/217(III)"),
        ("A/RES/III/217A", "A/RES/217(III) A"),
        ("A/77/6(Sect.29)", "A/77/6 (Sect. 29)"),
        ("A/77/6/Sect.29", "A/77/6 (Sect. 29)"),
    ],
)
def test_old_resolutions_and_sections_in_their_other_forms(written, text):
    assert Symbol.parse(written).text == text


@pytest.mark.parametrize("bad", ["A/RES/217(IIII)", "A/RES/217(IC)", "A/RES/1(C)"])
def test_a_session_that_is_not_roman_numerals_is_refused(bad):
    with pytest.raises(SymbolError):
        Symbol.parse(bad)
