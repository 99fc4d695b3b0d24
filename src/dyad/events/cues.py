"""Role and trigger cues of ``grammar.toml``'s ``[cues]`` table (reporting phrases, event nouns,
instrument nouns, topic verbs, approximators, joint verbs, goal words, place prepositions), kept
apart from the core grammar the lexicon loader reads."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.events.lexicon import LexiconError, lexicon_dir

FIELDS = ("reporting_case", "event_nouns", "instrument_nouns", "topic_verbs", "approximators",
          "joint_verbs", "topic_event_types", "goal_words", "place_prepositions")


@dataclass(frozen=True, slots=True)
class Cues:
    reporting_case: frozenset[str]
    event_nouns: frozenset[str]
    instrument_nouns: frozenset[str]
    topic_verbs: frozenset[str]
    approximators: frozenset[str]
    joint_verbs: frozenset[str]
    topic_event_types: frozenset[str]
    goal_words: frozenset[str]
    place_prepositions: frozenset[str]


@lru_cache(maxsize=4)
def load_cues(directory: Path | None = None) -> Cues:
    path = (directory or lexicon_dir()) / "grammar.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["cues"]
    except tomllib.TOMLDecodeError as err:
        raise LexiconError(f"{path}: {err}") from err
    except KeyError as err:
        raise LexiconError(f"{path}: missing table [cues]") from err
    values = {}
    for field in FIELDS:
        words = table.get(field)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"{path}: [cues] {field} must be a list of words")
        values[field] = frozenset(w if field == "topic_event_types" else w.lower() for w in words)
    return Cues(**values)
