"""Writing an output file safely: only a regular file is replaced, atomically, never partly.

An export is written to a new temporary file beside the target and renamed over it when
complete. A rename replaces whatever is at the path, so the target is checked first: a symbolic
link, a folder, a named pipe, a socket or a device is refused (renaming over ``/dev/full`` as
root would replace the device), and so is a file or folder we may not write.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """The output file cannot be written; the message is one line starting with its path."""


# What a path is, by file type, for the refusal message.
_KINDS = (
    (stat.S_ISLNK, "a symbolic link (give the file it points to)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def refusal(info: os.stat_result) -> str | None:
    """Why a path whose ``os.lstat`` is ``info`` must not be replaced by an output file, or
    None when it is a regular file."""
    for is_kind, kind in _KINDS:
        if is_kind(info.st_mode):
            return f"is {kind}, not a regular file; refusing to replace it"
    return None


def check_output_path(path: str | Path) -> Path:
    """``path`` as a Path if an output file may be written there, else an ``OutputError``."""
    target = Path(path)
    try:
        info: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"{target}: cannot check the output path ({error.strerror})") from error
    if info is not None:
        reason = refusal(info)
        if reason:
            raise OutputError(f"{target}: {reason}")
        if not os.access(target, os.W_OK):
            raise OutputError(f"{target}: the file is read-only")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: the folder {folder} is not writable")
    return target


@contextmanager
def written_atomically(path: str | Path) -> Iterator[Path]:
    """A new temporary file beside ``path``, renamed over it only when the block succeeds.

    The temporary file is removed on any failure, so no half-written output is ever left.
    Raises ``OutputError`` when ``path`` may not be written (see :func:`check_output_path`) or
    when writing fails (a full disk).
    """
    target = check_output_path(path)
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot create a file there ({error.strerror})") from error
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.chmod(partial, _new_file_mode(target))
        check_output_path(target)  # it may have changed while the export was written
        os.replace(partial, target)
    except OSError as error:
        raise OutputError(f"{target}: cannot write the file ({error.strerror})") from error
    finally:
        partial.unlink(missing_ok=True)


def _new_file_mode(target: Path) -> int:
    """The permissions the target keeps (if it exists) or a new file gets (the umask's)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
