"""How the workbench reaches the store: per request, one connection with a time limit.

The server holds one read-only :class:`~dyad.store.Store` open for its whole life (DuckDB then
keeps the database in memory, and opening a further connection costs about 4 ms instead of 40);
each request opens its own, which a timer interrupts when the request's queries run too long.
Only ``--allow-ingest`` opens the file for writing, and only the upload route writes.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dyad.store import Store
from dyad.store.errors import DatabaseError

# Seconds the queries of one request may take before they are interrupted.
QUERY_SECONDS = 10.0
# Rows a page or an API list returns at most; a download (CSV, JSON Lines) at most DOWNLOAD_ROWS.
MAX_ROWS = 500
DOWNLOAD_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class ServeConfig:
    db: Path
    host: str = "127.0.0.1"
    port: int = 8765
    allow_ingest: bool = False
    token: str | None = None  # uploads need it (Authorization: Bearer TOKEN, or a form field)
    query_seconds: float = QUERY_SECONDS
    max_rows: int = MAX_ROWS
    download_rows: int = DOWNLOAD_ROWS
    max_upload_bytes: int = 10_000_000
    min_confidence: float = 0.0

    @property
    def uploads_enabled(self) -> bool:
        return self.allow_ingest and bool(self.token)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class QueryTimeout(DatabaseError):
    """The queries of one request took longer than the time limit."""


class StoreAccess:
    """Opens the store for the server's lifetime and hands out one connection per request."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._held = Store(config.db, read_only=not config.allow_ingest)
        self.write_lock = threading.Lock()  # one writer: uploads are stored one at a time

    def close(self) -> None:
        self._held.close()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store connection whose queries are interrupted after ``query_seconds``."""
        fired = threading.Event()

        with Store(self.config.db, read_only=not self.config.allow_ingest) as store:

            def interrupt() -> None:
                fired.set()
                store.interrupt()

            timer = threading.Timer(self.config.query_seconds, interrupt)
            timer.start()
            try:
                yield store
            except DatabaseError as error:
                if fired.is_set():
                    raise QueryTimeout(
                        f"the query took longer than {self.config.query_seconds:g} s "
                        "(narrow the filters)"
                    ) from error
                raise
            finally:
                timer.cancel()
