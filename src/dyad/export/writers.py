"""Writers for contract event records: JSON Lines, CSV (flat columns) and Parquet (nested).

Parquet is written by DuckDB (``COPY ... TO ... (FORMAT parquet)``) from a temporary JSON Lines
file read with an explicit schema, so the file's columns do not depend on which values happen to
be present in one export.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from dyad.export.contract import flat_event_record
from dyad.export.output_file import OutputError, written_atomically

FORMATS = ("jsonl", "csv", "parquet")

_ACTOR = (
    "STRUCT(text VARCHAR, id VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, "
    "name VARCHAR, aliases VARCHAR[])"
)
# DuckDB types of the event record's fields, in record order (checked against event_record).
PARQUET_SCHEMA = {
    "event_id": "VARCHAR",
    "doc_id": "VARCHAR",
    "doc_path": "VARCHAR",
    "doc_ref": "VARCHAR",
    "sentence_index": "INTEGER",
    "sentence": "VARCHAR",
    "char_start": "INTEGER",
    "char_end": "INTEGER",
    "event_type": "VARCHAR",
    "mode": "VARCHAR",
    "context": "VARCHAR[]",
    "cameo_root": "VARCHAR",
    "quad_class": "INTEGER",
    "intensity": "DOUBLE",
    "source": _ACTOR,
    "target": _ACTOR,
    "others": f"{_ACTOR}[]",
    "date": "DATE",
    "date_precision": "VARCHAR",
    "date_text": "VARCHAR",
    "location": "STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE)",
    "quantities": "STRUCT(killed INTEGER, injured INTEGER, arrested INTEGER)",
    "negated": "BOOLEAN",
    "hypothetical": "BOOLEAN",
    "historical": "BOOLEAN",
    "reported_by": "VARCHAR",
    "confidence": "DOUBLE",
    "trigger": "VARCHAR",
    "duplicate_of": "VARCHAR",
    "cluster_id": "VARCHAR",
    "num_reports": "INTEGER",
    "num_sources": "INTEGER",
    "first_reported": "DATE",
}


def json_line(record: dict[str, Any]) -> str:
    """One record as a JSON Lines line (UTF-8 kept readable, no trailing newline)."""
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json_line(record) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Flat columns (``source_id``, ``source_code``, ``target_id``...), a header row first."""
    writer: csv.DictWriter[str] | None = None
    count = 0
    for record in records:
        row = flat_event_record(record)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    if writer is None:  # no events: still a header, so the file is a valid empty table
        out.write(",".join(flat_event_record(_EMPTY_RECORD)) + "\n")
    return count


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    import duckdb  # imported here: only Parquet export needs it at this point

    with tempfile.TemporaryDirectory(prefix="dyad-export-") as tmp:
        staging = Path(tmp) / "events.jsonl"
        with staging.open("w", encoding="utf-8") as out:
            count = write_jsonl(records, out)
        columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in PARQUET_SCHEMA.items()) + "}"
        con = duckdb.connect()
        try:
            with written_atomically(path) as partial:
                # Paths cannot be bound as parameters in COPY/read_json; quote them as literals.
                con.execute(
                    f"COPY (SELECT * FROM read_json({_literal(staging)}, "
                    f"format='newline_delimited', columns={columns})) "
                    f"TO {_literal(partial)} (FORMAT parquet)"
                )
        except duckdb.Error as error:
            message = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise OutputError(f"{path}: cannot write the Parquet file ({message})") from error
        finally:
            con.close()
    return count


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# A record with every field null: its flat keys are the CSV header of an empty export.
_EMPTY_RECORD: dict[str, Any] = dict.fromkeys(PARQUET_SCHEMA)
