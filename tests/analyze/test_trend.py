"""The net cooperation trend and its bootstrap interval, on events whose answer is known."""

import pytest

from dyad.analyze.clusters import FusedEvent, fuse
from dyad.analyze.trend import MIN_EVENTS, bootstrap_interval, monthly, net_trend


def event(number: int, date: str | None, quad_class: int) -> FusedEvent:
    record = {"event_id": f"e{number}", "date": date, "quad_class": quad_class,
              "intensity": 1.0 if quad_class <= 2 else -1.0, "confidence": 0.5,
              "negated": False, "hypothetical": False, "historical": False,
              "doc_id": f"d{number}"}  # fmt: skip
    [fused] = fuse([record])
    return fused


def events(spec: list[tuple[str, int]]) -> list[FusedEvent]:
    return [event(number, date, quad) for number, (date, quad) in enumerate(spec)]


EARLIER_COOPERATION = [("2024-01-10", 1), ("2024-02-10", 2), ("2024-03-10", 1)]
RECENT_CONFLICT = [("2024-10-10", 3), ("2024-11-10", 4), ("2024-12-10", 3)]


def test_all_cooperation_then_all_conflict_is_worsening_with_no_doubt():
    trend = net_trend(events(EARLIER_COOPERATION + RECENT_CONFLICT))
    # Every resample of three +1s minus every resample of three -1s is -2.
    assert (trend.direction, trend.change, trend.interval) == ("worsening", -2.0, (-2.0, -2.0))
    assert (trend.recent.first_month, trend.recent.last_month) == ("2024-10", "2024-12")
    assert (trend.earlier.events, trend.earlier.net) == (3, 1.0)
    assert trend.words.startswith("worsening: net cooperation -1.00 in 2024-10..2024-12")


def test_the_reverse_is_improving():
    recent = [("2024-10-10", 1), ("2024-11-10", 1), ("2024-12-10", 2)]
    earlier = [("2024-01-10", 3), ("2024-02-10", 4), ("2024-03-10", 3)]
    assert net_trend(events(earlier + recent)).direction == "improving"


def test_a_mixed_picture_is_no_clear_change():
    mixed = [("2024-01-10", 1), ("2024-02-10", 3), ("2024-03-10", 1), ("2024-03-20", 4)]
    later = [("2024-10-10", 3), ("2024-11-10", 1), ("2024-12-10", 4), ("2024-12-20", 2)]
    trend = net_trend(events(mixed + later))
    low, high = trend.interval
    assert trend.direction == "no clear change" and low < 0 < high
    assert "no clear change" in trend.words and "90% interval" in trend.words


def test_one_event_against_three_before_is_no_trend():
    # The complaint: "improving" from one event in a month against three before.
    spec = [("2024-01-10", 3), ("2024-02-10", 3), ("2024-03-10", 4), ("2024-09-10", 1)]
    trend = net_trend(events(spec))
    assert trend.direction == "insufficient data" and trend.interval is None
    assert f"at least {MIN_EVENTS} in each" in trend.words


def test_undated_events_are_in_no_window():
    trend = net_trend(events([(None, 1)] * 5))  # type: ignore[list-item]
    assert trend.direction == "insufficient data" and trend.recent is None


def test_the_interval_is_the_same_for_the_same_events():
    recent, earlier = [1, -1, 1, 1, -1], [-1, -1, 1, -1]
    assert bootstrap_interval(recent, earlier) == bootstrap_interval(recent, earlier)
    low, high = bootstrap_interval(recent, earlier)
    assert low < 0.2 + 0.5 < high  # the observed change (0.2 - -0.5) lies inside


def test_months_count_fused_events_by_quad_class():
    months = monthly(events([("2024-01-03", 1), ("2024-01-20", 4), ("2024-03-01", 2)]))
    assert [(m.month, m.counts, m.net) for m in months] == [
        ("2024-01", (1, 0, 0, 1), 0.0),
        ("2024-03", (0, 1, 0, 0), 1.0),
    ]


@pytest.mark.parametrize("sources", [1, 3])
def test_independent_sources_weigh_more(sources):
    base = event(0, "2024-01-01", 4)
    fused = FusedEvent(base.cluster_id, base.reports, num_reports=sources, num_sources=sources)
    assert fused.weight == pytest.approx(1.0 * 0.5 * (1 + 0.5 * (sources - 1)))
