"""Bulk inserts: the rows of many articles in one statement per table.

Each column goes to DuckDB as one list parameter, unnested back into rows (``INSERT ... SELECT
unnest(?::T[]), ...``): the values are converted in C, where a ``VALUES (?, ?), (?, ?) ...``
statement of the same rows is parsed and bound value by value (ten times slower for one
article, and the single writer of ``dyad ingest --jobs N`` is its serial part).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb

from dyad.store.rows import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    ArticleRows,
    Row,
)

ACTOR_UPSERT = (
    "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, "
    "country = excluded.country, sector = excluded.sector, kind = excluded.kind, "
    "aliases = excluded.aliases"
)


@dataclass(frozen=True, slots=True)
class Inserted:
    stored: list[bool]  # per article of the batch: False when its doc_id was already stored
    actors: list[Row]  # the actor rows written (the caller remembers them once committed)


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """SQL type of each column of ``table``."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
        [table],
    ).fetchall()
    return dict(rows)


def insert_articles(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[ArticleRows],
    types: Mapping[str, Mapping[str, str]],
    actors_written: Mapping[str, Row],
    now: dt.datetime,
) -> Inserted:
    """Insert the articles of ``batch`` not stored yet (the first of several with one doc_id)
    with their rows, inside the caller's transaction. ``types`` holds ``column_types`` of
    each table; actors whose row is in ``actors_written`` are not upserted again (the upsert is
    the costliest statement)."""
    doc_ids = [rows.doc_id for rows in batch]
    found = con.execute(
        "SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
    ).fetchall()
    seen = {doc_id for (doc_id,) in found}
    stored = []
    for doc_id in doc_ids:
        stored.append(doc_id not in seen)
        seen.add(doc_id)
    fresh = [rows for rows, new in zip(batch, stored, strict=True) if new]
    actors = {row[0]: row for rows in fresh for row in rows.actors}
    changed = [row for actor_id, row in actors.items() if actors_written.get(actor_id) != row]

    def insert(table: str, columns: Sequence[str], rows: list[Row], conflict: str = "") -> None:
        insert_columns(con, table, columns, types[table], rows, conflict)

    insert("articles", (*ARTICLE_COLUMNS, "ingested_at"), [(*r.article, now) for r in fresh])
    insert("sentences", SENTENCE_COLUMNS, [row for r in fresh for row in r.sentences])
    insert("actors", ACTOR_COLUMNS, changed, ACTOR_UPSERT)
    insert("mentions", MENTION_COLUMNS, [row for r in fresh for row in r.mentions])
    insert("events", EVENT_COLUMNS, [row for r in fresh for row in r.events])
    return Inserted(stored=stored, actors=changed)


def insert_columns(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    types: Mapping[str, str],
    rows: list[Row],
    conflict: str = "",
) -> None:
    """``rows`` into ``columns`` of ``table`` in one statement; ``types``: ``column_types``."""
    if not rows:
        return
    values = ", ".join(f"unnest(?::{types[name]}[])" for name in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} {conflict}",
        [list(column) for column in zip(*rows, strict=True)],
    )
