"""Finding event triggers in a parsed sentence.

A word is a trigger when a lexicon row matches its form and part of speech and the row's
conditions hold ("call" + "on" is a request, "share" + "intelligence" is cooperation). A trigger
that only names a goal, an intention or the content of another verbal event ("to fight IS",
"the aim of cooperating", "condemned the attacks") is not an event of its own and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import speech_verbs
from dyad.events.clauses import participles_of
from dyad.events.cues import load_cues
from dyad.events.lexicon import Condition, Grammar, Lexicon, TriggerRule
from dyad.events.plover import load_ontology
from dyad.events.when import date_vocabulary

# Links that join sibling clauses: an event below one of these stands on its own.
SIBLING_DEPS = frozenset({"conj", "parataxis", "acl:relcl", "relcl", "list", "ROOT"})
# Quad classes whose events are speech: what they govern is content, not a separate event.
VERBAL_QUADS = frozenset({1, 3})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod:npmod", "nmod", "obl:npmod"})
# Particles the parser reads as adverbs once an object parts them from their verb ("turned
# 40 of them over to China", "pulled its troops back"): still the verb's particle.
SEPARATED_PARTICLES = frozenset({"over", "back", "out", "down", "up", "off", "away"})
# A participle in these links before its noun only describes it ("Iran-backed militias").
PRENOMINAL_DEPS = frozenset({"amod", "compound"})
# Links of a participle that, with no auxiliary, modifies a noun ("13 Syrians accused of ...").
PARTICIPLE_DEPS = frozenset({"acl", "xcomp", "amod"})


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    rule: TriggerRule

    @property
    def words(self) -> str:
        """The trigger with its particle or light verb ("called on", "launched attack")."""
        token = self.token
        parts = [token]
        parts += [c for c in token.children if c.dep_ in ("prt", "compound:prt")]
        if self.rule.pos == "NOUN" and token.dep_ == "obj" and token.head.pos_ != "NOUN":
            parts.append(token.head)
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    candidates = [t for t in (_match(token, sentence, lexicon) for token in sentence) if t]
    by_index = {trigger.token.i: trigger for trigger in candidates}
    return [t for t in candidates if not _embedded(t.token, by_index, lexicon.grammar)]


def _match(token: Token, sentence: Span, lexicon: Lexicon) -> Trigger | None:
    pos = _pos_of(token)
    if pos is None:
        return None
    rules = _rules(token, pos, lexicon)
    if pos == "NOUN" and is_stray_main_verb(token):
        rules = _rules(token, "VERB", lexicon) + rules
    for rule in rules:
        if all(_holds(condition, token, sentence) for condition in rule.conditions):
            return Trigger(token, rule)
    return None


def _rules(token: Token, pos: str, lexicon: Lexicon) -> list[TriggerRule]:
    return list(lexicon.rules_for(token.lower_, pos)
                or lexicon.rules_for(token.lemma_.lower(), pos))


def _pos_of(token: Token) -> str | None:
    tag = token.tag_
    if tag == "VBG" and token.dep_ in ("nsubj", "nsubj:pass") and not any(
            c.dep_ in ("obj", "nsubj", "aux") for c in token.children):
        return "NOUN"  # a gerund standing as a subject: "Fighting broke out between ..."
    # a word with a subject is a verb, whatever the tagger said ("Iraq and Syria share ...")
    if tag.startswith("VB") or any(c.dep_ in ("nsubj", "nsubj:pass") and not _is_possessor(c)
                                   for c in token.children):
        return "VERB"
    if tag.startswith("NN") and not tag.startswith("NNP"):
        return "NOUN"
    # participles the tagger reads as adjectives ("handed over", "detained")
    if tag == "JJ" and token.lower_.endswith(("ed", "en")):
        return "VERB"
    return None


def is_stray_main_verb(token: Token) -> bool:
    """The verb of a sentence the parser left with a noun for its root, hung on a noun as a
    modifier ("Iraqi forces detained 13 Syrians" read as one noun phrase): the first past form,
    or, in a sentence with no verb at all, a present form read as a noun ("Iraq and Syria share
    intelligence"). Its doer precedes it and its object follows it."""
    if token.dep_ not in PARTICIPLE_DEPS | PRENOMINAL_DEPS or _hyphenated(token):
        return False
    sentence = token.sent
    if token.i == sentence.start or (
            sentence.root.tag_.startswith("VB") and not _reported_by_root(token, sentence)):
        return False
    verbs = [t for t in sentence if t.tag_.startswith(("VB", "MD")) and not _hyphenated(t)]
    if token.tag_ in ("VBD", "VBN"):
        return verbs[0].i == token.i
    return not verbs and token.tag_ in ("NN", "VBP") and token.i < token.head.i


def _reported_by_root(token: Token, sentence: Span) -> bool:
    """Whether the sentence's verb is only its trailing attribution and ``token`` follows a
    noun that may be its doer ("The EU on Monday imposed asset freezes ..., the EU Council
    said", with "imposed" read as a modifier of "freezes")."""
    root = sentence.root
    return (root.lower_ in speech_verbs() and token.i < root.i
            and token.doc[token.i - 1].tag_.startswith(("NN", "PRP")))


def is_finite_modifier(token: Token) -> bool:
    """A past-tense verb the parser hung before a noun as its modifier ("Kobakhidze accused
    foreign-funded groups" read as "accused groups"): a finite form describes no noun, so it is
    the verb of the names before it."""
    return (token.tag_ == "VBD" and token.dep_ in PRENOMINAL_DEPS and token.i < token.head.i
            and not _hyphenated(token))


def _hyphenated(token: Token) -> bool:
    """Part of a hyphenated modifier ("Iran-backed"), which is never a clause's verb."""
    return token.i > 0 and token.doc[token.i - 1].tag_ == "HYPH"


def _is_possessor(token: Token) -> bool:
    """A phrase ending in possessive "'s", whatever dependency the parser gave it."""
    return any(t.tag_ == "POS" for t in token.subtree)


def _holds(condition: Condition, token: Token, sentence: Span) -> bool:
    words = condition.words
    match condition.kind:
        case "prep":
            return _prepositions(token) & words != set()
        case "not_prep":
            return _prepositions(token) & words == set()
        case "obj":
            return any(_forms(o) & words for o in _objects(token))
        case "not_obj":
            return not any(_forms(o) & words for o in _objects(token))
        case "near":
            return any(_forms(t) & words for t in sentence)
        case "not_near":
            return not any(_forms(t) & words for t in sentence)
        case "mod":
            modifiers = [c for c in token.children if c.dep_ in MODIFIER_DEPS and c.i < token.i]
            if token.i > 0:
                modifiers.append(token.doc[token.i - 1])
            return any(_forms(m) & words for m in modifiers)
        case "light":
            return _forms(token.head) & words != set() and token.head.i != token.i
        case "pred":
            return any(_forms(p) & words for p in _predicates(token))
    raise ValueError(f"unknown condition kind {condition.kind!r}")


def _predicates(verb: Token) -> list[Token]:
    """What the verb says of its object: its complement ("held Iraq responsible"), or an
    adjective the parser hung on the object after it ("held the state responsible")."""
    found = [c for c in verb.children if c.dep_ == "xcomp"]
    for obj in (c for c in verb.children if c.dep_ == "obj"):
        found += [a for a in obj.children if a.dep_ == "amod" and a.i > obj.i]
    return found


def _forms(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def _prepositions(token: Token) -> set[str]:
    """Particles of the trigger and the preposition right after it ("call on", "talks with")."""
    found = {c.lower_ for c in token.children if c.dep_ in ("prt", "compound:prt")
             or (c.dep_ == "advmod" and c.i > token.i and c.lower_ in SEPARATED_PARTICLES)}
    if token.i + 1 < len(token.doc):
        found.add(token.doc[token.i + 1].lower_)
    # "the talks held in Cairo between X and Y": the phrase hangs on the noun's participle
    found |= {case.lower_ for phrase in _participle_phrases(token)
              for case in phrase.children if case.dep_ == "case"}
    return found


def _participle_phrases(noun: Token) -> list[Token]:
    """The prepositional phrases of a participle modifying ``noun`` ("talks held in Cairo")."""
    return [phrase for participle in participles_of(noun) for phrase in participle.children
            if phrase.dep_ in ("obl", "nmod") and phrase.i > participle.i]


def _objects(token: Token) -> list[Token]:
    """The object words of a verb, with their conjuncts, compounds and name parts."""
    heads = [c for c in token.children if c.dep_ in ("obj", "iobj", "nsubj:pass")]
    if is_stray_main_verb(token) and token.head.i > token.i:  # "Kenya halted aid" as a noun
        heads.append(token.head)
    if not heads:  # "hosts about 650,000 refugees": the parser made the object a modifier
        approximators = load_cues().approximators
        heads = [c for c in token.children if c.i > token.i and c.dep_ in ("nmod", "obl")
                 and any(g.dep_ == "case" and g.lower_ in approximators for g in c.children)]
    # "the aid delivered to ...", "the summit that will be hosted by ..."
    if token.dep_ in ("acl", "acl:relcl", "relcl") and token.tag_ == "VBN":
        heads.append(token.head)
    found = []
    for head in heads:
        found.append(head)
        if head.tag_ == "WDT" and head.i > 0:  # "the summit that will be hosted": the summit
            found.append(head.doc[head.i - 1])
        # "Rustaveli Avenue": a multi-word name is headed by its first word, "Avenue" is flat;
        # "Foreign Minister al-Shaibani": a title before a name describes it (nmod:desc)
        found += [c for c in head.children if c.dep_ in ("conj", "compound", "flat", "nmod:desc")]
    return found


def _embedded(token: Token, triggers: dict[int, Trigger], grammar: Grammar) -> bool:
    """Whether the trigger is a goal, intention or content of another event, not an event."""
    ontology = load_ontology()
    if _is_reduced_relative(token, grammar):
        return True  # a participle describing its noun ("Syrians accused of ...")
    if (token.dep_ == "obj" and token.tag_.startswith("NN")
            and _forms(token.head) & load_cues().topic_verbs):
        return True  # "could reconsider its cooperation": cooperation is the topic
    if _forms(token) & grammar.partner_nouns and any(
            c.dep_ == "case" and c.lower_ == "in" for c in token.children):
        return True  # "in collaboration with X": X is a partner of the clause's event
    if _after_irrealis_noun(token, grammar):
        return True
    if _took_place(token, grammar) or any(_took_place(c, grammar) for c in participles_of(token)):
        return False  # "welcomed the talks held in Cairo": they took place, an event of its own
    current = token
    while current.dep_ not in SIBLING_DEPS and current.head.i != current.i:
        head = current.head
        if _is_infinitive(current) and not (_forms(head) & grammar.realis_heads):
            return True
        if current.tag_ == "VBG" and any(c.dep_ in ("case", "mark") for c in current.children):
            return True
        if _has_own_subject(current):
            return False  # a finite clause reports its own event ("..., in which he met X")
        if _forms(head) & grammar.irrealis_nouns:
            return True
        governing = triggers.get(head.i)
        if (governing and current.dep_ != "advcl"
                and ontology[governing.rule.event_type].quad_class in VERBAL_QUADS):
            return not (current.i == token.i and _dated_deed_reacted_to(token, governing, grammar))
        current = head
    return False


def _took_place(token: Token, grammar: Grammar) -> bool:
    """A participle saying its noun's event took place ("the accord signed by X and Y")."""
    return (token.dep_ == "acl" and token.tag_ == "VBN"
            and bool(_forms(token) & grammar.realized_participles))


# "the day before", "a day earlier", "two weeks before": a time counted back, after a phrase
RELATIVE_BACK = re.compile(r"(?:the|a|an|one|two|three|four|five|six|seven|\d+)\s+"
                           r"(?:day|days|week|weeks)\s+(?:before|earlier)\b", re.IGNORECASE)


def _dated_deed_reacted_to(noun: Token, reaction: Trigger, grammar: Grammar) -> bool:
    """An event noun with its doer's possessive and a time of its own, the object of a reaction
    ("welcomed Beirut's expulsion of an Iranian diplomat the day before", "regretted Israel's
    release on January 22 of ..."): what is reacted to took place, an event of its own."""
    if reaction.rule.event_type not in grammar.reaction_types or not noun.tag_.startswith("NN"):
        return False
    if not any(c.dep_ == "nmod:poss" for c in noun.children):
        return False
    vocab = date_vocabulary()
    if any(t.text in vocab.weekdays or t.text.rstrip(".") in vocab.months
           for t in noun.subtree if t.i > noun.i):
        return True
    # the parser hangs "the day before" on the noun's phrase or on the verb, after the phrase
    after = noun.doc[noun.i + 1:min(noun.right_edge.i + 5, noun.sent.end)]
    return RELATIVE_BACK.search(after.text) is not None


def _after_irrealis_noun(token: Token, grammar: Grammar) -> bool:
    """ "the need for collaboration": by word order, as the parse often hangs the phrase on the
    verb instead ("underscored the need | for collaboration")."""
    case = next((c for c in token.children if c.dep_ == "case" and c.i < token.i), None)
    if case is None or case.i == 0:
        return False
    return bool(_forms(token.doc[case.i - 1]) & grammar.irrealis_nouns)


def _has_own_subject(token: Token) -> bool:
    return token.tag_.startswith("VB") and any(
        c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ not in ("which", "that")
        for c in token.children
    )


def _is_infinitive(token: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ in ("mark", "aux") for c in token.children)


def _is_reduced_relative(token: Token, grammar: Grammar) -> bool:
    """A participle that describes a noun rather than reporting an event: before it
    ("Iran-backed militias") or after it with no "by" agent and no object of its own ("Syrians
    accused of ...", however the parser attached it)."""
    if is_stray_main_verb(token):
        return False
    if (token.dep_ in PRENOMINAL_DEPS and token.i < token.head.i and not _has_own_subject(token)
            and not is_finite_modifier(token)):
        return True
    after_noun = token.i > 0 and token.doc[token.i - 1].tag_ in ("NNS", "NNPS")
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    # "detained 13 Syrians accused of ...": the parser may make the noun the participle's subject
    small_clause = (subject is not None and token.dep_ in ("xcomp", "advcl")
                    and token.head.i < subject.i)
    bare_participle = (token.tag_ == "VBN" and token.dep_ in PARTICIPLE_DEPS
                       and not any(c.dep_.startswith("aux") for c in token.children)
                       and (subject is None or small_clause))
    if not (token.dep_ == "acl" or bare_participle
            or (after_noun and not _has_own_subject(token))):
        return False
    if token.tag_ not in ("VBN", "VBD"):
        return False
    return not any(c.dep_ == "obj" for c in token.children) and not _has_agent(token, grammar)


def _has_agent(token: Token, grammar: Grammar) -> bool:
    return any(
        g.lower_ in grammar.agent_preps
        for c in token.children if c.dep_.startswith("obl")
        for g in c.children if g.dep_ == "case"
    )
