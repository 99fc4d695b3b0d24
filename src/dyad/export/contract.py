"""The one mapping from records to the output contract (``../shared/contract.md``).

Every command that prints or writes events (``dyad code``, ``dyad events``, ``dyad export``) and
the store's query results go through :func:`event_record`, so the JSON shape is defined here only.
Fields may be added (``trigger``); contract fields are never renamed or dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dyad.records import Event, Mention

# The 16 PLOVER event types the contract allows, in PLOVER's order (cooperation to conflict).
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# The participant shape (source, target, each of others), in contract order.
ACTOR_FIELDS = ("text", "id", "code", "country", "sector", "name", "aliases")
QUANTITY_FIELDS = ("killed", "injured", "arrested")
LOCATION_FIELDS = ("name", "country", "lat", "lon")
FLAGS = ("negated", "hypothetical", "historical")


@dataclass(frozen=True, slots=True)
class ClusterFacts:
    """The contract's cross-article fusion fields, shared by the events of one cluster."""

    cluster_id: str
    num_reports: int  # articles in the cluster
    num_sources: int  # distinct outlets
    first_reported: str | None  # earliest publication date (ISO), None when no article is dated


def participant_record(mention: Mention | None) -> dict[str, Any] | None:
    """A source/target/other participant; actor fields are null when it was not resolved."""
    if mention is None:
        return None
    actor = mention.actor
    if actor is None:
        return {name: None for name in ACTOR_FIELDS} | {"text": mention.text}
    return {
        "text": mention.text,
        "id": actor.id,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "aliases": list(actor.aliases),
    }


def event_record(event: Event, cluster: ClusterFacts | None = None) -> dict[str, Any]:
    """The contract JSON object for one event; its fusion fields are null without ``cluster``."""
    date = event.date
    location = event.location
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "doc_path": event.doc_path,
        "doc_ref": event.doc_ref,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "event_type": event.event_type,
        "mode": event.mode,
        "context": list(event.context),
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "source": participant_record(event.source),
        "target": participant_record(event.target),
        "others": [participant_record(mention) for mention in event.others],
        "date": date.date.isoformat() if date else None,
        "date_precision": date.precision if date else None,
        "date_text": (date.text or None) if date else None,  # "" = publication-date fallback
        "location": (
            {
                "name": location.name,
                "country": location.country,
                "lat": location.lat,
                "lon": location.lon,
            }
            if location
            else None
        ),
        "quantities": {name: getattr(event.quantities, name) for name in QUANTITY_FIELDS},
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "historical": event.historical,
        "reported_by": event.reported_by,
        "confidence": event.confidence,
        "trigger": event.trigger,
        "duplicate_of": event.duplicate_of,
        "cluster_id": cluster.cluster_id if cluster else None,
        "num_reports": cluster.num_reports if cluster else None,
        "num_sources": cluster.num_sources if cluster else None,
        "first_reported": cluster.first_reported if cluster else None,
    }


def mention_record(mention: Mention, doc_path: str | None) -> dict[str, Any]:
    """The contract JSON object for one actor mention (``dyad mentions``)."""
    actor = mention.actor
    return {
        "doc_id": mention.doc_id,
        "doc_path": doc_path,
        "sentence_index": mention.sentence_index,
        "text": mention.text,
        "char_start": mention.char_start,
        "char_end": mention.char_end,
        "actor": (
            {
                "id": actor.id,
                "code": actor.code,
                "country": actor.country,
                "sector": actor.sector,
                "name": actor.name,
            }
            if actor
            else None
        ),
        "confidence": mention.confidence,
        "role_title": mention.role_title,
    }


def is_flagged(record: dict[str, Any]) -> bool:
    """True for a negated, hypothetical or historical event record."""
    return any(record[flag] for flag in FLAGS)


def flat_event_record(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as flat columns (CSV): ``source_id``, ``location_name``, ``killed``...

    Lists of names become ``;``-separated text; ``others`` becomes ``;``-separated actor ids
    (their text where unresolved), since a CSV cell cannot nest.
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("source", "target"):
            for name in ACTOR_FIELDS:
                flat[f"{key}_{name}"] = _cell(value[name] if value else None)
        elif key == "others":
            flat["others"] = ";".join(other["id"] or other["text"] for other in value or ())
        elif key == "location":
            for name in LOCATION_FIELDS:
                flat[f"location_{name}"] = value[name] if value else None
        elif key == "quantities":
            for name in QUANTITY_FIELDS:
                flat[name] = value[name] if value else None
        else:
            flat[key] = _cell(value)
    return flat


def _cell(value: Any) -> Any:
    if isinstance(value, list):  # names; or the reports of a fused event, as JSON
        return ";".join(value) if all(isinstance(v, str) for v in value) else json.dumps(value)
    return value
