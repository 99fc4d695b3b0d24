"""`dyad ingest` on each engine and store: the same events, and re-runs code only what is new."""

import json

import pytest
from click.testing import CliRunner

from dyad.cli import main

# Short reports written for these tests.
REPORTS = {
    "a.txt": "Baghdad, January 6, 2025\n\nIraq and Syria agreed on Monday to reopen the Qaim "
    "border crossing, Iraqi officials said.",
    "b.txt": "Amman, February 3, 2025\n\nJordan accused Syrian smugglers of moving drugs across "
    "the border and summoned the Syrian envoy.",
    "c.txt": "Ankara, February 17, 2025\n\nTurkish jets struck Kurdish militant positions in "
    "northern Iraq, killing 6 fighters.",
    "empty.txt": "",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def dyad(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def events_of(db):
    result = dyad("--db", db, "events", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_parquet_store_holds_what_the_duckdb_store_holds(corpus, tmp_path):
    one_file = tmp_path / "store.duckdb"
    dataset = f"parquet:{tmp_path / 'dataset'}"
    assert dyad("--db", one_file, "ingest", corpus).exit_code == 1  # one input skipped
    ingested = dyad("--db", dataset, "--jobs", "2", "ingest", corpus)
    assert ingested.exit_code == 1, ingested.output
    assert "articles stored: 3" in ingested.stdout
    assert events_of(dataset) == events_of(one_file) != []


def test_a_rerun_codes_only_what_is_new(corpus, tmp_path):
    dataset = f"parquet:{tmp_path / 'dataset'}"
    dyad("--db", dataset, "ingest", corpus)
    (corpus / "d.txt").write_text("Cairo, March 3, 2025\n\nEgypt hosted talks between Israeli "
                                  "and Hamas negotiators on Monday.", encoding="utf-8")  # fmt: skip
    again = dyad("--db", dataset, "ingest", corpus)
    assert "articles stored: 1" in again.stdout
    assert "duplicates (already stored): 3" in again.stdout


def test_unknown_engine_is_a_usage_error(corpus, tmp_path):
    result = dyad("--db", tmp_path / "x.duckdb", "ingest", "--engine", "spark", corpus)
    assert result.exit_code == 2
    assert "'spark' is not one of" in result.stderr
