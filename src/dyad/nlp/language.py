"""Assemble dyad's spaCy pipeline.

No pretrained spaCy pipeline can be installed offline, so dyad ships its own compact
tagger + lemmatizer + dependency parser trained on UD English EWT (``training/train_parser.sh``).
Sentence boundaries are decided by rules before the parser runs (the parser respects preset
boundaries): news text puts one paragraph per line, and a punctuation sentencizer is more
predictable on news than a boundary model trained on web text.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad.nlp import components  # noqa: F401  (registers the dyad_* factories)
from dyad.records import Article

MODEL_DIR = "en_dyad_ewt"


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
    return nlp(article.text)
