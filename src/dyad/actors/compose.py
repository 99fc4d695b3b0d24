"""An actor for any span of text, also when the knowledge base lacks it.

A learned role tagger proposes source and target spans that may be a little too wide or
narrow; ``actor_for_span`` gives each one an actor, or None rather than invent one:

1. a knowledge-base mention inside the span wins: the one holding the span's syntactic head,
   else the head's own phrase composed (below), else the mention nearest the head;
   "the leader of Hamas" -> Hamas. A country sector mention with an unknown name beside it
   becomes that person ("Spanish Prime Minister Pedro Sánchez" -> ESPGOV, named);
2. an acronym defined in the article ("the Rapid Support Forces (RSF)" ... "the RSF") is the
   actor of its definition;
3. otherwise the actor is composed from parts: a country word and a role noun (a sector noun,
   an office, an agent of the agents tables): "two Brazilian men" -> BRACVL, "Iran's security
   chief Ali Shamkhani" -> IRNSPY; an ethnic word with an armed noun ("Kurdish forces") is the
   group ``ethnic_groups.tsv`` gives for the countries the article names; a name the knowledge
   base lacks, or its surname later ("Hassan said"), is the person as the article introduced
   them: with a title before the name or a description set off by commas ("Ali Hassan, a
   spokesman for the Iraqi interior ministry," -> IRQGOV);
4. a pronoun alone ("he", "they") is the actor of the nearest mention before it, in its
   sentence or the one before (for a person, if none is there, up to four sentences back), of a
   person (he, she) or of anything else (they, it), when that stretch names only one such
   actor, or only one as a subject (``person_pronoun`` / ``group_pronoun`` in words.tsv); the
   people of 3 that the knowledge base lacks count too; a noun standing for an actor named
   earlier, after "the" or adjectives only, is the nearest actor whose name or description
   (up to five sentences back) ends in that noun ("the council" after "the U.N. Security
   Council", "the spokesperson" after "a State Department spokesperson"), else the nearest
   actor of its kind in its sentence or the two before ("the group", "the bloc";
   ``anaphor_<kind>`` in words.tsv);
5. last, a sector mention with no country ("police" -> COP), as recognition gives it.

Ids of composed actors: a country's sector is ``esp.gov``, as in the knowledge base; a person
the knowledge base lacks is ``person.<slug of the name>`` ("person.pedro-sanchez"), the id a
later knowledge-base entry of that name would have, with the code of the role composed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from dyad.actors.kb import (
    ADJECTIVE,
    ALIAS,
    COUNTRY,
    DEMONYM,
    SECTOR_ONLY_PREFIX,
    KnowledgeBase,
)
from dyad.actors.recognize import POSSESSIVE, Tables, tables_for
from dyad.actors.tabari import slug
from dyad.records import Actor, Article, Mention

# Sectors of armed men: an ethnic word before one of these names an armed group.
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "COP"})
# Small words a definition of an acronym may hold ("Forces for the Liberation of Rwanda").
DEFINITION_WORDS = frozenset({"of", "for", "the", "and", "in", "de", "al", "-"})
MAX_DEFINITION_TOKENS = 10
MAX_NAME_TOKENS = 4
ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
MAX_EARLIER_TOKENS = 8
# Honorifics before a surname ("Mr. Bennett"), not part of it.
TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister"})
# Actors whose member a name beside them is (a person of that code).
NAMED_MEMBER_KINDS = frozenset({"sector", "group", "organization", "igo", "party"})
PREPOSITIONS = frozenset({"of", "in", "from", "by", "with", "for", "against", "at", "on", "to"})
# An apposition ("X, a spokesman for the ministry,") runs to one of these, at most 12 words.
APPOSITION_ENDS = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "--"})
MAX_APPOSITION_TOKENS = 12
INTRODUCED_CONFIDENCE = 0.5
# How many sentences back "the council" may find "the Security Council" it repeats.
HEAD_MATCH_SENTENCES = 5
# How many sentences back "she" may find the one person named before her (VOA dev gold: two
# sentences resolved 20 of 68 pronoun sides right, four 22, with no more wrong).
PERSON_PRONOUN_SENTENCES = 4
# Words that end a title or the head of an apposition ("X, a student who died", "stormed X").
CLAUSE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "and", "or", "but"})
CLAUSE_TAGS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "ADP", "NUM"})


def actor_for_span(start: int, end: int, doc: Doc, article: Article,
                   mentions: Sequence[Mention], kb: KnowledgeBase) -> Actor | None:
    """The actor of the text at [start, end) of the article's cleaned text (= ``doc.text``).
    For many spans of one article, build one ``ArticleActors`` and ask it instead."""
    return ArticleActors(doc, article, mentions, kb).actor_for_span(start, end)


class ArticleActors:
    """What every span of one article is read against, indexed once so that reading a span
    costs time by the span, not by the article."""

    def __init__(self, doc: Doc, article: Article, mentions: Sequence[Mention],
                 kb: KnowledgeBase) -> None:
        self.doc, self.article, self.kb = doc, article, kb
        self.mentions = sorted((m for m in mentions if m.actor is not None),
                               key=lambda m: m.char_start)
        self.starts = [m.char_start for m in self.mentions]
        self.longest = max((m.char_end - m.char_start for m in self.mentions), default=0)
        self.tables: Tables = tables_for(kb)
        self.lower = [token.lower_ for token in doc]
        self.texts = [token.text for token in doc]
        self.positions: dict[str, list[int]] = {}
        for index, text in enumerate(self.texts):
            self.positions.setdefault(text, []).append(index)
        self.countries = {m.actor.country for m in self.mentions if m.actor.country}
        self.story_country = _story_country(self.mentions)
        self._introduced: list[Mention] | None = None
        # tokens of mentions naming more than a country's sector (not part of an unknown name)
        self.named_tokens: set[int] = set()
        for mention in self.mentions:
            if mention.actor.kind != "sector":
                self.named_tokens.update(t.i for t in doc.char_span(
                    mention.char_start, mention.char_end, alignment_mode="expand") or ())

    def actor_for_span(self, start: int, end: int) -> Actor | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            return None
        joint = next((t for t in span[1:] if t.tag_ == "CC" and t.i not in self.named_tokens),
                     None)
        if joint is not None:  # "Iran's foreign minister and Oman's Badr Albusaidi": one role
            span = span[:joint.i - span.start]  # holds one actor, the first named
        if self._names_vessel(span):  # "the bulk carrier Aegean Dawn": a ship, no actor
            return None
        reader = _SpanReader(span, self)
        return reader.mentioned() or reader.acronym() or reader.composed(span) \
            or reader.named_person() or reader.in_story_country() or reader.antecedent() \
            or reader.anaphor() or reader.countryless()

    def _names_vessel(self, span: Span) -> bool:
        """Whether a ship's name stands in the span: a vessel word and a capitalised word."""
        vessels = self.kb.words_of("vessel")
        return any(t.lower_ in vessels and t.i + 1 < span.end
                   and _is_name_word(self.texts[t.i + 1]) for t in span)

    def introduced(self) -> list[Mention]:
        """People the knowledge base lacks, named in full with a title or an apposition
        ("Ali Hassan, a spokesman for the ministry,"), and later by their last name alone
        ("Hassan said"), as mentions: what "he" may stand for."""
        if self._introduced is None:
            self._introduced = []
            doc, texts = self.doc, self.texts
            sentence_starts = [sentence.start for sentence in doc.sents]
            by_last_name: dict[str, Actor] = {}
            for last in range(len(doc)):
                if not _is_name_word(texts[last]) or last in self.named_tokens \
                        or (last + 1 < len(doc) and _is_name_word(texts[last + 1])):
                    continue  # not the last word of a capitalised run
                reader = _SpanReader(doc[last:last + 1], self)
                first = reader._name_start(last)
                actor = None if first == last else \
                    reader._titled(first, last) or reader._apposed(first, last)
                if actor is None and first == last:
                    actor = by_last_name.get(texts[last])
                elif actor is not None:
                    by_last_name.setdefault(texts[last], actor)
                if actor is not None:
                    name = doc[first:last + 1]
                    self._introduced.append(Mention(
                        doc_id=self.article.doc_id, text=name.text,
                        sentence_index=bisect.bisect_right(sentence_starts, first) - 1,
                        char_start=name.start_char, char_end=name.end_char, actor=actor,
                        confidence=INTRODUCED_CONFIDENCE))
        return self._introduced

    def overlapping(self, span: Span) -> list[Mention]:
        low = bisect.bisect_left(self.starts, span.start_char - self.longest)
        high = bisect.bisect_left(self.starts, span.end_char)
        return [m for m in self.mentions[low:high] if span.start_char < m.char_end]

    def before(self, text: str, token_index: int) -> list[int]:
        """Positions of the token text ``text`` before ``token_index``."""
        positions = self.positions.get(text, [])
        return positions[:bisect.bisect_left(positions, token_index)]


