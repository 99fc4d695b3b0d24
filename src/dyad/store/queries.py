"""Read queries over the store, parameterised SQL only; events come back as contract records."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from dyad.export.contract import ACTOR_FIELDS, QUANTITY_FIELDS
from dyad.store.errors import QueryError, UnknownActorError


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    event_type: str | None = None
    quad_class: int | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    limit: int | None = None
    min_confidence: float = 0.0
    include_flagged: bool = True
    repeats: bool = True  # False: leave out repeated tellings (``duplicate_of`` set)
    sort: str = "date"  # a key of SORT_COLUMNS
    descending: bool = False
    offset: int = 0  # rows to pass over before the first one returned (pages of a table)
    doc_id: str | None = None  # the events of one article


# What events may be sorted by (a name from a request is looked up here, never put in SQL).
SORT_COLUMNS = {
    "date": "e.date",
    "type": "e.event_type",
    "quad": "e.quad_class",
    "intensity": "e.intensity",
    "confidence": "e.confidence",
    "source": "e.source_text",
    "target": "e.target_text",
}


# Every participant id of an event: source, target and the further participants.
_PARTICIPANTS = "list_concat([e.source_id, e.target_id], e.other_ids)"

_EVENT_SELECT = """
SELECT e.*,
       s.country AS source_country, s.sector AS source_sector, s.name AS source_name,
       s.aliases AS source_aliases,
       t.country AS target_country, t.sector AS target_sector, t.name AS target_name,
       t.aliases AS target_aliases,
       coalesce(c.cluster_id, e.event_id) AS cluster_id,
       coalesce(f.num_reports, 1) AS num_reports,
       coalesce(f.num_sources, 1) AS num_sources,
       coalesce(f.first_reported, a.published) AS first_reported
