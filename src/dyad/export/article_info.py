"""What the field's layouts need to know of an event's article: its date, URL and outlet.

Event records carry the sentence, not the article; the POLECAT-like and GDELT-like layouts also
name the publication date, the URL and when the article was stored. The store gives them per
``doc_id`` (``Store.article_info``), so an export reads each article's row once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    doc_id: str
    published: dt.date | None = None
    url: str | None = None  # the article's URL (from the input), else None
    doc_path: str | None = None
    source: str | None = None  # the outlet
    title: str | None = None
    ingested_at: dt.datetime | None = None  # when the store received it (UTC)

    @property
    def location(self) -> str | None:
        """Where the article can be found: its URL, else the input path."""
        return self.url or self.doc_path


def article_info(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, ArticleInfo]:
    """The stored rows of the articles ``doc_ids`` (a read function for ``Store.run``)."""
    rows = con.execute(
        "SELECT doc_id, published, url, doc_path, source, title, ingested_at FROM articles "
        "WHERE list_contains(?, doc_id)",
        [doc_ids],
    ).fetchall()
    return {row[0]: ArticleInfo(*row) for row in rows}
