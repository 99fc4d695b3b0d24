"""Stable article ids: the same article gets the same id whichever file it came from."""

from __future__ import annotations

import hashlib

from dyad.clean.text import collapse_whitespace

DOC_ID_HEX_CHARS = 16  # 64 bits: no collision expected below billions of articles


def doc_id_for(text: str) -> str:
    """First hex digits of the SHA-256 of the casefolded, whitespace-collapsed cleaned text."""
    normalized = collapse_whitespace(text).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:DOC_ID_HEX_CHARS]
