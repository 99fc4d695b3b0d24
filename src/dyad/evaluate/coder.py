"""The system under test, seen by the scorers as a function from a sentence to events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dyad.records import Actor, Event

if TYPE_CHECKING:
    from dyad.config import Settings
    from dyad.evaluate.voa import GoldStory
    from dyad.events.learned import HybridSettings
    from dyad.models.event_model import EventModel

EventCoder = Callable[[str], Sequence[Event]]


def counted_events(events: Sequence[Event]) -> list[Event]:
    """The events a gold set can confirm: negated and hypothetical ones are reported facts of a
    different kind (the gold sets code what happened), so they are not scored."""
    return [e for e in events if not e.negated and not e.hypothetical]


def most_confident(events: Sequence[Event], event_type: str | None = None) -> Event | None:
    candidates = [e for e in events if event_type is None or e.event_type == event_type]
    # Ties go to the earliest event in the sentence, so the choice is deterministic.
    return max(candidates, key=lambda e: e.rank, default=None)


def actor_country(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.code[:3] or None


def actor_sector(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.sector or actor.code[3:6] or None


def pipeline_coder(date: str | None = None, settings: Settings | None = None,
                   hybrid: HybridSettings | None = None) -> EventCoder:
    """Code each text as a one-sentence article with dyad's full pipeline.

    ``date`` is the publication date given to every text (it decides who holds a role title);
    ``hybrid`` overrides the shipped thresholds. Imported lazily: the pipeline loads models, and
    the scorers must stay usable without it.
    """
    from dyad.errors import InputError
    from dyad.pipeline import Pipeline

    pipeline = Pipeline(settings, hybrid=hybrid)

    def code_text(text: str) -> Sequence[Event]:
        try:
            return pipeline.code_text(text, published=date)
        except InputError:
            return []  # a gold sentence the cleaner rejects is scored as "no event"

    return code_text


def pipeline_story_coder(
    settings: Settings | None = None, hybrid: HybridSettings | None = None,
    model: EventModel | None = None,
) -> Callable[[GoldStory], Sequence[Event]]:
    """Code each gold story as the article it is, dated by its publication date.

    ``settings``, ``hybrid`` and ``model`` override the defaults (the ablation turns parts off;
    cross-fitting reads with a model trained without the story)."""
    from dyad.errors import InputError
    from dyad.pipeline import Pipeline
    from dyad.records import RawDocument

    pipeline = Pipeline(settings, hybrid=hybrid, model=model)

    def code_story(story: GoldStory) -> Sequence[Event]:
        raw = RawDocument(content=story.text, format="text", doc_ref=story.story_id,
                          title=story.title, date=story.published)
        try:
            return pipeline.process(raw).events
        except InputError:
            return []

    return code_story
