"""Frozen records passed between pipeline stages.

Every record carries the ``doc_id`` of its article and character offsets into the article's
*cleaned* text (``Article.text``), so any claim can be traced back to its sentence.
The single mapping from these records to the output contract lives in ``dyad.export.contract``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input before cleaning: a text file, an HTML page, or one JSON Lines record."""

    content: str
    format: str  # "text" | "html"
    doc_path: str | None = None  # the path or URL it came from
    doc_ref: str | None = None  # the input record's own id (JSONL ``id``)
    title: str | None = None  # metadata given with the input (JSONL), trusted over extraction
    url: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text every offset downstream refers to."""

    doc_id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_text: str | None = None  # the date string as it appeared
    published_precision: str | None = None  # "day" | "month" | "year" (metadata may be coarse)
    source: str | None = None  # outlet, e.g. "The New Arab"
    url: str | None = None
    doc_path: str | None = None
    doc_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not processed, with a stable reason code (see ``dyad.errors``)."""

    input: str  # path, or path:line for a JSONL record
    reason: str  # stable code, e.g. "empty", "binary", "not_utf8", "too_large", "bad_json"
    detail: str  # human-readable message naming the problem


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int  # 0-based position in the article
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the knowledge base (a person, organization, or country sector)."""

    id: str  # stable id, e.g. "irq.gov", "person.ahmed-al-sharaa"
    code: str  # CAMEO-style code, e.g. "IRQGOV", "SYRGOV", "IGOUNO", "IMGMILISI"
    name: str
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, SPY, ...
    kind: str = "sector"  # "country" | "sector" | "person" | "organization" | "igo" | "group"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names an actor (resolved or not)."""

    doc_id: str
    sentence_index: int
    text: str
    char_start: int
    char_end: int
    actor: Actor | None
    confidence: float
    role_title: str | None = None  # "Syrian President" when the mention is a role title


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Quantities:
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None


# Years a date in the news may have. Outside them a date is a placeholder or a typo
# ("0001-01-01", "9999-12-31") and is treated as no date: a publication date as unknown, a date
# phrase as no phrase. (Resolving "next week" near year 1 or 9999 would leave the calendar.)
PLAUSIBLE_YEARS = range(1800, 2200)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: dt.date
    precision: str  # "day" | "week" | "month" | "year"
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, traceable to its sentence."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    char_start: int
    char_end: int
    event_type: str  # one of the 16 PLOVER types
    mode: str | None
    cameo_root: str
    quad_class: int
    intensity: float
    source: Mention | None
    target: Mention | None
    trigger: str  # the words that triggered the coding
    confidence: float
    others: tuple[Mention, ...] = ()
    context: tuple[str, ...] = ()
    date: ResolvedDate | None = None
    location: Location | None = None
    quantities: Quantities = field(default_factory=Quantities)
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reported_by: str | None = None
    doc_path: str | None = None
    doc_ref: str | None = None
    duplicate_of: str | None = None  # event_id of the better telling of the same event
    trace: tuple[tuple[str, str], ...] = ()  # (field, what decided it): `dyad code --explain`
    # the score the calibration maps to ``confidence`` (None: confidence is the score itself)
    score: float | None = None

    @property
    def rank(self) -> tuple[float, float]:
        """What makes one event the better of two: its confidence, then the score behind it (a
        calibration's flat stretches give many scores one confidence)."""
        return self.confidence, self.confidence if self.score is None else self.score

    @property
    def flagged(self) -> bool:
        """Negated, hypothetical or historical: not a reported fact of the period."""
        return self.negated or self.hypothetical or self.historical
