"""A store that scales past one file: a Parquet dataset partitioned by publication month.

Layout (``parquet:DIR`` or an existing folder wherever a database is expected)::

    DIR/articles/month=2025-01/<part>.parquet     one row per article (``month=undated`` if none)
    DIR/sentences/month=.../<part>.parquet        same columns as the DuckDB store's tables
    DIR/mentions/..., DIR/events/...
    DIR/actors/<part>.parquet, DIR/skips/<part>.parquet

Writing has no single writer: each worker codes a chunk of articles and writes that chunk's
part files itself (:class:`PartWriter`), staged in a hidden folder and moved into place, the
articles part last, so an article counts as stored only once all its rows are. A part is named
by a hash of its inputs, so no two workers write the same file. Re-running over the same inputs
codes only the articles whose ``doc_id`` (a hash of the text) is not in the dataset yet.

Reading: DuckDB queries the files in place through views with the store's table names, so every
query of :mod:`dyad.store.queries` (``dyad events``, ``export``, ``brief``, ``skips``) runs
unchanged. Cross-article fusion runs when the dataset is opened, as one reduce step over all
partitions (fusion compares events under blocking keys, whatever their partition).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from dyad.records import Skip
from dyad.store.db import Store
from dyad.store.errors import DatabaseError

if TYPE_CHECKING:
    from dyad.config import Settings
    from dyad.execute import WorkerTask
    from dyad.pipeline import ArticleResult, BatchItem, Pipeline

PREFIX = "parquet:"
# Tables partitioned by the month their article was published, in the order a part is moved
# into place: articles last (an article is stored once its rows are).
MONTHLY_TABLES = ("sentences", "mentions", "events", "articles")
WHOLE_TABLES = ("actors", "skips")
UNDATED = "undated"
# Articles coded and written per part: fewer, larger files than the pool's chunks of 4 (a
# Parquet file has a fixed cost), still enough parts to keep every worker busy.
PART_ARTICLES = 32
STAGING_PREFIX = ".staging-"


def parquet_folder(db: str | Path) -> Path | None:
    """The dataset folder when ``db`` names one (``parquet:DIR``, or an existing folder)."""
    text = str(db)
    if text.startswith(PREFIX):
        return Path(text.removeprefix(PREFIX))
    return Path(text) if Path(text).is_dir() else None


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """The store at ``db``: a DuckDB file, or a Parquet dataset read through views."""
    folder = parquet_folder(db)
    return Store(db, read_only=read_only) if folder is None else open_dataset(folder)


def open_dataset(folder: Path) -> Store:
    """A Store whose tables are views over the Parquet files of ``folder`` (read only)."""
    if not (folder / "articles").is_dir():
        raise DatabaseError(
            f"{folder}: no Parquet dataset here yet (store articles with "
            f"`dyad ingest --db {PREFIX}{folder}`)"
        )
    store = Store(":memory:")  # the schema, migrated; its tables replaced by views below
    try:
        store.run(_attach, folder)
        store.path = folder
        store.fuse(rebuild=True)
    except BaseException:
        store.close()
        raise
    return store


def _attach(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    for table in (*MONTHLY_TABLES, *WHOLE_TABLES):
        files = _files(folder, table)
        if not files:
            continue  # the empty table of the schema stands in
        columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
        source = (
            f"read_parquet({_literal(files)}, hive_partitioning = {table in MONTHLY_TABLES}, "
            "union_by_name = true)"
        )
        select = f"SELECT {', '.join(_quoted(c) for c in columns)} FROM {source}"
        if table == "actors":  # each part holds the actors it met: one row per actor
            select = f"SELECT DISTINCT ON (id) * FROM ({select}) ORDER BY id"
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS {select}")


def _files(folder: Path, table: str) -> str | None:
    """The glob of ``table``'s part files, or None when it has none yet."""
    base = folder / table
    pattern = "*/*.parquet" if table in MONTHLY_TABLES else "*.parquet"
    return str(base / pattern) if base.is_dir() and any(base.glob(pattern)) else None


