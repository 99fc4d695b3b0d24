"""Input errors with stable reason codes.

A bad input never stops a batch: ingest yields a :class:`~dyad.records.Skip` for it and cleaning
raises :class:`InputError`, which the pipeline turns into a ``Skip`` with :meth:`InputError.skip`.
The reason codes below are stable: they are stored with skipped inputs and may be filtered on.
"""

from __future__ import annotations

from dyad.records import Skip

EMPTY = "empty"
BINARY = "binary"
NOT_UTF8 = "not_utf8"
TOO_LARGE = "too_large"
BAD_JSON = "bad_json"
MISSING_TEXT = "missing_text"
NOT_FOUND = "not_found"
UNREADABLE = "unreadable"  # exists but cannot be read: permission denied, I/O error
UNSUPPORTED = "unsupported_format"
TRUNCATED = "truncated_html"
NO_TEXT = "no_text_after_cleaning"
# dyad itself failed on this article (a bug): recorded so the batch goes on, and reported
CODER_FAILED = "coder_failed"

REASONS = frozenset(
    {
        EMPTY,
        BINARY,
        NOT_UTF8,
        TOO_LARGE,
        BAD_JSON,
        MISSING_TEXT,
        NOT_FOUND,
        UNREADABLE,
        UNSUPPORTED,
        TRUNCATED,
        NO_TEXT,
        CODER_FAILED,
    }
)


class InputError(Exception):
    """An input that cannot be turned into an article; ``reason`` is one of the codes above."""

    def __init__(self, reason: str, detail: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown input error reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail

    def skip(self, input_name: str) -> Skip:
        """The record of this input being skipped, e.g. for the store's skip table."""
        return Skip(input=input_name, reason=self.reason, detail=self.detail)
