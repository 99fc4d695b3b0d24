"""What each page shows, as plain data: the HTML pages render it, the JSON API returns it.

Every function takes an open store and returns a dict of JSON-ready values (events in the
contract's shape); the SVG pictures are added by the pages, not here.
"""

from __future__ import annotations

from typing import Any

from dyad.analyze import build_brief, positions_of
from dyad.serve import queries
from dyad.serve.access import ServeConfig
from dyad.serve.params import EventQuery
from dyad.store import Store
from dyad.store import queries as store_queries

HOME_DYADS = 10
HOME_EVENTS = 10
PARTNERS = 10
NETWORK_EDGES = 60
MAX_ARTICLE_EVENTS = 1000


class NotFound(LookupError):
    """The article or actor a URL names is not in the store."""


def home(store: Store, config: ServeConfig) -> dict[str, Any]:
    """Counts, the busiest country pairs and the latest fused events (one per real-world event,
    with every report of it)."""
    latest = store.run(
        store_queries.fused_events,
        store_queries.EventFilter(
            limit=HOME_EVENTS, sort="date", descending=True, repeats=False,
            min_confidence=config.min_confidence,
        ),
    )  # fmt: skip
    dyads = [{"a": a, "b": b, "events": n} for a, b, n in store.top_country_dyads(HOME_DYADS)]
    return {"stats": store.stats(), "dyads": dyads, "latest_events": latest}


def events(store: Store, query: EventQuery, config: ServeConfig) -> dict[str, Any]:
    """One page of the filtered, sorted event table, with the number of events matching."""
    offset = (query.page - 1) * query.per_page
    where = query.event_filter(
        limit=query.per_page, offset=offset, min_confidence=config.min_confidence
    )
    return {
        "total": store.run(store_queries.count_events, where),
        "page": query.page,
        "per_page": query.per_page,
        "events": store.run(store_queries.events, where),
    }


def download(store: Store, query: EventQuery, config: ServeConfig) -> list[dict[str, Any]]:
    """Every event the filters match, in the table's order, up to the download cap."""
    where = query.event_filter(limit=config.download_rows, min_confidence=config.min_confidence)
    return store.run(store_queries.events, where)


def dyad(
    store: Store, side_a: str, side_b: str, since: str | None, until: str | None,
    config: ServeConfig,
) -> dict[str, Any]:  # fmt: skip
    """The relations brief of the two sides over the period, in its documented JSON form."""
    brief = build_brief(
        store, side_a, side_b, since=since, until=until, min_confidence=config.min_confidence
    )
    return brief.to_dict()


def article(store: Store, doc_id: str) -> dict[str, Any]:
    """The article's cleaned text with its sentences (and the events of each) and mentions."""
    found = store.run(queries.article, doc_id)
    if found is None:
        raise NotFound(f"no stored article has the id {doc_id!r}")
    sentences = store.run(queries.article_sentences, doc_id)
    for sentence in sentences:
        sentence["events"] = [
            {"event_id": event_id, "event_type": event_type}
            for event_id, event_type in zip(
                sentence.pop("event_ids") or [], sentence.pop("event_types") or [], strict=True
            )
        ]
    events = store.run(
        store_queries.events, store_queries.EventFilter(doc_id=doc_id, limit=MAX_ARTICLE_EVENTS)
    )
    return found | {
        "sentences": sentences,
        "mentions": store.run(queries.article_mentions, doc_id),
        "events": events,
    }


def marked_text(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text cut into blocks for highlighting: plain text between sentences, and
    sentences (with their events) made of plain and mention pieces.

    A mention overlapping one placed before it is not marked (offsets would cross).
    """
    text = found["text"]
    mentions = iter(found["mentions"])
    pending = next(mentions, None)
    blocks: list[dict[str, Any]] = []
    at = 0
    for sentence in found["sentences"]:
        start, end = sentence["char_start"], sentence["char_end"]
        if start < at:
            continue
        if start > at:
            blocks.append({"text": text[at:start]})
        pieces: list[dict[str, Any]] = []
        cursor = start
        while pending is not None and pending["char_start"] < end:
            if pending["char_start"] >= cursor and pending["char_end"] <= end:
                if pending["char_start"] > cursor:
                    pieces.append({"text": text[cursor : pending["char_start"]]})
                pieces.append(
                    {"text": text[pending["char_start"] : pending["char_end"]], "mention": pending}
                )
                cursor = pending["char_end"]
            pending = next(mentions, None)
        if cursor < end:
            pieces.append({"text": text[cursor:end]})
        blocks.append({"sentence": sentence, "pieces": pieces})
        at = end
    if at < len(text):
        blocks.append({"text": text[at:]})
    return blocks


def actor(store: Store, actor_id: str, config: ServeConfig) -> dict[str, Any]:
    """The actor's record, the role titles it was mentioned by, its events per month and the
    actors most often on the other side."""
    found = store.run(queries.actor, actor_id)
    if found is None:
        raise NotFound(f"no stored actor has the id {actor_id!r}")
    return found | {
        "roles": store.run(queries.actor_roles, actor_id, config.max_rows),
        "months": store.run(queries.actor_months, actor_id, config.max_rows),
        "partners": store.run(queries.top_partners, actor_id, PARTNERS),
        "positions": [position.to_dict() for position in positions_of(store, actor_id)],
    }


def network(
    store: Store, since: str | None, until: str | None, config: ServeConfig
) -> dict[str, Any]:
    """Actors linked by the events between them in the period (the busiest pairs)."""
    edges = store.run(queries.network_edges, since, until, min(NETWORK_EDGES, config.max_rows))
    ids = sorted({edge[side] for edge in edges for side in ("a", "b")})
    names = store.run(queries.actors_by_id, ids)
    return {
        "since": since,
        "until": until,
        "nodes": [names[actor_id] for actor_id in ids if actor_id in names],
        "edges": edges,
    }


def search(store: Store, text: str, config: ServeConfig) -> dict[str, Any]:
    """Articles whose text or title contains ``text``, and actors whose names do."""
    return {
        "q": text,
        "articles": store.run(queries.search_articles, text, config.max_rows),
        "actors": store.run(queries.search_actors, text, config.max_rows),
    }
