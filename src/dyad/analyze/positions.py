"""Positions: who is for or against what, with the sentence that says so.

Positions are read at query time, from the stored sentences and events, not stored at ingest:
they need nothing the parse alone has (the stored mentions give holders and objects), a change
to the stance lexicon applies to everything already ingested without re-coding or a migration,
and reading the sentences that mention one actor takes milliseconds.

Two readings, merged per sentence, holder and leaning:
- *stance language* (``data/lexicons/stances.toml``): a cue ("opposes", "is pushing for",
  "warned against"), the holder mentioned nearest before it, the object in the words after it;
- *events* that state a position: SUPPORT and REQUEST (support), REJECT, ACCUSE and THREATEN
  (oppose); the source holds it, toward the target and the words after the trigger.
A condition in the object ("... only if", "unless") makes the stance ``conditional``; the
position keeps its ``leaning``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from dyad.analyze.actor_sentences import SentenceMention, StoredSentence, sentences_mentioning
from dyad.analyze.evidence import ActorRef, Evidence, actor_ref, evidence_of
from dyad.analyze.stance_lexicon import StanceLexicon, stance_lexicon
from dyad.store.queries import date_bound

if TYPE_CHECKING:
    from dyad.store import Store

STANCES = ("support", "oppose", "conditional")


@dataclass(frozen=True, slots=True)
class Position:
    holder: ActorRef
    stance: str  # support | oppose | conditional
    leaning: str  # support | oppose: the direction of a conditional stance too
    object: str  # the words of the text the stance is about
    topic: str | None  # the policy it names, from the lexicon's topics
    object_actor: ActorRef | None  # the actor the object names (or the event's target)
    condition: str | None  # the condition's words, for a conditional stance
    date: str | None  # the event's date, else the article's publication date
    basis: tuple[str, ...]  # what it was read from: "language: opposes", "event REJECT: ..."
    confidence: float
    evidence: Evidence
    mentioned: tuple[str, ...]  # ids of the actors named in the evidence sentence

    def about(self, text: str) -> bool:
        """Whether the object, its topic or its actor contains ``text`` (case-insensitive)."""
        wanted = text.strip().lower()
        names = [self.object, self.topic or ""]
        if self.object_actor is not None:
            names.append(self.object_actor.name)
        return any(wanted in name.lower() for name in names)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def positions_of(
    store: Store,
    actor: str,
    *,
    on: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    lexicon: StanceLexicon | None = None,
) -> list[Position]:
    """The positions held by ``actor`` (an id, code or name, as in ``Store.events``), oldest
    first; ``on`` keeps those whose object, topic or object actor contains the words."""
    lexicon = lexicon or stance_lexicon()
    holders = frozenset(store.resolve_actor(actor))
    sentences = store.run(sentences_mentioning, tuple(sorted(holders)))
    found = [p for s in sentences for p in language_positions(s, lexicon)]
    found += [
        position
        for record in store.events(actor=actor)
        if (position := event_position(record, lexicon)) is not None
    ]
    mentioned = {(s.evidence.doc_id, s.evidence.sentence_index): s.actor_ids for s in sentences}
    kept = [
        p
        for p in merge_positions(found)
        if p.holder.id in holders and (on is None or p.about(on)) and _within(p.date, since, until)
    ]
    return sorted(
        (_with_mentioned(p, mentioned) for p in kept),
        key=lambda p: (p.date or "~", p.evidence.doc_id, p.evidence.sentence_index, p.holder.name),
    )


def language_positions(sentence: StoredSentence, lexicon: StanceLexicon) -> list[Position]:
    """The positions the stance cues of one sentence state, each with a resolved holder."""
    text = sentence.text
    cues = list(lexicon.cues.finditer(text))
    found = []
    for number, cue in enumerate(cues):
        leaning = "support" if cue.group("support") else "oppose"
        if (
            lexicon.negation.search(text[: cue.start()])
            or lexicon.passive_after.match(text, cue.end())
            or _word_before(text, cue.start()) in lexicon.article_words
            or text[cue.start() - 1 : cue.start()] == "-"  # "Iran-backed": an adjective
        ):
            continue
        next_cue = cues[number + 1].start() if number + 1 < len(cues) else len(text)
        words = object_words(text, cue.end(), next_cue, lexicon)
        if words is None:
            continue
        start, end, condition = words
        confidence = lexicon.confidence[leaning]
        for holder, distance in holders_before(sentence.mentions, text, cue.start(), lexicon):
            found.append(
                Position(
                    holder=holder,
                    stance="conditional" if condition else leaning,
                    leaning=leaning,
                    object=text[start:end],
                    topic=lexicon.topic_of(text[start:end]),
                    object_actor=_actor_within(sentence.mentions, start, end, holder),
                    condition=condition,
                    date=sentence.published,
                    basis=(f"language: {cue.group(0)}",),
                    confidence=round(
                        confidence * (1 if distance <= lexicon.holder_near else lexicon.far_factor),
                        3,
                    ),
                    evidence=sentence.evidence,
                    mentioned=tuple(sorted(sentence.actor_ids)),
                )
            )
    return found


def event_position(record: dict[str, Any], lexicon: StanceLexicon) -> Position | None:
    """The position a stored event states, or None (another type, negated, no known source)."""
    leaning = lexicon.event_leaning.get(record["event_type"])
    holder = actor_ref(record["source"])
    if leaning is None or record["negated"] or holder is None or holder.id is None:
        return None
    target = actor_ref(record["target"])
    text = record["sentence"]
    trigger = _find(text, record.get("trigger"))
    words = object_words(text, trigger, len(text), lexicon) if trigger is not None else None
    start, end, condition = words if words is not None else (0, 0, None)
    stated = text[start:end] if words is not None else (target.name if target else "")
    if not stated:
        return None
    return Position(
        holder=holder,
        stance="conditional" if condition else leaning,
        leaning=leaning,
        object=stated,
        topic=lexicon.topic_of(stated),
        object_actor=target,
        condition=condition,
        date=record["date"],
        basis=(f"event {record['event_type']}: {record.get('trigger') or '?'}",),
        confidence=round(record["confidence"] * lexicon.event_factor, 3),
        evidence=evidence_of(record),
        mentioned=(),
    )


def object_words(
    text: str, start: int, limit: int, lexicon: StanceLexicon
) -> tuple[int, int, str | None] | None:
    """(start, end, condition) of the object after a cue ending at ``start``: up to the first
    clause boundary, the next cue (``limit``) or ``max_words`` words. A condition marker ends
    the object, its words up to the next boundary become the condition. None: no words."""
    rest = text[start:limit]
    end = min([len(rest), *(i for stop in lexicon.stops if (i := rest.find(stop)) >= 0)])
    condition = None
    marker = lexicon.condition.search(rest, 0, end)
    if marker is not None:
        tail = text[start + marker.start() :]
        tail_end = min([len(tail), *(i for s in lexicon.stops if (i := tail.find(s, 1)) >= 0)])
        condition = tail[:tail_end].strip().rstrip(".,;:!?")
        end = marker.start()
    words = [w for w in re.finditer(r"\S+", rest[:end]) if re.search(r"\w", w.group())]
    while words and _bare(words[0]) in lexicon.strip_leading:
        words.pop(0)
    words = words[: lexicon.max_words]
    while words and _bare(words[-1]) in lexicon.strip_trailing:
        words.pop()
    if len(words) < lexicon.min_words:
        return None
    if _bare(words[0]) in lexicon.circumstance_words | lexicon.non_stance_words:
        return None
    first, last = words[0].group(), words[-1].group().rstrip(".,;:!?\"'’”")
    quote = len(first) - len(first.lstrip("\"'“‘"))
    return start + words[0].start() + quote, start + words[-1].start() + len(last), condition


def _bare(word: re.Match[str]) -> str:
    return word.group().strip(".,;:!?\"'“”’‘").lower()


def holders_before(
    mentions: tuple[SentenceMention, ...], text: str, cue_start: int, lexicon: StanceLexicon
) -> list[tuple[ActorRef, int]]:
    """The holder of a cue and its distance: the nearest resolved mention before it that is not
    inside a prepositional phrase, with the mentions coordinated with it ("A and B")."""
    candidates = [
        m for m in mentions
        if m.actor is not None and m.end <= cue_start and cue_start - m.end <= lexicon.holder_window
    ]  # fmt: skip

    def governed(mention: SentenceMention) -> bool:
        return _word_before(text, mention.start) in lexicon.preposition_words

    for index in range(len(candidates) - 1, -1, -1):
        if governed(candidates[index]):
            continue
        chosen = [candidates[index]]
        while (
            index > 0
            and _coordinated(text, candidates[index - 1], chosen[-1])
            and not governed(candidates[index - 1])
        ):
            index -= 1
            chosen.append(candidates[index])
        return [(m.actor, cue_start - m.end) for m in chosen if m.actor is not None]
    return []


def merge_positions(positions: list[Position]) -> list[Position]:
    """One position per sentence, holder and leaning: the stance language's words (more precise
    than an event's) with the highest confidence and every basis."""
    merged: dict[tuple[str, int, str | None, str], Position] = {}
    for position in positions:
        key = (
            position.evidence.doc_id,
            position.evidence.sentence_index,
            position.holder.id,
            position.leaning,
        )
        known = merged.get(key)
        if known is None:
            merged[key] = position
            continue
        first, second = (
            (known, position) if known.basis[0].startswith("language") else (position, known)
        )
        merged[key] = replace(
            first,
            object_actor=first.object_actor or second.object_actor,
            date=first.date if first.basis[0].startswith("event") else second.date or first.date,
            basis=first.basis + tuple(b for b in second.basis if b not in first.basis),
            confidence=max(first.confidence, second.confidence),
        )
    return list(merged.values())


