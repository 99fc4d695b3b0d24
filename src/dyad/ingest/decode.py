"""Turn the bytes of one input into text, or raise an :class:`InputError` saying why not.

Encoding policy: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are
read as such; so is UTF-16 without one when its NUL bytes say so (Latin-script text in UTF-16
has a NUL in nearly every other byte, on one side only). Bytes that are not valid UTF-8 but
decode cleanly as Windows-1252 (the usual encoding of English text saved by older Windows
tools: curly quotes as 0x92, 0x93...) are accepted as Windows-1252, unless the result is mostly
non-ASCII, which means the file was really in some other encoding (Arabic Windows-1256,
Cyrillic...) and would come out as gibberish. Everything else is skipped as ``not_utf8``.
"""

from __future__ import annotations

import codecs

from dyad.errors import BINARY, EMPTY, NOT_UTF8, InputError

# Binary sniffing looks at the start only: enough to catch images, PDFs, archives, executables.
SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/CR/form feed) above which text is binary.
MAX_CONTROL_SHARE = 0.05
# Above this share of non-ASCII characters, a Windows-1252 reading is taken to be a wrong guess.
MAX_NON_ASCII_SHARE_CP1252 = 0.10
ALLOWED_CONTROLS = frozenset("\t\n\r\f")

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# UTF-16 without a byte-order mark: at least this share of the 2-byte units has its NUL on
# the one side (the high byte of a Latin character), and at most the other share on the other.
MIN_UTF16_NUL_SIDE = 0.3
MAX_UTF16_NUL_OTHER_SIDE = 0.05


def decode_bytes(data: bytes, name: str) -> str:
    """Decode one input's bytes; ``name`` (a path, ``path:line``) goes into error messages."""
    if not data.strip():
        problem = "file is empty (0 bytes)" if not data else "contains only whitespace"
        raise InputError(EMPTY, f"{name}: {problem}")
    if data.startswith(UTF16_BOMS):
        text = _decode_or_none(data, "utf-16")
        if text is None:
            raise InputError(NOT_UTF8, f"{name}: has a UTF-16 byte-order mark but is not UTF-16")
    elif b"\x00" in data[:SNIFF_BYTES]:
        encoding = _utf16_without_bom(data[:SNIFF_BYTES])
        text = _decode_or_none(data, encoding) if encoding else None
        if text is None:
            raise InputError(BINARY, f"{name}: binary content (NUL bytes), not a text document")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            text = _decode_cp1252(data, name, error)
    if _control_share(text[:SNIFF_BYTES]) > MAX_CONTROL_SHARE:
        raise InputError(BINARY, f"{name}: binary content (control characters), not text")
    if not text.strip():
        raise InputError(EMPTY, f"{name}: contains only whitespace")
    return text


def _utf16_without_bom(head: bytes) -> str | None:
    """The UTF-16 codec ("utf-16-le" or "-be") when the NULs of ``head`` fall on one side of
    its 2-byte units, else None."""
    units = len(head) // 2
    if units == 0:
        return None
    nul_low = head[0 : units * 2 : 2].count(0) / units  # first byte of each unit
    nul_high = head[1 : units * 2 : 2].count(0) / units
    if nul_high >= MIN_UTF16_NUL_SIDE and nul_low <= MAX_UTF16_NUL_OTHER_SIDE:
        return "utf-16-le"
    if nul_low >= MIN_UTF16_NUL_SIDE and nul_high <= MAX_UTF16_NUL_OTHER_SIDE:
        return "utf-16-be"
    return None


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_cp1252(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> str:
    text = _decode_or_none(data, "cp1252")
    if text is None or _non_ascii_share(text) > MAX_NON_ASCII_SHARE_CP1252:
        raise InputError(
            NOT_UTF8,
            f"{name}: not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}) nor plain Windows-1252; save the file as UTF-8",
        )
    return text


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ch < " " and ch not in ALLOWED_CONTROLS)
    return controls / len(text)


def _non_ascii_share(text: str) -> float:
    return sum(1 for ch in text if ord(ch) > 127) / len(text)
