"""Third parties shaping a dyad: the actors most involved with either side in the period.

A third party is a country (all its actors together: Turkey's government, army and ministers)
or, for an actor of no country (an armed group, an IGO), the actor itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from dyad.analyze.clusters import FusedEvent
from dyad.analyze.evidence import ActorRef, participants
from dyad.analyze.key_events import KeyEvent, strongest
from dyad.analyze.trend import score

THIRD_PARTY_COUNT = 5
EVENTS_PER_SIDE = 2


@dataclass(frozen=True, slots=True)
class ThirdParty:
    actor: ActorRef  # id: the country code, or the actor's id
    events_with_a: int  # fused events, reported facts only
    events_with_b: int
    net_with_a: float | None  # net cooperation of those events, -1..1
    net_with_b: float | None
    toward_a: tuple[KeyEvent, ...]  # its strongest events with each side
    toward_b: tuple[KeyEvent, ...]


def third_parties(
    events: list[FusedEvent],
    side_a: frozenset[str],
    side_b: frozenset[str],
    count: int = THIRD_PARTY_COUNT,
) -> tuple[ThirdParty, ...]:
    """The ``count`` parties with the most events with either side, busiest first."""
    names = _country_names(events)
    # party -> side -> cluster id -> event (an event with two of its actors counts once)
    with_side: dict[str, dict[str, dict[str, FusedEvent]]] = defaultdict(lambda: {"a": {}, "b": {}})
    labels: dict[str, ActorRef] = {}
    for event in events:
        present = [p for p in participants(event.best) if p["id"]]
        ids = {p["id"] for p in present}
        sides = [side for side, members in (("a", side_a), ("b", side_b)) if ids & members]
        for party in present:
            if party["id"] in side_a or party["id"] in side_b:
                continue
            key = party["country"] or party["id"]
            name = names.get(key) or party["name"]
            code = party["country"] or party["code"]
            labels[key] = ActorRef(key, name, code, party["country"])
            for side in sides:
                with_side[key][side][event.cluster_id] = event
    ranked = sorted(
        (
            (key, {side: list(found.values()) for side, found in by_side.items()})
            for key, by_side in with_side.items()
        ),
        key=lambda item: (-_facts(item[1]["a"]) - _facts(item[1]["b"]), labels[item[0]].name),
    )
    return tuple(
        ThirdParty(
            actor=labels[key],
            events_with_a=_facts(sides["a"]),
            events_with_b=_facts(sides["b"]),
            net_with_a=_net(sides["a"]),
            net_with_b=_net(sides["b"]),
            toward_a=strongest(sides["a"], EVENTS_PER_SIDE),
            toward_b=strongest(sides["b"], EVENTS_PER_SIDE),
        )
        for key, sides in ranked[:count]
        if _facts(sides["a"]) + _facts(sides["b"]) > 0
    )


def _facts(events: list[FusedEvent]) -> int:
    return sum(1 for event in events if not event.flagged)


def _net(events: list[FusedEvent]) -> float | None:
    scores = [score(event) for event in events if not event.flagged]
    return round(sum(scores) / len(scores), 4) if scores else None


def _country_names(events: list[FusedEvent]) -> dict[str, str]:
    """Country code -> the name of the country actor itself ("TUR" -> "Turkey"), where seen."""
    names: dict[str, str] = {}
    for event in events:
        for party in participants(event.best):
            if _is_country(party):
                names[party["country"]] = party["name"]
    return names


def _is_country(party: dict[str, Any]) -> bool:
    return bool(party["country"]) and party["code"] == party["country"]
