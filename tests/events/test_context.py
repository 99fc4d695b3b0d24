"""PLOVER contexts from cue words and the event type."""

from __future__ import annotations

import pytest

from dyad.events.context import context_cues, contexts_of


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        ("Shaibani voiced readiness to bolster cooperation in the fight against IS.",
         "COOPERATE", {"terrorism"}),
        ("The ministers discussed border security and the return of Syrian refugees.",
         "CONSULT", {"territory", "migration"}),
        ("Iraqi intelligence killed a senior Islamic State leader.", "ASSAULT",
         {"intelligence", "terrorism"}),
        ("Hussein condemned the massacre of Alawite civilians.", "ACCUSE",
         {"human_rights", "human_security", "religion_ethnicity"}),
        ("Turkey moved tanks towards the frontier.", "MOBILIZE", {"military", "territory"}),
        ("Prisoners will be tried in accordance with Iraqi law.", "COERCE", {"legal"}),
        ("Iraq and Syria signed an oil trade agreement.", "COOPERATE",
         {"economic", "natural_resource"}),
        ("The ambassador met the Speaker of Parliament.", "CONSULT",
         {"diplomatic", "legislative"}),
    ],
    ids=["is-cased", "border-refugees", "intelligence-terrorism", "massacre-ethnic",
         "event-type-military", "legal", "economic-oil", "diplomatic-legislative"],
)
def test_contexts(nlp, text, event_type, expected):
    assert set(contexts_of(nlp(text)[:], event_type)) == expected


def test_lowercase_is_is_not_the_islamic_state(nlp):
    assert "terrorism" not in contexts_of(nlp("This is a visit.")[:], "CONSULT")


def test_contexts_come_in_plover_order(nlp):
    found = contexts_of(nlp("Terrorist attacks near the border hurt the economy.")[:], "ASSAULT")
    order = context_cues().order
    assert list(found) == sorted(found, key=order.index)
    assert set(found) == {"economic", "territory", "terrorism"}


def test_every_plover_context_is_listed():
    assert len(context_cues().order) == 37
