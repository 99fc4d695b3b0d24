"""Request parameters read into typed filters; a bad value is a one-line 400 message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from dyad.export.contract import EVENT_TYPES
from dyad.store.errors import QueryError
from dyad.store.queries import SORT_COLUMNS, EventFilter, date_bound

PER_PAGE = 50


class BadRequest(ValueError):
    """A request parameter that cannot be used; the message names it."""


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name, "").strip()
    return value or None


def _flag(params: Mapping[str, str], name: str, default: bool) -> bool:
    value = params.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise BadRequest(f"{name}: expected 1 or 0, not {value!r}")


def _integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name}: expected a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise BadRequest(f"{name}: expected a number from {low} to {high}, not {number}")
    return number


def date_param(params: Mapping[str, str], name: str) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD date, checked."""
    value = _text(params, name)
    if value is not None:
        try:
            date_bound(value, end=False)
        except QueryError as error:
            raise BadRequest(f"{name}: {error}") from None
    return value


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The event table's filters, order and page, as in ``dyad events``."""

    actor: str | None = None
    a: str | None = None  # the two sides of a dyad (either direction)
    b: str | None = None
    type: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    flagged: bool = True  # include negated, hypothetical and historical events
    repeats: bool = True  # include later tellings of an event in the same article
    sort: str = "date"
    desc: bool = False
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_params(cls, params: Mapping[str, str], max_rows: int) -> EventQuery:
        event_type = _text(params, "type")
        if event_type is not None and event_type.upper() not in EVENT_TYPES:
            raise BadRequest(f"type: not a PLOVER event type: {event_type!r}")
        sort = _text(params, "sort") or "date"
        if sort not in SORT_COLUMNS:
            raise BadRequest(f"sort: one of {', '.join(SORT_COLUMNS)}, not {sort!r}")
        side_a, side_b = _text(params, "a"), _text(params, "b")
        if (side_a is None) != (side_b is None):
            raise BadRequest("a and b: a dyad needs both sides")
        quad = _integer(params, "quad", 0, 0, 4)
        return cls(
            actor=_text(params, "actor"),
            a=side_a,
            b=side_b,
            type=event_type.upper() if event_type else None,
            quad=quad or None,
            since=date_param(params, "since"),
            until=date_param(params, "until"),
            flagged=_flag(params, "flagged", True),
            repeats=_flag(params, "repeats", True),
            sort=sort,
            desc=_flag(params, "desc", False),
            page=_integer(params, "page", 1, 1, 1_000_000),
            per_page=_integer(params, "per_page", PER_PAGE, 1, max_rows),
        )

    def event_filter(
        self, *, limit: int, offset: int = 0, min_confidence: float = 0.0
    ) -> EventFilter:
        return EventFilter(
            actor=self.actor,
            dyad=(self.a, self.b) if self.a and self.b else None,
            event_type=self.type,
            quad_class=self.quad,
            since=self.since,
            until=self.until,
            limit=limit,
            offset=offset,
            min_confidence=min_confidence,
            include_flagged=self.flagged,
            repeats=self.repeats,
            sort=self.sort,
            descending=self.desc,
        )

    def query_string(self, **changes: Any) -> str:
        """The URL query of these filters with ``changes``; defaults left out."""
        changed = replace(self, **changes)
        defaults = EventQuery()
        given = {
            name: (int(value) if isinstance(value, bool) else value)
            for name, value in asdict(changed).items()
            if value != getattr(defaults, name) and value is not None
        }
        return urlencode(given)
