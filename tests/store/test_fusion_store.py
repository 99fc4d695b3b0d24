"""Cross-article fusion in the store: reports of one event become one cluster, others do not."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from dyad_fakes import IRQ, SHARAA, SYR, SYRGOV, TUR, Coded, FakeResult, article

from dyad.records import Actor, Location
from dyad.store import Store
from dyad.store.fusion import batch_cluster_facts

SUDANI = Actor(
    "person.mohammed-shia-al-sudani", "IRQGOV", "Mohammed Shia al-Sudani", "IRQ", "GOV", "person"
)
SHAIBANI = Actor("person.asaad-al-shaibani", "SYRGOV", "Asaad al-Shaibani", "SYR", "GOV", "person")
TURMIL = Actor("tur.mil", "TURMIL", "Turkish Armed Forces", "TUR", "MIL", "sector")
SDF = Actor("sdf", "SYRREB", "Syrian Democratic Forces", "SYR", "REB", "organization")
QAMISHLI = Location("Qamishli", "SYR", 37.05, 41.22)
KOBANI = Location("Kobani", "SYR", 36.89, 38.35)


def report(
    doc_id: str,
    sentence: str,
    coded: Coded,
    *,
    outlet: str | None,
    published: str = "2025-03-15",
) -> FakeResult:
    result = article(doc_id, [sentence], [coded], published=published)
    return dataclasses.replace(result, article=dataclasses.replace(result.article, source=outlet))


def meeting(doc_id: str, outlet: str | None, date: str = "2025-03-14", **kw) -> FakeResult:
    return report(
        doc_id,
        "Al-Sudani received al-Shaibani in Baghdad.",
        Coded(0, "CONSULT", 1, 1.0, (SUDANI, "Al-Sudani"), (SHAIBANI, "al-Shaibani"), date),
        outlet=outlet,
        **kw,
    )


def government_meeting(doc_id: str, outlet: str, date: str = "2025-03-14") -> FakeResult:
    """The same kind of meeting told at the level of governments, sides the other way round."""
    return report(
        doc_id,
        "Damascus held talks with Iraq on the border.",
        Coded(0, "CONSULT", 1, 1.0, (SYRGOV, "Damascus"), (IRQ, "Iraq"), date),
        outlet=outlet,
    )


def strike(doc_id: str, outlet: str, place: Location, date: str = "2025-03-10") -> FakeResult:
    sentence = f"Turkish drones struck SDF positions near {place.name}."
    coded = Coded(0, "ASSAULT", 4, -9.0, (TURMIL, "Turkish drones"), (SDF, "SDF"), date,
                  extra={"location": place, "cameo_root": "19"})  # fmt: skip
    return report(doc_id, sentence, coded, outlet=outlet)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "fusion.duckdb") as opened:
        yield opened


def clusters(store: Store) -> dict[str, str]:
    return {record["event_id"]: record["cluster_id"] for record in store.events()}


def test_reports_of_one_meeting_from_two_outlets_are_one_cluster(store):
    store.write(meeting("a", "Outlet A", published="2025-03-15"))
    store.write(government_meeting("b", "Outlet B"))
    store.write(meeting("c", "outlet a", published="2025-03-14"))
    records = store.events()
    assert {r["cluster_id"] for r in records} == {"c:0"}  # the earliest report names it
    assert {(r["num_reports"], r["num_sources"], r["first_reported"]) for r in records} == {
        (3, 2, "2025-03-14")
    }


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (meeting("a", "A", "2025-03-14"), meeting("b", "B", "2025-04-15")),
        (
            meeting("a", "A"),
            report("b", "Al-Sudani accused al-Shaibani of stalling.",
                   Coded(0, "ACCUSE", 3, -2.0, (SUDANI, "Al-Sudani"),
                         (SHAIBANI, "al-Shaibani"), "2025-03-14"), outlet="B"),
        ),
        (strike("a", "A", QAMISHLI), strike("b", "B", KOBANI)),
        (
            meeting("a", "A"),
            report("b", "Al-Sharaa received al-Sudani.",
                   Coded(0, "CONSULT", 1, 1.0, (SHARAA, "Al-Sharaa"), (SUDANI, "al-Sudani"),
                         "2025-03-14"), outlet="B"),
        ),
        (
            meeting("a", "A"),
            report("b", "Turkey hosted Iraq.", Coded(0, "CONSULT", 1, 1.0, (TUR, "Turkey"),
                                                     (IRQ, "Iraq"), "2025-03-14"), outlet="B"),
        ),
    ],
    ids=["month-apart", "other-type", "other-city", "other-person", "other-country"],
)
def test_different_events_stay_apart(store, first, second):
    store.write(first)
    store.write(second)
    assert len(set(clusters(store).values())) == 2


def test_same_strike_reported_in_a_nearby_place_is_one_cluster(store):
    store.write(strike("a", "A", QAMISHLI))
    near = Location("Qamishli countryside", "SYR", 37.10, 41.10)
    store.write(strike("b", "B", near, date="2025-03-11"))
    assert len(set(clusters(store).values())) == 1


def test_undated_reports_are_never_fused(store):
    store.write(meeting("a", "A", date=None, published=None))
    store.write(meeting("b", "B", date=None, published=None))
    assert clusters(store) == {"a:0": "a:0", "b:0": "b:0"}


def test_a_repeat_within_an_article_joins_its_primary_cluster(store):
    sides = ((SUDANI, "Al-Sudani"), (SHAIBANI, "al-Shaibani"))
    told_twice = article(
        "a",
        ["Al-Sudani received al-Shaibani.", "Al-Sudani and al-Shaibani met for two hours."],
        [Coded(0, "CONSULT", 1, 1.0, *sides, "2025-03-14"),
         Coded(1, "CONSULT", 1, 1.0, *sides, "2025-03-14", extra={"duplicate_of": "a:0"})],
        published="2025-03-15",
    )  # fmt: skip
    store.write(told_twice)
    store.write(meeting("b", "B", published="2025-03-16"))
    assert set(clusters(store).values()) == {"a:0"}
    assert {r["num_reports"] for r in store.events()} == {2}


def test_clusters_do_not_depend_on_the_order_articles_arrive_in(tmp_path):
    # b ("in March") fits a and c, two meetings 25 days apart: it is ambiguous and joins neither,
    # whichever arrives first (incremental fusion splits the a-b link when c comes).
    reports = [
        meeting("a", "A", "2025-03-03"),
        report("b", "Iraq and Syria met in March.",
               Coded(0, "CONSULT", 1, 1.0, (IRQ, "Iraq"), (SYR, "Syria"), None,
                     extra={}), outlet="B"),
        meeting("c", "C", "2025-03-28", published="2025-03-29"),
    ]  # fmt: skip
    month = dataclasses.replace(
        reports[1].events[0], date=dataclasses.replace(reports[0].events[0].date, precision="month")
    )
    reports[1] = dataclasses.replace(reports[1], events=(month,))
    seen = []
    for number, order in enumerate(itertools.permutations(reports)):
        with Store(tmp_path / f"{number}.duckdb") as store:
            for result in order:
                store.write(result)
            seen.append(clusters(store))
            store.fuse(rebuild=True)
            seen.append(clusters(store))
    assert all(found == seen[0] for found in seen)
    assert seen[0] == {"a:0": "a:0", "b:0": "b:0", "c:0": "c:0"}


def test_a_report_fitting_two_events_joins_neither(store):
    # No place: it fits the Qamishli strike and the Kobani strike of that day.
    unplaced = report(
        "u", "Turkey shelled SDF positions on Monday.",
        Coded(0, "ASSAULT", 4, -9.0, (TUR, "Turkey"), (SDF, "SDF"), "2025-03-10"),
        outlet="U",
    )  # fmt: skip
    for result in (strike("a", "A", QAMISHLI), unplaced, strike("b", "B", KOBANI)):
        store.write(result)
    store.write(strike("c", "C", QAMISHLI, date="2025-03-11"))
    assert clusters(store) == {"a:0": "a:0", "b:0": "b:0", "c:0": "a:0", "u:0": "u:0"}


def test_fused_events_give_one_row_per_event_with_its_sources(store):
    store.write(meeting("a", "Outlet A", published="2025-03-15"))
    store.write(government_meeting("b", "Outlet B"))
    store.write(strike("c", "Outlet C", QAMISHLI))
    fused = store.fused_events()
    assert [(r["event_type"], r["sources"], len(r["reports"])) for r in fused] == [
        ("ASSAULT", ["Outlet C"], 1),
        ("CONSULT", ["Outlet A", "Outlet B"], 2),
    ]
    # The best evidence names both sides by person; every report is listed, earliest first.
    assert fused[1]["event_id"] == "a:0"
    assert [r["event_id"] for r in fused[1]["reports"]] == ["a:0", "b:0"]
    assert [r["event_type"] for r in store.fused_events(event_type="CONSULT")] == ["CONSULT"]
    assert len(store.fused_events(limit=1)) == 1


def test_fuse_clusters_events_stored_before_fusion(store):
    store.write(meeting("a", "A"))
    store.write(meeting("b", "B"))
    store._con.execute("DELETE FROM event_clusters")  # as a database from before fusion
    assert clusters(store) == {"a:0": "a:0", "b:0": "b:0"}
    done = store.fuse()
    assert (done.articles, done.events, done.clusters, done.multi_report) == (2, 2, 1, 1)
    assert set(clusters(store).values()) == {"a:0"}


def test_a_batch_without_store_is_fused_as_the_store_fuses_it(store):
    results = [
        meeting("a", "Outlet A", published="2025-03-15"),
        government_meeting("b", "Outlet B"),
        meeting("c", None, published="2025-03-14"),
        strike("d", "Outlet D", QAMISHLI),
    ]
    facts = batch_cluster_facts((r.article, r.events) for r in results)
    for result in results:
        store.write(result)
    stored = {
        r["event_id"]: (r["cluster_id"], r["num_reports"], r["num_sources"], r["first_reported"])
        for r in store.events()
    }
    assert {e: (f.cluster_id, f.num_reports, f.num_sources, f.first_reported)
            for e, f in facts.items()} == stored  # fmt: skip
    assert stored["a:0"] == ("c:0", 3, 3, "2025-03-14")  # an unknown outlet counts as its own


@pytest.mark.parametrize(("sentence", "joins"), [
    ("The SDF accused Ankara of shelling its positions.", True),
    ("The SDF accused Ankara of stalling the talks.", False),
], ids=["names-the-attack", "other-grievance"])
def test_an_accusation_naming_the_attack_joins_the_attack_told_elsewhere(store, sentence, joins):
    store.write(strike("a", "A", QAMISHLI))
    store.write(report("b", sentence, Coded(0, "ACCUSE", 3, -2.0, (SDF, "The SDF"),
                                            (TUR, "Ankara"), "2025-03-10"), outlet="B"))
    assert (len(set(clusters(store).values())) == 1) is joins