class _SpanReader:
    def __init__(self, span: Span, context: ArticleActors) -> None:
        self.span, self.context = span, context
        self.article, self.mentions, self.kb = context.article, context.mentions, context.kb
        self.tables, self.doc = context.tables, context.doc
        self.lower, self.texts = context.lower, context.texts
        overlapping = context.overlapping(span)
        # "police" with no country to give it: only when nothing better is found
        self.inside = [m for m in overlapping if not countryless(m)]
        self.weak = [m for m in overlapping if countryless(m)]

    def countryless(self) -> Actor | None:
        return self.weak[-1].actor if self.weak else None

    def mentioned(self) -> Actor | None:
        if not self.inside:
            return None
        if self.doc.has_annotation("DEP"):
            root = self.span.root
            holder = next((m for m in self.inside if m.char_start <= root.idx < m.char_end), None)
            if holder is None:
                own = self.composed(self.doc[self.span.start:root.i + 1])
                if own is not None:
                    return self._named(own, self.span) or own  # "U.S. Congressman Ann Lee"
                holder = min(self.inside, key=lambda m: self._steps_to(root, m))
        else:  # no parse: the last mention outside a prepositional phrase of the span
            outside = [m for m in self.inside if not self._after_preposition(m)]
            holder = (outside or self.inside)[-1]
        assert holder.actor is not None
        return self._named(holder.actor, self.span) or holder.actor

    def _steps_to(self, root, mention: Mention) -> int:
        """How far up the tree a token of `mention` is from the span's head."""
        best = len(self.doc)
        for token in self.doc.char_span(mention.char_start, mention.char_end,
                                        alignment_mode="expand") or ():
            steps, node = 0, token
            while node.i != root.i and node.head.i != node.i and steps < best:
                node, steps = node.head, steps + 1
            if node.i == root.i:
                best = min(best, steps)
        return best

    def _after_preposition(self, mention: Mention) -> bool:
        return any(t.lower_ in PREPOSITIONS for t in self.span if t.idx < mention.char_start)

    def acronym(self) -> Actor | None:
        """ "the RSF" after "the Rapid Support Forces (RSF)" or "the Rapid Support Forces, or
        RSF,": the definition's actor."""
        words = [t for t in self.span if t.lower_ != "the"]
        if len(words) != 1 or not ACRONYM.fullmatch(words[0].text):
            return None
        for index in self.context.before(words[0].text, self.span.start + 1):
            if not 2 <= index < len(self.doc) - 1:
                continue
            if self.texts[index - 1] == "(" and self.texts[index + 1] == ")":
                definition = self._definition_before(index - 1)  # "the X Y (XY)"
            elif self.texts[index - 2: index] == [",", "or"]:
                definition = self._definition_before(index - 2)  # "the X Y, or XY,"
            else:
                continue
            if definition is not None:
                actor = self.context.actor_for_span(definition.start_char,
                                                    definition.end_char)
                if actor is not None:
                    return _with_alias(actor, words[0].text)
        return None

    def _definition_before(self, paren: int) -> Span | None:
        """The capitalised words before "(" or ",": "Rapid Support Forces" (at most 10)."""
        start = paren
        while start > 0 and paren - start < MAX_DEFINITION_TOKENS and (
                self.texts[start - 1][:1].isupper() or self.lower[start - 1] in DEFINITION_WORDS):
            start -= 1
        while start < paren and not self.texts[start][:1].isupper():
            start += 1  # "of the" at the edge belongs to the sentence, not the name
        return self.doc[start:paren] if start < paren else None

    def composed(self, span: Span) -> Actor | None:
        """A country word + a role noun (+ a name), or an ethnic word + an armed noun."""
        country, country_form, sector, has_head = None, None, None, False
        cues = self.kb.words_of("person_cue")  # "ministry spokesman": ministry
        for kind, found in self._words(span):
            if kind == "country" and country is None:
                country, country_form = found
            elif kind == "head" and not (has_head and found[1] in cues):
                sector, has_head = self._sector_of(found[0]), True
        if country is None:
            return self._ethnic_group(span)
        if not has_head:
            if country_form == DEMONYM:
                sector = "CVL"  # "two Syrians": the country's civilians
            elif not self._content_words(span):
                return self.kb.get(country.lower())  # "the Chinese", "Beijing's"
            else:
                return None
        if sector is None or self.kb.get(f"{country.lower()}.{sector.lower()}") is None:
            return None
        return self._named(self.kb.country_sector(country, sector), span) \
            or self.kb.country_sector(country, sector)

    def _words(self, span: Span, covered: set[int] | None = None) -> list[tuple[str, tuple]]:
        """Country words and role nouns in `span`, left to right; `covered` collects their
        token indices."""
        found: list[tuple[str, tuple]] = []
        index = span.start
        while index < span.end:
            match = self.tables.names.longest_at(self.lower, self.texts, index)
            country = _country_of(self.kb, match[1]) if match else None
            head = self.tables.heads.longest_at(self.lower, self.texts, index)
            based = self._based_in(index)
            if based is not None:  # "a Basra-based firm": the country of the town
                found.append(("country", (based, ADJECTIVE)))
                end = index + 3
            elif match and country:
                found.append(("country", country))
                end = match[0]
            elif head is not None and head[0] <= span.end:
                found.append(("head", (head[1][0], " ".join(self.lower[index:head[0]]))))
                end = head[0]
            else:
                end = index + 1
                if self.texts[index] not in POSSESSIVE:
                    index = end
                    continue
            if covered is not None:
                covered.update(range(index, end))
            index = end
        return found

    def _based_in(self, index: int) -> str | None:
        """The country of the place at ``index`` when "-based" follows it ("Basra-based")."""
        if self.lower[index + 1:index + 3] != ["-", "based"]:
            return None
        place = self.kb.find_place(self.texts[index])
        return None if place is None else place.country

    def _content_words(self, span: Span) -> list[str]:
        """Words of `span` that no table reads and that are not small words."""
        covered: set[int] = set()
        self._words(span, covered)
        return [t.text for t in span if t.i not in covered and t.is_alpha and not t.is_stop]

    def named_person(self) -> Actor | None:
        """A name the knowledge base lacks, or its surname later ("Bennett", "Mr. Hassan"): the
        person as the article introduced them, at this name or an earlier one in full, by a
        title before the name ("special rapporteur Richard Bennett", up to 8 words before) or
        an apposition ("Ali Hassan, a spokesman for the Iraqi interior ministry,", "Iraq's
        envoy to Kenya, Ali Hassan,")."""
        words = [t for t in self.span if _is_name_word(t.text) and not t.is_stop
                 and t.lower_ not in TITLES]
        if not 1 <= len(words) <= MAX_NAME_TOKENS or not all(t.text[:1].isupper()
                                                             for t in words):
            return None
        surname = words[-1].text
        for index in [*self.context.before(surname, self.span.start), words[-1].i]:
            first = self._name_start(index)
            if index == first and index != words[-1].i:
                continue  # an earlier lone surname introduces nobody
            actor = self._titled(first, index) or self._apposed(first, index)
            if actor is not None and actor.name.endswith(surname):
                return actor
        return None

    def _name_start(self, last: int) -> int:
        """The first word of the run of capitalised words ending at `last` ("Jean-Marc Simon",
        whose hyphen may be a token of its own)."""
        first = last
        cues = self.kb.words_of("person_cue")
        while not self.doc[first].is_sent_start and last - first < MAX_NAME_TOKENS - 1:
            previous = first - 1
            if self.texts[previous] == "-" and not self.doc[previous].is_sent_start:
                previous -= 1
            if not _is_name_word(self.texts[previous]) or previous in self.context.named_tokens \
                    or self.lower[previous] in cues:
                break
            first = previous
        return first

    def _titled(self, first: int, last: int) -> Actor | None:
        """The person at name [first, last] composed with the title before it, unless another
        name stands in that title ("envoy Kemal Arslan met Ali Hassan": Arslan's title)."""
        start = first
        while start > max(self.doc[last].sent.start, first - MAX_EARLIER_TOKENS) \
                and self._in_title(self.doc[start - 1]):
            start -= 1
        title = self.doc[start:first]
        taken = set(self.context.named_tokens)
        self._words(title, taken)
        if _last_name_run(title, taken, self.kb) is not None:
            return None
        window = self.doc[start:last + 1]
        earlier = _SpanReader(window, self.context)
        actor = earlier.mentioned() or earlier.composed(window)
        return actor if actor is not None and actor.kind == "person" else None

    def _in_title(self, token) -> bool:
        """Whether `token` can be part of a title before a name ("Iraq's interior ministry
        spokesman"): no punctuation, preposition, clause word or verb."""
        if token.text in POSSESSIVE or "-" in (token.text, *self.texts[token.i - 1:token.i + 2]):
            return True  # "Iraq's", "United Nations-appointed"
        if token.is_punct and token.text != ".":  # "U.S." keeps its dot
            return False
        if token.lower_ in PREPOSITIONS or token.lower_ in CLAUSE_WORDS:
            return False
        return not self.doc.has_annotation("TAG") or token.pos_ not in CLAUSE_TAGS

    def _apposed(self, first: int, last: int) -> Actor | None:
        """The person at name [first, last] set off by commas beside a description whose head
        is a role word: "X, a spokesman for the Iraqi interior ministry," or "Somalia's envoy
        to Kenya, X,"; a description with no country ("X, the prison director,") takes the
        country the story names most."""
        sentence = self.doc[last].sent
        descriptions = []
        if last + 1 < sentence.end - 1 and self.texts[last + 1] == ",":
            end = last + 2
            while end < sentence.end and self.texts[end] not in APPOSITION_ENDS \
                    and end - last - 2 < MAX_APPOSITION_TOKENS:
                end += 1
            descriptions.append(self.doc[last + 2:end])
        if first - 1 > sentence.start and self.texts[first - 1] == ",":
            start = first - 1
            while start > sentence.start and self.texts[start - 1] not in APPOSITION_ENDS \
                    and first - 1 - start < MAX_APPOSITION_TOKENS:
                start -= 1
            descriptions.append(self.doc[start:first - 1])
        for description in descriptions:
            if not self._headed_by_role(description):
                continue
            # "the leader of the Village de Dieu gang": the gang's, not the story's government
            for part in (self._affiliation(description), description):
                if part is None:
                    continue
                reader = _SpanReader(part, self.context)
                actor = reader.mentioned() or reader.composed(part) or reader.in_story_country()
                if actor is not None and actor.kind != "person":
                    return _member(actor, self.doc[first:last + 1].text)
        return None

    def _affiliation(self, description: Span) -> Span | None:
        """What a person cue's "of"/"for" phrase names in a description ("the leader of the
        X gang", "head of MSF"): the body the person belongs to."""
        cues = self.kb.words_of("person_cue")
        for token in description[1:]:
            if token.lower_ in ("of", "for") and self.lower[token.i - 1] in cues \
                    and token.i + 1 < description.end:
                return self.doc[token.i + 1:description.end]
        return None

    def _headed_by_role(self, description: Span) -> bool:
        """Whether the description's head (its last word before a preposition or a clause) is
        a role word: a person cue ("spokesman", "head") or a role noun of the sector and office
        tables."""
        words = []
        for token in description:
            if not self._in_title(token):
                break
            words.append(token)
        if not words:
            return False
        head = words[-1].i
        if self.lower[head] in self.kb.words_of("person_cue"):
            return True
        for start in range(max(description.start, head - 3), head + 1):
            found = self.tables.heads.longest_at(self.lower, self.texts, start)
            if found is not None and found[0] == head + 1:
                return True
        return False

    def antecedent(self) -> Actor | None:
        """ "he" after "Prime Minister X said ...", "they" after "gunmen stormed ...": the one
        person (for he, she) or the one other actor (for they, it) named before the pronoun in
        its sentence and the sentence before; for a person, if none is named there, in the
        stretch reaching back up to ``PERSON_PRONOUN_SENTENCES`` sentences; when two are named
        there, the one of them that is a subject ("X told Y ... He"), else None."""
        words = [t for t in self.span if not t.is_punct]
        if len(words) != 1 or not self.doc.has_annotation("SENT_START"):
            return None
        pronoun = words[0]
        person = pronoun.lower_ in self.kb.words_of("person_pronoun")
        if not person and pronoun.lower_ not in self.kb.words_of("group_pronoun"):
            return None
        # a person may be named further back when the sentences between name no one (a
        # quotation: '... the answer. I urge them to ...," he said.'), or no person
        for back in range(1, PERSON_PRONOUN_SENTENCES + 1) if person else (1,):
            window = self.doc[_sentences_back(pronoun.sent, back).start:pronoun.i]
            named = self.context.overlapping(window)
            if person:
                named += [m for m in self.context.introduced()
                          if window.start_char <= m.char_start]
            found = [m for m in named
                     if m.char_end <= pronoun.idx and (m.actor.kind == "person") == person]
            if found:
                break
        fitting = {m.actor.id: m.actor for m in found}
        if len(fitting) > 1 and self.doc.has_annotation("DEP"):
            fitting = {m.actor.id: m.actor for m in found if self._is_subject(m)}
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def _is_subject(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubj:pass")

    def anaphor(self) -> Actor | None:
        """ "the council" after "the U.N. Security Council": the nearest actor named before, in
        its sentence or the ``HEAD_MATCH_SENTENCES`` before, whose name ends in the noun; else
        "the group" after "the Baloch Liberation Army ...", "the bloc" after "the EU": the
        nearest actor of the noun's kind named in its sentence or the two before."""
        root = self.span.root if self.doc.has_annotation("DEP") else self.span[-1]
        kinds = [key.removeprefix("anaphor_") for key, words in self.kb.words.items()
                 if key.startswith("anaphor_") and root.lower_ in words]
        tagged = self.doc.has_annotation("TAG")
        before = [t for t in self.span if t.i < root.i]
        if not self.doc.has_annotation("SENT_START") or not root.is_lower or any(
                t.pos_ not in ("DET", "ADJ") if tagged else not (t.is_stop or t.is_lower)
                for t in before):
            return None
        window = self.doc[_sentences_back(root.sent, HEAD_MATCH_SENTENCES).start:self.span.start]
        earlier = [m for m in self.context.overlapping(window)
                   if m.char_end <= self.span.start_char]
        # a name's own head noun is a surer link than a kind: it may reach further back
        named = [m for m in earlier if _last_word(m.text) == root.lower_]
        if named:
            return named[-1].actor
        described = self._described_before(root)
        if described is not None:
            return described
        kind_start = _sentences_back(root.sent, 2).start_char
        of_kind = [m for m in earlier if m.char_start >= kind_start and m.actor.kind in kinds]
        return of_kind[-1].actor if of_kind else None

    def _described_before(self, root: Token) -> Actor | None:
        """ "the spokesperson" after "a State Department spokesperson": the actor of the nearest
        earlier phrase, up to ``HEAD_MATCH_SENTENCES`` back, with the same head noun and more
        than a determiner before it."""
        if not self.doc.has_annotation("DEP"):
            return None
        start = _sentences_back(root.sent, HEAD_MATCH_SENTENCES).start
        for earlier in reversed(self.doc[start:self.span.start]):
            if earlier.lower_ != root.lower_ or earlier.dep_ == "compound":
                continue
            phrase = self.doc[earlier.left_edge.i:earlier.i + 1]
            if any(t.pos_ != "DET" for t in phrase[:-1]):
                actor = self.context.actor_for_span(phrase.start_char, phrase.end_char)
                if actor is not None:
                    return actor
        return None

    def in_story_country(self) -> Actor | None:
        """A role noun or title standing alone ("passengers", "the ministry", "the foreign
        minister", "police"): that sector of the country the story names most."""
        country = self.context.story_country
        head = self._head_sector()
        if country is None or head is None \
                or self.kb.get(f"{country.lower()}.{head.lower()}") is None:
            return None
        return self.kb.country_sector(country, head)

    def _head_sector(self) -> str | None:
        """The sector of the role noun or office holding the span's head word (its last word
        without a parse)."""
        root = self.span.root if self.doc.has_annotation("DEP") else self.span[-1]
        for start in range(self.span.start, root.i + 1):
            head = self.tables.heads.longest_at(self.lower, self.texts, start)
            if head is not None and start <= root.i < head[0] <= self.span.end:
                return self._sector_of(head[1][0])
        return None

    def _sector_of(self, head: tuple[str, str]) -> str | None:
        kind, key = head
        return self.kb.offices[key].sector if kind == "office" else key

    def _named(self, actor: Actor, span: Span) -> Actor | None:
        """A country's sector or a group beside an unknown name in the span: that person, in
        that role ("Hamas spokesman Omar Khalidi" -> PSEUAFHAM)."""
        taken = set(self.context.named_tokens)
        self._words(span, taken)
        if self.doc.has_annotation("DEP"):
            # a name after a preposition or a verb past the phrase's head is in a modifier ("a
            # depot used by Kataib Hezbollah near Albu Kamal": a place, not the group's member)
            cut = next((t.i for t in span if t.i > span.root.i and t.pos_ in ("ADP", "VERB")),
                       span.end)
            span = self.doc[span.start:cut]
        name = _last_name_run(span, taken, self.kb)
        return None if name is None else _member(actor, name)

    def _ethnic_group(self, span: Span) -> Actor | None:
        named = self.context.countries
        for index in range(span.start, span.end - 1):
            rows = self.kb.ethnic_groups.get(self.lower[index], ())
            head = self.tables.heads.longest_at(self.lower, self.texts, index + 1) if rows \
                else None
            if head is None or self._sector_of(head[1][0]) not in ARMED_SECTORS:
                continue
            for country, actor_id in rows:
                if country in named:
                    return self.kb.actor_at(actor_id, self.article.published)
        return None


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].casefold() if words else ""


