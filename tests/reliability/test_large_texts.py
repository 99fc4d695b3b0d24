"""Large inputs: texts over spaCy's ``max_length`` are parsed in chunks, run-on sentences are
cut, and offsets stay those of the article's cleaned text."""

from __future__ import annotations

import time

import pytest
import spacy

from dyad.clean.text import split_paragraphs
from dyad.nlp import components, language
from dyad.nlp.language import load_language, parse_texts, text_chunks
from dyad.pipeline import Pipeline
from dyad.records import Article, RawDocument, Skip

PARAGRAPH = (
    "Iraqi Prime Minister Mohammed Shia al-Sudani met Syrian President Ahmed al-Sharaa in "
    "Baghdad on Tuesday. The two leaders discussed border security and trade."
)
RUN_ON_CLAUSE = "Iraq condemned the strike on the border town, and Syria said talks would resume"


@pytest.fixture(scope="module")
def splitter():
    nlp = spacy.blank("en")
    nlp.add_pipe("dyad_sentences")
    return nlp


@pytest.fixture(scope="module")
def pipeline():
    # No skip when the model is missing: a missing shipped model must fail these tests.
    return Pipeline()


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        pytest.param("\n\n".join([PARAGRAPH] * 40), 500, id="paragraphs"),
        pytest.param(" ".join([PARAGRAPH] * 40), 500, id="one-paragraph"),
        pytest.param("x" * 2_345, 500, id="no-space-at-all"),
        pytest.param("word " * 300, 64, id="words-only"),
        pytest.param(PARAGRAPH, 10_000, id="short-text-whole"),
    ],
)
def test_chunks_join_back_to_the_text_within_the_limit(text, limit):
    pieces = text_chunks(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


def test_chunks_end_at_a_paragraph_break_when_there_is_one():
    text = "\n\n".join([PARAGRAPH] * 40)
    pieces = text_chunks(text, 1_000)
    assert len(pieces) > 1
    assert all(piece.endswith("\n") for piece in pieces[:-1])


def test_chunks_of_one_paragraph_end_after_a_sentence():
    pieces = text_chunks(" ".join([PARAGRAPH] * 40), 1_000)
    assert all(piece.rstrip().endswith(".") for piece in pieces)


def test_text_over_spacys_max_length_is_parsed_whole(splitter):
    """The original failure: spaCy's E088 error for any text over 1,000,000 characters."""
    text = "\n\n".join([PARAGRAPH] * 6_500)
    assert len(text) > splitter.max_length
    ((doc, context),) = parse_texts(splitter, [(text, "ctx")])
    assert context == "ctx"
    assert doc.text == text
    assert doc[-1].text == "."


def test_chunked_parse_codes_the_same_events(pipeline, monkeypatch):
    raw = RawDocument(content="\n\n".join([PARAGRAPH] * 6), format="text")
    whole = pipeline.process(raw)
    monkeypatch.setattr(language, "MAX_CHUNK_CHARS", 400)
    chunked = pipeline.process(raw)

    def summary(result):
        return [
            (e.event_type, e.source and e.source.text, e.target and e.target.text, e.char_start)
            for e in result.events
        ]

    assert summary(whole)  # the paragraph holds a meeting: something to compare
    assert summary(chunked) == summary(whole)
    assert chunked.sentences == whole.sentences


def test_run_codes_an_article_longer_than_max_length(pipeline, monkeypatch, tmp_path):
    """Through the batch path (``dyad code``/``ingest``), with spaCy's limit scaled down."""
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([PARAGRAPH] * 30), encoding="utf-8")
    (tmp_path / "next.txt").write_text(PARAGRAPH, encoding="utf-8")
    monkeypatch.setattr(pipeline.nlp, "max_length", 1_000)
    results = list(pipeline.run([tmp_path]))
    assert not [item for item in results if isinstance(item, Skip)]
    paths = [result.article.doc_path for result in results]
    assert paths == [str(path), str(tmp_path / "next.txt")]
    long = results[0]
    assert len(long.article.text) > 1_000
    assert len(long.sentences) == 60
    assert long.events
    assert all(
        long.article.text[event.char_start : event.char_end] == event.sentence
        for event in long.events
    )


def test_run_on_sentence_is_cut_at_clause_breaks(splitter):
    text = ", ".join([RUN_ON_CLAUSE] * 400) + "."
    assert len(text.split()) > 5_000
    sentences = list(splitter(text).sents)
    assert len(sentences) > 1
    assert max(len(sentence) for sentence in sentences) <= components.MAX_SENTENCE_TOKENS
    assert all(sentence[-1].text in {",", "."} for sentence in sentences)


def test_run_on_sentence_without_punctuation_is_cut_at_the_cap(splitter):
    doc = splitter("word " * 1_000)
    lengths = [len(sentence) for sentence in doc.sents]
    assert lengths[0] == components.MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(doc)


def test_ordinary_long_sentence_is_not_cut(splitter):
    sentence = " ".join(["Iraq and Syria"] * 40) + " met."
    assert len(list(splitter(sentence).sents)) == 1


def test_five_thousand_word_sentence_is_coded(pipeline):
    text = ", ".join([RUN_ON_CLAUSE] * 400) + "."
    result = pipeline.process(RawDocument(content=text, format="text"))
    assert isinstance(result.article, Article)
    assert result.events
    assert max(len(s.text.split()) for s in result.sentences) <= components.MAX_SENTENCE_TOKENS


def test_parse_of_an_article_keeps_offsets(monkeypatch):
    nlp = load_language()
    text = "\n\n".join([PARAGRAPH] * 5)
    monkeypatch.setattr(language, "MAX_CHUNK_CHARS", 300)
    doc = language.parse(nlp, Article(doc_id="d", text=text))
    assert doc.text == text
    assert [token.idx for token in doc] == [token.idx for token in nlp.make_doc(text)]


def test_hard_wrapped_megabyte_paragraph_splits_in_linear_time():
    """Joining each wrapped line onto its paragraph, and testing the whole paragraph's end,
    took 3 minutes for a million characters; the lines are now joined once."""
    line = "iraq and syria met in baghdad, officials said, and talks continued"
    text = "\n".join([line] * 15_000)
    assert len(text) > 1_000_000
    started = time.perf_counter()
    [paragraph] = split_paragraphs(text)
    assert time.perf_counter() - started < 5  # about 0.1 s; the old split took minutes
    assert paragraph == " ".join([line] * 15_000)


def test_batches_are_bounded_in_characters_and_texts_come_back_in_order(splitter, monkeypatch):
    """A batch of 16 long articles held over 1 GB in the parser: batches are capped by size."""
    texts = ["\n\n".join([PARAGRAPH] * n) for n in (1, 300, 2, 700, 1)]
    batches: list[int] = []
    pipe = splitter.pipe

    def recording_pipe(batch, **kwargs):
        if kwargs.get("as_tuples"):  # spaCy calls itself again with the bare texts
            batches.append(sum(len(text) for text, _ in batch))
        return pipe(batch, **kwargs)

    monkeypatch.setattr(splitter, "pipe", recording_pipe)
    parsed = list(parse_texts(splitter, [(text, i) for i, text in enumerate(texts)], batch_size=4))
    assert [(doc.text, i) for doc, i in parsed] == [(text, i) for i, text in enumerate(texts)]
    assert len(batches) > 1
    assert max(batches) <= language.MAX_BATCH_CHARS
    assert all(not doc.tensor.size for doc, _ in parsed)
