"""The ``unga-ld`` command. Thin commands: parse options, call the stage, print the outcome.

Exit codes: 0 clean, 1 the data has problems (errors in documents), 2 the tool could not do its job.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click

from pipeline import __version__, lineage
from pipeline.diagnostics import Diagnostic, DocumentError, PipelineError, Severity, diagnostic
from pipeline.model import ChangeKind, Coverage, Document, DocumentKind, to_json
from pipeline.namespaces import DEFAULT_BASE, PREFIXES
from pipeline.publish import Deadlines, StoreError, push
from pipeline.rdf import states_graph
from pipeline.register import languages
from pipeline.resources import default_output, user_cache
from pipeline.run import BuildResult, read_documents
from pipeline.run import build as run_build
from pipeline.serve import sparql
from pipeline.serve.http import Settings, make_server
from pipeline.serve.sandbox import SandboxUnavailable, forbid_network
from pipeline.sources import fetch as fetching
from pipeline.sources import load_manifest
from pipeline.validate import Validator

FORMATS_CLI = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
}


def fail(message: str, code: int, as_json: bool = False) -> NoReturn:
    """One line on standard error, then the exit code (1 data problems, 2 the tool could not work);
    with ``--json`` the report on standard output says it too (``{"ok": false, "error": …}``)."""
    click.echo(message, err=True)
    if as_json:
        report({"ok": False, "exit": code, "error": message.removeprefix("error: ")})
    sys.exit(code)


def report(data: dict[str, object]) -> None:
    """A command's report as JSON on standard output (``--json``): one object, keys in a stable order."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def _diagnostics(found: list[Diagnostic]) -> dict[str, object]:
    """Counts by severity and every diagnostic, for a JSON report."""
    counts = {s.value: sum(d.severity is s for d in found) for s in Severity}
    return {"counts": counts, "items": [d.to_json() for d in found]}


@click.group()
@click.version_option(__version__, prog_name="unga-ld")
def main() -> None:
    """UNGA-LD: United Nations General Assembly documents as linked open data."""


_FETCH_OPTIONS = [
    click.option("--lang", type=click.Choice(["en", "fr", "es", "ar", "zh", "ru"]), default="en", show_default=True),
    click.option("--format", "fmt", type=click.Choice(["pdf", "akn"]), default="pdf", show_default=True),
    click.option("--refresh", is_flag=True, help="Revalidate cached files with the server (ETag, Last-Modified)."),
    click.option(
        "--cache", type=click.Path(file_okay=False, path_type=Path), default=None, help="Default: ~/.cache/unga-ld/ods."
    ),
    click.option("--ods", default=fetching.ODS, show_default=True, envvar="UNGA_LD_ODS", help="The ODS server."),
    click.option(
        "--deadline", type=click.FloatRange(1, 3600), default=120.0, show_default=True, help="Seconds per file."
    ),
    click.option(
        "--interval", type=click.FloatRange(0, 60), default=1.0, show_default=True, help="Seconds between requests."
    ),
]


def fetch_options(f: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_FETCH_OPTIONS):
        f = option(f)
    return f


def _fetch_all(
    symbols: tuple[str, ...], into: Path, lang: str, fmt: str, refresh: bool, cache: Path | None, ods: str,
    deadline: float, interval: float,
) -> list[fetching.Fetched]:  # fmt: skip
    """Fetch each symbol, one progress line each on standard error; the results, failures included."""
    limits = fetching.Limits(
        deadline=deadline, interval=interval, read=min(30.0, deadline), connect=min(10.0, deadline)
    )
    fetcher = fetching.Fetcher(cache or fetching.default_cache(), base=ods.rstrip("/"), limits=limits)
    results = []
    started = time.monotonic()
    for i, symbol in enumerate(symbols, 1):
        result = fetcher.fetch(symbol, into, lang=lang, fmt=fmt, refresh=refresh)
        results.append(result)
        left = (time.monotonic() - started) / i * (len(symbols) - i)
        where = str(result.error) if result.error else f"{result.path}{' (cached)' if result.cached else ''}"
        eta = f", about {left:.0f} s left" if len(symbols) > 1 and i < len(symbols) else ""
        click.echo(f"[{i}/{len(symbols)}] {where}{eta}", err=True)
    return results


