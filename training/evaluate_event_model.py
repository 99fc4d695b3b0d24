"""Score the exported event model on held-out data and write its model card.

Runs the model exactly as dyad does (``dyad.models.EventModel``, onnxruntime), never torch.
Held out: conflibert_cameo and plover_gsr sentences chosen by ``dyad.evaluate.splits``.

    .venv/bin/python training/evaluate_event_model.py    # the shipped model; --model DIR: another
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from pathlib import Path

from event_data import (
    SOURCE,
    TARGET,
    TYPE_PRESENT,
    Example,
    all_examples,
    held_out_examples,
    sentence_splitter,
)

from dyad.evaluate.voa import load_stories
from dyad.models.event_model import EventModel, SentencePrediction, default_model_path

HERE = Path(__file__).parent
TYPE_THRESHOLD = 0.5
THROUGHPUT_SENTENCES = 1024
CARD_TEMPLATE = HERE / "event_model_card.md"


def f1(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(score, 3)}


def quad_scores(examples: list[Example], predictions: list[SentencePrediction]) -> dict:
    pairs = [(ex.quad, _argmax(p.quad_probs)) for ex, p in zip(examples, predictions, strict=True)]
    per_class = [
        f1(sum(g == p == c for g, p in pairs), sum(p == c for _, p in pairs),
           sum(g == c for g, _ in pairs))["f1"]
        for c in range(5)
    ]  # fmt: skip
    return {
        "sentences": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 3),
        "macro_f1": round(sum(per_class) / 5, 3),
    }


def span_scores(examples: list[Example], predictions: list[SentencePrediction]) -> dict:
    """Span F1 per role: exact match (both ends agree), and overlap (paired one to one)."""
    scores = {}
    for role in (SOURCE, TARGET):
        hits = overlaps = predicted = gold = 0
        for example, prediction in zip(examples, predictions, strict=True):
            wanted = {(s.start, s.end) for s in example.spans or () if s.role == role}
            guessed = prediction.source_spans if role == SOURCE else prediction.target_spans
            found = {(g.start, g.end) for g in guessed}
            hits, predicted, gold = (hits + len(wanted & found), predicted + len(found),
                                     gold + len(wanted))  # fmt: skip
            overlaps += _overlap_pairs(sorted(wanted), sorted(found))
        scores[role.lower()] = f1(hits, predicted, gold) | {
            "gold_spans": gold, "overlap_f1": f1(overlaps, predicted, gold)["f1"],
        }  # fmt: skip
    return scores


def _overlap_pairs(wanted: list[tuple[int, int]], found: list[tuple[int, int]]) -> int:
    """Gold and guessed spans that overlap, each used once (first come, first paired)."""
    free, pairs = list(found), 0
    for start, end in wanted:
        match = next((span for span in free if span[0] < end and start < span[1]), None)
        if match:
            free.remove(match)
            pairs += 1
    return pairs


def type_scores(examples: list[Example], predictions: list[SentencePrediction]) -> dict:
    """Per-type F1 of the type head alone (probability >= 0.5); macro over types with gold."""
    per_type = {}
    names = list(predictions[0].type_probs) if predictions else []
    for index, name in enumerate(names):
        gold = [ex.types[index] == TYPE_PRESENT for ex in examples]
        guess = [p.type_probs[name] >= TYPE_THRESHOLD for p in predictions]
        hits = sum(g and p for g, p in zip(gold, guess, strict=True))
        if sum(gold):
            per_type[name] = f1(hits, sum(guess), sum(gold))["f1"]
    top = [
        ex.types[names.index(max(p.type_probs, key=p.type_probs.get))] == TYPE_PRESENT
        for ex, p in zip(examples, predictions, strict=True)
    ]
    return {
        "sentences": len(examples),
        "macro_f1": round(sum(per_type.values()) / len(per_type), 3),
        "top_type_accuracy": round(sum(top) / len(top), 3),
        "per_type_f1": per_type,
    }


def agreement(first: list[SentencePrediction], second: list[SentencePrediction]) -> dict:
    pairs = list(zip(first, second, strict=True))
    same_class = [_argmax(a.quad_probs) == _argmax(b.quad_probs) for a, b in pairs]
    decisions = [
        (a.type_probs[name] >= TYPE_THRESHOLD) == (b.type_probs[name] >= TYPE_THRESHOLD)
        for a, b in pairs for name in a.type_probs
    ]  # fmt: skip
    return {
        "sentences": len(pairs),
        "quad_class": round(sum(same_class) / len(pairs), 3),
        "type_decisions": round(sum(decisions) / len(decisions), 4),
        "spans": round(sum(_spans(a) == _spans(b) for a, b in pairs) / len(pairs), 3),
    }


def _spans(prediction: SentencePrediction) -> tuple:
    return ([(s.start, s.end) for s in prediction.source_spans],
            [(s.start, s.end) for s in prediction.target_spans])  # fmt: skip


def _argmax(values: Iterable[float]) -> int:
    values = list(values)
    return values.index(max(values))


def voa_sentences(data_dir: Path, count: int) -> list[str]:
    nlp = sentence_splitter()
    sentences: list[str] = []
    for story in load_stories(data_dir).values():
        sentences += [s.text.strip() for s in nlp(story["text"]).sents if s.text.strip()]
        if len(sentences) >= count:
            break
    return sentences[:count]


def throughput(model: EventModel, sentences: list[str]) -> float:
    model.predict(sentences[:64])  # warm-up
    started = time.perf_counter()
    model.predict(sentences)
    return round(len(sentences) / (time.perf_counter() - started), 1)


def evaluate(data_dir: Path, model_dir: Path, fp32_dir: Path | None) -> dict:
    examples = all_examples(data_dir)
    conflibert = held_out_examples(examples, "conflibert")
    classified = [ex for ex in conflibert if ex.quad is not None]
    tagged = [ex for ex in conflibert if ex.spans is not None]
    plover = held_out_examples(examples, "plover")
    plover_tagged = [ex for ex in plover if ex.spans is not None]
    model = EventModel.load(model_dir, threads=2)
    texts = sorted({ex.text for ex in conflibert + plover})
    predicted = dict(zip(texts, model.predict(texts), strict=True))

    def of(chosen: list[Example]) -> list[SentencePrediction]:
        return [predicted[ex.text] for ex in chosen]

    scores = {
        "conflibert_quad": quad_scores(classified, of(classified)),
        "conflibert_spans": span_scores(tagged, of(tagged)),
        "plover_types": type_scores(plover, of(plover)),
        "plover_spans": span_scores(plover_tagged, of(plover_tagged)),
        "voa_sentences_per_second": throughput(model, voa_sentences(data_dir,
                                                                    THROUGHPUT_SENTENCES)),
    }  # fmt: skip
    if fp32_dir:
        reference = EventModel.load(fp32_dir, threads=2).predict(texts)
        scores["int8_vs_fp32_agreement"] = agreement(list(predicted.values()), reference)
    return scores


def write_card(model_dir: Path, scores: dict, run: dict) -> None:
    quad, spans = scores["conflibert_quad"], scores["conflibert_spans"]
    types, plover_spans = scores["plover_types"], scores["plover_spans"]
    per_type = ", ".join(f"{name} {value:.2f}" for name, value in types["per_type_f1"].items())
    agree = scores.get("int8_vs_fp32_agreement", {})
    values = {
        "train_sentences": ", ".join(f"{k} {v}" for k, v in run["train_sentences"].items()),
        "config": ", ".join(f"{k}={v}" for k, v in run["config"].items()),
        "train_minutes": run["train_minutes"],
        "quad_n": quad["sentences"], "quad_acc": quad["accuracy"], "quad_f1": quad["macro_f1"],
        "src": spans["source"]["f1"], "src_n": spans["source"]["gold_spans"],
        "src_o": spans["source"]["overlap_f1"], "tgt_o": spans["target"]["overlap_f1"],
        "tgt": spans["target"]["f1"], "tgt_n": spans["target"]["gold_spans"],
        "src_p": spans["source"]["precision"], "src_r": spans["source"]["recall"],
        "tgt_p": spans["target"]["precision"], "tgt_r": spans["target"]["recall"],
        "type_n": types["sentences"], "type_f1": types["macro_f1"],
        "type_top": types["top_type_accuracy"], "per_type": per_type,
        "psrc": plover_spans["source"]["f1"], "ptgt": plover_spans["target"]["f1"],
        "speed": scores["voa_sentences_per_second"],
        "agree_quad": agree.get("quad_class", "n/a"),
        "agree_types": agree.get("type_decisions", "n/a"), "agree_spans": agree.get("spans", "n/a"),
    }  # fmt: skip
    card = CARD_TEMPLATE.read_text(encoding="utf-8").format(**values)
    (model_dir / "README.md").write_text(card, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--model", type=Path, default=default_model_path())
    parser.add_argument("--fp32", type=Path, help="the float export, for int8 agreement")
    parser.add_argument("--run", type=Path, help="run.json of the training: write the model card")
    args = parser.parse_args()
    scores = evaluate(args.data, args.model, args.fp32)
    print(json.dumps(scores, indent=1))
    (args.model / "scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    if args.run:
        write_card(args.model, scores, json.loads(args.run.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
