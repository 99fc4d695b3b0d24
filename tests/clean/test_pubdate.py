"""Publication dates: date lines in the forms news pages use, and prose that is not one."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.clean.pubdate import load_date_labels, parse_date, take_date_lines

FEB_22 = dt.date(2025, 2, 22)
BODY = "Iraq and Syria agreed to coordinate on border security, officials said."


@pytest.mark.parametrize(
    ("line", "date_text"),
    [
        ("Sat. Feb 22nd, 2025", "Sat. Feb 22nd, 2025"),
        ("February 22, 2025", "February 22, 2025"),
        ("22 February 2025", "22 February 2025"),
        ("Saturday, 22 Feb 2025", "Saturday, 22 Feb 2025"),
        ("2025-02-22", "2025-02-22"),
        ("Published: 22/02/2025", "22/02/2025"),
        ("Published on 22.02.2025 at 10:15", "22.02.2025"),
        ("Posted 02/22/2025", "02/22/2025"),
        ("By Layla Hassan | February 22, 2025 | 4 min read", "February 22, 2025"),
        ("February 22, 2025, 10:32 AM GMT", "February 22, 2025"),
        ("22 February 2025 - 14:05 (GMT+3)", "22 February 2025"),
        ("Sept. 22nd, 2025", "Sept. 22nd, 2025"),
    ],
)
def test_date_line_gives_the_publication_date_and_is_removed(line, date_text):
    dated = take_date_lines([line, BODY], load_date_labels())
    assert dated.paragraphs == [BODY]
    assert dated.published is not None
    assert dated.published.text == date_text
    expected = dt.date(2025, 9, 22) if date_text.startswith("Sept") else FEB_22
    assert dated.published.date == expected


def test_published_wins_over_updated_whatever_the_order():
    lines = ["Updated: 24 February 2025", "Published: 22 February 2025", BODY]
    dated = take_date_lines(lines, load_date_labels())
    assert dated.published.date == FEB_22
    assert dated.paragraphs == [BODY]


def test_updated_alone_still_dates_the_article():
    dated = take_date_lines([BODY, "Last updated: 22/02/2025"], load_date_labels())
    assert dated.published.date == FEB_22


@pytest.mark.parametrize(
    "line",
    [
        "On February 22, 2025, the ministers met in Baghdad.",
        "February 2025",
        "Talks on 22 February",
        "By the end of 2025",
        "March 4",
    ],
    ids=["prose", "month-only", "no-year", "phrase", "no-year-short"],
)
def test_lines_that_are_not_only_a_date_stay(line):
    dated = take_date_lines([line, BODY], load_date_labels())
    assert dated.published is None
    assert dated.paragraphs == [line, BODY]


def test_date_lines_in_the_middle_of_the_text_stay():
    middle = ["Paragraph one.", "Two.", "Three.", "Four.", "Five.", "Six."]
    paragraphs = [*middle[:5], "22 February 2025", *middle[5:], "Seven.", "Eight.", "Nine."]
    dated = take_date_lines(paragraphs, load_date_labels())
    assert dated.published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-22T09:30:00Z", FEB_22),
        ("Sat, 22 Feb 2025 09:30:00 GMT", FEB_22),
        ("31/02/2025", None),
        ("Febuary 22, 2025", None),
        ("Ma 22, 2025", None),
    ],
    ids=["iso-datetime", "rfc-2822", "impossible-day", "misspelt-month", "ambiguous-month"],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
