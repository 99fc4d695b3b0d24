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

    Two events are the same event when their type and (across sentences) mode match, their
    flags match, their actors do not conflict (an unknown actor fits any, a country fits its
    government; at least one known actor is shared) and their dates do not conflict. The
    primary telling is the one with more known actors, then the higher confidence, then the
    earlier sentence.
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


def _strength(event: Event) -> tuple[int, tuple[float, float], int]:
    known = sum(_known(m) for m in (event.source, event.target))
    return known, event.rank, -event.sentence_index


def _same_event(a: Event, b: Event) -> bool:
    if (a.event_type, a.negated, a.hypothetical, a.historical) != (
        b.event_type,
        b.negated,
        b.hypothetical,
        b.historical,
    ):
        return False
    # One sentence may tell one act twice ("attacked X ... and accused it of ...").
    modes_differ = a.mode is not None and b.mode is not None and a.mode != b.mode
    if modes_differ and a.sentence_index != b.sentence_index:
        return False
    pairs = [(a.source, b.source), (a.target, b.target)]
    if not all(_compatible(x, y) for x, y in pairs):
        return False
    if not any(_known(x) and _known(y) and _compatible(x, y) for x, y in pairs):
        return False
    return _dates_agree(a.date, b.date)


def _known(mention: Mention | None) -> bool:
    return mention is not None and mention.actor is not None


def _compatible(x: Mention | None, y: Mention | None) -> bool:
    """Unknown fits anything; a bare country fits its government and the people in it ("Syria"
    in one sentence, "the new Syrian leadership" in the next) but not its civilians or army."""
    if x is None or y is None or x.actor is None or y.actor is None:
        return True
    if x.actor.id == y.actor.id:
        return True
    country, other = (x.actor, y.actor) if x.actor.kind == "country" else (y.actor, x.actor)
    return (
        country.kind == "country"
        and country.country is not None
        and other.country == country.country
        and other.sector == "GOV"
    )


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
