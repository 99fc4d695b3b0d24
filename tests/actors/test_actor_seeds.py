"""The user's two seed articles: every naming of al-Sharaa is the same actor."""

from __future__ import annotations

import re
from pathlib import Path

from dyad.actors import find_mentions
from dyad.records import Article

# Every way the seeds write al-Sharaa's name; "Sharia" there is machine-translation damage.
SHARAA_NAMES = re.compile(r"Sharaa|Shara\b|Sharia")


def test_every_mention_of_al_sharaa_resolves_to_one_id(seed_paths: list[Path], blank_nlp, kb):
    for path in seed_paths:
        raw = path.read_text(encoding="utf-8")
        for text in (raw, raw.replace(" -", "-")):  # as given, and as the clean stage repairs it
            article = Article(doc_id=path.name, text=text)
            found = find_mentions(blank_nlp(text), article, kb)
            for hit in SHARAA_NAMES.finditer(text):
                covering = [m for m in found if m.char_start <= hit.start() < m.char_end]
                assert [m.actor.id for m in covering if m.actor] == ["person.ahmed-al-sharaa"], (
                    f"{path.name}: {text[hit.start() - 30:hit.end() + 10]!r}")
