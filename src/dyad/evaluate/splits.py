"""Held-out splits of the reference data, fixed once: one rule decides for training and scoring.

A conflibert_cameo or plover_gsr sentence is held out when the SHA-256 of ``"dyad-split:"`` plus its
normalized text falls in the lowest quarter of the hash range. Normalizing keeps only lower-cased
letters and digits, so the same sentence in the class file and in the NER file (tokenized, with
other quote marks) lands on the same side. VOA gold stories use their own fixed file,
``data/gold/voa_split.tsv`` (read by ``dyad.evaluate.voa.load_split``): only ``dev`` stories may
be trained on.
"""

from __future__ import annotations

import hashlib
import unicodedata

SPLIT_SALT = "dyad-split:"
HELD_OUT_FRACTION = 0.25
HASH_RANGE = 2**64  # values of ``stable_hash``


def normalized_text(text: str) -> str:
    """Lower-cased letters and digits only: tokenization, spacing and quote marks do not count.

    Modifier letters are left out too: conflibert writes an apostrophe as ``ʼ`` (U+02BC, a
    "letter") in one file and ``'`` in the other.
    """
    return "".join(char for char in text.lower() if char.isalnum() and _not_modifier(char))


def _not_modifier(char: str) -> bool:
    return unicodedata.category(char) != "Lm"


def is_held_out(text: str) -> bool:
    """True when a reference-data sentence belongs to the held-out (never trained on) part."""
    return stable_hash(SPLIT_SALT, normalized_text(text)) < HELD_OUT_FRACTION * HASH_RANGE


def stable_hash(salt: str, text: str) -> int:
    """The first 64 bits of the SHA-256 of ``salt + text`` (0 .. HASH_RANGE - 1): an even spread
    that picks a fixed share of items, the same on every run and machine."""
    digest = hashlib.sha256((salt + text).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
