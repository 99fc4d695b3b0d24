"""Errors the store reports to its callers (the CLI prints their message, no traceback)."""


class StoreError(Exception):
    """The database cannot be opened, migrated or queried as asked."""


class UnknownActorError(StoreError):
    """An actor filter names no stored actor."""
