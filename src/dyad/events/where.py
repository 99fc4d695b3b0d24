"""Where an event happened: the knowledge-base place its trigger is tied to in the sentence.

Places are taken only where the sentence uses them as places: after a preposition ("in Hasaka",
"to Damascus") or as the object of a visit ("visited Baghdad"), never as actors ("Baghdad
opened an investigation"). Among them the one attached to the trigger in the parse wins, then
visits' destinations, then "in/at" over "to/from", then the nearest. A place separated from the
trigger by another verb ("detained 13 Syrians accused of violence in Syria") describes that
verb, not the event, and is skipped unless the parse ties it to the trigger.
Cue words live in ``data/lexicons/where.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import load_lexicon
from dyad.events.clauses import has_parse
from dyad.records import Location

# The longest place name tried, in tokens ("the Ghwayran prison in the Hasaka Governorate").
MAX_NAME_TOKENS = 6
# Auxiliaries do not separate a place from its trigger ("was killed in Hasaka").
AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did"}
)


class PlaceFinder(Protocol):
    """What this module needs of the knowledge base (``dyad.actors.kb.KnowledgeBase``)."""

    def find_place(self, name: str) -> Location | None: ...


@dataclass(frozen=True, slots=True)
class PlaceCues:
    prepositions: dict[str, int]  # preposition -> rank, lower is better
    visit_triggers: frozenset[str]
    name_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Candidate:
    location: Location
    start: int  # token index of the name's first token
    end: int
    rank: tuple[int, int, int, int]  # lower is better


@lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    lexicon = load_lexicon("where.toml")
    return PlaceCues(
        prepositions=lexicon.integers("prepositions"),
        visit_triggers=frozenset(lexicon.strings("words.visit_triggers")),
        name_words=frozenset(lexicon.strings("words.name_words")),
    )


def find_location(sentence: Span, trigger: Token, kb: PlaceFinder) -> Location | None:
    """The place of the event ``trigger`` reports, or None when the sentence names none."""
    cues = place_cues()
    is_visit = bool({trigger.lower_, trigger.lemma_.lower()} & cues.visit_triggers)
    candidates: list[_Candidate] = []
    for token in sentence:
        prep_rank = cues.prepositions.get(token.lower_)
        object_of_visit = is_visit and token.i == trigger.i
        if prep_rank is None and not object_of_visit:
            continue
        found = _place_after(token.i + 1, sentence, kb, cues)
        if found is None:
            continue
        location, start, end = found
        attached = _attached(sentence, start, end, trigger)
        if not attached and _verb_between(sentence, trigger, start, end):
            continue
        destination = is_visit and (object_of_visit or token.lower_ in {"to", "in", "into"})
        distance = min(abs(trigger.i - start), abs(trigger.i - (end - 1)))
        rank = (int(not attached), int(not destination), prep_rank or 0, distance)
        candidates.append(_Candidate(location, start, end, rank))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate.rank).location


def _place_after(
    start: int, sentence: Span, kb: PlaceFinder, cues: PlaceCues
) -> tuple[Location, int, int] | None:
    """The longest known place in the name-like words from token ``start`` on."""
    doc = sentence.doc
    i = start
    while i < sentence.end and doc[i].lower_ in {"the", "a"}:
        i += 1
    name_end = i
    while name_end < min(sentence.end, i + MAX_NAME_TOKENS) and _name_like(doc[name_end], cues):
        name_end += 1
    for length in range(name_end - i, 0, -1):
        for first in range(name_end - length, i - 1, -1):  # rightmost first: "Syrian Hasaka"
            words = doc[first : first + length]
            if not any(token.text[:1].isupper() for token in words):
                continue
            location = kb.find_place(doc.text[words.start_char : words.end_char])
            if location is not None:
                return location, first, first + length
    return None


def _name_like(token: Token, cues: PlaceCues) -> bool:
    return token.text[:1].isupper() or token.lower_ in cues.name_words or token.text in {"-", "'s"}


def _attached(sentence: Span, start: int, end: int, trigger: Token) -> bool:
    if not has_parse(sentence):
        return False
    name = sentence.doc[start:end]
    return name.root.head.i == trigger.i


def _verb_between(sentence: Span, trigger: Token, start: int, end: int) -> bool:
    """Whether another verb stands between the trigger and the place name."""
    low, high = (trigger.i + 1, start) if start > trigger.i else (end, trigger.i)
    return any(
        token.tag_.startswith("VB") and token.lower_ not in AUXILIARIES
        for token in sentence.doc[low:high]
    )
