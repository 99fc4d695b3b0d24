"""Who did it and to whom: source, target and further participants of a trigger.

Roles come from the dependency parse first (subject, object, passive agent, the prepositions of
an event noun), then from shared subjects of conjoined or controlled verbs, and only then from
linear order, because the parser gets about one core role in five news sentences wrong. Each way
of finding a role has a weight that lowers the event's confidence when it is less reliable.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.actors.compose import countryless
from dyad.events.clauses import clause_head, participles_of
from dyad.events.cues import Cues, load_cues
from dyad.events.lexicon import Lexicon
from dyad.events.syntax import (
    SUBJECT_DEPS,
    antecedent_of,
    chain_to,
    child_with,
    conjuncts,
    cut_off_subject,
    has_argument,
    is_clause,
    is_coordinated,
    mention_head,
    object_of,
    phrase_tokens,
    small_clause_subject,
    subject_of,
    word_forms,
)
from dyad.events.triggers import (
    MODIFIER_DEPS,
    Trigger,
    is_finite_modifier,
    is_stray_main_verb,
)
from dyad.records import Mention

# How much a role found this way is trusted, relative to a direct dependency.
BY_PARSE = 1.0
BY_SHARED_SUBJECT = 0.9
BY_PRONOUN = 0.75
BY_LINEAR_ORDER = 0.6

PASSIVE_DEPS = frozenset({"nsubj:pass", "aux:pass", "csubj:pass"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
# Finite verb tags: a verb with a tense has a subject of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Words after which a name opens a new clause ("..., and Al-Shatri asked").
CLAUSE_OPENERS = frozenset({"and", "but", ",", ";"})
# Links over which a clause may share the subject of the clause above it ("X met Y and urged Z").
SHARING_DEPS = frozenset({"conj", "xcomp", "advcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class Roles:
    source: Mention | None
    target: Mention | None
    others: tuple[Mention, ...]
    weight: float  # the least reliable method used for a filled role


@dataclass(frozen=True, slots=True)
class Found:
    """A role filler: the mention (maybe unresolved) and how it was found."""

    mention: Mention
    weight: float
    direct: bool = True  # the mention is the phrase's head word, not something inside it


class MentionIndex:
    """Actor mentions of one document, addressable by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.char_start)
        self._starts = [m.char_start for m in self.mentions]
        self.by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
            for token in span or ():
                self.by_token.setdefault(token.i, mention)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), in text order (a bisection: no scan of the
        article's mentions per sentence)."""
        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def before(self, char: int, sentence_start: int) -> list[Mention]:
        """Mentions ending before ``char`` and starting at or after ``sentence_start``, nearest
        first."""
        found = [m for m in self.starting_in(sentence_start, char) if m.char_end <= char]
        return found[::-1]


def find_roles(
    trigger: Trigger, sentence: Span, index: MentionIndex, previous_start: int, lexicon: Lexicon
) -> Roles:
    """Source, target and others of ``trigger``; ``previous_start`` bounds pronoun look-back."""
    finder = _RoleFinder(sentence, index, previous_start, lexicon, _object_words(trigger))
    if trigger.rule.pos == "NOUN":
        source, target = finder.noun_roles(trigger)
        clause = trigger.token.head if trigger.token.dep_ in SUBJECT_DEPS else trigger.token
    else:
        source, target = finder.verb_roles(trigger.token, trigger.rule.event_type)
        clause = trigger.token
    return finder.assemble(trigger, source, target, finder.partners(clause))


class _RoleFinder:
    def __init__(
        self, sentence: Span, index: MentionIndex, previous_start: int, lexicon: Lexicon,
        object_words: frozenset[str] = frozenset(),
    ) -> None:
        self.sentence = sentence
        self.index = index
        self.previous_start = previous_start
        self.lexicon = lexicon
        self.grammar = lexicon.grammar
        self.cues: Cues = load_cues()
        # event nouns the trigger itself governs ("eased sanctions on X"): X is the target
        self.object_words = object_words

    # -- verbs -------------------------------------------------------------------------------

    def verb_roles(self, verb: Token, event_type: str) -> tuple[list[Found], list[Found]]:
        passive = any(c.dep_ in PASSIVE_DEPS for c in verb.children)
        agent = self._child_with_prep(verb, self.grammar.agent_preps - {"from"}, ("obl",)) or (
            self._stray_agent(verb))
        active_subject = subject_of(verb)  # "X condemned the attack by Y" is active
        if passive or (agent is not None and verb.tag_ == "VBN" and active_subject is None):
            target = self._actors(child_with(verb, ("nsubj:pass",)))
            source = self._actors(agent) or self._doer_of_setting(verb)
            weapon = word_forms(verb.head) & self.cues.instrument_nouns
            if not target and verb.dep_ == "acl" and not weapon:
                # "the Syrians detained by police", not "rockets fired by X"
                target = self._actors(verb.head)
        elif (event_type in self.grammar.handover_types
              and word_forms(verb) & self.grammar.taking_verbs):
            # "Iraq received 140 suspects from the SDF": the SDF handed them to Iraq
            source = self._actors(self._handover_phrase(verb, {"from"}, groups=True))
            target = self._actors(active_subject)
        else:
            source = self._actors(active_subject)
            obj = object_of(verb)
            handover = event_type in self.grammar.handover_types and (
                word_forms(verb) & self.grammar.handover_verbs != set())
            moved = handover or event_type in self.grammar.force_object_types
            target = [] if takes_topic(verb, event_type) or moved else self._actors(
                obj or child_with(verb, ("iobj",)) or small_clause_subject(verb))
            if obj is not None and self._is_event_noun(obj) and all(
                    f.mention.actor is None or countryless(f.mention) for f in target):
                # "threatened military action against X": a sector named by no country is
                # no target; the event noun's own patient phrase may be
                target = []
            if word_forms(verb) & self.grammar.culprit_verbs and obj is not None:
                culprit = (self._child_with_prep(obj, {"on"})
                           or self._child_with_prep(verb, {"on"}))
                target = self._actors(culprit) or target
            if not target:
                preps = self.grammar.target_preps | self.grammar.type_target_preps.get(event_type,
                                                                                       frozenset())
                # "condemned the violence against X": the phrase after an event noun is the
                # noun's, wherever the parser hung it
                after = obj if obj is not None and self._is_event_noun(obj) else None
                phrase = self._child_with_prep(verb, preps, after=after)
                if phrase is None and handover:
                    phrase = self._handover_phrase(verb, {"to"}, groups=False)
                if phrase is None and after is not None and (
                        event_type in self.grammar.patient_target_types):
                    phrase = self._child_with_prep(after, preps)
                if phrase is not None and not self._continues_goal(phrase, verb):
                    target = self._actors(phrase)
            if not target and event_type in self.grammar.addressee_clause_types:
                clause = child_with(verb, ("ccomp",))
                if clause is not None and clause.i > verb.i:
                    target = self._actors(subject_of(clause))
        subject_token = active_subject or child_with(verb, ("nsubj:pass",))
        if subject_token is not None and subject_token.lower_ in RELATIVE_WORDS:
            # "forces which attacked"
            relative = self._actors(antecedent_of(subject_token), BY_SHARED_SUBJECT)
            if passive:
                target = target or relative
            else:
                source = relative or source
        if not source and not passive and verb.tag_ in FINITE_TAGS:
            source = self._clause_opening_name(verb)
        if not source and subject_token is None and not passive:
            source = self._inherited_subject(verb)
        if not source and subject_token is None and not passive:
            source = self._linear(verb, before=True)
        if not target and not has_argument(verb) and not takes_topic(verb, event_type):
            target = self._linear(verb, before=False)
        return source, target

    def _doer_of_setting(self, verb: Token) -> list[Found]:
        """Who did the event a passive verb happened in ("were killed in an Israeli drone
        strike"): that event noun's doer."""
        for child in verb.children:
            cases = {c.lower_ for c in child.children if c.dep_ in ("case", "mark")}
            if "in" in cases and child.i > verb.i and self._is_event_noun(child):
                doer = self._doer_of_event(child, BY_PARSE)
                if doer is not None:
                    return [doer]
        return []

    def _stray_agent(self, verb: Token) -> Token | None:
        """The phrase opened by a "by" right after a participle ("rockets fired by X", "carried
        out by X"), which the parser may hang anywhere, even make the sentence's root."""
        if verb.tag_ != "VBN":
            return None
        i = verb.i + 1
        doc = verb.doc
        while i < self.sentence.end and doc[i].dep_ == "compound:prt":
            i += 1
        if i >= self.sentence.end or doc[i].lower_ != "by" or doc[i].dep_ != "case":
            return None
        phrase = doc[i].head
        return phrase if phrase.i > i and self.index.at(phrase) is not None else None

    def _clause_opening_name(self, verb: Token) -> list[Found]:
        """A name right before the verb that opens its clause ("..., and Al-Shatri also asked
        X"), which the parser gave another role while making a far noun the subject."""
        doc, i = self.sentence.doc, verb.i - 1
        while i > self.sentence.start and doc[i].tag_.startswith("RB"):
            i -= 1
        mention = self.index.at(doc[i]) if i >= self.sentence.start else None
        if mention is None or mention.actor is None or (
                mention.actor.sector in self.grammar.reporter_sectors):
            return []
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        opener = doc[span.start - 1] if span is not None and span.start > 0 else None
        if opener is None or span.start == self.sentence.start or opener.lower_ in CLAUSE_OPENERS:
            return [Found(mention, BY_LINEAR_ORDER)]
        return []

    def _inherited_subject(self, verb: Token) -> list[Found]:
        """The subject a verb shares with the verb it is joined to ("X met Y and urged Z")."""
        head = verb.head
        if verb.dep_ in ("acl", "amod") and child_with(verb, ("obj",)) is not None:
            # "Turkish drones struck PKK positions" parsed as drones that struck: a participle
            # with an object of its own is done by the noun it describes
            return self._actors(head, BY_SHARED_SUBJECT)
        if is_finite_modifier(verb) or (is_stray_main_verb(verb) and verb.i < head.i):
            # its doer was hung on the same noun, before it
            names = [c for c in head.children if c.i < verb.i and c.dep_ in MODIFIER_DEPS]
            return next((found for c in names if (found := self._actors(c, BY_SHARED_SUBJECT))),
                        [])
        if is_stray_main_verb(verb) and verb.i > head.i:
            # "The army and the SDF clashed" read as the SDF that clashed: the whole
            # coordinated phrase before it is the subject
            first = head.head if head.dep_ == "conj" and head.head.i < head.i else head
            return self._actors(first, BY_SHARED_SUBJECT)
        if head.i == verb.i or verb.dep_ not in ("conj", "xcomp", "advcl"):
            return []
        if verb.dep_ == "conj" and head.i < verb.i and (cut_off := cut_off_subject(head)):
            return self._actors(cut_off, BY_SHARED_SUBJECT)
        if not is_coordinated(verb):
            return []
        if verb.dep_ == "xcomp":  # "asked X to ...": X is the doer of the infinitive
            controller = child_with(head, ("obj",))
            if controller is not None:
                return self._actors(controller, BY_SHARED_SUBJECT)
        subject = subject_of(head)
        if subject is None:
            return self._inherited_subject(head)
        if (verb.dep_ == "conj" and head.dep_ == "ccomp" and not head.tag_.startswith("VB")
                and not self._actors(subject)):
            # "X considered that the presence is an occupation, and demanded ...": a verb
            # hung on a reported noun predicate with no actor for subject is X's
            return self._actors(subject_of(head.head), BY_SHARED_SUBJECT)
        # a news outlet reports the joined clause ("X website learned ..., but Y opposes")
        return [f for f in self._actors(subject, BY_SHARED_SUBJECT)
                if f.mention.actor is None
                or f.mention.actor.sector not in self.grammar.reporter_sectors]

    # -- nouns -------------------------------------------------------------------------------

    def noun_roles(self, trigger: Trigger) -> tuple[list[Found], list[Found]]:
        noun = trigger.token
        between = self._child_with_prep(noun, {"between", "among"})
        participles = participles_of(noun)
        if between is None and participles:  # "the talks held ... between X and Y"
            between = self._child_with_prep(participles[0], {"between", "among"})
        if between is None and noun.dep_ in ("obj", "obl"):  # often attached to the verb
            between = self._child_with_prep(noun.head, {"between", "among"})
            if between is not None and between.left_edge.i != noun.right_edge.i + 1:
                between = None
        if between is None and noun.dep_ in SUBJECT_DEPS | {"nsubj:pass"}:
            # "Fighting broke out on Monday between X and Y": the parser may hang the phrase on
            # any word of the clause the noun is the subject of
            between = next((t for t in noun.head.subtree if t.i > noun.head.i
                            and clause_head(t).i == noun.head.i
                            and any(c.dep_ == "case" and c.lower_ == "between"
                                    for c in t.children)), None)
        if between is not None:
            parties = self._all_actors(between)
            return parties[:1], parties[1:]
        if noun.dep_ in SUBJECT_DEPS | {"nsubj:pass"}:
            return self._subject_noun_roles(trigger)
        return self._own_noun_roles(trigger)

    def _subject_noun_roles(self, trigger: Trigger) -> tuple[list[Found], list[Found]]:
        """An event noun as a clause's subject. With a verb of cause ("his killing resulted from
        Iraqi operations") the cause is the doer; with a verb that describes ("the visit focused
        on ...", "his visit coincided with ...") the noun re-mentions an event told elsewhere,
        so it is one only when it names its own participants ("the visit to Damascus lasted")."""
        noun, verb = trigger.token, trigger.token.head
        source, target = self._own_noun_roles(trigger)
        if word_forms(verb) & self.grammar.cause_verbs:
            cause = self._child_with_prep(verb, self.grammar.agent_preps)
            return (self._all_actors(cause) if cause is not None else source), target
        if word_forms(verb) & self.grammar.light_verbs:
            return source, target
        own = {t.i for t in noun.subtree if t.dep_ != "nmod:poss"}
        named_target = [f for f in target if self._token_of(f) in own]
        pronoun = any(f.weight == BY_PRONOUN for f in source + target)
        if pronoun or not (named_target or destination(trigger) is not None):
            return [], []
        return source, named_target

    def _token_of(self, found: Found) -> int | None:
        span = mention_head(self.sentence, found.mention)
        return span.i if span is not None else None

    def _own_noun_roles(self, trigger: Trigger) -> tuple[list[Found], list[Found]]:
        noun, frame = trigger.token, trigger.rule.frame
        possessor = self._actors(child_with(noun, ("nmod:poss",)))
        of = self._actors(self._child_with_prep(noun, {"of"}))
        by = self._actors(self._child_with_prep(noun, self.grammar.agent_preps))
        to = self._actors(self._child_with_prep(noun, self.grammar.target_preps))
        modifier = self._actors(child_with(noun, ("amod", "compound")))
        if frame == "agent":  # "of" names the doer unless another phrase does ("X's shelling
            # of Y")
            of_is_doer = not (possessor or by)
            source = possessor or by or (of if of_is_doer else []) or modifier
            target = to or ([] if of_is_doer else of)
        elif frame == "mixed":  # "condemnation of the massacre ... in Syria": look deeper
            of_phrase = self._child_with_prep(noun, {"of"})
            # the phrases after it may continue it ("of the massacre of civilians attributed
            # to ...", the second "of" hung on the first noun)
            tail = [] if of_phrase is None else [of_phrase] + [
                c for c in noun.children
                if c.i > of_phrase.i and c.dep_.split(":")[0] in ("nmod", "acl")]
            deeper = [f for phrase in tail for f in self._all_actors(phrase, clauses=True)]
            # a named country deep in the phrase says more than a sector, whose country may be
            # a guess ("the massacre ... attributed to security forces ... in coastal Syria")
            deeper.sort(key=_country_first)
            source = possessor or by or modifier
            target = of or to or [Found(f.mention, BY_LINEAR_ORDER, direct=False)
                                  for f in deeper[:1]]
        elif of:  # patient frame with "of X": the possessor (if any) did it
            source, target = possessor or by, of
        else:
            source, target = by, possessor or modifier or to
        claimed = self._claimed_by(noun)
        if claimed is not None:
            source = source or self._actors(subject_of(claimed)) or self._inherited_subject(
                claimed)
        light = noun.head
        governed = noun.dep_ == "obj" or (  # "went on strike", not "opened ... into an assault"
            noun.dep_ == "obl" and any(c.lower_ == "on" for c in noun.children))
        if governed and word_forms(light) & self.grammar.light_verbs:
            # "the Turkish army held a military exercise": the subject names more than the
            # sector word before the noun
            if not source or (source is modifier and all(
                    countryless(f.mention) for f in source)):
                source = self._actors(subject_of(light)) or self._inherited_subject(
                    light
                ) or source
            if not target:
                target = self._actors(
                    self._child_with_prep(light, self.grammar.target_preps, skip=noun))
        elif not target and (
                # "received a call from Tehran": the one who receives is the one called
                (governed and by and word_forms(light) & self.grammar.receiving_verbs)
                # "the patrol came under attack": the one attacked
                or (noun.dep_ == "obl" and any(c.lower_ == "under" for c in noun.children)
                    and word_forms(light) & self.grammar.undergoing_verbs)):
            target = self._actors(subject_of(light))
        elif noun.dep_ == "obl" and any(c.lower_ == "in" for c in noun.children) and (
                word_forms(light) & self.grammar.victim_verbs):
            # "21 passengers died in the attack by the BLA", "an officer was killed in a gun
            # battle with smugglers": the subject suffered it, the other side did it
            victims = self._actors(child_with(light, SUBJECT_DEPS | {"nsubj:pass"}))
            if victims:
                with_phrase = self._child_with_prep(noun, {"with"})
                # the parser often hangs the noun's "by" phrase on the verb
                by_verb = self._child_with_prep(light, {"by"}, skip=noun)
                source = source or self._actors(with_phrase) or self._actors(by_verb)
                target = victims
        return source, target

    def _claimed_by(self, noun: Token) -> Token | None:
        """The verb by which a group owns the event ``noun`` ("claimed responsibility for the
        attack", "took credit for the bombing"), if the noun stands so."""
        if not (noun.dep_ in ("nmod", "obl")
                and any(c.dep_ == "case" and c.lower_ == "for" for c in noun.children)):
            return None
        # the parser hangs the "for" phrase on the noun or on the verb
        verb = noun.head.head if noun.head.dep_ == "obj" else noun.head
        owned = child_with(verb, ("obj",))
        if owned is None or owned.lower_ not in self.grammar.responsibility_nouns:
            return None
        return verb if word_forms(verb) & self.grammar.claiming_verbs else None

    def partners(self, clause: Token) -> list[Found]:
        """Actors the clause acts together with ("... in collaboration with the coalition"),
        wherever in its phrases the partner noun stands ("raided the camp in cooperation with
        X")."""
        found = []
        for noun in phrase_tokens(clause, include_conj=False)[1:]:
            if self._is_partner_noun(noun):
                found += self._actors(self._partner_phrase(noun))
        return found

    def _is_partner_noun(self, token: Token) -> bool:
        return bool(word_forms(token) & self.grammar.partner_nouns) and any(
            c.dep_ == "case" and c.lower_ == "in" for c in token.children)

    def _partner_phrase(self, noun: Token) -> Token | None:
        """The "with" phrase right after a partner noun, which the parser hangs under the noun
        or beside it."""
        for child in [*noun.children, *noun.head.children]:
            cases = {g.lower_ for g in child.children if g.dep_ == "case"}
            if child.left_edge.i in (noun.i + 1, noun.right_edge.i + 1) and "with" in cases:
                return child
        return None

    # -- finding actors under a token ---------------------------------------------------------

    def _actors(self, token: Token | None, weight: float = BY_PARSE) -> list[Found]:
        """The actor of a phrase, then those conjoined with it ("Turkey, Iraq and Syria")."""
        if token is None:
            return []
        found: dict[int, Found] = {}  # one per mention: a long name may span conjuncts
        for head in [token, *conjuncts(token)]:
            event = self._is_event_noun(head) and self.index.at(head) is None
            actor = self._user_of_weapon(head, weight) or (
                self._doer_of_event(head, weight) if event
                else self._actor_of_phrase(head, weight))
            if actor is not None:
                found.setdefault(actor.mention.char_start, actor)
        return list(found.values())

    def _is_event_noun(self, token: Token) -> bool:
        """A common noun naming an event ("the strikes", "the violence against protesters")."""
        if not token.tag_.startswith("NN") or token.tag_.startswith("NNP"):
            return False
        forms = word_forms(token)
        if forms & self.object_words:
            return False
        return bool(forms & self.cues.event_nouns) or any(
            self.lexicon.rules_for(form, "NOUN") for form in forms)

    def _user_of_weapon(self, noun: Token, weight: float) -> Found | None:
        """Who used the weapon a noun names ("rockets fired by X", "X's drones"), which stands
        where its user would; the weapon noun itself may be a mention of some military."""
        if not word_forms(noun) & self.cues.instrument_nouns:
            return None
        candidates = [child_with(noun, ("nmod:poss",)), *self._agent_phrases(noun)]
        return next((actor for c in candidates if c is not None
                     and (actor := self._actor_of_phrase(c, weight)) is not None), None)

    def _agent_phrases(self, noun: Token) -> list[Token]:
        """The "by" phrase of a noun or of a participle describing it ("strikes carried out by
        X")."""
        participles = participles_of(noun)
        by = self.grammar.agent_preps - {"from"}  # "fired from Lebanon" names a place
        phrases = [self._child_with_prep(noun, self.grammar.agent_preps),
                   *(self._child_with_prep(p, by) or self._stray_agent(p) for p in participles)]
        return [phrase for phrase in phrases if phrase is not None]

    def _doer_of_event(self, noun: Token, weight: float) -> Found | None:
        """Who did what an event noun names: its possessor, its "by" phrase or that of a
        participle describing it, a name or adjective modifying it ("US strikes", "the Lebanese
        demand") or, for a noun whose "of" is its doer, the "of" phrase. Its patient ("the
        violence against protesters", "an assault on workers") is not its doer."""
        rules = [r for form in word_forms(noun) for r in self.lexicon.rules_for(form, "NOUN")]
        of_is_doer = not rules or rules[0].frame == "agent"
        candidates = [child_with(noun, ("nmod:poss",)), *self._agent_phrases(noun),
                      *[c for c in noun.children if c.dep_ in ("compound", "amod")]]
        if of_is_doer:
            candidates.append(self._child_with_prep(noun, {"of"}))
        if noun.dep_ == "obj":  # "condemned the attack by Y": "by Y" hung on the verb
            by = self._child_with_prep(noun.head, self.grammar.agent_preps)
            if by is not None and by.left_edge.i == noun.right_edge.i + 1:
                candidates.append(by)
        for candidate in candidates:
            actor = self._actor_of_phrase(candidate, weight) if candidate is not None else None
            if actor is not None:
                return actor
        return None

    def _all_actors(self, token: Token, clauses: bool = False) -> list[Found]:
        """Every actor named inside a phrase, in text order ("between the agencies of X and Y");
        with ``clauses`` also inside its relative and participle clauses."""
        seen: dict[int, Found] = {}
        for t in (token.subtree if clauses else phrase_tokens(token, include_conj=True)):
            mention = self.index.at(t)
            if mention is not None:
                seen.setdefault(mention.char_start, Found(mention, BY_PARSE))
        return [seen[k] for k in sorted(seen)]

    def _actor_of_phrase(self, token: Token, weight: float) -> Found | None:
        for t in phrase_tokens(token, include_conj=False):
            mention = self.index.at(t)
            if mention is not None and not self._in_goal(t, token):
                return Found(mention, weight, direct=self.index.at(token) is mention)
            # only the phrase head may be a pronoun: "its" in "its troops" is not the actor
            if t.i == token.i and (t.tag_ in PRONOUN_TAGS or t.lower_ == "latter"):
                resolved = self._pronoun(t)
                if resolved is not None:
                    return resolved
        return None

    def _in_goal(self, token: Token, top: Token) -> bool:
        """Whether ``token`` lies in a goal or purpose phrase below ``top`` ("readiness to widen
        cooperation in the war against the PKK"), which names what the event is meant to
        counter, or in a partner phrase ("raided the camp in cooperation with X"), which names
        who helped: neither is the phrase's own actor."""
        current = token
        while current.i != top.i and current.head.i != current.i:
            cases = {c.lower_ for c in current.children if c.dep_ in ("case", "mark")}
            forms = word_forms(current)
            if (forms & self.cues.goal_words and cases) or (
                    forms & self.grammar.partner_nouns and "in" in cases):
                return True
            current = current.head
        return False

    def _continues_goal(self, phrase: Token, verb: Token) -> bool:
        """Whether a phrase the parser hung on the verb directly follows a goal phrase it belongs
        to ("voiced readiness ... in the fight | against IS")."""
        before = phrase.doc[phrase.left_edge.i - 1]
        return before.i != verb.i and self._in_goal(before, verb)

    def _pronoun(self, token: Token) -> Found | None:
        word = token.lower_
        if word in self.grammar.person_pronouns:
            candidates = self.index.before(token.idx, self.previous_start)
            people = [m for m in candidates if m.actor is not None and m.actor.kind == "person"]
            # "the latter" is the nearest of two; "he" is only the one person named
            unique = len({m.actor.id for m in people}) == 1
            antecedent = people[0] if people and (unique or word == "latter") else None
        elif word in self.grammar.thing_pronouns:
            candidates = self.index.before(token.idx, self.sentence.start_char)
            antecedent = self._antecedent(
                [m for m in candidates if m.actor is not None and m.actor.kind != "person"])
        else:
            return None
        if antecedent is None:
            return None
        mention = dataclasses.replace(
            antecedent, text=token.text, char_start=token.idx,
            char_end=token.idx + len(token.text),
        )
        return Found(mention, BY_PRONOUN)

    def _antecedent(self, candidates: list[Mention]) -> Mention | None:
        """The nearest candidate not named as a place or a comparison ("a country like Syria"),
        preferring one that is not a noun's "of" complement ("the entry of the army")."""
        subjects, actors, complements = [], [], []
        for mention in candidates:
            head = mention_head(self.sentence, mention)
            cases = {c.lower_ for c in head.children if c.dep_ == "case"} if head else set()
            if cases & self.grammar.locative_preps:
                continue
            if head is not None and head.tag_ == "NNS" and head.text.islower():  # not "soldiers"
                continue
            if head is not None and head.dep_ in SUBJECT_DEPS:
                subjects.append(mention)
            else:
                (complements if "of" in cases else actors).append(mention)
        return next(iter(subjects + actors + complements), None)

    def _linear(self, trigger: Token, before: bool) -> list[Found]:
        """Nearest fitting mention before (source) or after (target) within a small window of
        the trigger's own clause."""
        step = -1 if before else 1
        i = trigger.i + step
        limit = self.grammar.linear_max_distance
        while self.sentence.start <= i < self.sentence.end and abs(i - trigger.i) <= limit:
            token = self.sentence.doc[i]
            if token.lower_ in self.grammar.linear_barriers:
                break
            mention = self.index.at(token)
            if mention is not None and self._fits_linear(mention, trigger, before):
                return [Found(mention, BY_LINEAR_ORDER)]
            i += step
        return []

    def _fits_linear(self, mention: Mention, trigger: Token, before: bool) -> bool:
        """Whether a nearby mention may fill a role the parse left empty: not a news outlet (a
        reporter, not an actor), not a place ("violence in Syria"), and not inside another clause
        ("before Trump assumed office, notified Iraq") unless it is that clause's subject."""
        if mention.actor is not None and mention.actor.sector in self.grammar.reporter_sectors:
            return False
        head = mention_head(self.sentence, mention)
        if head is None:
            return False
        if any(c.dep_ == "case" and c.lower_ in self.grammar.locative_preps
               for c in head.children):
            return False
        current, path = head, []
        while current.i != trigger.i and current.head.i != current.i and not is_clause(current):
            path.append(current.dep_)
            current = current.head
        if current.i == trigger.i or not is_clause(current):
            return True  # in the trigger's phrase, or in a verbless (misparsed) fragment
        if not before:
            return False
        # another verb's subject may be a subject the parse failed to share with the trigger
        return (bool(path) and path[-1] in SUBJECT_DEPS
                and trigger in current.subtree
                and all(t.dep_ in SHARING_DEPS and is_coordinated(t)
                        for t in chain_to(trigger, current)))

    def _handover_phrase(self, verb: Token, preps: set[str], groups: bool) -> Token | None:
        """The phrase naming who people were handed to or taken from: the verb's own, else the
        first naming an actor the parser hung further down ("received 140 suspects | from the
        SDF", "19 Syrians convicted of smuggling | to Syria"); with ``groups`` False, a state's
        (people are handed to states, not "accused of belonging to the Islamic State")."""
        phrase = self._child_with_prep(verb, preps)
        if phrase is not None:
            return phrase
        # the parser's tree breaks here often: look along the verb's own words after it
        said = {t.i for c in verb.children if c.dep_ in ("parataxis", "ccomp")
                for t in c.subtree}
        return next((token for token in verb.subtree
                     if token.i > verb.i and token.i not in said
                     and token.dep_.split(":")[0] in ("obl", "nmod")
                     and any(c.dep_ == "case" and c.lower_ in preps for c in token.children)
                     and (mention := self.index.at(token)) is not None
                     and mention.actor is not None
                     and (groups or mention.actor.kind != "group")), None)

    def _child_with_prep(
        self, token: Token, preps: frozenset[str] | set[str],
        deps: tuple[str, ...] = ("obl", "nmod"), skip: Token | None = None,
        after: Token | None = None,
    ) -> Token | None:
        """A prepositional argument of ``token``, not ``skip`` and not the phrase right after
        ``after``."""
        for child in token.children:
            if skip is not None and child.i == skip.i:
                continue
            if after is not None and child.left_edge.i == after.right_edge.i + 1:
                continue
            if token.tag_.startswith("VB") and child.i < token.i:
                continue  # a fronted "On Friday, ..." is no verb argument
            if child.left_edge.i > 0 and self._is_partner_noun(child.doc[child.left_edge.i - 1]):
                continue  # "in coordination | with X": X is a partner, whatever it hangs on
            is_argument = child.dep_.split(":")[0] in deps or child.dep_ == "obl:agent"
            cases = {g.lower_ for g in child.children if g.dep_ == "case"}
            if is_argument and cases & preps and not cases & self.cues.reporting_case:
                return child
        return None

    # -- assembling --------------------------------------------------------------------------

    def assemble(
        self, trigger: Trigger, source: list[Found], target: list[Found],
        partners: list[Found],
    ) -> Roles:
        """The roles from the candidates; partners ("in cooperation with X") are only ever
        others: they helped the doer, nothing was done to them."""
        symmetric = (trigger.rule.event_type in self.grammar.symmetric_types
                     or bool(word_forms(trigger.token) & self.cues.joint_verbs))
        source, target = _resolved(source), _resolved(target)
        source = _distinct(source)
        if symmetric and len(source) > 1:  # "Iraq and Syria agreed ...": partners first
            source, target = source[:1], source[1:] + [f for f in target if f.direct]
        first_source = source[0] if source else None
        if first_source is not None:  # a misparse may offer the doer as its own target
            target = [f for f in target if f.mention.actor.id != first_source.mention.actor.id]
        first_target = target[0] if target else None
        rest = source[1:] + target[1:] + _resolved(partners)
        weights = [f.weight for f in (first_source, first_target) if f is not None]
        used = {f.mention.actor.id for f in (first_source, first_target) if f is not None}
        others = []
        for found in rest:
            if found.mention.actor.id not in used:
                used.add(found.mention.actor.id)
                others.append(found.mention)
        return Roles(
            source=first_source.mention if first_source else None,
            target=first_target.mention if first_target else None,
            others=tuple(others),
            weight=min(weights, default=0.0),
        )


def takes_topic(verb: Token, event_type: str) -> bool:
    """ "discussed the integration of the forces into the army": the object is what is talked
    about (the army is no participant), so the partners are the subjects or a "with" phrase."""
    cues = load_cues()
    return event_type in cues.topic_event_types and bool(word_forms(verb) & cues.topic_verbs)


def destination(trigger: Trigger) -> Token | None:
    """Where a visit went: the object of "visited X", or X in "visit to X"."""
    token = trigger.token
    if trigger.rule.pos == "VERB":
        return child_with(token, ("obj",))
    for child in token.children:
        if any(g.dep_ in ("case", "mark") and g.lower_ == "to" for g in child.children):
            return child
    return None


def _object_words(trigger: Trigger) -> frozenset[str]:
    return frozenset(w for c in trigger.rule.conditions if c.kind == "obj" for w in c.words)


def _country_first(found: Found) -> int:
    actor = found.mention.actor
    if actor is None or actor.country is None:
        return 2
    return 0 if actor.kind == "country" else 1


def _resolved(found: list[Found]) -> list[Found]:
    """Role fillers with a known actor; an unresolved first filler leaves the role empty."""
    if found and found[0].mention.actor is None:
        return []
    return [f for f in found if f.mention.actor is not None]


def _distinct(found: list[Found]) -> list[Found]:
    seen: set[str] = set()
    return [f for f in found if not (f.mention.actor.id in seen or seen.add(f.mention.actor.id))]
