import json

import duckdb
import pytest
from dyad_fakes import IRQGOV, SYRGOV, Coded, article, border_article

from dyad.export.contract import ClusterFacts, event_record
from dyad.records import Skip
from dyad.store import (
    DatabaseError,
    Store,
    StoreError,
    latest_version,
    migrate,
    schema_version,
)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def test_new_database_is_migrated_to_the_latest_version(tmp_path):
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    assert schema_version(con) == latest_version() >= 1
    tables = {
        row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {"articles", "sentences", "actors", "mentions", "events", "skips"} <= tables


def test_migrations_are_idempotent(tmp_path):
    path = tmp_path / "twice.duckdb"
    with Store(path) as store:
        store.write(border_article())
    con = duckdb.connect(str(path))
    assert migrate(con) == latest_version()
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == latest_version()
    con.close()
    with Store(path) as store:  # reopening keeps the data
        assert store.stats()["articles"] == 1


def test_round_trip_gives_back_identical_contract_records(store):
    result = border_article()
    assert store.write(result) is True
    # Its four events are four different events: each is a cluster of one report.
    alone = {e.event_id: ClusterFacts(e.event_id, 1, 1, "2025-01-14") for e in result.events}
    expected = sorted(
        (event_record(e, alone[e.event_id]) for e in result.events), key=lambda r: r["event_id"]
    )
    stored = sorted(store.events(), key=lambda r: r["event_id"])
    assert stored == expected
    # Same keys in the same order: `dyad events --format jsonl` prints the contract shape.
    assert [json.dumps(r) for r in stored] == [json.dumps(r) for r in expected]


def test_same_article_twice_is_stored_once(store):
    assert store.write(border_article()) is True
    assert store.write(border_article()) is False
    stats = store.stats()
    assert (stats["articles"], stats["events"], stats["sentences"]) == (1, 4, 4)


def test_failed_write_leaves_nothing_half_written(store):
    good = border_article("doc-a")
    # Two events with the same id violate the events primary key after the article row went in.
    broken = article(
        "doc-b",
        ["Baghdad accused Damascus.", "Baghdad accused Damascus again."],
        [Coded(0, "ACCUSE", 3, -2.0, (IRQGOV, "Baghdad"), (SYRGOV, "Damascus"))],
    )
    duplicate_ids = broken.__class__(
        broken.article, broken.sentences, broken.mentions, broken.events * 2
    )
    store.write(good)
    with pytest.raises(DatabaseError, match=r"test\.duckdb: database error .*[Cc]onstraint"):
        store.write(duplicate_ids)
    stats = store.stats()
    assert (stats["articles"], stats["sentences"], stats["events"]) == (1, 4, 4)


def test_actor_seen_in_two_articles_is_stored_once(store):
    store.write(border_article("doc-a"))
    store.write(border_article("doc-b"))
    # IRQSPY, SHARAA, IRQGOV, SYRGOV, ISIS, TUR, IRQ, SYR; "Iraqi soldiers" is unresolved.
    assert store.stats()["actors"] == 8


def test_skips_are_recorded_with_reason_and_detail(store):
    store.record_skip(Skip("in/empty.txt", "empty", "in/empty.txt: the file is empty"))
    [skip] = store.skips()
    assert (skip["input"], skip["reason"], skip["detail"]) == (
        "in/empty.txt",
        "empty",
        "in/empty.txt: the file is empty",
    )
    assert skip["at"][:2] == "20"


def test_read_only_store_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="no database here"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_store_reads_what_was_written(tmp_path):
    path = tmp_path / "ro.duckdb"
    with Store(path) as store:
        store.write(border_article())
    with Store(path, read_only=True) as store:
        assert len(store.events()) == 4


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)


def test_skips_recorded_twice_by_an_older_version_are_merged(tmp_path):
    from dyad.store.db import migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, name VARCHAR, applied_at TIMESTAMP)")
    for version, name, sql in migrations()[:2]:  # the schema before skips were kept once
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    con.execute(
        "INSERT INTO skips VALUES ('a.txt', 'empty', 'first', TIMESTAMP '2025-01-01'), "
        "('a.txt', 'empty', 'latest', TIMESTAMP '2025-02-01'), "
        "('b.txt', 'binary', 'b', TIMESTAMP '2025-01-01')"
    )
    con.close()
    with Store(path) as store:
        store.record_skip(Skip("b.txt", "binary", "b again"))
        rows = [(s["input"], s["reason"], s["detail"]) for s in store.skips()]
    assert rows == [("a.txt", "empty", "latest"), ("b.txt", "binary", "b again")]
