"""The brief's numbers on a hand-built set of Iraq-Syria events, worked out by hand below."""

import json

import pytest
from dyad_fakes import IRQGOV, IRQSPY, ISIS, SHARAA, SYRGOV, Coded, article, retold_article

from dyad.analyze.brief import MonthSummary, build_brief, render_text, trend
from dyad.store import Store, UnknownActorError

BAGHDAD = (IRQGOV, "Baghdad")
DAMASCUS = (SYRGOV, "Damascus")

SENTENCES = [
    "Baghdad held talks with Damascus on trade.",
    "Damascus agreed with Baghdad on water sharing.",
    "Baghdad sent aid convoys to Damascus.",
    "Iraqi intelligence met al-Sharaa.",
    "Baghdad accused Damascus of harbouring smugglers.",
    "Damascus shelled positions held by Baghdad near the border.",
    "Damascus seized Iraqi trucks, Baghdad said.",
    "al-Sharaa accused Baghdad of meddling.",
    "Baghdad threatened it could strike Damascus.",
    "Baghdad rejected the proposal from Damascus.",
    "Islamic State attacked Baghdad.",
]
#  n  date        type      quad intensity conf  |i|*conf  counted
CODED = [
    Coded(0, "CONSULT", 1, 1.0, BAGHDAD, DAMASCUS, "2024-11-03", 0.8),  # 0.8
    Coded(1, "AGREE", 1, 3.0, DAMASCUS, BAGHDAD, "2024-11-20", 0.9),  # 2.7
    Coded(2, "AID", 2, 5.0, BAGHDAD, DAMASCUS, "2024-11-25", 0.6),  # 3.0
    Coded(3, "CONSULT", 1, 1.0, (IRQSPY, "Iraqi intelligence"), (SHARAA, "al-Sharaa"),
          "2024-12-02", 0.8),  # 0.8
    Coded(4, "ACCUSE", 3, -2.0, BAGHDAD, DAMASCUS, "2024-12-15", 0.8),  # 1.6
    Coded(5, "ASSAULT", 4, -9.0, DAMASCUS, BAGHDAD, "2024-12-20", 0.5),  # 4.5
    Coded(6, "COERCE", 4, -6.0, DAMASCUS, BAGHDAD, "2025-01-05", 0.9),  # 5.4
    Coded(7, "ACCUSE", 3, -2.0, (SHARAA, "al-Sharaa"), BAGHDAD, "2025-01-09", 0.7),  # 1.4
    Coded(8, "ASSAULT", 4, -10.0, BAGHDAD, DAMASCUS, "2025-01-12", 1.0,
          extra={"hypothetical": True}),  # 10, but flagged: not counted, ranked last
    Coded(9, "REJECT", 3, -4.0, BAGHDAD, DAMASCUS, None, 0.5),  # 2.0, undated
    Coded(10, "ASSAULT", 4, -9.0, (ISIS, "Islamic State"), BAGHDAD, "2025-01-20", 0.9),  # IS
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("brief") / "b.duckdb") as opened:
        opened.write(article("rel", SENTENCES, CODED, published="2025-01-25"))
        yield opened


@pytest.fixture(scope="module")
def brief(store):
    return build_brief(store, "IRQ", "SYR")


def test_counts_reported_events_between_the_two_sides_only(brief):
    # Events 0-9 are between Iraq and Syria; 8 is hypothetical; 9 has no date; 10 involves IS.
    assert (brief.events, brief.counted, brief.flagged, brief.undated) == (10, 9, 1, 1)


def test_monthly_counts_by_quad_class(brief):
    assert [(m.month, m.counts, m.intensity) for m in brief.months] == [
        ("2024-11", (2, 1, 0, 0), 9.0),
        ("2024-12", (1, 0, 1, 1), -10.0),
        ("2025-01", (0, 0, 1, 1), -8.0),
    ]
    assert [round(m.net, 4) for m in brief.months] == [1.0, -0.3333, -1.0]


