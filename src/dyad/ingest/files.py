"""Walk the given paths and read each file as text, HTML, JSON Lines (optionally gzip- or
zstd-compressed), a Parquet table of articles or a WARC crawl.

Folders are walked recursively in sorted order (by path, so runs are reproducible); hidden files
and folders (``.git``, ``.DS_Store``) are ignored, and so are links to folders (they may loop).
A bad input never raises out of :func:`read_inputs`: it becomes a :class:`Skip` naming the input
and the problem, and so does a folder that cannot be listed. Inputs are named by their display
name (:mod:`dyad.ingest.paths`), which is valid UTF-8 even when the file name is not.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyad.errors import NOT_FOUND, TOO_LARGE, UNSUPPORTED, InputError
from dyad.ingest.compressed import COMPRESSIONS, open_decompressed
from dyad.ingest.decode import decode_bytes
from dyad.ingest.jsonl import read_jsonl, read_records
from dyad.ingest.parquet import read_parquet_articles
from dyad.ingest.paths import display_name, unreadable_skip
from dyad.ingest.warc import read_warc
from dyad.records import RawDocument, Skip

DEFAULT_MAX_BYTES = 5_000_000
STDIN = "-"
STDIN_NAME = "standard input"

# File suffix -> input format. A file without a suffix is read as plain text.
FORMAT_BY_SUFFIX = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".warc": "warc",
}


def read_inputs(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Skip]:
    """Yield one RawDocument per article found in ``paths``, or a Skip per bad input.

    ``-`` reads standard input: JSON Lines if it starts with ``{``, else one document (HTML if
    it starts with a tag).
    """
    for item in paths:
        if str(item) == STDIN:
            yield from _read_stdin(max_bytes)
            continue
        path = Path(item)
        name = display_name(path)
        try:
            is_folder, is_file, exists = path.is_dir(), path.is_file(), path.exists()
        except OSError as error:  # a parent folder that may not be searched
            yield unreadable_skip(name, error)
            continue
        if is_folder:
            for found, error in _walk(path):
                if error is None:
                    yield from _read_file(found, max_bytes)
                else:
                    yield unreadable_skip(display_name(found), error, what="folder")
        elif is_file:
            yield from _read_file(path, max_bytes)
        elif exists:  # a named pipe, a device, a socket: reading it might never end
            yield Skip(name, UNSUPPORTED, f"{name}: not a regular file or folder")
        else:
            yield Skip(name, NOT_FOUND, f"{name}: no such file or folder")


def expand_folders(paths: Iterable[str]) -> Iterator[str]:
    """``paths`` with each folder replaced by its files, in the order :func:`read_inputs` reads
    them, as a stream (a folder is listed only when reached, one directory at a time); a folder
    that cannot be listed stays itself, so that reading it records its skip."""
    for item in paths:
        path = Path(item)
        try:
            is_folder = item != STDIN and path.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            yield from (str(found) for found, _ in _walk(path))
        else:
            yield item


def _walk(folder: Path) -> Iterator[tuple[Path, OSError | None]]:
    """Every visible file under ``folder`` with None, and each folder that cannot be listed with
    the error, in path order; streamed: only the names of the folders being walked are held,
    never the whole tree's (a corpus may have millions of files)."""
    top = _listing(folder)
    if isinstance(top, OSError):
        yield folder, top
        return
    pending = [(folder, iter(top))]
    while pending:
        current, names = pending[-1]
        entry = next(names, None)
        if entry is None:
            pending.pop()
            continue
        name, is_folder = entry
        path = current / name
        if not is_folder:
            yield path, None
            continue
        listed = _listing(path)
        if isinstance(listed, OSError):
            yield path, listed
        else:
            pending.append((path, iter(listed)))


def _listing(folder: Path) -> list[tuple[str, bool]] | OSError:
    """(name, is a folder) of the visible entries of ``folder``, sorted so that walking them in
    order lists paths in sorted order (a folder sorts as its name + ``/``), or the error."""
    try:
        with os.scandir(folder) as entries:
            # Links to folders are not followed (they may loop); links to files are read.
            listed = [
                (entry.name, entry.is_dir(follow_symlinks=False))
                for entry in entries
                if not entry.name.startswith(".")
                and (entry.is_dir(follow_symlinks=False) or entry.is_file())
            ]
    except OSError as error:
        return error
    return sorted(listed, key=lambda pair: pair[0] + "/" if pair[1] else pair[0])


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Skip]:
    name = display_name(path)
    compressed = path.suffix.lower() in COMPRESSIONS
    suffix = Path(path.stem).suffix if compressed else path.suffix
    input_format = FORMAT_BY_SUFFIX.get(suffix.lower())
    if input_format is None or (compressed and input_format == "parquet"):
        known = ", ".join(suffix for suffix in FORMAT_BY_SUFFIX if suffix)
        shown = display_name("".join(path.suffixes[-2:] if compressed else [path.suffix]))
        yield Skip(name, UNSUPPORTED, f"{name}: unsupported file type '{shown}' ({known}; "
                   f"{', '.join(COMPRESSIONS)} compressed)")  # fmt: skip
        return
    if input_format in READERS:  # a file of many articles
        yield from READERS[input_format](path, name, max_bytes, compressed)
        return
    try:
        with open_decompressed(path) if compressed else path.open("rb") as stream:
            content = decode_bytes(_read_capped(stream, name, max_bytes), name)
    except InputError as error:
        yield error.skip(name)
    except OSError as error:
        yield unreadable_skip(name, error)
    else:
        yield RawDocument(content=content, format=input_format, doc_path=name)


