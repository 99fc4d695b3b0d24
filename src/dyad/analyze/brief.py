"""A relations brief for two actors: monthly event counts, the cooperation trend, key events.

Only reported facts are counted: negated, hypothetical and historical events are listed among the
key events (after the others) but never counted, so "X did not attack Y" is no conflict; a
repeated telling of an event in the same article (``duplicate_of``) is counted once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from statistics import fmean
from typing import TYPE_CHECKING, Any

from dyad.export.contract import QUAD_CLASSES, is_flagged

if TYPE_CHECKING:
    from dyad.store import Store

# The latest month is compared with the mean of up to this many months with events before it.
TREND_WINDOW = 3
# A change in net cooperation smaller than this (on a -1..1 scale) is "stable": one event more
# or less in a month of five moves the share by 0.2 to 0.4, which is noise, not a trend.
TREND_THRESHOLD = 0.25
KEY_EVENT_COUNT = 5


@dataclass(frozen=True, slots=True)
class MonthSummary:
    month: str  # YYYY-MM
    counts: tuple[int, int, int, int]  # events per quad class 1..4
    intensity: float  # sum of the events' intensities (cooperation positive)

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def net(self) -> float:
        """(cooperation - conflict) / all events, from -1 (all conflict) to 1 (all cooperation)."""
        cooperation = self.counts[0] + self.counts[1]
        conflict = self.counts[2] + self.counts[3]
        return (cooperation - conflict) / self.total


@dataclass(frozen=True, slots=True)
class Trend:
    direction: str  # "improving" | "worsening" | "stable" | "insufficient data"
    latest_month: str | None = None
    latest_net: float | None = None
    earlier_net: float | None = None  # mean net of the months compared with
    earlier_months: int = 0
    change: float | None = None


@dataclass(frozen=True, slots=True)
class KeyEvent:
    date: str | None
    event_type: str
    quad_class: int
    intensity: float
    confidence: float
    source: str
    target: str
    sentence: str
    doc_id: str
    sentence_index: int
    flags: tuple[str, ...]  # the flags set among negated/hypothetical/historical


@dataclass(frozen=True, slots=True)
class Brief:
    actor_a: str
    actor_b: str
    names_a: tuple[str, ...]  # the stored actors each side stands for
    names_b: tuple[str, ...]
    events: int  # all events between the two sides
    counted: int  # reported facts: not negated, hypothetical or historical, not repeats
    flagged: int
    repeats: int  # later tellings of an event already counted (``duplicate_of``)
    undated: int  # counted, but with no date: in no month
    months: tuple[MonthSummary, ...]
    trend: Trend
    key_events: tuple[KeyEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["months"] = [
            asdict(month) | {"total": month.total, "net": round(month.net, 4)}
            for month in self.months
        ]
        return data


def build_brief(store: Store, actor_a: str, actor_b: str, *, min_confidence: float = 0.0) -> Brief:
    """The brief for events between ``actor_a`` and ``actor_b``, in either direction.

    Each side is an id, a code (``IRQ``: every Iraqi actor) or a name, as in ``Store.events``.
    """
    records = store.events(dyad=(actor_a, actor_b), min_confidence=min_confidence)
    primary = [record for record in records if record.get("duplicate_of") is None]
    counted = [record for record in primary if not is_flagged(record)]
    months = monthly(counted)
    return Brief(
        actor_a=actor_a,
        actor_b=actor_b,
        names_a=tuple(store.actor_names(store.resolve_actor(actor_a))),
        names_b=tuple(store.actor_names(store.resolve_actor(actor_b))),
        events=len(records),
        counted=len(counted),
        flagged=len(primary) - len(counted),
        repeats=len(records) - len(primary),
        undated=sum(1 for record in counted if record["date"] is None),
        months=months,
        trend=trend(months),
        key_events=key_events(primary),
    )


def monthly(records: list[dict[str, Any]]) -> tuple[MonthSummary, ...]:
    """Counts per quad class and summed intensity for each month that has dated events."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    intensity: dict[str, float] = defaultdict(float)
    for record in records:
        if record["date"] is None:
            continue
        month = record["date"][:7]
        counts[month][record["quad_class"] - 1] += 1
        intensity[month] += record["intensity"]
    return tuple(
        MonthSummary(month, tuple(counts[month]), round(intensity[month], 4))  # type: ignore[arg-type]
        for month in sorted(counts)
    )


