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
CSVW_METADATA = "-metadata.json"  # a CSVW description: application/csvm+json


def media_type(name: str) -> str:
    """The media type of a published file: ``votes.csv-metadata.json`` → ``application/csvm+json``."""
    if name.endswith(CSVW_METADATA):
        return "application/csvm+json"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return MEDIA_TYPES.get(suffix, "application/octet-stream")
