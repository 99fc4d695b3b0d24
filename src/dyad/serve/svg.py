"""Inline SVG drawn on the server: the monthly cooperation/conflict chart and the actor network.

No JavaScript and no chart library: the page shows the picture as soon as the HTML arrives, and
the same SVG can be saved with the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from dyad.export.contract import QUAD_CLASSES

# One colour per quad class: blues for cooperation, orange/red for conflict (colour-blind safe).
QUAD_COLOURS = {1: "#6baed6", 2: "#2171b5", 3: "#fd8d3c", 4: "#cb181d"}

CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 760, 260, 36
NETWORK_SIZE = 640


@dataclass(frozen=True, slots=True)
class MonthCounts:
    month: str  # YYYY-MM
    counts: tuple[int, int, int, int]  # events per quad class 1..4


def monthly_chart(months: Sequence[MonthCounts], title: str) -> Markup:
    """Bars per month: cooperation stacked above the axis, conflict below it."""
    if not months:
        return Markup('<p class="empty">No dated events to chart.</p>')
    months = with_empty_months(months)
    top = max(max(m.counts[0] + m.counts[1], m.counts[2] + m.counts[3]) for m in months) or 1
    plot_height = (CHART_HEIGHT - 2 * CHART_MARGIN) / 2
    axis_y = CHART_MARGIN + plot_height
    slot = (CHART_WIDTH - 2 * CHART_MARGIN) / len(months)
    bar = max(4.0, min(40.0, slot * 0.7))
    scale = plot_height / top
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        f'width="{CHART_WIDTH}" height="{CHART_HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{CHART_MARGIN}" y1="{axis_y}" x2="{CHART_WIDTH - CHART_MARGIN}" '
        f'y2="{axis_y}" stroke="#555"/>',
        f'<text x="4" y="{CHART_MARGIN - 8}" class="axis">cooperation ↑ (max {top})</text>',
        f'<text x="4" y="{CHART_HEIGHT - 6}" class="axis">conflict ↓</text>',
    ]
    label_every = max(1, math.ceil(len(months) / 12))
    for number, month in enumerate(months):
        x = CHART_MARGIN + number * slot + (slot - bar) / 2
        up = down = 0.0
        for quad in (1, 2, 3, 4):
            count = month.counts[quad - 1]
            if not count:
                continue
            height = count * scale
            if quad <= 2:
                up += height
                y = axis_y - up
            else:
                y = axis_y + down
                down += height
            parts.append(
                f'<rect class="bar q{quad}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{QUAD_COLOURS[quad]}">'
                f"<title>{month.month}: {count} {QUAD_CLASSES[quad]}</title></rect>"
            )
        if number % label_every == 0:
            parts.append(
                f'<text class="month" x="{x + bar / 2:.1f}" y="{axis_y + plot_height + 14:.1f}" '
                f'text-anchor="middle">{month.month}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def with_empty_months(months: Sequence[MonthCounts]) -> list[MonthCounts]:
    """Every month from the first to the last, those without events at zero (a gap is news)."""
    given = {month.month: month for month in months}
    year, month = map(int, months[0].month.split("-"))
    filled = []
    while (label := f"{year:04d}-{month:02d}") <= months[-1].month:
        filled.append(given.get(label, MonthCounts(label, (0, 0, 0, 0))))
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
    centre, radius = NETWORK_SIZE / 2, NETWORK_SIZE / 2 - 110
    place = {
        node.id: (
            centre + radius * math.cos(2 * math.pi * k / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * k / len(nodes) - math.pi / 2),
        )
        for k, node in enumerate(nodes)
    }
    heaviest = max(edge.total for edge in edges)
    parts = [
        f'<svg class="network" role="img" viewBox="0 0 {NETWORK_SIZE} {NETWORK_SIZE}" '
        f'width="{NETWORK_SIZE}" height="{NETWORK_SIZE}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Actors linked by events</title>",
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = place[edge.a], place[edge.b]
        width = 1 + 5 * edge.total / heaviest
        quad = edge.main_quad
        parts.append(
            f'<line class="edge q{quad}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{QUAD_COLOURS[quad]}" stroke-width="{width:.1f}" stroke-opacity="0.8">'
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
