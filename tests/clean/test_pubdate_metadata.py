"""Publication dates from metadata: the JSONL date, HTML meta tags and JSON-LD, the URL, in that
order of trust before the date line; coarse metadata keeps its precision."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.clean import clean_document
from dyad.clean.pubdate import metadata_date, parse_metadata_date, url_date
from dyad.records import RawDocument

BODY = (
    "<p>Iraqi and Syrian trade officials reopened talks on the Qaim crossing, the ministry "
    "said, and agreed to meet again before the end of the month in Damascus.</p>"
)
DATE_LINE = "<p>Published: 2 January 2025</p>"


def page(head: str = "", body_start: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body_start}{BODY}</article></body></html>"


META = '<meta property="article:published_time" content="2025-03-14T08:10:00+03:00">'
UPDATED = '<meta property="article:modified_time" content="2025-03-20T08:10:00Z">'
JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
    '[{"@type": "NewsArticle", "dateModified": "2025-03-19", "datePublished": "2025-03-15"}]}'
    "</script>"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page(META), dt.date(2025, 3, 14)),
        (page(UPDATED + META), dt.date(2025, 3, 14)),
        (page(JSON_LD), dt.date(2025, 3, 15)),
        (page(UPDATED), dt.date(2025, 3, 20)),
        (page(body_start='<time itemprop="datePublished" datetime="2025-03-16">Sunday</time>'),
         dt.date(2025, 3, 16)),
        (page('<script type="application/ld+json">{"datePublished": </script>'), None),
        (page('<meta name="description" content="2025-03-14">'), None),
    ],
    ids=["meta", "published-over-updated", "json-ld-graph", "updated-alone", "itemprop",
         "broken-json-ld", "other-meta"],
)  # fmt: skip
def test_metadata_date(html, expected):
    found = metadata_date(html)
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("https://news.example/world/2025/03/14/iraq-syria-talks", dt.date(2025, 3, 14), "day"),
        ("https://news.example/2025-03-14-iraq-syria-talks.html", dt.date(2025, 3, 14), "day"),
        ("https://news.example/archive/20250314/story", dt.date(2025, 3, 14), "day"),
        ("https://news.example/2025/03/iraq-syria-talks", dt.date(2025, 3, 1), "month"),
        ("https://news.example/2025/13/40/story", None, None),
        ("https://news.example/story?id=2025-03-14", None, None),
        ("https://news.example/stories/4471234", None, None),
    ],
    ids=["path", "slug", "compact", "month", "impossible", "query-string", "no-date"],
)
def test_url_date(url, expected, precision):
    found = url_date(url)
    assert ((found.date, found.precision) if found else (None, None)) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2025-03-14T10:00:00Z", dt.date(2025, 3, 14), "day"),
        ("2025/03/14", dt.date(2025, 3, 14), "day"),
        # A space before the time and a bare "Z" or offset, as exported corpora write them.
        ("2025-03-14 20:30:26Z", dt.date(2025, 3, 14), "day"),
        ("2025-03-14 20:30:26+03:00", dt.date(2025, 3, 14), "day"),
        ("Fri, 14 Mar 2025 10:00:00 GMT", dt.date(2025, 3, 14), "day"),
        ("2025-03", dt.date(2025, 3, 1), "month"),
        ("March 2025", dt.date(2025, 3, 1), "month"),
        ("2025", dt.date(2025, 1, 1), "year"),
        ("2025-13", None, None),
        ("0001", None, None),
        ("last week", None, None),
    ],
)
def test_parse_metadata_date_keeps_the_precision_given(text, expected, precision):
    found = parse_metadata_date(text)
    assert ((found.date, found.precision) if found else (None, None)) == (expected, precision)


def clean(html: str, **metadata: str):
    return clean_document(RawDocument(content=html, format="html", **metadata))


@pytest.mark.parametrize(
    ("metadata", "head", "expected"),
    [
        ({"date": "2025-03-10"}, META, dt.date(2025, 3, 10)),
        ({"url": "https://news.example/2025/03/12/talks"}, META, dt.date(2025, 3, 14)),
        ({"url": "https://news.example/2025/03/12/talks"}, "", dt.date(2025, 3, 12)),
        ({}, "", dt.date(2025, 1, 2)),
        ({"date": "sometime"}, META, dt.date(2025, 3, 14)),
    ],
    ids=["given-over-meta", "meta-over-url", "url-over-date-line", "date-line", "bad-given"],
)
def test_order_of_trust(metadata, head, expected):
    html = f"<html><head>{head}</head><body><article>{DATE_LINE}{BODY}</article></body></html>"
    assert clean(html, **metadata).published == expected


def test_a_month_given_as_metadata_is_a_month_precise_publication_date():
    article = clean_document(RawDocument(content=BODY[3:-4], format="text", date="2025-03"))
    assert (article.published, article.published_precision) == (dt.date(2025, 3, 1), "month")
