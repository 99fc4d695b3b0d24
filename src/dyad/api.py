"""dyad from Python: code a text, open a store, get events as tables and briefs as data.

>>> import dyad
>>> records = dyad.code("Turkish drones struck SDF positions on Tuesday.", published="2025-01-14")
>>> with dyad.open("dyad.duckdb") as store:
...     frame = store.events(dyad=("Iraq", "Syria"), since="2025-01")
...     brief = store.brief("Iraq", "Syria")

The command line and the web workbench use the same functions underneath: ``store.events`` takes
the filters of ``dyad events``, ``store.brief`` returns the JSON of ``dyad brief --format json``
(documented in docs/brief.md), ``store.positions`` the records of ``dyad positions``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from dyad.config import Settings

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from dyad.pipeline import Pipeline
    from dyad.store import Store as DatabaseStore


class ArticleInfo(TypedDict, total=False):
    """What is known about a text besides its words (all optional)."""

    published: str | dt.date | None
    title: str | None
    source: str | None
    url: str | None


class Coder:
    """Codes texts with one loaded pipeline (loading the models takes a few seconds: keep one
    ``Coder`` for many texts). ``settings`` as for the command line (``dyad.config.Settings``)."""

    def __init__(self, settings: Settings | None = None) -> None:
        from dyad.pipeline import Pipeline

        self.pipeline: Pipeline = Pipeline(settings or Settings())

    def code(self, text: str, **about: Unpack[ArticleInfo]) -> list[dict[str, Any]]:
        """The events of one article as contract records (``../shared/contract.md``), in text
        order. ``published`` (``2025-03-14``) resolves relative dates ("on Friday") and dates
        events whose sentence gives none; ``source`` is the outlet.

        Raises ``dyad.errors.InputError`` when the text has nothing to code (empty, binary).
        """
        from dyad.export.contract import event_record
        from dyad.records import RawDocument
        from dyad.store.fusion import batch_cluster_facts

        published = about.get("published")
        given = published.isoformat() if isinstance(published, dt.date) else published
        raw = RawDocument(text, "text", title=about.get("title"), url=about.get("url"),
                          date=given, source=about.get("source"))
        result = self.pipeline.process(raw)
        clusters = batch_cluster_facts([(result.article, result.events)])
        return [event_record(event, clusters.get(event.event_id)) for event in result.events]


@cache
def default_coder() -> Coder:
    """The coder ``dyad.code`` uses, loaded on its first call and kept for the next ones."""
    return Coder()


def code(text: str, **about: Unpack[ArticleInfo]) -> list[dict[str, Any]]:
    """Code one article's text; returns its events as contract records (dicts). Keywords
    (``published``, ``title``, ``source``, ``url``: ``ArticleInfo``) as for ``Coder.code``.

    The first call loads the models (a few seconds); later calls reuse them. For other settings
    (``--coder rules``, your own actor files) make a ``dyad.Coder(settings)``.
    """
    return default_coder().code(text, **about)


class DyadStore:
    """A dyad database opened for reading (``dyad.open``); close it, or use ``with``."""

    def __init__(self, path: str | Path) -> None:
        from dyad.store import Store

        self._store: DatabaseStore = Store(path, read_only=True)

    def events(self, **filters: Any) -> pandas.DataFrame:
        """The matching events as a pandas DataFrame, one row per event, oldest first, with the
        flat columns of ``dyad events --format csv`` (``source_id``, ``target_name``, ...);
        ``date`` and ``first_reported`` are datetimes.

        Filters as ``dyad events``: ``actor``, ``dyad=(a, b)``, ``event_type``, ``quad_class``,
        ``since``, ``until`` (``2025``, ``2025-01``, ``2025-01-31``), ``limit``, ``repeats``,
        ``min_confidence``, ``include_flagged``.
        """
        import pandas as pd

        from dyad.export.contract import flat_event_record
        from dyad.export.writers import PARQUET_SCHEMA

        records = self._store.events(**filters)
        columns = list(flat_event_record(dict.fromkeys(PARQUET_SCHEMA)))
        frame = pd.DataFrame([flat_event_record(r) for r in records], columns=columns)
        for column in ("date", "first_reported"):
            frame[column] = pd.to_datetime(frame[column])
        return frame

    def events_arrow(self, **filters: Any) -> pyarrow.Table:
        """The same table as :meth:`events`, as an Arrow table (for polars, DuckDB, Parquet)."""
        import pyarrow as pa

        return pa.Table.from_pandas(self.events(**filters), preserve_index=False)

    def records(self, **filters: Any) -> list[dict[str, Any]]:
        """The matching events as contract records (nested dicts), as ``dyad events --format
        jsonl`` prints them."""
        return self._store.events(**filters)

    def brief(
        self,
        actor_a: str,
        actor_b: str,
        *,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_confidence: float = 0.0,
    ) -> dict[str, Any]:
        """The relations brief of ``actor_a`` and ``actor_b`` as the JSON of ``dyad brief
        --format json`` (a dict; schema in docs/brief.md)."""
        from dyad.analyze.brief import build_brief

        return build_brief(
            self._store, actor_a, actor_b, since=since, until=until, min_confidence=min_confidence
        ).to_dict()

    def positions(
        self,
        actor: str,
        *,
        on: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """The positions ``actor`` holds, oldest first, as ``dyad positions --format jsonl``
        prints them (holder, stance, object, topic, date, confidence, evidence)."""
        from dyad.analyze.positions import positions_of

        found = positions_of(self._store, actor, on=on, since=since, until=until)
        return [position.to_dict() for position in found]

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> DyadStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open(path: str | Path) -> DyadStore:  # dyad.open, like io.open: the name is the API
    """Open the dyad database at ``path`` (made by ``dyad ingest``) for reading.

    Raises ``dyad.store.DatabaseError`` when there is no database there.
    """
    return DyadStore(path)
