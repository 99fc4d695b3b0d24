"""A relations brief for two actors, as one typed record with a stable JSON form.

Counted over fused events (the reports of one real-world event count once, see
``dyad.analyze.clusters``); only reported facts are counted: negated, hypothetical and
historical events are never counted, so "X did not attack Y" is no conflict. Hypothetical and
threatened events between the two are the brief's open questions. The JSON form
(:meth:`Brief.to_dict`) is documented in ``docs/brief.md``; ``SCHEMA`` names its version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from dyad.analyze.clusters import FusedEvent, fuse
from dyad.analyze.key_events import KeyEvent, key_event, strongest
from dyad.analyze.positions import Position, positions_of
from dyad.analyze.third_parties import ThirdParty, third_parties
from dyad.analyze.trend import MonthSummary, Trend, monthly, net_trend
from dyad.store.errors import UnknownActorError

if TYPE_CHECKING:
    from dyad.store import Store

SCHEMA = "dyad.brief/2"
KEY_EVENT_COUNT = 5
OPEN_QUESTION_COUNT = 6
POSITIONS_PER_SIDE = 8
POSITIONS_PER_THIRD_PARTY = 3


@dataclass(frozen=True, slots=True)
class Side:
    spec: str  # as given: an id, a code or a name
    names: tuple[str, ...]  # the stored actors it stands for


@dataclass(frozen=True, slots=True)
class Counts:
    reports: int  # stored event records between the two sides
    events: int  # fused events (clusters) among them
    counted: int  # fused events told as reported facts
    flagged: int  # fused events only told negated, hypothetical or historical
    undated: int  # counted, but with no date: in no month


@dataclass(frozen=True, slots=True)
class SidePositions:
    side: Side
    positions: tuple[Position, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    side_a: Side
    side_b: Side
    since: str | None
    until: str | None
    counts: Counts
    months: tuple[MonthSummary, ...]
    trend: Trend
    key_events: tuple[KeyEvent, ...]
    third_parties: tuple[ThirdParty, ...]
    positions_a: tuple[Position, ...]  # held inside side A about side B
    positions_b: tuple[Position, ...]
    positions_third: tuple[Position, ...]  # held by the third parties about either side
    open_questions: tuple[KeyEvent, ...]  # hypothetical and threatened events, latest first

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/brief.md)."""
        data = {"schema": SCHEMA} | asdict(self)
        data["months"] = [
            asdict(month) | {"total": month.total, "net": round(month.net, 4)}
            for month in self.months
        ]
        return data


def build_brief(
    store: Store,
    actor_a: str,
    actor_b: str,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_confidence: float = 0.0,
) -> Brief:
    """The brief for ``actor_a`` and ``actor_b`` (ids, codes such as ``IRQ`` or names, as in
    ``Store.events``), over events dated ``since``..``until`` (inclusive, ``2025-01`` etc.)."""
    ids_a, ids_b = frozenset(store.resolve_actor(actor_a)), frozenset(store.resolve_actor(actor_b))
    window = {"since": since, "until": until, "min_confidence": min_confidence}
    records = store.events(dyad=(actor_a, actor_b), **window)
    events = fuse(records)
    counted = [event for event in events if not event.flagged]
    around = fuse(
        _distinct(store.events(actor=actor_a, **window), store.events(actor=actor_b, **window))
    )
    parties = third_parties(around, ids_a, ids_b)
    period = {"since": since, "until": until}
    return Brief(
        side_a=Side(actor_a, tuple(store.actor_names(tuple(sorted(ids_a))))),
        side_b=Side(actor_b, tuple(store.actor_names(tuple(sorted(ids_b))))),
        since=_day(since),
        until=_day(until),
        counts=Counts(
            reports=len(records),
            events=len(events),
            counted=len(counted),
            flagged=len(events) - len(counted),
            undated=sum(1 for event in counted if event.date is None),
        ),
        months=monthly(counted),
        trend=net_trend(counted),
        key_events=strongest(counted, KEY_EVENT_COUNT),
        third_parties=parties,
        positions_a=_about(positions_of(store, actor_a, **period), ids_b),
        positions_b=_about(positions_of(store, actor_b, **period), ids_a),
        positions_third=tuple(
            p
            for party in parties
            for p in _about(
                _party_positions(store, party.actor.id, period),
                ids_a | ids_b,
                POSITIONS_PER_THIRD_PARTY,
            )
        ),
        open_questions=open_questions(around, {event.cluster_id for event in events}),
    )


def open_questions(
    events: list[FusedEvent], between: set[str], count: int = OPEN_QUESTION_COUNT
) -> tuple[KeyEvent, ...]:
    """What may yet happen: hypothetical (not negated) events and threats; those between the
    two sides (cluster ids ``between``) first, then those of third parties, latest first."""
    pending = [
        event
        for event in events
        if not event.best["negated"]
        and (event.best["hypothetical"] or event.best["event_type"] == "THREATEN")
    ]
    pending.sort(key=lambda e: (e.cluster_id in between, e.date or "", e.weight), reverse=True)
    return tuple(key_event(event) for event in pending[:count])


def _about(
    positions: list[Position], other_side: frozenset[str], count: int = POSITIONS_PER_SIDE
) -> tuple[Position, ...]:
    """The strongest positions whose object or sentence names the other side, oldest first;
    those about a named policy (a lexicon topic) before the others."""
    relevant = [
        p
        for p in positions
        if (p.object_actor is not None and p.object_actor.id in other_side)
        or other_side & set(p.mentioned)
    ]
    relevant.sort(key=lambda p: (p.topic is None, -p.confidence))
    kept = relevant[:count]
    return tuple(
        sorted(kept, key=lambda p: (p.date or "~", p.evidence.doc_id, p.evidence.sentence_index))
    )


def _party_positions(store: Store, party: str | None, period: dict[str, Any]) -> list[Position]:
    if party is None:
        return []
    try:
        return positions_of(store, party, **period)
    except UnknownActorError:  # a country seen only through its actors has no entry of its own
        return []


def _distinct(*record_lists: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for records in record_lists:
        for record in records:
            seen.setdefault(record["event_id"], record)
    return list(seen.values())


def _day(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value
