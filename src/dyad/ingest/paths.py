"""Input paths as users see them, and a skip for a path that cannot be opened or listed.

A file name need not be valid UTF-8 on Linux: Python then carries its bad bytes as lone
surrogates (``os.fsdecode``), which cannot be written as UTF-8 (DuckDB refuses them, JSON output
would be invalid). Every record, skip and message therefore names an input by its *display
name*: the path with each undecodable byte, and each control character, written as a backslash
escape (``caf\\xe9.txt``).
The file itself is still opened by its real path.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from dyad.errors import NOT_FOUND, UNREADABLE
from dyad.records import Skip

# Control characters in a name (a newline, an escape sequence) would break the one-line
# messages or drive the terminal: they are shown as escapes too.
CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}


def display_name(path: str | Path) -> str:
    """``path`` as valid, printable Unicode: bytes that are not UTF-8 and control characters
    become ``\\xNN`` escapes."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate that is no escaped byte: not from the file system
        raw = os.fspath(path).encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace").translate(CONTROL_ESCAPES)


def unreadable_skip(name: str, error: OSError, what: str = "file") -> Skip:
    """The skip for an input the system refused to open or list (``what``: file or folder)."""
    if isinstance(error, FileNotFoundError):
        return Skip(name, NOT_FOUND, f"{name}: no such {what} (it disappeared while reading)")
    if error.errno in (errno.EACCES, errno.EPERM):
        problem = "permission denied"
    else:
        problem = error.strerror or type(error).__name__
    return Skip(name, UNREADABLE, f"{name}: {what} cannot be read ({problem})")
