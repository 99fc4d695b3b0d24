"""Fused events as a brief shows them: what happened, who to whom, how many sources, evidence."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.analyze.clusters import FusedEvent
from dyad.analyze.evidence import ActorRef, Evidence, actor_ref, evidence_of, flags_of

# Evidence sentences shown per event: the best report and up to this many more.
EVIDENCE_SHOWN = 3


@dataclass(frozen=True, slots=True)
class KeyEvent:
    cluster_id: str
    date: str | None
    event_type: str
    mode: str | None
    quad_class: int
    intensity: float
    confidence: float
    source: ActorRef | None
    target: ActorRef | None
    others: tuple[ActorRef, ...]
    flags: tuple[str, ...]  # set among negated / hypothetical / historical (best report)
    num_reports: int
    num_sources: int
    evidence: tuple[Evidence, ...]  # the best report's sentence first


def key_event(event: FusedEvent) -> KeyEvent:
    best = event.best
    return KeyEvent(
        cluster_id=event.cluster_id,
        date=event.date,
        event_type=best["event_type"],
        mode=best["mode"],
        quad_class=best["quad_class"],
        intensity=best["intensity"],
        confidence=best["confidence"],
        source=actor_ref(best["source"]),
        target=actor_ref(best["target"]),
        others=tuple(a for a in map(actor_ref, best["others"]) if a is not None),
        flags=flags_of(best),
        num_reports=event.num_reports,
        num_sources=event.num_sources,
        evidence=_distinct_evidence(event)[:EVIDENCE_SHOWN],
    )


def strongest(events: list[FusedEvent], count: int) -> tuple[KeyEvent, ...]:
    """The ``count`` weightiest events: reported facts first, then by weight (|intensity| x
    confidence, more with independent sources), then oldest first."""
    ranked = sorted(events, key=lambda e: (e.flagged, -e.weight, e.date or "~", e.cluster_id))
    return tuple(key_event(event) for event in ranked[:count])


def _distinct_evidence(event: FusedEvent) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int], Evidence] = {}
    for record in event.reports:
        evidence = evidence_of(record)
        seen.setdefault((evidence.doc_id, evidence.sentence_index), evidence)
    return tuple(seen.values())
