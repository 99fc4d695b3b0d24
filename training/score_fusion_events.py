"""Score dyad's coded events on the coded fusion dev reports, read by chosen event models.

    .venv/bin/python training/score_fusion_events.py --batches 11 \
        --models shipped training/work/fold-0-fu

``data/fusion_dev_events.jsonl`` holds events coded by helpers on every fusion **dev** report
(docs/gold.md format). This reads the reports of the given fusion batches with each model folder
(``shipped``: the packaged model) and the shipped thresholds, and prints the VOA-style scores
(type + source + target, and type only). It tells whether a model trained with
``train_event_model.py --fusion-batches`` codes a batch it was not trained on better.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from crossfit import story_coder

from dyad.config import Settings
from dyad.evaluate.fusion_score import load_fusion_gold
from dyad.evaluate.voa import load_gold, score_stories
from dyad.models.event_model import EventModel

CODED = Path(__file__).parent / "data" / "fusion_dev_events.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, nargs="+", required=True)
    parser.add_argument("--models", nargs="+", default=["shipped"],
                        help="model folders, or 'shipped'")
    args = parser.parse_args()
    batch_of = load_fusion_gold().batch_of
    lines = [line for line in CODED.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        chosen = Path(folder) / "coded.jsonl"  # the chosen reports' lines, as users' gold
        chosen.write_text("".join(line + "\n" for line in lines
                                  if batch_of.get(json.loads(line)["story_id"]) in args.batches),
                          "utf-8")
        stories = load_gold([chosen], {}, {})
    for name in args.models:
        model = EventModel.load(None if name == "shipped" else Path(name))
        report = score_stories(stories, story_coder(lambda story, m=model: m, Settings()))
        full, typed = report.full, report.typed
        print(f"{name}: {report.stories} reports, {report.gold_events} coded events; "
              f"type+source+target {full.tp} right / {full.tp + full.fp} emitted "
              f"(F1 {full.f1:.3f}); type only {typed.tp} / {typed.tp + typed.fp}")


if __name__ == "__main__":
    main()
