"""A trained event model's readings of sentences, for distilling it into a smaller one.

    python training/teacher_outputs.py --model DIR --texts IN.jsonl --out OUT.jsonl

Reads one JSON string (a sentence) per line of ``--texts`` and writes, per line, the model's
five CAMEO class probabilities and 16 PLOVER type probabilities (``{"quad": [...], "types":
[...]}``, the graph's order) with ``dyad.models.event_model.EventModel``, as dyad reads at run
time (int8 ONNX, one sentence at a time). Runs in its own process because
``train_event_model.py`` holds torch, which is not mixed with onnxruntime.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dyad.models.event_model import EventModel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="teacher model folder")
    parser.add_argument("--texts", type=Path, required=True, help="JSON string per line")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    texts = [json.loads(line) for line in args.texts.read_text(encoding="utf-8").splitlines()]
    model = EventModel.load(args.model, threads=args.threads)
    types = model.labels.types
    with args.out.open("w", encoding="utf-8") as out:
        for prediction in model.predict(texts):
            record = {"quad": [round(p, 5) for p in prediction.quad_probs],
                      "types": [round(prediction.type_probs[name], 5) for name in types]}
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
