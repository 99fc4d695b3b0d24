"""Why the event model reads each sentence alone: batches move a sentence's int8 reading.

    .venv/bin/python bench/model_batching.py [--sentences 2000] [--batch 32] [--threads 2]
                                             [--model DIR]

Reads the first N sentences of the VOA stories (../shared/data/voa_news) with the shipped model
twice: alone, as ``EventModel.predict`` does, and in length-sorted batches, as it did before the
sixth session (one onnxruntime run per batch, padded). Dynamic int8 quantisation scales the
activations over the whole batch, so the batched readings differ. Prints both speeds (model
only, no parsing), how many sentences change their type decisions (p >= 0.5), and the largest
change of one type probability. Asserts nothing. ``--model`` times another model folder (a fold
model, one trained with ``--layers 3``) instead of the shipped one.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np

from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.voa import load_stories
from dyad.models.event_model import EventModel

DECISION = 0.5


def voa_sentences(count: int) -> list[str]:
    texts = [story["text"] for story in load_stories(Path(DEFAULT_DATA_DIR)).values()]
    pieces = (p for text in texts for p in re.split(r"(?<=[.!?])\s+", text) if len(p) > 20)
    return [piece for piece, _ in zip(pieces, range(count), strict=False)]


def batched_type_probs(model: EventModel, sentences: list[str], batch: int) -> list[np.ndarray]:
    """Type probabilities read in length-sorted padded batches through the loaded model's own
    session and tokenizer (the way ``EventModel.predict`` read before the sixth session)."""
    session, tokenizer = model._session, model._tokenizer  # the bench compares the two readings
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    found: dict[int, np.ndarray] = {}
    for first in range(0, len(order), batch):
        rows = order[first:first + batch]
        encodings = tokenizer.encode_batch([sentences[i] for i in rows])
        feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64)}
        (types,) = session.run(["type_probs"], feed)
        found.update(zip(rows, types, strict=True))
    return [found[i] for i in range(len(sentences))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", type=Path, default=None,
                        help="model folder to time (default: the shipped model)")
    args = parser.parse_args()
    sentences = voa_sentences(args.sentences)
    model = EventModel.load(args.model, threads=args.threads)
    model.predict(sentences[:32])  # warm-up
    started = time.perf_counter()
    alone = model.predict(sentences)
    alone_rate = len(sentences) / (time.perf_counter() - started)
    started = time.perf_counter()
    batched = batched_type_probs(model, sentences, args.batch)
    batched_rate = len(sentences) / (time.perf_counter() - started)
    names = model.labels.types
    changed, largest = 0, 0.0
    for reading, probs in zip(alone, batched, strict=True):
        single = np.array([reading.type_probs[name] for name in names])
        changed += bool(((single >= DECISION) != (probs >= DECISION)).any())
        largest = max(largest, float(np.abs(single - probs).max()))
    print(f"{len(sentences)} VOA sentences, {args.threads} threads")
    print(f"alone: {alone_rate:.0f} sentences/s; batches of {args.batch}: {batched_rate:.0f}")
    print(f"type decisions changed by batching: {changed} sentences "
          f"({changed / len(sentences):.1%}); largest probability change {largest:.2f}")


if __name__ == "__main__":
    main()
