"""Where an event happened: the knowledge-base place its trigger is tied to in the sentence.

A place counts only where the sentence uses it as a place: the object of a locative preposition
("in Hasaka", "near the Syrian border") or of a visit ("visited Baghdad"). "to"/"into" count only
for movements and visits, "from" only as the origin right on a verb trigger ("fired from
Lebanon"), never as a speaker ("protests from Baghdad"). A place name used as a modifier ("US
forces", "Syria's affairs", "Iran-backed", "the Jordan attack"), inside an organisation's name
("the Islamic Resistance in Iraq") or in a list of several places names no single location.

With a parse, the place must hang under the trigger or under a clause above it without another
verb on its way ("detained 13 Syrians accused of violence in Syria": the violence's place, not
the detention's); the nearest in the tree wins. Without one, the same test runs on the words
between trigger and place. Cue words live in ``data/lexicons/where.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import load_lexicon
from dyad.events.clauses import has_parse, is_verb
from dyad.records import Location

# The longest place name tried, in tokens ("the Ghwayran prison in the Hasaka Governorate").
MAX_NAME_TOKENS = 6
# Words between a preposition and the place ("in the center of the capital Khartoum").
MAX_LEAD_IN_TOKENS = 6
# Auxiliaries do not separate a place from its trigger ("was killed in Hasaka").
AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did"}
)
# A verb with one of these labels modifies a noun ("allied groups") rather than heading a clause.
MODIFIER_LABELS = frozenset({"amod", "compound", "aux", "aux:pass", "cop"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


class ActorName(Protocol):
    @property
    def text(self) -> str: ...


class PlaceFinder(Protocol):
    """What this module needs of the knowledge base (``dyad.actors.kb.KnowledgeBase``)."""

    @property
    def names(self) -> Sequence[ActorName]: ...

    def find_place(self, name: str) -> Location | None: ...


@dataclass(frozen=True, slots=True)
class PlaceCues:
    prepositions: dict[str, int]  # preposition -> rank, lower is better
    movement_prepositions: dict[str, int]  # only after a movement or visit trigger
    origin_prepositions: dict[str, int]  # only right on a verb trigger
    visit_triggers: frozenset[str]
    name_words: frozenset[str]
    lead_in_words: frozenset[str]
    transparent_verbs: frozenset[str]
    seat_nouns: frozenset[str]

    def rank(self, preposition: str) -> int | None:
        for table in (self.prepositions, self.movement_prepositions, self.origin_prepositions):
            if preposition in table:
                return table[preposition]
        return None


@dataclass(frozen=True, slots=True)
class _Candidate:
    location: Location
    rank: tuple[int, int, int, int]  # lower is better


@lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    lexicon = load_lexicon("where.toml")
    return PlaceCues(
        prepositions=lexicon.integers("prepositions"),
        movement_prepositions=lexicon.integers("movement_prepositions"),
        origin_prepositions=lexicon.integers("origin_prepositions"),
        visit_triggers=frozenset(lexicon.strings("words.visit_triggers")),
        name_words=frozenset(lexicon.strings("words.name_words")),
        lead_in_words=frozenset(lexicon.strings("words.lead_in_words")),
        transparent_verbs=frozenset(lexicon.strings("words.transparent_verbs")),
        seat_nouns=frozenset(lexicon.strings("words.seat_nouns")),
    )


def find_location(sentence: Span, trigger: Token, kb: PlaceFinder) -> Location | None:
    """The place of the event ``trigger`` reports, or None when the sentence names none."""
    cues = place_cues()
    is_visit = _is_visit(trigger, cues)
    candidates: list[_Candidate] = []
    for token in sentence:
        object_of_visit = is_visit and token.i == trigger.i
        preposition = token.lower_
        prep_rank = cues.rank(preposition)
        if prep_rank is None and not object_of_visit:
            continue
        found = _place_after(token.i + 1, sentence, kb, cues)
        if found is None:
            continue
        location, start, end = found
        governor = _governor(sentence, token, start, end)
        if preposition in cues.movement_prepositions and not (
            is_visit or _is_visit(governor, cues)
        ):
            continue  # "a threat to Iran"; but "his visit to Damascus, in which he met ..."
        if _not_a_location(sentence, token, start, end, kb, cues):
            continue
        distance = _distance(sentence, trigger, start, end, cues)
        if distance is None:
            continue
        if preposition in cues.origin_prepositions and not (is_verb(trigger) and distance <= 1):
            continue
        destination = is_visit and (object_of_visit or preposition in {"to", "in", "into"})
        linear = min(abs(trigger.i - start), abs(trigger.i - (end - 1)))
        rank = (int(not destination), distance, prep_rank or 0, linear)
        candidates.append(_Candidate(location, rank))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate.rank).location


def _place_after(
    start: int, sentence: Span, kb: PlaceFinder, cues: PlaceCues
) -> tuple[Location, int, int] | None:
    """The longest known place in the name-like words from token ``start`` on, after an
    article and lead-in words ("the outskirts of", "the center of the capital")."""
    doc = sentence.doc
    i = start
    while (
        i < min(sentence.end, start + MAX_LEAD_IN_TOKENS)
        and (doc[i].lower_ in {"the", "a"} or doc[i].lower_ in cues.lead_in_words)
        and not doc[i].text[:1].isupper()
    ):
        i += 1
    name_end = i
    while name_end < min(sentence.end, i + MAX_NAME_TOKENS) and _name_like(doc[name_end], cues):
        name_end += 1
    for length in range(name_end - i, 0, -1):
        for first in range(name_end - length, i - 1, -1):  # rightmost first: "Syrian Hasaka"
            words = doc[first : first + length]
            if not any(token.text[:1].isupper() for token in words):
                continue
            location = kb.find_place(words.text)
            if location is not None:
                return location, first, first + length
    return None


def _name_like(token: Token, cues: PlaceCues) -> bool:
    return token.text[:1].isupper() or token.lower_ in cues.name_words or token.text == "-"


def _not_a_location(
    sentence: Span, preposition: Token, start: int, end: int, kb: PlaceFinder, cues: PlaceCues
) -> bool:
    """Whether the place name is a modifier, part of an actor's name, or one of a list."""
    doc = sentence.doc
    after = doc[end] if end < sentence.end else None
    if after is not None and (after.text in POSSESSIVES or after.text in {"-", "–"}):
        return True  # "Syria's internal affairs", "Iran-backed factions"
    if after is not None and _modifies(doc[start:end], after):
        return True  # "US forces", "the Jordan attack"
    governor = _governor(sentence, preposition, start, end)
    is_subject = governor is not None and governor.dep_.startswith("nsubj")
    if governor is not None and governor.lower_ in cues.seat_nouns and (
        is_subject or not has_parse(sentence)
    ):
        return True  # "the government in Baghdad agreed": the actor's seat, not the place
    if after is not None and after.lower_ in {"and", "or", ","}:
        following = _place_after(end + 1, sentence, kb, cues)
        if following is not None and following[1] == end + 1:
            return True  # "in Iraq and Syria": several places, none is the location
    return _inside_actor_name(sentence, preposition, end, kb)


