"""The validation report of a build, as text and as JSON: every diagnostic, sorted."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pipeline.diagnostics import Diagnostic, Severity
from pipeline.model import Coverage


def report(
    diagnostics: list[Diagnostic],
    published: int,
    read: int,
    coverage: Sequence[tuple[str, str, int, int]] = (),
    roll_calls: tuple[int, int] = (0, 0),
) -> tuple[bytes, bytes]:
    """The validation report as text and as JSON. ``coverage`` holds, for each published document
    read from Akoma Ntoso, (dump name, source file, body characters in the model, in the source); the
    report sums them and lists each document below 100% (its akn.unmapped diagnostics say what).
    ``roll_calls``: the roll calls of data sets published, and their positions."""
    ordered = sorted(diagnostics, key=lambda d: (d.file or "", d.line or 0, d.code, d.message))
    counts = {s.value: sum(d.severity is s for d in ordered) for s in Severity}
    text = [
        f"{_count(read, 'document')} read, {published} published; "
        f"{_count(counts['error'], 'error')}, {_count(counts['warning'], 'warning')}, {_count(counts['info'], 'note')}",
    ]
    if roll_calls[0]:
        text.append(f"{_count(roll_calls[0], 'roll call')} of data sets published, {roll_calls[1]} positions")
    taken, total = sum(c[2] for c in coverage), sum(c[3] for c in coverage)
    short = sorted((c for c in coverage if c[2] < c[3]), key=lambda c: c[2] / c[3])
    if coverage:
        text.append(
            f"body text in the model: {Coverage.percent(taken, total)} of {total} characters in"
            f" {_count(len(coverage), 'Akoma Ntoso file')}; {len(short)} below 100%"
        )
        text += [f"  {name} ({source}): {Coverage.percent(r, t)}" for name, source, r, t in short]
    text.append("")
    text += [str(d) for d in ordered]
    data = {
        "documents_read": read,
        "documents_published": published,
        "counts": counts,
        "coverage": {
            "files": len(coverage),
            "characters_in_model": taken,
            "characters_in_sources": total,
            "below_100": [{"document": n, "file": s, "in_model": r, "in_source": t} for n, s, r, t in short],
        },
        "diagnostics": [d.to_json() for d in ordered],
    }
    if roll_calls[0]:
        data["roll_calls_published"] = {"roll_calls": roll_calls[0], "positions": roll_calls[1]}
    return ("\n".join(text) + "\n").encode("utf-8"), (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def _count(n: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
