"""The hybrid coder: the learned event model proposes events and fills roles; rules keep the rest.

Per sentence, the lexicon coder's events (trigger + parse roles) are kept, scored by the model's
belief in their type; types the model is sure of that the lexicon missed become events of their
own, with roles from the model's span tagger (or, failing that, the nearest actor mentions around
the main verb). Roles found by the parse come first; the tagger fills a missing one. (A model
veto of lexicon events was tried and removed: on the dev stories it added nothing at a threshold
that kept the seed checklist, see docs/quality.md.) Dates, places, quantities, modality flags
and attribution always come from the attribute rules. Every decision is written to the event's
``trace`` (what ``dyad code --explain`` prints), and ``confidence`` is a calibrated probability
(``data/coder.toml``, fitted by ``training/tune_coder.py`` on dev stories only).
"""

from __future__ import annotations

import bisect
import dataclasses
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from dyad.actors.compose import ArticleActors, countryless
from dyad.actors.kb import KnowledgeBase
from dyad.events.attribution import is_speech_verb, reporting_verb, speaker
from dyad.events.coder import (
    SentenceAttributes,
    code_events,
    dedupe,
    distinct_actors,
    has_distinct_actors,
    make_event,
    reports_events,
)
from dyad.events.cues import load_cues
from dyad.events.lexicon import load_lexicon
from dyad.events.modality import flagged_word
from dyad.events.plover import load_ontology
from dyad.events.roles import MentionIndex, Roles, takes_topic
from dyad.events.syntax import child_with, object_of, subject_of
from dyad.models.event_model import SentencePrediction, SpanGuess
from dyad.records import Article, Event, Mention
from dyad.segment import content_sentences

# The families of decisions the hybrid makes; `dyad evaluate --ablation` turns each off in turn.
FAMILIES = ("lexicon", "propose", "fill", "linear")
# Weight of a role the tagger found, against 1.0 for the parse's subject or object.
TAGGED_ROLE_WEIGHT = 0.8
# Quad classes of deeds (material cooperation and conflict), as opposed to words.
MATERIAL_QUADS = frozenset({2, 4})
# Quad class of meetings, agreements and support: words, yet done by whoever the clause names.
VERBAL_COOPERATION = 1
# A character range no text overlaps.
NOWHERE = (0, 0)


@dataclass(frozen=True, slots=True)
class HybridSettings:
    propose_threshold: float  # model type score at which it adds an event the lexicon missed
    top_threshold: float  # the same for the sentence's best-scoring type (usually lower)
    span_threshold: float  # tagger score a span needs to fill a role
    calibration: tuple[tuple[float, float], ...]  # (raw score, probability correct), rising
    # type -> the score a proposal of that type needs at any rank (types the model over-proposes)
    type_thresholds: Mapping[str, float] = dataclasses.field(default_factory=dict)
    families: frozenset[str] = frozenset(FAMILIES)

    def without(self, family: str) -> HybridSettings:
        return dataclasses.replace(self, families=self.families - {family})

    def proposes(self, event_type: str, score: float, rank: int) -> bool:
        """Whether a type the lexicon missed, scored ``score`` and ranked ``rank`` (0: the
        sentence's best) among the sentence's types, becomes an event."""
        threshold = self.top_threshold if rank == 0 else self.propose_threshold
        return score >= max(threshold, self.type_thresholds.get(event_type, 0.0))

    def calibrated(self, raw: float) -> float:
        """Piecewise-linear interpolation of the fitted (isotonic) curve."""
        knots = self.calibration
        if not knots:
            return round(raw, 3)
        xs = [x for x, _ in knots]
        i = bisect.bisect_left(xs, raw)
        if i == 0:
            return knots[0][1]
        if i == len(knots):
            return knots[-1][1]
        (x0, y0), (x1, y1) = knots[i - 1], knots[i]
        share = (raw - x0) / (x1 - x0) if x1 > x0 else 1.0
        return round(y0 + share * (y1 - y0), 3)


def coder_settings_path() -> Path:
    return Path(str(resources.files("dyad") / "data" / "coder.toml"))


