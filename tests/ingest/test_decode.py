"""The encoding policy: UTF-8, UTF-16 with BOM, clean Windows-1252; everything else skipped."""

from __future__ import annotations

import pytest

from dyad import errors
from dyad.errors import InputError
from dyad.ingest.decode import decode_bytes

SENTENCE = "Iraq’s prime minister met Syria’s foreign minister in Baghdad."


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"),
        SENTENCE.encode("utf-16"),
        SENTENCE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1252"],
)
def test_accepted_encodings_give_the_same_text(data):
    assert decode_bytes(data, "story.txt") == SENTENCE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", errors.EMPTY),
        (b"  \n\t\n", errors.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", errors.BINARY),
        (b"text\x01\x02\x03\x04\x05\x06 with control bytes\x07\x08", errors.BINARY),
        (b"Ankara talks \x81\x8d", errors.NOT_UTF8),
        # Arabic in Windows-1256 decodes as Windows-1252 too, as gibberish: refused.
        ("العراق وسوريا".encode("cp1256"), errors.NOT_UTF8),
    ],
    ids=["empty", "whitespace", "png", "control-chars", "undefined-bytes", "arabic-cp1256"],
)
def test_undecodable_input_raises_with_a_reason_naming_the_input(data, reason):
    with pytest.raises(InputError) as raised:
        decode_bytes(data, "story.txt")
    assert raised.value.reason == reason
    assert "story.txt" in raised.value.detail
