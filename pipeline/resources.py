"""The only module that knows where the project's folders (corpus/, ontology/, shapes/, queries/) live,
and the names of the published files other stages look for."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = "unga-ld.nq"  # the whole dataset, one named graph per document: what serve, query and publish read


def default_corpus() -> Path:
    return ROOT / "corpus"


def default_output() -> Path:
    return ROOT / "output"


def ontology_dir() -> Path:
    return ROOT / "ontology"


def shapes_dir() -> Path:
    return ROOT / "shapes"


def queries_dir() -> Path:
    return ROOT / "queries"


def user_cache() -> Path:
    """The user's cache folder for the tool: ``$XDG_CACHE_HOME/unga-ld``, else ``~/.cache/unga-ld``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unga-ld"


# The media type of each published file, by its name: the catalogue's dcat:mediaType and the
# Content-Type of /dumps/ both come from here.
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nq": "application/n-quads",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv",
    ".json": "application/json",
    ".xml": "application/akn+xml",
    ".txt": "text/plain",
    ".jsonl": "application/jsonl",  # JSON Lines (one JSON value per line)
    ".atom": "application/atom+xml",
}
# the main files of an output, with a title each (the catalogue lists every file; a document's own,
# under rdf/ and akn/, and earlier catalogues, under history/, are titled by their names)
DESCRIBED = {
    "unga-ld.nq": "The whole dataset as N-Quads, one named graph per document, the State register, the ontology "
    "and the vocabularies, each triple once",
    "unga-ld.ttl": "The whole dataset as Turtle",
    "unga-ld.jsonld": "The whole dataset as JSON-LD, one named graph per document",
    "votes.csv": "Recorded votes: one row per State per recorded vote",
    "votes.csv-metadata.json": "CSVW description of votes.csv",
    "sponsors.csv": "Sponsors: one row per State per sponsored draft",
    "sponsors.csv-metadata.json": "CSVW description of sponsors.csv",
    "rdf/states.ttl": "The Member State register",
    "rdf/ontology.ttl": "The UNGA-LD ontology and its alignments",
    "rdf/vocabularies.ttl": "The SKOS vocabularies",
    "reports/validation.txt": "The validation report of the build (text)",
    "reports/validation.json": "The validation report of the build (JSON)",
    "changes.json": "What this release changed: its version, date and the documents added, changed and removed",
    "changes.jsonl": "The change feed: one line per document added, changed or removed, every release's",
    "changes.atom": "The latest changes as an Atom feed",
}
PER_DOCUMENT = ("rdf/", "akn/", "history/")  # where the files that are not main files are
CSVW_METADATA = "-metadata.json"  # a CSVW description: application/csvm+json


def media_type(name: str) -> str:
    """The media type of a published file: ``votes.csv-metadata.json`` → ``application/csvm+json``."""
    if name.endswith(CSVW_METADATA):
        return "application/csvm+json"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return MEDIA_TYPES.get(suffix, "application/octet-stream")