def _sentences_back(sentence: Span, count: int) -> Span:
    """The sentence ``count`` before ``sentence`` (the first of the document at most)."""
    for _ in range(count):
        if sentence.start == 0:
            break
        sentence = sentence.doc[sentence.start - 1].sent
    return sentence


def _story_country(mentions: Sequence[Mention]) -> str | None:
    """The country whose actors the article names most (the first named of a tie): what a
    role noun standing alone most likely belongs to when the story has no dateline."""
    counts: Counter[str] = Counter(m.actor.country for m in mentions
                                   if m.actor is not None and m.actor.country)
    return counts.most_common(1)[0][0] if counts else None


def countryless(mention: Mention) -> bool:
    """A mention naming a sector of no country ("military", "police", "government forces")."""
    return mention.actor is not None and mention.actor.id.startswith(SECTOR_ONLY_PREFIX)


def _country_of(kb: KnowledgeBase, names) -> tuple[str, str] | None:
    """(ISO3, form) when a name match is a country word: "Spain", "Spanish", "Spaniards"."""
    for name in names:
        iso = name.actor_id.split(".")[0].upper()
        if iso not in kb.countries:
            continue
        if name.form in (COUNTRY, ADJECTIVE, DEMONYM) or (
                name.form == ALIAS and name.actor_id == iso.lower()):
            return iso, name.form
    return None


