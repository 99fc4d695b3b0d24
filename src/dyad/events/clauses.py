"""Small helpers over the dependency parse shared by the event-attribute modules.

The parse comes from a compact parser that errs on about one core role in four or five news
sentences, so callers combine these tree walks with a left-context window that needs no parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ in {"VERB", "AUX"}


def has_parse(sentence: Span) -> bool:
    return sentence.doc.has_annotation("DEP")


def participles_of(noun: Token) -> list[Token]:
    """The past participles describing a noun ("the talks held in Cairo", "strikes carried out
    by X")."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` sits in (the token itself if it is a verb)."""
    current = token
    while not is_verb(current) and current.head.i != current.i:
        current = current.head
    return current


def control_chain(token: Token) -> Iterator[Token]:
    """``token`` and the verbs governing it through open complements ("failed to *meet*")."""
    current = token
    yield current
    while current.dep_ in {"xcomp", "aux", "cop"} and current.head.i != current.i:
        current = current.head
        yield current


def left_window(token: Token, sentence: Span, breaks: frozenset[str], size: int) -> list[Token]:
    """Up to ``size`` tokens left of ``token`` within its clause, nearest first.

    The window stops at punctuation or at a word in ``breaks`` ("that", "which", ...).
    """
    window: list[Token] = []
    for i in range(token.i - 1, max(sentence.start, token.i - size) - 1, -1):
        word = sentence.doc[i]
        if word.is_punct or word.lower_ in breaks:
            break
        window.append(word)
    return window


def span_of(sentence: Span, start: int, end: int) -> Span | None:
    """The tokens covering characters ``start:end`` of the sentence's own text."""
    offset = sentence.start_char
    return sentence.doc.char_span(offset + start, offset + end, alignment_mode="expand")