@lru_cache(maxsize=4)
def load_hybrid_settings(path: Path | None = None) -> HybridSettings:
    path = path or coder_settings_path()
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    try:
        settings = HybridSettings(
            propose_threshold=float(raw["propose_threshold"]),
            top_threshold=float(raw["top_threshold"]),
            span_threshold=float(raw["span_threshold"]),
            calibration=tuple((float(x), float(y)) for x, y in raw["calibration"]["points"]),
            type_thresholds={str(name): float(value)
                             for name, value in raw.get("type_thresholds", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: bad coder settings ({error!r})") from error
    unknown = sorted(set(settings.type_thresholds) - set(load_ontology()))
    if unknown:
        raise ValueError(f"{path}: type_thresholds names no PLOVER type: {', '.join(unknown)}")
    return settings


def hybrid_events(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    kb: KnowledgeBase,
    predictions: Sequence[SentencePrediction],
    settings: HybridSettings,
    lexicon_events: Sequence[Event] | None = None,
) -> list[Event]:
    """All events of one article; ``predictions[i]`` is the model's reading of content
    sentence ``i`` (``dyad.segment.content_sentences``). ``lexicon_events``, when given, are
    the lexicon coder's events of this article (tuning reuses them across settings)."""
    sentences = content_sentences(doc)
    index = MentionIndex(doc, mentions)
    by_sentence: dict[int, list[Event]] = {}
    if "lexicon" in settings.families:
        if lexicon_events is None:
            lexicon_events = code_events(doc, article, mentions, kb)
        for event in lexicon_events:
            by_sentence.setdefault(event.sentence_index, []).append(event)
    events: list[Event] = []
    actors = ArticleActors(doc, article, mentions, kb)
    for number, (sentence, prediction) in enumerate(zip(sentences, predictions, strict=True)):
        coder = _SentenceCoder(number, sentence, prediction, article, index, actors, settings)
        events += coder.code(by_sentence.get(number, []))
    return events


class _SentenceCoder:
    def __init__(
        self, number: int, sentence: Span, prediction: SentencePrediction, article: Article,
        index: MentionIndex, actors: ArticleActors, settings: HybridSettings,
    ) -> None:
        self.number = number
        self.sentence = sentence
        self.prediction = prediction
        self.article = article
        self.index = index
        self.actors = actors
        self.kb = actors.kb
        self.settings = settings
        self.attributes = SentenceAttributes(sentence, index)

    def code(self, lexicon_events: list[Event]) -> list[Event]:
        kept = [self._review(e) for e in lexicon_events]
        coded_types = {e.event_type for e in lexicon_events}
        grammar = load_lexicon().grammar
        if "propose" in self.settings.families and reports_events(
            self.sentence, self.article, grammar
        ):
            kept += self._proposals(coded_types)
        # a request to no one, once the tagger had its say, is a description; an event with
        # no doer named stays only for the types news tells in the passive or as a meeting
        # ("six men were detained"), not for words no one is said to have spoken
        return [e for e in dedupe(kept)
                if (e.target is not None or e.event_type not in grammar.target_required_types)
                and (e.source is not None or e.event_type in grammar.source_optional_types)]

    def _review(self, event: Event) -> Event:
        score = self.prediction.type_probs.get(event.event_type, 0.0)
        trace = [("type", f"lexicon trigger '{event.trigger}'; model p={score:.2f}")]
        source, target = self._placed(event.source), self._placed(event.target)
        for role, before, after in (("source", event.source, source),
                                    ("target", event.target, target)):
            trace.append((role, "none" if after is None else "parse" if after is before
                          else "parse; sector of the story's country"))
        word: Token | None = None  # the trigger's word, looked for only when a doer is missing
        if source is None:
            first = event.trigger.split(" ")[0]
            word = next((t for t in self.sentence if t.text == first), None)
            source, source_by = self._pronoun_subject(word, exclude=target)
            if source is not None:
                trace[1] = ("source", source_by)
        if "fill" in self.settings.families:
            if source is None:
                source = self._tagged(self.prediction.source_spans, exclude=target)
                if source is not None and self._acts_elsewhere(source, word):
                    source = None  # "G. condemned ..., as protesters were killed": not the killer
                trace[1] = ("source", "model span tagger" if source else "none")
            if target is None:
                target = self._tagged(self.prediction.target_spans, exclude=source)
                trace[2] = ("target", "model span tagger" if target else "none")
        raw = _raw_score(score, source, target, lexicon=True)
        return self._finish(dataclasses.replace(event, source=source, target=target), raw, trace)

    def _acts_elsewhere(self, mention: Mention, trigger: Token | None) -> bool:
        """Whether the mention is the subject of another clause than the trigger's, other than
        a verb of saying (the tagger marks a sentence's doers, not the doer of each event in
        it)."""
        words = self.sentence.doc.char_span(mention.char_start, mention.char_end,
                                            alignment_mode="expand")
        if words is None or trigger is None or words.root.dep_ != "nsubj":
            return False
        verb = words.root.head
        if is_speech_verb(verb):  # "X was given 72 hours to leave, the ministry's spokesman
            return False  # told reporters": who announces a measure speaks for its doer
        clause = trigger
        while True:  # the trigger's verb and the verbs it takes its subject from
            if clause.i == verb.i:
                return False
            if clause.head.i == clause.i or any(
                    c.dep_ in ("nsubj", "nsubj:pass") for c in clause.children):
                return True  # a clause with a subject of its own
            clause = clause.head

    def _placed(self, mention: Mention | None) -> Mention | None:
        """A sector noun of no country heading its phrase ("government forces", "police") read
        as that sector of the story's country, as a tagged span is; anything else as it is
        ("European military and political heads": no country's military)."""
        if mention is None or not countryless(mention):
            return mention
        words = self.sentence.doc.char_span(mention.char_start, mention.char_end,
                                            alignment_mode="expand")
        if words is None or words.root.dep_ in ("amod", "compound", "nmod:poss"):
            return mention
        actor = self.actors.actor_for_span(mention.char_start, mention.char_end)
        if actor is None or actor.country is None:
            return mention
        return dataclasses.replace(mention, actor=actor)

    def _proposals(self, coded_types: set[str]) -> list[Event]:
        ranked = sorted(self.prediction.type_probs.items(), key=lambda item: (-item[1], item[0]))
        wanted = [(event_type, score) for rank, (event_type, score) in enumerate(ranked)
                  if event_type not in coded_types
                  and self.settings.proposes(event_type, score, rank)]
        if not wanted:
            return []  # most sentences: no actor reading needed
        root = self.sentence.root  # roles are read around the main verb
        # no role is read from the phrase of the speaker of a main verb of saying ("said Ali,
        # a spokesman for the ministry": not the ministry); words reported are the speaker's,
        # except a meeting or a deal an actor of its own is reported to have made ("Fidan
        # received Shaibani, the ministry said"): that is read around the reported verb
        spoken = self._speaker
        speaker_mention, avoid = spoken if spoken is not None else (None, NOWHERE)
        reads = {"main verb": self._read_around(root, avoid)}
        reported = root
        if speaker_mention is not None:
            said, said_by = self._role(self.prediction.target_spans, speaker_mention, root,
                                       False, avoid)
            reads["speaker"] = (speaker_mention, "speaker of the main verb", said, said_by)
            reported = flagged_word(root, through_speech=True)
            if not is_speech_verb(reported) and self._has_own_doer(reported):
                reads["reported verb"] = self._read_around(reported, avoid)
        events = []
        for event_type, score in wanted:
            quad = load_ontology()[event_type].quad_class
            material = quad in MATERIAL_QUADS
            if not material and spoken is None and self._has_unnamed_speaker and not (
                    quad == VERBAL_COOPERATION and self._reports_own_deed):
                # '"...," said lecturer Soli Ozel': words of someone no actor, an analyst's
                # view; only a deed the words report may be an event, or a meeting or deal of
                # an actor named doing it ("Sudani spoke with Pezeshkian, his office said")
                continue
            if quad == VERBAL_COOPERATION and "reported verb" in reads:
                source, source_by, target, target_by = reads["reported verb"]
                anchor = reported
            else:
                source, source_by, target, target_by = reads[
                    "speaker" if not material and "speaker" in reads else "main verb"]
                anchor = root
            # the attribute rules read around this word
            flagged = flagged_word(anchor, through_speech=material)
            if source is not None and _names_head(source, child_with(flagged, ("nsubj:pass",))):
                # "X was killed": the subject of a passive verb is the one it was done to
                source, source_by, target, target_by = (
                    None, "none", target or source,
                    target_by if target else f"{source_by}, subject of a passive verb")
            topic = object_of(flagged) if takes_topic(flagged, event_type) else None
            if target is not None and _within(target, topic):
                # "discussed China's role in regional security": what was talked about
                target, target_by = None, "none"
            roles = Roles(source, target, (), TAGGED_ROLE_WEIGHT)
            if not has_distinct_actors(roles):
                continue
            event = make_event(
                self.number, self.sentence, self.article, self.kb, self.attributes,
                event_type=event_type, mode=None, anchor=flagged, roles=roles,
                trigger=flagged.text, confidence=0.0, untriggered=True,
            )
            trace = [("type", f"model p={score:.2f} (no lexicon trigger)"),
                     ("source", source_by), ("target", target_by)]
            events.append(self._finish(event, _raw_score(score, source, target, False), trace))
        return events

    def _read_around(self, verb: Token, avoid: tuple[int, int]
                     ) -> tuple[Mention | None, str, Mention | None, str]:
        """A proposal's source and target (with how each was found) read around ``verb``."""
        source, source_by = self._role(self.prediction.source_spans, None, verb, True, avoid)
        if source is None:  # "They shot and killed people on the train": who "they" are
            source, source_by = self._pronoun_subject(verb, exclude=None)
        target, target_by = self._role(self.prediction.target_spans, source, verb, False, avoid)
        return source, source_by, target, target_by

    def _has_own_doer(self, verb: Token) -> bool:
        """Whether the verb's subject is an actor's name ("Fidan", "Syrian troops"; not a
        pronoun standing for the speaker, nor "Manama's expulsion of the envoy")."""
        subject = subject_of(verb)
        if subject is None or subject.tag_ in ("PRP", "PRP$"):
            return False
        mention = self.index.at(subject)
        return mention is not None and mention.actor is not None

    def _pronoun_subject(self, word: Token | None, exclude: Mention | None
                         ) -> tuple[Mention | None, str]:
        """The doer a pronoun subject of ``word`` (a trigger, a proposal's main verb) stands for,
        which the parse roles left out: for "we" or "I" inside a quote the speaker of the
        sentence's verb of saying ("We reject the allegations," the spokesperson said), for
        "he", "they" the one fitting actor named just before (``dyad.actors.compose``)."""
        subject = subject_of(word) if word is not None else None
        if subject is None or subject.tag_ != "PRP":
            return None, "none"
        if subject.lower_ in self.kb.words_of("speaker_pronoun"):
            found = self._speaker[0] if self._speaker is not None else None
            how = "speaker of the quote (first-person subject)"
        else:
            found = self._actor_in(subject.idx, subject.idx + len(subject), 1.0)
            how = "antecedent of the subject pronoun"
        if found is None or not _pairs_with(found, exclude):
            return None, "none"
        return found, how

    @cached_property
    def _has_unnamed_speaker(self) -> bool:
        """Whether the sentence is reported by a verb of saying whose speaker is a person or
        body named or referred to (not a noun the parse made the subject: "Sanctions announced
        by ...") that is no actor: an analyst, a witness, "his media office"."""
        _, words = self._speaker_words
        return bool(words) and self._speaker is None and any(
            t.tag_ in ("NNP", "NNPS", "PRP", "PRP$") for t in words)

    @cached_property
    def _reports_own_deed(self) -> bool:
        """Whether the words reported have a doer of their own, an actor."""
        reported = flagged_word(self.sentence.root, through_speech=True)
        return not is_speech_verb(reported) and self._has_own_doer(reported)

    @cached_property
    def _speaker_words(self) -> tuple[Token | None, list[Token] | None]:
        """The sentence's verb of saying and the words naming its speaker (read once per
        sentence: the speaker's actor and the test for a speaker who is no actor both ask)."""
        verb = reporting_verb(self.sentence)
        return verb, speaker(verb, self.sentence) if verb is not None else None

    @cached_property
    def _speaker(self) -> tuple[Mention, tuple[int, int]] | None:
        """The actor who speaks through the sentence's verb of saying, with the characters of
        the whole subject phrase, appositives and all (read once per sentence: proposals and
        first-person subjects both ask)."""
        verb, words = self._speaker_words
        if verb is None or not words:
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        actor = self.actors.actor_for_span(start, end)
        if actor is None:
            return None
        head = next((c for c in verb.children if c.left_edge.i <= words[0].i <= c.right_edge.i),
                    None)
        phrase = (start, end) if head is None else _phrase_chars(head)
        mention = Mention(self.article.doc_id, self.number, self.article.text[start:end], start,
                          end, actor, TAGGED_ROLE_WEIGHT)
        return mention, phrase

    def _role(self, spans: Sequence[SpanGuess], other: Mention | None, anchor: Token,
              before: bool, avoid: tuple[int, int] = NOWHERE) -> tuple[Mention | None, str]:
        """A proposed event's role: the tagger's span, else (family "linear") the nearest actor
        mention before the main verb for the source, after it for the target; none overlapping
        the characters ``avoid``."""
        tagged = self._tagged(spans, exclude=other, avoid=avoid)
        if tagged is not None:
            return tagged, "model span tagger"
        if "linear" not in self.settings.families:
            return None, "none"
        in_sentence = self.index.starting_in(self.sentence.start_char, self.sentence.end_char)
        inside = [m for m in in_sentence if m.actor is not None
                  and (m.char_end <= anchor.idx if before else m.char_start > anchor.idx)
                  and _pairs_with(m, other) and not _overlaps(m.char_start, m.char_end, avoid)
                  and not self._is_place(m)]
        if not inside:
            return None, "none"
        nearest = inside[-1] if before else inside[0]
        return nearest, "nearest mention " + ("before" if before else "after") + " the verb"

    def _finish(self, event: Event, raw: float, trace: list[tuple[str, str]]) -> Event:
        trace += [
            ("date, place, quantities, attribution", "attribute rules"),
            ("negated/hypothetical/historical", "modality rules"),
            ("confidence", f"raw {raw:.2f} -> calibrated"),
        ]
        return dataclasses.replace(
            event, confidence=self.settings.calibrated(raw), trace=tuple(trace), score=raw
        )

    def _tagged(self, spans: Sequence[SpanGuess], exclude: Mention | None = None,
                avoid: tuple[int, int] = NOWHERE) -> Mention | None:
        """The best-scoring tagged span that names an actor (and not the other role's), none
        overlapping the characters ``avoid``."""
        base = self.sentence.start_char
        for span in sorted(spans, key=lambda s: (-s.score, s.start)):
            if span.score < self.settings.span_threshold:
                break
            if _overlaps(base + span.start, base + span.end, avoid):
                continue
            mention = self._actor_in(base + span.start, base + span.end, span.score)
            if mention is not None and _pairs_with(mention, exclude) and not (
                    self._is_place(mention)):
                return mention
        return None

    def _is_place(self, mention: Mention) -> bool:
        """A country named as where something happened ("a strike in southern Lebanon"), not as
        a participant: its words follow a locative preposition."""
        if mention.actor is None or mention.actor.kind != "country":
            return False
        words = self.sentence.doc.char_span(mention.char_start, mention.char_end,
                                            alignment_mode="expand")
        if words is None:
            return False
        i = words.start - 1
        while i > self.sentence.start and self.sentence.doc[i].tag_ == "JJ":
            i -= 1  # "in southern Lebanon"
        return i >= self.sentence.start and (
            self.sentence.doc[i].lower_ in load_cues().place_prepositions)

    def _actor_in(self, start: int, end: int, score: float) -> Mention | None:
        """The actor the span names: a recognised mention inside it, else one composed from its
        words (``dyad.actors.compose``); None rather than a guess. A span that cuts a word
        ("'.S.'" of "U.S.") is widened to whole words."""
        actor = self.actors.actor_for_span(start, end)
        if actor is None:
            return None
        words = self.sentence.doc.char_span(start, end, alignment_mode="expand")
        if words is not None:
            start, end = words.start_char, words.end_char
        text = self.article.text[start:end]
        return Mention(self.article.doc_id, self.number, text, start, end, actor,
                       round(TAGGED_ROLE_WEIGHT * score, 3))


def _raw_score(type_score: float, source: Mention | None, target: Mention | None,
               lexicon: bool) -> float:
    """What calibration maps to a probability: the model's type score, lowered for a missing
    role and for an event no lexicon trigger backs."""
    roles = 1.0 if source is not None and target is not None else 0.8
    return round(type_score * roles * (1.0 if lexicon else 0.9), 3)


def _phrase_chars(head: Token) -> tuple[int, int]:
    """The characters of the phrase ``head`` heads."""
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge)


def _within(mention: Mention, head: Token | None) -> bool:
    """Whether the mention lies inside the phrase ``head`` heads."""
    if head is None:
        return False
    start, end = _phrase_chars(head)
    return start <= mention.char_start and mention.char_end <= end


def _names_head(mention: Mention, head: Token | None) -> bool:
    """Whether the mention holds the word ``head`` ("the talks in Amman" is headed by "talks",
    which "Amman" does not hold)."""
    return head is not None and mention.char_start <= head.idx < mention.char_end


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end


def _pairs_with(mention: Mention, other: Mention | None) -> bool:
    """Whether ``mention`` can fill the role opposite ``other``: not the same actor, nor a
    country opposite its own government (``distinct_actors``), so that a role is read past
    such a candidate to the next one rather than the event being dropped."""
    return (other is None or mention.actor is None or other.actor is None
            or distinct_actors(mention.actor, other.actor))
