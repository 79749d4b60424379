"""The orchestrator: chains the stages over a corpus. The only module besides the CLI that imports
more than one stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, diagnostic, has_errors
from .errors import DocumentError
from .model import Document
from .sources import ManifestEntry, discover, read
from .resources import default_corpus


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that gave no document

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def read_documents(path: Path, manifest: ManifestEntry | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """One file into the model (an Akoma Ntoso collection holds several resolutions).

    Raises DocumentError when the file is not a usable document."""
    raw = read(path, manifest)
    if raw.is_xml:
        from .akn_source import from_akn

        akn = from_akn(raw)
        return list(akn.documents), list(akn.diagnostics)
    from .parse import parse

    result = parse(raw)
    return [result.document], list(result.diagnostics)


def build(paths: list[Path] | None = None) -> BuildResult:
    """Read every document of a corpus (the bundled one when no path is given)."""
    out = BuildResult()
    for path, entry in discover(paths or [default_corpus()]):
        try:
            documents, diagnostics = read_documents(path, entry)
        except DocumentError as exc:
            out.diagnostics.append(exc.diagnostic)
            out.failed.append(str(path))
            continue
        except Exception as exc:  # a bug must not cost the user the rest of the corpus
            out.diagnostics.append(diagnostic("internal.error", str(path), reason=f"{type(exc).__name__}: {exc}"))
            out.failed.append(str(path))
            continue
        out.documents.extend(documents)
        out.diagnostics.extend(diagnostics)
    return out