def _record_summary(document: Document) -> None:
    """A plenary record: its meeting, and each action in order, as the record says it."""
    held = f", {document.date.isoformat()}" if document.date else ""
    click.echo(
        f"  {len(document.report_paragraphs)} paragraphs{held}, presided by {document.presided_by or '?'}; "
        f"agenda items {', '.join(document.agenda_items) or '?'}; {len(document.votes)} actions"
    )
    for vote in document.votes:
        what = vote.part_as_written or (vote.amendment.text if vote.amendment else None)
        what = what or (vote.draft.text if vote.draft else "a proposal of the chair")
        tally = f"{vote.yes}-{vote.no}-{vote.abstain}" if vote.yes is not None else "without a vote"
        gave = f" → {vote.became.text}" if vote.became else ""
        said = f", {len(vote.intentions)} later statements of intended votes" if vote.intentions else ""
        outcome = vote.outcome.value if vote.outcome else "?"
        click.echo(f"  {what}: {outcome}, {tally}{gave}{said}")


@main.command()
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to publish (default: output/ of the checkout).",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the published data.")
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes (default: one per core)."
)
@click.option("--endpoint", default=None, help="URL of the SPARQL endpoint that will serve the data (for catalog.ttl).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and the summary only, not warnings.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on standard output (see README).")
@click.option("--fetch", "symbols", multiple=True, help="Fetch this symbol from ODS first (repeatable).")
@click.option(
    "--fetch-into", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"), show_default=True,
    help="Where --fetch puts the files (built with CORPUS).",
)  # fmt: skip
@click.option(
    "--votes-dataset", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="A folder of Erik Voeten's roll calls (un_roll_calls.csv, un_votes.csv): published beside the documents.",
)  # fmt: skip
@click.option(
    "--build-cache", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where each document's files are kept between builds (default: ~/.cache/unga-ld/build).",
)  # fmt: skip
@click.option("--no-build-cache", is_flag=True, help="Map, validate and export every document anew.")
@click.option(
    "--no-store", is_flag=True,
    help="Leave out output/store/, the on-disk store serve and query open (they then load the N-Quads into memory).",
)  # fmt: skip
@fetch_options
def build(
    corpus: tuple[Path, ...], out: Path | None, base: str, jobs: int | None, endpoint: str | None, quiet: bool,
    as_json: bool, symbols: tuple[str, ...], fetch_into: Path, votes_dataset: Path | None,
    build_cache: Path | None, no_build_cache: bool, no_store: bool,
    lang: str, fmt: str, refresh: bool, cache: Path | None, ods: str, deadline: float, interval: float,
) -> None:  # fmt: skip
    """Parse, map, validate and publish every document of CORPUS (files or folders; the bundled
    corpus by default). Documents with errors are reported and left out of the published files.
    With --fetch, the documents named are fetched by symbol first and built with the rest. With
    --votes-dataset, the roll calls of that data set are published too, one vote each."""
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise click.BadParameter("the base IRI must start with http:// or https:// and end with /", param_hint="--base")
    if symbols:
        results = _fetch_all(symbols, fetch_into, lang, fmt, refresh, cache, ods, deadline, interval)
        fetched = [r.path for r in results if r.path is not None]
        if not fetched:
            fail("error: nothing was fetched; nothing built", 1, as_json)
        corpus = (*corpus, *fetched) if corpus else tuple(fetched)
    target = out or default_output()
    bar = Bar() if sys.stderr.isatty() and not as_json else None
    try:
        result = run_build(
            list(corpus) or None,
            out=target,
            base=base,
            jobs=jobs,
            endpoint=endpoint,
            progress=bar,
            votes_dataset=votes_dataset,
            store=not no_store,
            cache_dir=None if no_build_cache else (build_cache or user_cache() / "build"),
        )
    except PipelineError as exc:
        fail(f"error: {exc}", 2, as_json)
    except OSError as exc:
        fail(f"error: cannot write the output: {exc}", 2, as_json)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        _build_report(result, target)
        sys.exit(0 if result.ok else 1)
    for d in result.diagnostics:
        if quiet and d.severity is not Severity.ERROR:
            continue
        click.echo(str(d), err=True)
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    summary = ", ".join(f"{n} {k}" for k, n in result.kinds.items()) or "no documents"
    if result.versions:
        summary += f"; {_count(result.versions, 'version')} in other languages"
    if result.roll_calls:
        summary += f"; {_count(len(result.roll_calls), 'roll call')} of {votes_dataset}"
    click.echo(
        f"{_count(result.read, 'document')} read ({summary}); {_count(errors, 'error')}, {_count(warnings, 'warning')}"
    )
    if result.parts:
        published = sum(p.roll_calls for p in result.parts.values())
        positions = sum(p.positions for p in result.parts.values())
        click.echo(f"{_count(published, 'roll call')} published ({positions} positions, {len(result.parts)} sessions)")
    if result.published or result.parts:
        click.echo(
            f"{_count(len(result.published), 'document')} published in {out or default_output()} "
            f"({_count(len(result.files), 'file')}, described in catalog.ttl)"
        )
    else:
        click.echo(f"nothing published; {out or default_output()} is as it was")
    sys.exit(0 if result.ok else 1)


