"""Sentences with character offsets into the article's cleaned text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dyad.records import Sentence


def content_sentences(doc: Doc) -> list[Span]:
    """The doc's sentences that hold words; paragraph breaks are whitespace-only sentences.

    Every stage numbers sentences by their position in this list (``Sentence.index``).
    """
    return [span for span in doc.sents if not all(token.is_space for token in span)]


def sentence_bounds(span: Span) -> tuple[int, int]:
    """Character bounds of a sentence without its surrounding whitespace."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = span.end_char - (len(text) - len(text.rstrip()))
    return start, max(start, end)


def sentences_of(doc: Doc, doc_id: str) -> list[Sentence]:
    """The doc's sentences as records, numbered like ``content_sentences``."""
    text = doc.text  # built anew from the tokens on every access: once per doc, not per sentence
    sentences = []
    for index, span in enumerate(content_sentences(doc)):
        start, end = sentence_bounds(span)
        sentences.append(Sentence(doc_id, index, text[start:end], start, end))
    return sentences
