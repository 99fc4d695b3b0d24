"""`dyad fuse`, `dyad events --fused`, and a database from before fusion, fused on upgrade."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner
from test_fusion_store import QAMISHLI, government_meeting, meeting, strike

from dyad.cli import main
from dyad.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fused.duckdb"
    with Store(path) as store:
        for result in (meeting("a", "Outlet A"), government_meeting("b", "Outlet B"),
                       strike("c", "Outlet C", QAMISHLI)):
            store.write(result)  # fmt: skip
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_fused_lists_one_row_per_event_with_its_outlets(db):
    table = run("--db", db, "events", "--fused").splitlines()
    assert table[0].split()[:7] == ["DATE", "TYPE", "Q", "SOURCE", "TARGET", "SRC", "CONF"]
    assert [line.split()[1] for line in table[1:]] == ["ASSAULT", "CONSULT"]
    jsonl = run("--db", db, "events", "--fused", "--format", "jsonl", "--type", "CONSULT")
    records = [json.loads(line) for line in jsonl.splitlines()]
    assert [(r["num_reports"], r["sources"]) for r in records] == [(2, ["Outlet A", "Outlet B"])]


def test_fuse_rebuild_reports_the_clusters(db):
    assert run("--db", db, "fuse", "--rebuild").splitlines()[1:] == [
        "  events: 3",
        "  clusters: 2",
        "  clusters told by more than one article: 1",
    ]


def test_a_database_from_before_fusion_is_fused_when_opened(db):
    con = duckdb.connect(db)
    con.execute("DELETE FROM event_clusters; DELETE FROM schema_version WHERE version = 5")
    con.close()
    with Store(db, read_only=True) as store:  # upgraded, then fused
        assert {r["event_id"]: r["num_reports"] for r in store.events()} == {
            "a:0": 2, "b:0": 2, "c:0": 1
        }
