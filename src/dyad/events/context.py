"""PLOVER contexts of an event: the policy areas its sentence is about.

PLOVER applies its 37 contexts at paragraph or document level; dyad reads them from cue words
in the event's own sentence (``data/lexicons/contexts.toml``) plus contexts implied by the event
type, so every context can be traced to a word in the evidence sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from dyad.events.attribute_lexicons import load_lexicon


@dataclass(frozen=True, slots=True)
class ContextCues:
    order: tuple[str, ...]  # PLOVER's contexts, in output order
    patterns: dict[str, re.Pattern[str]]  # context -> one pattern of all its cues
    by_event_type: dict[str, frozenset[str]]


def _cue_pattern(cues: tuple[str, ...], cased: tuple[str, ...]) -> re.Pattern[str]:
    def regex(cue: str) -> str:
        stem = re.escape(cue.rstrip("*")).replace(r"\ ", r"[\s-]+")
        return rf"{stem}[\w'-]*" if cue.endswith("*") else stem

    alternatives = [rf"(?i:{regex(cue)})" for cue in cues] + [regex(cue) for cue in cased]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w])")


@lru_cache(maxsize=1)
def context_cues() -> ContextCues:
    lexicon = load_lexicon("contexts.toml")
    order = lexicon.strings("order")
    known = set(order)
    tables = {name: lexicon.table(name) for name in ("cues", "cased", "event_types")}
    for table_name, table in tables.items():
        for context in table:
            if table_name != "event_types" and context not in known:
                raise lexicon.error(f"{table_name}.{context}", "not a PLOVER context (see order)")
    by_event_type = {}
    for event_type in tables["event_types"]:
        contexts = lexicon.strings(f"event_types.{event_type}")
        if not set(contexts) <= known:
            raise lexicon.error(f"event_types.{event_type}", "lists an unknown context")
        by_event_type[event_type] = frozenset(contexts)
    patterns = {
        context: _cue_pattern(
            lexicon.strings(f"cues.{context}") if context in tables["cues"] else (),
            lexicon.strings(f"cased.{context}") if context in tables["cased"] else (),
        )
        for context in order
        if context in tables["cues"] or context in tables["cased"]
    }
    return ContextCues(order=order, patterns=patterns, by_event_type=by_event_type)


def contexts_of(sentence: Span, event_type: str) -> tuple[str, ...]:
    """The PLOVER contexts of an event of ``event_type`` coded from ``sentence``."""
    cues = context_cues()
    text = sentence.text
    found = set(cues.by_event_type.get(event_type, ()))
    found.update(context for context, pattern in cues.patterns.items() if pattern.search(text))
    return tuple(context for context in cues.order if context in found)
