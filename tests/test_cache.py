"""The build cache: a rebuild takes from it what an earlier build made of the very same file and
document by the very same code, and gives the same bytes as a build without it; a changed file is made
anew, alone; entries of another version of the code are removed; a damaged entry is made anew."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, ROOT, published_files

FILES = ["002_6c1610f3d2692637.txt", "akn/A_RES_77_36-2228101E.xml", "akn/A_RES_77_37-2228102E.xml"]


def build(corpus: Path, out: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "-q", *options],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def feed(out: Path) -> dict:
    """The documents the latest release added, changed and removed."""
    listing = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    return {change: listing[change] for change in ("added", "changed", "removed")}


def released(out: Path) -> dict[str, bytes]:
    """The files of a release but what says which release it is (a first build is version 1 and adds
    everything; earlier catalogues are kept) and the catalogue that gives their checksums."""
    return {
        k: v
        for k, v in published_files(out).items()
        if k not in ("changes.json", "changes.jsonl", "changes.atom", "catalog.ttl") and not k.startswith("history/")
    }


def entries(cache: Path) -> set[Path]:
    return {p.relative_to(cache) for p in cache.rglob("*.pickle")}


def test_a_rebuild_takes_what_did_not_change_from_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    for name in FILES:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, corpus / name)
    cache, out, fresh = tmp_path / "cache", tmp_path / "out", tmp_path / "fresh"
    build(corpus, out, "--build-cache", str(cache))
    first = entries(cache)
    assert len(first) == 2 * len(FILES)  # one entry per file read, one per document made
    names = ["A_RES_76_19", "A_RES_77_36", "A_RES_77_37"]
    assert [d["name"] for d in feed(out)["added"]] == names and not feed(out)["changed"]
    tables = published_files(out)
    sst = next((out / "store").glob("*.sst"))
    node = sst.stat().st_ino

    build(corpus, out, "--build-cache", str(cache))  # nothing changed
    assert entries(cache) == first
    assert published_files(out) == tables
    assert next((out / "store").glob("*.sst")).stat().st_ino == node  # the same N-Quads: the store kept

    # one word more in a paragraph of 77/37, which no other document read derives from
    later = corpus / FILES[2]
    text = later.read_text(encoding="utf-8")
    said = "fundamental freedoms in the use of information and communications technologies,"
    assert text.count(said) == 1
    later.write_text(text.replace(said, said.replace("technologies,", "technologies by all,")), encoding="utf-8")
    build(corpus, out, "--build-cache", str(cache))
    assert len(entries(cache) - first) == 2  # that file read anew and its one document made anew
    changed = {name for name, data in published_files(out).items() if tables.get(name) != data}
    assert {"rdf/A_RES_77_37.ttl", "akn/A_RES_77_37.xml", "unga-ld.nq"} <= changed
    assert not any(
        name.startswith(("rdf/A_RES_76", "akn/A_RES_76", "rdf/A_RES_77_36", "akn/A_RES_77_36")) for name in changed
    )
    assert feed(out) == {
        "added": [],
        "changed": [{"name": "A_RES_77_37", "document": "https://w3id.org/unga-ld/document/A/RES/77/37"}],
        "removed": [],
    }
    build(corpus, fresh, "--no-build-cache")
    assert released(fresh) == released(out)  # the cache changes no byte


def test_stale_and_damaged_entries_are_made_anew(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / FILES[0], corpus / FILES[0])
    cache, out, fresh = tmp_path / "cache", tmp_path / "out", tmp_path / "fresh"
    build(corpus, out, "--build-cache", str(cache))
    (cache / "0123456789abcdef" / "00").mkdir(parents=True)  # what another version of the code left
    (cache / "0123456789abcdef" / "00" / "x.pickle").write_bytes(b"old")
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:20])  # cut short, as a full disk would leave it
    build(corpus, out, "--build-cache", str(cache))
    assert not (cache / "0123456789abcdef").exists()
    build(corpus, fresh, "--no-build-cache")
    assert released(out) == released(fresh)


def test_the_change_list_names_a_document_removed(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    for name in FILES[1:]:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, corpus / name)
    build(corpus, out)
    (corpus / FILES[2]).unlink()
    build(corpus, out)
    assert feed(out) == {"added": [], "changed": [], "removed": [{"name": "A_RES_77_37"}]}
    assert not (out / "rdf" / "A_RES_77_37.ttl").exists()
