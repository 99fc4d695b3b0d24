"""The teacher readings distillation trains on: the shipped model's own probabilities, per line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dyad.models.event_model import EventModel, default_model_path

SCRIPT = Path(__file__).resolve().parents[2] / "training" / "teacher_outputs.py"


def test_teacher_readings_are_the_models_probabilities_in_input_order(tmp_path):
    sentences = ["Turkish troops shelled Kurdish positions near Duhok.",
                 "The ministers met in Baghdad on Monday to discuss water."]
    texts, out = tmp_path / "texts.jsonl", tmp_path / "readings.jsonl"
    texts.write_text("".join(json.dumps(s) + "\n" for s in sentences), encoding="utf-8")
    subprocess.run([sys.executable, str(SCRIPT), "--model", str(default_model_path()),
                    "--texts", str(texts), "--out", str(out), "--threads", "1"], check=True)
    readings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    model = EventModel.load(threads=1)
    expected = model.predict(sentences)
    assert len(readings) == len(sentences)
    for reading, prediction in zip(readings, expected, strict=True):
        assert reading["quad"] == [round(p, 5) for p in prediction.quad_probs]
        assert reading["types"] == [round(prediction.type_probs[t], 5)
                                    for t in model.labels.types]
    assert readings[0]["types"] != readings[1]["types"]
