"""A token-level phrase table: thousands of names looked up in one dict probe per token.

Names are tokenized with spaCy's English tokenizer (the one every dyad pipeline uses), keyed
by their lower-cased tokens, and indexed by their first token, so a token that starts no name
costs a single dict lookup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import spacy
from spacy.tokenizer import Tokenizer

Payload = TypeVar("Payload")

# Intra-word hyphens in transliterated names: "al-Sharaa" is also written "al -Sharaa" by
# machine translation and "al Sharaa" by some outlets.
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
APOSTROPHES = ("'", "’")
# Letters, with hyphens or apostrophes inside ("al-Assad", "Ta'izz") and maybe a possessive
# ("People's", "Workers'"): spaCy splits these at each hyphen and before the possessive.
PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:['’]s|['’])?")
POSSESSIVE_SUFFIXES = ("'s", "’s")
HYPHEN_SPLIT = re.compile(r"(-)")
# An Arabic article and its hyphen at the start of a written name ("al - Shabab" as tokens).
LEADING_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|es) ?- ?")


@functools.lru_cache(maxsize=1)
def english_tokenizer() -> Tokenizer:
    return spacy.blank("en").tokenizer


@functools.lru_cache(maxsize=1)
def _special_words() -> frozenset[str]:
    """Letter-only words the tokenizer splits by exception ("cannot", "gonna")."""
    return frozenset(word for word in english_tokenizer().rules if word.isalpha())


def phrase_tokens(text: str) -> tuple[str, ...]:
    """The lower-cased tokens of `text`, as spaCy's English tokenizer splits it. Plain words
    are split on spaces directly: 30,000 names load in a fraction of the tokenizer's time."""
    words = text.split()
    if all(PLAIN_WORD.fullmatch(word) for word in words) \
            and not _special_words().intersection(words):
        return tuple(part.lower() for word in words for part in _plain_parts(word))
    return tuple(token.lower_ for token in english_tokenizer()(text))


def _plain_parts(word: str) -> list[str]:
    """spaCy's split of a plain word: at hyphens, before a final "'s" and a final "'"."""
    suffix = []
    if word[-2:] in POSSESSIVE_SUFFIXES:
        word, suffix = word[:-2], [word[-2:]]
    elif word[-1] in APOSTROPHES:
        word, suffix = word[:-1], [word[-1]]
    return [part for part in HYPHEN_SPLIT.split(word) if part] + suffix


def case_rule(text: str) -> str:
    """How a match must be written: acronyms exactly ("US" is not "us"), names capitalised."""
    if text.isupper() and sum(c.isalpha() for c in text) >= 2:
        return "exact"
    return "initial" if text[:1].isupper() else "any"


def spelling_variants(text: str) -> list[tuple[str, bool]]:
    """(variant, is_machine_translation_damage) pairs for a name, the name itself first."""
    variants = [(text, False)]
    if INNER_HYPHEN.search(text):
        variants.append((INNER_HYPHEN.sub(" -", text), True))
        variants.append((INNER_HYPHEN.sub(" ", text), False))
    for old, new in (APOSTROPHES, APOSTROPHES[::-1]):
        variants += [(v.replace(old, new), mt) for v, mt in variants if old in v]
    return variants


@dataclass(frozen=True, slots=True)
class Entry(Generic[Payload]):
    text: str  # the written form, for the case rule
    rule: str
    payload: Payload


class PhraseTable(Generic[Payload]):
    def __init__(self, phrases: Iterable[tuple[str, Payload]]) -> None:
        self._entries: dict[tuple[str, ...], list[Entry[Payload]]] = {}
        lengths: dict[str, set[int]] = {}
        for text, payload in phrases:
            tokens = phrase_tokens(text)
            if not tokens:
                continue
            self._entries.setdefault(tokens, []).append(Entry(text, case_rule(text), payload))
            lengths.setdefault(tokens[0], set()).add(len(tokens))
        self._lengths = {first: sorted(ls, reverse=True) for first, ls in lengths.items()}

    def longest_at(
        self, lower: Sequence[str], texts: Sequence[str], start: int
    ) -> tuple[int, list[Payload]] | None:
        """(end, payloads) of the longest phrase starting at token `start` whose case fits."""
        for length in self._lengths.get(lower[start], ()):
            end = start + length
            if end > len(lower):
                continue
            entries = self._entries.get(tuple(lower[start:end]))
            if not entries:
                continue
            written = " ".join(texts[start:end])
            fitting = [e.payload for e in entries if _fits(e, written)]
            if fitting:
                return end, fitting
        return None

    def all_matches(
        self, lower: Sequence[str], texts: Sequence[str]
    ) -> list[tuple[int, int, list[Payload]]]:
        """The longest match at every token where one starts (matches may overlap)."""
        found = []
        for start, token in enumerate(lower):
            if token in self._lengths:
                match = self.longest_at(lower, texts, start)
                if match:
                    found.append((start, match[0], match[1]))
        return found


def _fits(entry: Entry, written: str) -> bool:
    if entry.rule == "exact":
        return written.replace(" ", "") == entry.text.replace(" ", "")
    if entry.rule == "initial":
        # news writes the Arabic article in lower case inside a sentence: "al-Shabab"
        article = LEADING_ARTICLE.match(written)
        return (written[article.end():] if article else written)[:1].isupper()
    return True
