"""The validation report of a build, as text and as JSON: every diagnostic, sorted."""

from __future__ import annotations

import json

from pipeline.diagnostics import Diagnostic, Severity


def report(diagnostics: list[Diagnostic], published: int, read: int) -> tuple[bytes, bytes]:
    """The validation report as text and as JSON."""
    ordered = sorted(diagnostics, key=lambda d: (d.file or "", d.line or 0, d.code, d.message))
    counts = {s.value: sum(d.severity is s for d in ordered) for s in Severity}
    text = [
        f"{read} documents read, {published} published; "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes",
        "",
    ]
    text += [str(d) for d in ordered]
    data = {
        "documents_read": read,
        "documents_published": published,
        "counts": counts,
        "diagnostics": [d.to_json() for d in ordered],
    }
    return ("\n".join(text) + "\n").encode("utf-8"), (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()
