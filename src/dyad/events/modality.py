"""Whether an event is negated, hypothetical or historical (PLOVER's auxiliary modes).

Each flag is read from the dependency tree around the trigger (its auxiliaries, adverbs, the
verbs and nouns governing it through "to"-complements, the subordinator of its clause) and, as
a fallback for parse errors, from the auxiliary words right before it ("did not", "will be").
Cue words live in ``data/lexicons/modality.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import LexiconFile, load_lexicon, word_forms
from dyad.events.attribution import attribution_cues, is_speech_verb
from dyad.events.clauses import (
    clause_head,
    control_chain,
    has_parse,
    is_verb,
    left_window,
    span_of,
)
from dyad.events.syntax import child_with
from dyad.events.when import DateMention, find_dates, starts_interval

# Tokens left of the trigger searched for cue phrases ("in the process of putting").
PHRASE_WINDOW = 8
# Tokens at the start of a sentence within which a background phrase scopes over all of it.
FRONTED = 3
# A year standing as a noun's modifier ("the 2004 bombing").
YEAR = re.compile(r"(?:19|20)\d\d")
# Heads of a noun trigger climbed to find a governing noun ("the idea of transferring").
NOUN_HOPS = 3
# Dependencies of a verb's complement clause (the parser may label "plans to urge" acl).
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "advcl"})
PRECISION_DAYS = {"day": 0, "week": 6, "month": 30, "year": 364}


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    hypothetical: bool
    historical: bool


@dataclass(frozen=True, slots=True)
class ModalityCues:
    negation_words: frozenset[str]
    nobody_words: frozenset[str]
    focus_words: frozenset[str]
    negating_governors: frozenset[str]
    negation_phrases: tuple[str, ...]
    modals: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_nouns: frozenset[str]
    conditional_marks: frozenset[str]
    conditional_acts: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    conditional_openers: tuple[str, ...]
    historical_adverbs: frozenset[str]
    historical_patterns: tuple[re.Pattern[str], ...]
    older_than: dt.timedelta
    interval_older_than: dt.timedelta
    since_exceptions: tuple[str, ...]
    auxiliaries: frozenset[str]
    conflict_nouns: frozenset[str]


@lru_cache(maxsize=1)
def modality_cues() -> ModalityCues:
    lexicon = load_lexicon("modality.toml")
    patterns = []
    for pattern in lexicon.strings("historical.patterns"):
        try:
            patterns.append(re.compile(pattern))
        except re.error as error:
            raise lexicon.error(
                "historical.patterns", f"bad pattern {pattern!r}: {error}"
            ) from error
    older_than = _days(lexicon, "older_than_days")
    interval_older_than = _days(lexicon, "interval_older_than_days")
    return ModalityCues(
        negation_words=frozenset(lexicon.strings("negated.words")),
        nobody_words=frozenset(lexicon.strings("negated.nobody")),
        focus_words=frozenset(lexicon.strings("negated.focus_words")),
        negating_governors=word_forms(lexicon.strings("negated.governors")),
        negation_phrases=lexicon.strings("negated.phrases"),
        modals=frozenset(lexicon.strings("hypothetical.modals")),
        hypothetical_governors=word_forms(lexicon.strings("hypothetical.governors")),
        hypothetical_nouns=frozenset(lexicon.strings("hypothetical.nouns")),
        conditional_marks=frozenset(lexicon.strings("hypothetical.marks")),
        conditional_acts=word_forms(lexicon.strings("hypothetical.conditional_acts")),
        hypothetical_phrases=lexicon.strings("hypothetical.phrases"),
        conditional_openers=lexicon.strings("hypothetical.sentence_openers"),
        historical_adverbs=frozenset(lexicon.strings("historical.adverbs")),
        historical_patterns=tuple(patterns),
        older_than=older_than,
        interval_older_than=interval_older_than,
        since_exceptions=lexicon.strings("historical.since_exceptions"),
        auxiliaries=frozenset(lexicon.strings("historical.auxiliaries")),
        conflict_nouns=frozenset(lexicon.strings("historical.conflict_nouns")),
    )


def _days(lexicon: LexiconFile, name: str) -> dt.timedelta:
    days = lexicon.table("historical").get(name)
    if not isinstance(days, int) or days <= 0:
        raise lexicon.error(f"historical.{name}", "expected a positive integer")
    return dt.timedelta(days=days)


def modality_of(
    trigger: Token, sentence: Span, published: dt.date | None, *, untriggered: bool = False
) -> Modality:
    """The negated / hypothetical / historical flags of the event ``trigger`` reports. An
    ``untriggered`` event (the model's, read at the main verb: no word of the sentence is known
    to report it) is dated by any date of its sentence, not only by one in the verb's clause."""
    cues = modality_cues()
    before = _auxiliary_run(trigger, sentence, cues)
    context = _left_text(trigger, sentence)
    dates = find_dates(sentence, published)
    return Modality(
        negated=_negated(trigger, before, context, cues),
        hypothetical=_hypothetical(trigger, sentence, before, context, dates, published, cues),
        historical=_historical(trigger, sentence, before, dates, published, cues, untriggered),
    )


