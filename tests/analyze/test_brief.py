"""The brief's numbers on the Iraq-Syria events of analyze_fakes.py, worked out by hand."""

import json

import pytest
from analyze_fakes import SENTENCES
from dyad_fakes import retold_article

from dyad.analyze.brief import SCHEMA, build_brief
from dyad.store import Store, UnknownActorError


@pytest.fixture(scope="module")
def store(iraq_syria_store):
    return iraq_syria_store


@pytest.fixture(scope="module")
def brief(store):
    return build_brief(store, "IRQ", "SYR")


def test_counts_reported_events_between_the_two_sides_only(brief):
    # Events 0-9 are between Iraq and Syria; 8 is hypothetical; 9 has no date; 10 involves IS.
    counts = brief.counts
    assert (counts.reports, counts.events, counts.counted) == (10, 10, 9)
    assert (counts.flagged, counts.undated) == (1, 1)


def test_monthly_counts_by_quad_class(brief):
    assert [(m.month, m.counts, m.intensity) for m in brief.months] == [
        ("2024-11", (2, 1, 0, 0), 9.0),
        ("2024-12", (1, 0, 1, 1), -10.0),
        ("2025-01", (0, 0, 1, 1), -8.0),
    ]
    assert [round(m.net, 4) for m in brief.months] == [1.0, -0.3333, -1.0]


def test_three_months_of_events_are_too_few_for_a_trend(brief):
    # All 8 dated events fall in the last three months: nothing earlier to compare with.
    assert brief.trend.direction == "insufficient data"
    assert brief.trend.recent.events == 8 and brief.trend.earlier is None


def test_key_events_rank_by_intensity_times_confidence(brief):
    assert [(k.event_type, k.date) for k in brief.key_events] == [
        ("COERCE", "2025-01-05"),
        ("ASSAULT", "2024-12-20"),
        ("AID", "2024-11-25"),
        ("AGREE", "2024-11-20"),
        ("REJECT", None),
    ]
    first = brief.key_events[0]
    assert (first.source.name, first.target.name) == ("Government of Syria", "Government of Iraq")
    assert (first.num_reports, first.num_sources) == (1, 1)
    assert [e.sentence for e in first.evidence] == ["Damascus seized Iraqi trucks, Baghdad said."]


def test_a_threat_not_carried_out_is_an_open_question(brief):
    assert [(q.event_type, q.flags) for q in brief.open_questions] == [
        ("ASSAULT", ("hypothetical",))
    ]


def test_the_islamic_state_is_a_third_party_of_iraq(brief):
    [party] = brief.third_parties
    assert (party.actor.name, party.events_with_a, party.events_with_b) == ("Islamic State", 1, 0)
    assert party.net_with_a == -1.0
    assert [e.evidence[0].sentence for e in party.toward_a] == ["Islamic State attacked Baghdad."]


def test_positions_inside_each_side_come_from_stance_events_and_words(brief):
    held_a = [(p.holder.name, p.stance, p.object) for p in brief.positions_a]
    assert held_a == [
        ("Government of Iraq", "oppose", "Damascus of harbouring smugglers"),
        ("Government of Iraq", "oppose", "the proposal from Damascus"),
    ]
    rejected = brief.positions_a[1]
    assert rejected.basis == ("language: rejected", "event REJECT: rejected")
    assert [(p.holder.name, p.stance) for p in brief.positions_b] == [("Ahmed al-Sharaa", "oppose")]


def test_a_person_against_a_country(store):
    brief = build_brief(store, "al-Sharaa", "IRQ")  # events 3 and 7
    assert [k.evidence[0].sentence for k in brief.key_events] == [SENTENCES[7], SENTENCES[3]]
    assert brief.side_a.names == ("Ahmed al-Sharaa",)
    assert brief.side_b.names == ("Government of Iraq", "Iraqi intelligence")


def test_the_period_narrows_every_part(store):
    brief = build_brief(store, "IRQ", "SYR", since="2024-12", until="2024-12")
    assert [m.month for m in brief.months] == ["2024-12"]
    assert (brief.since, brief.until, brief.counts.counted) == ("2024-12", "2024-12", 3)
    assert brief.positions_b == ()  # al-Sharaa's accusation is of January


def test_json_form_is_the_documented_one(brief):
    data = json.loads(json.dumps(brief.to_dict()))
    assert data["schema"] == SCHEMA
    assert list(data) == [
        "schema", "side_a", "side_b", "since", "until", "counts", "months", "trend",
        "key_events", "third_parties", "positions_a", "positions_b", "positions_third",
        "open_questions",
    ]  # fmt: skip
    assert data["months"][1] == {
        "month": "2024-12",
        "counts": [1, 0, 1, 1],
        "intensity": -10.0,
        "total": 3,
        "net": -0.3333,
    }
    event = data["key_events"][0]
    assert event["evidence"][0] == {
        "doc_id": "rel",
        "sentence_index": 6,
        "sentence": SENTENCES[6],
        "doc_path": None,
    }
    assert set(data["positions_a"][0]) >= {"holder", "stance", "object", "evidence"}


def test_unknown_side_is_an_error(store):
    with pytest.raises(UnknownActorError):
        build_brief(store, "IRQ", "Narnia")


@pytest.fixture
def retold(tmp_path):
    """A store holding one meeting told twice: the second telling marked as a repeat."""
    with Store(tmp_path / "r.duckdb") as opened:
        opened.write(retold_article("rep"))
        yield opened


def test_a_repeated_telling_is_stored_but_counted_once(retold):
    brief = build_brief(retold, "IRQ", "SYR")
    assert (brief.counts.reports, brief.counts.events, brief.counts.counted) == (2, 1, 1)
    assert [month.counts for month in brief.months] == [(1, 0, 0, 0)]
    [meeting] = brief.key_events
    assert [e.sentence_index for e in meeting.evidence] == [0, 1]
