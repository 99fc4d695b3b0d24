"""Triggers the analyst audit of the example articles found missing: prisoner exchanges, talks
without "with", weapons that hit things, crowd control, reinforcements, barred inspectors,
summoned chargés d'affaires, approved requests and warnings with a threat; the senses the
lexicon audit (training/lexicon_audit.py) split off: peacekeepers or aid workers withdrawn or
expelled, peacekeeping deployments, trade bans, fighting corruption; and the country a
country-less agent takes from its article."""

from __future__ import annotations

import pytest

from dyad.actors import find_mentions
from dyad.events import code_events
from dyad.records import Article, Event


@pytest.fixture(scope="module")
def coded(nlp, kb):
    """The events of `text`, with the real actor recognition."""

    def code(text: str) -> list[Event]:
        article = Article(doc_id="test", text=text, published=None)
        doc = nlp(text)
        return code_events(doc, article, find_mentions(doc, article, kb), kb)

    return code


def _ids(event: Event) -> set[str]:
    """Every participant's actor id."""
    mentions = [event.source, event.target, *event.others]
    return {m.actor.id for m in mentions if m is not None and m.actor is not None}


def _actor_id(mention) -> str | None:
    return mention.actor.id if mention is not None and mention.actor is not None else None


# (text, type, mode or None for any, source id or None for any, target id or None for any)
CODED = [
    pytest.param("Armenia and Azerbaijan exchanged 40 prisoners on the border on Friday.",
                 "RETREAT", "release", "arm", "aze", id="exchanged-prisoners-both-sides"),
    pytest.param("Kenya and Ethiopia discussed the drought at a summit in Nairobi.",
                 "CONSULT", None, "ken", "eth", id="discussed-without-with"),
    pytest.param("Azerbaijani drones hit a fuel depot near the front line.",
                 "ASSAULT", None, "aze.mil", None, id="drones-hit"),
    pytest.param("Armenian missiles damaged two bridges overnight.",
                 "ASSAULT", None, "arm.mil", None, id="missiles-damaged"),
    pytest.param("Serbian police used tear gas and water cannon to disperse the crowd in "
                 "Belgrade.", "ASSAULT", "crowd-control", "srb.cop", None,
                 id="tear-gas-to-disperse"),
    pytest.param("Algeria sent military reinforcements to its border with Mali.",
                 "MOBILIZE", "troops", "dza", None, id="sent-reinforcements"),
    pytest.param("Turkish forces neutralized 14 militants in a mountain operation.",
                 "ASSAULT", None, "tur.mil", None, id="neutralized-militants"),
    pytest.param("Venezuela barred the UN inspectors from entering the prison.",
                 "COERCE", "ban", "ven", None, id="barred-inspectors"),
    pytest.param("Morocco summoned the Algerian chargé d'affaires over the remarks.",
                 "ACCUSE", None, "mar", None, id="summoned-charge-d-affaires"),
    pytest.param("Oman's cabinet approved the Yemeni request for more fuel.",
                 "AGREE", None, "omn.gov", "yem.gov", id="approved-request"),
    pytest.param("Peru warned that it would impose sanctions on Bolivia over the dam.",
                 "THREATEN", None, "per", None, id="warned-sanctions"),
    pytest.param("Protesters blocked the main avenue in Dhaka to demand new elections.",
                 "PROTEST", "obstruct", None, None, id="crowd-blocked-avenue"),
    pytest.param("The United Nations withdrew its peacekeepers from Syria.",
                 "SANCTION", "withdraw", "igo.un", None, id="withdrew-peacekeepers"),
    pytest.param("Turkish troops withdrew from Syria on Monday.",
                 "RETREAT", "withdraw", "tur.mil", None, id="troops-withdrew"),
    pytest.param("Iraq expelled the aid workers of the United Nations.",
                 "SANCTION", "expel", "irq", None, id="expelled-aid-workers"),
    pytest.param("Turkey deployed troops to the peacekeeping mission in Syria.",
                 "AID", None, "tur", None, id="deployed-to-peacekeeping"),
    pytest.param("Turkey deployed troops along its border with Syria.",
                 "MOBILIZE", "troops", "tur", None, id="deployed-to-border"),
    pytest.param("Iran banned the import of goods from Turkey.",
                 "SANCTION", None, "irn", None, id="banned-imports"),
    pytest.param("Syrian troops fought the Islamic State near Damascus.",
                 "ASSAULT", None, "syr.mil", None, id="fought-enemy"),
]

NOT_CODED = [
    pytest.param("Officials discussed the budget.", "CONSULT", id="discussed-alone"),
    pytest.param("The storm hit the coast on Monday.", "ASSAULT", id="storm-hit"),
    pytest.param("The floods damaged roads across the province.", "ASSAULT", id="floods-damaged"),
    pytest.param("Traders exchanged dollars for local currency.", "RETREAT",
                 id="exchanged-currency"),
    pytest.param("The agency warned of the spread of cholera in the camps.", "THREATEN",
                 id="warned-of-disease"),
    pytest.param("The parliament approved the budget for next year.", "AGREE",
                 id="approved-budget"),
    pytest.param("Israeli troops blocked the road to the village.", "PROTEST",
                 id="troops-blocked-road"),
    pytest.param("The United Nations withdrew its peacekeepers from Syria.", "RETREAT",
                 id="withdrew-peacekeepers-no-retreat"),
    pytest.param("Turkey deployed troops to the peacekeeping mission in Syria.", "MOBILIZE",
                 id="peacekeeping-no-mobilization"),
    pytest.param("Iran banned the import of goods from Turkey.", "COERCE",
                 id="trade-ban-no-coercion"),
    pytest.param("Iraqi police are fighting corruption in Baghdad with Jordan.", "ASSAULT",
                 id="fighting-corruption"),
]


@pytest.mark.parametrize(("text", "kind", "mode", "source", "target"), CODED)
def test_codes_the_analyst_event(coded, text, kind, mode, source, target):
    found = coded(text)
    assert any(e.event_type == kind and (mode is None or e.mode == mode)
               and (source is None or _actor_id(e.source) == source)
               and (target is None or _actor_id(e.target) == target)
               for e in found), [(e.event_type, e.mode, _ids(e)) for e in found]


@pytest.mark.parametrize(("text", "kind"), NOT_CODED)
def test_does_not_code_the_background(coded, text, kind):
    assert all(e.event_type != kind for e in coded(text))


def test_discussed_topic_is_not_a_participant(coded):
    found = coded("Kenya and Ethiopia discussed the return of refugees to Somalia.")
    consult = [e for e in found if e.event_type == "CONSULT"]
    assert consult and all("som" not in _ids(e) for e in consult)


@pytest.mark.parametrize(("text", "source"), [
    pytest.param("The Jordanian army said it seized a drug shipment. Later, the army said "
                 "troops had killed two smugglers.", "jor.mil", id="the-army-of-the-article"),
    pytest.param("Oil flowed again after the federal government in Baghdad reached a deal "
                 "with Erbil. The federal government in Baghdad welcomed the deal.", "irq.gov",
                 id="government-in-the-capital"),
])
def test_country_less_agent_is_coded_with_the_article_country(coded, text, source):
    assert any(_actor_id(e.source) == source for e in coded(text))


def test_lebanese_demand_is_the_government_target(coded):
    found = coded("Israel rejected the Lebanese demand for a full withdrawal.")
    reject = [e for e in found if e.event_type == "REJECT"]
    assert reject and _actor_id(reject[0].target) == "lbn.gov"
