"""Learned models that run with onnxruntime (no torch at run time)."""

from dyad.models.event_model import EventModel, ModelLoadError, SentencePrediction, SpanGuess

__all__ = ["EventModel", "ModelLoadError", "SentencePrediction", "SpanGuess"]
