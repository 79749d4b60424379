"""Every regular expression of the package reads long adversarial lines built from its own pieces to the
end (tests/regex_pieces.py makes them); bench/regexes.py measures them (each under 100 ms on 100 KB).
A watchdog turns a catastrophic pattern — cubic or quadratic: minutes on 100 KB — into a failure."""

from __future__ import annotations

import pytest

from pipeline.inputs import RawDocument
from pipeline.normalise import normalise
from pipeline.parse import parse
from tests.conftest import CORPUS, within_watchdog
from tests.regex_pieces import lines, patterns

SIZE = 100_000
WATCHDOG_SECONDS = 10  # for all the lines of one pattern; a linear pattern needs milliseconds

PATTERNS = patterns()


def test_the_package_patterns_are_found():
    assert len(PATTERNS) > 60
    assert "pipeline.parse.header._RAPPORTEUR" in PATTERNS and "pipeline.serve.sparql._LEXER" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_reads_long_lines_of_its_own_pieces(name):
    pattern = PATTERNS[name]
    made = list(lines(pattern, SIZE))
    assert made and all(len(line) >= SIZE // 2 for line in made)
    within_watchdog(lambda: [pattern.search(line) for line in made], WATCHDOG_SECONDS, name)


def test_a_long_run_of_unicode_white_space_in_a_heading_is_one_space():
    # seed 000 with 100,000 U+1680 (OGHAM SPACE MARK) between "Original: English" and more text
    text = (CORPUS / "000_ea35d43ee21e10af.txt").read_text(encoding="utf-8")
    at = text.index("Original: English") + len("Original: English")
    raw = RawDocument("x.txt", text[:at] + "\u1680" * 100_000 + "x" + text[at:], "0" * 64)
    parsed = []
    within_watchdog(lambda: parsed.append(parse(normalise(raw))), WATCHDOG_SECONDS, "seed 000 with U+1680")
    assert parsed[0].document.original_languages == ("English x",)
