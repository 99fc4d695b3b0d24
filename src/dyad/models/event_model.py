"""The learned event model at run time: one int8 ONNX graph, three heads, no torch.

A MiniLM-L6 encoder fine-tuned by ``training/train_event_model.py`` reads a sentence and gives
(a) the probabilities of the five CAMEO classes (0 statement/none, 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict), (b) an independent probability
for each of the 16 PLOVER types, and (c) BIO tags for the source and target actors, decoded here
into whole-word character spans of the sentence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import onnxruntime
from tokenizers import Encoding, Tokenizer

MODEL_DIR = "dyad_events_minilm"
MODEL_FILE, TOKENIZER_FILE, LABELS_FILE = "model.onnx", "tokenizer.json", "labels.json"
SOURCE, TARGET = "SOURCE", "TARGET"


class ModelLoadError(RuntimeError):
    """The model directory is missing, incomplete or damaged; the message names the path."""


@dataclass(frozen=True, slots=True)
class SpanGuess:
    start: int  # character offsets into the sentence given to ``predict``
    end: int
    score: float  # mean probability of the role's tags over the span's tokens


@dataclass(frozen=True, slots=True)
class SentencePrediction:
    quad_probs: tuple[float, float, float, float, float]
    type_probs: dict[str, float]  # PLOVER type -> probability, all 16 types
    source_spans: tuple[SpanGuess, ...]
    target_spans: tuple[SpanGuess, ...]


@dataclass(frozen=True, slots=True)
class ModelLabels:
    """What ``labels.json`` says about the graph's outputs."""

    quad_classes: tuple[str, ...]
    types: tuple[str, ...]
    tags: tuple[str, ...]  # O, B-SOURCE, I-SOURCE, B-TARGET, I-TARGET
    max_length: int


def default_model_path() -> Path:
    return Path(str(resources.files("dyad") / "data" / "models" / MODEL_DIR))


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    """The tokenizer with dynamic padding: the bundled file fixes padding at its own length."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.enable_truncation(max_length)
    tokenizer.enable_padding()
    return tokenizer


def read_labels(path: Path) -> ModelLabels:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        labels = ModelLabels(
            tuple(raw["quad_classes"]), tuple(raw["types"]), tuple(raw["tags"]),
            int(raw["max_length"]),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelLoadError(f"{path}: unreadable labels file ({error})") from error
    if len(labels.quad_classes) != 5 or len(labels.types) != 16:
        raise ModelLoadError(f"{path}: expected 5 quad classes and 16 types")
    return labels


class EventModel:
    """Sentence-level CAMEO class, PLOVER type probabilities and actor spans."""

    def __init__(self, session: onnxruntime.InferenceSession, tokenizer: Tokenizer,
                 labels: ModelLabels) -> None:  # fmt: skip
        self._session = session
        self._tokenizer = tokenizer
        self.labels = labels
        self._tag_ids = {tag: index for index, tag in enumerate(labels.tags)}

    @classmethod
    def load(cls, path: Path | None = None, threads: int = 2) -> EventModel:
        """Load the model directory (the shipped one by default); ``threads`` caps onnxruntime."""
        folder = path or default_model_path()
        missing = [name for name in (MODEL_FILE, TOKENIZER_FILE, LABELS_FILE)
                   if not (folder / name).is_file()]  # fmt: skip
        if missing:
            raise ModelLoadError(
                f"{folder}: event model missing {', '.join(missing)}; "
                "run `make train-model` to build it"
            )
        labels = read_labels(folder / LABELS_FILE)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(
                str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
            )
            tokenizer = load_tokenizer(folder / TOKENIZER_FILE, labels.max_length)
        except Exception as error:  # onnxruntime and tokenizers raise their own error types
            raise ModelLoadError(f"{folder}: damaged event model ({error})") from error
        return cls(session, tokenizer, labels)

    def predict(self, sentences: Sequence[str]) -> list[SentencePrediction]:
        """One reading per sentence, in input order. Each sentence runs alone: dynamic int8
        quantisation scales activations over the whole batch, so neighbours and padding would
        move a sentence's scores (batches of 32 changed the type decisions of 5% of 2,000 VOA
        sentences: bench/model_batching.py), and a sentence must read the same in any article.
        Alone costs the model up to a third of its speed here; the CLI runs no slower."""
        return [self._predict_one(sentence) for sentence in sentences]

    def _predict_one(self, sentence: str) -> SentencePrediction:
        encoding = self._tokenizer.encode(sentence)
        feed = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
        }
        quad, types, tags = self._session.run(["quad_probs", "type_probs", "tag_probs"], feed)
        names = self.labels.types
        return SentencePrediction(
            quad_probs=tuple(float(p) for p in quad[0]),
            type_probs={name: float(p) for name, p in zip(names, types[0], strict=True)},
            source_spans=self._spans(tags[0], encoding, SOURCE),
            target_spans=self._spans(tags[0], encoding, TARGET),
        )

    def _spans(self, tag_probs: np.ndarray, encoding: Encoding, role: str) -> tuple[SpanGuess, ...]:
        return decode_spans(
            tag_probs, encoding.word_ids, encoding.offsets,
            self._tag_ids[f"B-{role}"], self._tag_ids[f"I-{role}"],
        )  # fmt: skip


def decode_spans(
    tag_probs: np.ndarray,
    word_ids: Sequence[int | None],
    offsets: Sequence[tuple[int, int]],
    begin: int,
    inside: int,
) -> tuple[SpanGuess, ...]:
    """Whole-word character spans of one role from per-token tag probabilities.

    A span starts at a token tagged B, or I after a token outside the role, and goes on over I
    tokens; it then grows to the whole words its first and last tokens belong to, so a name cut
    inside a word by a subword tag is never returned half.
    """
    word_bounds: dict[int, tuple[int, int]] = {}
    for word, (start, end) in zip(word_ids, offsets, strict=True):
        if word is not None:
            low, high = word_bounds.get(word, (start, end))
            word_bounds[word] = (min(low, start), max(high, end))
    best = tag_probs.argmax(axis=-1)
    runs: list[list[int]] = []
    inside_run = False
    for token, word in enumerate(word_ids):
        tag = best[token] if word is not None else -1
        if tag == begin or (tag == inside and not inside_run):
            runs.append([token])
        elif tag == inside:
            runs[-1].append(token)
        inside_run = tag in (begin, inside)
    spans: list[SpanGuess] = []
    for run in runs:
        start = word_bounds[word_ids[run[0]]][0]
        end = word_bounds[word_ids[run[-1]]][1]
        score = float(np.mean(tag_probs[run][:, [begin, inside]].sum(axis=-1)))
        if spans and start < spans[-1].end:  # two runs inside one word: one span
            previous = spans.pop()
            start, score = previous.start, max(score, previous.score)
        spans.append(SpanGuess(start, end, score))
    return tuple(spans)
