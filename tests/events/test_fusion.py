"""Within-article fusion on hand-built events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dyad.evaluate.coder import most_confident
from dyad.events.coder import dedupe
from dyad.events.fusion import mark_duplicates
from dyad.records import Actor, Event, Mention, ResolvedDate

SHAIBANI = Actor("person.asaad-al-shaibani", "SYRGOV", "Asaad al-Shaibani", "SYR", "GOV", "person")
IRAQ = Actor("irq.gov", "IRQGOV", "Government of Iraq", "IRQ", "GOV")
TURKEY = Actor("tur.gov", "TURGOV", "Government of Turkey", "TUR", "GOV")
SYRIA = Actor("syr", "SYR", "Syria", "SYR", None, "country")
SYRIA_GOV = Actor("syr.gov", "SYRGOV", "Government of Syria", "SYR", "GOV")
SYRIAN_CIVILIANS = Actor("syr.cvl", "SYRCVL", "Civilians of Syria", "SYR", "CVL")
MALIKI = Actor("person.nouri-al-maliki", "IRQPTY", "Nouri al-Maliki", "IRQ", "PTY", "person")


def mention(actor: Actor | None) -> Mention | None:
    return None if actor is None else Mention("d", 0, actor.name, 0, 1, actor, 0.9)


def event(
    event_id: str,
    sentence: int,
    source: Actor | None,
    target: Actor | None,
    *,
    event_type: str = "CONSULT",
    mode: str | None = "visit",
    confidence: float = 0.8,
    date: ResolvedDate | None = None,
    negated: bool = False,
) -> Event:
    return Event(
        event_id=event_id, doc_id="d", sentence_index=sentence, sentence="s", char_start=0,
        char_end=1, event_type=event_type, mode=mode, cameo_root="04", quad_class=1,
        intensity=4.0, source=mention(source), target=mention(target), trigger="visit",
        confidence=confidence, date=date, negated=negated,
    )  # fmt: skip


def day(iso: str, precision: str = "day") -> ResolvedDate:
    return ResolvedDate(dt.date.fromisoformat(iso), precision, iso)


def duplicates(events: list[Event]) -> dict[str, str | None]:
    return {e.event_id: e.duplicate_of for e in mark_duplicates(events)}


def test_repeat_without_target_points_at_the_full_telling():
    summary = event("a", 1, SHAIBANI, IRAQ, confidence=0.9)
    repeat = event("b", 5, SHAIBANI, None, confidence=0.5)
    assert duplicates([summary, repeat]) == {"a": None, "b": "a"}


def test_the_better_telling_is_primary_even_when_it_comes_later():
    vague = event("a", 1, SHAIBANI, None, confidence=0.5)
    full = event("b", 4, SHAIBANI, IRAQ, confidence=0.9)
    assert duplicates([vague, full]) == {"a": "b", "b": None}


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(event("b", 2, SHAIBANI, TURKEY), id="different-target"),
        pytest.param(event("b", 2, SHAIBANI, IRAQ, event_type="COOPERATE"), id="different-type"),
        pytest.param(event("b", 2, SHAIBANI, IRAQ, negated=True), id="one-is-negated"),
        pytest.param(event("b", 2, SHAIBANI, IRAQ, mode="phone"), id="different-mode"),
        pytest.param(event("b", 2, None, IRAQ), id="no-shared-known-actor"),
        pytest.param(
            event("b", 2, SHAIBANI, IRAQ, date=day("2025-03-20")), id="dates-conflict"
        ),
    ],
)
def test_distinct_events_stay_distinct(other):
    first = event("a", 1, SHAIBANI, IRAQ, date=day("2025-02-21"))
    if other.source is None:
        first = event("a", 1, SHAIBANI, None)
    assert duplicates([first, other]) == {"a": None, "b": None}


def test_dates_agree_at_the_coarser_precision():
    precise = event("a", 1, SHAIBANI, IRAQ, date=day("2025-02-21"))
    monthly = event("b", 3, SHAIBANI, IRAQ, confidence=0.5, date=day("2025-02-01", "month"))
    assert duplicates([precise, monthly]) == {"a": None, "b": "a"}


def test_order_and_count_are_kept():
    events = [
        event("a", 1, SHAIBANI, IRAQ),
        event("b", 2, TURKEY, IRAQ),
        event("c", 3, SHAIBANI, IRAQ),
    ]
    marked = mark_duplicates(events)
    assert [e.event_id for e in marked] == ["a", "b", "c"]
    assert [e.duplicate_of for e in marked] == [None, None, "a"]


def test_a_country_fits_its_own_government():
    verbal = event("a", 1, MALIKI, SYRIA_GOV, event_type="ACCUSE", mode="disapprove")
    again = event("b", 1, MALIKI, SYRIA, event_type="ACCUSE", mode="allege", confidence=0.6)
    other_country = event("c", 2, MALIKI, TURKEY, event_type="ACCUSE", confidence=0.6)
    civilians = event("d", 3, MALIKI, SYRIAN_CIVILIANS, event_type="ACCUSE", confidence=0.6)
    assert duplicates([verbal, again, other_country, civilians]) == {
        "a": None,
        "b": "a",
        "c": None,
        "d": None,
    }


def test_equal_confidence_is_decided_by_the_score_behind_it():
    # a calibration's flat stretch gives two scores one confidence; the higher score wins
    weaker = dataclasses.replace(event("a", 1, SHAIBANI, IRAQ, confidence=0.4), score=0.55)
    stronger = dataclasses.replace(event("b", 1, SHAIBANI, IRAQ, confidence=0.4), score=0.7)
    assert [e.event_id for e in dedupe([weaker, stronger])] == ["b"]
    assert most_confident([weaker, stronger]).event_id == "b"
    later = dataclasses.replace(stronger, event_id="c", sentence_index=3, target=None)
    assert duplicates([dataclasses.replace(weaker, target=None), later])["a"] == "c"
