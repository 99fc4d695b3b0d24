"""The read queries only the web workbench needs (articles, actors, network, search).

Parameterised SQL only, every list capped by a ``limit`` the caller passes; event lists come from
:mod:`dyad.store.queries` (one mapping to the contract record).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from dyad.store.queries import date_bound


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def article(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """The stored article (cleaned text and metadata), or None."""
    rows = _dicts(
        con.execute(
            "SELECT doc_id, title, published, source, url, doc_path, doc_ref, text "
            "FROM articles WHERE doc_id = ?",
            [doc_id],
        )
    )
    if not rows:
        return None
    return rows[0] | {"published": _iso(rows[0]["published"])}


def article_mentions(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The article's actor mentions in text order, each with its actor's code and name."""
    return _dicts(
        con.execute(
            """
            SELECT m.sentence_index, m.text, m.char_start, m.char_end, m.actor_id,
                   a.code AS actor_code, a.name AS actor_name, m.confidence
            FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id
            WHERE m.doc_id = ?
            ORDER BY m.char_start, m.char_end
            """,
            [doc_id],
        )
    )


def article_sentences(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The article's sentences with their offsets and the events coded from each."""
    return _dicts(
        con.execute(
            """
            SELECT s.sentence_index, s.char_start, s.char_end,
                   list(e.event_id ORDER BY e.char_start) FILTER (WHERE e.event_id IS NOT NULL)
                       AS event_ids,
                   list(e.event_type ORDER BY e.char_start) FILTER (WHERE e.event_id IS NOT NULL)
                       AS event_types
            FROM sentences s
            LEFT JOIN events e ON e.doc_id = s.doc_id AND e.sentence_index = s.sentence_index
            WHERE s.doc_id = ?
            GROUP BY ALL
            ORDER BY s.char_start
            """,
            [doc_id],
        )
    )


def actor(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any] | None:
    rows = _dicts(
        con.execute(
            "SELECT id, code, name, country, sector, kind, aliases FROM actors WHERE id = ?",
            [actor_id],
        )
    )
    return rows[0] | {"aliases": list(rows[0]["aliases"])} if rows else None


def actor_roles(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """The role titles the actor was mentioned by ("the Syrian foreign minister"), with the
    publication dates of the first and last article that used each."""
    rows = _dicts(
        con.execute(
            """
            SELECT m.role_title AS role, min(a.published) AS first_seen,
                   max(a.published) AS last_seen, count(*) AS mentions
            FROM mentions m JOIN articles a ON a.doc_id = m.doc_id
            WHERE m.actor_id = ? AND m.role_title IS NOT NULL
            GROUP BY m.role_title
            ORDER BY first_seen NULLS LAST, role
            LIMIT ?
            """,
            [actor_id, limit],
        )
    )
    return [
        row | {"first_seen": _iso(row["first_seen"]), "last_seen": _iso(row["last_seen"])}
        for row in rows
    ]


# Every participant id of an event, as in dyad.store.queries.
_PARTICIPANTS = "list_concat([e.source_id, e.target_id], e.other_ids)"


def actor_months(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """Events the actor took part in, per month and quad class (dated events only)."""
    rows = con.execute(
        f"""
        SELECT strftime(e.date, '%Y-%m') AS month, e.quad_class, count(*) AS n
        FROM events e
        WHERE list_contains({_PARTICIPANTS}, ?) AND e.date IS NOT NULL
        GROUP BY ALL
        ORDER BY month
        LIMIT ?
        """,
        [actor_id, 4 * limit],
    ).fetchall()
    months: dict[str, list[int]] = {}
    for month, quad, count in rows:
        months.setdefault(month, [0, 0, 0, 0])[quad - 1] = int(count)
    return [{"month": month, "counts": counts} for month, counts in months.items()]


def top_partners(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """The actors most often on the other side of the actor's events."""
    return _dicts(
        con.execute(
            f"""
            WITH involved AS (
                SELECT unnest({_PARTICIPANTS}) AS partner, e.quad_class
                FROM events e
                WHERE list_contains({_PARTICIPANTS}, $id)
            )
            SELECT a.id, a.code, a.name, count(*) AS events,
                   count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
                   count(*) FILTER (WHERE quad_class >= 3) AS conflict
            FROM involved JOIN actors a ON a.id = involved.partner
            WHERE partner <> $id
            GROUP BY ALL
            ORDER BY events DESC, a.name
            LIMIT $limit
            """,
            {"id": actor_id, "limit": limit},
        )
    )


def network_edges(
    con: duckdb.DuckDBPyConnection, since: str | None, until: str | None, limit: int
) -> list[dict[str, Any]]:
    """Source-target actor pairs with their events per quad class in the period, busiest first.

    The pair is unordered (Turkey-SDF and SDF-Turkey are one edge); flagged events and repeated
    tellings are left out, as in the brief.
    """
    return _dicts(
        con.execute(
            """
            SELECT least(e.source_id, e.target_id) AS a, greatest(e.source_id, e.target_id) AS b,
                   count(*) AS events,
                   count(*) FILTER (WHERE e.quad_class = 1) AS q1,
                   count(*) FILTER (WHERE e.quad_class = 2) AS q2,
                   count(*) FILTER (WHERE e.quad_class = 3) AS q3,
                   count(*) FILTER (WHERE e.quad_class = 4) AS q4
            FROM events e
            WHERE e.source_id IS NOT NULL AND e.target_id IS NOT NULL
              AND e.source_id <> e.target_id
              AND NOT (e.negated OR e.hypothetical OR e.historical) AND e.duplicate_of IS NULL
              AND ($since IS NULL OR e.date >= $since) AND ($until IS NULL OR e.date <= $until)
            GROUP BY ALL
            ORDER BY events DESC, a, b
            LIMIT $limit
            """,
            {
                "since": date_bound(since, end=False) if since else None,
                "until": date_bound(until, end=True) if until else None,
                "limit": limit,
            },
        )
    )


def actors_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = _dicts(
        con.execute("SELECT id, code, name, country FROM actors WHERE list_contains(?, id)", [ids])
    )
    return {row["id"]: row for row in rows}


def _pattern(text: str) -> str:
    """An ILIKE pattern matching ``text`` literally anywhere (its own % and _ escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Characters of context shown on each side of a search hit in an article.
SNIPPET_CONTEXT = 80


def search_articles(con: duckdb.DuckDBPyConnection, text: str, limit: int) -> list[dict[str, Any]]:
    """Articles whose title or text contains ``text`` (case-insensitive), newest first, each
    with a snippet around the first hit in the text."""
    rows = _dicts(
        con.execute(
            """
            SELECT doc_id, title, published, source,
                   strpos(lower(text), lower($text)) AS hit,
                   substr(text, greatest(1, strpos(lower(text), lower($text)) - $context),
                          length($text) + 2 * $context) AS snippet
            FROM articles
            WHERE text ILIKE $pattern ESCAPE '\\' OR title ILIKE $pattern ESCAPE '\\'
            ORDER BY published DESC NULLS LAST, doc_id
            LIMIT $limit
            """,
            {"text": text, "pattern": _pattern(text), "context": SNIPPET_CONTEXT, "limit": limit},
        )
    )
    return [
        row | {"published": _iso(row["published"]), "snippet": row["snippet"] if row["hit"] else ""}
        for row in rows
    ]


def search_actors(con: duckdb.DuckDBPyConnection, text: str, limit: int) -> list[dict[str, Any]]:
    """Actors whose name, an alias, id or code contains ``text`` (case-insensitive)."""
    rows = _dicts(
        con.execute(
            """
            SELECT id, code, name, country, kind, aliases FROM actors
            WHERE name ILIKE $pattern ESCAPE '\\' OR id ILIKE $pattern ESCAPE '\\'
               OR code ILIKE $pattern ESCAPE '\\'
               OR len(list_filter(aliases, lambda a: a ILIKE $pattern ESCAPE '\\')) > 0
            ORDER BY lower(name) <> lower($text), name
            LIMIT $limit
            """,
            {"text": text, "pattern": _pattern(text), "limit": limit},
        )
    )
    return [row | {"aliases": list(row["aliases"])} for row in rows]
