"""Exit codes of the ``dyad`` command, and the one-line message each user error ends in."""

from __future__ import annotations

import errno
from enum import IntEnum

import click


class ExitCode(IntEnum):
    OK = 0
    SKIPPED = 1  # some inputs were skipped (reported, recorded); the others were processed
    USAGE = 2  # a bad option, argument, filter value or settings file
    DATABASE = 3  # the database file cannot be opened, read or written
    OUTPUT = 4  # the output file cannot be written
    INTERNAL = 5  # dyad itself failed (a missing model file, a bug)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it); what was stored stays


# Shown at the end of `dyad --help`; "\b" keeps click from re-wrapping the lines.
EXIT_CODES_HELP = """\b
Exit codes:
    0  done
    1  some inputs were skipped (see `dyad skips`), or none could be read
    2  usage: a bad option, argument, filter value or settings file
    3  database: the database file cannot be opened, read or written
    4  output: the output file (or standard output) cannot be written
    5  dyad itself failed (a missing model file, a bug): rerun with --debug
  130  interrupted (Ctrl-C); every article already stored is complete
Errors are one line naming the file and the problem; --debug shows the traceback."""


# errno values of a write to a full or failing device (`dyad events > /dev/full`).
_FULL_OR_FAILING_DEVICE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class CommandError(click.ClickException):
    """A failure printed as ``Error: <message>``, ending the command with ``code``."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.exit_code = int(code)


def user_error(error: Exception) -> CommandError | None:
    """The one-line error for an exception a user can cause; None for anything else (a bug)."""
    from dyad.config import ConfigError
    from dyad.export.output_file import OutputError
    from dyad.store.errors import QueryError, StoreError

    if isinstance(error, ConfigError | QueryError):
        return CommandError(str(error), ExitCode.USAGE)
    if isinstance(error, StoreError):
        return CommandError(str(error), ExitCode.DATABASE)
    if isinstance(error, OutputError):
        return CommandError(str(error), ExitCode.OUTPUT)
    if isinstance(error, OSError) and error.errno in _FULL_OR_FAILING_DEVICE:
        # Files are written through OutputError; what is left is standard output.
        return CommandError(f"standard output: cannot write ({error.strerror})", ExitCode.OUTPUT)
    return None
