"""The training data: one span convention (short-name role spans widened to their noun phrase)
and the cross-fitting folds of the VOA dev stories."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from event_data import DEV_FOLDS, SOURCE, TARGET, RoleSpan, dev_fold, widen_to_phrase

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
