"""Scoring arithmetic checked on a hand-made gold set; expected numbers worked out by hand."""

import pytest
from evaluate_fakes import event, fake_coder

from dyad.evaluate.gold import parse_plover_records
from dyad.evaluate.metrics import Counts
from dyad.evaluate.plover_score import score_plover

S1 = "Iraqi officials met Syrian envoys in Baghdad."
S2 = "Turkish troops shelled SDF positions."
S3 = "Jordan and Syria agreed to reopen the border."
S4 = "Iran criticised the United States."


def actor(text, code, sector=None):
    return {"actorText": text, "code": code, **({"sector": sector} if sector else {})}


GOLD_RECORDS = [
    {"id": "DOC", "event": "DOCUMENT"},
    {"id": "g1", "event": "CONSULT", "text": S1, "source": [actor("Iraqi officials", "IRQ", "GOV")],
     "target": [actor("Syrian", "SYR")]},
    {"id": "g2", "event": "FIGHT", "text": S2, "source": [actor("Turkish troops", "TUR", "MIL")],
     "target": [actor("SDF", "SYR", "REB")]},
    {"id": "g3", "event": "AGREE", "text": S3,
     "source": [actor("Jordan", "JOR"), actor("Syria", "SYR")], "target": ""},
    {"id": "g4", "event": "DISAPPROVE", "text": S4, "source": [actor("Iran", "IRN")],
     "target": [actor("United States", "USA")]},
    {"id": "g5", "event": "CRIME", "text": "A bank was robbed."},
]  # fmt: skip

PREDICTIONS = {
    S1: [event("CONSULT", "IRQGOV", "SYRGOV", confidence=0.9),
         event("ACCUSE", "IRQ", "SYR", confidence=0.5)],
    S2: [event("ASSAULT", "TURMIL", "SYRMIL")],
    S3: [],
    S4: [event("ACCUSE", "IRN", "USA", hypothetical=True), event("REJECT", "IRN", "USA")],
}  # fmt: skip


@pytest.fixture
def report():
    gold = parse_plover_records(GOLD_RECORDS)
    return score_plover(gold.events, fake_coder(PREDICTIONS))


def test_loader_maps_legacy_names_and_skips_unknown():
    gold = parse_plover_records(GOLD_RECORDS)
    assert [e.event_type for e in gold.events] == ["CONSULT", "ASSAULT", "AGREE", "ACCUSE"]
    assert gold.events[3].mode == "disapprove"
    assert gold.skipped == ("g5",)


def test_reciprocal_sources_are_each_others_targets():
    agree = parse_plover_records(GOLD_RECORDS).events[2]
    assert {a.country for a in agree.targets} == {"JOR", "SYR"}


def test_micro_scores(report):
    # tp: CONSULT (S1), ASSAULT (S2); fp: ACCUSE (S1), REJECT (S4); fn: AGREE (S3), ACCUSE (S4).
    # The hypothetical ACCUSE in S4 is not a reported fact and is not counted.
    assert report.micro == Counts(tp=2, fp=2, fn=2)
    assert report.micro.f1 == pytest.approx(0.5)
    assert report.sentences == 4
    assert report.sentences_without_events == 1


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [("CONSULT", Counts(1, 0, 0)), ("ACCUSE", Counts(0, 1, 1)), ("ASSAULT", Counts(1, 0, 0)),
     ("AGREE", Counts(0, 0, 1)), ("REJECT", Counts(0, 1, 0))],
    ids=str,
)  # fmt: skip
def test_per_type_counts(report, event_type, expected):
    assert report.per_type[event_type] == expected


@pytest.mark.parametrize(
    ("check", "all_hits", "typed_hits"),
    [
        ("source_country", (2, 4), (2, 2)),
        ("target_country", (2, 4), (2, 2)),
        ("source_code", (2, 4), (2, 2)),
        # S1: bare SYR accepts SYRGOV; S2: SYRMIL is not the rebel SYRREB.
        ("target_code", (1, 4), (1, 2)),
    ],
    ids=str,
)
def test_actor_checks(report, check, all_hits, typed_hits):
    assert (report.actors_all[check].hits, report.actors_all[check].total) == all_hits
    assert (report.actors_typed[check].hits, report.actors_typed[check].total) == typed_hits


def test_two_gold_events_in_one_sentence_are_one_sentence():
    records = [
        {"id": "a", "event": "AGREE", "text": S1, "source": [actor("Iraq", "IRQ")]},
        {"id": "b", "event": "CONSULT", "text": S1, "source": [actor("Iraq", "IRQ")]},
    ]
    gold = parse_plover_records(records).events
    report = score_plover(gold, fake_coder({S1: [event("CONSULT", "IRQ")]}))
    assert report.sentences == 1
    assert report.micro == Counts(tp=1, fp=0, fn=1)
