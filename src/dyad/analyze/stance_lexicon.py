"""The stance lexicon (``data/lexicons/stances.toml``), loaded once and checked.

A problem in the file raises ``LexiconError`` naming ``stances.toml:line: key: problem``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dyad.events.attribute_lexicons import LexiconFile, alternation, load_lexicon

LEANINGS = ("support", "oppose")


@dataclass(frozen=True, slots=True)
class Topic:
    label: str
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    cues: re.Pattern[str]  # one named group per leaning: (?P<support>...)|(?P<oppose>...)
    confidence: dict[str, float]  # per leaning
    negation: re.Pattern[str]  # a negation right before a cue ("does not oppose")
    condition: re.Pattern[str]
    holder_window: int
    holder_near: int
    far_factor: float
    preposition_words: frozenset[str]
    article_words: frozenset[str]
    passive_after: re.Pattern[str]
    stops: tuple[str, ...]
    max_words: int
    min_words: int
    strip_leading: frozenset[str]
    strip_trailing: frozenset[str]
    circumstance_words: frozenset[str]
    non_stance_words: frozenset[str]
    event_leaning: dict[str, str]  # PLOVER type -> leaning
    event_factor: float
    topics: tuple[Topic, ...]

    def topic_of(self, text: str) -> str | None:
        """The label of the first topic matching ``text``, if any."""
        return next((topic.label for topic in self.topics if topic.matches(text)), None)


@cache
def stance_lexicon() -> StanceLexicon:
    """The bundled stance lexicon."""
    return parse_stance_lexicon(load_lexicon("stances.toml"))


def parse_stance_lexicon(file: LexiconFile) -> StanceLexicon:
    cue_groups = "|".join(
        rf"(?P<{leaning}>{alternation(file.strings(f'{leaning}.cues'))})" for leaning in LEANINGS
    )
    holder = file.table("holder")
    return StanceLexicon(
        cues=re.compile(rf"\b(?:{cue_groups})\b", re.IGNORECASE),
        confidence={leaning: _fraction(file, f"{leaning}.confidence") for leaning in LEANINGS},
        negation=_phrase_at_end(file.strings("negation.words")),
        condition=re.compile(
            rf"\b(?:{alternation(file.strings('condition.markers'))})\b", re.IGNORECASE
        ),
        holder_window=_positive(file, "holder.window", holder),
        holder_near=_positive(file, "holder.near", holder),
        far_factor=_fraction(file, "holder.far_factor"),
        preposition_words=_lowered(file.strings("holder.preposition_words")),
        article_words=_lowered(file.strings("holder.article_words")),
        passive_after=re.compile(
            rf"\s*(?:{alternation(file.strings('holder.passive_after'))})\b", re.IGNORECASE
        ),
        stops=file.strings("object.stops"),
        max_words=_positive(file, "object.max_words", file.table("object")),
        min_words=_positive(file, "object.min_words", file.table("object")),
        strip_leading=_lowered(file.strings("object.strip_leading")),
        strip_trailing=_lowered(file.strings("object.strip_trailing")),
        circumstance_words=_lowered(file.strings("object.circumstance_words")),
        non_stance_words=_lowered(file.strings("object.non_stance_words")),
        event_leaning=_event_leanings(file),
        event_factor=_fraction(file, "events.confidence_factor"),
        topics=_topics(file),
    )


def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _phrase_at_end(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words)})\s*$", re.IGNORECASE)


def _number(file: LexiconFile, key: str) -> float:
    table_key, _, name = key.rpartition(".")
    value = file.table(table_key).get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise file.error(key, "expected a number")
    return float(value)


def _fraction(file: LexiconFile, key: str) -> float:
    value = _number(file, key)
    if not 0 < value <= 1:
        raise file.error(key, f"expected a number in (0, 1], not {value}")
    return value


def _positive(file: LexiconFile, key: str, table: dict[str, object]) -> int:
    value = table.get(key.rpartition(".")[2])
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise file.error(key, "expected a positive integer")
    return value


def _event_leanings(file: LexiconFile) -> dict[str, str]:
    return {
        event_type.upper(): leaning
        for leaning in LEANINGS
        for event_type in file.strings(f"events.{leaning}")
    }


def _topics(file: LexiconFile) -> tuple[Topic, ...]:
    entries = file.data.get("topics")
    if not isinstance(entries, list) or not entries:
        raise file.error("topics", "expected one or more [[topics]] tables")
    topics = []
    for entry in entries:
        label = entry.get("label") if isinstance(entry, dict) else None
        patterns = entry.get("patterns") if isinstance(entry, dict) else None
        if not isinstance(label, str) or not label.strip():
            raise file.error("topics", "every topic needs a label")
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise file.error("patterns", f"topic '{label}': expected a list of patterns")
        try:
            compiled = tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)
        except re.error as error:
            raise file.error("patterns", f"topic '{label}': bad pattern ({error})") from error
        topics.append(Topic(label, compiled))
    return tuple(topics)
