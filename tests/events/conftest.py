"""Fixtures for the event coder: a parser, the knowledge base, and hand-made actor mentions.

Hand-written sentences get their actor mentions from the small gazetteer below rather than from
the actor recognizer, so these tests check the coder alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from dyad.records import Article, Event, Mention

# Surface text -> knowledge-base actor id, longest names first when matching.
GAZETTEER = {
    "Iraq": "irq", "Syria": "syr", "Turkey": "tur", "Jordan": "jor", "Iran": "irn",
    "France": "fra", "Germany": "deu", "Israel": "isr", "Lebanon": "lbn",
    "the United States": "usa", "Washington": "usa.gov",
    "Baghdad": "irq.gov", "Damascus": "syr.gov", "Ankara": "tur.gov", "Amman": "jor.gov",
    "the Iraqi government": "irq.gov", "Syria's foreign ministry": "syr.gov",
    "Iraqi security forces": "irq.cop", "Syrian troops": "syr.mil", "Turkish troops": "tur.mil",
    "Turkish drones": "tur.mil", "Iraqi police": "irq.cop", "Syrians": "syr.cvl",
    "Iraqis": "irq.cvl", "Syrian workers": "syr.cvl", "Iraqi oil workers": "irq.lab",
    "Hezbollah": "group.hezbollah", "the Islamic State": "group.islamic-state",
    "Islamic State": "group.islamic-state", "the PKK": "group.pkk", "PKK": "group.pkk",
    "the United Nations": "igo.un",
    "Asaad al-Shaibani": "person.asaad-al-shaibani", "Shaibani": "person.asaad-al-shaibani",
    "Fuad Hussein": "person.fuad-hussein", "Hamid al-Shatri": "person.hamid-al-shatri",
    "Nouri al-Maliki": "person.nouri-al-maliki", "Ahmed al-Sharaa": "person.ahmed-al-sharaa",
    "the new Syrian leadership": "syr.gov",
    "Thailand": "tha", "China": "chn", "the SDF": "group.sdf", "Hamas": "group.hamas",
    "the Red Cross": "igo.icrc",
}
PUBLISHED = dt.date(2025, 3, 14)


@pytest.fixture(scope="session")
def nlp():
    """The shipped parser: a missing model fails every test using it, never skips."""
    from dyad.nlp import load_language

    return load_language()


@pytest.fixture(scope="session")
def kb():
    from dyad.actors import load_knowledge_base

    return load_knowledge_base()


def gazetteer_mentions(doc, kb, doc_id: str) -> list[Mention]:
    """Every gazetteer name in the text as a resolved mention (longest match wins)."""
    names = sorted(GAZETTEER, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    by_lower = {name.lower(): actor_id for name, actor_id in GAZETTEER.items()}
    sentence_of = {s.start_char: i for i, s in enumerate(doc.sents)}
    starts = sorted(sentence_of)
    mentions = []
    for match in pattern.finditer(doc.text):
        index = sentence_of[max(s for s in starts if s <= match.start())]
        actor_id = by_lower[match.group(1).lower()]
        actor = kb.get(actor_id)
        assert actor is not None, f"gazetteer id {actor_id} not in the KB"
        mentions.append(Mention(doc_id, index, match.group(1), match.start(), match.end(),
                                actor, 0.9))
    return mentions


@pytest.fixture(scope="session")
def code_text(nlp, kb) -> Callable[[str], list[Event]]:
    """Code a hand-written text with gazetteer mentions."""
    from dyad.events import code_events

    def code(text: str) -> list[Event]:
        article = Article(doc_id="test", text=text, published=PUBLISHED)
        doc = nlp(text)
        return code_events(doc, article, gazetteer_mentions(doc, kb, "test"), kb)

    return code


def summarize(event: Event) -> tuple[str, str | None, str | None]:
    """(type, source actor id, target actor id): what an analyst checks first."""
    source = event.source.actor.id if event.source else None
    target = event.target.actor.id if event.target else None
    return event.event_type, source, target


@pytest.fixture(scope="session")
def summary() -> Callable[[Event], tuple[str, str | None, str | None]]:
    return summarize


@pytest.fixture(scope="session")
def article_mentions(kb) -> Callable[[object, Article], list[Mention]]:
    """Gazetteer mentions of a parsed hand-written article."""
    return lambda doc, article: gazetteer_mentions(doc, kb, article.doc_id)


@pytest.fixture(scope="session")
def published() -> dt.date:
    return PUBLISHED
