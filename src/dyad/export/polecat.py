"""A POLECAT-like layout: one PLOVER event per JSON line, named as POLECAT's columns.

POLECAT (the PLOVER-coded successor of ICEWS) is published as weekly tab-separated files whose
columns are "Event ID", "Event Date", "Event Type", ... The layout below keeps those columns in
their order, as snake_case JSON keys (``event_id``, ``event_date``, ``event_type``...), fills
what dyad knows and leaves the rest null (COW codes, Wikipedia and GeoNames ids, the
administrative levels of a place, story-level lists); ``docs/exports.md`` maps each field.
dyad's evidence (the sentence, its offsets, the modality flags, the confidence) follows as extra
fields, so a POLECAT reader that ignores unknown keys reads it as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from dyad.export.article_info import ArticleInfo
from dyad.export.writers import json_line

LAYOUT_VERSION = "dyad-polecat-1"

# POLECAT's columns, in its order, as JSON keys.
POLECAT_FIELDS = (
    "event_id", "event_date", "event_type", "event_mode", "event_intensity", "quad_code",
    "contexts",
    "actor_name", "actor_country", "actor_cow", "primary_actor_sector", "actor_sectors",
    "actor_title", "actor_name_raw", "wikipedia_actor_id",
    "recipient_name", "recipient_country", "recipient_cow", "primary_recipient_sector",
    "recipient_sectors", "recipient_title", "recipient_name_raw", "wikipedia_recipient_id",
    "placename", "city", "district", "province", "country", "wikipedia_placename_id",
    "latitude", "longitude", "geonames_id", "raw_placename", "feature_type",
    "source", "publication_date", "story_people", "story_organizations", "story_locations",
    "language", "version",
)  # fmt: skip

# dyad's own fields after POLECAT's: the evidence every event carries.
EVIDENCE_FIELDS = (
    "story_id", "story_url", "sentence_number", "sentence", "char_start", "char_end",
    "actor_id", "recipient_id", "others", "negated", "hypothetical", "historical",
    "confidence", "duplicate_of",
)  # fmt: skip


def polecat_record(record: dict[str, Any], article: ArticleInfo | None) -> dict[str, Any]:
    """The POLECAT-like object of one contract event record (``article``: its article's row)."""
    location = record["location"] or {}
    published = article.published if article else None
    fields: dict[str, Any] = {
        "event_id": record["event_id"],
        "event_date": record["date"],
        "event_type": record["event_type"],
        "event_mode": record["mode"],
        "event_intensity": record["intensity"],
        "quad_code": record["quad_class"],
        "contexts": list(record["context"]),
        **_side("actor", record["source"]),
        **_side("recipient", record["target"]),
        "placename": location.get("name"),
        "city": None,
        "district": None,
        "province": None,
        "country": location.get("country"),
        "wikipedia_placename_id": None,
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geonames_id": None,
        "raw_placename": location.get("name"),
        "feature_type": None,
        # POLECAT's "Source" is the outlet; dyad's reported_by is who the article quotes.
        "source": article.source if article else None,
        "publication_date": published.isoformat() if published else None,
        "story_people": None,
        "story_organizations": None,
        "story_locations": None,
        "language": "en",
        "version": LAYOUT_VERSION,
        "story_id": record["doc_id"],
        "story_url": article.location if article else record["doc_path"],
        "sentence_number": record["sentence_index"],
        "sentence": record["sentence"],
        "char_start": record["char_start"],
        "char_end": record["char_end"],
        "actor_id": (record["source"] or {}).get("id"),
        "recipient_id": (record["target"] or {}).get("id"),
        "others": [other["id"] or other["text"] for other in record["others"]],
        "negated": record["negated"],
        "hypothetical": record["hypothetical"],
        "historical": record["historical"],
        "confidence": record["confidence"],
        "duplicate_of": record.get("duplicate_of"),
    }
    return {name: fields[name] for name in (*POLECAT_FIELDS, *EVIDENCE_FIELDS)}


def _side(role: str, participant: dict[str, Any] | None) -> dict[str, Any]:
    """The actor or recipient columns of one participant (all null when there is none)."""
    side = participant or {}
    sector = side.get("sector")
    return {
        f"{role}_name": side.get("name"),
        f"{role}_country": side.get("country"),
        f"{role}_cow": None,
        f"primary_{role}_sector": sector,
        f"{role}_sectors": [sector] if sector else [],
        f"{role}_title": None,
        f"{role}_name_raw": side.get("text"),
        f"wikipedia_{role}_id": None,
    }


def write_polecat(
    records: Iterable[dict[str, Any]], articles: Mapping[str, ArticleInfo], out: TextIO
) -> int:
    """POLECAT-like JSON Lines of contract ``records``; ``articles`` maps doc_id to its row."""
    count = 0
    for record in records:
        out.write(json_line(polecat_record(record, articles.get(record["doc_id"]))) + "\n")
        count += 1
    return count