def trend(months: tuple[MonthSummary, ...]) -> Trend:
    """The latest month's net cooperation against the mean of the months before it."""
    if len(months) < 2:
        return Trend("insufficient data")
    latest = months[-1]
    earlier = months[-1 - TREND_WINDOW : -1]
    earlier_net = fmean(month.net for month in earlier)
    change = latest.net - earlier_net
    if change >= TREND_THRESHOLD:
        direction = "improving"
    elif change <= -TREND_THRESHOLD:
        direction = "worsening"
    else:
        direction = "stable"
    return Trend(
        direction=direction,
        latest_month=latest.month,
        latest_net=round(latest.net, 4),
        earlier_net=round(earlier_net, 4),
        earlier_months=len(earlier),
        change=round(change, 4),
    )


def key_events(records: list[dict[str, Any]], count: int = KEY_EVENT_COUNT) -> tuple[KeyEvent, ...]:
    """The weightiest events: reported facts first, then by |intensity| x confidence."""
    ranked = sorted(
        records,
        key=lambda r: (is_flagged(r), -abs(r["intensity"]) * r["confidence"], r["date"] or "~"),
    )
    return tuple(_key_event(record) for record in ranked[:count])


def _key_event(record: dict[str, Any]) -> KeyEvent:
    return KeyEvent(
        date=record["date"],
        event_type=record["event_type"],
        quad_class=record["quad_class"],
        intensity=record["intensity"],
        confidence=record["confidence"],
        source=participant_label(record["source"]),
        target=_target_label(record),
        sentence=record["sentence"],
        doc_id=record["doc_id"],
        sentence_index=record["sentence_index"],
        flags=tuple(f for f in ("negated", "hypothetical", "historical") if record[f]),
    )


def participant_label(participant: dict[str, Any] | None) -> str:
    """The actor's name when resolved, else the words of the text; "?" when there is none."""
    if participant is None:
        return "?"
    return participant["name"] or participant["text"]


def _target_label(record: dict[str, Any]) -> str:
    label = participant_label(record["target"])
    if record["others"]:
        label += " (with " + ", ".join(participant_label(o) for o in record["others"]) + ")"
    return label


def render_text(brief: Brief) -> str:
    """The brief as a plain-text report for a terminal."""
    lines = [
        f"Relations brief: {brief.actor_a} — {brief.actor_b}",
        f"  {brief.actor_a}: {_names(brief.names_a)}",
        f"  {brief.actor_b}: {_names(brief.names_b)}",
        "",
        f"Events between them: {brief.events} "
        f"({brief.counted} counted; {brief.flagged} negated/hypothetical/historical and "
        f"{brief.repeats} repeated tellings not counted; {brief.undated} counted but undated)",
    ]
    if brief.months:
        lines += ["", "Month     V-coop  M-coop  V-confl  M-confl    Net  Intensity"]
        for month in brief.months:
            q1, q2, q3, q4 = month.counts
            lines.append(
                f"{month.month}  {q1:>6}  {q2:>6}  {q3:>7}  {q4:>7}  {month.net:>+5.2f}"
                f"  {month.intensity:>+9.1f}"
            )
    lines += ["", "Trend: " + _trend_text(brief.trend)]
    if brief.key_events:
        lines += ["", "Key events"]
        for number, event in enumerate(brief.key_events, start=1):
            flags = f" [{', '.join(event.flags)}]" if event.flags else ""
            lines += [
                f"{number}. {event.date or 'undated'}  {event.event_type} "
                f"({QUAD_CLASSES[event.quad_class]}, {event.intensity:+.1f}){flags}",
                f"   {event.source} -> {event.target}",
                f'   "{event.sentence}"',
                f"   ({event.doc_id}, sentence {event.sentence_index})",
            ]
    return "\n".join(lines) + "\n"


def _names(names: tuple[str, ...], shown: int = 6) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


def _trend_text(trend: Trend) -> str:
    if trend.change is None:
        return "insufficient data (needs events in at least two months)"
    return (
        f"{trend.direction}: net cooperation {trend.latest_net:+.2f} in {trend.latest_month} "
        f"against {trend.earlier_net:+.2f} over the {trend.earlier_months} month(s) with events "
        f"before it (change {trend.change:+.2f}; net = (cooperation - conflict) / events)"
    )
