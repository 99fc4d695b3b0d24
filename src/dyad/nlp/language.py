"""Assemble dyad's spaCy pipeline.

No pretrained spaCy pipeline can be installed offline, so dyad ships its own compact
tagger + lemmatizer + dependency parser trained on UD English EWT (``training/train_parser.sh``).
Sentence boundaries are decided by rules before the parser runs (the parser respects preset
boundaries): news text puts one paragraph per line, and a punctuation sentencizer is more
predictable on news than a boundary model trained on web text.

Long texts are parsed in chunks cut at paragraph (else sentence) boundaries and joined back
into one Doc whose text is exactly the input: spaCy refuses texts over ``nlp.max_length``
(1,000,000 characters) and the parser's memory grows with the length of the text it is given.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad.nlp import components  # noqa: F401  (registers the dyad_* factories)
from dyad.records import Article

MODEL_DIR = "en_dyad_ewt"
# Longest text handed to spaCy in one piece: a long news article, so chunking changes nothing
# for ordinary inputs, and a batch of such pieces keeps the parser's memory in bounds.
MAX_CHUNK_CHARS = 20_000
# A place to cut when a chunk holds no paragraph break: after a sentence end and its space.
SENTENCE_END_SPACE = re.compile(r"[.!?][\"')\]”’]*\s+")

Context = TypeVar("Context")


def model_path() -> Path:
    """Where the trained model lives inside the installed package."""
    return Path(str(resources.files("dyad") / "data" / "models" / MODEL_DIR))


@functools.lru_cache(maxsize=2)
def load_language(path: str | None = None) -> Language:
    """Load the trained pipeline (or the one at ``path``) with dyad's rule components added.

    Raises FileNotFoundError with a clear message if the weights are missing.
    """
    location = Path(path) if path else model_path()
    if not (location / "config.cfg").is_file():
        raise FileNotFoundError(
            f"{location}: trained parser not found; run `make train-parser` to build it"
        )
    nlp = spacy.load(location)
    nlp.add_pipe("dyad_sentences", before=nlp.pipe_names[0])
    nlp.add_pipe("dyad_upos", after="tagger")
    return nlp


def parse(nlp: Language, article: Article) -> Doc:
    """Parse the article's cleaned text; character offsets of the Doc equal Article offsets."""
    ((doc, _),) = parse_texts(nlp, [(article.text, None)])
    return doc


def parse_texts(
    nlp: Language,
    texts: Iterable[tuple[str, Context]],
    batch_size: int | None = None,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(texts, as_tuples=True)`` for texts of any length: each text's chunks are
    parsed in the stream and joined back into one Doc, yielded in input order."""
    limit = min(MAX_CHUNK_CHARS, nlp.max_length)
    chunks = (
        (chunk, (number == len(pieces) - 1, context))
        for text, context in texts
        for pieces in [text_chunks(text, limit)]
        for number, chunk in enumerate(pieces)
    )
    parts: list[Doc] = []
    for doc, (is_last, context) in nlp.pipe(
        chunks, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        parts.append(doc)
        if is_last:
            joined = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            parts = []
            yield joined, context


def text_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters that join back to exactly ``text``.

    A piece ends after a paragraph break where it can, else after a sentence end, else after a
    space; a run of ``limit`` characters without any space is cut where the limit falls.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    """Where the piece of ``text[start:end]`` should end."""
    newline = text.rfind("\n", start, end)
    if newline > start:
        return newline + 1
    sentence_ends = [match.end() for match in SENTENCE_END_SPACE.finditer(text, start, end)]
    if sentence_ends:
        return sentence_ends[-1]
    space = max(text.rfind(" ", start, end), text.rfind("\t", start, end))
    return space + 1 if space > start else end
