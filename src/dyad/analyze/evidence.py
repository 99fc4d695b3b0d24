"""The small records every analysis points with: an actor, and the sentence a claim rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyad.export.contract import FLAGS


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as analyses name it: ``id`` is None for words the knowledge base did not know."""

    id: str | None
    name: str
    code: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a statement rests on: article id, sentence number and the words."""

    doc_id: str
    sentence_index: int
    sentence: str
    doc_path: str | None = None  # the input it was read from


def actor_ref(participant: dict[str, Any] | None) -> ActorRef | None:
    """The actor of a contract participant; None when the event has no such participant."""
    if participant is None:
        return None
    return ActorRef(
        id=participant["id"],
        name=participant["name"] or participant["text"],
        code=participant["code"],
        country=participant["country"],
    )


def evidence_of(record: dict[str, Any]) -> Evidence:
    """The evidence of a contract event record."""
    return Evidence(
        doc_id=record["doc_id"],
        sentence_index=record["sentence_index"],
        sentence=record["sentence"],
        doc_path=record["doc_path"],
    )


def participants(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Source, target and the further participants of an event record, those present."""
    return [p for p in (record["source"], record["target"], *record["others"]) if p is not None]


def flags_of(record: dict[str, Any]) -> tuple[str, ...]:
    """The flags set on an event record, among negated / hypothetical / historical."""
    return tuple(flag for flag in FLAGS if record[flag])


def participant_label(participant: dict[str, Any] | None) -> str:
    """The actor's name when resolved, else the words of the text; "?" when there is none."""
    if participant is None:
        return "?"
    return participant["name"] or participant["text"]
