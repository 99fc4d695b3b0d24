"""clean_document: metadata precedence, titles, sources, stable ids, empty results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad import errors
from dyad.clean import clean_document
from dyad.errors import InputError
from dyad.ingest import read_inputs
from dyad.records import Article, RawDocument

BATCH = Path(__file__).parents[1] / "fixtures" / "inputs" / "batch"
STORY = (
    "Iraq and Turkey signed a water-sharing memorandum in Ankara on Wednesday.\n"
    "The two governments will set up a joint committee on the Tigris and Euphrates."
)


def clean_text(content: str, **metadata: str) -> Article:
    return clean_document(RawDocument(content=content, format="text", **metadata))


def test_same_article_from_different_files_shares_a_doc_id():
    paths = [BATCH / "01_trebil_crossing.txt", BATCH / "09_duplicate_of_01.text"]
    first, second = (clean_document(raw) for raw in read_inputs(paths))
    assert first.doc_id == second.doc_id
    assert first.doc_path != second.doc_path


def test_jsonl_record_with_the_same_text_shares_the_doc_id(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": "a1", "text": "' + STORY.replace("\n", "\\n") + '"}\n', "utf-8")
    [raw] = read_inputs([path])
    assert clean_document(raw).doc_id == clean_text(STORY).doc_id


def test_different_articles_have_different_doc_ids():
    other = STORY.replace("Wednesday", "Thursday")
    assert clean_text(STORY).doc_id != clean_text(other).doc_id


def test_doc_id_is_16_hex_digits():
    doc_id = clean_text(STORY).doc_id
    assert len(doc_id) == 16
    assert int(doc_id, 16) >= 0


def test_plain_text_article_metadata():
    article = clean_document(next(iter(read_inputs([BATCH / "01_trebil_crossing.txt"]))))
    assert article.title == "Jordan and Iraq agree to reopen the Trebil crossing"
    assert article.published == dt.date(2025, 3, 14)
    assert article.source == "Petra"  # from the dateline "AMMAN (Petra) —"
    assert article.text.startswith("Jordan and Iraq agree to reopen the Trebil crossing\n\nAMMAN")
    assert "Share this article" not in article.text


def test_jsonl_metadata_is_trusted_and_its_title_not_inserted():
    article = clean_text(
        "Published: 01/01/2024\n" + STORY,
        title="Iraq, Turkey sign water deal",
        date="2025-05-07",
        source="aa.com.tr",
        url="https://example.org/water",
    )
    assert article.title == "Iraq, Turkey sign water deal"
    assert article.published == dt.date(2025, 5, 7)
    assert article.published_text == "2025-05-07"
    assert article.source == "Anadolu Agency"
    assert article.url == "https://example.org/water"
    assert article.text.startswith("Iraq and Turkey signed")
    assert "01/01/2024" not in article.text


def test_unparseable_given_date_falls_back_to_the_date_line():
    article = clean_text("22 February 2025\n" + STORY, date="sometime last week")
    assert article.published == dt.date(2025, 2, 22)


def test_long_first_line_is_not_a_title():
    assert clean_text(STORY).title is None


def test_single_line_is_kept_as_text_without_a_title():
    article = clean_text("Iraq and Turkey sign water deal")
    assert (article.text, article.title) == ("Iraq and Turkey sign water deal", None)


@pytest.mark.parametrize(
    ("last_line", "source", "url"),
    [
        ("Original Source: www.newarab.com", "The New Arab", "www.newarab.com"),
        (
            "Source: https://english.aawsat.com/node/123",
            "Asharq Al-Awsat",
            "https://english.aawsat.com/node/123",
        ),
        ("This article was originally published by Rudaw.", "Rudaw", None),
        ("Original Source: example-news.org", "example-news.org", "example-news.org"),
    ],
    ids=["seed-form", "subdomain-url", "syndication-note", "unknown-domain"],
)
def test_source_line_names_the_outlet_and_is_removed(last_line, source, url):
    article = clean_text(f"{STORY}\n{last_line}")
    assert (article.source, article.url) == (source, url)
    assert article.text == clean_text(STORY).text


def test_source_prose_is_not_a_source_line():
    line = "Source: officials in Baghdad said the talks would resume."
    article = clean_text(f"{STORY}\n{line}")
    assert article.source is None
    assert article.text.endswith(line)


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("BAGHDAD (Reuters) —", "Reuters"),
        ("DAMASCUS, Syria (AP) -", "Associated Press"),
        ("ANKARA, Feb 3 (AFP) -", "Agence France-Presse"),
        ("Erbil (Kurdistan24) –", "Kurdistan24"),
    ],
)
def test_dateline_agency_becomes_the_source_and_the_text_stays(dateline, source):
    text = f"{dateline} Iraq recalled its ambassador from Tehran on Sunday."
    article = clean_text(text)
    assert article.source == source
    assert article.text == text


def test_bracketed_words_in_prose_are_no_dateline():
    text = "Turkish Foreign Minister (left) revealed an initial cooperation with Iraq (Reuters)"
    assert clean_text(text).source is None


def test_related_post_prefix_glued_to_a_title_is_removed():
    article = clean_text(f"Related PostBorder Talks Resume in Al-Qaim\n{STORY}")
    assert article.title == "Border Talks Resume in Al-Qaim"
    assert article.text.startswith("Border Talks Resume in Al-Qaim\n\n")


@pytest.mark.parametrize(
    "content",
    ["(Tagstotranslate) Politics (T) Syria\nPost Comment", "Share this\nRelated Posts\nHome"],
    ids=["tags-and-comment", "widgets"],
)
def test_nothing_but_residue_raises_no_text(content):
    with pytest.raises(InputError) as raised:
        clean_text(content, doc_path="residue.txt")
    assert raised.value.reason == errors.NO_TEXT
    assert "residue.txt" in raised.value.detail


def test_input_error_becomes_a_skip_record():
    error = InputError(errors.NO_TEXT, "residue.txt: nothing left")
    skip = error.skip("residue.txt")
    assert (skip.input, skip.reason, skip.detail) == (
        "residue.txt",
        "no_text_after_cleaning",
        "residue.txt: nothing left",
    )
