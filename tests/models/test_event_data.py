"""The training data: one span convention (short-name role spans widened to their noun phrase),
our type labels on conflibert training sentences, and the cross-fitting folds of VOA dev."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from event_data import (
    DEV_FOLDS,
    SOURCE,
    TARGET,
    TYPE_ABSENT,
    TYPE_PRESENT,
    TYPE_UNKNOWN,
    RoleSpan,
    conflibert_class_examples,
    conflibert_key,
    conflibert_types,
    dev_fold,
    fusion_report_examples,
    widen_to_phrase,
    written_examples,
)

from dyad.evaluate.gold import PLOVER_TYPES
from dyad.evaluate.splits import is_held_out
from dyad.evaluate.voa import load_split
from dyad.nlp import load_language


@pytest.fixture(scope="module")
def nlp():
    return load_language()


def widened(nlp, text: str, name: str, role: str, *others: str) -> str:
    doc = nlp(text)
    span = _span(text, name, role)
    spans = (span, *(_span(text, other, SOURCE if role == TARGET else TARGET)
                     for other in others))
    result = widen_to_phrase(doc, span, spans)
    return text[result.start:result.end]


def _span(text: str, name: str, role: str) -> RoleSpan:
    start = text.index(name)
    return RoleSpan(start, start + len(name), role)


def test_a_title_and_name_become_one_phrase(nlp):
    text = "Jordanian Foreign Minister Nadia Qasem met the envoy in Amman."
    assert widened(nlp, text, "Nadia Qasem", SOURCE) == "Jordanian Foreign Minister Nadia Qasem"


def test_a_possessor_widens_to_the_event_noun_it_owns(nlp):
    text = "The ministry condemned Peru's decision on Tuesday."
    assert widened(nlp, text, "Peru", TARGET) == "Peru's decision"


def test_other_conjuncts_stay_out(nlp):
    text = "Ghana criticised Togo and Benin after the floods."
    assert widened(nlp, text, "Togo", TARGET) == "Togo"


def test_a_phrase_holding_the_other_role_is_not_taken(nlp):
    text = "Officials denounced Chad's raid on Niger last week."
    assert widened(nlp, text, "Niger", TARGET, "Chad") == "Niger"


def test_pronouns_stay_as_marked(nlp):
    text = "Their envoy rejected the offer."
    assert widened(nlp, text, "Their", SOURCE) == "Their"


def test_every_dev_story_falls_in_one_fold_and_every_fold_has_stories():
    dev = [story for story, split in load_split().items() if split == "dev"]
    folds = Counter(dev_fold(story) for story in dev)
    assert sorted(folds) == list(range(DEV_FOLDS))
    assert min(folds.values()) >= len(dev) // (2 * DEV_FOLDS)  # no fold nearly empty
    assert [dev_fold(story) for story in dev] == [dev_fold(story) for story in dev]


def test_our_type_labels_reach_conflibert_training_sentences_only(tmp_path):
    training = "Rebels shelled the town of Kobani for the 1th day."
    held_out = "Rebels shelled the town of Kobani for the 0th day."
    assert not is_held_out(training) and is_held_out(held_out)
    statement = "The minister spoke to reporters in Ankara."
    unlabelled = "Rebels shelled the town of Kobani for the 3th day."
    folder = tmp_path / "conflibert_cameo" / "cameo_class"
    folder.mkdir(parents=True)
    (folder / "train.tsv").write_text(
        f"{training}\t4\n{held_out}\t4\n{statement}\t0\n{unlabelled}\t4\n", encoding="utf-8")
    labels = tmp_path / "types.jsonl"
    labels.write_text("".join(
        json.dumps({"key": conflibert_key(text), "types": ["ASSAULT"]}) + "\n"
        for text in (training, held_out)), encoding="utf-8")  # fmt: skip
    types = {ex.text: ex.types for ex in conflibert_class_examples(tmp_path, labels)}
    assault = PLOVER_TYPES.index("ASSAULT")
    assert types[training][assault] == TYPE_PRESENT
    assert sum(v == TYPE_ABSENT for v in types[training]) == len(PLOVER_TYPES) - 1
    assert set(types[held_out]) == {TYPE_UNKNOWN}  # held out: never trained, label ignored
    assert set(types[statement]) == {TYPE_ABSENT}
    assert set(types[unlabelled]) == {TYPE_UNKNOWN}


def test_a_type_label_outside_plover_names_the_line(tmp_path):
    labels = tmp_path / "types.jsonl"
    labels.write_text('{"key": "ab", "types": ["ATTACK"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"types.jsonl:1: not PLOVER types: \['ATTACK'\]"):
        conflibert_types(labels)


def test_a_sentence_modeled_on_a_dev_story_leaves_with_that_storys_fold(tmp_path):
    dev = sorted(story for story, split in load_split().items() if split == "dev")
    by_fold = {dev_fold(story): story for story in dev}
    event = {"event_type": "ASSAULT", "mode": None, "negated": False, "hypothetical": False,
             "source": {"text": "Rebels", "code": "SYRREB"}, "target": None}
    written = tmp_path / "written.jsonl"
    written.write_text("".join(
        json.dumps({"text": f"Rebels shelled town {fold}.", "modeled_on": story, "events": [event]})
        + "\n" for fold, story in sorted(by_fold.items())
    ) + json.dumps({"text": "Rebels shelled a village.", "events": [event]}) + "\n",
        encoding="utf-8")  # fmt: skip
    assert len(written_examples(written)) == DEV_FOLDS + 1
    kept = {ex.text for ex in written_examples(written, left_out_fold=1)}
    assert kept == {"Rebels shelled town 0.", "Rebels shelled town 2.", "Rebels shelled a village."}


def test_crossfit_reads_each_dev_story_with_the_model_of_its_fold(tmp_path):
    from crossfit import story_models

    from dyad.models.event_model import default_model_path

    with pytest.raises(ValueError, match="3 model folders are needed"):
        story_models([tmp_path, tmp_path])
    # three copies of the shipped model stand in for fold models: each story gets its fold's
    folders = [default_model_path()] * DEV_FOLDS
    model_for = story_models(folders, threads=1)
    dev = [story for story, split in load_split().items() if split == "dev"]
    by_fold = {}
    for story_id in dev:
        model = model_for(SimpleNamespace(story_id=story_id))
        by_fold.setdefault(dev_fold(story_id), set()).add(id(model))
    assert len(by_fold) == DEV_FOLDS
    assert all(len(models) == 1 for models in by_fold.values())
    assert len({next(iter(models)) for models in by_fold.values()}) == DEV_FOLDS


def test_coded_fusion_reports_train_only_the_batches_asked_for():
    seventh = fusion_report_examples(frozenset({7}))
    both = fusion_report_examples(frozenset({7, 9}))
    assert seventh and len(both) > len(seventh)
    assert {example.origin for example in both} == {"fusion"}
    assert not fusion_report_examples(frozenset({10}))  # a test batch: never coded for training
    assert any(TYPE_PRESENT in example.types and example.spans for example in seventh)

