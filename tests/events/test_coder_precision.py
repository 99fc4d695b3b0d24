"""Over-generation the coder must avoid: roles guessed across clauses, re-mentioned events,
descriptive participles, and places or reporters taken for actors (one test per defect)."""

from __future__ import annotations

import pytest

# (text, the only events an analyst codes: (type, source id, target id))
CODED = [
    pytest.param("Iraqi police detained 13 Syrians accused of smuggling weapons into Iraq.",
                 [("COERCE", "irq.cop", "syr.cvl")],
                 id="detained-object-before-participle-and-no-accuse-from-participle"),
    pytest.param("Iraqi police arrested dozens of Syrians suspected of backing Hezbollah.",
                 [("COERCE", "irq.cop", "syr.cvl")], id="suspected-of-is-a-description"),
    pytest.param("Fuad Hussein's visit to Damascus lasted two days.",
                 [("CONSULT", "person.fuad-hussein", "syr.gov")],
                 id="subject-event-noun-with-its-own-target-is-kept"),
]

NONE = [
    pytest.param("Fuad Hussein arrived in Baghdad. His visit coincided with the elections.",
                 id="pronoun-event-noun-re-mention"),
    pytest.param("Hamid al-Shatri's visit focused on explaining Iraq's worries.",
                 id="event-noun-subject-of-descriptive-verb"),
    pytest.param("The Iran-backed militias gathered near Baghdad.",
                 id="prenominal-participle-describes"),
    pytest.param("The meeting was the first hosted by Baghdad since 2012.",
                 id="host-without-guest"),
    pytest.param("Jordan hosts thousands of refugees from Syria and Iraq.",
                 id="hosting-refugees-is-no-visit"),
    pytest.param("The Iraqi government released the results of the census on Monday.",
                 id="released-results-is-no-retreat"),
]


@pytest.mark.parametrize(("text", "expected"), CODED)
def test_codes_only_the_analyst_events(code_text, summary, text, expected):
    events = code_text(text)
    assert [summary(e) for e in events] == expected


@pytest.mark.parametrize("text", NONE)
def test_codes_nothing(code_text, summary, text):
    assert [summary(e) for e in code_text(text)] == []


def test_cause_of_killing_is_its_doer_and_partner_is_other(code_text, summary):
    events = code_text("Iraqi police acknowledged the killing of Asaad al-Shaibani, saying his "
                       "killing resulted from Iraqi security forces operations in collaboration "
                       "with Turkish troops.")
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1, [summary(e) for e in events]
    (assault,) = assaults
    assert summary(assault)[1:] == ("irq.cop", "person.asaad-al-shaibani")
    assert [m.actor.id for m in assault.others] == ["tur.mil"]
    assert "COOPERATE" not in {e.event_type for e in events}


def test_linear_fallback_skips_other_clauses(code_text, summary):
    events = code_text("Iraqi sources said that the United States, before Asaad al-Shaibani "
                       "arrived, notified Iraq of the need to act.")
    assert all(summary(e)[1] != "person.asaad-al-shaibani" for e in events)


def test_linear_fallback_skips_places(code_text, summary):
    events = code_text("Iraqi security forces detained a man accused of violence in Syria.")
    assert [summary(e) for e in events] == [("COERCE", "irq.cop", None)]

