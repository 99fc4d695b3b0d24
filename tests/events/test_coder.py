"""The event coder on hand-written sentences: what an analyst would code, and nothing else."""

from __future__ import annotations

import dataclasses

import pytest

# (text, the event an analyst codes: type, source id, target id)
ONE_EVENT = [
    pytest.param("Iraq and Jordan agreed on Monday to reopen their main border crossing.",
                 ("AGREE", "irq", "jor"), id="agree-conjoined-subject"),
    pytest.param("Fuad Hussein visited Damascus on Sunday.",
                 ("CONSULT", "person.fuad-hussein", "syr.gov"), id="consult-visit-capital"),
    pytest.param("Asaad al-Shaibani visited Iraq last week.",
                 ("CONSULT", "person.asaad-al-shaibani", "irq.gov"),
                 id="consult-visit-country-is-its-government"),
    pytest.param("Asaad al-Shaibani met with Fuad Hussein in Baghdad on Friday.",
                 ("CONSULT", "person.asaad-al-shaibani", "person.fuad-hussein"),
                 id="consult-meet-with"),
    pytest.param("Hamid al-Shatri's visit to Damascus lasted two days.",
                 ("CONSULT", "person.hamid-al-shatri", "syr.gov"), id="consult-visit-noun"),
    pytest.param("France praised Jordan for its handling of the refugee crisis.",
                 ("SUPPORT", "fra", "jor"), id="support-praise"),
    pytest.param("Iran eased its sanctions on Iraq after the elections.",
                 ("CONCEDE", "irn", "irq"), id="concede-ease"),
    pytest.param("Iraq and Syria share intelligence on Islamic State cells.",
                 ("COOPERATE", "irq", "syr"), id="cooperate-share-intelligence"),
    pytest.param("Germany sent humanitarian aid to Syria.",
                 ("AID", "deu", "syr"), id="aid-send"),
    pytest.param("Turkey withdrew its troops from Iraq.",
                 ("RETREAT", "tur", "irq"), id="retreat-withdraw-from"),
    pytest.param("The United Nations urged Iraq to release the detained journalists.",
                 ("REQUEST", "igo.un", "irq"), id="request-urge-infinitive-not-an-event"),
    pytest.param("Hezbollah called on Lebanon to reject the plan.",
                 ("REQUEST", "group.hezbollah", "lbn"), id="request-call-on"),
    pytest.param("Syria's foreign ministry condemned Israel's air strikes on Lebanon.",
                 ("ACCUSE", "syr.gov", "isr"), id="accuse-condemned-strikes-are-content"),
    pytest.param(
        "Nouri al-Maliki launched an attack on the new Syrian leadership, accusing it of failure.",
        ("ACCUSE", "person.nouri-al-maliki", "syr.gov"), id="accuse-verbal-attack"),
    pytest.param("Iran rejected the demands of the United States.",
                 ("REJECT", "irn", "usa"), id="reject-demands-are-content"),
    pytest.param("Turkey threatened the PKK with a new offensive.",
                 ("THREATEN", "tur", "group.pkk"), id="threaten"),
    pytest.param("Thousands of Iraqis protested against Iran in Baghdad.",
                 ("PROTEST", "irq.cvl", "irn"), id="protest-against"),
    pytest.param("The United States imposed new sanctions on Iran.",
                 ("SANCTION", "usa", "irn"), id="sanction-light-verb"),
    pytest.param("Turkey deployed troops along the border.",
                 ("MOBILIZE", "tur", None), id="mobilize-deploy"),
    pytest.param("Iraqi security forces detained 13 Syrians in Baghdad.",
                 ("COERCE", "irq.cop", "syr.cvl"), id="coerce-detain"),
    pytest.param("Turkish drones struck PKK positions in the mountains.",
                 ("ASSAULT", "tur.mil", "group.pkk"), id="assault-strike-military"),
    pytest.param("An Islamic State commander was killed by Iraqi security forces.",
                 ("ASSAULT", "irq.cop", "group.islamic-state"), id="passive-by-agent"),
    pytest.param("Iraq said that Turkish troops attacked the PKK.",
                 ("ASSAULT", "tur.mil", "group.pkk"), id="reported-speech-inner-event"),
    pytest.param("Iraq accused Turkey of attacking civilians.",
                 ("ACCUSE", "irq", "tur"), id="accuse-of-gerund-not-an-event"),
    pytest.param("Iraq and Syria agreed to cooperate in the fight against the Islamic State.",
                 ("AGREE", "irq", "syr"), id="fight-as-goal-not-an-event"),
    pytest.param("Turkey hailed the decision of Iraq.", ("SUPPORT", "tur", "irq"),
                 id="hail-is-support"),
    pytest.param("Rockets fired by Hezbollah fighters struck Turkish troops in Syria.",
                 ("ASSAULT", "group.hezbollah", "tur.mil"), id="weapon-subject-user-by-agent"),
    pytest.param("Turkey's shelling of the PKK continued on Monday.",
                 ("ASSAULT", "tur", "group.pkk"), id="possessor-doer-of-patient"),
    pytest.param("An attack by Hezbollah on Syrian troops killed five soldiers.",
                 ("ASSAULT", "group.hezbollah", "syr.mil"), id="event-noun-by-agent-on-target"),
    pytest.param("Fuad Hussein called Asaad al-Shaibani by phone on Tuesday.",
                 ("CONSULT", "person.fuad-hussein", "person.asaad-al-shaibani"),
                 id="consult-phone-call"),
    # suspects handed from one state to another: cooperation, the one handed to the target
    pytest.param("Thailand turned 40 of the men over to China after arresting them in 2014.",
                 ("COOPERATE", "tha", "chn"), id="handover-particle-after-object"),
    pytest.param("Iraq received 140 suspected militants from the SDF on Sunday.",
                 ("COOPERATE", "group.sdf", "irq"), id="handover-received-from"),
    pytest.param("Syria transferred 47 Iraqi prisoners to Baghdad's custody on Wednesday.",
                 ("COOPERATE", "syr", "irq.gov"), id="handover-to-capitals-custody"),
    # captives freed to the Red Cross are released
    pytest.param("Hamas handed over three hostages to the Red Cross on Saturday.",
                 ("RETREAT", "group.hamas", "igo.icrc"), id="release-to-red-cross"),
]

