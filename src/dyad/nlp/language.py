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

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from dyad.nlp import components  # noqa: F401  (registers the dyad_* factories)
from dyad.records import Article

MODEL_DIR = "en_dyad_ewt"
# Longest text handed to spaCy in one piece: a long news article, so chunking changes nothing
# for ordinary inputs, and a batch of such pieces keeps the parser's memory in bounds.
MAX_CHUNK_CHARS = 10_000
# Characters parsed in one batch: the parser's working memory is about 3 KB per character of a
# batch, so 50,000 keep it near 150 MB (a batch of 16 long articles took over 1 GB).
MAX_BATCH_CHARS = 50_000
# Texts per batch when the caller does not say.
DEFAULT_BATCH_SIZE = 16
# A place to cut when a chunk holds no paragraph break: after a sentence end and its space.
SENTENCE_END_SPACE = re.compile(r"[.!?][\"')\]”’]*\s+")

# A hyphen after a capital's abbreviation dot, before a word ("U.S.-led").
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"

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
    _split_after_abbreviations(nlp)
    nlp.add_pipe("dyad_sentences", before=nlp.pipe_names[0])
    nlp.add_pipe("dyad_upos", after="tagger")
    return nlp


def _split_after_abbreviations(nlp: Language) -> None:
    """A hyphen after an abbreviation splits the token, as it does after a word: "U.S.-led" and
    "U.N.-organized" become "U.S." "-" "led" like "Iran-backed", so the actor is recognised."""
    infixes = [*nlp.Defaults.infixes, ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def parse(nlp: Language, article: Article) -> Doc:
    """Parse the article's cleaned text; character offsets of the Doc equal Article offsets."""
    ((doc, _),) = parse_texts(nlp, [(article.text, None)])
    return doc


def parse_texts(
    nlp: Language, texts: Iterable[tuple[str, Context]], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(texts, as_tuples=True)`` for texts of any length, in input order.

    Each text is parsed in chunks joined back into one Doc. Chunks go to the parser in batches
    of at most ``batch_size`` pieces and ``MAX_BATCH_CHARS`` characters: the parser's working
    memory grows with the characters in a batch (about 3 KB each), not with the number of docs.
    """
    limit = min(MAX_CHUNK_CHARS, nlp.max_length)
    chunks = (
        (chunk, (number == len(pieces) - 1, context))
        for text, context in texts
        for pieces in [text_chunks(text, limit)]
        for number, chunk in enumerate(pieces)
    )
    parts: list[Doc] = []
    for batch in _batches(chunks, batch_size):
        for doc, (is_last, context) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            # The tok2vec output the Doc keeps (96 floats a token) is never read again.
            doc.tensor = numpy.zeros((0,), dtype="float32")
            parts.append(doc)
            if is_last:
                joined, parts = _joined(parts), []
                yield joined, context


def _joined(parts: list[Doc]) -> Doc:
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def _batches(
    chunks: Iterable[tuple[str, Context]], batch_size: int
) -> Iterator[list[tuple[str, Context]]]:
    batch: list[tuple[str, Context]] = []
    chars = 0
    for chunk in chunks:
        if batch and (len(batch) == batch_size or chars + len(chunk[0]) > MAX_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(chunk)
        chars += len(chunk[0])
    if batch:
        yield batch


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