_NOUNS = {"reading": "files", "mapping": "documents", "roll calls": "sessions"}  # what a build's stage counts


class Bar:
    """A build's progress on a terminal: one line, rewritten — the stage, how many of how many, how
    many per second and about how long is left ("mapping 120/1337 documents · 8.1/s · about 150 s left")."""

    def __init__(self) -> None:
        self.stage, self.shown, self.width = "", 0.0, 0
        self.started = self.last = time.monotonic()  # a stage starts where the last one ended

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self.stage:
            if self.stage:
                click.echo("", err=True)  # the finished stage keeps its line
            self.stage, self.started, self.shown = stage, self.last, 0.0
        self.last = now
        if done < total and now - self.shown < 0.2:
            return  # at most five redraws a second
        self.shown = now
        rate = done / max(now - self.started, 1e-6)
        left = f" · about {(total - done) / rate:.0f} s left" if done < total else ""
        line = f"{stage} {done}/{total} {_NOUNS.get(stage, 'items')} · {rate:.1f}/s{left}"
        click.echo("\r" + line.ljust(self.width), nl=False, err=True)
        self.width = len(line)

    def close(self) -> None:
        if self.stage:
            click.echo("", err=True)


def _build_report(result: BuildResult, target: Path) -> None:
    report(
        {
            "ok": result.ok,
            "exit": 0 if result.ok else 1,
            "documents": {
                "read": result.read,
                "by_kind": result.kinds,
                "versions": result.versions,
                "published": sorted(result.published),
                "failed_files": result.failed,
            },
            "roll_calls": {
                "read": len(result.roll_calls),
                "published": sum(p.roll_calls for p in result.parts.values()),
                "positions": sum(p.positions for p in result.parts.values()),
                "sessions": sorted(result.parts),
            },
            "diagnostics": _diagnostics(result.diagnostics),
            "output": str(target) if result.published or result.parts else None,
            "files": sorted(result.files) if result.published or result.parts else [],
        }
    )


