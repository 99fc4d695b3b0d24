"""The ordered pipeline: raw input -> article -> parse -> sentences -> mentions -> events.

``Pipeline`` holds the loaded resources (language model, knowledge base) explicitly, so there is
no hidden global state; ``run`` never dies on one bad input: it yields a ``Skip`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from dyad.actors import find_mentions, load_knowledge_base
from dyad.clean import clean_document
from dyad.config import Settings
from dyad.errors import InputError
from dyad.events import code_events
from dyad.events.fusion import mark_duplicates
from dyad.ingest import read_inputs
from dyad.nlp import load_language, parse, parse_texts
from dyad.records import Article, Event, Mention, RawDocument, Sentence, Skip
from dyad.segment import sentences_of

# Articles parsed together by spaCy; larger batches gain little and delay the first result.
PARSE_BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


class Pipeline:
    """Loads the language model and actor knowledge base once; codes many articles."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_language()
        self.kb = load_knowledge_base(tuple(Path(p) for p in self.settings.actor_files))

    def process(self, raw: RawDocument) -> ArticleResult:
        """Code one document. Raises ``InputError`` when it has no usable text."""
        article = clean_document(raw)
        return self._code(article, parse(self.nlp, article))

    def _code(self, article: Article, doc: Doc) -> ArticleResult:
        mentions = find_mentions(doc, article, self.kb)
        coded = mark_duplicates(code_events(doc, article, mentions, self.kb))
        events = [event for event in coded if self._keeps(event)]
        return ArticleResult(
            article=article,
            sentences=tuple(sentences_of(doc, article.doc_id)),
            mentions=tuple(mentions),
            events=tuple(events),
        )

    def _keeps(self, event: Event) -> bool:
        flagged = event.negated or event.hypothetical or event.historical
        return event.confidence >= self.settings.min_confidence and (
            self.settings.include_flagged or not flagged
        )

    def run(self, paths: Iterable[str | Path]) -> Iterator[ArticleResult | Skip]:
        """Process every input under ``paths``, in input order; bad inputs become ``Skip``s.

        All articles stream through one ``nlp.pipe`` call (long ones in chunks), which batches
        the parser and, with ``jobs`` > 1, spreads parsing over that many processes.
        """
        cleaned = (
            item if isinstance(item, Skip) else self._clean(item)
            for item in read_inputs(paths, max_bytes=self.settings.max_bytes)
        )
        # A skip rides along as the context of an empty text so input order is kept.
        texts = ((item.text if isinstance(item, Article) else "", item) for item in cleaned)
        parsed = parse_texts(
            self.nlp, texts, batch_size=PARSE_BATCH_SIZE, n_process=self.settings.jobs
        )
        for doc, item in parsed:
            yield item if isinstance(item, Skip) else self._code(item, doc)

    @staticmethod
    def _clean(raw: RawDocument) -> Article | Skip:
        try:
            return clean_document(raw)
        except InputError as error:
            return error.skip(_input_name(raw))

    def code_text(self, text: str, published: str | None = None) -> list[Event]:
        """Code a bare text (a sentence or article body); used by evaluation."""
        return list(self.process(RawDocument(content=text, format="text", date=published)).events)


def _input_name(raw: RawDocument) -> str:
    return raw.doc_path or raw.doc_ref or "<input>"
