"""A damaged or truncated database file: one line naming the file, exit code 3, no traceback.

Regression: damage inside the file (not in its header) opened fine and then gave raw DuckDB
tracebacks from `dyad events`, `dyad skips` and `dyad ingest`; so did a truncated file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.cli.exits import ExitCode

EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))
# DuckDB's file layout: three 4 KiB headers, then blocks of 256 KiB.
HEADER_BYTES = 3 * 4096
BLOCK_BYTES = 256 * 1024


def dyad(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> Path:
    """A database holding a few coded example articles and a recorded skip."""
    folder = tmp_path_factory.mktemp("db")
    db = folder / "healthy.duckdb"
    inputs = [*sorted(EXAMPLES.glob("0[1-4]_*.txt")), folder / "missing.txt"]
    code, _ = dyad("--db", db, "ingest", *inputs)
    assert code == ExitCode.SKIPPED  # the missing file is recorded as a skip
    return db


def overwrite_block(file: BinaryIO, offset: int) -> None:
    file.seek(offset + 64)
    file.write(b"\xab" * 4096)


def cut_inside_block(file: BinaryIO, offset: int) -> None:
    file.truncate(offset + 1000)


Spoil = Callable[[BinaryIO, int], None]  # damages an open database file at a block offset


def spoiled_copies(healthy: Path, folder: Path, spoil: Spoil) -> list[Path]:
    """One copy of the database per data block, spoiled by ``spoil`` at that block."""
    copies = []
    for offset in range(HEADER_BYTES, healthy.stat().st_size, BLOCK_BYTES):
        copy = folder / f"{spoil.__name__}-{offset}.duckdb"
        shutil.copyfile(healthy, copy)
        with copy.open("r+b") as file:
            spoil(file, offset)
        copies.append(copy)
    return copies


COMMANDS = {
    "events": ["events", "--format", "jsonl"],
    "skips": ["skips"],
    "ingest": ["ingest", EXAMPLES / "05_iran_iaea_censure.txt"],
}


def assert_failures_are_one_line(copies: list[Path], command: str) -> None:
    """Each copy either still works for ``command`` or fails with exit code 3 and one line
    naming the file; at least one fails for its damage (else the test tested nothing)."""
    damage_found = 0
    for db in copies:
        code, stderr = dyad("--db", db, *COMMANDS[command])
        if code in (ExitCode.OK, ExitCode.SKIPPED):
            continue  # the damage is in a block this command does not read
        assert code == ExitCode.DATABASE, stderr
        assert "Traceback" not in stderr
        [line] = stderr.strip().splitlines()
        assert line.startswith(f"Error: {db}: ")
        damage_found += "damaged or truncated" in line
    assert damage_found >= 1


@pytest.mark.parametrize("command", list(COMMANDS))
def test_damaged_interior_gives_one_line_naming_the_file(healthy, tmp_path, command):
    assert_failures_are_one_line(spoiled_copies(healthy, tmp_path, overwrite_block), command)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_truncated_file_gives_one_line_naming_the_file(healthy, tmp_path, command):
    assert_failures_are_one_line(spoiled_copies(healthy, tmp_path, cut_inside_block), command)


def test_debug_shows_the_traceback_instead(healthy, tmp_path):
    [db, *_] = spoiled_copies(healthy, tmp_path, cut_inside_block)
    result = CliRunner().invoke(main, ["--db", str(db), "events", "--debug"])
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "DatabaseError"
