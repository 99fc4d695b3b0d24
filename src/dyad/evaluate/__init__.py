"""Scoring dyad against gold data (``dyad evaluate``).

Scorers take the system under test as a plain function ``code_text(text) -> events`` so they can
be checked with a fake coder; ``pipeline_coder`` builds the real one.
"""

from dyad.evaluate.cli import cli_command, evaluate
from dyad.evaluate.coder import EventCoder, pipeline_coder
from dyad.evaluate.gold import (
    ClassifiedSentence,
    GoldActor,
    GoldEvent,
    load_conflibert,
    load_plover_gsr,
)
from dyad.evaluate.plover_score import PloverReport, score_plover
from dyad.evaluate.quad_score import QuadReport, predicted_class, score_classes, score_quad

__all__ = [
    "ClassifiedSentence",
    "EventCoder",
    "GoldActor",
    "GoldEvent",
    "PloverReport",
    "QuadReport",
    "cli_command",
    "evaluate",
    "load_conflibert",
    "load_plover_gsr",
    "pipeline_coder",
    "predicted_class",
    "score_classes",
    "score_plover",
    "score_quad",
]
