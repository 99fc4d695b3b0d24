"""Loaders for the gold sets dyad is scored against.

Both sets live outside the repo (``../shared/data``) under their own licenses; they are read in
place, never copied.

- ``plover_gsr``: PLOVER gold-standard records (CC BY-SA 4.0), CAMEO-manual sentences coded with
  an early PLOVER version whose type names differ from the contract's; ``LEGACY_TYPES`` maps them.
- ``conflibert_cameo/cameo_class``: news sentences with a 5-way CAMEO class label. Checked by
  reading examples: 0 = public statement or appeal (CAMEO 01-02), 1 = verbal cooperation (03-05:
  agree, meet, praise, sign), 2 = material cooperation (06-08: aid, ease sanctions, resign,
  ceasefire), 3 = verbal conflict (09-13: investigate, condemn, demand, reject, threaten) *and*
  sanctions (16), 4 = material conflict (14, 15, 17-20: protest, force posture, arrests, attacks).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Older PLOVER names in plover_gsr -> (contract type, mode). CRIME has no contract type and no
# record in the current file; a record with an unmapped name is skipped and counted, not guessed.
LEGACY_TYPES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}

# Country codes in plover_gsr that are not ISO 3166 alpha-3 (left over from CAMEO).
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA"}

CONFLIBERT_CLASSES = (0, 1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str  # ISO3, or a transnational prefix such as IGO, NGO, IMG
    sector: str | None  # upper-cased 3-letter sector (GOV, MIL...), None for a bare country

    @property
    def code(self) -> str:
        return self.country + (self.sector or "")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One plover_gsr record: a sentence with the event a human coded from it."""

    id: str
    text: str
    event_type: str  # contract name (legacy names already mapped)
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]  # for reciprocal events with no target: the sources
    date: str | None


@dataclass(frozen=True, slots=True)
class PloverGold:
    events: tuple[GoldEvent, ...]
    skipped: tuple[str, ...]  # ids of records whose type has no contract equivalent


@dataclass(frozen=True, slots=True)
class ClassifiedSentence:
    """One conflibert_cameo sentence and its CAMEO class (0 statement, 1..4 quad classes)."""

    text: str
    label: int


def _actor(raw: dict[str, str]) -> GoldActor:
    country = raw.get("code", "").strip().upper()
    country = LEGACY_COUNTRIES.get(country, country)
    sector = (raw.get("sector") or "").strip()[:3].upper()
    # "***" marks an unknown sector in a few records.
    return GoldActor(raw.get("actorText", ""), country, sector if sector.isalpha() else None)


def _actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()  # absent, null or "" all mean "no such actor"
    return tuple(_actor(item) for item in value if isinstance(item, dict) and item.get("code"))


def parse_plover_records(records: Iterable[dict], origin: str = "plover_gsr") -> PloverGold:
    """Turn plover_gsr JSON records into gold events; ``origin`` names the file in errors."""
    events: list[GoldEvent] = []
    skipped: list[str] = []
    for position, record in enumerate(records):
        name = record.get("event")
        if name == "DOCUMENT":
            continue  # the file's own header record
        record_id = record.get("id", f"#{position}")
        text = record.get("text")
        if not isinstance(name, str) or not isinstance(text, str):
            raise ValueError(f"{origin}: record {record_id}: missing 'event' or 'text'")
        if name in PLOVER_TYPES:
            event_type, mode = name, record.get("mode") or None
        elif name in LEGACY_TYPES:
            event_type, mode = LEGACY_TYPES[name]
        else:
            skipped.append(record_id)
            continue
        sources = _actors(record.get("source"))
        targets = _actors(record.get("target"))
        if not targets and len(sources) > 1:
            targets = sources  # reciprocal (SRC/TAR) coding: each side is the other's target
        events.append(
            GoldEvent(record_id, text, event_type, mode, sources, targets, record.get("date"))
        )
    return PloverGold(tuple(events), tuple(skipped))


def load_plover_gsr(data_dir: Path) -> PloverGold:
    path = data_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    with path.open(encoding="utf-8") as handle:
        records = json.load(handle)
    if not isinstance(records, list):
        raise ValueError(f"{path}: expected a JSON array of records")
    return parse_plover_records(records, origin=str(path))


def parse_conflibert_lines(lines: Iterable[str], origin: str) -> list[ClassifiedSentence]:
    sentences: list[ClassifiedSentence] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab or label.strip() not in {str(c) for c in CONFLIBERT_CLASSES}:
            raise ValueError(f"{origin}:{number}: expected 'sentence<TAB>label 0-4'")
        sentences.append(ClassifiedSentence(text.strip(), int(label)))
    return sentences


def conflibert_path(data_dir: Path) -> Path:
    """The held-out split when it is present, else the train split (dyad never trains on it)."""
    folder = data_dir / "conflibert_cameo" / "cameo_class"
    test = folder / "test.tsv"
    return test if test.exists() else folder / "train.tsv"


def load_conflibert(data_dir: Path) -> list[ClassifiedSentence]:
    path = conflibert_path(data_dir)
    with path.open(encoding="utf-8") as handle:
        return parse_conflibert_lines(handle, origin=str(path))