def _governor(sentence: Span, preposition: Token, start: int, end: int) -> Token | None:
    """The word the prepositional phrase hangs on: its head in the parse, else the word
    before the preposition."""
    if has_parse(sentence):
        root = sentence.doc[start:end].root
        return None if root.head.i == root.i else root.head
    return sentence.doc[preposition.i - 1] if preposition.i > sentence.start else None


def _is_visit(token: Token | None, cues: PlaceCues) -> bool:
    return token is not None and bool({token.lower_, token.lemma_.lower()} & cues.visit_triggers)


def _modifies(name: Span, after: Token) -> bool:
    """Whether the place name is a noun modifier of the common noun after it."""
    if not after.tag_.startswith("NN") or after.tag_.startswith("NNP") or after.is_title:
        return False
    if has_parse(name):
        return name.root.head.i == after.i
    return True


def _inside_actor_name(sentence: Span, preposition: Token, end: int, kb: PlaceFinder) -> bool:
    """Whether words ending with the place spell a known actor ("the Islamic Resistance in
    Iraq"): then the preposition belongs to the name."""
    text = sentence.doc[sentence.start : end].text.lower()
    limit = preposition.idx - sentence.start_char  # the name must start before the preposition
    return any(
        text.endswith(name) and len(text) - len(name) < limit
        for name in _names_with_preposition(kb).get(preposition.lower_, ())
    )


