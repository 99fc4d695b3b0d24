"""Where `dyad code`'s time goes, stage by stage, on a corpus of real news.

    .venv/bin/python bench/stages.py [--corpus FILE] [--model-ops N]

Loads the pipeline once (start-up), then times each stage over the whole corpus in turn, in one
process with the default settings: reading and cleaning, each component of the spaCy pipeline,
actor mentions, the event model (each sentence read alone, as the coder does), hybrid coding.
With ``--model-ops N`` it also profiles the event model's ONNX graph on the first N sentences,
one thread, and prints each operator type's share of the model's time. Prints tables; asserts
nothing. The default corpus is the 89 VOA stories of ``../shared/data/voa_news``.
"""

from __future__ import annotations

import argparse
import collections
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnxruntime
from spacy.tokens import Doc

from dyad.actors import find_mentions
from dyad.evaluate.report import table
from dyad.events.fusion import mark_duplicates
from dyad.events.learned import hybrid_events
from dyad.models.event_model import (
    LABELS_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    default_model_path,
    load_tokenizer,
    read_labels,
)
from dyad.pipeline import Pipeline
from dyad.records import Article
from dyad.segment import content_sentences

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/voa_news/voa_stories.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model-ops", type=int, default=0, metavar="N")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []

    def timed(name: str, work):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = work()
        rows.append((name, f"{time.perf_counter() - start:.2f}"))
        return result

    pipeline = timed("start-up (parser, knowledge base, event model)",
                     lambda: (pipe := Pipeline(), pipe.model)[0])
    articles = timed("read and clean", lambda: [
        item for item in pipeline.prepared([args.corpus], None) if isinstance(item, Article)])
    nlp = pipeline.nlp
    # news articles are short enough to be parsed whole (dyad.nlp chunks only very long texts)
    docs = [nlp.make_doc(article.text) for article in articles]
    for name, component in nlp.pipeline:
        docs = timed(f"parse: {name}", lambda c=component, d=docs: run_component(c, d))
    mentions = timed("actor mentions", lambda: [
        find_mentions(doc, article, pipeline.kb)
        for doc, article in zip(docs, articles, strict=True)])
    sentences = [[s.text for s in content_sentences(doc)] for doc in docs]
    model = pipeline.model
    assert model is not None
    readings = timed("event model", lambda: [model.predict(texts) for texts in sentences])
    timed("hybrid coding", lambda: [
        mark_duplicates(hybrid_events(doc, article, found, pipeline.kb, read, pipeline.hybrid))
        for doc, article, found, read in zip(docs, articles, mentions, readings, strict=True)])
    count = sum(len(texts) for texts in sentences)
    print(f"{len(articles)} articles, {count} sentences ({args.corpus})")
    print(table(("stage", "seconds"), rows))
    if args.model_ops:
        print(model_ops([text for texts in sentences for text in texts][: args.model_ops]))


def run_component(component: Callable[[Doc], Doc], docs: list[Doc]) -> list[Doc]:
    """One spaCy component over the docs, batched where it can be (function components can't)."""
    pipe = getattr(component, "pipe", None)
    return list(pipe(docs, batch_size=16)) if pipe else [component(doc) for doc in docs]


def model_ops(sentences: list[str]) -> str:
    """Each ONNX operator type's share of the model's time over ``sentences``, one thread."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.enable_profiling = True
    with tempfile.TemporaryDirectory(prefix="dyad-ops-") as folder:
        options.profile_file_prefix = str(Path(folder) / "profile")
        folder_of_model = default_model_path()
        session = onnxruntime.InferenceSession(
            str(folder_of_model / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        tokenizer = load_tokenizer(folder_of_model / TOKENIZER_FILE,
                                   read_labels(folder_of_model / LABELS_FILE).max_length)
        for sentence in sentences:
            encoding = tokenizer.encode(sentence)
            session.run(None, {"input_ids": np.array([encoding.ids], dtype=np.int64),
                               "attention_mask": np.array([encoding.attention_mask],
                                                          dtype=np.int64)})
        events = json.loads(Path(session.end_profiling()).read_text(encoding="utf-8"))
    spent: collections.Counter[str] = collections.Counter()
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            spent[event["args"]["op_name"]] += event["dur"]
    total = sum(spent.values())
    rows = [(op, f"{micros / 1000:.0f}", f"{100 * micros / total:.1f}%")
            for op, micros in spent.most_common(10)]
    return f"event model operators, {len(sentences)} sentences, one thread\n" + table(
        ("operator", "ms", "share"), rows)


if __name__ == "__main__":
    main()
