"""Score event type, source and target against plover_gsr-style gold events.

Event type: per sentence, the set of PLOVER types the system codes (negated and hypothetical
events left out) is compared with the set of gold types for that sentence; counts are summed
over sentences (micro P/R/F1) and kept per type.

Actors: for each gold event, the system's most confident event *of the gold type* is compared
with the gold source and target. Each check is reported twice: over all gold events that have
that actor ("all": a missed event counts as wrong) and over those whose type was found ("typed":
how good the actors are when the event is right).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from dyad.evaluate.coder import (
    EventCoder,
    actor_country,
    actor_sector,
    counted_events,
    most_confident,
)
from dyad.evaluate.gold import GoldActor, GoldEvent
from dyad.evaluate.metrics import Counts, Ratio, macro_f1, set_counts, total
from dyad.records import Actor, Event, Mention

# Codes that are not countries: the rest of such a code names the organization, not a sector.
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})

ACTOR_CHECKS = ("source_country", "target_country", "source_code", "target_code")


@dataclass(frozen=True, slots=True)
class PloverReport:
    sentences: int
    events: int
    micro: Counts
    per_type: dict[str, Counts]
    actors_all: dict[str, Ratio]  # keyed by ACTOR_CHECKS
    actors_typed: dict[str, Ratio]
    sentences_without_events: int  # sentences where the system coded nothing
    # (type, source, target) all right, one system event per gold event
    triples: Counts = field(default_factory=Counts)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the types the gold holds."""
        return macro_f1(c for c in self.per_type.values() if c.support)

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "events": self.events,
            "sentences_without_events": self.sentences_without_events,
            "micro": self.micro.as_dict(),
            "macro_f1": round(self.macro_f1, 4),
            "type_source_target": self.triples.as_dict(),
            "per_type": {name: c.as_dict() for name, c in sorted(self.per_type.items())},
            "actors_all": {name: r.as_dict() for name, r in self.actors_all.items()},
            "actors_typed": {name: r.as_dict() for name, r in self.actors_typed.items()},
        }


def country_matches(actor: Actor | None, gold: GoldActor) -> bool:
    return actor_country(actor) == gold.country


def code_matches(actor: Actor | None, gold: GoldActor) -> bool:
    """Country and sector agree. A bare country in the gold ("Iraq said") is the state acting,
    which coders write either as the bare code or as its government."""
    if not country_matches(actor, gold):
        return False
    sector = actor_sector(actor)
    if gold.sector is None:
        return gold.country in TRANSNATIONAL or sector in (None, "GOV")
    return sector == gold.sector


def _mention_actor(mention: Mention | None) -> Actor | None:
    return mention.actor if mention is not None else None


def _group_by_sentence(gold: Sequence[GoldEvent]) -> dict[str, list[GoldEvent]]:
    groups: dict[str, list[GoldEvent]] = defaultdict(list)
    for event in gold:
        groups[event.text].append(event)
    return groups


def score_plover(gold: Sequence[GoldEvent], code_text: EventCoder) -> PloverReport:
    per_type: dict[str, Counts] = defaultdict(Counts)
    hits_all = dict.fromkeys(ACTOR_CHECKS, 0)
    totals_all = dict.fromkeys(ACTOR_CHECKS, 0)
    hits_typed = dict.fromkeys(ACTOR_CHECKS, 0)
    totals_typed = dict.fromkeys(ACTOR_CHECKS, 0)
    without_events = 0
    triples = Counts()

    groups = _group_by_sentence(gold)
    for text, gold_events in groups.items():
        predicted = counted_events(code_text(text))
        without_events += not predicted
        triples += _triple_counts(predicted, gold_events)
        predicted_types = {e.event_type for e in predicted}
        gold_types = {g.event_type for g in gold_events}
        for name in predicted_types | gold_types:
            per_type[name] += set_counts(predicted_types & {name}, gold_types & {name})
        for gold_event in gold_events:
            match = most_confident(predicted, gold_event.event_type)
            source = _mention_actor(match.source) if match else None
            target = _mention_actor(match.target) if match else None
            checks = {
                "source_country": (gold_event.sources, source, country_matches),
                "target_country": (gold_event.targets, target, country_matches),
                "source_code": (gold_event.sources, source, code_matches),
                "target_code": (gold_event.targets, target, code_matches),
            }
            for name, (gold_actors, actor, matches) in checks.items():
                if not gold_actors:
                    continue
                hit = any(matches(actor, g) for g in gold_actors)
                totals_all[name] += 1
                hits_all[name] += hit
                if match is not None:
                    totals_typed[name] += 1
                    hits_typed[name] += hit

    return PloverReport(
        sentences=len(groups),
        events=len(gold),
        micro=total(per_type.values()),
        per_type=dict(per_type),
        actors_all={n: Ratio(hits_all[n], totals_all[n]) for n in ACTOR_CHECKS},
        actors_typed={n: Ratio(hits_typed[n], totals_typed[n]) for n in ACTOR_CHECKS},
        sentences_without_events=without_events,
        triples=triples,
    )


def _triple_counts(predicted: Sequence[Event], gold: Sequence[GoldEvent]) -> Counts:
    """Each gold event takes at most one system event of its type whose source and target fit."""
    unused = list(predicted)
    hits = 0
    for gold_event in gold:
        match = next((e for e in unused if e.event_type == gold_event.event_type
                      and _fits(e.source, gold_event.sources)
                      and _fits(e.target, gold_event.targets)), None)
        if match is not None:
            unused.remove(match)
            hits += 1
    return Counts(hits, len(predicted) - hits, len(gold) - hits)


def _fits(mention: Mention | None, gold: Sequence[GoldActor]) -> bool:
    if not gold:
        return mention is None
    return any(code_matches(_mention_actor(mention), g) for g in gold)