def _last_name_run(span: Span, taken: set[int], kb: KnowledgeBase) -> str | None:
    """The last run of 2-4 capitalised words in `span` that no table reads: a person's name."""
    cues = kb.words_of("person_cue")
    runs: list[list[str]] = [[]]
    for token in span:
        is_part = token.i not in taken and token.text not in POSSESSIVE \
            and token.lower_ not in cues and _is_name_word(token.text) and not token.is_stop
        if is_part and token.i > 0 and _is_joining_hyphen(token.doc[token.i - 1]) and runs[-1]:
            runs[-1][-1] += f"-{token.text}"  # "Ben-Shabbat", which the tokenizer splits
        elif is_part:
            runs[-1].append(token.text)
        elif runs[-1] and not _is_joining_hyphen(token):
            runs.append([])
    named = [run for run in runs if 2 <= len(run) <= MAX_NAME_TOKENS]
    return " ".join(named[-1]) if named else None


def _is_joining_hyphen(token: Token) -> bool:
    """A hyphen with no space on either side, joining two parts of one word."""
    return token.text == "-" and token.i > 0 and not token.whitespace_ \
        and not token.doc[token.i - 1].whitespace_


def _member(actor: Actor, name: str) -> Actor | None:
    """The person `name` as a member of a country's sector or of a group, with its code."""
    if actor.kind not in NAMED_MEMBER_KINDS or (actor.kind == "sector" and not actor.country):
        return None
    return Actor(id=f"person.{slug(name)}", code=actor.code, name=name,
                 country=actor.country, sector=actor.sector, kind="person")


def _is_name_word(text: str) -> bool:
    """A capitalised word, hyphens and apostrophes aside ("Ben-Shabbat", "O'Neill")."""
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha()


def _with_alias(actor: Actor, alias: str) -> Actor:
    if alias in actor.aliases:
        return actor
    return Actor(id=actor.id, code=actor.code, name=actor.name, country=actor.country,
                 sector=actor.sector, kind=actor.kind, aliases=(*actor.aliases, alias))
