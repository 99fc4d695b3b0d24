"""The DuckDB store: articles, sentences, actors, mentions, events and skipped inputs."""

from dyad.store.db import Store, latest_version, migrate, schema_version
from dyad.store.errors import DatabaseError, QueryError, StoreError, UnknownActorError

__all__ = [
    "DatabaseError",
    "QueryError",
    "Store",
    "StoreError",
    "UnknownActorError",
    "latest_version",
    "migrate",
    "schema_version",
]
