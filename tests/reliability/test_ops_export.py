"""`dyad export -o PATH` replaces only a regular file it may write, and never leaves a part.

Regression: the export was written to a temporary file renamed over PATH, so a symbolic link, a
named pipe or a device at PATH was replaced by a regular file (as root it replaced /dev/full),
and a missing or read-only output folder gave a raw traceback.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.cli.exits import ExitCode
from dyad.export.output_file import OutputError, check_output_path, refusal, written_atomically
from dyad.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from dyad_fakes import border_article  # the shared hand-built records


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write(border_article())
    return path


def export(db: Path, output: Path | str, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "export", "-o", str(output), *options])
    return result.exit_code, result.stderr


def assert_refused(code: int, stderr: str, output: Path, what: str) -> None:
    assert code == ExitCode.OUTPUT
    assert "Traceback" not in stderr
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"Error: {output}: is {what}")


def no_partial_files(folder: Path) -> bool:
    return not [path for path in folder.iterdir() if path.name.endswith(".partial")]


@pytest.mark.parametrize("output_format", ["jsonl", "parquet"])
def test_a_symlink_is_not_replaced(db, tmp_path, output_format):
    kept = tmp_path / "kept.txt"
    kept.write_text("not an export\n")
    link = tmp_path / "events.out"
    link.symlink_to(kept)
    code, stderr = export(db, link, "--format", output_format)
    assert_refused(code, stderr, link, "a symbolic link")
    assert link.is_symlink() and kept.read_text() == "not an export\n"
    assert no_partial_files(tmp_path)


def test_a_named_pipe_is_not_replaced(db, tmp_path):
    pipe = tmp_path / "events.fifo"
    os.mkfifo(pipe)
    code, stderr = export(db, pipe)
    assert_refused(code, stderr, pipe, "a named pipe")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert no_partial_files(tmp_path)


def test_a_folder_is_not_replaced(db, tmp_path):
    folder = tmp_path / "events.jsonl"
    folder.mkdir()
    code, _ = export(db, folder)
    assert code == ExitCode.USAGE  # click refuses a folder for --output before dyad looks
    assert folder.is_dir()


@pytest.mark.parametrize(
    ("file_type", "kind"),
    [(stat.S_IFCHR, "a character device"), (stat.S_IFBLK, "a block device"),
     (stat.S_IFSOCK, "a socket"), (stat.S_IFLNK, "a symbolic link")],
    ids=["char-device", "block-device", "socket", "symlink"],
)  # fmt: skip
def test_devices_and_sockets_are_refused(file_type, kind):
    # A /dev/full-like stat result: nothing real is touched.
    info = os.stat_result((file_type | 0o666, 0, 0, 1, 0, 0, 0, 0, 0, 0))
    assert kind in refusal(info)


def test_the_real_dev_null_is_recognised_as_a_device():
    assert "a character device" in refusal(os.lstat("/dev/null"))


def test_a_regular_file_may_be_replaced(tmp_path):
    existing = tmp_path / "old.jsonl"
    existing.write_text("old\n")
    assert refusal(os.lstat(existing)) is None
    assert check_output_path(existing) == existing


def test_a_missing_folder_is_one_clear_line(db, tmp_path):
    output = tmp_path / "no-such-folder" / "events.jsonl"
    code, stderr = export(db, output)
    assert code == ExitCode.OUTPUT
    assert stderr.strip() == f"Error: {output}: the folder {output.parent} does not exist"


def test_a_folder_that_cannot_be_written_is_one_clear_line(db):
    # /proc refuses new files even to root, so this holds whoever runs the tests.
    code, stderr = export(db, "/proc/dyad-events.jsonl")
    assert code == ExitCode.OUTPUT
    [line] = stderr.strip().splitlines()
    assert line.startswith("Error: /proc/dyad-events.jsonl: ")
    assert "Traceback" not in stderr


def test_a_failed_write_leaves_neither_part_nor_change(tmp_path):
    target = tmp_path / "events.jsonl"
    target.write_text("previous export\n")
    with pytest.raises(OutputError, match="No space left"), written_atomically(target) as part:
        part.write_text("half of a new exp")
        raise OSError(28, "No space left on device")
    assert target.read_text() == "previous export\n"
    assert list(tmp_path.iterdir()) == [target]


def test_an_export_keeps_the_permissions_of_the_file_it_replaces(db, tmp_path):
    target = tmp_path / "events.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    code, _ = export(db, target)
    assert code == ExitCode.OK
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert len(target.read_text().splitlines()) == 4
