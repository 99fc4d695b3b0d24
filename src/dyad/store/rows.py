"""One coded article as the table rows the store inserts.

``article_rows`` is a pure function of an ``ArticleResult``: a ``dyad ingest --jobs N`` worker
builds the rows next to the coding, and the one process that writes only inserts them, many
articles per transaction (``Store.write_batch``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyad.export.contract import event_record
from dyad.records import Actor, Event

if TYPE_CHECKING:
    from dyad.pipeline import ArticleResult

Row = tuple[Any, ...]

# Column order of each table (migrations 001-002) as filled here; the store adds
# ``ingested_at`` to the article row when it writes it.
ARTICLE_COLUMNS = (
    "doc_id", "title", "published", "published_text", "source", "url", "doc_path", "doc_ref",
    "text",
)  # fmt: skip
SENTENCE_COLUMNS = ("doc_id", "sentence_index", "text", "char_start", "char_end")
ACTOR_COLUMNS = ("id", "code", "name", "country", "sector", "kind", "aliases")
MENTION_COLUMNS = (
    "doc_id", "sentence_index", "text", "char_start", "char_end", "actor_id", "confidence",
    "role_title",
)  # fmt: skip
EVENT_COLUMNS = (
    "event_id", "doc_id", "doc_path", "doc_ref", "sentence_index", "sentence", "char_start",
    "char_end", "event_type", "mode", "context", "cameo_root", "quad_class", "intensity",
    "trigger", "source_id", "source_text", "source_code", "target_id", "target_text",
    "target_code", "others", "other_ids", "date", "date_precision", "date_text",
    "location_name", "location_country", "location_lat", "location_lon", "killed", "injured",
    "arrested", "negated", "hypothetical", "historical", "reported_by", "confidence",
    "duplicate_of",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """The rows of one article, each a tuple in the column order above."""

    doc_id: str
    article: Row
    sentences: tuple[Row, ...]
    actors: tuple[Row, ...]  # the canonical actors its mentions and events name, one per id
    mentions: tuple[Row, ...]
    events: tuple[Row, ...]


def article_rows(result: ArticleResult) -> ArticleRows:
    """The rows that store ``result``: the article, its sentences, actors, mentions, events."""
    a = result.article
    return ArticleRows(
        doc_id=a.doc_id,
        article=(
            a.doc_id, a.title, a.published, a.published_text, a.source, a.url, a.doc_path,
            a.doc_ref, a.text,
        ),
        sentences=tuple(
            (s.doc_id, s.index, s.text, s.char_start, s.char_end) for s in result.sentences
        ),
        actors=tuple(actor_row(actor) for actor in _actors_of(result)),
        mentions=tuple(
            (m.doc_id, m.sentence_index, m.text, m.char_start, m.char_end,
             m.actor.id if m.actor else None, m.confidence, m.role_title)
            for m in result.mentions
        ),
        events=tuple(event_row(event) for event in result.events),
    )  # fmt: skip


def actor_row(a: Actor) -> Row:
    return (a.id, a.code, a.name, a.country, a.sector, a.kind, list(a.aliases))


def _actors_of(result: ArticleResult) -> list[Actor]:
    mentions = [*result.mentions]
    for event in result.events:
        mentions.extend(m for m in (event.source, event.target, *event.others) if m is not None)
    by_id = {m.actor.id: m.actor for m in mentions if m.actor is not None}
    return list(by_id.values())


def event_row(event: Event) -> Row:
    """The events-table row of ``event``, filled from its contract record."""
    record = event_record(event)
    columns = dict(record)
    for role in ("source", "target"):
        participant = record[role] or {}
        for name in ("id", "text", "code"):
            columns[f"{role}_{name}"] = participant.get(name)
    columns["others"] = json.dumps(record["others"], ensure_ascii=False)
    columns["other_ids"] = [other["id"] for other in record["others"] if other["id"]]
    location = record["location"] or {}
    for name in ("name", "country", "lat", "lon"):
        columns[f"location_{name}"] = location.get(name)
    columns.update(record["quantities"])
    return tuple(columns[name] for name in EVENT_COLUMNS)
