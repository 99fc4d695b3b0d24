"""The CLI's error layer and options as users type them.

Regressions: `dyad ingest --db X` was refused (global options only before the command);
re-running a batch added its skipped inputs to `skips` again; an unexpected error printed a
traceback; `dyad events | head` ended in a BrokenPipeError traceback; an older pip installed
dyad without lxml_html_clean, so `dyad code` failed on import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.cli.exits import ExitCode

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))
ARTICLE = EXAMPLES / "05_iran_iaea_censure.txt"
DYAD = str(Path(sys.executable).with_name("dyad"))  # the installed command


def dyad(*args: object, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "stored.duckdb"
    result = dyad("ingest", "--db", db, ARTICLE)
    assert result.exit_code == ExitCode.OK, result.output
    return db


def test_global_options_are_accepted_after_the_command(stored):
    before = dyad("--db", stored, "events", "--format", "jsonl")
    after = dyad("events", "--format", "jsonl", "--db", stored)
    assert after.exit_code == ExitCode.OK, after.output
    assert after.stdout == before.stdout and after.stdout.count("\n") >= 1


def test_a_flag_after_the_command_wins_over_one_before(stored, tmp_path):
    result = dyad("--db", tmp_path / "elsewhere.duckdb", "events", "--db", stored)
    assert result.exit_code == ExitCode.OK, result.output


def test_settings_after_the_command_are_checked_like_before(stored):
    result = dyad("events", "--db", stored, "--min-confidence", "7")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip() == "Error: min_confidence must be in [0, 1], not 7.0"


def test_a_config_file_after_the_command(stored, tmp_path):
    config = tmp_path / "dyad.toml"
    config.write_text(f'db = "{stored}"\n', encoding="utf-8")
    result = dyad("events", "--config", config, "--format", "jsonl")
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout.count("\n") >= 1


def test_the_command_help_lists_the_global_options():
    result = dyad("ingest", "--help")
    assert "--db" in result.stdout and "--jobs" in result.stdout and "--debug" in result.stdout


def test_help_documents_every_exit_code():
    text = dyad("--help").stdout
    for code in ExitCode:
        assert f"  {code.value}  " in text, code


def test_rerunning_a_batch_records_each_skip_once(tmp_path):
    db = tmp_path / "skips.duckdb"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for _ in range(3):
        assert dyad("ingest", "--db", db, empty, ARTICLE).exit_code == ExitCode.SKIPPED
    rows = [json.loads(line) for line in dyad("skips", "--db", db, "--format", "jsonl").stdout
            .splitlines()]  # fmt: skip
    assert [(row["input"], row["reason"]) for row in rows] == [(str(empty), "empty")]


def test_a_skipped_input_sets_exit_code_1_and_the_rest_is_coded(tmp_path):
    result = dyad("code", ARTICLE, tmp_path / "missing.txt")
    assert result.exit_code == ExitCode.SKIPPED
    assert result.stdout.count("\n") >= 1
    assert f"skipped (not_found) {tmp_path / 'missing.txt'}" in result.stderr


def test_no_readable_input_is_one_line_with_exit_code_1(tmp_path):
    result = dyad("code", tmp_path / "missing.txt")
    assert result.exit_code == ExitCode.SKIPPED
    assert result.stderr.strip().splitlines()[-1] == "Error: no input could be read"


def test_a_bad_actor_file_is_a_usage_error(tmp_path):
    actors = tmp_path / "mine.tsv"
    actors.write_text("id\tbad\n", encoding="utf-8")
    result = dyad("code", ARTICLE, "--actors", actors)
    assert result.exit_code == ExitCode.USAGE
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: cannot load the coding pipeline: {actors}:1: ")


def failing_query(*_: object, **__: object) -> None:
    raise RuntimeError("something unexpected\nwith a second line")


def test_an_unexpected_error_is_one_line_with_exit_code_5(stored, monkeypatch):
    monkeypatch.setattr("dyad.cli.events.stored_events", failing_query)
    result = dyad("--db", stored, "events")
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr == (
        "Error: dyad failed (RuntimeError: something unexpected); "
        "rerun with --debug for the traceback\n"
    )


def interrupted_query(*_: object, **__: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_is_one_line_with_exit_code_130(stored, monkeypatch):
    monkeypatch.setattr("dyad.cli.events.stored_events", interrupted_query)
    result = dyad("--db", stored, "events")
    assert (result.exit_code, result.stderr) == (ExitCode.INTERRUPTED, "Error: interrupted\n")


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback(stored, monkeypatch, where):
    monkeypatch.setattr("dyad.cli.events.stored_events", failing_query)
    args = ["--debug", "events"] if where == "before" else ["events", "--debug"]
    result = dyad("--db", stored, *args)
    assert isinstance(result.exception, RuntimeError)


def test_a_closed_pipe_ends_quietly(stored):
    # `dyad events | head -1`: the reader stops after one line.
    with subprocess.Popen(
        [DYAD, "--db", str(stored), "events", "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert process.returncode == ExitCode.OK


def test_a_full_output_device_is_one_line_with_exit_code_4(stored):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [DYAD, "--db", str(stored), "events", "--format", "jsonl"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert done.returncode == ExitCode.OUTPUT
    assert done.stderr == "Error: standard output: cannot write (No space left on device)\n"


def test_lxml_html_clean_is_a_declared_dependency():
    # trafilatura imports it; without it `dyad code` fails on import.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [dependency.split(">")[0].split("=")[0].strip() for dependency in
             project["dependencies"]]  # fmt: skip
    assert "lxml_html_clean" in names
