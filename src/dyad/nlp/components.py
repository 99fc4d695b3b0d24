"""dyad's own spaCy components, registered by name in one place."""

from __future__ import annotations

import csv
from importlib import resources

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Tokens that end a sentence when followed by a token that can start one.
SENTENCE_END = frozenset({".", "!", "?", "…"})
# Closing marks that belong to the sentence they follow (`... "terrorism knows no borders."`).
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})
# Longest sentence passed on whole: news sentences stay under ~80 tokens (VOA stories: 81 at
# most); the coder's work per sentence grows faster than its length, so run-ons are cut.
MAX_SENTENCE_TOKENS = 150
# Where an over-long sentence is preferably cut (after the token).
CLAUSE_BREAKS = frozenset({";", ",", ":", "–", "—"})
# Dashes that close a wire dateline ("QUETTA, Pakistan (AP) — ...").
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
# A dateline is a few words at the start of one of a story's first paragraphs (a title and a
# standfirst may come first).
DATELINE_MAX_TOKENS = 12
DATELINE_PARAGRAPHS = 3


@Language.component("dyad_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Split at paragraph breaks (any newline) and after sentence-final punctuation.

    Every token gets an explicit boundary decision, so the parser keeps these sentences.
    A newline token becomes a sentence of its own: the parser never saw whitespace tokens
    in training and would otherwise hang real words on it. A run-on "sentence" longer than
    ``MAX_SENTENCE_TOKENS`` is cut at a clause break, so no sentence costs unbounded time.
    The decisions are written in one pass: setting ``token.is_sent_start`` one token at a time
    rescans the whole doc on every call.
    """
    starts = _cap_sentence_length(doc, _split_datelines(doc, _sentence_starts(doc)))
    values = numpy.array([1 if start else -1 for start in starts], dtype="int64")
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


def _sentence_starts(doc: Doc) -> list[bool]:
    starts: list[bool] = []
    starts_sentence = True
    after_final_punct = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            starts.append(True)
            starts_sentence, after_final_punct = True, False
            continue
        if after_final_punct and token.text not in CLOSERS and token.text not in SENTENCE_END:
            starts_sentence = _can_start_sentence(token.text)
            after_final_punct = False
        starts.append(starts_sentence or token.i == 0)
        starts_sentence = False
        if token.text in SENTENCE_END:
            after_final_punct = True
    return starts


def _split_datelines(doc: Doc, starts: list[bool]) -> list[bool]:
    """End a wire dateline ("QUETTA, Pakistan (AP) —", "ANKARA, Feb 3 (AFP) -") as a sentence
    of its own: left in the lead sentence, the parser makes its place the subject of the lead's
    verb, or hangs the verb on it, and the story's first event is lost."""
    paragraphs = 0
    for i, token in enumerate(doc):
        if paragraphs == DATELINE_PARAGRAPHS:
            break
        if token.is_space or not (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)):
            continue
        paragraphs += 1
        dash = _dateline_end(doc, i)
        if dash is not None:
            starts[dash + 1] = True
    return starts


def _dateline_end(doc: Doc, first: int) -> int | None:
    """The index of the dash closing a dateline that opens at ``first``, if one does: a place in
    capitals ("BAGHDAD", "DEIR EZZOR") or any place with an agency in brackets ("Erbil
    (Kurdistan24)"), then only names, a date, commas and brackets up to the dash."""
    end = min(len(doc) - 1, first + DATELINE_MAX_TOKENS)
    dash = next((j for j in range(first + 1, end) if doc[j].text in DATELINE_DASHES), None)
    if dash is None or not _can_start_sentence(doc[dash + 1].text):
        return None
    words = doc[first:dash]
    if any(t.is_space or not (t.is_punct or t.is_digit or t.text[:1].isupper()) for t in words):
        return None
    capitals = doc[first].is_alpha and doc[first].is_upper and len(doc[first]) >= 3
    agency = any(t.text == "(" for t in words) and any(t.text == ")" for t in words)
    return dash if capitals or agency else None


def _cap_sentence_length(doc: Doc, starts: list[bool]) -> list[bool]:
    """Start a new sentence after the last clause break of an over-long one (or at the cap)."""
    sentence_start = 0
    for i in range(len(starts)):
        if starts[i]:
            sentence_start = i
        elif i - sentence_start >= MAX_SENTENCE_TOKENS:
            window = range(i - 1, sentence_start + MAX_SENTENCE_TOKENS // 2, -1)
            cut = next((j + 1 for j in window if doc[j].text in CLAUSE_BREAKS), i)
            starts[cut] = True
            sentence_start = cut
    return starts


def _can_start_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘(["


def _load_upos_map() -> dict[str, str]:
    path = resources.files("dyad") / "data" / "models" / "penn_to_upos.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {tag: upos for tag, upos in rows}


@Language.factory("dyad_upos")
def make_upos(nlp: Language, name: str) -> UposFromTag:
    return UposFromTag(_load_upos_map())


class UposFromTag:
    """Set ``token.pos_`` from the Penn Treebank tag the trained tagger predicts."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.pos_ = "SPACE" if token.is_space else self.mapping.get(token.tag_, "X")
        return doc
