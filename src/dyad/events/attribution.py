"""Who a sentence attributes its news to: ``reported_by`` in the event record.

"according to the Iraqi News Agency" gives "Iraqi News Agency"; "Iraqi sources confirm that"
gives "Iraqi sources"; "Gabriel Soma, a member of ..., confirmed" gives the speaker's actor name
when the mention is resolved. A pronoun or a possessive ("he said", "according to his
description") names no one else: the result is None, as it is when no source is named.
Cue words live in ``data/lexicons/attribution.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import load_lexicon, speech_verbs, word_forms
from dyad.events.clauses import has_parse
from dyad.events.syntax import subject_of
from dyad.events.triggers import is_stray_main_verb
from dyad.records import Mention

# The longest source name taken after "according to" (tokens).
MAX_SOURCE_TOKENS = 8
# Penn tags that may make up a name-like noun phrase left of a speech verb.
NOUN_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "DT", "POS", "HYPH", "CD"})
SUBJECT_LABELS = frozenset({"nsubj", "nsubj:pass"})
# How a verb of saying after the quotation may hang on the quoted clause's verb.
REPORTING_DEPS = frozenset({"parataxis", "conj"})


@dataclass(frozen=True, slots=True)
class AttributionCues:
    source_phrases: tuple[tuple[str, ...], ...]  # each phrase as its words
    speech_verbs: frozenset[str]
    hearer_verbs: frozenset[str]
    pronouns: frozenset[str]
    drop_leading: frozenset[str]
    phrase_breaks: frozenset[str]
    document_lead_ins: tuple[tuple[str, ...], ...]  # "statement of": the source follows


@lru_cache(maxsize=1)
def attribution_cues() -> AttributionCues:
    lexicon = load_lexicon("attribution.toml")
    return AttributionCues(
        source_phrases=tuple(
            tuple(phrase.lower().split()) for phrase in lexicon.strings("source_phrases")
        ),
        speech_verbs=speech_verbs(),
        hearer_verbs=word_forms(lexicon.strings("hearer_verbs")),
        pronouns=frozenset(lexicon.strings("pronouns")),
        drop_leading=frozenset(lexicon.strings("drop_leading")),
        phrase_breaks=frozenset(lexicon.strings("phrase_breaks")),
        document_lead_ins=tuple(
            tuple(phrase.lower().split()) for phrase in lexicon.strings("document_lead_ins")
        ),
    )


def reported_by(sentence: Span, mentions: Sequence[Mention]) -> str | None:
    """The named source the sentence reports from, or None."""
    cues = attribution_cues()
    after_phrase = _after_source_phrase(sentence, cues)
    if after_phrase is not None:
        return _name(after_phrase, mentions, cues)
    for verb in sentence:
        if verb.lower_ in cues.speech_verbs and verb.tag_.startswith("VB"):
            subject = _subject(verb, sentence)
            if subject is not None:
                return _name(subject, mentions, cues)
    return None


def reporting_verb(sentence: Span) -> Token | None:
    """The verb of saying that reports the sentence: its root, or one the parser hung on the
    root after a quotation or a comma (UD's parataxis: '"...," the minister said.')."""
    root = sentence.root
    if is_speech_verb(root):
        return root
    doc = sentence.doc
    for child in root.children:
        opening = doc[child.left_edge.i - 1 : child.left_edge.i + 1]
        if (child.dep_ in REPORTING_DEPS and child.i > root.i and is_speech_verb(child)
                and any(_is_quotation_mark(token) or token.text == "," for token in opening)):
            return child
    # a parse that hung the verb of saying elsewhere ('"We reject ...," spokesperson Randhir
    # Jaiswal told reporters' read as a relative clause): the first one after the quotation
    closing = next((t for t in sentence if t.i > root.i and _is_quotation_mark(t)), None)
    if closing is None:
        return None
    return next((t for t in doc[closing.i + 1 : sentence.end] if is_speech_verb(t)), None)


def speaker(verb: Token, sentence: Span) -> list[Token] | None:
    """Who speaks through ``verb`` when it is a verb of saying: its subject phrase, cut before
    any appositive ("Sayim, of the World Uyghur Congress, said" -> "Sayim"; "..., said Heather
    Barr, the director at ..." -> "Heather Barr", also when parsed as the verb's object); a
    pronoun ("she told VOA") is kept, for the actor layer to resolve. None for any other
    verb, and for quoted words the parser made the subject."""
    if not is_speech_verb(verb):
        return None
    hearer = verb.lower_ in attribution_cues().hearer_verbs
    inverted = next((c for c in verb.children if c.dep_ == "obj" and c.left_edge.i == verb.i + 1
                     and subject_of(verb) is None and not hearer), None)
    words = _subject(verb, sentence) if inverted is None else _segment_with(
        list(sentence.doc[inverted.left_edge.i : inverted.right_edge.i + 1]), inverted)
    if hearer and words and words[0].i > verb.i:  # "told reporters" parsed as its subject
        words = _noun_phrase_before(verb, sentence)
    while words and _is_quotation_mark(words[0]):  # the closing mark the parser hung on the speaker
        words = words[1:]
    if not words:
        return None
    doc = sentence.doc
    between = doc[words[-1].i + 1 : verb.i] if words[-1].i < verb.i else doc[verb.i : words[0].i]
    if any(_is_quotation_mark(token) for token in (*words, *between)):
        return None  # the quoted words, misparsed as the subject of the verb of saying
    return words


def _is_quotation_mark(token: Token) -> bool:
    return token.is_quote and token.tag_ != "POS"  # not the "'" of "the farmers' union"


def is_speech_verb(token: Token) -> bool:
    """ "said", "told", "announced"... used as a verb (``speech_verbs`` in the lexicon)."""
    return token.lower_ in attribution_cues().speech_verbs and token.tag_.startswith("VB")


def _after_source_phrase(sentence: Span, cues: AttributionCues) -> list[Token] | None:
    words = [token.lower_ for token in sentence]
    for start in range(len(words)):
        for phrase in cues.source_phrases:
            if tuple(words[start : start + len(phrase)]) == phrase:
                return _source_tokens(sentence, start + len(phrase), cues)
    return None


def _source_tokens(sentence: Span, start: int, cues: AttributionCues) -> list[Token]:
    tokens: list[Token] = []
    for token in sentence[start : start + MAX_SOURCE_TOKENS]:
        if token.is_punct and token.text not in {"-", "'", "’"}:
            break
        if token.lower_ in cues.phrase_breaks or (token.tag_.startswith("VB") and tokens):
            break
        tokens.append(token)
    return tokens


def _subject(verb: Token, sentence: Span) -> list[Token] | None:
    """The subject phrase of a speech verb, cut before any appositive or relative clause."""
    if has_parse(sentence):
        for governor in _subject_holders(verb):
            for child in governor.children:
                if child.dep_ in SUBJECT_LABELS:
                    phrase = _segment_with(
                        list(sentence.doc[child.left_edge.i : child.right_edge.i + 1]), child
                    )
                    if phrase:
                        return phrase
            stray = next((c for c in governor.children if is_stray_main_verb(c)), None)
            if stray is not None:  # "X issued warnings ..., and confirmed" parsed as a noun
                return _noun_phrase_before(stray, sentence)
    return _noun_phrase_before(verb, sentence)


def _noun_phrase_before(verb: Token, sentence: Span) -> list[Token] | None:
    """For a missed parse: the noun phrase right before the verb. Between commas, a name is
    the speaker ("..., MP Yasser Iskandar, revealed") and a description is an appositive to
    skip ("Gabriel Soma, a member of the council, confirmed")."""
    doc = sentence.doc
    end = verb.i
    if end - 1 > sentence.start and doc[end - 1].text == ",":
        opening = next(
            (i for i in range(end - 2, sentence.start - 1, -1) if doc[i].text == ","), None
        )
        between = list(doc[opening + 1 : end - 1]) if opening is not None else []
        is_name = all(token.tag_ in NOUN_PHRASE_TAGS for token in between)
        if between and is_name and between[0].tag_ == "NNP":
            return between  # "members of ..., MP Yasser Iskandar, revealed": the name
        if between and not any(token.tag_.startswith("VB") for token in between):
            end = opening
    phrase: list[Token] = []
    for i in range(end - 1, sentence.start - 1, -1):
        if doc[i].tag_ not in NOUN_PHRASE_TAGS:
            break
        phrase.insert(0, doc[i])
    return phrase if any(token.tag_.startswith("NN") for token in phrase) else None


def _subject_holders(verb: Token) -> tuple[Token, ...]:
    """The verb, and for a conjoined verb of saying its head, whose subject it shares ("The
    ministry condemned ... and said that ..."); a conjunct without a clause after it reports
    nothing ("... and affirmed its support")."""
    reports = any(child.dep_ == "ccomp" for child in verb.children)
    return (verb, verb.head) if verb.dep_ == "conj" and reports else (verb,)


def _segment_with(tokens: list[Token], head: Token) -> list[Token]:
    """The comma-free stretch of a subject phrase that holds its head: "Gabriel Soma" of
    "Gabriel Soma, a member of ...", "MP Joe Wilson" of "In mid-January, MP Joe Wilson"."""
    segment: list[Token] = []
    for token in tokens:
        if token.text in {",", "(", ")", "–", "—", ";"}:
            if any(word.i == head.i for word in segment):
                return segment
            segment = []
        else:
            segment.append(token)
    return segment if any(word.i == head.i for word in segment) else []


def _name(tokens: list[Token], mentions: Sequence[Mention], cues: AttributionCues) -> str | None:
    tokens = _drop_leading(tokens, cues)
    words = tuple(token.lower_ for token in tokens)
    for lead_in in cues.document_lead_ins:
        if words[: len(lead_in)] == lead_in and len(words) > len(lead_in):
            tokens = _drop_leading(tokens[len(lead_in) :], cues)  # "a statement of the SDF"
            break
    if not tokens or tokens[0].lower_ in cues.pronouns:
        return None  # "he said", "according to his description"
    start = tokens[0].idx
    head = _head_noun(tokens)
    for mention in mentions:
        covers_head = mention.char_start <= head.idx < mention.char_end
        if mention.actor is not None and covers_head and mention.char_start >= start - 4:
            return mention.actor.name
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # doc.text would rebuild it all


def _drop_leading(tokens: list[Token], cues: AttributionCues) -> list[Token]:
    while tokens and tokens[0].lower_ in cues.drop_leading:
        tokens = tokens[1:]
    return tokens


def _head_noun(tokens: list[Token]) -> Token:
    """The noun a phrase is about: the last noun before any preposition ("sources in ...")."""
    head = tokens[-1]
    for token in tokens:
        if token.tag_ == "IN":
            break
        if token.tag_.startswith("NN"):
            head = token
    return head
