"""JSON Lines input: one article per line, ``{"text": ..., "title"?, "url"?, "date"?, "source"?,
"id"?}``. A broken line is skipped on its own (``path:line``); the other lines go on.

``max_bytes`` applies to each line, not to the whole file: a JSONL corpus may hold many articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.errors import BAD_JSON, BINARY, EMPTY, MISSING_TEXT, TOO_LARGE, InputError
from dyad.ingest.decode import SNIFF_BYTES, decode_bytes
from dyad.records import RawDocument, Skip

OPTIONAL_STRING_FIELDS = ("title", "url", "date", "source")


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """One RawDocument per record line of ``path``, or a Skip for each bad line."""
    name = str(path)
    with path.open("rb") as stream:
        if b"\x00" in stream.read(SNIFF_BYTES):
            yield Skip(name, BINARY, f"{name}: binary content (NUL bytes), not JSON Lines")
            return
        stream.seek(0)
        records = 0
        for line_no, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            records += 1
            line_name = f"{name}:{line_no}"
            try:
                yield _record_document(line, line_name, name, max_bytes)
            except InputError as error:
                yield error.skip(line_name)
    if records == 0:
        yield Skip(name, EMPTY, f"{name}: JSON Lines file has no records")


def _record_document(line: bytes, line_name: str, path: str, max_bytes: int) -> RawDocument:
    if len(line) > max_bytes:
        raise InputError(
            TOO_LARGE, f"{line_name}: record is {len(line):,} bytes, over the {max_bytes:,} limit"
        )
    source_text = decode_bytes(line, line_name)
    try:
        record = json.loads(source_text)
    except json.JSONDecodeError as error:
        raise InputError(
            BAD_JSON, f"{line_name}: invalid JSON ({error.msg} at column {error.colno})"
        ) from None
    if not isinstance(record, dict):
        raise InputError(
            BAD_JSON, f"{line_name}: expected a JSON object, got {type(record).__name__}"
        )
    text = record.get("text")
    if not isinstance(text, str):
        problem = "has no 'text' field" if text is None else "'text' is not a string"
        raise InputError(MISSING_TEXT, f"{line_name}: record {problem}")
    if not text.strip():
        raise InputError(EMPTY, f"{line_name}: record's 'text' is empty")
    fields = {key: _optional_string(record, key, line_name) for key in OPTIONAL_STRING_FIELDS}
    return RawDocument(
        content=text,
        format="text",
        doc_path=path,
        doc_ref=_record_id(record, line_name),
        **fields,
    )


def _optional_string(record: dict[str, Any], key: str, line_name: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(BAD_JSON, f"{line_name}: field '{key}' must be a string")
    return value.strip() or None


def _record_id(record: dict[str, Any], line_name: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    # Numeric ids are common in exported corpora; booleans are not ids.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(BAD_JSON, f"{line_name}: field 'id' must be a string or an integer")
    return str(value)
