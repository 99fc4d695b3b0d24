"""The Python API, and the README's Python API examples run against the bundled examples."""

import datetime as dt
import re
from pathlib import Path

import pytest

import dyad
from dyad.api import default_coder
from dyad.errors import InputError
from dyad.export.contract import flat_event_record
from dyad.export.writers import PARQUET_SCHEMA
from dyad.ingest import FORMAT_BY_SUFFIX
from dyad.records import Skip
from dyad.store import DatabaseError, Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "src" / "dyad" / "data" / "examples"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    """A database of the bundled example articles, coded by the coder ``dyad.code`` uses."""
    path = tmp_path_factory.mktemp("api") / "dyad.duckdb"
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in FORMAT_BY_SUFFIX)
    with Store(path) as store:
        for item in default_coder().pipeline.run(files):
            assert not isinstance(item, Skip), item
            store.write(item)
    return path


def readme_examples() -> list[str]:
    """The ```python blocks of the README's "Python API" section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_has_examples():
    assert len(readme_examples()) == 2


@pytest.mark.parametrize("number", [0, 1], ids=["code", "open"])
def test_readme_example_runs(number, examples_db, monkeypatch):
    monkeypatch.chdir(examples_db.parent)  # the examples open "dyad.duckdb"
    exec(compile(readme_examples()[number], f"README.md example {number + 1}", "exec"), {})


def test_code_takes_a_date_and_fills_the_fusion_fields():
    [record] = [
        r
        for r in dyad.code(
            "Iraqi forces arrested 6 smugglers on Friday.", published=dt.date(2025, 3, 16)
        )
        if r["event_type"] == "COERCE"
    ]
    assert record["date"] == "2025-03-14"
    assert (record["num_reports"], record["num_sources"]) == (1, 1)


def test_code_of_nothing_is_an_input_error():
    with pytest.raises(InputError):
        dyad.code("   ")


def test_tables_have_the_csv_columns(examples_db):
    columns = list(flat_event_record(dict.fromkeys(PARQUET_SCHEMA)))
    with dyad.open(examples_db) as store:
        frame = store.events(actor="Lebanon")
        table = store.events_arrow(actor="Lebanon")
        empty = store.events(actor="Lebanon", since="2099")
        records = store.records(actor="Lebanon")
    assert list(frame.columns) == table.column_names == list(empty.columns) == columns
    assert len(frame) == table.num_rows == len(records) > 0 and len(empty) == 0
    assert list(frame["event_id"]) == [r["event_id"] for r in records]


def test_open_needs_a_database(tmp_path):
    with pytest.raises(DatabaseError, match="no database here yet"):
        dyad.open(tmp_path / "none.duckdb")
