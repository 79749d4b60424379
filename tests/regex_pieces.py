"""Long adversarial lines for every regular expression of the package, built from its own pieces: the
literal text it starts with, then long runs of the literals and of one character of each class it
uses, alone and in pairs, without what would let it match. Shared by tests/test_regexes.py (a hang
detector) and bench/regexes.py (the figures)."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import re._parser as sre  # the standard library's own reader of patterns
from collections.abc import Iterator

import pipeline

_SAMPLES = {  # one character for each category a class may name
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_DIGIT: "7",
    sre.CATEGORY_WORD: "a",
    sre.CATEGORY_NOT_SPACE: "x",
    sre.CATEGORY_NOT_DIGIT: "x",
    sre.CATEGORY_NOT_WORD: ".",
}


def patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern held at module level in the package: 'module.NAME' → pattern."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return found


def _pieces(parsed: sre.SubPattern, out: list[str]) -> None:
    literal = ""
    for op, arg in parsed:
        if op is sre.LITERAL:
            literal += chr(arg)
            continue
        if literal:
            out.append(literal)
            literal = ""
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL:
                    out.append(chr(value))
                elif kind is sre.RANGE:
                    out.append(chr(value[0]))
                elif kind is sre.CATEGORY:
                    out.append(_SAMPLES.get(value, "x"))
        elif op is sre.ANY:
            out.append("x")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _pieces(arg[2], out)
        elif op is sre.SUBPATTERN:
            _pieces(arg[3], out)
        elif op is sre.BRANCH:
            for branch in arg[1]:
                _pieces(branch, out)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _pieces(arg[1], out)
    if literal:
        out.append(literal)


def _prefix(parsed: sre.SubPattern) -> str:
    text = ""
    for op, arg in parsed:
        if op is sre.AT:
            continue
        if op is not sre.LITERAL:
            break
        text += chr(arg)
    return text


def lines(pattern: re.Pattern[str], size: int) -> Iterator[str]:
    """Adversarial lines of about ``size`` characters for one pattern."""
    parsed = sre.parse(pattern.pattern, pattern.flags)
    pieces = list(dict.fromkeys(p for p in _found(parsed) if p))[:10]
    prefix = _prefix(parsed)
    for piece in pieces:
        yield prefix + piece * (size // len(piece))
    for a, b in itertools.combinations(pieces[:6], 2):
        yield prefix + (a + b) * (size // (len(a) + len(b)))
    yield prefix + "\u1680" * size  # Unicode white space the normalisers must fold


def _found(parsed: sre.SubPattern) -> list[str]:
    out: list[str] = []
    _pieces(parsed, out)
    return out
