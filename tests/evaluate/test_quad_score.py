"""Class scoring on six hand-labelled sentences; expected numbers worked out by hand."""

import pytest
from evaluate_fakes import event, fake_coder

from dyad.evaluate.gold import ClassifiedSentence
from dyad.evaluate.metrics import Counts
from dyad.evaluate.quad_score import predicted_class, score_quad

GOLD = [
    ClassifiedSentence("a: a statement", 0),
    ClassifiedSentence("b: talks held", 1),
    ClassifiedSentence("c: an appeal", 3),
    ClassifiedSentence("d: an air strike", 4),
    ClassifiedSentence("e: an arrest", 4),
    ClassifiedSentence("f: aid", 2),
]
CODED = {
    "b: talks held": [event("CONSULT", quad=1, cameo="04")],
    "c: an appeal": [event("REQUEST", quad=3, cameo="02")],
    "d: an air strike": [event("ASSAULT", quad=4, cameo="19")],
    "f: aid": [event("AID", quad=2, cameo="07", negated=True)],
}


@pytest.fixture
def reports():
    quad, cameo = score_quad(GOLD, fake_coder(CODED))
    return {"quad": quad, "cameo": cameo}


def test_quad_scheme_accuracy_and_per_class(reports):
    # predicted: a 0, b 1, c 3, d 4, e 0 (nothing coded), f 0 (negated aid is not counted)
    report = reports["quad"]
    assert report.accuracy == pytest.approx(4 / 6)
    assert report.per_class[0] == Counts(tp=1, fp=2, fn=0)
    assert report.per_class[2] == Counts(tp=0, fp=0, fn=1)
    assert report.per_class[4] == Counts(tp=1, fp=0, fn=1)
    # F1 per class: 0.5, 1, 0, 1, 2/3
    assert report.macro_f1 == pytest.approx((0.5 + 1 + 0 + 1 + 2 / 3) / 5)


def test_event_detection(reports):
    # gold events: b c d e f; predicted events: b c d
    assert reports["quad"].event_detection == Counts(tp=3, fp=0, fn=2)
    assert reports["quad"].event_detection.f1 == pytest.approx(0.75)


def test_cameo_scheme_puts_appeals_in_class_zero(reports):
    report = reports["cameo"]
    assert report.confusion[3, 0] == 1
    assert report.accuracy == pytest.approx(3 / 6)
    assert report.event_detection == Counts(tp=2, fp=0, fn=3)


@pytest.mark.parametrize(
    ("events", "scheme", "expected"),
    [
        ([], "quad", 0),
        ([event("ACCUSE", quad=3, cameo="11", confidence=0.4),
          event("ASSAULT", quad=4, cameo="19", confidence=0.8)], "quad", 4),
        ([event("SANCTION", quad=3, cameo="16")], "cameo", 3),
        ([event("COERCE", quad=4, cameo="17")], "cameo", 4),
        ([event("ASSAULT", quad=4, cameo="19", hypothetical=True)], "quad", 0),
    ],
    ids=["none", "most-confident-wins", "sanctions-verbal", "arrest-material", "hypothetical"],
)  # fmt: skip
def test_predicted_class(events, scheme, expected):
    assert predicted_class(events, scheme) == expected


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError, match="unknown scheme"):
        predicted_class([event("AGREE")], "goldstein")