@dataclass
class ParquetDataset:
    """The dataset being written: which articles it holds, and its worker task."""

    folder: Path

    def __post_init__(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"{self.folder}: cannot create the dataset folder "
                                f"({error.strerror})") from error  # fmt: skip
        self._stored = self._stored_ids()

    def _stored_ids(self) -> set[str]:
        files = _files(self.folder, "articles")
        if files is None:
            return set()
        con = duckdb.connect()
        try:
            rows = con.execute(f"SELECT doc_id FROM read_parquet({_literal(files)})").fetchall()
        except duckdb.Error as error:
            raise DatabaseError(f"{self.folder}: cannot read the dataset ({error})") from error
        finally:
            con.close()
        return {row[0] for row in rows}

    def has_article(self, doc_id: str) -> bool:
        return doc_id in self._stored

    def worker_task(self, settings: Settings) -> WorkerTask[PartWriter, Any, BatchItem]:
        """Code a chunk and write its part, in whichever process runs it."""
        from dyad.execute import WorkerTask

        return WorkerTask(PartWriter.code_chunk, part_writer, (settings, self.folder),
                          PART_ARTICLES)  # fmt: skip


@dataclass
class PartWriter:
    """A worker's state: its pipeline, and the dataset it writes its parts into."""

    pipeline: Pipeline
    folder: Path

    def code_chunk(self, items: list[Any]) -> list[BatchItem]:
        from dyad.pipeline import ArticleResult

        coded = self.pipeline.code_chunk(items)
        write_part(
            self.folder,
            [item for item in coded if isinstance(item, ArticleResult)],
            [item for item in coded if isinstance(item, Skip)],
        )
        return coded


def part_writer(settings: Settings, folder: Path) -> PartWriter:
    """The state of one worker process (its pipeline codes on one model thread)."""
    from dyad.pipeline import Pipeline

    return PartWriter(Pipeline(replace(settings, jobs=1, threads=1)), folder)


def write_part(folder: Path, results: Sequence[ArticleResult], skips: Sequence[Skip]) -> None:
    """Write the rows of ``results`` and ``skips`` as one part of every table."""
    if not results and not skips:
        return
    names = [result.article.doc_id for result in results] + [skip.input for skip in skips]
    part = hashlib.sha256("\n".join(names).encode("utf-8", "backslashreplace")).hexdigest()[:20]
    staging = folder / f"{STAGING_PREFIX}{part}"
    shutil.rmtree(staging, ignore_errors=True)  # left by a run killed while writing it
    staging.mkdir()
    try:
        with Store(":memory:") as rows:  # the store's own write path fills the tables
            for result in results:
                rows.write(result)
            for skip in skips:
                rows.record_skip(skip)
            rows.run(_copy_tables, staging)
        for table in (*MONTHLY_TABLES, *WHOLE_TABLES):
            for written in sorted((staging / table).rglob("*.parquet")):
                target = folder / table / written.parent.relative_to(staging / table)
                target.mkdir(parents=True, exist_ok=True)
                os.replace(written, target / f"part-{part}.parquet")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_tables(con: duckdb.DuckDBPyConnection, staging: Path) -> None:
    month = f"coalesce(strftime(published, '%Y-%m'), '{UNDATED}')"
    con.execute(f"CREATE TEMP TABLE months AS SELECT doc_id, {month} AS month FROM articles")
    for table in MONTHLY_TABLES:
        if _empty(con, table):
            continue
        con.execute(
            f"COPY (SELECT t.*, m.month FROM {table} t JOIN months m ON m.doc_id = t.doc_id) "
            f"TO {_literal(staging / table)} (FORMAT parquet, PARTITION_BY (month), "
            "FILENAME_PATTERN 'part')"
        )
    for table in WHOLE_TABLES:
        if not _empty(con, table):
            (staging / table).mkdir()
            con.execute(f"COPY {table} TO {_literal(staging / table / 'part.parquet')} "
                        "(FORMAT parquet)")  # fmt: skip


def _empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def _literal(value: str | Path) -> str:
    """A path as an SQL string literal (file paths cannot be bound as parameters here)."""
    return "'" + str(value).replace("'", "''") + "'"


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
