"""The command line as a user meets it: exit codes, one-line errors naming the file, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, in_terminal

SEED_000 = CORPUS / "000_ea35d43ee21e10af.txt"
SEED_001 = CORPUS / "001_69c6e02bd4b24d1c.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def bad_inputs(folder: Path) -> dict[str, tuple[Path, int | None]]:
    """Each kind of bad input, with the line its error must name (None: no line applies)."""
    seed = SEED_001.read_text(encoding="utf-8")
    files = {
        "empty": (folder / "empty.txt", b"", None),
        "blank": (folder / "blank.txt", b"\n\n   \n", None),
        "binary": (folder / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 3),
        "latin-1": (folder / "latin1.txt", SEED_000.read_text(encoding="utf-8").encode("cp1252", "replace"), None),
        "utf-16": (folder / "utf16.txt", seed.encode("utf-16"), 1),
        "truncated mid-sentence": (
            folder / "cut.txt",
            seed[: seed.index("the Open-ended Working Group on Developments in the Field")].encode(),
            None,
        ),
        "truncated in the preamble": (
            folder / "cut2.txt",
            seed[: seed.index("Highlighting the necessity")].encode(),
            None,
        ),
        "not a document": (folder / "notes.txt", b"Shopping list\n\nmilk, eggs\n", None),
    }
    out = {}
    for label, (path, data, line) in files.items():
        path.write_bytes(data)
        out[label] = (path, line)
    return out


def test_bad_input_gives_one_line_naming_the_file_and_exit_1(tmp_path):
    for label, (path, line) in bad_inputs(tmp_path).items():
        result = run("parse", str(path))
        assert result.returncode == 1, label
        assert "Traceback" not in result.stderr, label
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (label, lines)
        assert lines[0].startswith(str(path)), (label, lines[0])
        assert " error " in lines[0], (label, lines[0])
        if line is not None:
            assert lines[0].startswith(f"{path}:{line}:"), (label, lines[0])
        assert result.stdout == "", label


def test_encoding_error_names_the_line_of_the_first_bad_byte(tmp_path):
    text = SEED_000.read_text(encoding="utf-8")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("cp1252", "replace"))
    first_bad_line = next(i for i, line in enumerate(text.split("\n"), 1) if not line.isascii())
    result = run("parse", str(path))
    assert result.stderr.startswith(f"{path}:{first_bad_line}: error source.encoding")


def test_truncated_document_names_the_line_where_it_stops(tmp_path):
    seed = SEED_001.read_text(encoding="utf-8")
    cut = seed[: seed.index("Telecommunications in the Context of International Security and the first")]
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 1
    assert "parse.truncated" in result.stderr
    assert result.stderr.startswith(f"{path}:71:")  # operative 1 starts on line 71 of the seed


def test_build_reads_the_good_documents_of_a_corpus_with_bad_ones(tmp_path):
    bad_inputs(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "good.txt").write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("build", "--out", str(tmp_path / "out"), str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("1 document read (1 resolution)")


def test_build_json_reports_what_was_read_published_and_refused(tmp_path):
    bad = bad_inputs(tmp_path)
    (tmp_path / "good.txt").write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("build", "--out", str(tmp_path / "out"), "--json", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    data = json.loads(result.stdout)  # the whole of standard output is the report
    assert data["ok"] is False and data["exit"] == 1
    assert data["documents"]["read"] == 1 and data["documents"]["by_kind"] == {"resolution": 1}
    assert data["documents"]["published"] == ["A_RES_77_37"]  # seed 001 is resolution 77/37
    errors = [d for d in data["diagnostics"]["items"] if d["severity"] == "error"]
    assert data["diagnostics"]["counts"]["error"] == len(errors) >= 1
    assert {d["file"] for d in errors} <= {str(path) for path, _ in bad.values()}
    assert "rdf/A_RES_77_37.ttl" in data["files"] and "catalog.ttl" in data["files"]
    assert data["output"] == str(tmp_path / "out") and (tmp_path / "out" / "rdf" / "A_RES_77_37.ttl").is_file()


def test_validate_json_reports_each_file_and_every_result():
    shapes = ROOT / "tests" / "shapes"
    result = run("validate", "--json", str(shapes / "valid.ttl"), str(shapes / "DocumentIriShape.fail.ttl"))
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["exit"] == 1 and data["ok"] is False
    assert [f["conforms"] for f in data["files"]] == [True, False]
    assert data["diagnostics"]["counts"]["error"] == data["files"][1]["results"] >= 1
    assert all(d["code"].startswith("shacl.") for d in data["diagnostics"]["items"])


def test_document_without_symbol_or_manifest_gets_a_provisional_identifier(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("parse", str(path), "--json")
    assert result.returncode == 0
    assert "warning parse.provisional-symbol" in result.stderr
    data = json.loads(result.stdout)
    assert data["symbol"] is None
    assert len(data["provisional_id"]) == 12
    assert data["title"].startswith("Developments in the field of information")


def test_manifest_gives_the_symbol_the_text_does_not_state():
    data = json.loads(run("parse", str(SEED_000), "--json").stdout)
    assert data["symbol"] == "A/C.1/77/L.23" and data["provisional_id"] is None


def test_build_on_the_bundled_corpus_exits_0(tmp_path):
    result = run("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    # the bundled corpus holds 77/253 B in the five other languages too (corpus/akn/SOURCE.md)
    assert result.stdout.startswith(
        "12 documents read (1 committee report, 2 draft resolution, 1 plenary record, 8 resolution;"
        " 5 versions in other languages)"
    )
    assert "error" not in result.stderr
    assert (tmp_path / "rdf" / "A_RES_77_37.ttl").is_file() and (tmp_path / "rdf" / "states.ttl").is_file()


def test_bad_option_is_exit_2():
    result = run("build", "--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["build", "parse", "validate"])
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"unga-ld {command}" in readme


def test_build_shows_its_progress_on_a_terminal_and_not_in_a_pipe(tmp_path):
    """In a real pseudo-terminal the build rewrites one line per stage: files read, then documents
    mapped (the bundled corpus: 12 documents, as test_build_on_the_bundled_corpus_exits_0 says)."""
    command = [sys.executable, "-m", "pipeline", "build", "--out", str(tmp_path / "out"), "--quiet"]
    code, shown, _ = in_terminal(command, stream="stderr")
    assert code == 0
    finals = [line.split("\r")[-1].strip() for line in shown.replace("\r\n", "\n").split("\n")]  # as left
    assert any(re.fullmatch(r"reading (\d+)/\1 files · [\d.]+/s", f) for f in finals), shown
    assert any(re.fullmatch(r"mapping 12/12 documents · [\d.]+/s", f) for f in finals), shown
    assert "\r" in shown  # the line is rewritten, not repeated
    piped = run("build", "--out", str(tmp_path / "again"), "--quiet")
    assert piped.returncode == 0 and "mapping" not in piped.stderr and "reading" not in piped.stderr
