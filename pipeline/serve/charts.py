"""Pictures for the pages, drawn here as SVG: no script, no remote tiles, readable without colour.

- ``hemicycle``: a recorded vote as a parliament-style chart, one seat per State, grouped by position
  from left to right (in favour, abstaining, against, not voting); each seat names its State.
- ``sessions``: a State's positions per session as stacked bars.

Every group carries its position as a class (``seat favour``) and a count in its label, so that a
person, a screen reader and a test read the same figures.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

# The positions in the order a hemicycle shows them, with their colours (colour-blind safe, Okabe-Ito)
POSITIONS = (
    ("favour", "in favour", "#009e73"),
    ("abstention", "abstaining", "#e69f00"),
    ("against", "against", "#d55e00"),
    ("absent", "not voting", "#999999"),
)


@dataclass(frozen=True)
class Group:
    """The States of one position: its key (``favour``), a count, and the names known (may be fewer)."""

    key: str
    count: int
    names: Sequence[str] = field(default_factory=tuple)


def _label(key: str) -> str:
    return next(label for k, label, _ in POSITIONS if k == key)


def _colour(key: str) -> str:
    return next(colour for k, _, colour in POSITIONS if k == key)


def seats(n: int) -> list[tuple[float, float, float]]:
    """``n`` seat centres (x, y in a unit half-disc, inner radius 0.4) and their radius, ordered from
    left to right across the rows: a seat's angle decides its place, so each position is one wedge.

    >>> len(seats(193)), len(seats(1)), seats(0)
    (193, 1, [])
    """
    if n <= 0:
        return []
    rows = 1
    while True:
        gap = 0.6 / rows
        radii = [0.4 + gap * (i + 0.5) for i in range(rows)]
        capacity = [max(1, int(math.pi * r / gap)) for r in radii]
        if sum(capacity) >= n:
            break
        rows += 1
    # share the seats among the rows in proportion to their room (largest remainder)
    total = sum(capacity)
    shares = [n * c / total for c in capacity]
    counts = [int(s) for s in shares]
    for i in sorted(range(rows), key=lambda i: shares[i] - counts[i], reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    placed = []
    for radius, k in zip(radii, counts, strict=True):
        for j in range(k):
            angle = math.pi / 2 if k == 1 else math.pi * (1 - j / (k - 1))
            placed.append((angle, radius))
    placed.sort(key=lambda s: (-s[0], s[1]))
    size = gap * 0.42
    return [(r * math.cos(a), r * math.sin(a), size) for a, r in placed]


def hemicycle(groups: Sequence[Group], title: str) -> Markup:
    """A recorded vote as a hemicycle of seats, one ``<circle class="seat KEY">`` per State."""
    width, height, scale = 420, 230, 200
    cx, cy = width / 2, 215
    positions = seats(sum(g.count for g in groups))
    marks = []
    i = 0
    for group in groups:
        if not group.count:
            continue
        colour, label = _colour(group.key), _label(group.key)
        marks.append(f'<g class="position {group.key}" aria-label="{group.count} {label}">')
        for k in range(group.count):
            x, y, r = positions[i]
            i += 1
            name = group.names[k] if k < len(group.names) else ""
            tip = f"{name}: {label}" if name else label
            marks.append(
                f'<circle class="seat {group.key}" cx="{cx + x * scale:.1f}" cy="{cy - y * scale:.1f}" '
                f'r="{r * scale:.1f}" fill="{colour}"><title>{html.escape(tip)}</title></circle>'
            )
        marks.append("</g>")
    summary = ", ".join(f"{g.count} {_label(g.key)}" for g in groups if g.count)
    counts = {g.key: g.count for g in groups}
    centre = " – ".join(str(counts.get(k, 0)) for k in ("favour", "against", "abstention"))  # as the UN prints it
    return Markup(
        f'<svg class="chart hemicycle" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{html.escape(title)}: {html.escape(summary)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{html.escape(title)}: {html.escape(summary)}</title>{''.join(marks)}"
        f'<text x="{cx}" y="{cy - 6}" text-anchor="middle" class="tally">{html.escape(centre)}</text></svg>'
    )


def sessions(rows: Sequence[tuple[str, dict[str, int]]], title: str) -> Markup:
    """Positions per session as stacked horizontal bars: rows of (session, {key: count})."""
    if not rows:
        return Markup("")
    bar, gap, left, width = 14, 4, 44, 360
    most = max(sum(counts.values()) for _, counts in rows) or 1
    height = len(rows) * (bar + gap) + 24
    marks = []
    for n, (session, counts) in enumerate(rows):
        y = n * (bar + gap)
        marks.append(
            f'<text x="{left - 6}" y="{y + bar - 3}" text-anchor="end" class="axis">{html.escape(session)}</text>'
        )
        x = float(left)
        for key, label, colour in POSITIONS:
            count = counts.get(key, 0)
            if not count:
                continue
            w = width * count / most
            marks.append(
                f'<rect class="bar {key}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                f"<title>Session {html.escape(session)}: {count} {label}</title></rect>"
            )
            x += w
    legend = []
    x = left
    for _, label, colour in POSITIONS:
        legend.append(
            f'<rect x="{x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{height - 3}" class="axis">{label}</text>'
        )
        x += 95
    return Markup(
        f'<svg class="chart sessions" viewBox="0 0 {left + width + 10} {height}" role="img" '
        f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{html.escape(title)}</title>'
        f"{''.join(marks)}{''.join(legend)}</svg>"
    )
