"""The one catalogue of diagnostic codes: every code is emitted somewhere and documented, SHACL results
included (their codes come from the shapes)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from rdflib.namespace import SH

from pipeline.diagnostics import CATALOGUE, SHACL, Severity, diagnostic, shacl_result
from pipeline.rdf import states_graph, to_graph
from pipeline.validate import Validator, shapes_graph
from tests.conftest import ROOT, document

SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py") if p.name != "diagnostics.py"
)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_is_emitted_and_documented(code):
    assert re.search(rf'"{re.escape(code)}"', SOURCE), f"{code} is in the catalogue but nothing emits it"
    assert f"`{code}`" in (ROOT / "README.md").read_text(encoding="utf-8"), f"{code} is not in the README"


def test_every_shape_gives_a_documented_code():
    documented = (ROOT / "shapes" / "README.md").read_text(encoding="utf-8")
    codes = {shacl_result(str(name), Severity.ERROR, "").code for name in shapes_graph(True).objects(None, SH.name)}
    assert len(codes) > 50
    assert [c for c in sorted(codes) if f"`{c}`" not in documented] == []
    assert all(c.startswith(SHACL) for c in codes)


def test_codes_emitted_in_the_source_are_in_the_catalogue():
    emitted = set(re.findall(r'diagnostic\(\s*"([a-z]+\.[a-z-]+)"', SOURCE))
    assert emitted and emitted <= set(CATALOGUE)


def test_a_diagnostic_prints_on_one_line_and_as_json():
    d = diagnostic("state.unknown", "a.txt", 3, name="Atlantis\nand more")
    assert str(d) == "a.txt:3: warning state.unknown: State name not in the register: 'Atlantis and more'"
    assert d.to_json() == {
        "code": "state.unknown",
        "severity": "warning",
        "file": "a.txt",
        "line": 3,
        "message": "State name not in the register: 'Atlantis and more'",
    }
    with pytest.raises(KeyError):
        diagnostic("no.such-code")


def test_a_property_shape_result_is_reported_under_its_own_name():
    # the failing shape of an unknown verb is a property shape (a blank node of the shapes graph in use)
    doc = document("002_6c1610f3d2692637")
    first = doc.operative[0]
    changed = dataclasses.replace(
        doc, operative=(dataclasses.replace(first, phrase=None, verb=None), *doc.operative[1:])
    )
    found = Validator(states_graph()).document(to_graph(changed))
    assert "shacl.clause-verb-known" in {d.code for d in found}
    assert "shacl.shape" not in {d.code for d in found}
