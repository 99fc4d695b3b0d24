"""From a parsed article and its actor mentions to PLOVER events.

Per sentence: find triggers, find each trigger's source and target, keep only events with a
trigger and at least one resolved actor (and two different actors when both are known), attach
date, place, quantities, modality, attribution and context, and keep one event per
(sentence, type, source, target). Photo captions and titles yield nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from dyad.actors.kb import KnowledgeBase
from dyad.events.attribution import reported_by
from dyad.events.context import contexts_of
from dyad.events.lexicon import Grammar, Lexicon, load_lexicon
from dyad.events.modality import modality_of
from dyad.events.plover import load_ontology
from dyad.events.quantities import find_quantities
from dyad.events.roles import MentionIndex, Roles, destination, find_roles, takes_topic
from dyad.events.triggers import Trigger, find_triggers
from dyad.events.when import default_date, resolve_date
from dyad.events.where import find_location
from dyad.records import Actor, Article, Event, Mention, Quantities, ResolvedDate
from dyad.segment import content_sentences, sentence_bounds

# How many sentences back a pronoun ("he", "the latter") may find its antecedent.
PRONOUN_LOOKBACK_SENTENCES = 1
# Trust in a visit's host read from a place name that named no actor ("visited Baghdad").
PLACE_AS_HOST_CONFIDENCE = 0.8
# Closing marks that may follow a sentence's final punctuation.
CLOSING_BRACKETS = "\"'”’)]"


def code_events(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    kb: KnowledgeBase,
    lexicon: Lexicon | None = None,
) -> list[Event]:
    """All events of one article, in text order; the same input always gives the same ids."""
    lexicon = lexicon or load_lexicon()
    index = MentionIndex(doc, mentions)
    sentences = content_sentences(doc)
    events: list[Event] = []
    for number, sentence in enumerate(sentences):
        if not reports_events(sentence, article, lexicon.grammar):
            continue
        previous = sentences[max(0, number - PRONOUN_LOOKBACK_SENTENCES)]
        events += dedupe(_code_sentence(number, sentence, previous.start_char, article,
                                         index, kb, lexicon))
    return events


def _code_sentence(
    number: int, sentence: Span, previous_start: int, article: Article, index: MentionIndex,
    kb: KnowledgeBase, lexicon: Lexicon,
) -> Iterator[Event]:
    attributes = SentenceAttributes(sentence, index)
    for trigger in find_triggers(sentence, lexicon):
        roles = find_roles(trigger, sentence, index, previous_start, lexicon)
        roles = _host_government(trigger, roles, kb, article.doc_id, number)
        if not has_distinct_actors(roles):
            continue
        if roles.target is None and trigger.rule.mode in lexicon.grammar.target_required_modes:
            continue  # a visit or call with no one visited or called is only a description
        if roles.target is None and takes_topic(trigger.token, trigger.rule.event_type):
            continue  # "officials discussed the budget": talks with no partner named
        yield make_event(
            number, sentence, article, kb, attributes,
            event_type=trigger.rule.event_type, mode=trigger.rule.mode, anchor=trigger.token,
            roles=roles, trigger=trigger.words, confidence=_confidence(trigger, roles),
        )


class SentenceAttributes:
    """Attributes shared by every event of a sentence, computed once when first asked for."""

    def __init__(self, sentence: Span, index: MentionIndex) -> None:
        self._sentence = sentence
        self._index = index
        self._values: tuple[Quantities, str | None] | None = None

    def get(self) -> tuple[Quantities, str | None]:
        if self._values is None:
            sentence = self._sentence
            in_sentence = self._index.starting_in(sentence.start_char, sentence.end_char)
            self._values = (find_quantities(sentence), reported_by(sentence, in_sentence))
        return self._values


def make_event(
    number: int, sentence: Span, article: Article, kb: KnowledgeBase,
    attributes: SentenceAttributes, *, event_type: str, mode: str | None, anchor: Token,
    roles: Roles, trigger: str, confidence: float, untriggered: bool = False,
) -> Event:
    """An event of ``sentence`` with its attributes (date, place, quantities, modality flags,
    attribution, context) read around ``anchor``, the word that reports it."""
    plover = load_ontology()[event_type]
    modality = modality_of(anchor, sentence, article.published, untriggered=untriggered)
    quantities, attribution = attributes.get()
    start, end = sentence_bounds(sentence)
    return Event(
        event_id=_event_id(article.doc_id, number, anchor.idx, event_type),
        doc_id=article.doc_id,
        sentence_index=number,
        sentence=article.text[start:end],
        char_start=start,
        char_end=end,
        event_type=event_type,
        mode=mode,
        cameo_root=plover.cameo_root_of(mode),
        quad_class=plover.quad_class,
        intensity=plover.intensity_of(mode),
        source=roles.source,
        target=roles.target,
        others=roles.others,
        trigger=trigger,
        confidence=confidence,
        context=contexts_of(sentence, event_type),
        date=_event_date(sentence, anchor, article),
        location=find_location(sentence, anchor, kb),
        quantities=quantities,
        negated=modality.negated,
        hypothetical=modality.hypothetical,
        historical=modality.historical,
        reported_by=attribution,
        doc_path=article.doc_path,
        doc_ref=article.doc_ref,
    )


def _event_date(sentence: Span, anchor: Token, article: Article) -> ResolvedDate | None:
    """The date the sentence gives for this event; else the publication date at week precision
    or coarser (``date_text`` stays empty), so every event of a dated article is dated. For a
    background or hypothetical event that is the date it was reported, its flag says so."""
    found = resolve_date(sentence, article.published, trigger=anchor)
    return found or default_date(article.published, article.published_precision)


def reports_events(sentence: Span, article: Article, grammar: Grammar) -> bool:
    """False for titles, headings and photo captions, which report no event of their own."""
    text = sentence.text.strip()
    if not text or (article.title and text == article.title.strip()):
        return False
    if any(marker in text for marker in grammar.caption_markers):
        return False
    # Whitespace too: where quotes are straight, the splitter may leave the next sentence's
    # opening quote on this one ('... community. "').
    return text.rstrip(CLOSING_BRACKETS + " \t\n").endswith(grammar.final_punctuation)


def _host_government(
    trigger: Trigger, roles: Roles, kb: KnowledgeBase, doc_id: str, sentence_index: int
) -> Roles:
    """A visit to a country or a city is a visit to that country's government."""
    if trigger.rule.mode != "visit":
        return roles
    target = roles.target
    if target is None:
        place = destination(trigger)
        name = _name_span(place) if place is not None else None
        location = kb.find_place(name.text) if name is not None else None
        if name is None or location is None or not location.country:
            return roles
        target = Mention(doc_id, sentence_index, name.text, name.start_char, name.end_char,
                         None, PLACE_AS_HOST_CONFIDENCE)
        country = location.country
    elif target.actor.kind == "country" and target.actor.country:
        country = target.actor.country
    else:
        return roles
    try:
        government = kb.country_sector(country, "GOV")
    except KeyError:  # a territory without a government sector in the knowledge base
        return roles
    return dataclasses.replace(roles, target=dataclasses.replace(target, actor=government))


