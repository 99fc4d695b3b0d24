"""Parquet files of articles: one article per row, with the columns of a JSON Lines record.

Columns ``text`` (required), ``title``, ``url``, ``date``, ``source``, ``id`` (others are
ignored). A date column may be a DATE or TIMESTAMP as well as text. Rows are fetched in
batches, never the whole file. A bad row is skipped on its own (``path:row``); a file DuckDB
cannot read as Parquet, or without a ``text`` column, is one skip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.errors import EMPTY, MISSING_TEXT, TOO_LARGE, UNREADABLE, InputError
from dyad.ingest.jsonl import OPTIONAL_STRING_FIELDS, record_document
from dyad.records import RawDocument, Skip

COLUMNS = ("text", *OPTIONAL_STRING_FIELDS, "id")
# Rows fetched at once: enough to amortize the call, few enough to keep memory flat.
FETCH_ROWS = 256


def read_parquet_articles(path: Path, name: str, max_bytes: int) -> Iterator[RawDocument | Skip]:
    import duckdb  # a dependency of dyad already; imported when a Parquet input is met

    con = duckdb.connect()
    try:
        try:
            # A path cannot be a parameter of a table function in every DuckDB: a quoted literal.
            source = f"read_parquet('{str(path).replace(chr(39), chr(39) * 2)}')"
            present = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
            if "text" not in present:
                yield Skip(name, MISSING_TEXT, f"{name}: Parquet file has no 'text' column")
                return
            selected = [column for column in COLUMNS if column in present]
            cursor = con.execute(f"SELECT {', '.join(map(_quoted, selected))} FROM {source}")
            rows = 0
            while batch := cursor.fetchmany(FETCH_ROWS):
                for values in batch:
                    rows += 1
                    yield _row_document(dict(zip(selected, values, strict=True)),
                                        f"{name}:{rows}", name, max_bytes)  # fmt: skip
        except duckdb.Error as error:
            problem = (str(error).strip().splitlines() or ["unknown error"])[0]
            yield Skip(name, UNREADABLE, f"{name}: cannot read as Parquet ({problem})")
            return
        if rows == 0:
            yield Skip(name, EMPTY, f"{name}: Parquet file has no rows")
    finally:
        con.close()


def _row_document(
    row: dict[str, Any], row_name: str, name: str, max_bytes: int
) -> RawDocument | Skip:
    text = row.get("text")
    if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return Skip(row_name, TOO_LARGE, f"{row_name}: text is over the {max_bytes:,} byte limit")
    record = {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in row.items()
    }
    try:
        return record_document(record, row_name, name)
    except InputError as error:
        return error.skip(row_name)


def _quoted(column: str) -> str:
    return f'"{column}"'
