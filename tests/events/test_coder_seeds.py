"""The user's two seed articles yield the events an analyst codes from them (issue 2)."""

from __future__ import annotations

import pytest

from dyad.records import RawDocument

# (seed file prefix, type, source actor id, target actor id, others): None means "any".
ANALYST_EVENTS = [
    pytest.param("000", "CONSULT", "person.hamid-al-shatri", "person.ahmed-al-sharaa", None,
                 id="shatri-meets-sharaa"),
    pytest.param("000", "COOPERATE", "tur", "irq", {"syr", "jor"},
                 id="four-country-cooperation"),
    pytest.param("000", "ACCUSE", "person.nouri-al-maliki", "syr.gov", None,
                 id="maliki-attacks-syrian-leadership"),
    pytest.param("000", "THREATEN", "person.joe-wilson", "irq.uaf", None,
                 id="wilson-threatens-factions"),
    pytest.param("002", "CONSULT", "person.asaad-al-shaibani", "irq.gov", None,
                 id="shaibani-visits-baghdad"),
    pytest.param("002", "ACCUSE", "irq", "syr", None, id="iraq-condemns-coastal-massacre"),
    pytest.param("002", "COERCE", "irq.cop", None, None, id="detention-of-syrians"),
    pytest.param("002", "ASSAULT", None, "person.abdullah-makki-muslih-al-rufayi", None,
                 id="killing-of-is-leader"),
]


@pytest.fixture(scope="module")
def seed_events(nlp, kb, seed_paths):
    from dyad.actors import find_mentions
    from dyad.clean import clean_document
    from dyad.events import code_events

    events = {}
    for path in seed_paths:
        article = clean_document(RawDocument(path.read_text(encoding="utf-8"), "text",
                                             doc_path=str(path)))
        doc = nlp(article.text)
        events[path.name[:3]] = code_events(doc, article, find_mentions(doc, article, kb), kb)
    return events


@pytest.mark.parametrize(("seed", "event_type", "source", "target", "others"), ANALYST_EVENTS)
def test_seed_yields_analyst_event(seed_events, summary, seed, event_type, source, target,
                                   others):
    def fits(event):
        kind, found_source, found_target = summary(event)
        return (kind == event_type and source in (None, found_source)
                and target in (None, found_target)
                and (others is None or {m.actor.id for m in event.others} == others))

    assert any(fits(e) for e in seed_events[seed]), [summary(e) for e in seed_events[seed]]


def test_seeds_have_few_events_per_sentence(seed_events):
    for events in seed_events.values():
        per_sentence: dict[int, int] = {}
        for event in events:
            per_sentence[event.sentence_index] = per_sentence.get(event.sentence_index, 0) + 1
        assert max(per_sentence.values()) <= 3
