"""Score the CAMEO class of sentences against conflibert_cameo-style gold labels.

The predicted class of a sentence comes from its most confident (non-negated, non-hypothetical)
event, 0 when there is none. Two ways to read that event, because the gold labels are CAMEO
"PentaClass" and PLOVER moved some CAMEO roots between classes:

- ``quad``: the event's PLOVER quad class (1-4). An appeal ("urged ...") is PLOVER REQUEST,
  quad 3, while the gold puts CAMEO 02 appeals in class 0.
- ``cameo``: the class of the event's CAMEO root, as the gold defines it (``CAMEO_ROOT_CLASS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dyad.evaluate.coder import EventCoder, counted_events, most_confident
from dyad.evaluate.gold import CONFLIBERT_CLASSES, ClassifiedSentence
from dyad.evaluate.metrics import Counts, macro_f1
from dyad.records import Event

SCHEMES = ("quad", "cameo")

# CAMEO root -> gold class, read off the gold examples: sanctions (16) sit with verbal conflict.
CAMEO_ROOT_CLASS = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}


@dataclass(frozen=True, slots=True)
class QuadReport:
    scheme: str
    sentences: int
    correct: int
    per_class: dict[int, Counts]
    event_detection: Counts  # "this sentence reports an event" (gold class != 0)
    confusion: dict[tuple[int, int], int]  # (gold, predicted) -> sentences

    @property
    def accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.per_class.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "scheme": self.scheme,
            "sentences": self.sentences,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {str(k): c.as_dict() for k, c in sorted(self.per_class.items())},
            "event_detection": self.event_detection.as_dict(),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def predicted_class(events: Sequence[Event], scheme: str = "quad") -> int:
    event = most_confident(counted_events(events))
    if event is None:
        return 0
    if scheme == "quad":
        return event.quad_class
    if scheme == "cameo":
        return CAMEO_ROOT_CLASS.get(event.cameo_root[:2], event.quad_class)
    raise ValueError(f"unknown scheme {scheme!r}; expected one of {SCHEMES}")


def score_classes(
    gold: Sequence[ClassifiedSentence], predicted: Sequence[int], scheme: str
) -> QuadReport:
    """The report for predicted classes given in the order of ``gold``."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction per gold sentence is needed")
    confusion: dict[tuple[int, int], int] = {}
    for item, guess in zip(gold, predicted, strict=True):
        confusion[item.label, guess] = confusion.get((item.label, guess), 0) + 1

    def count(gold_test, predicted_test) -> Counts:
        tp = fp = fn = 0
        for (g, p), n in confusion.items():
            tp += n * (gold_test(g) and predicted_test(p))
            fp += n * (not gold_test(g) and predicted_test(p))
            fn += n * (gold_test(g) and not predicted_test(p))
        return Counts(tp, fp, fn)

    per_class = {c: count(lambda g, c=c: g == c, lambda p, c=c: p == c) for c in CONFLIBERT_CLASSES}
    return QuadReport(
        scheme=scheme,
        sentences=len(gold),
        correct=sum(n for (g, p), n in confusion.items() if g == p),
        per_class=per_class,
        event_detection=count(lambda g: g != 0, lambda p: p != 0),
        confusion=confusion,
    )


def score_quad(
    gold: Sequence[ClassifiedSentence], code_text: EventCoder, schemes: Sequence[str] = SCHEMES
) -> list[QuadReport]:
    """Code every sentence once and score it under each scheme."""
    coded = [code_text(item.text) for item in gold]
    return [
        score_classes(gold, [predicted_class(events, scheme) for events in coded], scheme)
        for scheme in schemes
    ]
