"""Walks over the dependency tree that role finding needs: subjects, objects, conjuncts,
clause boundaries and the phrase a token heads. Pure functions of spaCy tokens."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.events.triggers import is_stray_main_verb
from dyad.records import Mention

# Dependents that start another clause: an actor inside them is not this phrase's actor.
CLAUSE_DEPS = frozenset({
    "acl", "acl:relcl", "relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct",
    "csubj", "list", "dep",
})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:outer"})


def antecedent_of(relative: Token) -> Token:
    """The noun a relative word ("which", "who") stands for: the head of its clause, or, when the
    parser hung the clause on a verb, the nearest noun before the relative word."""
    clause = relative.head
    if clause.dep_ in ("acl:relcl", "relcl", "acl") or clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    for token in reversed(relative.doc[relative.sent.start:relative.i]):
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
    return clause.head


def mention_head(sentence: Span, mention: Mention) -> Token | None:
    """The token of a mention whose syntactic head lies outside it."""
    span = sentence.doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i),
                span.root)


def is_clause(token: Token) -> bool:
    """A verb heading a clause, not an auxiliary ("has" in "Iraq has rejected")."""
    return token.tag_.startswith("VB") and token.dep_ not in ("aux", "aux:pass", "cop")


def is_coordinated(token: Token) -> bool:
    """Whether a conjunct is joined by a conjunction, its own or a later sibling's ("met X,
    discussed Y and signed Z"); a bare comma ("before X arrived, notified Iraq") more often
    closes a misparsed subordinate clause than joins two clauses of one subject."""
    if token.dep_ != "conj":
        return True
    siblings = [c for c in token.head.children if c.dep_ == "conj" and c.i >= token.i]
    return any(g.dep_ == "cc" for c in siblings for g in c.children)


def chain_to(token: Token, ancestor: Token) -> list[Token]:
    """``token`` and its heads below ``ancestor``."""
    chain = []
    while token.i != ancestor.i and token.head.i != token.i:
        chain.append(token)
        token = token.head
    return chain


def child_with(token: Token, deps: frozenset[str] | tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; a pronoun the parser called expletive counts when the verb has no
    clause it could stand for ("and it pledged to fight on")."""
    subject = child_with(verb, SUBJECT_DEPS)
    if subject is not None or any(c.dep_ in ("ccomp", "csubj") for c in verb.children):
        return subject
    return next((c for c in verb.children if c.dep_ == "expl" and c.i < verb.i), None)


def cut_off_subject(clause: Token) -> Token | None:
    """A subject the parser gave to a subordinate clause that interrupts its own clause ("the
    United States, and before Trump took office, notified Iraq": "States" hung on "took", with
    "notified" joined to "took"). A subordinator opens its clause, so a subject before it
    belongs to the clause the subordinate one interrupts."""
    marks = [c.i for c in clause.children if c.dep_ == "mark"]
    return next((c for c in clause.children
                 if c.dep_ in SUBJECT_DEPS and any(c.i < m < clause.i for m in marks)), None)


def small_clause_subject(verb: Token) -> Token | None:
    """The object the parser made the subject of a following participle ("detained 13 Syrians
    accused of ...": "Syrians" is the subject of "accused")."""
    for child in verb.children:
        bare = not any(c.dep_ in ("mark", "aux", "aux:pass") for c in child.children)
        if child.dep_ in ("xcomp", "advcl") and child.tag_ == "VBN" and bare and child.i > verb.i:
            subject = child_with(child, ("nsubj",))
            if subject is not None and subject.i < child.i:
                return subject
    return None


def object_of(verb: Token) -> Token | None:
    """The verb's object; for a verb the parser hung before a common noun as its modifier
    ("Kenya halted aid to Somalia" read as one noun phrase), that noun."""
    head = verb.head
    if (is_stray_main_verb(verb) and head.i > verb.i
            and head.tag_.startswith("NN") and not head.tag_.startswith("NNP")):
        return head
    return child_with(verb, ("obj",))


def has_argument(verb: Token) -> bool:
    return object_of(verb) is not None or any(
        c.dep_ in ("iobj", "ccomp", "xcomp") for c in verb.children)


def conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj" or is_joined_apposition(child):
            found += [child, *conjuncts(child)]
    return found


def is_joined_apposition(token: Token) -> bool:
    """An apposition opened by a conjunction is a conjunct the parser misread: in "Iraqi Oil
    Minister Karim Hattab and Syrian Energy Minister Mohammed al-Bashir signed", the second
    titled name hangs on the first as its apposition, with "and" at its left edge."""
    return token.dep_ == "appos" and token.left_edge.tag_ == "CC"


def phrase_tokens(token: Token, include_conj: bool) -> list[Token]:
    """The token and its phrase in breadth-first order, not entering other clauses."""
    skip = CLAUSE_DEPS - {"conj"} if include_conj else CLAUSE_DEPS
    order, queue = [], [token]
    while queue:
        current = queue.pop(0)
        order.append(current)
        queue += [c for c in current.children if c.dep_ not in skip]
    return order


def word_forms(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}
