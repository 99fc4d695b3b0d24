"""Fused events: the reports of one real-world event, counted once.

Stored events carry ``cluster_id`` / ``num_reports`` / ``num_sources`` once cross-article fusion
has run; an event without them is its own cluster. Repeated tellings within an article
(``duplicate_of``) join the cluster of the telling they repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyad.export.contract import is_flagged

# A second independent source makes an event weigh this much more among key events.
SOURCE_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class FusedEvent:
    cluster_id: str
    reports: tuple[dict[str, Any], ...]  # contract records, the best-evidenced first
    num_reports: int  # articles telling it
    num_sources: int  # distinct outlets

    @property
    def best(self) -> dict[str, Any]:
        return self.reports[0]

    @property
    def date(self) -> str | None:
        """The earliest date any report gives."""
        return min((r["date"] for r in self.reports if r["date"]), default=None)

    @property
    def flagged(self) -> bool:
        """Whether no report tells it as a fact (all negated, hypothetical or historical)."""
        return all(is_flagged(record) for record in self.reports)

    @property
    def weight(self) -> float:
        """|intensity| x confidence of the best report, more for independent sources."""
        best = self.best
        corroboration = 1 + SOURCE_WEIGHT * (self.num_sources - 1)
        return abs(best["intensity"]) * best["confidence"] * corroboration


def fuse(records: list[dict[str, Any]]) -> list[FusedEvent]:
    """The clusters of ``records``, in the order of their first record."""
    own = {record["event_id"]: record.get("cluster_id") or record["event_id"] for record in records}
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        key = own[record["event_id"]]
        repeated = record.get("duplicate_of")
        if repeated is not None and key == record["event_id"]:  # a repeat fusion has not seen
            key = own.get(repeated, repeated)
        groups.setdefault(key, []).append(record)
    return [_fused(key, reports) for key, reports in groups.items()]


def _fused(key: str, reports: list[dict[str, Any]]) -> FusedEvent:
    ordered = sorted(
        reports,
        key=lambda r: (is_flagged(r), r.get("duplicate_of") is not None, -r["confidence"]),
    )
    # Until cross-article fusion stores ``num_sources``, each article counts as one source
    # (``reported_by`` names whom an article attributes the event to, not its outlet).
    stored_reports = max((r.get("num_reports") or 0 for r in reports), default=0)
    stored_sources = max((r.get("num_sources") or 0 for r in reports), default=0)
    return FusedEvent(
        cluster_id=key,
        reports=tuple(ordered),
        num_reports=stored_reports or len({r["doc_id"] for r in reports}),
        num_sources=stored_sources or len({r["doc_id"] for r in reports}),
    )
