"""Within-article event fusion: the same event told twice is marked, not counted twice.

News repeats its lead: a summary sentence, then the full account, then "his visit ..." again.
Event data that counts each telling over-states activity (a known failure of GDELT), so each
repeat keeps its evidence but points at the best-supported telling via ``duplicate_of``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dyad.records import Event, Mention, ResolvedDate


def mark_duplicates(events: Sequence[Event]) -> list[Event]:
    """Return the events in order, repeats of an earlier-or-better telling marked.

    Two events are the same event when their type matches, their flags match, their actors do
    not conflict (an unknown actor fits any; at least one known actor is shared) and their
    dates do not conflict. The primary telling is the one with more known actors, then the
    higher confidence, then the earlier sentence.
    """
    primaries: list[Event] = []
    duplicate_of: dict[str, str] = {}
    for event in sorted(events, key=_strength, reverse=True):
        same = next((p for p in primaries if _same_event(p, event)), None)
        if same is None:
            primaries.append(event)
        else:
            duplicate_of[event.event_id] = same.event_id
    return [
        dataclasses.replace(e, duplicate_of=duplicate_of[e.event_id])
        if e.event_id in duplicate_of
        else e
        for e in events
    ]


def _strength(event: Event) -> tuple[int, float, int]:
    known = sum(m is not None and m.actor is not None for m in (event.source, event.target))
    return known, event.confidence, -event.sentence_index


def _same_event(a: Event, b: Event) -> bool:
    if (a.event_type, a.negated, a.hypothetical, a.historical) != (
        b.event_type,
        b.negated,
        b.hypothetical,
        b.historical,
    ):
        return False
    pairs = [(_actor_id(a.source), _actor_id(b.source)), (_actor_id(a.target), _actor_id(b.target))]
    if any(x is not None and y is not None and x != y for x, y in pairs):
        return False
    if not any(x is not None and x == y for x, y in pairs):
        return False
    return _dates_agree(a.date, b.date)


def _actor_id(mention: Mention | None) -> str | None:
    return mention.actor.id if mention is not None and mention.actor is not None else None


def _dates_agree(a: ResolvedDate | None, b: ResolvedDate | None) -> bool:
    """Unknown dates fit anything; two dates agree at the coarser of their precisions."""
    if a is None or b is None:
        return True
    coarser = max(a.precision, b.precision, key=PRECISION_RANK.__getitem__)
    return _truncate(a, coarser) == _truncate(b, coarser)


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _truncate(resolved: ResolvedDate, precision: str) -> tuple[int, ...]:
    day = resolved.date
    if precision == "year":
        return (day.year,)
    if precision == "month":
        return (day.year, day.month)
    if precision == "week":
        return day.isocalendar()[:2]
    return (day.year, day.month, day.day)
