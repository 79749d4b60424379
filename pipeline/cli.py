"""The ``unga-ld`` command. Thin commands: parse options, call the stage, print the outcome.

Exit codes: 0 clean, 1 the data has problems (errors in documents), 2 the tool could not do its job.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import Severity
from .errors import DocumentError, PipelineError
from .model import to_json
from .rdf.namespaces import DEFAULT_BASE
from .resources import default_output
from .run import build as run_build
from .run import read_documents
from .sources import load_manifest


@click.group()
@click.version_option(__version__, prog_name="unga-ld")
def main() -> None:
    """UNGA-LD: United Nations General Assembly documents as linked open data."""


@main.command()
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to publish (default: output/ of the checkout).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the published data.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes (default: one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and the summary only, not warnings.")
def build(corpus: tuple[Path, ...], out: Path | None, base: str, jobs: int | None, quiet: bool) -> None:
    """Parse, map, validate and publish every document of CORPUS (files or folders; the bundled
    corpus by default). Documents with errors are reported and left out of the published files."""
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise click.BadParameter("the base IRI must start with http:// or https:// and end with /", param_hint="--base")
    try:
        result = run_build(list(corpus) or None, out=out or default_output(), base=base, jobs=jobs)
    except PipelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write the output: {exc}", err=True)
        sys.exit(2)
    for d in result.diagnostics:
        if quiet and d.severity is not Severity.ERROR:
            continue
        click.echo(str(d), err=True)
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    kinds: dict[str, int] = {}
    for doc in result.documents:
        kinds[doc.kind.value] = kinds.get(doc.kind.value, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no documents"
    click.echo(f"{len(result.documents)} documents read ({summary}); {errors} errors, {warnings} warnings")
    click.echo(f"{len(result.published)} documents published in {out or default_output()} "
               f"({len(result.files)} files, described in catalog.ttl)")
    sys.exit(0 if result.ok else 1)


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
        click.echo(f"{document.identifier}: {document.kind.value}, {document.title or '(no title)'}")
        click.echo(
            f"  {len(document.preamble)} preambular, {len(document.operative)} operative paragraphs, "
            f"{len(document.footnotes)} footnotes, {len(document.citations)} cited documents, "
            f"{len(document.sponsors)} sponsors"
        )
        for proposal in document.proposals:
            vote = proposal.vote
            tally = f"{vote.yes}-{vote.no}-{vote.abstain}" if vote and vote.recorded else "no recorded vote"
            click.echo(f"  proposal {proposal.symbol}: {len(proposal.sponsors)} sponsors, {tally}")
    sys.exit(1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check Turtle FILES against the SHACL shapes; print every result."""
    from .validate import validate_file

    try:
        found = [d for f in files for d in validate_file(f)]
    except PipelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for d in found:
        click.echo(str(d), err=d.severity is Severity.ERROR)
    errors = sum(d.severity is Severity.ERROR for d in found)
    click.echo(f"{len(files)} files checked; {errors} violations, {len(found) - errors} warnings")
    sys.exit(1 if errors else 0)
