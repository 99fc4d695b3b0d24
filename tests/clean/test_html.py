"""HTML pages: the article text and metadata come out, navigation and footers do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad import errors
from dyad.clean import clean_document
from dyad.errors import InputError
from dyad.records import Article, RawDocument

HTML = Path(__file__).parents[1] / "fixtures" / "inputs" / "html"
BATCH = Path(__file__).parents[1] / "fixtures" / "inputs" / "batch"


def clean_page(path: Path) -> Article:
    raw = RawDocument(content=path.read_text(encoding="utf-8"), format="html", doc_path=str(path))
    return clean_document(raw)


@pytest.fixture(scope="module")
def port_story() -> Article:
    return clean_page(HTML / "basra_port.html")


@pytest.mark.parametrize(
    "snippet",
    [
        "Iraqi Transport Minister Razzaq Muhaibis met Kuwaiti officials in Kuwait City on Tuesday",
        "guarantees that the new port would not restrict access",
        "form a joint technical committee that will meet again in Baghdad next month",
    ],
)
def test_article_paragraphs_are_kept(port_story, snippet):
    assert snippet in port_story.text


@pytest.mark.parametrize(
    "residue",
    [
        "Home",
        "Sport",
        "Most read",
        "Oil prices slip",
        "Great news for the people of Basra",
        "Subscribe",
        "All rights reserved",
        "WhatsApp",
    ],
    ids=[
        "nav",
        "nav-item",
        "sidebar-heading",
        "sidebar-link",
        "comment",
        "newsletter",
        "copyright",
        "share-bar",
    ],
)
def test_page_residue_is_dropped(port_story, residue):
    assert residue not in port_story.text


def test_paragraphs_are_separated_by_blank_lines(port_story):
    assert port_story.text.count("\n\n") >= 2
    assert all(len(paragraph.split()) > 3 for paragraph in port_story.text.split("\n\n")[1:])


def test_page_metadata_is_read(port_story):
    assert port_story.title == "Iraq and Kuwait discuss Grand Faw port"
    assert port_story.published == dt.date(2025, 4, 9)
    assert port_story.source == "Gulf Ledger"


def test_truncated_page_keeps_the_text_it_has():
    article = clean_page(BATCH / "07_truncated.html")
    assert "Kurdish and federal Iraqi officials met in Erbil on Monday" in article.text


@pytest.mark.parametrize(
    ("page", "reason"),
    [("garbage_truncated.html", errors.TRUNCATED), ("only_navigation.html", errors.NO_TEXT)],
)
def test_page_without_article_text_raises(page, reason):
    with pytest.raises(InputError) as raised:
        clean_page(HTML / page)
    assert raised.value.reason == reason
    assert page in raised.value.detail