def _name_span(token: Token) -> Span:
    """The name a token heads with its compound parts ("Deir ez-Zor"), without "to"/"the"."""
    parts = [t.i for t in token.children if t.dep_ in ("compound", "flat")]
    return token.doc[min([token.i, *parts]):max([token.i, *parts]) + 1]


def has_distinct_actors(roles: Roles) -> bool:
    if roles.source is None and roles.target is None:
        return False
    if roles.source is None or roles.target is None:
        return True
    return distinct_actors(roles.source.actor, roles.target.actor)


def distinct_actors(source: Actor, target: Actor) -> bool:
    """Whether two actors can be the two sides of a dyad."""
    if source.id == target.id or source.code == target.code:
        return False  # one side twice ("the SDF commander, Mazloum Abdi"): no dyad
    # A country acting on its own government (or the reverse) is no dyad: one side was misread.
    country, other = (source, target) if source.kind == "country" else (target, source)
    return not (country.kind == "country" and country.country is not None
                and other.country == country.country and other.sector == "GOV")


def _confidence(trigger: Trigger, roles: Roles) -> float:
    actors = [m.confidence for m in (roles.source, roles.target) if m is not None]
    actor_confidence = sum(actors) / len(actors)
    both_roles = 1.0 if roles.source is not None and roles.target is not None else 0.8
    return round(trigger.rule.strength * roles.weight * actor_confidence * both_roles, 3)


def dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per (type, source, target) in a sentence: the most confident one; and an event
    missing a role that another of its type fills, with the same other role, is that event told
    again ("the targeting of X ... his elimination by Y")."""
    best: dict[tuple[str, str | None, str | None], Event] = {}
    for event in events:
        key = (event.event_type, _actor_id(event.source), _actor_id(event.target))
        if key not in best or event.rank > best[key].rank:
            best[key] = event
    return [event for key, event in best.items() if not _is_partial(key, best.keys())]


def _is_partial(
    key: tuple[str, str | None, str | None], keys: Iterable[tuple[str, str | None, str | None]]
) -> bool:
    kind, source, target = key
    return any(
        other != key and other[0] == kind
        and ((source is None and target is not None and other[2] == target)
             or (target is None and source is not None and other[1] == source))
        for other in keys
    )


def _actor_id(mention: Mention | None) -> str | None:
    return mention.actor.id if mention is not None and mention.actor is not None else None


def _event_id(doc_id: str, sentence_index: int, anchor_char: int, event_type: str) -> str:
    key = f"{doc_id}|{sentence_index}|{anchor_char}|{event_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
