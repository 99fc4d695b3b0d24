"""Inline SVG drawn on the server: the brief's monthly chart and the actor network.

No JavaScript and no chart library: the page shows the picture as soon as the HTML arrives, and
the same SVG can be saved with the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from dyad.analyze.chart import QUAD_COLOURS, chart
from dyad.analyze.chart import svg as chart_svg
from dyad.analyze.trend import MonthSummary
from dyad.export.contract import QUAD_CLASSES

# Room beside the circle for the longest actor names.
NETWORK_WIDTH, NETWORK_HEIGHT = 960, 640


def monthly_chart(months: Sequence[tuple[str, Sequence[int]]], title: str) -> Markup:
    """The brief's monthly cooperation/conflict chart (``dyad.analyze.chart``) of (month,
    events per quad class) pairs, months without events drawn empty."""
    filled = with_empty_months({month: tuple(counts) for month, counts in months})
    summaries = tuple(MonthSummary(month, counts, 0.0) for month, counts in filled)  # type: ignore[arg-type]
    return Markup(chart_svg(chart(summaries, title)))


def with_empty_months(counts: dict[str, tuple[int, ...]]) -> list[tuple[str, tuple[int, ...]]]:
    """Every month from the first to the last, those without events at zero (a gap is news)."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = map(int, first.split("-"))
    filled = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        filled.append((label, counts.get(label, (0, 0, 0, 0))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    counts: tuple[int, int, int, int]  # events per quad class 1..4

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def main_quad(self) -> int:
        """The quad class with most events (the lower class on a tie)."""
        return max((1, 2, 3, 4), key=lambda quad: (self.counts[quad - 1], -quad))


def network(nodes: Sequence[Node], edges: Sequence[Edge], href: str) -> Markup:
    """Actors on a circle, linked by lines as thick as their events and coloured by the quad
    class most of them have; ``href`` is a format string taking the actor id (``{}``)."""
    if not nodes:
        return Markup('<p class="empty">No events between resolved actors in this period.</p>')
    centre, middle, radius = NETWORK_WIDTH / 2, NETWORK_HEIGHT / 2, NETWORK_HEIGHT / 2 - 40
    place = {
        node.id: (
            centre + radius * math.cos(2 * math.pi * k / len(nodes) - math.pi / 2),
            middle + radius * math.sin(2 * math.pi * k / len(nodes) - math.pi / 2),
        )
        for k, node in enumerate(nodes)
    }
    heaviest = max(edge.total for edge in edges)
    parts = [
        f'<svg class="network" role="img" viewBox="0 0 {NETWORK_WIDTH} {NETWORK_HEIGHT}" '
        f'width="{NETWORK_WIDTH}" height="{NETWORK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Actors linked by events</title>",
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = place[edge.a], place[edge.b]
        width = 1 + 5 * edge.total / heaviest
        quad = edge.main_quad
        parts.append(
            f'<line class="edge q{quad}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{QUAD_COLOURS[quad - 1]}" stroke-width="{width:.1f}" stroke-opacity="0.8">'
            f"<title>{escape(edge.a)} – {escape(edge.b)}: {edge.total} events, mostly "
            f"{QUAD_CLASSES[quad]}</title></line>"
        )
    for node in nodes:
        x, y = place[node.id]
        anchor = "start" if x >= centre else "end"
        dx = 8 if x >= centre else -8
        parts.append(
            f'<a href="{escape(href.format(node.id))}"><circle class="node" cx="{x:.1f}" '
            f'cy="{y:.1f}" r="6" fill="#333"/><text x="{x + dx:.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{anchor}">{escape(node.label)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
