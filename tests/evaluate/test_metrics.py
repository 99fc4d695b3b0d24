import pytest

from dyad.evaluate.metrics import Counts, Ratio, macro_f1, set_counts, total


def test_precision_recall_f1_from_counts():
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert counts.support == 5


def test_empty_counts_score_zero_not_error():
    assert Counts().precision == 0.0
    assert Counts().recall == 0.0
    assert Counts().f1 == 0.0


def test_set_counts_compares_label_sets():
    assert set_counts({"AGREE", "ACCUSE"}, {"AGREE", "REJECT"}) == Counts(tp=1, fp=1, fn=1)


def test_totals_and_macro_average():
    parts = [Counts(1, 0, 0), Counts(0, 1, 1)]
    assert total(parts) == Counts(1, 1, 1)
    assert macro_f1(parts) == pytest.approx(0.5)
    assert macro_f1([]) == 0.0


def test_ratio_value():
    assert Ratio(2, 8).value == pytest.approx(0.25)
    assert Ratio(0, 0).value == 0.0
