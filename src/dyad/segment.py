"""Sentences with character offsets into the article's cleaned text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dyad.records import Sentence


def sentence_bounds(span: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its surrounding whitespace."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = span.end_char - (len(text) - len(text.rstrip()))
    return start, max(start, end)


def sentences_of(doc: Doc, doc_id: str) -> list[Sentence]:
    """The doc's sentences, skipping whitespace-only ones; ``index`` counts all doc sentences.

    Keeping the doc's own sentence numbering lets every stage use ``list(doc.sents)[index]``.
    """
    sentences = []
    for index, span in enumerate(doc.sents):
        start, end = sentence_bounds(span)
        if end > start:
            sentences.append(Sentence(doc_id, index, doc.text[start:end], start, end))
    return sentences
