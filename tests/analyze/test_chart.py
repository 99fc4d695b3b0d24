"""The monthly chart: one layout drawn as SVG, as a PNG decoded back here, and as text bars."""

import struct
import zlib

from dyad.analyze.chart import QUAD_COLOURS, chart, svg, terminal_bars
from dyad.analyze.png import png
from dyad.analyze.trend import MonthSummary

MONTHS = (
    MonthSummary("2025-01", (2, 2, 0, 0), 0.0),  # 4 cooperation: the peak
    MonthSummary("2025-02", (0, 0, 1, 1), 0.0),  # 2 conflict
)


def bars(layout, colour):
    return [box for box in layout.boxes if box.colour == colour]


def test_bar_heights_follow_the_counts():
    layout = chart(MONTHS, "t")
    [_, verbal] = bars(layout, QUAD_COLOURS[0])  # a legend swatch, then January's bar
    [_, material] = bars(layout, QUAD_COLOURS[1])
    [_, conflict] = bars(layout, QUAD_COLOURS[2])
    assert verbal.height == material.height == 2 * conflict.height
    assert material.y + material.height == verbal.y  # stacked upwards
    assert conflict.y > verbal.y + verbal.height  # conflict hangs below the zero line
    assert [label.text for label in layout.labels if label.text.startswith("2025")] == [
        "2025-01",
        "2025-02",
    ]


def test_svg_is_inline_and_needs_nothing_outside():
    drawn = svg(chart(MONTHS, "Iraq & Syria"))
    assert drawn.startswith("<svg") and drawn.endswith("</svg>")
    assert "Iraq &amp; Syria" in drawn
    assert "href" not in drawn and "url(" not in drawn


def decode(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of a PNG written with filter type 0 (as ours are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks[kind] = chunks.get(kind, b"") + body
        at += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + 3 * width
    return width, height, [raw[r * stride + 1 : (r + 1) * stride] for r in range(height)]


def test_png_has_the_bars_in_their_colours():
    layout = chart(MONTHS, "t")
    width, height, rows = decode(png(layout))
    assert (width, height) == (layout.width, layout.height)
    for box in layout.boxes:
        x, y = box.x + box.width // 2, box.y + box.height // 2
        assert rows[y][3 * x : 3 * x + 3] == bytes.fromhex(box.colour[1:])


def test_png_draws_the_labels():
    layout = chart((), "t")  # no months: only the legend and a note
    _, _, rows = decode(png(layout))
    note = next(label for label in layout.labels if label.text == "no dated events")
    ink = {rows[y][3 * x : 3 * x + 3] for y in range(note.y, note.y + 10) for x in range(640)}
    assert bytes.fromhex("333333") in ink


def test_terminal_bars_scale_to_the_busiest_month():
    january, february = terminal_bars(MONTHS)
    assert january.count("█") == 24 and "coop" in january
    assert february.count("█") == 12 and february.endswith("net -1.00")
