"""The ordered pipeline: raw input -> article -> parse -> sentences -> mentions -> events.

``Pipeline`` holds the loaded resources (language model, knowledge base) explicitly, so there is
no hidden global state; ``run`` never dies on one bad input: it yields a ``Skip`` instead.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from spacy.tokens import Doc

from dyad.actors import find_mentions, load_knowledge_base
from dyad.clean import clean_document
from dyad.config import Settings
from dyad.errors import CODER_FAILED, InputError
from dyad.events import code_events
from dyad.events.fusion import mark_duplicates
from dyad.events.learned import HybridSettings, hybrid_events, load_hybrid_settings
from dyad.ingest import read_inputs
from dyad.nlp import load_language, parse, parse_texts
from dyad.records import Article, Event, Mention, RawDocument, Sentence, Skip
from dyad.segment import content_sentences, sentences_of
from dyad.workers import map_in_workers

if TYPE_CHECKING:
    from dyad.models.event_model import EventModel

# Articles parsed together by spaCy; larger batches gain little and delay the first result.
PARSE_BATCH_SIZE = 16
# Inputs sent to a worker process at once: enough to batch the parser and make the hand-over
# cheap next to the coding, few enough that both workers stay busy to the end of a batch.
WORKER_CHUNK_SIZE = 4


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """An article whose doc_id is already stored (or met earlier in the batch): not parsed."""

    article: Article


# What a batch run yields per input, in input order.
BatchItem = ArticleResult | Skip | KnownArticle
# What ``Pipeline.run(..., finish=f)`` yields for a coded article: ``f(ArticleResult)``.
Finished = TypeVar("Finished")


def as_coded(result: ArticleResult) -> ArticleResult:
    """The ``finish`` step that keeps the ``ArticleResult`` itself."""
    return result


class Pipeline:
    """Loads the language model and actor knowledge base once; codes many articles."""

    def __init__(
        self, settings: Settings | None = None, hybrid: HybridSettings | None = None,
        model: EventModel | None = None,
    ) -> None:
        """``hybrid`` overrides the hybrid coder's shipped thresholds (the ablation uses it);
        ``model`` replaces the shipped event model (cross-fitting reads with models trained
        without the text)."""
        self.settings = settings or Settings()
        self.nlp = load_language()
        self.kb = load_knowledge_base(tuple(Path(p) for p in self.settings.actor_files))
        self.hybrid = hybrid or load_hybrid_settings()
        self._model: EventModel | None = model

    @property
    def model(self) -> EventModel | None:
        """The learned event model (None with the rules coder), loaded on first use and kept
        for every article: the parent of a worker pool never codes, so never loads it."""
        if self._model is None and self.settings.coder == "hybrid":
            from dyad.models.event_model import EventModel  # onnxruntime only when used

            self._model = EventModel.load(threads=self.settings.threads)
        return self._model

    def process(self, raw: RawDocument) -> ArticleResult:
        """Code one document. Raises ``InputError`` when it has no usable text."""
        article = clean_document(raw)
        return self._code(article, parse(self.nlp, article), self.model)

    def _code(self, article: Article, doc: Doc, model: EventModel | None) -> ArticleResult:
        mentions = find_mentions(doc, article, self.kb)
        if model is None:
            coded = code_events(doc, article, mentions, self.kb)
        else:
            predictions = model.predict([s.text for s in content_sentences(doc)])
            coded = hybrid_events(doc, article, mentions, self.kb, predictions, self.hybrid)
        coded = mark_duplicates(coded)
        events = [event for event in coded if self._keeps(event)]
        return ArticleResult(
            article=article,
            sentences=tuple(sentences_of(doc, article.doc_id)),
            mentions=tuple(mentions),
            events=tuple(events),
        )

    def _keeps(self, event: Event) -> bool:
        return event.confidence >= self.settings.min_confidence and (
            self.settings.include_flagged or not event.flagged
        )

    def run(
        self,
        paths: Iterable[str | Path],
        is_stored: Callable[[str], bool] | None = None,
        finish: Callable[[ArticleResult], Finished] = as_coded,
    ) -> Iterator[Finished | Skip | KnownArticle]:
        """Process every input under ``paths``, in input order; bad inputs become ``Skip``s.

        With ``is_stored`` (a doc_id test, e.g. ``Store.has_article``), an article already
        stored, or met earlier in this batch, becomes a ``KnownArticle`` before any parsing.
        Each coded article is yielded as ``finish(result)``, by default the ``ArticleResult``.
        With ``jobs`` > 1 the articles are coded by one pool of that many worker processes for
        the whole batch, and ``finish`` (a module-level function) runs in the worker, so this
        process only receives its output (``dyad.store.rows.article_rows``: the rows the
        database inserts); the results, and their order, are the same for any ``jobs``.
        """
        prepared = self.prepared(paths, is_stored)
        if self.settings.jobs == 1:
            yield from self.code_batch(prepared, finish)
            return
        yield from map_in_workers(
            prepared, functools.partial(Pipeline.code_chunk, finish=finish), _worker_pipeline,
            (self.settings,), jobs=self.settings.jobs, chunk_size=WORKER_CHUNK_SIZE,
        )  # fmt: skip

    def prepared(
        self, paths: Iterable[str | Path], is_stored: Callable[[str], bool] | None
    ) -> Iterator[Article | Skip | KnownArticle]:
        """The inputs read and cleaned (cheap next to parsing), known articles marked."""
        seen: set[str] = set()
        for raw in read_inputs(paths, max_bytes=self.settings.max_bytes):
            item = raw if isinstance(raw, Skip) else self._clean(raw)
            if isinstance(item, Article) and is_stored is not None:
                known = item.doc_id in seen or is_stored(item.doc_id)
                seen.add(item.doc_id)
                yield KnownArticle(item) if known else item
            else:
                yield item

    def code_batch(
        self,
        items: Iterable[Article | BatchItem],
        finish: Callable[[ArticleResult], Finished] = as_coded,
    ) -> Iterator[Finished | Skip | KnownArticle]:
        """Parse and code the articles among ``items``, each yielded as ``finish(result)``; the
        other items pass through in order.

        All articles stream through one ``nlp.pipe`` call (long ones in chunks), which batches
        the parser.
        """
        model = self.model  # loaded before any article: a missing model is an error, not a skip
        # A skip or known article rides along as the context of an empty text.
        texts = ((item.text if isinstance(item, Article) else "", item) for item in items)
        for doc, item in parse_texts(self.nlp, texts, batch_size=PARSE_BATCH_SIZE):
            if isinstance(item, Article):
                yield self._code_or_skip(item, doc, model, finish)
            else:
                yield item

    def _code_or_skip(
        self,
        article: Article,
        doc: Doc,
        model: EventModel | None,
        finish: Callable[[ArticleResult], Finished],
    ) -> Finished | Skip:
        """A bug met on one article is recorded as its skip, so the batch goes on."""
        try:
            return finish(self._code(article, doc, model))
        except Exception as error:  # any bug: the article is reported, never silently lost
            name = article.doc_path or article.doc_ref or article.doc_id
            problem = f"{type(error).__name__}: {error}".replace("\n", " ")
            return Skip(name, CODER_FAILED,
                        f"{name}: dyad failed to code this article ({problem}); please report it")

    def code_chunk(
        self,
        items: list[Article | BatchItem],
        finish: Callable[[ArticleResult], Finished] = as_coded,
    ) -> list[Finished | Skip | KnownArticle]:
        """``code_batch`` as one task of a worker process."""
        return list(self.code_batch(items, finish))

    @staticmethod
    def _clean(raw: RawDocument) -> Article | Skip:
        try:
            return clean_document(raw)
        except InputError as error:
            return error.skip(_input_name(raw))

    def code_text(self, text: str, published: str | None = None) -> list[Event]:
        """Code a bare text (a sentence or article body); used by evaluation."""
        return list(self.process(RawDocument(content=text, format="text", date=published)).events)


def _worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of one worker process: it codes in-process, its model on one thread (the
    workers already use every core)."""
    return Pipeline(dataclasses.replace(settings, jobs=1, threads=1))


def _input_name(raw: RawDocument) -> str:
    return raw.doc_path or raw.doc_ref or "<input>"
