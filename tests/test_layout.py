"""The package's shape: stages are folders that import only themselves and the shared modules; only the
orchestrator and the CLI import more than one stage; no import cycles; no private helper taken from
another module. The rules and the stage graph are tools/imports.py's, read from the source."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("imports_rules", ROOT / "tools" / "imports.py")
assert _spec and _spec.loader
rules = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = rules  # dataclasses look their module up while the class is made
_spec.loader.exec_module(rules)


def test_the_package_keeps_its_import_rules():
    found, known = rules.package_imports()
    assert len(known) > 30 and found  # the rules really read the package
    assert rules.findings(found, known) == []


def test_the_stages_form_a_one_way_graph():
    found, _ = rules.package_imports()
    arrows = rules.stage_arrows(found)
    stages = set(rules.STAGES)
    between = [(a, b) for a, b in arrows if a in stages and b in stages]
    assert between == []
    assert {b for a, b in arrows if a == "run/cli"} >= stages - {"serve"} | {"shared"}
    assert all(b == "shared" for a, b in arrows if a in stages)


@pytest.mark.parametrize(
    "module, source, words",
    [
        ("pipeline.rdf.extra", "from pipeline.parse.votes import result\n", "stage rdf imports stage parse"),
        ("pipeline.akn.extra", "import pipeline.publish\n", "stage akn imports stage publish"),
        ("pipeline.model", "from pipeline.rdf import to_graph\n", "shared module imports the stage"),
        ("pipeline.parse.extra", "def f():\n    from pipeline.run import build\n", "imports the orchestrator"),
        ("pipeline.parse.extra", "from pipeline.parse.header import _ADOPTED\n", "takes private _ADOPTED"),
        ("pipeline.rdf.extra", "from ..serve import sparql\n", "stage rdf imports stage serve"),
    ],
)
def test_a_crossing_added_to_the_package_is_found(module, source, words):
    found, known = rules.package_imports()
    added = rules.imports_of(module, source, known | {module})
    problems = rules.findings(found + added, known | {module})
    assert any(words in p for p in problems), problems


def test_an_import_cycle_is_found():
    found, known = rules.package_imports()
    cycle = rules.imports_of("pipeline.symbols", "from pipeline.model import Document\n", known)
    problems = rules.findings(found + cycle, known)
    assert any(p.startswith("import cycle: ") and "pipeline.symbols" in p for p in problems), problems
