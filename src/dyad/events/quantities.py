"""Counts of people killed, injured and arrested that a sentence reports.

Read from the sentence text with patterns built from ``data/lexicons/quantities.toml``:
a cue before the number ("killed 13", "massacre of at least 1,383 civilians") or after it
("13 people were killed"). Hedged counts keep their number ("at least 1,383" gives 1383, a
lower bound); vague counts ("dozens", "hundreds") give null, as the contract wants unknowns.
The first count found for each category wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from dyad.events.attribute_lexicons import alternation, load_lexicon
from dyad.records import Quantities

CATEGORIES = ("killed", "injured", "arrested")
DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class QuantityCues:
    words: dict[str, int]
    multipliers: dict[str, int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (category, pattern) in search order


@lru_cache(maxsize=1)
def quantity_cues() -> QuantityCues:
    lexicon = load_lexicon("quantities.toml")
    words = lexicon.integers("numbers.words")
    multipliers = lexicon.integers("numbers.multipliers")
    filler_max = lexicon.table("numbers").get("filler_max")
    if not isinstance(filler_max, int) or filler_max < 0:
        raise lexicon.error("numbers.filler_max", "expected a non-negative integer")
    hedge = rf"(?:(?:{alternation(lexicon.strings('numbers.hedges'))})\s+)?"
    number = (
        rf"(?P<number>(?:{DIGITS})(?:\s+(?:{alternation(multipliers)}))?"
        rf"|{alternation(words)}|(?P<vague>{alternation(lexicon.strings('numbers.vague'))}))"
    )
    count = rf"{hedge}{number}"
    # filler words never cross a conjunction: "killed 7 people and injured 20"
    filler = rf"(?:\s+(?!(?:and|or|but|while|as)\b)[A-Za-z][\w'’-]*){{0,{filler_max}}}?"
    patterns = []
    for category in CATEGORIES:
        before = alternation(lexicon.strings(f"{category}.before"))
        after = alternation(lexicon.strings(f"{category}.after"))
        # "killed 13", "the massacre of at least 1,383 civilians"
        patterns.append((category, re.compile(rf"(?i)\b(?:{before})\s+(?:the\s+)?{count}\b")))
        # "13 Syrian workers were detained"
        patterns.append((category, re.compile(rf"(?i)\b{count}{filler}\s+(?:{after})\b")))
    return QuantityCues(words=words, multipliers=multipliers, patterns=tuple(patterns))


def find_quantities(sentence: Span) -> Quantities:
    """The killed / injured / arrested counts the sentence gives (None where it gives none)."""
    cues = quantity_cues()
    text = sentence.text
    found: dict[str, tuple[int, int | None]] = {}  # category -> (position, count)
    for category, pattern in cues.patterns:
        for match in pattern.finditer(text):
            position = match.start("number")
            if category not in found or position < found[category][0]:
                value = None if match["vague"] else _value(match["number"], cues)
                found[category] = (position, value)
            break
    return Quantities(**{category: count for category, (_, count) in found.items()})


def _value(number: str, cues: QuantityCues) -> int | None:
    words = number.lower().split()
    if words[0] in cues.words or " ".join(words) in cues.words:
        return cues.words.get(" ".join(words), cues.words.get(words[0]))
    value = float(words[0].replace(",", ""))
    for word in words[1:]:
        value *= cues.multipliers.get(word, 1)
    return int(value)