def test_trend_compares_the_latest_month_with_the_months_before(brief):
    # Latest net -1.0 against mean(1.0, -1/3) = 1/3: a change of -4/3.
    assert brief.trend.direction == "worsening"
    assert (brief.trend.latest_month, brief.trend.latest_net) == ("2025-01", -1.0)
    assert (brief.trend.earlier_net, brief.trend.earlier_months) == (0.3333, 2)
    assert brief.trend.change == -1.3333


def test_key_events_rank_by_intensity_times_confidence(brief):
    assert [(k.event_type, k.date) for k in brief.key_events] == [
        ("COERCE", "2025-01-05"),
        ("ASSAULT", "2024-12-20"),
        ("AID", "2024-11-25"),
        ("AGREE", "2024-11-20"),
        ("REJECT", None),
    ]
    first = brief.key_events[0]
    assert (first.source, first.target) == ("Government of Syria", "Government of Iraq")
    assert first.sentence == "Damascus seized Iraqi trucks, Baghdad said."


def test_flagged_events_rank_after_every_reported_fact(store):
    from dyad.analyze.brief import key_events

    ranked = key_events(store.events(dyad=("IRQ", "SYR")), count=10)
    assert ranked[-1].flags == ("hypothetical",)
    assert ranked[-1].intensity == -10.0


def test_a_person_against_a_country(store):
    brief = build_brief(store, "al-Sharaa", "IRQ")  # events 3 and 7
    assert [k.sentence for k in brief.key_events] == [SENTENCES[7], SENTENCES[3]]
    assert brief.names_a == ("Ahmed al-Sharaa",)
    assert brief.names_b == ("Government of Iraq", "Iraqi intelligence")


@pytest.mark.parametrize(
    ("nets", "direction"),
    [
        ([0.5], "insufficient data"),
        ([0.0, 0.2], "stable"),
        ([-1.0, 1.0, 0.0], "stable"),
        ([-1.0, -0.5, 0.5], "improving"),
        ([1.0, 1.0, 1.0, 1.0, 0.5], "worsening"),
    ],
    ids=["one-month", "small-rise", "latest-equals-mean", "rise", "fall"],
)
def test_trend_direction(nets, direction):
    months = tuple(_month(index, net) for index, net in enumerate(nets))
    assert trend(months).direction == direction


def _month(index, net):
    """A month of 4 events whose net cooperation is ``net`` (a multiple of 0.5)."""
    cooperation = int((net + 1) * 2)
    return MonthSummary(f"2024-{index + 1:02d}", (cooperation, 0, 4 - cooperation, 0), 0.0)


def test_text_report_shows_numbers_and_evidence(brief):
    text = render_text(brief)
    assert "Relations brief: IRQ — SYR" in text
    assert "2024-12       1       0        1        1  -0.33" in text
    assert "worsening" in text
    assert '"Damascus seized Iraqi trucks, Baghdad said."' in text
    assert "Government of Syria -> Government of Iraq" in text


def test_json_form_has_the_same_numbers(brief):
    data = json.loads(json.dumps(brief.to_dict()))
    assert data["months"][1] == {
        "month": "2024-12",
        "counts": [1, 0, 1, 1],
        "intensity": -10.0,
        "total": 3,
        "net": -0.3333,
    }
    assert data["trend"]["direction"] == "worsening"
    assert len(data["key_events"]) == 5


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
    assert [r["duplicate_of"] for r in retold.events()] == [None, "rep:0"]
    brief = build_brief(retold, "IRQ", "SYR")
    assert (brief.events, brief.counted, brief.repeats) == (2, 1, 1)
    assert [month.counts for month in brief.months] == [(1, 0, 0, 0)]
    assert len(brief.key_events) == 1


def test_repeated_tellings_can_be_left_out_of_event_lists(retold):
    assert [r["event_id"] for r in retold.events(repeats=False)] == ["rep:0"]
    assert len(retold.events()) == 2