@lru_cache(maxsize=4)
def _names_with_preposition(kb: PlaceFinder) -> dict[str, tuple[str, ...]]:
    """Actor names holding a preposition inside them, by that preposition."""
    by_preposition: dict[str, list[str]] = {}
    cues = place_cues()
    for name in kb.names:
        words = name.text.lower().split()
        for word in set(words[1:-1]):
            if cues.rank(word) is not None:
                by_preposition.setdefault(word, []).append(name.text.lower())
    return {word: tuple(names) for word, names in by_preposition.items()}


def _distance(sentence: Span, trigger: Token, start: int, end: int, cues: PlaceCues) -> int | None:
    """How far the place is from the trigger in the tree, or None when another verb's clause
    holds it. The words between are checked too, as the parse errs on long sentences."""
    if _verb_between(sentence, trigger, start, end, cues):
        return None
    if not has_parse(sentence):
        return 0
    root = sentence.doc[start:end].root
    trigger_path = [trigger, *trigger.ancestors]
    place_path = [root, *root.ancestors]
    common = next((token for token in place_path if token in trigger_path), None)
    if common is None:
        return None
    between = place_path[1 : place_path.index(common)]
    if any(_separates(token, trigger, cues) for token in between):
        return None
    if _after_conjunct_object(trigger_path[: trigger_path.index(common) + 1], start):
        return None
    return len(between) + 1 + trigger_path.index(common)


def _after_conjunct_object(path: list[Token], place_start: int) -> bool:
    """A place after the object of an earlier conjoined verb most likely modifies that object
    ("demanded a truce in Gaza, backed the plan"), not the later verb: leave it unknown."""
    if len(path) < 2 or path[-2].dep_ != "conj":
        return False
    head = path[-1]
    return any(
        child.dep_ == "obj" and head.i < child.i < place_start for child in head.children
    )


def _verb_between(
    sentence: Span, trigger: Token, start: int, end: int, cues: PlaceCues
) -> bool:
    """Whether another verb stands between the trigger and the place. A relative clause that
    holds neither ("in Baghdad with a statement in which the leaders called ..., supported")
    only describes a word between them."""
    low, high = (trigger.i + 1, start) if start > trigger.i else (end, trigger.i)
    parsed = has_parse(sentence)
    return any(
        _separates(token, trigger, cues)
        and not (parsed and _aside(token, trigger, start))
        for token in sentence.doc[low:high]
    )


def _aside(verb: Token, trigger: Token, place_start: int) -> bool:
    """A relative clause holding neither the trigger nor the place."""
    if not _is_relative(verb):
        return False
    first, last = verb.left_edge.i, verb.right_edge.i
    return not (first <= trigger.i <= last or first <= place_start <= last)


def _is_relative(verb: Token) -> bool:
    """A relative clause, by its label or, as the parse may mislabel it, by its wh-word."""
    return verb.dep_ == "acl:relcl" or any(
        child.tag_ in {"WDT", "WP", "WRB"} for child in verb.children
    )


def _separates(token: Token, trigger: Token, cues: PlaceCues) -> bool:
    """A verb heading its own clause, which a place below it belongs to; a relative clause on
    the trigger itself describes the event ("an attack that killed three soldiers in ...")."""
    if token.i == trigger.i or not is_verb(token):
        return False
    if trigger.dep_ == "conj" and trigger.head.i == token.i:  # the same clause, coordinated
        return False
    if token.dep_ == "acl:relcl" and token.head.i == trigger.i:
        return False
    return (
        token.dep_ not in MODIFIER_LABELS
        and token.lower_ not in AUXILIARIES
        and token.lower_ not in cues.transparent_verbs
    )