def _actor_within(
    mentions: tuple[SentenceMention, ...], start: int, end: int, holder: ActorRef
) -> ActorRef | None:
    for mention in mentions:
        actor = mention.actor
        if start <= mention.start and mention.end <= end and actor and actor.id != holder.id:
            return actor
    return None


def _word_before(text: str, index: int) -> str:
    words = re.findall(r"[\w'’-]+", text[:index])
    return words[-1].lower() if words else ""


def _coordinated(text: str, earlier: SentenceMention, later: SentenceMention) -> bool:
    return text[earlier.end : later.start].strip().lower() in {"and", ",", ", and"}


def _find(text: str, words: str | None) -> int | None:
    """The offset right after ``words`` in ``text`` (case-insensitive), None if absent."""
    if not words:
        return None
    found = re.search(r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b", text, re.I)
    return found.end() if found else None


def _within(date: str | None, since: str | dt.date | None, until: str | dt.date | None) -> bool:
    if since is None and until is None:
        return True
    if date is None:
        return False
    day = dt.date.fromisoformat(date)
    return (since is None or day >= date_bound(since, end=False)) and (
        until is None or day <= date_bound(until, end=True)
    )


def _with_mentioned(
    position: Position, mentioned: dict[tuple[str, int], frozenset[str]]
) -> Position:
    if position.mentioned:
        return position
    key = (position.evidence.doc_id, position.evidence.sentence_index)
    return replace(position, mentioned=tuple(sorted(mentioned.get(key, ()))))
