"""Releases: a build that publishes different data is a new version (dcat:version, adms:versionNotes,
dcat:previousVersion), keeps the catalogue of the version it replaces, and adds its changes to the
feeds (changes.jsonl, changes.atom); a rebuild of the same data is the same release, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD

from tests.conftest import CORPUS, ROOT, published_files

ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # DCAT 3: version, previousVersion
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://w3id.org/unga-ld/"
DATASET = URIRef(f"{BASE}dataset")
FILES = ["akn/A_RES_77_36-2228101E.xml", "akn/A_RES_77_37-2228102E.xml"]
DAY_ONE, DAY_TWO = "1700000000", "1700600000"  # 2023-11-14 and 2023-11-21 (UTC)


def build(corpus: Path, out: Path, day: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": day}
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "-q", "--no-store"],
        cwd=ROOT, check=True, capture_output=True, env=env,
    )  # fmt: skip


def catalogue(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "changes.jsonl").read_text(encoding="utf-8").splitlines()]


def test_each_release_is_a_version_that_says_what_changed_and_keeps_the_one_before(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    for name in FILES:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, corpus / name)

    build(corpus, out, DAY_ONE)
    first = catalogue(out / "catalog.ttl")
    assert first.value(DATASET, DCAT.version) == Literal("1")
    assert first.value(DATASET, DCTERMS.issued) == Literal("2023-11-14", datatype=XSD.date)
    assert "2 documents" in str(first.value(DATASET, ADMS.versionNotes))
    assert first.value(DATASET, DCAT.previousVersion) is None
    assert [(e["version"], e["change"], e["name"]) for e in lines(out)] == [
        (1, "added", "A_RES_77_36"),
        (1, "added", "A_RES_77_37"),
    ]
    files = published_files(out)

    build(corpus, out, DAY_TWO)  # the same data a week later: the same release, every byte
    assert published_files(out) == files

    later = corpus / FILES[1]
    said = "fundamental freedoms in the use of information and communications technologies,"
    later.write_text(
        later.read_text(encoding="utf-8").replace(said, said.replace("technologies,", "technologies by all,")),
        encoding="utf-8",
    )
    (corpus / FILES[0]).unlink()
    build(corpus, out, DAY_TWO)
    second = catalogue(out / "catalog.ttl")
    assert second.value(DATASET, DCAT.version) == Literal("2")
    assert second.value(DATASET, DCTERMS.issued) == Literal("2023-11-21", datatype=XSD.date)
    notes = str(second.value(DATASET, ADMS.versionNotes))
    assert "0 added, 1 changed, 1 removed since version 1" in notes
    previous = second.value(DATASET, DCAT.previousVersion)
    assert previous == URIRef(f"{BASE}dataset/version/1")
    assert second.value(previous, DCAT.version) == Literal("1")
    # the catalogue of version 1, as it was published, is kept and described with its checksum
    assert (out / "history" / "catalog-1.ttl").read_bytes() == files["catalog.ttl"]
    distribution = URIRef(f"{BASE}dataset/distribution/history/catalog-1.ttl")
    assert (DATASET, DCAT.distribution, distribution) in second
    listing = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    assert listing["version"] == 2 and listing["previous"] == 1
    assert [e["name"] for e in listing["changed"]] == ["A_RES_77_37"]
    assert listing["removed"] == [{"name": "A_RES_77_36"}] and listing["added"] == []
    assert [(e["version"], e["change"], e["name"]) for e in lines(out)] == [
        (1, "added", "A_RES_77_36"),
        (1, "added", "A_RES_77_37"),
        (2, "changed", "A_RES_77_37"),
        (2, "removed", "A_RES_77_36"),
    ]

    feed = etree.parse(str(out / "changes.atom")).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}updated") == "2023-11-21T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]  # newest first
    assert titles == [
        "A_RES_77_36 removed in version 2",
        "A/RES/77/37 changed in version 2",
        "A/RES/77/37 added in version 1",
        "A/RES/77/36 added in version 1",
    ]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    changed = entries[1]
    assert changed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{BASE}document/A/RES/77/37"
    assert changed.find(f"{ATOM}link[@rel='enclosure']").get("href") == f"{BASE}dumps/rdf/A_RES_77_37.ttl"

    files = published_files(out)
    build(corpus, out, DAY_ONE)  # nothing changed since version 2: it stands as it was
    assert published_files(out) == files
