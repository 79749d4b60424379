"""Releases: each build that publishes different data is a new version of the dataset, and says what
it changed.

A release is new when its N-Quads differ from those of the output it replaces (a document added,
changed or removed, or the dataset's own graphs changed); its number is the previous one plus one, its
date today's (UTC; ``SOURCE_DATE_EPOCH`` when set, as reproducible builds do). A rebuild that publishes
the same N-Quads is the same release: its number, date and change files are the previous ones, byte
for byte. What a release leaves in output/:

- ``changes.json``: this release (version, date, the version it follows, the checksum of its N-Quads)
  and the documents it added, changed (their Turtle differs) and removed, by dump name and IRI;
- ``changes.jsonl``: the change feed, one line per document per release, every release's, oldest
  first (a harvester reads the lines after the last version it saw);
- ``changes.atom``: the same as an Atom feed (RFC 4287), the latest ``FEED_ENTRIES`` changes, newest
  first;
- ``history/catalog-{n}.ttl``: the catalogue of every earlier version, as it was published."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

CHANGES = "changes.json"
FEED = "changes.jsonl"
ATOM = "changes.atom"
HISTORY = "history"
FEED_ENTRIES = 1000  # the Atom feed's length; changes.jsonl keeps them all


@dataclass(frozen=True)
class Release:
    version: int
    issued: str  # YYYY-MM-DD
    notes: str  # what changed since the previous version, in a sentence
    previous: int | None  # the version it follows (None for the first)


@dataclass
class Released:
    """A release and the files it publishes: name → bytes, or the path of the file carried over as it is."""

    release: Release
    files: dict[str, bytes | Path]


def release_date() -> str:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` (seconds since 1970) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def release(
    previous: Path | None, staging: Path, now: dict[str, str], own: set[str], nquads: str, base: str
) -> Released:
    """This build's release against the output ``previous`` (None or not a folder: the first);
    ``now``: the dump name of each document published → its graph's IRI;
    ``staging``: the new output, its per-document Turtle written; ``own``: the dataset's own files in
    rdf/ (states.ttl …), not documents; ``nquads``: the sha256 of the new N-Quads dump."""
    before = _previous(previous)
    if before is not None and before.get("nquads-sha256") == nquads and previous is not None:
        return _carried(previous, before)
    was: dict[str, Path] = {}  # the previous files, read one at a time: memory does not grow with them
    if previous is not None and (previous / "rdf").is_dir():
        was = {p.stem: p for p in (previous / "rdf").glob("*.ttl") if p.name not in own}
    listing = {
        "added": [{"name": n, "document": now[n]} for n in sorted(n for n in now if n not in was)],
        "changed": [
            {"name": n, "document": now[n]}
            for n in sorted(n for n in now if n in was and not _same(was[n], staging / "rdf" / f"{n}.ttl"))
        ],
        "removed": [{"name": n} for n in sorted(n for n in was if n not in now)],
    }
    last = before.get("version") if before is not None else None
    last = last if isinstance(last, int) else None
    version = (last or 0) + 1
    this = Release(version, release_date(), _notes(version, last, listing), last)
    head = {"version": version, "issued": this.issued, "previous": last, "notes": this.notes, "nquads-sha256": nquads}
    files: dict[str, bytes | Path] = {CHANGES: _json({**head, **listing})}
    lines = [
        _json_line({"version": version, "issued": this.issued, "change": change, **entry})
        for change in ("added", "changed", "removed")
        for entry in listing[change]
    ]
    earlier = previous / FEED if previous is not None and last is not None else None
    feed = b"".join([*(_lines(earlier) if earlier is not None and earlier.is_file() else []), *lines])
    files[FEED] = feed
    latest = deque((line for line in feed.splitlines() if line.strip()), maxlen=FEED_ENTRIES)
    files[ATOM] = atom(base, this, [json.loads(line) for line in latest])  # only the lines it shows are read
    if previous is not None and last is not None:
        for path in sorted((previous / HISTORY).glob("catalog-*.ttl")):
            files[f"{HISTORY}/{path.name}"] = path
        if (previous / "catalog.ttl").is_file():
            files[f"{HISTORY}/catalog-{last}.ttl"] = previous / "catalog.ttl"
    return Released(this, files)


def _previous(previous: Path | None) -> dict | None:
    """What the output being replaced says of its release (None: no output, or one without a release)."""
    path = previous / CHANGES if previous is not None else None
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _carried(previous: Path, before: dict) -> Released:
    """The same data as the previous release: that release, its files as they are."""
    version = before["version"]
    this = Release(version, str(before.get("issued", "")), str(before.get("notes", "")), before.get("previous"))
    files: dict[str, bytes | Path] = {name: previous / name for name in (CHANGES, FEED, ATOM)}
    files.update({f"{HISTORY}/{p.name}": p for p in sorted((previous / HISTORY).glob("catalog-*.ttl"))})
    return Released(this, {name: path for name, path in files.items() if not isinstance(path, Path) or path.is_file()})


def _notes(version: int, last: int | None, listing: dict[str, list]) -> str:
    added, changed, removed = (len(listing[k]) for k in ("added", "changed", "removed"))
    if last is None:
        return f"Version {version}: the first release of this output, {_count(added)}."
    if not (added or changed or removed):
        return (
            f"Version {version}: no document added, changed or removed since version {last}; the dataset's "
            "own graphs (register, ontology, vocabularies or roll calls) changed."
        )
    in_all = _count(added + changed + removed)
    return f"Version {version}: {added} added, {changed} changed, {removed} removed since version {last} ({in_all})."


def _count(n: int) -> str:
    return f"{n} document" if n == 1 else f"{n} documents"


def _same(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_line(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        yield from handle


def atom(base: str, this: Release, entries: list[dict]) -> bytes:
    """The Atom feed of the latest changes, newest first: one entry per document per release, its link
    the document's IRI and its Turtle."""
    updated = f"{this.issued}T00:00:00Z"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
        f"  <id>{escape(base)}dataset/changes</id>\n",
        "  <title>UNGA-LD: documents added, changed and removed, by release</title>\n",
        f"  <updated>{updated}</updated>\n",
        "  <author><name>UNGA-LD</name></author>\n",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(f"{base}dumps/{ATOM}")}/>\n',
        f'  <link rel="related" type="application/jsonl" href={quoteattr(f"{base}dumps/{FEED}")}/>\n',
        f'  <link rel="describedby" type="text/turtle" href={quoteattr(f"{base}dumps/catalog.ttl")}/>\n',
    ]
    for entry in reversed(entries):
        name, change, version = str(entry.get("name", "")), str(entry.get("change", "")), entry.get("version")
        iri = f"{base}dataset/version/{version}#{change}-{name}"
        document = str(entry.get("document", ""))
        shown = document.removeprefix(f"{base}document/") if document.startswith(f"{base}document/") else name
        out.append("  <entry>\n")
        out.append(f"    <id>{escape(iri)}</id>\n")
        out.append(f"    <title>{escape(shown)} {escape(change)} in version {version}</title>\n")
        out.append(f"    <updated>{escape(str(entry.get('issued', this.issued)))}T00:00:00Z</updated>\n")
        out.append(f"    <category term={quoteattr(change)}/>\n")
        if document:
            out.append(f'    <link rel="alternate" href={quoteattr(document)}/>\n')
        if change != "removed":
            turtle = f"{base}dumps/rdf/{name}.ttl"
            out.append(f'    <link rel="enclosure" type="text/turtle" href={quoteattr(turtle)}/>\n')
        out.append(f"    <summary>{escape(shown)} {escape(change)} in version {version} of the dataset.</summary>\n")
        out.append("  </entry>\n")
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")