def _count(n: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@main.command()
@click.argument("symbols", nargs=-1, required=True)
@click.option(
    "--into", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"), show_default=True,
    help="The corpus folder the files go to.",
)  # fmt: skip
@fetch_options
def fetch(
    symbols: tuple[str, ...], into: Path, lang: str, fmt: str, refresh: bool, cache: Path | None, ods: str,
    deadline: float, interval: float,
) -> None:  # fmt: skip
    """Download documents by their UN symbol (A/RES/78/100, A/C.3/80/L.22) from the UN's Official
    Document System into a corpus folder: the PDF, or with --format akn the UN's Akoma Ntoso of an
    adopted resolution. A second fetch of a symbol is answered from the cache."""
    results = _fetch_all(symbols, into, lang, fmt, refresh, cache, ods, deadline, interval)
    failed = sum(r.error is not None for r in results)
    click.echo(f"{_count(len(results) - failed, 'document')} fetched into {into}; {_count(failed, 'failure')}")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole model as JSON.")
def parse(file: Path, as_json: bool) -> None:
    """Show the middle model of one document (and its diagnostics on standard error)."""
    try:
        entry = load_manifest(file.parent).get(file.name)
        documents, diagnostics = read_documents(file, entry)
    except DocumentError as exc:
        click.echo(str(exc.diagnostic), err=True)
        sys.exit(1)
    for d in diagnostics:
        click.echo(str(d), err=True)
    if as_json:
        data = [to_json(d) for d in documents]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=1))
        sys.exit(1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0)
    for document in documents:
        spoken = languages.by_code(document.language)
        click.echo(
            f"{document.identifier}: {document.kind.value} in {spoken.name if spoken else document.language}, "
            f"{document.title or '(no title)'}"
        )
        if document.kind is DocumentKind.PLENARY_RECORD:
            _record_summary(document)
            continue
        click.echo(
            f"  {len(document.preamble)} preambular, {len(document.operative)} operative paragraphs, "
            f"{len(document.footnotes)} footnotes, {len(document.citations)} cited documents, "
            f"{len(document.sponsors)} sponsors, {len(document.annexes)} annexes"
        )
        if document.coverage is not None:
            c = document.coverage
            shown = Coverage.percent(c.read, c.total)
            click.echo(f"  body text in the model: {c.read} of {c.total} characters ({shown})")
            for line, what in c.missed:
                click.echo(f"    not mapped, line {line}: {what}")
        for proposal in document.proposals:
            vote = proposal.vote
            tally = f"{vote.yes}-{vote.no}-{vote.abstain}" if vote and vote.recorded else "no recorded vote"
            click.echo(f"  proposal {proposal.symbol}: {len(proposal.sponsors)} sponsors, {tally}")
    sys.exit(1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0)


@main.command()
@click.argument("earlier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("later", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON on standard output.")
def compare(earlier: Path, later: Path, as_json: bool) -> None:
    """What changed from EARLIER to LATER (a draft and its resolution, last year's resolution and
    this year's): each paragraph unchanged, edited, moved, new or deleted, with its similarity."""
    texts = []
    for path in (earlier, later):
        try:
            documents, _ = read_documents(path, load_manifest(path.parent).get(path.name))
        except DocumentError as exc:
            fail(str(exc.diagnostic), 1, as_json)
        if not documents or documents[0].symbol is None:
            fail(str(diagnostic("compare.no-symbol", str(path))), 1, as_json)
        texts.append(documents[0])
    result = lineage.compare(texts[0], texts[1], "asked")
    if as_json:
        report({
            "ok": True, "exit": 0, "earlier": str(result.earlier), "later": texts[1].identifier,
            "changes": [
                {"kind": c.kind.value, "later": c.new, "earlier": c.old, "similarity": c.similarity}
                for c in result.changes
            ],
        })  # fmt: skip
        return
    counts = {kind: sum(c.kind is kind for c in result.changes) for kind in ChangeKind}
    click.echo(f"{texts[0].identifier} → {texts[1].identifier}")
    for c in result.changes:
        click.echo(f"  {c.kind.value:9} {c.new or '-':24} {c.old or '-':24} {c.similarity:.2f}")
    click.echo(", ".join(f"{n} {kind.value}" for kind, n in counts.items()))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on standard output (see README).")
