"""The DuckDB store: one file, migrated on open, one transaction per batch of articles.

Writes go through :meth:`Store.write_batch` (``write`` for one article) and
:meth:`Store.record_skip` only; reads are the parameterised queries of
:mod:`dyad.store.queries`. Event records come back in the contract shape
(``dyad.export.contract``), rebuilt from the columns.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import duckdb

from dyad.records import Skip
from dyad.store import fusion, queries
from dyad.store.errors import DatabaseError, StoreError
from dyad.store.rows import ArticleRows, Row, article_rows
from dyad.store.writes import column_types, insert_articles

if TYPE_CHECKING:
    from dyad.pipeline import ArticleResult

P = ParamSpec("P")
R = TypeVar("R")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped, in version order.

    Migration files are named ``NNN_what.sql``; version N upgrades a version N-1 database.
    """
    folder = resources.files("dyad.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = entry.name.split("_", 1)[0]
            if not number.isdigit():
                raise StoreError(f"{entry.name}: migration name must start with its number")
            found.append((int(number), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations must be numbered 1..N without gaps, found {versions}")
    return found


def latest_version() -> int:
    return len(migrations())


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version of an open database; 0 for a new, empty one."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations the database lacks, each in its own transaction; returns the version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    current = schema_version(con)
    for version, name, sql in migrations():
        if version <= current:
            continue
        con.begin()
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, _now()])
            con.commit()
        except duckdb.Error as error:
            con.rollback()
            raise StoreError(f"migration {name} failed: {error}") from error
        current = version
    return current


def _reported(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """A store method whose DuckDB errors become one-line ``DatabaseError``s naming the file
    (a damaged file often opens fine and fails only when a damaged block is read)."""

    @functools.wraps(method)
    def reported(store: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(store, *args, **kwargs)
        except duckdb.Error as error:
            raise DatabaseError(f"{store.path}: {_problem(error, 'database error')}") from error

    return reported


# Words of DuckDB's messages for a file whose bytes are not what DuckDB wrote.
_DAMAGE_SIGNS = ("corrupt", "checksum", "could not read enough bytes")


def _problem(error: duckdb.Error, failed: str) -> str:
    """``failed (DuckDB's message)``, or what a damaged file means for the user."""
    message = _first_line(error)
    if any(sign in message.lower() for sign in _DAMAGE_SIGNS):
        return f"the database file is damaged or truncated ({message})"
    return f"{failed} ({message})"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class Store:
    """An open dyad database. Use as a context manager; ``read_only`` needs an existing file."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise DatabaseError(
                f"{self.path}: no database here yet (store articles with `dyad ingest`)"
            )
        if read_only and self._needs_migration():
            read_only = False  # an older file: upgrade it once, then it is read like any other
        self._con = _connect(self.path, read_only)
        # Actor rows this Store has written, by id: an unchanged actor is not upserted again
        # (the upsert is the costliest statement of a write).
        self._actors_written: dict[str, Row] = {}
        self._column_types: dict[str, dict[str, str]] = {}  # read on the first write
        self._fusion_rules = fusion.load_fusion_rules()
        if not read_only:
            try:
                self._migrate()
            except BaseException:
                self._con.close()
                raise

    @_reported
    def _migrate(self) -> None:
        before = schema_version(self._con)
        try:
            migrate(self._con)
        except StoreError as error:
            raise DatabaseError(f"{self.path}: {error}") from error
        if 0 < before < latest_version():  # an upgraded file: fuse the events it holds unfused
            self.fuse()

    @_reported
    def _needs_migration(self) -> bool:
        con = _connect(self.path, read_only=True)
        try:
            return schema_version(con) < latest_version()
        finally:
            con.close()

    @_reported
    def close(self) -> None:
        self._con.close()

    @_reported
    def run(
        self,
        query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """``query(connection, *args, **kwargs)``: a read function of :mod:`dyad.store.queries`
        (or one kept beside its only user) on this store, its errors reported like the others."""
        return query(self._con, *args, **kwargs)

    def interrupt(self) -> None:
        """Stop the query running on this store, from another thread (a time limit)."""
        self._con.interrupt()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def write(self, result: ArticleResult) -> bool:
        """Store one article with everything coded from it, all or nothing.

        Returns False (and stores nothing) when an article with the same ``doc_id`` is stored.
        """
        return self.write_batch([article_rows(result)])[0]

    @_reported
    def write_batch(self, batch: Sequence[ArticleRows]) -> list[bool]:
        """Store the articles of ``batch`` (see :func:`dyad.store.rows.article_rows`) in one
        transaction: all of them or none. Per article, False when one with its ``doc_id`` was
        already stored (or comes earlier in the batch); that one is left as it was."""
        if not batch:
            return []
        con = self._con
        if not self._column_types:
            tables = ("articles", "sentences", "actors", "mentions", "events")
            self._column_types = {table: column_types(con, table) for table in tables}
        con.begin()
        try:
            inserted = insert_articles(con, batch, self._column_types, self._actors_written, _now())
            fusion.add_articles(
                con,
                [rows.doc_id for rows, new in zip(batch, inserted.stored, strict=True) if new],
                self._fusion_rules,
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        self._actors_written.update((row[0], row) for row in inserted.actors)
        return inserted.stored

    @_reported
    def record_skip(self, skip: Skip) -> None:
        """Record a skipped input; the same input skipped again for the same reason keeps one
        row, with the latest detail and time."""
        self._con.execute(
            'INSERT INTO skips VALUES (?, ?, ?, ?) ON CONFLICT (input, reason) '
            'DO UPDATE SET detail = excluded.detail, "at" = excluded."at"',
            [skip.input, skip.reason, skip.detail, _now()],
        )

    @_reported
    def has_article(self, doc_id: str) -> bool:
        """Whether an article with this ``doc_id`` is stored (asked before parsing a new one)."""
        found = self._con.execute("SELECT 1 FROM articles WHERE doc_id = ?", [doc_id])
        return found.fetchone() is not None

    # -- reading -----------------------------------------------------------------------------

    @_reported
    def events(
        self,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        event_type: str | None = None,
        quad_class: int | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        limit: int | None = None,
        repeats: bool = True,
        *,
        min_confidence: float = 0.0,
        include_flagged: bool = True,
    ) -> list[dict[str, Any]]:
        """Contract event records matching every filter given, oldest first (undated last).

        ``actor`` and each side of ``dyad`` are an actor id, a code (a prefix such as ``SYR``
        means every Syrian actor) or a name or alias; ``dyad`` matches either direction.
        ``since``/``until`` are inclusive ISO dates (``2025``, ``2025-01``, ``2025-01-31``);
        ``repeats=False`` leaves out later tellings of an event already told in the article.
        """
        return queries.events(
            self._con,
            queries.EventFilter(
                actor=actor, dyad=dyad, event_type=event_type, quad_class=quad_class,
                since=since, until=until, limit=limit, repeats=repeats,
                min_confidence=min_confidence, include_flagged=include_flagged,
            ),
        )  # fmt: skip

    @_reported
    def fused_events(self, **filters: Any) -> list[dict[str, Any]]:
        """One record per real-world event (cluster of reports across articles), with the same
        filters as :meth:`events`; see :func:`dyad.store.queries.fused_events`."""
        return queries.fused_events(self._con, queries.EventFilter(**filters))

    @_reported
    def fuse(self, rebuild: bool = False) -> fusion.FusionSummary:
        """Fuse the events stored before fusion existed, or (``rebuild``) every event from
        scratch, in one transaction."""
        con = self._con
        con.begin()
        try:
            if rebuild:
                fusion.rebuild(con, self._fusion_rules)
                done = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
            else:
                doc_ids = fusion.unfused_doc_ids(con)
                fusion.add_articles(con, doc_ids, self._fusion_rules)
                done = len(doc_ids)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return fusion.summary(con, int(done))

    @_reported
    def resolve_actor(self, spec: str) -> tuple[str, ...]:
        """The ids of the stored actors ``spec`` names (see :meth:`events`)."""
        return queries.resolve_actor(self._con, spec)

    @_reported
    def actor_names(self, ids: tuple[str, ...]) -> list[str]:
        return queries.actor_names(self._con, ids)

    @_reported
    def skips(self) -> list[dict[str, Any]]:
        return queries.skips(self._con)

    @_reported
    def stats(self) -> dict[str, Any]:
        return queries.stats(self._con)

    @_reported
    def top_country_dyads(self, limit: int = 3) -> list[tuple[str, str, int]]:
        return queries.top_country_dyads(self._con, limit)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:  # locked by another process, not a database, no permission
        raise DatabaseError(f"{path}: {_problem(error, 'cannot open the database')}") from error


def _now() -> dt.datetime:
    """The current UTC time, naive (the TIMESTAMP columns hold UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
