"""The training data's one span convention: short-name role spans widened to their noun phrase."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from event_data import SOURCE, TARGET, RoleSpan, widen_to_phrase

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
