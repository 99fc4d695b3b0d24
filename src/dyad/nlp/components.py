"""dyad's own spaCy components, registered by name in one place."""

from __future__ import annotations

import csv
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

# Tokens that end a sentence when followed by a token that can start one.
SENTENCE_END = frozenset({".", "!", "?", "…"})
# Closing marks that belong to the sentence they follow (`... "terrorism knows no borders."`).
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})


@Language.component("dyad_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Split at paragraph breaks (any newline) and after sentence-final punctuation.

    Every token gets an explicit boundary decision, so the parser keeps these sentences.
    A newline token becomes a sentence of its own: the parser never saw whitespace tokens
    in training and would otherwise hang real words on it.
    """
    starts_sentence = True
    after_final_punct = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
            starts_sentence, after_final_punct = True, False
            continue
        if after_final_punct and token.text not in CLOSERS and token.text not in SENTENCE_END:
            starts_sentence = _can_start_sentence(token.text)
            after_final_punct = False
        token.is_sent_start = starts_sentence or token.i == 0
        starts_sentence = False
        if token.text in SENTENCE_END:
            after_final_punct = True
    return doc


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
