"""Walk the given paths and read each file as text, HTML or JSON Lines.

Folders are walked recursively in sorted order (by path, so runs are reproducible); hidden files
and folders (``.git``, ``.DS_Store``) are ignored. A bad input never raises out of
:func:`read_inputs`: it becomes a :class:`Skip` naming the input and the problem.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyad.errors import NOT_FOUND, TOO_LARGE, UNSUPPORTED, InputError
from dyad.ingest.decode import decode_bytes
from dyad.ingest.jsonl import read_jsonl
from dyad.records import RawDocument, Skip

DEFAULT_MAX_BYTES = 5_000_000
STDIN = "-"

# File suffix -> input format. A file without a suffix is read as plain text.
FORMAT_BY_SUFFIX = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def read_inputs(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Skip]:
    """Yield one RawDocument per article found in ``paths``, or a Skip per bad input.

    ``-`` reads one document from standard input (HTML if it starts with a tag).
    """
    for item in paths:
        if str(item) == STDIN:
            yield _read_stdin(max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _files_under(path):
                yield from _read_file(file, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        else:
            yield Skip(str(path), NOT_FOUND, f"{path}: no such file or folder")


def _files_under(folder: Path) -> list[Path]:
    files = (path for path in folder.rglob("*") if path.is_file() and not _is_hidden(path, folder))
    return sorted(files, key=lambda path: path.relative_to(folder).as_posix())


def _is_hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Skip]:
    name = str(path)
    input_format = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if input_format is None:
        known = ", ".join(suffix for suffix in FORMAT_BY_SUFFIX if suffix)
        yield Skip(name, UNSUPPORTED, f"{name}: unsupported file type '{path.suffix}' ({known})")
        return
    if input_format == "jsonl":
        yield from read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                TOO_LARGE, f"{name}: file is {size:,} bytes, over the {max_bytes:,} limit"
            )
        content = decode_bytes(path.read_bytes(), name)
    except InputError as error:
        yield error.skip(name)
    except OSError as error:
        yield Skip(name, NOT_FOUND, f"{name}: cannot be read ({error.strerror})")
    else:
        yield RawDocument(content=content, format=input_format, doc_path=name)


def _read_stdin(max_bytes: int) -> RawDocument | Skip:
    data = sys.stdin.buffer.read(max_bytes + 1)
    try:
        if len(data) > max_bytes:
            raise InputError(TOO_LARGE, f"standard input is over the {max_bytes:,} byte limit")
        content = decode_bytes(data, "standard input")
    except InputError as error:
        return error.skip(STDIN)
    input_format = "html" if content.lstrip().startswith("<") else "text"
    return RawDocument(content=content, format=input_format, doc_path=STDIN)
