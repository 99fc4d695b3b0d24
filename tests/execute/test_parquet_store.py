"""The partitioned Parquet dataset: written in parts, read through the store's own queries."""

import json

import pytest
from click.testing import CliRunner
from dyad_fakes import IRQGOV, SYRGOV, Coded, article, border_article, retold_article

from dyad.analyze.brief import build_brief
from dyad.cli import main
from dyad.records import Skip
from dyad.store import DatabaseError, Store
from dyad.store.parquet import ParquetDataset, open_store, parquet_folder, write_part

SKIP = Skip("notes/empty.txt", "empty", "notes/empty.txt: file is empty (0 bytes)")


def later_talks(doc_id="later"):
    """The Iraq-Syria talks told again by another outlet, a month after the border report."""
    sides = ((IRQGOV, "Baghdad"), (SYRGOV, "Damascus"))
    return article(doc_id, ["Baghdad and Damascus resumed talks on Monday."],
                   [Coded(0, "CONSULT", 1, 1.0, *sides, "2025-02-10")],
                   published="2025-02-11")  # fmt: skip


RESULTS = [border_article("b1"), retold_article("r1"), later_talks()]


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    # Two parts, as two workers write them.
    write_part(folder, RESULTS[:2], [SKIP])
    write_part(folder, RESULTS[2:], [])
    return folder


@pytest.fixture
def duckdb_store(tmp_path):
    path = tmp_path / "same.duckdb"
    with Store(path) as store:
        for result in RESULTS:
            store.write(result)
        store.record_skip(SKIP)
    return path


def test_parts_are_partitioned_by_publication_month(dataset):
    months = sorted(p.name for p in (dataset / "events").iterdir())
    assert months == ["month=2025-01", "month=2025-02", "month=undated"]
    assert len(list((dataset / "articles").rglob("*.parquet"))) == 3
    assert not list(dataset.glob(".staging-*"))


def test_dataset_answers_every_query_as_the_duckdb_store_does(dataset, duckdb_store):
    with open_store(f"parquet:{dataset}") as parquet, Store(duckdb_store, read_only=True) as db:
        assert parquet.events() == db.events()
        assert parquet.events(dyad=("IRQ", "SYR"), since="2025-01") == db.events(
            dyad=("IRQ", "SYR"), since="2025-01"
        )
        assert parquet.fused_events() == db.fused_events()
        assert build_brief(parquet, "Iraq", "Syria").to_dict() == (
            build_brief(db, "Iraq", "Syria").to_dict()
        )
        assert [s["input"] for s in parquet.skips()] == [SKIP.input]
        assert parquet.stats() == db.stats()


def test_dataset_knows_its_articles_for_incremental_runs(dataset):
    known = ParquetDataset(dataset)
    assert known.has_article("b1") and known.has_article("later")
    assert not known.has_article("never-seen")


def test_a_folder_or_prefix_names_a_dataset_a_file_does_not(tmp_path, dataset):
    assert parquet_folder(f"parquet:{tmp_path}/new") == tmp_path / "new"
    assert parquet_folder(dataset) == dataset
    assert parquet_folder(tmp_path / "dyad.duckdb") is None


def test_an_empty_folder_is_not_a_dataset_yet(tmp_path):
    with pytest.raises(DatabaseError, match="no Parquet dataset here yet"):
        open_store(tmp_path)


def test_dyad_events_skips_and_brief_read_the_dataset(dataset):
    runner = CliRunner()
    events = runner.invoke(main, ["--db", f"parquet:{dataset}", "events", "--format", "jsonl"])
    assert events.exit_code == 0, events.output
    ids = [json.loads(line)["event_id"] for line in events.stdout.splitlines()]
    assert sorted(ids) == sorted(e.event_id for r in RESULTS for e in r.events)
    skips = runner.invoke(main, ["--db", f"parquet:{dataset}", "skips", "--format", "jsonl"])
    assert [json.loads(line)["input"] for line in skips.stdout.splitlines()] == [SKIP.input]
    brief = runner.invoke(main, ["--db", f"parquet:{dataset}", "brief", "IRQ", "SYR"])
    assert brief.exit_code == 0, brief.output
    assert "IRQ" in brief.stdout and "SYR" in brief.stdout
