"""Defects found by the analyst's precision audit of the example articles: the doer of an event
named by a noun is the target, not its victim; reporters, places and plural nouns are no actors;
a relative clause's subject is the noun before it; topics of talk are no events."""

from __future__ import annotations

import pytest

# (text, (type, source id, target id) an analyst codes for the sentence's main event)
MAIN_EVENT = [
    pytest.param("Syria's foreign ministry condemned the attack by Turkish troops on Syrian "
                 "workers.",
                 ("ACCUSE", "syr.gov", "tur.mil"), id="condemned-event-noun-target-is-its-doer"),
    pytest.param("The Iraqi government announced control of the town after battles with "
                 "Hezbollah, which withdrew from the area.",
                 ("RETREAT", "group.hezbollah", None), id="relative-subject-is-noun-before-it"),
    pytest.param("Hezbollah said its fighters attacked Syrian troops, and it pledged to fight on.",
                 ("AGREE", "group.hezbollah", None), id="it-is-not-a-plural-common-noun"),
    pytest.param("Syria handed over 20 Iraqi prisoners to Baghdad.",
                 ("RETREAT", "syr", "irq.gov"), id="handing-over-prisoners-is-a-release"),
]

# (text, a (type, source, target) the analyst must not see)
WRONG = [
    pytest.param("The Iraqi government condemned the violence against Syrian workers.",
                 ("ACCUSE", "irq.gov", "syr.cvl"), id="victim-of-condemned-violence-no-target"),
    pytest.param("Baghdad opened an investigation into an assault on Syrian workers.",
                 ("ACCUSE", "irq.gov", "syr.cvl"), id="victim-of-investigated-assault-no-target"),
    pytest.param("The fighting killed 40 people in Syria, according to the Iraqi government.",
                 ("ASSAULT", None, "irq.gov"), id="according-to-names-a-reporter"),
]

NOTHING = [
    pytest.param("Jordan hosts about 650,000 refugees from Syria.",
                 id="hosting-counted-people-is-no-visit"),
    pytest.param("Iraq could reconsider its cooperation with Turkey.",
                 id="reconsidered-cooperation-is-a-topic"),
    pytest.param("Turkey will consider sanctions against Syria.", id="considered-sanctions-topic"),
]


@pytest.mark.parametrize(("text", "expected"), MAIN_EVENT)
def test_main_event_has_the_analyst_roles(code_text, summary, text, expected):
    events = [summary(e) for e in code_text(text)]
    assert expected in events, events
    assert not [e for e in events if e[0] == expected[0] and e != expected], events


@pytest.mark.parametrize(("text", "wrong"), WRONG)
def test_wrong_roles_are_not_coded(code_text, summary, text, wrong):
    assert wrong not in [summary(e) for e in code_text(text)]


@pytest.mark.parametrize("text", NOTHING)
def test_codes_nothing(code_text, summary, text):
    assert [summary(e) for e in code_text(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Jordan's foreign minister stressed the urgent need for cooperation between Jordan and "
        "Egypt to stop smuggling.",
        "Iraq asked Baghdad to reopen the crossing.",
    ],
    ids=["need-for-cooperation-is-no-event", "country-and-its-own-government-is-no-dyad"],
)
def test_no_event_from_needs_or_self_dyads(code_text, text):
    assert code_text(text) == []
