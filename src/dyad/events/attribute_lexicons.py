"""Loading the TOML lexicons behind the event attributes (dates, modality, attribution, ...).

Each file is read once (cached) and checked on load; a problem raises the coder's
:class:`~dyad.events.lexicon.LexiconError` naming ``file:line: problem`` so a user editing a
lexicon sees where it went wrong.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dyad.events.lexicon import LexiconError

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"


@dataclass(frozen=True, slots=True)
class LexiconFile:
    """A parsed TOML lexicon with typed, validating accessors."""

    path: Path
    text: str
    data: dict[str, Any]

    def error(self, key: str, problem: str) -> LexiconError:
        return LexiconError(f"{self.path.name}:{self._line_of(key)}: {key}: {problem}")

    def _line_of(self, key: str) -> int:
        last = key.rsplit(".", 1)[-1]
        for number, line in enumerate(self.text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith((f"{last} ", f"{last}=", f'"{last}"', f"[{key}]")):
                return number
        return 1

    def table(self, key: str) -> dict[str, Any]:
        value: Any = self.data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise self.error(key, "missing table")
            value = value[part]
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """A non-empty list of non-empty strings at dotted ``key``."""
        table_key, _, name = key.rpartition(".")
        table = self.table(table_key) if table_key else self.data
        value = table.get(name)
        if not isinstance(value, list) or not value:
            raise self.error(key, "expected a non-empty list of strings")
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise self.error(key, "every item must be a non-empty string")
        return tuple(value)

    def integers(self, key: str) -> dict[str, int]:
        """A table of ``name = integer`` at dotted ``key``."""
        table = self.table(key)
        for name, value in table.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.error(f"{key}.{name}", "expected an integer")
        return dict(table)


@cache
def load_lexicon(name: str) -> LexiconFile:
    """The lexicon ``name`` (e.g. ``"dates.toml"``) from ``dyad/data/lexicons``."""
    path = LEXICON_DIR / name
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{path.name}: {error}") from error
    return LexiconFile(path=path, text=text, data=data)


def word_forms(words: tuple[str, ...]) -> frozenset[str]:
    """``words`` with their regular inflections, so a cue fires when the lemmatizer errs.

    Over-generated forms ("sees" from "see" is right, "needed" too) are harmless: they only
    match real words.
    """
    forms: set[str] = set()
    for word in words:
        forms.update({word, f"{word}s", f"{word}es", f"{word}ed", f"{word}d", f"{word}ing"})
        if word.endswith("e"):
            forms.add(f"{word[:-1]}ing")
        if word.endswith("y"):
            forms.update({f"{word[:-1]}ies", f"{word[:-1]}ied"})
        if len(word) > 2 and word[-1] not in "aeiouwy" and word[-2] in "aeiou":
            forms.update({f"{word}{word[-1]}ed", f"{word}{word[-1]}ing"})  # plan -> planned
    return frozenset(forms)


@cache
def speech_verbs() -> frozenset[str]:
    """The forms of the verbs of saying (``attribution.toml``): read by attribution, and by
    trigger finding, which attribution itself imports."""
    return word_forms(load_lexicon("attribution.toml").strings("speech_verbs"))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first ("Sept" before "Sep"), any spacing."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)