def flagged_word(root: Token, through_speech: bool = False) -> Token:
    """The word whose flags a sentence-level event takes: the main verb, or, when that verb
    governs a complement it has not yet done ("*plans* to urge", "is *expected* to have"), the
    complement, which the governor then makes hypothetical. With ``through_speech`` (an event
    of deeds, not words) a verb of saying passes to what was said ("*said* Ankara imposed")."""
    cues = modality_cues()
    passing = cues.hypothetical_governors
    speech = attribution_cues().speech_verbs if through_speech else frozenset()
    current = root
    for _ in range(NOUN_HOPS):
        if not _word(current) & (passing | speech):
            break
        # what was said may stand before its verb ("Troops shelled the town, officials said"),
        # a governed complement never does
        saying = _word(current) & speech
        complements = [child for child in current.children
                       if ((child.dep_ in COMPLEMENT_DEPS and child.i > current.i)
                           or (saying and child.dep_ == "ccomp")) and is_verb(child)]
        if not complements:
            break
        current = complements[0]
    return current


def _word(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def _auxiliary_run(trigger: Token, sentence: Span, cues: ModalityCues) -> list[Token]:
    """The auxiliaries, negations and adverbs right before the trigger, nearest first,
    plus the word governing them through "to" ("refused to", "plans to", "readiness to")."""
    walk = cues.auxiliaries | cues.modals | cues.negation_words
    run: list[Token] = []
    for i in range(trigger.i - 1, sentence.start - 1, -1):
        token = sentence.doc[i]
        run.append(token)
        if token.lower_ in walk or token.tag_ == "RB":
            continue
        if not (len(run) > 1 and run[-2].lower_ == "to"):
            run.pop()
        break
    return run


def _left_text(trigger: Token, sentence: Span) -> str:
    """The lowercased words of the trigger's clause before it, padded for phrase search."""
    window = left_window(trigger, sentence, frozenset({";", "that", "which", "who"}), PHRASE_WINDOW)
    return " " + " ".join(token.lower_ for token in reversed(window)) + " "


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {phrase} " in text for phrase in phrases)


def _negated(trigger: Token, before: list[Token], context: str, cues: ModalityCues) -> bool:
    if any(_negates(token, cues) for token in before):
        return True
    if any(_word(token) & cues.negating_governors for token in before[1:]):
        return True
    if _has_phrase(context, cues.negation_phrases):
        return True
    for verb in control_chain(trigger):
        if any(_is_negation(child, cues) for child in verb.children):
            return True
        if verb.i != trigger.i and _word(verb) & cues.negating_governors:
            return True
        if _nobody(child_with(verb, ("nsubj", "nsubj:pass")), cues):
            return True  # "no passengers were killed", "No country has recognized ..."
    # "has not followed any political meetings": a noun with "any" under a negated verb
    determiners = {child.lower_ for child in trigger.children if child.dep_ == "det"}
    if "no" in determiners:
        return True
    return "any" in determiners and any(_is_negation(c, cues) for c in trigger.head.children)


def _nobody(subject: Token | None, cues: ModalityCues) -> bool:
    """A subject that names no one: "no passengers", "no one", "nobody", "none"."""
    if subject is None or subject.tag_.startswith("VB"):
        return False
    return subject.lower_ in cues.nobody_words or any(
        child.dep_ == "det" and child.lower_ == "no" for child in subject.children)


def _is_negation(token: Token, cues: ModalityCues) -> bool:
    return token.dep_ in {"advmod", "neg", "case", "mark", "det"} and _negates(token, cues)


def _negates(token: Token, cues: ModalityCues) -> bool:
    """A negation word, but not one that only sets up a contrast ("not only X but also Y",
    "not merely unprotected, but targeted"): the clause it stands in still holds."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ in cues.negation_words and not (
        following is not None and following.lower_ in cues.focus_words)


def _hypothetical(
    trigger: Token,
    sentence: Span,
    before: list[Token],
    context: str,
    dates: list[DateMention],
    published: dt.date | None,
    cues: ModalityCues,
) -> bool:
    if any(token.lower_ in cues.modals for token in before):
        return True
    if any(_word(token) & cues.hypothetical_governors for token in before[1:]):
        return True
    if before and before[-1].lower_ in cues.hypothetical_nouns and len(before) > 1:
        return True  # "readiness to bolster"
    if _has_phrase(context, cues.hypothetical_phrases):
        return True
    if before and before[0].lower_ == "to" and _governed_infinitive(trigger, sentence, cues):
        return True
    opening = " " + sentence.text.lower().lstrip(" \"'“(")
    if any(opening.startswith(f" {opener} ") for opener in cues.conditional_openers):
        return True
    if _future_date(trigger, sentence, dates, published):
        return True
    return has_parse(sentence) and _hypothetical_in_tree(trigger, cues)


def _governed_infinitive(trigger: Token, sentence: Span, cues: ModalityCues) -> bool:
    """ "urged Iraqi authorities *to implement*", "threats from a group *to retaliate*":
    a governing verb or noun earlier in the clause, with its object in between."""
    window = left_window(trigger, sentence, frozenset({";", "that", "which"}), PHRASE_WINDOW)
    return any(
        (token.tag_.startswith("VB") and _word(token) & cues.hypothetical_governors)
        or token.lower_ in cues.hypothetical_nouns
        for token in window[1:]
    )


def _hypothetical_in_tree(trigger: Token, cues: ModalityCues) -> bool:
    for verb in control_chain(trigger):
        for child in verb.children:
            if child.dep_.startswith("aux") and child.lower_ in cues.modals:
                return True
            if child.dep_ == "mark" and child.lower_ in cues.conditional_marks:
                return True
        if verb.i != trigger.i and _word(verb) & cues.hypothetical_governors:
            return True
    head = clause_head(trigger)
    # "Iran could reconsider its cooperation", "cooperation could resume": the object or
    # subject noun of a modal verb
    if trigger.dep_ in {"obj", "dobj", "nsubj"} and any(
        child.dep_.startswith("aux") and child.lower_ in cues.modals for child in head.children
    ):
        return True
    # a main clause whose condition is an "if" clause: the consequent is hypothetical too;
    # but a threat or an offer made on a condition was made ("threatening retaliation if hit")
    conditioned = not _word(head) & cues.conditional_acts
    for child in head.children:
        if conditioned and child.dep_ == "advcl" and any(
            grandchild.dep_ == "mark" and grandchild.lower_ in cues.conditional_marks
            for grandchild in child.children
        ):
            return True
    # "the possibility of the escape", "threats to retaliate", "a plan for rearming Europe and
    # supporting Ukraine" (a conjunct stands where its first conjunct does)
    current = trigger
    for _ in range(NOUN_HOPS):
        if current.dep_ not in {"nmod", "acl", "xcomp", "obl", "compound", "conj"}:
            break
        current = current.head
        if current.lower_ in cues.hypothetical_nouns:
            return True
    return False


def _future_date(
    trigger: Token, sentence: Span, dates: list[DateMention], published: dt.date | None
) -> bool:
    if published is None:
        return False
    return any(
        mention.resolved.date > published and _in_clause(sentence, mention, trigger)
        for mention in dates
    )


def _in_clause(sentence: Span, mention: DateMention, trigger: Token) -> bool:
    """Whether a date phrase belongs to the trigger's clause (or opens the sentence)."""
    span = span_of(sentence, mention.start, mention.end)
    if span is None:
        return False
    if span.start - sentence.start < FRONTED + 2:
        return True
    if not has_parse(sentence):
        return False
    return clause_head(span.root).i in _date_clauses(trigger)


def _date_clauses(trigger: Token) -> set[int]:
    """The clause heads whose dates date the trigger: its own clause's, and for a participle
    with no subject of its own hung on another clause ("the camps opened in the 1990s,
    offering havens"), that clause's too."""
    head = clause_head(trigger)
    heads = {head.i}
    if head.dep_ in ("advcl", "xcomp") and head.tag_ in ("VBG", "VBN") and not any(
            child.dep_.startswith("nsubj") for child in head.children):
        heads.add(clause_head(head.head).i)
    return heads


def _dated_antecedent(sentence: Span, trigger: Token, old: list[DateMention],
                      published: dt.date) -> bool:  # fmt: skip
    """A relative clause on a noun an old date modifies tells that past event ("the 2004
    bombing that killed nine soldiers"; also when the clause hangs on a noun inside that
    noun's phrase: "the 2004 bombing of a base that killed"). A year before the publication's
    as the noun's modifier ("the 2004 bombing") is such a date too."""
    if trigger.dep_ not in ("relcl", "acl:relcl") or not has_parse(sentence):
        return False
    nouns = [trigger.head]
    while nouns[-1].dep_ == "nmod" and nouns[-1].head.pos_ in ("NOUN", "PROPN"):
        nouns.append(nouns[-1].head)
    heads = {noun.i for noun in nouns}
    spans = (span_of(sentence, mention.start, mention.end) for mention in old)
    if any(span is not None and span.root.head.i in heads for span in spans):
        return True
    return any(YEAR.fullmatch(child.text) and int(child.text) < published.year
               for noun in nouns for child in noun.children
               if child.dep_ in ("nummod", "compound", "amod"))


def _historical(
    trigger: Token,
    sentence: Span,
    before: list[Token],
    dates: list[DateMention],
    published: dt.date | None,
    cues: ModalityCues,
    untriggered: bool,
) -> bool:
    is_verb_trigger = trigger.tag_.startswith("VB")
    if is_verb_trigger and any(token.lower_ == "had" for token in before) and not (
            _reported(trigger)):
        return True  # past perfect: "had provided"
    if any(token.lower_ in cues.historical_adverbs for token in before):
        return True
    head = clause_head(trigger)
    if any(
        child.dep_ == "advmod" and child.lower_ in cues.historical_adverbs
        for verb in {head, trigger}
        for child in verb.children
    ):
        return True
    if _background_phrase(trigger, sentence, cues):
        return True
    if _cumulative_toll(trigger, cues):
        return True
    if published is None:
        return False
    old = [mention for mention in dates
           if _old(mention, published, _age_limit(sentence, mention, cues))
           and not _absence_since(sentence, mention, cues)]  # fmt: skip
    own = [mention for mention in dates if _in_clause(sentence, mention, trigger)]
    if any(mention not in old and not starts_interval(sentence, mention) for mention in own):
        # a clause dated recently ("held talks on Sunday") tells no span reaching back: a
        # "since 1991" in it is a state of something it names ("Kuwaitis missing since 1991")
        old = [mention for mention in old if not starts_interval(sentence, mention)]
    # An event the model proposed is anchored loosely, so an old date anywhere in its sentence
    # counts, unless its own clause is dated recently ("transferred ... on Wednesday, under an
    # arrangement reached in October").
    loose = untriggered and not any(mention not in old for mention in own)
    if not own and _dated_antecedent(sentence, trigger, old, published):
        return True
    return any(loose or mention in own for mention in old)


def _reported(trigger: Token) -> bool:
    """Whether the trigger's clause is what a speech verb reports ("the army said it had struck
    ..."): there the past perfect is the tense of reported speech, not a sign of background."""
    clause = clause_head(trigger)
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and is_speech_verb(clause.head)


def _background_phrase(trigger: Token, sentence: Span, cues: ModalityCues) -> bool:
    text = sentence.text.lower()
    for pattern in cues.historical_patterns:
        for match in pattern.finditer(text):
            span = span_of(sentence, match.start(), match.end())
            if span is None:
                continue
            if span.start - sentence.start < FRONTED:
                return True  # a fronted "During the 13-year war, ..." covers the sentence
            if has_parse(sentence) and clause_head(span.root).i in _date_clauses(trigger):
                return True
    return False


def _cumulative_toll(trigger: Token, cues: ModalityCues) -> bool:
    """ "a year of fighting that killed more than 4,000": the toll of a whole war is background,
    not an event of the reporting period."""
    if trigger.dep_ not in {"relcl", "acl:relcl"}:
        return False
    noun = trigger.head  # the parser may hang the clause on "year" in "a year of fighting"
    nouns = [noun, *(child for child in noun.children if child.dep_ in {"acl", "nmod"})]
    return any(_word(word) & cues.conflict_nouns for word in nouns)


def _age_limit(sentence: Span, mention: DateMention, cues: ModalityCues) -> dt.timedelta:
    """How old a date must be to make its event background: a point in time ("in March") is
    soon background, the start of a span reaching to now ("have arrested 2,400 since February
    1") only when long ago ("has backed Assad since 2011")."""
    return cues.interval_older_than if starts_interval(sentence, mention) else cues.older_than


def _old(mention: DateMention, published: dt.date, limit: dt.timedelta) -> bool:
    resolved = mention.resolved
    end = resolved.date + dt.timedelta(days=PRECISION_DAYS.get(resolved.precision, 0))
    return end < published - limit


def _absence_since(sentence: Span, mention: DateMention, cues: ModalityCues) -> bool:
    """ "the first visit since 2011": the date bounds a gap, the event itself is news."""
    before = sentence.text[: mention.start].lower()
    if not re.search(r"\bsince\s+(?:the\s+)?$", before):
        return False
    return any(re.search(rf"\b{re.escape(word)}\b", before) for word in cues.since_exceptions)
