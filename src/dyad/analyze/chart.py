"""The monthly cooperation / conflict chart: one layout, drawn as SVG, PNG or terminal bars.

Cooperation stacks up from the zero line (verbal, then material), conflict down from it; the
scale is the same both ways so a month's bars compare at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from dyad.analyze.trend import MonthSummary

# Colours per quad class 1..4 (colour-blind safe: blue/teal for cooperation, orange/red).
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fdae6b", "#d94701")
QUAD_LABELS = ("verbal coop.", "material coop.", "verbal conflict", "material conflict")
INK = "#333333"
GRID = "#bbbbbb"
BACKGROUND = "#ffffff"

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 40, 36
LABEL_HEIGHT = 10  # pixels of the PNG's font, and about the SVG's x-height
CHARACTER_WIDTH = 8  # pixels per character, in the PNG's font and about the SVG's


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    colour: str


@dataclass(frozen=True, slots=True)
class Label:
    x: int
    y: int  # top of the text
    text: str
    anchor: str  # start | middle | end


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    boxes: tuple[Box, ...]  # drawn in order: axis lines are thin boxes
    labels: tuple[Label, ...]
    title: str


def chart(months: tuple[MonthSummary, ...], title: str) -> Chart:
    """The layout of the monthly chart (an empty plot with a note when there are no months)."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    zero = TOP + plot_height // 2
    boxes, labels = _legend()
    boxes.append(Box(LEFT, zero, plot_width, 1, GRID))
    if not months:
        labels.append(Label(WIDTH // 2, zero - 20, "no dated events", "middle"))
        return Chart(WIDTH, HEIGHT, tuple(boxes), tuple(labels), title)
    peak = max(max(m.counts[0] + m.counts[1], m.counts[2] + m.counts[3]) for m in months)
    room = plot_height // 2 - 4
    # Whole pixels per event while they fit (every event the same height), else a fraction.
    unit: float = room // peak if peak <= room else room / peak
    slot = plot_width / len(months)
    bar = max(2, int(slot * 0.6))
    label_width = len("YYYY-MM") * CHARACTER_WIDTH + CHARACTER_WIDTH
    step = max(1, -(-label_width // int(slot)))  # label every step-th month: no overlap
    for index, month in enumerate(months):
        x = LEFT + int(index * slot + (slot - bar) / 2)
        boxes += _stack(x, bar, zero, unit, month.counts[:2], up=True)
        boxes += _stack(
            x, bar, zero + 1, unit, month.counts[2:], up=False, colours=QUAD_COLOURS[2:]
        )
        if index % step == 0:
            labels.append(Label(x + bar // 2, HEIGHT - BOTTOM + 8, month.month, "middle"))
    labels += [
        Label(LEFT - 6, TOP - 2, str(peak), "end"),
        Label(LEFT - 6, zero - LABEL_HEIGHT // 2, "0", "end"),
        Label(LEFT - 6, HEIGHT - BOTTOM - LABEL_HEIGHT, str(peak), "end"),
    ]
    return Chart(WIDTH, HEIGHT, tuple(boxes), tuple(labels), title)


def _stack(
    x: int,
    width: int,
    zero: int,
    unit: float,
    counts: tuple[int, ...],
    *,
    up: bool,
    colours: tuple[str, ...] = QUAD_COLOURS[:2],
) -> list[Box]:
    boxes, level = [], 0
    for count, colour in zip(counts, colours, strict=True):
        # Rounded where each segment ends, so the stack's total height is the rounded total.
        bottom, top = round(level * unit), round((level + count) * unit)
        if top > bottom:
            y = zero - top if up else zero + bottom
            boxes.append(Box(x, y, width, top - bottom, colour))
        level += count
    return boxes


def _legend() -> tuple[list[Box], list[Label]]:
    """A colour square and the words of each quad class, in a row above the plot."""
    swatches, words, x = [], [], LEFT
    for colour, text in zip(QUAD_COLOURS, QUAD_LABELS, strict=True):
        swatches.append(Box(x, 12, LABEL_HEIGHT, LABEL_HEIGHT, colour))
        words.append(Label(x + 16, 12, text, "start"))
        x += 16 + len(text) * CHARACTER_WIDTH + 14
    return swatches, words


def svg(layout: Chart) -> str:
    """The chart as an inline SVG element (no external resources)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width}" '
        f'height="{layout.height}" viewBox="0 0 {layout.width} {layout.height}" role="img" '
        f'aria-label="{escape(layout.title)}">',
        f"<title>{escape(layout.title)}</title>",
        f'<rect width="{layout.width}" height="{layout.height}" fill="{BACKGROUND}"/>',
    ]
    parts += [
        f'<rect x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}" fill="{b.colour}"/>'
        for b in layout.boxes
    ]
    parts += [
        f'<text x="{label.x}" y="{label.y + LABEL_HEIGHT}" text-anchor="{label.anchor}" '
        f'font-family="sans-serif" font-size="12" fill="{INK}">{escape(label.text)}</text>'
        for label in layout.labels
    ]
    parts.append("</svg>")
    return "\n".join(parts)


BAR_WIDTH = 24  # terminal cells for the busiest month's cooperation (or conflict)


def terminal_bars(months: tuple[MonthSummary, ...]) -> list[str]:
    """One line per month: cooperation and conflict as bars of block characters."""
    if not months:
        return []
    peak = max(max(m.counts[0] + m.counts[1], m.counts[2] + m.counts[3]) for m in months)
    lines = []
    for month in months:
        cooperation = month.counts[0] + month.counts[1]
        conflict = month.counts[2] + month.counts[3]
        lines.append(
            f"{month.month}  coop {_bar(cooperation, peak):<{BAR_WIDTH}} {cooperation:>3}"
            f"   conflict {_bar(conflict, peak):<{BAR_WIDTH}} {conflict:>3}   net {month.net:+.2f}"
        )
    return lines


def _bar(count: int, peak: int) -> str:
    eighths = round(count / peak * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])
