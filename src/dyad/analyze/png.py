"""A chart layout rasterised to PNG bytes: filled boxes and a 3x5 pixel font, zlib only.

Enough for the brief's bar chart without an imaging library. Text is drawn in capitals.
"""

from __future__ import annotations

import struct
import zlib

from dyad.analyze.chart import BACKGROUND, INK, LABEL_HEIGHT, Chart

# Glyphs of a 3x5 pixel font: five rows, top first, each an octal digit whose bits are the
# three pixels left to right (7 = all three, 5 = left and right, 2 = middle).
GLYPHS = {
    "0": "75557", "1": "26227", "2": "71747", "3": "71717", "4": "55711", "5": "74717",
    "6": "74757", "7": "71222", "8": "75757", "9": "75717", "-": "00700", "+": "02720",
    ".": "00002", " ": "00000", "(": "12221", ")": "42224", "/": "11244", ":": "02020",
    "A": "25755", "B": "65656", "C": "34443", "D": "65556", "E": "74647", "F": "74644",
    "G": "34553", "H": "55755", "I": "72227", "J": "11152", "K": "55655", "L": "44447",
    "M": "57755", "N": "65555", "O": "25552", "P": "65644", "Q": "25563", "R": "65655",
    "S": "34216", "T": "72222", "U": "55557", "V": "55552", "W": "55775", "X": "55255",
    "Y": "55222", "Z": "71247",
}  # fmt: skip
SCALE = LABEL_HEIGHT // 5  # pixels per font pixel
ADVANCE = 4 * SCALE  # three pixels of glyph and one of space


def png(layout: Chart) -> bytes:
    """The chart as a PNG image (8-bit RGB)."""
    pixels = [bytearray(_rgb(BACKGROUND) * layout.width) for _ in range(layout.height)]
    for box in layout.boxes:
        _fill(pixels, box.x, box.y, box.width, box.height, _rgb(box.colour))
    ink = _rgb(INK)
    for label in layout.labels:
        text = label.text.upper()
        width = len(text) * ADVANCE - SCALE
        left = {"start": label.x, "middle": label.x - width // 2, "end": label.x - width}
        _text(pixels, left[label.anchor], label.y, text, ink)
    return encode_png(pixels, layout.width, layout.height)


def encode_png(rows: list[bytearray], width: int, height: int) -> bytes:
    """PNG bytes of RGB ``rows`` (each ``3 * width`` bytes)."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour.lstrip("#"))


def _fill(pixels: list[bytearray], x: int, y: int, width: int, height: int, rgb: bytes) -> None:
    """Fill a box, clipped to the image."""
    image_height, image_width = len(pixels), len(pixels[0]) // 3
    left, right = max(0, x), min(image_width, x + width)
    if left >= right:
        return
    for row in range(max(0, y), min(image_height, y + height)):
        pixels[row][3 * left : 3 * right] = rgb * (right - left)


def _text(pixels: list[bytearray], x: int, y: int, text: str, rgb: bytes) -> None:
    for index, character in enumerate(text):
        glyph = GLYPHS.get(character, GLYPHS[" "])
        left = x + index * ADVANCE
        for row, digit in enumerate(glyph):
            bits = int(digit, 8)
            for column in range(3):
                if bits & (4 >> column):
                    _fill(pixels, left + column * SCALE, y + row * SCALE, SCALE, SCALE, rgb)