FROM events e
LEFT JOIN actors s ON s.id = e.source_id
LEFT JOIN actors t ON t.id = e.target_id
LEFT JOIN articles a ON a.doc_id = e.doc_id
LEFT JOIN event_clusters c ON c.event_id = e.event_id
LEFT JOIN cluster_facts f ON f.cluster_id = c.cluster_id
"""


def events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> list[dict[str, Any]]:
    clauses, params = _event_conditions(con, where)
    sql = _EVENT_SELECT
    if clauses:
        sql += "WHERE " + " AND ".join(clauses)
    if where.sort not in SORT_COLUMNS:
        raise QueryError(f"cannot sort events by {where.sort!r} (one of {', '.join(SORT_COLUMNS)})")
    direction = "DESC" if where.descending else "ASC"
    sql += (
        f"\nORDER BY {SORT_COLUMNS[where.sort]} {direction} NULLS LAST, "
        "e.doc_id, e.sentence_index, e.char_start, e.event_id"
    )
    if where.limit is not None:
        if where.limit < 0:
            raise QueryError(f"limit must not be negative, not {where.limit}")
        sql += "\nLIMIT ?"
        params.append(where.limit)
    if where.offset:
        if where.offset < 0:
            raise QueryError(f"offset must not be negative, not {where.offset}")
        sql += "\nOFFSET ?"
        params.append(where.offset)
    return [_event_record(row) for row in _dicts(con.execute(sql, params))]


def count_events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> int:
    """How many events match ``where`` (its limit, offset and order aside)."""
    clauses, params = _event_conditions(con, where)
    sql = "SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(clauses) if clauses else "")
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def fused_events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> list[dict[str, Any]]:
    """One record per cluster (one real-world event) among the events matching ``where``.

    Each is the cluster's best matching report (most resolved sides, then highest confidence,
    then event id) with two fields added: ``reports``, every report of the cluster (event id,
    article, outlet, publication date, sentence; earliest first), and ``sources``, the distinct
    outlets named. Clusters come in the order of their best report among the matching events
    (so a table sorted by date stays sorted by the dates shown); ``limit`` counts clusters.
    """
    best: dict[str, tuple[int, dict[str, Any]]] = {}
    for position, record in enumerate(events(con, replace(where, limit=None))):
        held = best.setdefault(record["cluster_id"], (position, record))[1]
        if _evidence_rank(record) < _evidence_rank(held):
            best[record["cluster_id"]] = (position, record)
    chosen = [record for _, record in sorted(best.values(), key=lambda item: item[0])]
    if where.limit is not None:
        chosen = chosen[: max(where.limit, 0)]
    reports = _cluster_reports(con, [record["cluster_id"] for record in chosen])
    fused = []
    for record in chosen:
        told = reports.get(record["cluster_id"]) or [_report_of_record(con, record)]
        outlets = sorted({report["source"] for report in told if report["source"]})
        fused.append(record | {"reports": told, "sources": outlets})
    return fused


def _evidence_rank(record: dict[str, Any]) -> tuple[int, float, str]:
    sides = sum(bool(record[role] and record[role]["id"]) for role in ("source", "target"))
    return -sides, -record["confidence"], record["event_id"]


_REPORT_COLUMNS = """
SELECT e.event_id, e.doc_id, e.doc_path, a.source, a.published, a.url, e.sentence
FROM events e JOIN articles a ON a.doc_id = e.doc_id
"""


def _cluster_reports(
    con: duckdb.DuckDBPyConnection, cluster_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    rows = _dicts(
        con.execute(
            f"SELECT c.cluster_id, r.* FROM event_clusters c JOIN ({_REPORT_COLUMNS}) r "
            "ON r.event_id = c.event_id WHERE list_contains(?, c.cluster_id) "
            "ORDER BY r.published NULLS LAST, r.event_id",
            [cluster_ids],
        )
    )
    reports: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        reports.setdefault(row.pop("cluster_id"), []).append(_report_fields(row))
    return reports


def _report_of_record(con: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> dict[str, Any]:
    """The report of an event not fused yet (stored before fusion; see `dyad fuse`)."""
    rows = _dicts(con.execute(f"{_REPORT_COLUMNS} WHERE e.event_id = ?", [record["event_id"]]))
    return _report_fields(rows[0])


def _report_fields(row: dict[str, Any]) -> dict[str, Any]:
    published = row["published"]
    return row | {"published": published.isoformat() if published else None}


def _event_conditions(
    con: duckdb.DuckDBPyConnection, where: EventFilter
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.actor is not None:
        clauses.append(f"list_has_any({_PARTICIPANTS}, ?)")
        params.append(list(resolve_actor(con, where.actor)))
    if where.dyad is not None:
        side_a, side_b = (list(resolve_actor(con, spec)) for spec in where.dyad)
        # One participant on each side, and two distinct participants (not one in both sides).
        clauses.append(
            f"list_has_any({_PARTICIPANTS}, ?) AND list_has_any({_PARTICIPANTS}, ?) AND "
            f"len(list_filter({_PARTICIPANTS}, "
            "lambda p: list_contains(?, p) OR list_contains(?, p))) >= 2"
        )
        params += [side_a, side_b, side_a, side_b]
    if where.doc_id is not None:
        clauses.append("e.doc_id = ?")
        params.append(where.doc_id)
    if where.event_type is not None:
        clauses.append("e.event_type = ?")
        params.append(where.event_type.strip().upper())
    if where.quad_class is not None:
        clauses.append("e.quad_class = ?")
        params.append(where.quad_class)
    if where.since is not None:
        clauses.append("e.date >= ?")
        params.append(date_bound(where.since, end=False))
    if where.until is not None:
        clauses.append("e.date <= ?")
        params.append(date_bound(where.until, end=True))
    if where.min_confidence > 0:
        clauses.append("e.confidence >= ?")
        params.append(where.min_confidence)
    if not where.include_flagged:
        clauses.append("NOT (e.negated OR e.hypothetical OR e.historical)")
    if not where.repeats:
        clauses.append("e.duplicate_of IS NULL")
    return clauses, params


def date_bound(value: str | dt.date, *, end: bool) -> dt.date:
    """An inclusive date bound from ``2025``, ``2025-03`` or ``2025-03-14``.

    A year or month means its first day as a start (``end=False``) and its last day as an end.
    """
    if isinstance(value, dt.date):
        return value
    parts = value.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return dt.date(*numbers)
        if len(numbers) == 2:
            year, month = numbers
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        if len(numbers) == 1 and len(parts[0]) == 4:
            return dt.date(numbers[0], 12, 31) if end else dt.date(numbers[0], 1, 1)
    except (ValueError, calendar.IllegalMonthError) as error:
        raise QueryError(f"not a date: {value!r} ({error})") from error
    raise QueryError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")


def resolve_actor(con: duckdb.DuckDBPyConnection, spec: str) -> tuple[str, ...]:
    """The ids of the stored actors that ``spec`` names.

    ``spec`` is an id (``person.ahmed-al-sharaa``), a code or code prefix (``SYRGOV``; ``SYR`` is
    every Syrian actor), or a name or alias, case-insensitive. A name of a country (``Iraq``)
    stands for every actor of that country, like its code.
    """
    text = spec.strip()
    if not text:
        raise UnknownActorError("an empty actor name matches nothing")
    is_code = text.isalpha() and len(text) >= 3
    rows = con.execute(
        """
        WITH named AS (
            SELECT * FROM actors
            WHERE lower(id) = lower($spec) OR lower(name) = lower($spec)
               OR list_contains(list_transform(aliases, lambda a: lower(a)), lower($spec))
        )
        SELECT id FROM named
        UNION
        SELECT id FROM actors
        WHERE ($is_code AND (starts_with(upper(code), upper($spec)) OR country = upper($spec)))
           OR country IN (SELECT country FROM named WHERE kind = 'country')
        ORDER BY id
        """,
        {"spec": text, "is_code": is_code},
    ).fetchall()
    if not rows:
        raise UnknownActorError(
            f"no stored actor matches '{spec}' (try an id, a code such as IRQ or SYRGOV, or a name)"
        )
    return tuple(row[0] for row in rows)


def actor_names(con: duckdb.DuckDBPyConnection, ids: tuple[str, ...]) -> list[str]:
    rows = con.execute(
        "SELECT name FROM actors WHERE list_contains(?, id) ORDER BY name", [list(ids)]
    )
    return [row[0] for row in rows.fetchall()]


def skips(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = _dicts(con.execute('SELECT input, reason, detail, "at" FROM skips ORDER BY "at", input'))
    return [row | {"at": row["at"].isoformat(timespec="seconds")} for row in rows]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts per table, events per type and the span of event dates."""
    counts = {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        for table in ("articles", "sentences", "actors", "mentions", "events", "skips")
    }  # table names are constants above, never user input
    by_type = dict(
        con.execute(
            "SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY 2 DESC, 1"
        ).fetchall()
    )
    first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone() or (None, None)
    return counts | {
        "events_by_type": by_type,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
    }


