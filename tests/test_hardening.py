"""Findings of the attack and fuzzing runs on the build, each turned into the behaviour that fixes it."""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import threading
from pathlib import Path

import pytest
from lxml import etree

from pipeline.publish.folder import publish as publish_folder
from pipeline.run import build, document_files, read_documents
from pipeline.sources import MAX_BYTES
from tests.conftest import AKN_CORPUS, CORPUS

BASE = "https://w3id.org/unga-ld/"
SEED = "002_6c1610f3d2692637.txt"


def test_a_control_character_is_reported_and_the_corpus_published(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / SEED).read_text(encoding="utf-8")
    at = text.index("Recalling")
    (corpus / "with-control.txt").write_text(text[:at] + "\x01" + text[at:], encoding="utf-8")
    shutil.copy(CORPUS / "000_ea35d43ee21e10af.txt", corpus / "other.txt")
    result = build([corpus], out=tmp_path / "out", base=BASE)
    line = text[:at].count("\n") + 1
    found = [d for d in result.diagnostics if d.code == "source.control-characters"]
    assert [(d.file.endswith("with-control.txt"), d.line) for d in found] == [(True, line)]
    assert "U+0001" in found[0].message
    assert result.ok and len(result.published) == 2
    assert (tmp_path / "out" / "akn" / "A_RES_76_19.xml").is_file()


def test_a_step_that_fails_costs_its_document_not_the_build():
    documents, _ = read_documents(CORPUS / SEED)
    broken = dataclasses.replace(documents[0], title=documents[0].title + "\x01")  # XML cannot hold it
    made, found = document_files(broken, "x.txt", BASE)
    assert made is None
    assert [(d.code, d.severity.value) for d in found] == [("build.step-failed", "error")]
    assert "the Akoma Ntoso export failed for A_RES_76_19" in found[0].message
    good, none = document_files(documents[0], "x.txt", BASE)
    assert good is not None and none == []


def test_the_pipeline_reads_xml_control_characters_as_the_xml_parser_does(tmp_path):
    path = tmp_path / "a.xml"
    path.write_bytes(b"<akomaNtoso>\x01</akomaNtoso>")
    result = build([path], base=BASE)
    assert [d.code for d in result.diagnostics] == ["akn.bad-xml"]
    assert isinstance(Path(result.failed[0]), Path)


def test_the_output_is_swapped_whole_never_seen_half_replaced(tmp_path):
    out = tmp_path / "out"
    releases = [{f"{tag}{i}.ttl": tag.encode() for i in range(60)} | {"catalog.ttl": tag.encode()} for tag in "ab"]
    expected = [set(r) | {"README.md"} for r in releases]
    out.mkdir()
    (out / "README.md").write_text("kept", encoding="utf-8")
    publish_folder(out, releases[0])
    seen: list[set[str]] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                seen.append(set(os.listdir(out)))
            except FileNotFoundError:
                seen.append(set())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(40):
            publish_folder(out, releases[(n + 1) % 2])
    finally:
        stop.set()
        watcher.join()
    assert len(seen) > 40
    # no look saw two releases mixed (a reader that opened the folder just before a swap may see the
    # previous release's files go, as they are removed; never the new one's next to them)
    assert [s for s in seen if any(n[0] == "a" for n in s) and any(n[0] == "b" for n in s)] == []
    assert sum(s in expected for s in seen) >= 0.9 * len(seen)
    assert (out / "README.md").read_text(encoding="utf-8") == "kept"
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_a_build_with_nothing_to_publish_leaves_the_output_as_it_was(tmp_path):
    out = tmp_path / "out"
    build([CORPUS / SEED], out=out, base=BASE)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_text("", encoding="utf-8")
    for corpus in (empty, bad):
        result = build([corpus], out=out, base=BASE)
        assert not result.ok
        assert any(d.code == "build.nothing-to-publish" for d in result.diagnostics)
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_two_documents_minting_one_vote_iri_is_an_error_naming_both(tmp_path):
    # two reports that record the same vote (First Committee, 31st meeting, on L.27/Rev.1) with
    # different counts: one vote IRI, two descriptions
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / "004_a2d8dbfef73a8e4a.txt").read_text(encoding="utf-8")
    (corpus / "first.txt").write_text(text, encoding="utf-8")
    (corpus / "second.txt").write_text(
        text.replace("by a recorded vote of 109 to 45", "by a recorded vote of 108 to 45"), encoding="utf-8"
    )
    (corpus / "manifest.toml").write_text(
        '[documents]\n"first.txt" = { symbol = "A/73/505" }\n"second.txt" = { symbol = "A/73/505/Add.9" }\n',
        encoding="utf-8",
    )
    result = build([corpus], out=tmp_path / "out", base=BASE)
    conflict = [d for d in result.diagnostics if d.code == "build.iri-conflict"]
    assert len(conflict) == 1
    assert "from A_73_505;" in conflict[0].message and conflict[0].message.startswith("A_73_505_Add.9 describes")
    assert "/vote/first-committee/73/31/A/C.1/73/L.27/Rev.1" in conflict[0].message
    assert sorted(result.published) == ["A_73_505"]
    with open(tmp_path / "out" / "votes.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["draft"] == "A/C.1/73/L.27/Rev.1"]
    assert sum(r["position"] == "in favour" for r in rows) == 109  # one vote, not two merged


@pytest.mark.corpus
@pytest.mark.skipif(not AKN_CORPUS.is_dir(), reason="the shared Akoma Ntoso corpus is not beside the checkout")
def test_two_resolutions_adopted_on_one_document_at_one_meeting_keep_two_votes(tmp_path):
    # 77/131 and 77/149 both name A/AC.109/2022/L.9 as their draft, adopted at the 52nd meeting
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for pattern in ("A_RES_77_131-*.xml", "A_RES_77_149-*.xml"):
        shutil.copy(next(AKN_CORPUS.glob(pattern)), corpus)
    result = build([corpus], out=tmp_path / "out", base=BASE)
    assert not any(d.code == "build.iri-conflict" for d in result.diagnostics)
    assert any(d.code == "build.adopted-twice" and "A/AC.109/2022/L.9" in d.message for d in result.diagnostics)
    assert sorted(result.published) == ["A_RES_77_131", "A_RES_77_149"]
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "u": "http://un.org/akn4un"}
    listed = {}
    for name in ("131", "149"):
        root = etree.parse(str(next(corpus.glob(f"A_RES_77_{name}-*.xml"))))
        listed[name] = len(root.findall(".//a:voting/a:count[@refersTo='inFavour']/u:voters/a:organization", ns))
    with open(tmp_path / "out" / "votes.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["position"] == "in favour"]
    by_vote = {}
    for row in rows:
        by_vote.setdefault(row["vote"], 0)
        by_vote[row["vote"]] += 1
    assert by_vote == {
        f"{BASE}vote/plenary/77/52/A/RES/77/131": listed["131"],
        f"{BASE}vote/plenary/77/52/A/RES/77/149": listed["149"],
    }


def test_an_input_past_the_size_limit_is_a_clear_error_and_the_rest_is_published(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / SEED, corpus)
    with open(corpus / "huge.txt", "wb") as handle:  # sparse: the size is what counts
        handle.truncate(MAX_BYTES + 1)
    result = build([corpus], out=tmp_path / "out", base=BASE)
    assert [(d.code, Path(d.file or "").name) for d in result.diagnostics if d.severity.value == "error"] == [
        ("source.too-large", "huge.txt")
    ]
    assert list(result.published) == ["A_RES_76_19"]
