"""The dataset in output/: every file there, described and checksummed by a catalogue that conforms to
DCAT-AP 3 and to our own shape; CSV files that agree with the RDF; Akoma Ntoso files that validate
against the OASIS schema and read back into the same model; safe, reproducible publishing."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate as shacl
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF

from pipeline import ondisk, run
from pipeline.akn import akn_bytes
from pipeline.model import to_json
from pipeline.parse import parse
from pipeline.publish import staged
from pipeline.run import build
from pipeline.sources import read
from pipeline.validate.xsd import errors as xsd_errors
from tests.conftest import CORPUS, ROOT, document
from tests.conftest import published_files as files

BASE = "https://w3id.org/unga-ld/"
SPDX = "http://spdx.org/rdf/terms#"
DUMPS = [
    "unga-ld.nq",
    "unga-ld.ttl",
    "unga-ld.jsonld",
    "votes.csv",
    "votes.csv-metadata.json",
    "sponsors.csv",
    "sponsors.csv-metadata.json",
    "catalog.ttl",
    "reports/validation.txt",
    "reports/validation.json",
    "rdf/states.ttl",
    "rdf/ontology.ttl",
    "rdf/vocabularies.ttl",
]


@pytest.fixture(scope="module")
def out(published) -> Path:
    return published  # built once per test run (conftest)


@pytest.fixture(scope="module")
def catalog(out) -> Graph:
    return Graph().parse(out / "catalog.ttl")


def test_the_store_holds_the_dataset_quad_for_quad(out):
    store = ox.Store.read_only(str(out / "store"))
    dumped = ox.Store()
    dumped.bulk_load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(dumped) > 10_000
    assert set(store) == set(dumped)


def test_every_file_is_there(out):
    for name in DUMPS:
        assert (out / name).is_file(), name
    exports = {p.name for p in (out / "akn").glob("*.xml")}
    versions = {name for name in exports if re.search(r"\.[a-z]{3}\.xml$", name)}  # A_RES_77_253B.fra.xml
    assert len(list((out / "rdf").glob("A_*.ttl"))) == len(exports - versions) == 11
    # 77/253 B is in the bundled corpus in the five other languages (corpus/akn/SOURCE.md)
    assert versions == {f"A_RES_77_253B.{code}.xml" for code in ("ara", "zho", "fra", "rus", "spa")}


def test_catalogue_checksums_and_sizes_match_the_files(out, catalog):
    described = {}
    for dist in catalog.subjects(RDF.type, DCAT.Distribution):
        name = str(catalog.value(dist, DCAT.downloadURL)).removeprefix(BASE + "dumps/")
        checksum = catalog.value(dist, URIRef(SPDX + "checksum"))
        assert catalog.value(checksum, URIRef(SPDX + "algorithm")) == URIRef(SPDX + "checksumAlgorithm_sha256")
        described[name] = (
            str(catalog.value(checksum, URIRef(SPDX + "checksumValue"))),
            int(catalog.value(dist, DCAT.byteSize)),
        )
    on_disk = {name: data for name, data in files(out).items() if name not in ("catalog.ttl",)}
    assert set(described) == set(on_disk)
    for name, data in on_disk.items():
        assert described[name] == (hashlib.sha256(data).hexdigest(), len(data)), name


def test_catalogue_conforms_to_dcat_ap_3_and_to_our_shape(catalog):
    dcat_ap = Graph().parse(ROOT / "shapes" / "vendor" / "dcat-ap-3" / "dcat-ap-SHACL.jsonld", format="json-ld")
    conforms, _, text = shacl(catalog, shacl_graph=dcat_ap, inference="none")
    assert conforms, text
    ours = Graph().parse(ROOT / "shapes" / "catalog.ttl")
    conforms, _, text = shacl(catalog, shacl_graph=ours, inference="none")
    assert conforms, text


def test_catalogue_names_the_endpoint_when_given_one(tmp_path):
    dcat_ap = Graph().parse(ROOT / "shapes" / "vendor" / "dcat-ap-3" / "dcat-ap-SHACL.jsonld", format="json-ld")
    result = build(
        [CORPUS / "002_6c1610f3d2692637.txt"], out=tmp_path, base=BASE, endpoint="http://127.0.0.1:8000/sparql"
    )
    assert "catalog.ttl" in result.files
    g = Graph().parse(tmp_path / "catalog.ttl", format="turtle")
    endpoint = URIRef("http://127.0.0.1:8000/sparql")
    assert (URIRef(BASE + "dataset"), URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), endpoint) in g
    assert (endpoint, RDF.type, DCAT.DataService) in g
    conforms, _, text = shacl(g, shacl_graph=dcat_ap, inference="none")
    assert conforms, text


def test_catalogue_counts_triples_of_the_nquads(out, catalog):
    store = ox.Store()
    store.load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    triples = int(catalog.value(URIRef(BASE + "dataset"), URIRef("http://rdfs.org/ns/void#triples")))
    assert len(store) == triples
    graphs = {g.value for g in store.named_graphs()}
    assert (
        BASE + "document/A/73/505" in graphs and BASE + "graph/states" in graphs and BASE + "graph/ontology" in graphs
    )


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("unga-ld.nq", ox.RdfFormat.N_QUADS),
        ("unga-ld.ttl", ox.RdfFormat.TURTLE),
        ("unga-ld.jsonld", ox.RdfFormat.JSON_LD),
    ],
)
def test_every_dump_reparses_with_a_strict_parser(out, name, fmt):
    store = ox.Store()
    store.load(path=str(out / name), format=fmt)
    assert len(store) > 10_000


def test_votes_csv_has_one_row_per_state_per_recorded_vote(out):
    with open(out / "votes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = [(r["vote"], r["iso3"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    store = ox.Store()
    store.load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    query = """
        PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
        PREFIX unga: <https://w3id.org/unga-ld/ontology#>
        SELECT DISTINCT ?vote ?iso WHERE { GRAPH ?g {
            ?vote a unga:RecordedVote ; ?p ?state .
            VALUES ?p { eli-dl:had_voter_favor eli-dl:had_voter_against eli-dl:had_voter_abstention unga:hadNonVoter }
        } GRAPH ?r { ?state unga:iso3 ?iso } }"""
    from_rdf = {(s["vote"].value, s["iso"].value) for s in store.query(query)}
    assert set(pairs) == from_rdf
    l27 = [r for r in rows if r["draft"] == "A/C.1/73/L.27/Rev.1"]
    assert len(l27) == 193  # every Member in 2018: 109 + 45 + 16 listed, 23 not voting
    drc = next(r for r in l27 if r["iso3"] == "COD")
    assert (drc["position"], drc["intended_position"]) == ("not voting", "in favour")


def test_csvw_descriptions_name_every_column(out):
    for name in ("votes", "sponsors"):
        meta = json.loads((out / f"{name}.csv-metadata.json").read_text(encoding="utf-8"))
        header = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert meta["url"] == f"{name}.csv"
        assert [c["name"] for c in meta["tableSchema"]["columns"]] == header


def test_sponsors_csv(out):
    with open(out / "sponsors.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    l37 = [r for r in rows if r["draft"] == "A/C.1/73/L.37"]
    assert sum(r["role"] == "original sponsor" for r in l37) == 36
    assert sum(r["role"] == "joined later" for r in l37) == 15


def test_every_exported_akn_file_validates_against_the_oasis_schema(out):
    for path in sorted((out / "akn").glob("*.xml")):
        assert xsd_errors(path.read_bytes()) == [], path.name


def _without_provenance(value):
    if isinstance(value, dict):
        # where a paragraph stands in its file, and how much of the file was read, are facts of the reading
        return {k: _without_provenance(v) for k, v in value.items() if k not in ("line", "source", "coverage")}
    if isinstance(value, list):
        return [_without_provenance(v) for v in value]
    return value


@pytest.mark.parametrize(
    "seed, name", [("001_69c6e02bd4b24d1c", "A_RES_77_37"), ("002_6c1610f3d2692637", "A_RES_76_19")]
)
def test_akn_round_trip_gives_back_the_model(tmp_path, seed, name):
    path = tmp_path / f"{name}.xml"
    path.write_bytes(akn_bytes(document(seed)))
    again = parse(read(path)).document
    assert _without_provenance(to_json(again)) == _without_provenance(to_json(document(seed)))


def test_two_builds_give_byte_identical_files(tmp_path):
    outs = []
    for seed in ("1", "2"):
        folder = tmp_path / f"out{seed}"
        subprocess.run(
            [sys.executable, "-m", "pipeline", "build", "--out", str(folder), "-q", "--no-build-cache"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outs.append(files(folder))
    assert outs[0] == outs[1]


def test_one_worker_and_two_give_the_same_files(tmp_path, monkeypatch):
    # the documents come back from two workers as each is done, and the N-Quads are merged from many
    # sorted pieces in rounds (FAN_IN): the files are those of one process doing everything in order
    monkeypatch.setattr(run, "POOL_THRESHOLD", 1)
    one = build(out=tmp_path / "one", base=BASE, jobs=1, store=False)
    monkeypatch.setattr(staged, "FAN_IN", 2)
    monkeypatch.setattr(run, "RENEWED", 3)  # new workers after every three files read or documents mapped
    two = build(out=tmp_path / "two", base=BASE, jobs=2, store=False)
    assert one.ok and two.ok and len(one.published) > 4
    assert one.files == two.files == sorted(files(tmp_path / "one"))
    assert files(tmp_path / "one") == files(tmp_path / "two")
    lines = (tmp_path / "two" / "unga-ld.nq").read_bytes().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_the_store_is_made_with_the_spool_out_of_the_staging_folder_and_removed_after(tmp_path, monkeypatch):
    # the spool's files are removed only once the output is in place, not just before the store's files
    # are made (where a file system looks past recently removed inodes for each new one)
    seen = []
    write = ondisk.write

    def spying(staging, previous=None):
        spool = staging.with_name(f"{staging.name}.spool")
        seen.append(((staging / staged.SPOOL).exists(), spool.is_dir() and any(spool.iterdir())))
        write(staging, previous)

    monkeypatch.setattr(ondisk, "write", spying)
    made = build(out=tmp_path / "output", base=BASE)
    assert made.ok and made.published
    assert seen == [(False, True)]  # out of the staging folder, its files still there while the store is made
    assert (tmp_path / "output" / ondisk.STORE / "CURRENT").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # and gone once the output is in place


def test_the_store_is_loaded_a_chunk_at_a_time_with_every_quad(out, tmp_path, monkeypatch):
    monkeypatch.setattr(ondisk, "CHUNK", 1000)  # a chunk ends within a line: the line is read whole
    ondisk.load(out / "unga-ld.nq", tmp_path / "store")
    whole = ox.Store()  # in one call (a store writes 1.0 as 1: what the file says is compared as a store says it)
    whole.bulk_load(path=str(out / "unga-ld.nq"), format=ox.RdfFormat.N_QUADS)
    store = ox.Store.read_only(str(tmp_path / "store"))
    lines = (out / "unga-ld.nq").read_bytes().count(b"\n")
    assert (out / "unga-ld.nq").stat().st_size > 100 * 1000 and len(store) == lines and set(store) == set(whole)


def test_the_build_keeps_of_each_document_its_name_its_files_are_on_disk(tmp_path):
    result = build(out=tmp_path / "out", base=BASE, store=False)
    assert result.published and all(isinstance(name, str) for name in result.published)
    assert result.published == sorted(result.published)  # in publication order
    assert all((tmp_path / "out" / "rdf" / f"{name}.ttl").stat().st_size > 0 for name in result.published)


def test_a_killed_build_leaves_the_previous_output_as_it_was(tmp_path):
    folder = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--out", str(folder), "-q"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    before = files(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--out", str(folder), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(2.5)  # the build reads and validates for several seconds before it publishes anything
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    visible = {k: v for k, v in files(folder).items() if not k.startswith(".")}
    assert visible == before
    # the next build clears what the killed one left
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--out", str(folder), "-q"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert not [p for p in folder.parent.iterdir() if ".staging-" in p.name]


def test_files_of_documents_that_are_gone_are_removed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("001_69c6e02bd4b24d1c.txt", "002_6c1610f3d2692637.txt"):
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    folder = tmp_path / "out"
    (folder).mkdir()
    (folder / "README.md").write_text("kept", encoding="utf-8")
    build([corpus], out=folder, base=BASE)
    assert (folder / "rdf" / "A_RES_76_19.ttl").is_file() and (folder / "akn" / "A_RES_76_19.xml").is_file()
    (corpus / "002_6c1610f3d2692637.txt").unlink()
    build([corpus], out=folder, base=BASE)
    assert not (folder / "rdf" / "A_RES_76_19.ttl").exists() and not (folder / "akn" / "A_RES_76_19.xml").exists()
    assert (folder / "rdf" / "A_RES_77_37.ttl").is_file()
    assert (folder / "README.md").read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("table", ["votes", "sponsors"])
def test_the_tables_pass_the_w3c_csvw_validator(out, table):
    validator = Path(sys.executable).parent / "csvwvalidate"  # the csvw package's own command
    result = subprocess.run(
        [str(validator), f"{table}.csv-metadata.json"], cwd=out, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and result.stdout.strip() == "OK", result.stdout + result.stderr