def top_country_dyads(con: duckdb.DuckDBPyConnection, limit: int) -> list[tuple[str, str, int]]:
    """The country pairs with the most events between them (source and target), busiest first."""
    rows = con.execute(
        """
        SELECT least(s.country, t.country) AS a, greatest(s.country, t.country) AS b, count(*) AS n
        FROM events e
        JOIN actors s ON s.id = e.source_id
        JOIN actors t ON t.id = e.target_id
        WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country
        GROUP BY a, b
        ORDER BY n DESC, a, b
        LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [(a, b, int(n)) for a, b, n in rows]


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _participant(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row[f"{role}_text"] is None:
        return None
    record = {name: row.get(f"{role}_{name}") for name in ACTOR_FIELDS}
    if record["id"] is None:  # unresolved: only the text is known
        return {name: None for name in ACTOR_FIELDS} | {"text": record["text"]}
    record["aliases"] = list(record["aliases"] or [])
    return record


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    """The contract record of one events row (same keys, same order as ``event_record``)."""
    date, first_reported = row["date"], row["first_reported"]
    return {
        "event_id": row["event_id"],
        "doc_id": row["doc_id"],
        "doc_path": row["doc_path"],
        "doc_ref": row["doc_ref"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"],
        "char_start": row["char_start"],
        "char_end": row["char_end"],
        "event_type": row["event_type"],
        "mode": row["mode"],
        "context": list(row["context"]),
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "source": _participant(row, "source"),
        "target": _participant(row, "target"),
        "others": json.loads(row["others"]),
        "date": date.isoformat() if date else None,
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "location": (
            {
                "name": row["location_name"],
                "country": row["location_country"],
                "lat": row["location_lat"],
                "lon": row["location_lon"],
            }
            if row["location_name"] is not None
            else None
        ),
        "quantities": {name: row[name] for name in QUANTITY_FIELDS},
        "negated": row["negated"],
        "hypothetical": row["hypothetical"],
        "historical": row["historical"],
        "reported_by": row["reported_by"],
        "confidence": row["confidence"],
        "trigger": row["trigger"],
        "duplicate_of": row["duplicate_of"],
        "cluster_id": row["cluster_id"],
        "num_reports": row["num_reports"],
        "num_sources": row["num_sources"],
        "first_reported": first_reported.isoformat() if first_reported else None,
    }