NO_EVENT = [
    pytest.param("Iraq and Syria share a long border.", id="share-border"),
    pytest.param("Turkey, Iraq and Syria share concerns about the escape of prisoners.",
                 id="share-concerns"),
    pytest.param("Relations between Iraq and Syria remained troubled.", id="description"),
    pytest.param("Nouri al-Maliki has a tendency to develop relations with Syria.",
                 id="tendency"),
    pytest.param("They see the need for relations with Syria to remain at the level of "
                 "security coordination.", id="need-for"),
    pytest.param("Turkish troops (left) met Jordan's officers (Reuters).", id="caption"),
    pytest.param("Iraq and Syria agree to cooperate on border security", id="title"),
    pytest.param("Iraqi oil workers went on strike for higher wages.",
                 id="labour-strike-without-target-or-source-actor-pair-is-not-assault"),
]


@pytest.mark.parametrize(("text", "expected"), ONE_EVENT)
def test_codes_the_analyst_event(code_text, summary, text, expected):
    events = code_text(text)
    assert [summary(e) for e in events] == [expected]


@pytest.mark.parametrize("text", NO_EVENT)
def test_codes_no_event(code_text, summary, text):
    kinds = {e.event_type for e in code_text(text)}
    assert "ASSAULT" not in kinds
    if "strike" not in text:
        assert kinds == set()


def test_sentence_ending_in_the_next_ones_opening_quote_reports_events(code_text, summary):
    # With straight quotes the splitter can leave the next quote's opening mark on a sentence.
    events = code_text('Iraq accused Turkey of attacking civilians. "')
    assert [summary(e) for e in events] == [("ACCUSE", "irq", "tur")]


def test_labour_strike_is_protest(code_text, summary):
    events = code_text("Iraqi oil workers went on strike against the Iraqi government.")
    assert [summary(e) for e in events] == [("PROTEST", "irq.lab", "irq.gov")]


def test_multilateral_cooperation_is_one_event(code_text, summary):
    events = code_text(
        "Turkey revealed an initial cooperation between Iraq, Syria, Jordan and Lebanon.")
    assert len(events) == 1
    event = events[0]
    assert summary(event) == ("COOPERATE", "irq", "syr")
    assert [m.actor.id for m in event.others] == ["jor", "lbn"]


def test_shared_subject_of_conjoined_verbs(code_text, summary):
    events = code_text(
        "Syria's foreign ministry condemned the attacks and urged Iraq to protect Syrians.")
    assert ("REQUEST", "syr.gov", "irq") in [summary(e) for e in events]


def test_pronoun_subject_resolves_to_person(code_text, summary):
    events = code_text("Hamid al-Shatri arrived on Sunday. He met Ahmed al-Sharaa in Damascus.")
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert [summary(e) for e in consult] == [
        ("CONSULT", "person.hamid-al-shatri", "person.ahmed-al-sharaa")]
    assert consult[0].source.text == "He"


def test_a_pronoun_after_two_people_stands_for_neither(code_text):
    # Fuad Hussein or Nouri al-Maliki: the coder does not guess who "he" is.
    events = code_text("Fuad Hussein spoke with Nouri al-Maliki on Sunday. "
                       "He met Ahmed al-Sharaa in Damascus.")
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert all(e.source is None or e.source.text != "He" for e in consult)


def test_event_fields(code_text, summary):
    text = "Fuad Hussein visited Damascus on Sunday."
    (event,) = code_text(text)
    assert (event.mode, event.cameo_root, event.quad_class, event.intensity) == (
        "visit", "04", 1, 4.0)
    assert event.sentence == text
    assert (event.char_start, event.char_end) == (0, len(text))
    assert event.trigger == "visited"
    assert 0 < event.confidence <= 1
    assert event.event_id == code_text(text)[0].event_id


def test_accuse_is_conflictual(code_text, summary):
    (event,) = code_text("France condemned Iran.")
    assert event.quad_class == 3 and event.intensity < 0


def test_modality_flags_pass_through(code_text, summary, monkeypatch):
    from dyad.events import coder

    original = coder.modality_of

    def negated(trigger, sentence, published, *, untriggered=False):
        flags = original(trigger, sentence, published, untriggered=untriggered)
        return dataclasses.replace(flags, negated=True)

    monkeypatch.setattr(coder, "modality_of", negated)
    (event,) = code_text("Jordan did not sign the agreement with Iraq.")
    assert event.event_type == "SUPPORT" and event.negated


def test_one_event_per_sentence_type_and_dyad(code_text, summary):
    events = code_text("Fuad Hussein visited Damascus and met officials in Damascus.")
    assert [summary(e) for e in events].count(("CONSULT", "person.fuad-hussein", "syr.gov")) == 1
