from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from dyad.actors import KnowledgeBase, find_mentions, load_knowledge_base
from dyad.records import Article, Mention


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    """Tokenizer and sentencizer only: recognition must not depend on a trained model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def mentions(blank_nlp: Language, kb: KnowledgeBase) -> Callable[..., list[Mention]]:
    """Mentions in `text`, for an article published on `published`."""

    def run(text: str, published: dt.date | None = dt.date(2025, 3, 15)) -> list[Mention]:
        article = Article(doc_id="test", text=text, published=published)
        return find_mentions(blank_nlp(text), article, kb)

    return run

