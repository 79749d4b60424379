"""Properties of every reader, on inputs hypothesis makes from the documents' own pieces (lines of the
seeds, fragments of the UN's XML, SPARQL words) and from nothing at all: each input ends in a model or
the project's own error, within 5 s. Crashing inputs found by `make fuzz` (atheris) are replayed."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.fuzz.targets import TARGETS, crashes

SEED_LINES = sorted({line for p in sorted(CORPUS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()})
AKN_FILES = sorted((CORPUS / "akn").glob("*.xml"))
AKN_LINES = sorted({line for p in AKN_FILES for line in p.read_text(encoding="utf-8").splitlines()})
SPARQL = [
    "SELECT",
    "*",
    "WHERE",
    "{",
    "}",
    "?s",
    "?p",
    "?o",
    "SERVICE",
    "<http://e/>",
    "#",
    "\r",
    "\n",
    "FROM",
    "NAMED",
    "PREFIX",
    "ex:",
    "ex:a\\#",
    "'a'",
    '"""',
    "(",
    ")",
    "<",
    "FILTER",
    "LOAD",
    "INSERT",
    "\\u0041",
]
CONFIG = settings(
    max_examples=int(os.environ.get("UNGA_LD_FUZZ_EXAMPLES", "120")),  # more for a longer campaign
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=60)), max_size=60).map("\n".join),
    st.text(max_size=400),
).map(lambda t: t.encode("utf-8"))
xml = st.one_of(
    st.lists(st.sampled_from(AKN_LINES), max_size=200).map(lambda ls: "\n".join(ls).encode("utf-8")),
    st.tuples(st.sampled_from(AKN_FILES), st.integers(0, 400_000), st.integers(0, 200), st.binary(max_size=20)).map(
        lambda t: (lambda d: d[: t[1] % max(1, len(d))] + t[3] + d[t[1] % max(1, len(d)) + t[2] :])(t[0].read_bytes())
    ),
    st.binary(max_size=300),
)


@CONFIG
@given(texts)
def test_any_text_ends_in_a_model_or_a_diagnostic(data):
    TARGETS["text"](data)


@CONFIG
@given(xml)
def test_any_xml_ends_in_a_model_or_a_diagnostic(data):
    TARGETS["akn"](data)


@CONFIG
@given(texts)
def test_the_layout_normalisers_read_any_text(data):
    TARGETS["layouts"](data)


@CONFIG
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.lists(
            st.sampled_from(
                ["[documents]", '"a.txt"', "= ", "{ symbol = ", '"A/RES/77/1" }', "\n", "1", "[", "]", "x = 1"]
            ),
            max_size=30,
        ).map(lambda p: "".join(p).encode()),
    )
)
def test_any_manifest_ends_in_entries_or_a_diagnostic(data):
    TARGETS["manifest"](data)


@CONFIG
@given(
    st.lists(st.sampled_from(SPARQL), max_size=60).map(" ".join).map(str.encode) | st.text(max_size=200).map(str.encode)
)
def test_the_query_guard_refuses_or_lets_through_any_query(data):
    TARGETS["query"](data)


@pytest.mark.parametrize(
    "target, case", [(t, c) for t in sorted(TARGETS) for c in crashes(t)], ids=lambda v: getattr(v, "name", v)
)
def test_each_crash_found_by_fuzzing_stays_fixed(target, case):
    TARGETS[target](case.read_bytes())


def test_every_target_has_a_property_here():
    assert sorted(TARGETS) == ["akn", "layouts", "manifest", "query", "text"]