def _jsonl(path: Path, name: str, max_bytes: int, compressed: bool) -> Iterator[RawDocument | Skip]:
    if not compressed:
        yield from read_jsonl(path, name, max_bytes)
        return
    try:
        yield from read_jsonl(path, name, max_bytes, open_decompressed)
    except InputError as error:  # a compression whose package is not installed
        yield error.skip(name)


# Readers of the files that hold many articles: (path, name, max_bytes, compressed).
READERS: dict[str, Callable[[Path, str, int, bool], Iterator[RawDocument | Skip]]] = {
    "jsonl": _jsonl,
    # warcio reads .warc.gz itself (a gzip member per record).
    "warc": lambda path, name, max_bytes, _: read_warc(path, name, max_bytes),
    "parquet": lambda path, name, max_bytes, _: read_parquet_articles(path, name, max_bytes),
}


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``stream``; an InputError if there is more (the size is read
    from the open file, so a file growing meanwhile is not read whole either)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(os.fstat(stream.fileno()).st_size, len(data))
        raise InputError(TOO_LARGE, f"{name}: file is {size:,} bytes, over the {max_bytes:,} limit")
    return data


def _read_stdin(max_bytes: int) -> Iterator[RawDocument | Skip]:
    stream = sys.stdin.buffer
    lead = _leading_whitespace_and_first_byte(stream, max_bytes)
    if lead.endswith(b"{"):
        yield from read_records(stream, STDIN_NAME, STDIN, max_bytes, prefix=lead)
        return
    data = lead + stream.read(max_bytes + 1 - len(lead))
    try:
        if len(data) > max_bytes:
            raise InputError(TOO_LARGE, f"{STDIN_NAME} is over the {max_bytes:,} byte limit")
        content = decode_bytes(data, STDIN_NAME)
    except InputError as error:
        yield error.skip(STDIN_NAME)
        return
    input_format = "html" if content.lstrip().startswith("<") else "text"
    yield RawDocument(content=content, format=input_format, doc_path=STDIN)


def _leading_whitespace_and_first_byte(stream: BinaryIO, max_bytes: int) -> bytes:
    """Bytes up to the first one that is not ASCII whitespace (which tells JSON Lines apart)."""
    lead = bytearray()
    while len(lead) <= max_bytes:
        byte = stream.read(1)
        lead += byte
        if not byte or not byte.isspace():
            break
    return bytes(lead)
