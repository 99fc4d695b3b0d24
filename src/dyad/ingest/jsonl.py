"""JSON Lines input: one article per line, ``{"text": ..., "title"?, "url"?, "date"?, "source"?,
"id"?}`` (the date may also be named as in ``DATE_FIELDS``). A broken line is skipped on its own
(``path:line``); the other lines go on.

``max_bytes`` applies to each line, not to the whole file: a JSONL corpus may hold many articles.
Lines are read one at a time and never more than ``max_bytes`` of one is held: the rest of an
over-long line is read past in blocks and the record skipped as too large.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from dyad.errors import BAD_JSON, BINARY, EMPTY, MISSING_TEXT, TOO_LARGE, InputError
from dyad.ingest.decode import SNIFF_BYTES, decode_bytes
from dyad.ingest.paths import unreadable_skip
from dyad.records import RawDocument, Skip

OPTIONAL_STRING_FIELDS = ("title", "url", "date", "source")
# Names exported corpora give the publication date (the VOA corpus says "published"); the first
# one present wins, "date" first.
DATE_FIELDS = ("date", "published", "published_at", "pubdate", "datePublished")
# Block size for reading past the rest of an over-long line.
SKIP_BLOCK_BYTES = 1 << 20


def read_jsonl(
    path: Path,
    name: str,
    max_bytes: int,
    open_stream: Callable[[Path], io.BufferedReader] = lambda path: path.open("rb"),
) -> Iterator[RawDocument | Skip]:
    """One RawDocument per record line of ``path`` (shown as ``name``), or a Skip for each bad
    line; a Skip for the file if it cannot be read (or, compressed, stops decompressing).

    ``open_stream`` opens the file as bytes (a decompressing reader for ``.jsonl.gz``).
    """
    try:
        with open_stream(path) as stream:
            if b"\x00" in stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]:
                yield Skip(name, BINARY, f"{name}: binary content (NUL bytes), not JSON Lines")
                return
            yield from read_records(stream, name, name, max_bytes)
    except OSError as error:
        yield unreadable_skip(name, error)


def read_records(
    stream: BinaryIO, name: str, doc_path: str, max_bytes: int, prefix: bytes = b""
) -> Iterator[RawDocument | Skip]:
    """The records of a JSON Lines ``stream`` whose first bytes, already read, are ``prefix``.

    Skips are named ``name:line``; documents get ``doc_path``.
    """
    records = 0
    for line_no, line in _lines(stream, max_bytes, prefix):
        if isinstance(line, bytes) and not line.strip():
            continue
        records += 1
        line_name = f"{name}:{line_no}"
        if isinstance(line, int):
            detail = f"{line_name}: record is {line:,} bytes, over the {max_bytes:,} limit"
            yield Skip(line_name, TOO_LARGE, detail)
            continue
        try:
            yield _record_document(line, line_name, doc_path)
        except InputError as error:
            yield error.skip(line_name)
    if records == 0:
        yield Skip(name, EMPTY, f"{name}: JSON Lines file has no records")


def _lines(stream: BinaryIO, max_bytes: int, prefix: bytes) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) pairs; a line of over ``max_bytes`` (its newline aside) comes as its
    size in bytes instead."""
    line_no = prefix.count(b"\n") + 1
    pending = prefix.rpartition(b"\n")[2]
    while True:
        line = pending + stream.readline(max(1, max_bytes + 1 - len(pending)))
        pending = b""
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield line_no, len(line) + _read_past_line_end(stream)
        else:
            yield line_no, line
        line_no += 1


def _read_past_line_end(stream: BinaryIO) -> int:
    """Read up to and including the next newline, in bounded blocks; how many bytes were read."""
    skipped = 0
    while block := stream.readline(SKIP_BLOCK_BYTES):
        skipped += len(block)
        if block.endswith(b"\n"):
            break
    return skipped


def _record_document(line: bytes, line_name: str, path: str) -> RawDocument:
    record = _parse_object(decode_bytes(line.rstrip(b"\r\n"), line_name), line_name)
    return record_document(record, line_name, path)


def record_document(record: dict[str, Any], line_name: str, path: str) -> RawDocument:
    """The document of one article record (a JSON object, a Parquet row), or an InputError
    naming ``line_name`` when it has no usable ``text`` or a field of the wrong type."""
    text = record.get("text")
    if not isinstance(text, str):
        problem = "has no 'text' field" if text is None else "'text' is not a string"
        raise InputError(MISSING_TEXT, f"{line_name}: record {problem}")
    text = _well_formed(text)
    if not text.strip():
        raise InputError(EMPTY, f"{line_name}: record's 'text' is empty")
    fields = {key: _optional_string(record, key, line_name) for key in OPTIONAL_STRING_FIELDS}
    fields["date"] = next(
        (date for key in DATE_FIELDS if (date := _optional_string(record, key, line_name))), None
    )
    return RawDocument(
        content=text,
        format="text",
        doc_path=path,
        doc_ref=_record_id(record, line_name),
        **fields,
    )


def _parse_object(source_text: str, line_name: str) -> dict[str, Any]:
    try:
        record = json.loads(source_text)
    except json.JSONDecodeError as error:
        # Some messages end with "at" ("Unterminated string starting at"): say it once.
        message = error.msg.removesuffix(" at")
        raise InputError(
            BAD_JSON, f"{line_name}: invalid JSON ({message} at column {error.colno})"
        ) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise InputError(BAD_JSON, f"{line_name}: invalid JSON (a number is too long)") from None
    except RecursionError:
        raise InputError(BAD_JSON, f"{line_name}: invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(
            BAD_JSON, f"{line_name}: expected a JSON object, got {type(record).__name__}"
        )
    return record


def _well_formed(value: str) -> str:
    """``value`` with escaped surrogate pairs (``"\\ud83d\\ude00"``) joined into characters and a
    lone surrogate, which no output can encode, replaced by U+FFFD."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _optional_string(record: dict[str, Any], key: str, line_name: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(BAD_JSON, f"{line_name}: field '{key}' must be a string")
    return _well_formed(value).strip() or None


def _record_id(record: dict[str, Any], line_name: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    # Numeric ids are common in exported corpora; booleans are not ids.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(BAD_JSON, f"{line_name}: field 'id' must be a string or an integer")
    return _well_formed(str(value))