def validate(files: tuple[Path, ...], as_json: bool) -> None:
    """Check Turtle FILES against the SHACL shapes; print every result."""
    try:
        validator = Validator(states_graph(DEFAULT_BASE))
        by_file = {str(f): validator.file(f) for f in files}
    except PipelineError as exc:
        fail(f"error: {exc}", 2, as_json)
    found = [d for ds in by_file.values() for d in ds]
    errors = sum(d.severity is Severity.ERROR for d in found)
    if as_json:
        checked = [
            {"file": name, "conforms": not any(d.severity is Severity.ERROR for d in ds), "results": len(ds)}
            for name, ds in by_file.items()
        ]
        report({"ok": not errors, "exit": 1 if errors else 0, "files": checked, "diagnostics": _diagnostics(found)})
        sys.exit(1 if errors else 0)
    for d in found:
        click.echo(str(d), err=d.severity is Severity.ERROR)
    click.echo(
        f"{_count(len(files), 'file')} checked; {_count(errors, 'violation')}, {_count(len(found) - errors, 'warning')}"
    )
    sys.exit(1 if errors else 0)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The published dataset to serve (default: output/ of the checkout).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data served.")
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 3600),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Results with more rows are refused (400).",
)
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="Queries run at once.")
@click.option(
    "--worker-memory",
    type=click.IntRange(64),
    default=192,
    show_default=True,
    help="Megabytes a query worker may keep between queries; one holding more is replaced.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1024),
    default=64 << 20,
    show_default=True,
    help="Answers larger than this many bytes are refused (400).",
)
@click.option(
    "--rate",
    type=click.FloatRange(0.01),
    default=20.0,
    show_default=True,
    help="Requests per second each client may make ...",
)
@click.option("--burst", type=click.IntRange(1), default=100, show_default=True, help="... in bursts of this many.")
@click.option(
    "--header-timeout",
    type=click.FloatRange(0.5, 600),
    default=10.0,
    show_default=True,
    help="Seconds a client has to send its whole request.",
)
@click.option(
    "--access-log",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the access log to this file (default: standard error).",
)
def serve(
    out: Path | None,
    host: str,
    port: int,
    base: str,
    timeout: float,
    max_rows: int,
    workers: int,
    worker_memory: int,
    max_bytes: int,
    rate: float,
    burst: int,
    header_timeout: float,
    access_log: Path | None,
) -> None:
    """Serve output/ read-only: SPARQL 1.1 Protocol at /sparql, resource pages, dumps."""
    settings = Settings(
        out or default_output(),
        host,
        port,
        base,
        timeout,
        max_rows,
        workers=workers,
        worker_memory=worker_memory,
        max_bytes=max_bytes,
        rate=rate,
        burst=burst,
        header_timeout=header_timeout,
    )
    try:
        log = open(access_log, "a", encoding="utf-8") if access_log else None  # noqa: SIM115 (open while serving)
        server = make_server(settings, log)
    except (FileNotFoundError, SandboxUnavailable) as exc:
        fail(f"error: {exc}", 2)
    except OSError as exc:
        fail(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", 2)
    bound = server.socket.getsockname()  # (host, port) as bound: port 0 picks a free one
    click.echo(f"serving {settings.out} at http://{bound[0]}:{bound[1]}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: close cleanly, as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("text", required=False)
@click.option("--name", help="Run a shipped query from queries/ (see --list).")
@click.option("--list", "listing", is_flag=True, help="List the shipped queries.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The published dataset to query (default: output/ of the checkout).",
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted([*FORMATS_CLI, "table"])), default=None,
    help="Results as … (default: a table on a terminal, CSV otherwise; a graph as Turtle).",
)  # fmt: skip
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE",
    help="Set a parameter of the query (its one-variable VALUES line), e.g. --param iso3=FRA; repeatable.",
)  # fmt: skip
def query(
    text: str | None, name: str | None, listing: bool, out: Path | None, fmt: str | None, params: tuple[str, ...]
) -> None:
    """Run a SPARQL query (TEXT, or --name NAME) over the published dataset."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    shipped = sparql.shipped()
    if listing:
        for key, (about, body) in shipped.items():
            defaults = ", ".join(f"{k}={v}" for k, v in sparql.parameters(body).items())
            click.echo(f"{key}{f' [{defaults}]' if defaults else ''}: {about}")
        return
    if name:
        if name not in shipped:
            raise click.BadParameter(f"no shipped query {name!r}; see --list", param_hint="--name")
        text = shipped[name][1]
    if not text:
        raise click.UsageError("give a query, or --name NAME")
    values = dict(p.split("=", 1) for p in params if "=" in p)
    if len(values) != len(params):
        raise click.BadParameter("give each as NAME=VALUE", param_hint="--param")
    try:
        text = sparql.bind(text, values)
    except sparql.Refused as exc:
        fail(f"error: {exc.message}", 2)
    with contextlib.suppress(SandboxUnavailable):  # not Linux: the guard below still refuses SERVICE
        forbid_network()  # this process only reads files from here on
    try:
        store = sparql.load(out or default_output())
        sparql.check(text, sparql.graph_names(store))
        accept = "text/csv, text/turtle;q=0.9" if fmt == "table" else FORMATS_CLI[fmt]
        answer = sparql.run(store, text, accept, 10_000_000)
    except FileNotFoundError as exc:
        fail(f"error: {exc}", 2)
    except sparql.Refused as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2 if exc.status == 400 and "parse" in exc.message else 1)
    if fmt == "table" and answer.media_type.startswith("text/csv"):
        click.echo(table(answer.body.decode("utf-8")))
        return
    sys.stdout.buffer.write(answer.body)


def table(data: str, width: int = 60) -> str:
    """SPARQL CSV results as a table for a terminal: columns aligned, IRIs of the dataset and the
    ontology shortened to prefixed names, a cell longer than ``width`` cut with "…", and a count."""
    rows = list(csv.reader(io.StringIO(data)))
    if not rows:
        return "(no result)"
    short = [(str(ns), f"{prefix}:") for prefix, ns in PREFIXES.items()] + [(DEFAULT_BASE, "")]

    def cell(value: str) -> str:
        for ns, prefix in short:
            if value.startswith(ns) and len(value) > len(ns):
                value = prefix + value[len(ns) :]
                break
        return value if len(value) <= width else value[: width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) if i < len(r) else 0 for r in cells) for i in range(len(cells[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    count = len(rows) - 1
    return "\n".join([*lines, f"({count} {'row' if count == 1 else 'rows'})"])


@main.command()
@click.option("--store", "url", required=True, help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The published dataset to push (default: output/ of the checkout).",
)
@click.option("--user", envvar="UNGA_LD_STORE_USER", help="User name (or UNGA_LD_STORE_USER).")
@click.option("--password", envvar="UNGA_LD_STORE_PASSWORD", help="Password (or UNGA_LD_STORE_PASSWORD).")
@click.option(
    "--timeout",
    type=click.FloatRange(1, 86400),
    default=300.0,
    show_default=True,
    help="Seconds one graph may take (reading it back for the roll-back, then replacing it).",
)
@click.option(
    "--deadline",
    type=click.FloatRange(1, 864000),
    default=3600.0,
    show_default=True,
    help="Seconds the whole push may take.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on standard output (see README).")
def publish(
    url: str, out: Path | None, user: str | None, password: str | None, timeout: float, deadline: float, as_json: bool
) -> None:
    """Replace each named graph of the dataset in an external store (SPARQL 1.1 Graph Store Protocol)."""
    if user and password is None:
        raise click.UsageError("--user needs --password (or UNGA_LD_STORE_PASSWORD)")
    try:
        pushed = push(
            url,
            out or default_output(),
            (user, password) if user and password is not None else None,
            Deadlines(timeout, deadline),
        )
    except FileNotFoundError as exc:
        fail(f"error: {exc}", 2, as_json)
    except StoreError as exc:
        fail(f"error: {exc}", 2, as_json)
    if as_json:
        report({"ok": True, "exit": 0, "store": url, "graphs": pushed.graphs, "triples": pushed.triples})
        return
    click.echo(f"{_count(pushed.graphs, 'graph')} ({_count(pushed.triples, 'triple')}) replaced in {url}")
