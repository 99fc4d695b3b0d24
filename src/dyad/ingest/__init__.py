"""Ingest: paths in, :class:`~dyad.records.RawDocument` or :class:`~dyad.records.Skip` out."""

from dyad.ingest.files import DEFAULT_MAX_BYTES, FORMAT_BY_SUFFIX, expand_folders, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "FORMAT_BY_SUFFIX", "expand_folders", "read_inputs"]
