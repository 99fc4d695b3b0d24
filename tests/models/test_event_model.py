"""The shipped event model: loads, codes obvious sentences right, returns valid spans in order."""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from dyad.models import EventModel, ModelLoadError
from dyad.models.event_model import LABELS_FILE, TOKENIZER_FILE, decode_spans, default_model_path

SHELLING = "Russian forces shelled the Ukrainian city of Kharkiv on Monday."
NON_EVENT = "The weather in the capital was mild and sunny on Sunday, with light winds."
SENTENCES = (
    SHELLING,
    "Iraq and Syria signed an agreement on border security in Baghdad.",
    NON_EVENT,
    "The United Nations sent food aid to displaced families in Sudan's Darfur region.",
    "Protesters in Nairobi demanded the resignation of the interior minister.",
)


@pytest.fixture(scope="module")
def model() -> EventModel:
    # No skip: a missing shipped model must fail here (ModelLoadError names the path).
    return EventModel.load()


def _texts(sentence: str, spans) -> list[str]:
    return [sentence[span.start : span.end] for span in spans]


def test_shelling_is_assault_in_material_conflict_with_both_sides(model: EventModel) -> None:
    (prediction,) = model.predict([SHELLING])
    assert max(prediction.type_probs, key=prediction.type_probs.get) == "ASSAULT"
    assert prediction.quad_probs.index(max(prediction.quad_probs)) == 4
    assert "Russian forces" in _texts(SHELLING, prediction.source_spans)
    targets = _texts(SHELLING, prediction.target_spans)
    assert any("Kharkiv" in text or "Ukrainian city" in text for text in targets)
    assert not any("Russian" in text for text in targets)


def test_non_event_gets_low_type_scores(model: EventModel) -> None:
    (prediction,) = model.predict([NON_EVENT])
    assert max(prediction.type_probs.values()) < 0.3
    assert set(prediction.type_probs) == set(model.labels.types)
    assert len(prediction.type_probs) == 16


def test_spans_are_whole_words_inside_the_sentence(model: EventModel) -> None:
    for sentence, prediction in zip(SENTENCES, model.predict(SENTENCES), strict=True):
        for spans in (prediction.source_spans, prediction.target_spans):
            for span in spans:
                assert 0 <= span.start < span.end <= len(sentence)
                assert sentence[span.start : span.end].strip() == sentence[span.start : span.end]
                assert span.start == 0 or not sentence[span.start - 1].isalnum()
                assert span.end == len(sentence) or not sentence[span.end].isalnum()
                assert 0.0 < span.score <= 1.0
            assert all(a.end <= b.start for a, b in pairwise(spans))


def test_predictions_come_back_in_input_order(model: EventModel) -> None:
    forward = model.predict(SENTENCES)
    backward = model.predict(SENTENCES[::-1])
    assert forward == backward[::-1]
    assert model.predict([]) == []


def test_a_sentence_reads_the_same_whatever_its_neighbours(model: EventModel) -> None:
    # Batched, dynamic int8 quantisation let neighbours move a sentence's scores (up to 0.24
    # on VOA sentences, and its type decisions in 5% of them); each sentence now runs alone.
    long = "Officials said " + ", ".join(f"item {n} of the long list" for n in range(40)) + "."
    for sentence in SENTENCES:
        (alone,) = model.predict([sentence])
        assert model.predict(["Yes.", sentence, long])[1] == alone


def test_missing_model_directory_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match=re.escape(str(tmp_path / "nowhere"))):
        EventModel.load(tmp_path / "nowhere")


def test_damaged_model_file_names_the_path(tmp_path: Path) -> None:
    for name in (TOKENIZER_FILE, LABELS_FILE):
        shutil.copyfile(default_model_path() / name, tmp_path / name)
    (tmp_path / "model.onnx").write_bytes(b"not an onnx graph")
    with pytest.raises(ModelLoadError, match=re.escape(f"{tmp_path}: damaged event model")):
        EventModel.load(tmp_path)


def test_damaged_labels_file_names_the_path(tmp_path: Path) -> None:
    shutil.copytree(default_model_path(), tmp_path / "model")
    (tmp_path / "model" / LABELS_FILE).write_text('{"types": []}', encoding="utf-8")
    with pytest.raises(ModelLoadError, match=re.escape("labels.json: unreadable labels file")):
        EventModel.load(tmp_path / "model")


def test_decoded_span_grows_to_the_whole_word() -> None:
    # Tokens: [CLS] the khar ##kiv army [SEP]; "khar" is tagged B-SOURCE, "##kiv" wrongly O.
    text = "the kharkiv army"
    word_ids = [None, 0, 1, 1, 2, None]
    offsets = [(0, 0), (0, 3), (4, 8), (8, 11), (12, 16), (0, 0)]
    tags = np.full((6, 5), 0.05)
    tags[:, 0] = 0.8  # O everywhere ...
    tags[2] = [0.1, 0.8, 0.05, 0.025, 0.025]  # ... but B-SOURCE on "khar"
    tags[4] = [0.1, 0.05, 0.8, 0.025, 0.025]  # and I-SOURCE on "army" after an O: a new span
    spans = decode_spans(tags, word_ids, offsets, begin=1, inside=2)
    assert [text[s.start : s.end] for s in spans] == ["kharkiv", "army"]
    assert spans[0].score == pytest.approx(0.85)
