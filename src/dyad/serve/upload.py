"""Uploading an article to ingest: the one write the server does, only with --allow-ingest and
its token.

The upload goes through the same code as ``dyad ingest``: it is written to a temporary file
named by the server (the client's file name gives only its suffix, from a fixed list), read by
the same readers, coded by the same pipeline, and a bad input becomes a recorded skip.
"""

from __future__ import annotations

import hmac
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dyad.ingest import FORMAT_BY_SUFFIX
from dyad.records import Skip

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline
    from dyad.serve.access import StoreAccess


class UploadRefused(PermissionError):
    """Uploads are off, or the request lacks the right token."""


@dataclass
class UploadResult:
    stored: list[str] = field(default_factory=list)  # doc_ids
    duplicates: list[str] = field(default_factory=list)
    events: int = 0
    skips: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "events": self.events,
            "skips": self.skips,
        }


def check_token(expected: str | None, given: str | None, allowed: bool) -> None:
    if not allowed:
        raise UploadRefused("uploads are off: start the server with --allow-ingest and a token")
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise UploadRefused("a valid upload token is needed (Authorization: Bearer TOKEN)")


def upload_suffix(filename: str | None) -> str:
    """The suffix the upload is read as: the client's file name's, if dyad reads that format."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    return suffix if suffix in FORMAT_BY_SUFFIX else ".txt"


class Uploads:
    """Codes and stores uploaded articles, one at a time; the pipeline loads on first use."""

    def __init__(self, access: StoreAccess, make_pipeline: Callable[[], Pipeline]) -> None:
        self.access = access
        self._make_pipeline = make_pipeline
        self._pipeline: Pipeline | None = None

    def ingest(self, body: bytes, filename: str | None) -> UploadResult:
        from dyad.pipeline import KnownArticle

        result = UploadResult()
        with self.access.write_lock, tempfile.TemporaryDirectory(prefix="dyad-upload-") as tmp:
            path = Path(tmp) / f"upload{upload_suffix(filename)}"
            path.write_bytes(body)
            if self._pipeline is None:
                self._pipeline = self._make_pipeline()
            # Coded before the store is opened: the store's time limit is for its queries.
            items = list(self._pipeline.run([str(path)]))
            with self.access.store() as store:
                for item in items:
                    if isinstance(item, Skip):
                        store.record_skip(item)
                        result.skips.append({"reason": item.reason, "detail": item.detail})
                    elif not isinstance(item, KnownArticle) and store.write(item):
                        result.stored.append(item.article.doc_id)
                        result.events += len(item.events)
                    else:
                        result.duplicates.append(item.article.doc_id)
        return result
