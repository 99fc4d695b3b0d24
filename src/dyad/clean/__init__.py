"""Clean: RawDocument in, :class:`~dyad.records.Article` out (see :mod:`dyad.clean.document`)."""

from dyad.clean.document import clean_document

__all__ = ["clean_document"]
