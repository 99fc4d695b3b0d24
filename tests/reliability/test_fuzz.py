"""Property-based fuzzing of ingest -> clean -> segment -> code.

The property: any input file (random bytes, Unicode, JSON, JSON Lines, HTML, news-like prose,
a file name that is not UTF-8) gives coded articles or recorded skips, never an exception; every
skip names its input in one line with a known reason; every event's offsets index the article's
text and its contract record is valid UTF-8 JSON.

CI runs a small fixed budget, derandomized so every run tries the same inputs. For a long run:

    DYAD_FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/reliability/test_fuzz.py
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.errors import CODER_FAILED, REASONS
from dyad.export.contract import event_record
from dyad.export.writers import json_line
from dyad.ingest.paths import display_name
from dyad.pipeline import ArticleResult, Pipeline
from dyad.records import Skip

EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,  # no .hypothesis folder in the working tree
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Words that make the coder work: actors, event verbs, dates, places, attribution, modality.
NEWS_WORDS = (
    "Iraq", "Syria", "Turkey", "Iran", "the SDF", "Baghdad", "Damascus", "al-Sharaa",
    "Prime Minister Mohammed Shia al-Sudani", "the United Nations", "militants", "police",
    "met", "visited", "attacked", "condemned", "signed", "agreed", "killed", "arrested",
    "said", "according to", "will", "did not", "may", "on Friday", "in late December 2024",
    "3 weeks after the fall of the Assad regime", "yesterday", "in 9999", "on 0001-01-01",
    "in", "at", "near", "of", "and", "the", "a", ",", ".", ";", "?", '"', "(", ")", "\n",
    "\n\n", "  ", "\t", "Published: 22 Feb 2025", "By Jane Doe | 22 February 2025", "€", "ü",
    "النص", "Iraq\u2019s", "Iraqâ€™s", "\u200b", "\ufeff",
)  # fmt: skip
prose = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=8)), max_size=120).map(
    " ".join
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars | prose,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)
RECORD_FIELDS = ("text", "title", "url", "date", "source", "id")
records = st.dictionaries(
    st.sampled_from(RECORD_FIELDS), st.one_of(prose, json_values), max_size=len(RECORD_FIELDS)
)
jsonl_lines = st.lists(
    st.one_of(
        records.map(lambda record: json.dumps(record).encode()),
        # raw UTF-8, and lone surrogates written as bytes the decoder must refuse
        records.map(
            lambda record: json.dumps(record, ensure_ascii=False).encode(errors="surrogatepass")
        ),
        json_values.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=60),
    ),
    max_size=6,
).map(b"\n".join)

TAGS = ("p", "div", "h1", "title", "script", "style", "a", "span", "article", "nav", "table")
MAX_HTML_DEPTH = 4


@st.composite
def html_pages(draw) -> bytes:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        nested = draw(st.lists(st.booleans(), max_size=3)) if depth < MAX_HTML_DEPTH else []
        inner = "".join(element(depth + 1) if child else draw(prose) for child in nested)
        return f"<{tag}>{inner}</{tag}>"

    page = f"<html><head><meta charset='utf-8'></head><body>{element(0)}</body></html>"
    if draw(st.booleans()):  # a truncated download
        page = page[: draw(st.integers(min_value=0, max_value=len(page)))]
    return page.encode()


def is_file_name(name: bytes) -> bool:
    return b"/" not in name and b"\x00" not in name and name not in {b".", b".."}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def check_property(pipeline: Pipeline, name: bytes, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
        path.write_bytes(data)
        results = list(pipeline.run([path]))
        assert results, "every input gives an article or a skip"
        for item in results:
            assert isinstance(item, ArticleResult | Skip)
            if isinstance(item, Skip):
                check_skip(item, display_name(path))
            else:
                check_article(item)


def check_skip(skip: Skip, input_name: str) -> None:
    assert skip.reason in REASONS
    assert skip.reason != CODER_FAILED, skip.detail  # a bug caught for the batch's sake
    assert skip.input.startswith(input_name)
    assert "\n" not in skip.detail and skip.input in skip.detail
    json.dumps([skip.input, skip.detail], ensure_ascii=False).encode("utf-8")


def check_article(result: ArticleResult) -> None:
    text = result.article.text
    for sentence in result.sentences:
        assert text[sentence.char_start : sentence.char_end] == sentence.text
    for event in result.events:
        assert text[event.char_start : event.char_end] == event.sentence
        json_line(event_record(event)).encode("utf-8")


@FUZZ
@given(data=st.binary(max_size=3_000), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_random_bytes(pipeline, data, suffix):
    check_property(pipeline, b"input" + suffix.encode(), data)


@FUZZ
@given(
    text=st.one_of(st.text(max_size=2_000), prose),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]),
)
def test_random_unicode_and_prose(pipeline, text, encoding):
    check_property(pipeline, b"story.txt", text.encode(encoding, "replace"))


@FUZZ
@given(data=jsonl_lines)
def test_random_json_lines(pipeline, data):
    check_property(pipeline, b"feed.jsonl", data)


@FUZZ
@given(page=html_pages())
def test_random_html(pipeline, page):
    check_property(pipeline, b"page.html", page)


@FUZZ
@given(
    name=st.binary(min_size=1, max_size=12).filter(is_file_name),
    suffix=st.sampled_from([b".txt", b".jsonl", b".pdf", b""]),
    text=prose,
)
def test_random_file_names(pipeline, name, suffix, text):
    check_property(pipeline, name + suffix, text.encode())


@FUZZ
@given(data=st.one_of(st.binary(max_size=2_000), jsonl_lines, prose.map(str.encode)))
def test_random_standard_input(pipeline, data):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        results = list(pipeline.run(["-"]))
    assert results
    for item in results:
        if isinstance(item, Skip):
            check_skip(item, "")
        else:
            check_article(item)
