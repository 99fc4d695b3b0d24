"""Actor mentions in a document: names, role titles, descriptions, within-document surnames.

Recognition works on tokens: every name in the knowledge base is looked up with one dict probe
per token (``PhraseTable``); a country word ("Iraqi", "Syria's", "the US") is then extended
to the right over modifiers to a sector noun ("the new Syrian leadership" -> SYRGOV) or an
office ("Turkish Foreign Minister" -> the holder at the article's date). Overlaps are settled
longest-first, so "Syrian President Ahmed Al-Shara" is one mention of the named person.
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from spacy.tokens import Doc

from dyad.actors.kb import (
    ADJECTIVE,
    ALIAS,
    CANONICAL,
    CAPITAL,
    COUNTRY,
    DEMONYM,
    HAND,
    MT,
    SECTOR_ONLY_PREFIX,
    SHORT,
    SHORT_MT,
    KnowledgeBase,
    Name,
)
from dyad.actors.phrases import PhraseTable, spelling_variants
from dyad.records import Actor, Article, Location, Mention
from dyad.segment import content_sentences

DESCRIPTION, TITLE, VACANT, UNKNOWN = "description", "title", "vacant_title", "unknown"
INFERRED = "inferred_country"  # "the Interior Ministry": the country of a nearby mention
GENERIC = "generic_agent"  # "police", "the rebels": a sector with no country to give it
DOMINANT = "dominant_country"  # "Troops fired" with no country nearby: the article's country
CONFIDENCE = {
    CANONICAL: 0.95, COUNTRY: 0.95, ALIAS: 0.9, SHORT: 0.85, TITLE: 0.8, MT: 0.75,
    SHORT_MT: 0.75, DESCRIPTION: 0.7, DEMONYM: 0.7, CAPITAL: 0.6,
    VACANT: 0.5,  # "the Syrian president" when nobody held the office that day: the government
    INFERRED: 0.5,
    GENERIC: 0.5,
    DOMINANT: 0.4,
    UNKNOWN: 0.3,  # a capitalised name after "MP", "minister"...: someone, but not known
}
POSSESSIVE = frozenset({"'s", "’s"})
MAX_TITLE_TOKENS = 4
MAX_UNKNOWN_NAME_TOKENS = 3
# Letter agreement at which an unknown surname after a title is its holder's, spelled another way
# ("Chaibani" / "Shaibani" 0.88; "Jubouri" / "Hussein" 0.29).
SAME_SURNAME_RATIO = 0.8
# A country dominates an article when named as an actor this often and this many times more
# than any other: enough to lend it to a country-less "the army" far from any country word.
DOMINANT_MIN_MENTIONS = 3
DOMINANT_RATIO = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # token offsets
    end: int
    actor_id: str | None
    form: str
    title_start: int | None = None  # where a role title begins, when one was used
    title_end: int | None = None
    # "Indian Prime Minister Narendra Modi": the office's country sector, which the person holds
    # at the article's date even when the tables' roles end earlier (the derived 2014 ones)
    title_holds: str | None = None

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.form]


@dataclass(frozen=True, slots=True)
class Tables:
    names: PhraseTable[Name]
    heads: PhraseTable[tuple[str, str]]  # ("sector", "GOV") | ("office", "president")
    office_ends: dict[tuple[str, ...], str]  # office variant tokens -> office key
    places: PhraseTable[Location]


# Each knowledge base's tables, built on first use or loaded with it (dyad.actors.cache); keyed
# by identity (KnowledgeBase has eq=False) and dropped with the knowledge base.
_TABLES: weakref.WeakKeyDictionary[KnowledgeBase, Tables] = weakref.WeakKeyDictionary()


def tables_for(kb: KnowledgeBase) -> Tables:
    tables = _TABLES.get(kb)
    if tables is None:
        tables = _TABLES[kb] = build_tables(kb)
    return tables


def keep_tables(kb: KnowledgeBase, tables: Tables) -> None:
    """Use `tables` (built earlier from `kb`'s data) as `kb`'s."""
    _TABLES[kb] = tables


def build_tables(kb: KnowledgeBase) -> Tables:
    names = []
    for name in kb.names:
        for text, damaged in spelling_variants(name.text):
            form = name.form
            if damaged and form in (CANONICAL, ALIAS):
                form = MT
            elif damaged and form == SHORT:
                form = SHORT_MT
            names.append((text, name if form == name.form else replace(name, form=form)))
    # Role nouns of the agents tables come after dyad's own sector nouns and offices, except
    # a user's, which override them ("Nigerian student" -> EDU; see kb.agents).
    user_agents = [(p, ("sector", code)) for p, (code, rank) in kb.agents.items() if rank > HAND]
    heads = [*user_agents]
    heads += [(noun, ("sector", code)) for code, s in kb.sectors.items() for noun in s.nouns]
    heads += [(v, ("office", key)) for key, o in kb.offices.items() for v in o.variants]
    heads += [(p, ("sector", code)) for p, (code, rank) in kb.agents.items() if rank <= HAND]
    office_ends = {tuple(v.split()): key for key, o in kb.offices.items() for v in o.variants}
    return Tables(PhraseTable(names), PhraseTable(heads), office_ends,
                  PhraseTable(kb.place_names))


class _Context:
    """One document's tokens and the knowledge needed to read them."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, when: dt.date | None) -> None:
        self.kb, self.when, self.tables = kb, when, tables_for(kb)
        self.texts = token_texts(doc)
        self.lower = [text.lower() for text in self.texts]
        self.modifiers = kb.words_of("modifier")
        self.past = kb.words_of("past_marker")

    def word(self, index: int) -> str:
        return self.lower[index] if 0 <= index < len(self.lower) else ""

    def find_head(self, index: int) -> tuple[int, tuple[int, list[tuple[str, str]]] | None]:
        """A sector noun or office at `index`, after any modifiers: (its start, (end, heads))."""
        while index < len(self.lower):
            head = self.tables.heads.longest_at(self.lower, self.texts, index)
            if head is not None:  # before modifiers: "armed" starts "armed forces"
                return index, head
            if self.word(index) + " " + self.word(index + 1) in self.modifiers:
                index += 2
            elif self.word(index) in self.modifiers:
                index += 1
            else:
                break
        return index, None

    def left_edge(self, start: int) -> int:
        """Extend a span left over modifiers, a past marker and "the"."""
        while self.word(start - 1) in self.modifiers or self.word(start - 1) in self.past:
            start -= 1
        return start - 1 if self.word(start - 1) == "the" else start

    def is_past(self, start: int, head_start: int) -> bool:
        return any(self.word(i) in self.past for i in range(start, head_start))


def find_mentions(doc: Doc, article: Article, kb: KnowledgeBase) -> list[Mention]:
    """Actor mentions in `doc` (whose text is `article.text`), sorted and non-overlapping."""
    context = _Context(doc, kb, article.published)
    candidates: list[Candidate] = []
    for start, end, names in context.tables.names.all_matches(context.lower, context.texts):
        candidates += _name_candidates(context, start, end, names)
    candidates += _unknown_people(context, candidates)
    candidates += _titled_names(context, candidates)
    candidates = _resolve_short_names(context, candidates)
    starts = _sentence_starts(doc)
    candidates += _standalone_sectors(context, candidates, doc, starts)
    text = doc.text  # built anew on every access
    mentions = []
    for candidate in _non_overlapping(candidates):
        char_start = doc[candidate.start].idx
        char_end = doc[candidate.end - 1].idx + len(doc[candidate.end - 1])
        title = None
        if candidate.title_start is not None and candidate.title_end is not None:
            title = doc[candidate.title_start:candidate.title_end].text
        actor = _actor_of(kb, candidate, article.published)
        mentions.append(Mention(
            doc_id=article.doc_id, sentence_index=bisect.bisect_right(starts, char_start) - 1,
            text=text[char_start:char_end], char_start=char_start, char_end=char_end,
            actor=actor, confidence=candidate.confidence, role_title=title,
        ))
    return mentions


def _actor_of(kb: KnowledgeBase, candidate: Candidate, when: dt.date | None) -> Actor | None:
    if candidate.actor_id is None:
        return None
    actor = kb.actor_at(candidate.actor_id, when)
    holds = kb.get(candidate.title_holds) if candidate.title_holds else None
    if holds is None or kb.role_at(candidate.actor_id, when) is not None:
        return actor
    return replace(actor, code=holds.code, country=holds.country, sector=holds.sector)


def find_places(doc: Doc, kb: KnowledgeBase) -> list[tuple[int, int, Location]]:
    """Gazetteer places (and countries) named in `doc`, as (char_start, char_end, place)."""
    texts = token_texts(doc)
    lower = [text.lower() for text in texts]
    taken = [False] * len(doc)
    places = []
    for start, end, locations in tables_for(kb).places.all_matches(lower, texts):
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        last = doc[end - 1]
        places.append((doc[start].idx, last.idx + len(last), locations[0]))
    return places


def _name_candidates(context: _Context, start: int, end: int,
                     names: Sequence[Name]) -> list[Candidate]:
    kb, found = context.kb, []
    for name in names:
        if name.form in (COUNTRY, ADJECTIVE) or (name.form == ALIAS and name.actor_id in kb.actors
                                                 and kb.actors[name.actor_id].kind == "country"):
            found += _country_word_candidates(context, start, end, name)
        elif name.form == DEMONYM and context.word(end) in kb.words_of("state_stance"):
            continue  # "the Lebanese demand": the adjective's reading, the government's stance
        elif name.form == CAPITAL:
            # "in Baghdad" is a place, "to Baghdad's custody" still the government
            if context.word(start - 1) not in context.kb.words_of("locative") \
                    or context.word(end) in POSSESSIVE:
                found.append(Candidate(start, end, name.actor_id, CAPITAL))
        else:
            found.append(Candidate(start, end, name.actor_id, name.form))
    return found


def _country_word_candidates(context: _Context, start: int, end: int,
                             name: Name) -> list[Candidate]:
    """The country itself, "<country> <sector noun>" and "<country> <office>" readings."""
    iso3 = name.actor_id.upper()
    found = []
    if name.form != ADJECTIVE:
        found.append(Candidate(start, end, name.actor_id, name.form))
    head_start = end + 1 if name.form != ADJECTIVE and context.word(end) in POSSESSIVE else end
    head_start, head = context.find_head(head_start)
    # "The US President's Advisory Council" names the council, not the president
    if head is not None and not (head[1][0][0] == "office" and _owns_named_body(context, head[0])):
        span_start = context.left_edge(start)
        found.append(_headed(context, iso3, span_start, head_start, head[0], head[1][0]))
    elif head is None and _state_stance_at(context, end):
        # "the Emirati request", "the Lebanese position", "a Chinese and Russian proposal": a
        # stance held by the government
        found.append(Candidate(start, end, f"{iso3.lower()}.gov", DESCRIPTION))
    elif head is None and name.form == ADJECTIVE and (shared := _shared_head(context, end)):
        # "the Iranian and Iraqi foreign ministers": each adjective has the head they share
        head_start, (_, heads) = shared
        found.append(_headed(context, iso3, start, head_start, end, heads[0]))
    elif head is None and name.form == ADJECTIVE and _state_force_at(context, end):
        # "Israeli air strikes", "Turkish shelling of villages": the country's forces acting
        found.append(Candidate(start, end, f"{iso3.lower()}.mil", DESCRIPTION))
    elif head is None and name.form == ADJECTIVE and _state_holding_at(context, end):
        # "tariffs on American whiskey", "froze Iranian assets": the country they belong to
        found.append(Candidate(start, end, name.actor_id, COUNTRY))
    found += _office_of_country(context, iso3, start, end)
    return found


def _shared_head(context: _Context, index: int) -> tuple[int, tuple[int, list]] | None:
    """The head noun after "and <country adjective>" at ``index`` ("Iranian | and Iraqi foreign
    ministers"), as ``_Context.find_head`` gives it."""
    end = _coordinated_adjective_end(context, index)
    if end is None:
        return None
    head_start, head = context.find_head(end)
    return (head_start, head) if head is not None else None


def _coordinated_adjective_end(context: _Context, index: int) -> int | None:
    """Where "and <country adjective>" at ``index`` ends ("Chinese | and Russian | proposal")."""
    if context.word(index) != "and":
        return None
    match = context.tables.names.longest_at(context.lower, context.texts, index + 1)
    if match is None or not any(name.form == ADJECTIVE for name in match[1]):
        return None
    return match[0]


def _state_stance_at(context: _Context, index: int) -> bool:
    """Whether a state's stance ("state_stance" in words.tsv) is named at ``index``, or after
    "and <country adjective>" there, which shares it."""
    stances = context.kb.words_of("state_stance")
    if context.word(index) in stances:
        return True
    after = _coordinated_adjective_end(context, index)
    return after is not None and context.word(after) in stances


def _state_force_at(context: _Context, index: int) -> bool:
    """Whether an act of armed force of a state ("state_force" in words.tsv, up to two words:
    "air strikes") starts at ``index``."""
    words = context.kb.words_of("state_force")
    return any(" ".join(context.word(i) for i in range(index, index + size)) in words
               for size in (1, 2))


def _state_holding_at(context: _Context, index: int) -> bool:
    """Whether a country's goods, holdings or ground ("state_holding" in words.tsv) are named at
    ``index`` or one word after it ("Iranian oil exports")."""
    words = context.kb.words_of("state_holding")
    return context.word(index) in words or context.word(index + 1) in words


def _owns_named_body(context: _Context, end: int) -> bool:
    """A possessive title followed by a capitalised name: "the President's Advisory Council"."""
    following = context.texts[end + 1] if end + 1 < len(context.texts) else ""
    return context.word(end) in POSSESSIVE and following[:1].isupper()


def _standalone_sectors(context: _Context, candidates: Sequence[Candidate], doc: Doc,
                        starts: list[int]) -> list[Candidate]:
    """ "the Interior Ministry said", "Troops fired": a sector noun without a country word takes
    the country named right after it ("the government in Baghdad"), else that of the nearest
    country or country-sector mention before it in the same or previous sentence, else the
    article's dominant country (less trusted). A generic agent with no country to take
    ("police", "the rebels") is the sector alone."""
    standalone = context.kb.words_of("standalone_sector")
    generic = context.kb.words_of("generic_agent")
    covered = {i for c in candidates for i in range(c.start, c.end)}
    dominant = _dominant_country(context, candidates)
    found = []
    for start in range(len(context.lower)):
        head = context.tables.heads.longest_at(context.lower, context.texts, start)
        if head is None or start in covered or start - 1 in covered:
            continue
        end, heads = head
        sector = next((key for kind, key in heads if kind == "sector"), None)
        words = " ".join(context.lower[start:end])
        if sector is None or words not in standalone | generic:
            continue
        country, form = None, INFERRED
        if not _modifies_noun(context, doc, start, end):
            country = (_following_country(context, end)
                       or _same_sector_before(context, candidates, sector, start)
                       or _nearest_country(context, candidates, doc, starts, start))
            if country is None:
                country, form = dominant, DOMINANT
        if country is not None and context.kb.get(f"{country}.{sector.lower()}") is not None:
            found.append(Candidate(context.left_edge(start), end,
                                   f"{country}.{sector.lower()}", form))
        elif words in generic:
            found.append(Candidate(context.left_edge(start), end,
                                   f"{SECTOR_ONLY_PREFIX}{sector.lower()}", GENERIC))
    return found


def _modifies_noun(context: _Context, doc: Doc, start: int, end: int) -> bool:
    """ "government institutions", "a military base": a lower-case sector word modifying a noun
    is too loose a reference to place in a country (but "army spokesman" speaks for the army)."""
    return doc.has_annotation("DEP") and doc[end - 1].dep_ in ("compound", "amod") \
        and context.texts[start].islower() \
        and context.word(end) not in context.kb.words_of("person_cue")


def _following_country(context: _Context, end: int) -> str | None:
    """ "the federal government in Baghdad", "security forces in Syria": the named country."""
    if context.word(end) not in ("in", "of") or end + 1 >= len(context.lower):
        return None
    match = context.tables.names.longest_at(context.lower, context.texts, end + 1)
    for name in match[1] if match else ():
        if name.form in (COUNTRY, CAPITAL) or (
                name.form == ALIAS and context.kb.actors.get(name.actor_id) is not None
                and context.kb.actors[name.actor_id].kind == "country"):
            return name.actor_id.split(".")[0]
    return None


def _same_sector_before(context: _Context, candidates: Sequence[Candidate], sector: str,
                        index: int) -> str | None:
    """ "the Jordanian army said ... The army says": the country of the latest mention of the
    same sector earlier in the article (a person counts through the sector of their role)."""
    for candidate in sorted(candidates, key=lambda c: c.start, reverse=True):
        actor = context.kb.get(candidate.actor_id) if candidate.actor_id else None
        if candidate.end <= index and actor is not None and actor.sector == sector \
                and actor.country:
            return actor.country.lower()
    return None


def _nearest_country(context: _Context, candidates: Sequence[Candidate], doc: Doc,
                     starts: list[int], index: int) -> str | None:
    """The one country named (as itself or a sector) in this or the previous sentence before
    `index`; none when two are ("Jordan and Syria's new authorities agreed ... The army")."""
    sentence = bisect.bisect_right(starts, doc[index].idx) - 1
    earliest = starts[max(sentence - 1, 0)]
    countries = set()
    for candidate in candidates:
        actor = context.kb.get(candidate.actor_id) if candidate.actor_id else None
        if candidate.end <= index and doc[candidate.start].idx >= earliest \
                and actor is not None and actor.kind in ("country", "sector") and actor.country:
            countries.add(actor.country.lower())
    return countries.pop() if len(countries) == 1 else None


def _dominant_country(context: _Context, candidates: Sequence[Candidate]) -> str | None:
    """The country most named as an actor, when it clearly outnumbers every other."""
    counts: Counter[str] = Counter()
    for candidate in candidates:
        actor = context.kb.get(candidate.actor_id) if candidate.actor_id else None
        if actor is not None and actor.country:
            counts[actor.country.lower()] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANT_RATIO * ranked[1][1]:
        return None
    return ranked[0][0]


def _headed(context: _Context, iso3: str, start: int, head_start: int, end: int,
            head: tuple[str, str]) -> Candidate:
    kind, key = head
    if kind == "sector":
        return Candidate(start, end, f"{iso3.lower()}.{key.lower()}", DESCRIPTION)
    return _title(context, iso3, key, start, end, past=context.is_past(start, head_start))


def _title(context: _Context, iso3: str, office: str, start: int, end: int,
           past: bool) -> Candidate:
    holder = None if past else context.kb.office_holder(iso3, office, context.when)
    if holder is None and not past:
        sector = context.kb.offices[office].sector.lower()
        return Candidate(start, end, f"{iso3.lower()}.{sector}", VACANT, start, end)
    return Candidate(start, end, holder, TITLE if holder else UNKNOWN, start, end)


def _office_of_country(context: _Context, iso3: str, start: int, end: int) -> list[Candidate]:
    """ "President of Syria", "the Speaker of the Iraqi Parliament"."""
    of_index = start - 2 if context.word(start - 1) == "the" else start - 1
    if context.word(of_index) != "of":
        return []
    for length in range(1, MAX_TITLE_TOKENS + 1):
        office = context.tables.office_ends.get(tuple(context.lower[of_index - length:of_index]))
        if office and of_index - length >= 0:
            head = context.tables.heads.longest_at(context.lower, context.texts, end) \
                if end < len(context.lower) else None
            span_end = head[0] if head and head[1][0][0] == "sector" else end
            span_start = context.left_edge(of_index - length)
            past = context.is_past(span_start, of_index - length)
            return [_title(context, iso3, office, span_start, span_end, past)]
    return []


def _titled_names(context: _Context, candidates: Sequence[Candidate]) -> list[Candidate]:
    """A title right before a person's name joins it: one mention of the named person."""
    people = [c for c in candidates if c.actor_id and _is_person(context.kb, c.actor_id)]
    by_start: dict[int, list[Candidate]] = {}
    for person in people:
        by_start.setdefault(person.start, []).append(person)
    merged = []
    for title in candidates:
        if title.title_start is None:
            continue
        for person in by_start.get(title.end, ()):
            form = ALIAS if person.actor_id == title.actor_id else person.form
            holds = title.actor_id if title.form == VACANT else None
            merged.append(Candidate(title.start, person.end, person.actor_id, form,
                                    title.start, title.end, holds))
    unknown = {c.start: c for c in candidates if c.form == UNKNOWN and c.actor_id is None}
    for title in candidates:  # "Georgian President Eduard Shevardnadze", nobody holding it today,
        person = unknown.get(title.end)  # or someone other than its holder: someone in the
        if person is None:  # office, so its government acts
            continue
        if title.form == TITLE and _spells_holder(context, title, person):
            merged.append(Candidate(title.start, person.end, title.actor_id, TITLE,
                                    title.start, title.end))
            continue
        office = _office_actor(context.kb, title)
        if office is not None:
            merged.append(Candidate(title.start, person.end, office, VACANT,
                                    title.start, title.end))
    for person in people:  # a bare office or cue word: "interim President Ahmed al-Sharaa"
        office_start = _bare_title_start(context, person.start)
        if office_start is not None:
            span_start = context.left_edge(office_start)
            merged.append(replace(person, start=span_start, title_start=span_start,
                                  title_end=person.start))
    return merged


def _spells_holder(context: _Context, title: Candidate, person: Candidate) -> bool:
    """Whether the unknown name is the title holder's surname spelled another way
    ("al-Chaibani" for al-Shaibani): the surnames nearly agree, letter by letter."""
    holder = context.kb.get(title.actor_id) if title.actor_id else None
    if holder is None:
        return False
    surname = context.lower[person.end - 1]
    known = {name.lower().split("-")[-1].split()[-1] for name in (holder.name, *holder.aliases)}
    return any(SequenceMatcher(None, surname, other).ratio() >= SAME_SURNAME_RATIO
               for other in known)


def _office_actor(kb: KnowledgeBase, title: Candidate) -> str | None:
    """The sector actor a title stands for when another than its holder bears it: the vacant
    office's own, or the holder's country and sector ("Iraqi Foreign Minister" -> irq.gov)."""
    if title.form == VACANT:
        return title.actor_id
    holder = kb.get(title.actor_id) if title.form == TITLE and title.actor_id else None
    if holder is None or not holder.country or not holder.sector:
        return None
    office = f"{holder.country.lower()}.{holder.sector.lower()}"
    return office if kb.get(office) is not None else None


def _bare_title_start(context: _Context, name_start: int) -> int | None:
    for length in range(MAX_TITLE_TOKENS, 0, -1):
        words = tuple(context.lower[max(0, name_start - length):name_start])
        if len(words) == length and words in context.tables.office_ends:
            return name_start - length
    if context.word(name_start - 1) in context.kb.words_of("person_cue"):
        return name_start - 1
    return None


def _unknown_people(context: _Context, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Capitalised words after a cue ("MP", "minister"): a person the knowledge base lacks."""
    known_starts = {c.start for c in candidates}
    cues = context.kb.words_of("person_cue")
    found = []
    for index, word in enumerate(context.lower):
        if word not in cues or index + 1 in known_starts:
            continue
        end, parts = index + 1, 0
        while parts < MAX_UNKNOWN_NAME_TOKENS:
            after = _name_part_end(context, end)
            if after is None:
                break
            end, parts = after, parts + 1
        if parts >= 2:  # a first name and a surname at least
            found.append(Candidate(index + 1, end, None, UNKNOWN, index, index + 1))
    return found


def _name_part_end(context: _Context, start: int) -> int | None:
    """The end of the name part at ``start``: a capitalised word, with the particle and hyphens
    joined to it ("al-Jubouri", "bin Hamad", "Najaf-Abadi"); None when no name part starts
    there."""
    end = start
    if context.word(end) in context.kb.words_of("name_particle"):
        end += 1
        if context.word(end) == "-":
            end += 1
    if end >= len(context.texts) or not _looks_like_name_part(context.texts[end]):
        return None
    end += 1
    while context.word(end) == "-" and end + 1 < len(context.texts) \
            and _looks_like_name_part(context.texts[end + 1]):
        end += 2
    return end


def _looks_like_name_part(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha() \
        and not text.isupper()


def _resolve_short_names(context: _Context, candidates: list[Candidate]) -> list[Candidate]:
    """Surnames count only after the full name; the latest-named person wins an ambiguity."""
    first_full: dict[str, list[int]] = {}
    for c in candidates:
        if c.actor_id and c.form not in (SHORT, SHORT_MT):
            first_full.setdefault(c.actor_id, []).append(c.start)
    blockers = context.kb.words_of("not_a_name_before")
    best: dict[tuple[int, int], tuple[int, Candidate]] = {}
    kept = []
    for c in candidates:
        if c.form not in (SHORT, SHORT_MT):
            kept.append(c)
            continue
        earlier = [s for s in first_full.get(c.actor_id or "", ()) if s < c.start]
        if not earlier or context.word(c.end) in blockers:
            continue
        if (c.start, c.end) not in best or max(earlier) > best[(c.start, c.end)][0]:
            best[(c.start, c.end)] = (max(earlier), c)
    return kept + [c for _, c in best.values()]


def token_texts(doc: Doc) -> list[str]:
    return [token.text for token in doc]


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.confidence, c.start))
    taken: set[int] = set()
    chosen = []
    for c in ordered:
        tokens = range(c.start, c.end)
        if not taken.intersection(tokens):
            taken.update(tokens)
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _is_person(kb: KnowledgeBase, actor_id: str) -> bool:
    actor = kb.actors.get(actor_id)
    return actor is not None and actor.kind == "person"


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sentence.start_char for sentence in content_sentences(doc)]
