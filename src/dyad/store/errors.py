"""Errors the store reports to its callers (the CLI prints their message, no traceback)."""


class StoreError(Exception):
    """The database cannot be opened, migrated or queried as asked."""


class DatabaseError(StoreError):
    """The database file itself is the problem: missing, locked, damaged, truncated, unwritable.

    The message is one line that starts with the file's path.
    """


class QueryError(StoreError):
    """A query value the store cannot use (a malformed date, a negative limit)."""


class UnknownActorError(QueryError):
    """An actor filter names no stored actor."""
