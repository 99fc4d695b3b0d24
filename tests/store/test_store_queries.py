"""Filters over the border article of dyad_fakes, whose four events are (by date):

0. CONSULT  Iraqi intelligence -> al-Sharaa      2024-12-29  conf 0.8
1. ACCUSE   Baghdad (IRQGOV) -> Damascus (SYRGOV) 2025-01-10  conf 0.8
2. ASSAULT  Islamic State -> "Iraqi soldiers" (unresolved)  2025-01-12  conf 0.7
3. CONSULT  Turkey -> Iraq, with Syria        undated, hypothetical, conf 0.5
"""

import datetime as dt

import pytest
from dyad_fakes import border_article

from dyad.store import Store, StoreError, UnknownActorError


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("q") / "q.duckdb") as opened:
        opened.write(border_article("doc"))
        yield opened


def numbers(records):
    return [int(record["event_id"].split(":")[1]) for record in records]


def test_events_come_oldest_first_with_undated_last(store):
    assert numbers(store.events()) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("person.ahmed-al-sharaa", [0]),
        ("al-shara", [0]),
        ("JOLANI", [0]),
        ("Baghdad", [1]),
        ("SYRGOV", [0, 1]),
        ("SYR", [0, 1, 3]),
        ("syr", [0, 1, 3]),
        ("Iraq", [0, 1, 3]),
        ("IMG", [2]),
        ("Islamic State", [2]),
    ],
    ids=[
        "id", "alias-any-case", "alias-upper", "sector-alias", "code", "country-prefix",
        "country-lowercase", "country-name-means-all-its-actors", "code-prefix", "name",
    ],
)  # fmt: skip
def test_actor_filter(store, spec, expected):
    assert numbers(store.events(actor=spec)) == expected


@pytest.mark.parametrize(
    ("dyad", "expected"),
    [
        (("IRQ", "SYR"), [0, 1, 3]),
        (("SYR", "IRQ"), [0, 1, 3]),
        (("irq.gov", "syr.gov"), [1]),
        (("Damascus", "Baghdad"), [1]),
        (("TUR", "IRQ"), [3]),
        (("TUR", "IMG"), []),
    ],
    ids=["countries", "either-direction", "ids", "aliases", "with-others", "no-shared-event"],
)
def test_dyad_filter(store, dyad, expected):
    assert numbers(store.events(dyad=dyad)) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"event_type": "consult"}, [0, 3]),
        ({"quad_class": 4}, [2]),
        ({"since": "2025"}, [1, 2]),
        ({"since": "2025-01-11"}, [2]),
        ({"until": "2024-12"}, [0]),
        ({"since": "2025-01", "until": "2025-01-10"}, [1]),
        ({"since": dt.date(2025, 1, 12)}, [2]),
        ({"min_confidence": 0.75}, [0, 1]),
        ({"include_flagged": False}, [0, 1, 2]),
        ({"limit": 2}, [0, 1]),
        ({"actor": "IRQ", "quad_class": 3}, [1]),
    ],
    ids=[
        "type-any-case", "quad", "since-year", "since-day", "until-month-inclusive",
        "date-range", "since-date-object", "min-confidence", "exclude-flagged", "limit",
        "combined",
    ],
)  # fmt: skip
def test_other_filters(store, filters, expected):
    assert numbers(store.events(**filters)) == expected


def test_unknown_actor_is_an_error_naming_it(store):
    with pytest.raises(UnknownActorError, match="'Atlantis'"):
        store.events(actor="Atlantis")


@pytest.mark.parametrize("bad", ["yesterday", "2025-13", "2025-02-30", "25"])
def test_bad_date_is_an_error_naming_it(store, bad):
    with pytest.raises(StoreError, match="not a date"):
        store.events(since=bad)


def test_resolve_actor_lists_every_matching_id(store):
    assert store.resolve_actor("SYR") == ("person.ahmed-al-sharaa", "syr", "syr.gov")


def test_top_country_dyads_counts_source_target_pairs_across_countries(store):
    # IRQ-SYR: events 0 and 1; TUR-IRQ: event 3; ISIS has no country, so event 2 is no dyad.
    assert store.top_country_dyads() == [("IRQ", "SYR", 2), ("IRQ", "TUR", 1)]


def test_stats_counts_tables_and_types(store):
    stats = store.stats()
    assert stats["events_by_type"] == {"CONSULT": 2, "ACCUSE": 1, "ASSAULT": 1}
    assert (stats["first_date"], stats["last_date"]) == ("2024-12-29", "2025-01-12")
