"""Precision, recall and F1 from counts: the arithmetic every scorer shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def _ratio(numerator: int, denominator: int) -> float:
    # An empty denominator scores 0, not an error: a type never predicted has precision 0.
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """How many gold items: true positives plus misses."""
        return self.tp + self.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
        }


def set_counts(predicted: set[str], gold: set[str]) -> Counts:
    """Counts for one item whose predictions and gold answers are sets of labels."""
    return Counts(len(predicted & gold), len(predicted - gold), len(gold - predicted))


def total(counts: Iterable[Counts]) -> Counts:
    return sum(counts, Counts())


def macro_f1(per_label: Iterable[Counts]) -> float:
    scores = [c.f1 for c in per_label]
    return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True, slots=True)
class Ratio:
    """A hit rate, e.g. source country right in 40 of 50 sentences."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        return _ratio(self.hits, self.total)

    def as_dict(self) -> dict[str, float | int]:
        return {"hits": self.hits, "total": self.total, "value": round(self.value, 4)}
