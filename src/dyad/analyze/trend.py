"""Monthly cooperation and conflict, and the net cooperation trend with a bootstrap interval.

Each fused event scores +1 (cooperation, quad classes 1-2) or -1 (conflict, 3-4); net cooperation
is the mean score, from -1 (all conflict) to 1 (all cooperation). The trend compares the last
``RECENT_MONTHS`` calendar months (ending at the latest month with events) with the months before
them. Its interval comes from resampling the events of each window with replacement, with a
fixed seed, so the same events always give the same words.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from dyad.analyze.clusters import FusedEvent

RECENT_MONTHS = 3
# Fewer events than this in either window is too little to speak of a trend (one event in one
# month against three before is not a change).
MIN_EVENTS = 3
RESAMPLES = 2000
LEVEL = 0.90  # the interval holds this share of the resampled changes
SEED = 7


@dataclass(frozen=True, slots=True)
class MonthSummary:
    month: str  # YYYY-MM
    counts: tuple[int, int, int, int]  # fused events per quad class 1..4
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
class Window:
    first_month: str
    last_month: str
    events: int
    net: float


@dataclass(frozen=True, slots=True)
class Trend:
    direction: str  # improving | worsening | no clear change | insufficient data
    words: str  # the sentence a reader sees
    recent: Window | None = None
    earlier: Window | None = None
    change: float | None = None  # recent net - earlier net
    interval: tuple[float, float] | None = None  # of the change, at ``level``
    level: float = LEVEL
    resamples: int = RESAMPLES
    seed: int = SEED


def monthly(events: list[FusedEvent]) -> tuple[MonthSummary, ...]:
    """Counts per quad class and summed intensity for each month with dated events."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    intensity: dict[str, float] = defaultdict(float)
    for event in events:
        if event.date is None:
            continue
        month = event.date[:7]
        counts[month][event.best["quad_class"] - 1] += 1
        intensity[month] += event.best["intensity"]
    return tuple(
        MonthSummary(month, tuple(counts[month]), round(intensity[month], 4))  # type: ignore[arg-type]
        for month in sorted(counts)
    )


def net_trend(events: list[FusedEvent], *, seed: int = SEED) -> Trend:
    """Net cooperation in the recent months against the months before, with an interval."""
    dated = sorted((e.date[:7], score(e)) for e in events if e.date is not None)
    if not dated:
        return Trend("insufficient data", "insufficient data: no dated events")
    cut = _month_number(dated[-1][0]) - RECENT_MONTHS + 1
    recent = [(m, s) for m, s in dated if _month_number(m) >= cut]
    earlier = [(m, s) for m, s in dated if _month_number(m) < cut]
    recent_window, earlier_window = _window(recent), _window(earlier)
    if (
        recent_window is None
        or earlier_window is None
        or min(len(recent), len(earlier)) < MIN_EVENTS
    ):
        return Trend(
            "insufficient data",
            f"insufficient data: {len(recent)} events in the last {RECENT_MONTHS} months and "
            f"{len(earlier)} before them (at least {MIN_EVENTS} in each are needed)",
            recent=recent_window,
            earlier=earlier_window,
        )
    change = recent_window.net - earlier_window.net
    low, high = bootstrap_interval([s for _, s in recent], [s for _, s in earlier], seed)
    if low > 0:
        direction = "improving"
    elif high < 0:
        direction = "worsening"
    else:
        direction = "no clear change"
    words = (
        f"{direction}: net cooperation {recent_window.net:+.2f} in "
        f"{recent_window.first_month}..{recent_window.last_month} ({recent_window.events} events) "
        f"against {earlier_window.net:+.2f} in {earlier_window.first_month}.."
        f"{earlier_window.last_month} ({earlier_window.events} events): change {change:+.2f}, "
        f"{LEVEL:.0%} interval {low:+.2f} to {high:+.2f}"
    )
    return Trend(
        direction, words, recent_window, earlier_window, round(change, 4), (low, high), seed=seed
    )


def score(event: FusedEvent) -> int:
    """+1 for cooperation (quad classes 1-2), -1 for conflict (3-4)."""
    return 1 if event.best["quad_class"] <= 2 else -1


def bootstrap_interval(
    recent: list[int], earlier: list[int], seed: int = SEED
) -> tuple[float, float]:
    """The central ``LEVEL`` interval of mean(recent) - mean(earlier) over resamples."""
    rng = random.Random(seed)
    changes = sorted(
        fmean(rng.choices(recent, k=len(recent))) - fmean(rng.choices(earlier, k=len(earlier)))
        for _ in range(RESAMPLES)
    )
    tail = (1 - LEVEL) / 2
    low = changes[int(tail * (RESAMPLES - 1))]
    high = changes[round((1 - tail) * (RESAMPLES - 1))]
    return round(low, 4), round(high, 4)


def _window(scored: list[tuple[str, int]]) -> Window | None:
    if not scored:
        return None
    return Window(
        first_month=scored[0][0],
        last_month=scored[-1][0],
        events=len(scored),
        net=round(fmean(s for _, s in scored), 4),
    )


def _month_number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1
