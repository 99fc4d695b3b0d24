"""Dates in sentences, resolved against a fixed publication date (Saturday 22 February 2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.events.when import default_date, find_dates, resolve_date

PUBLISHED = dt.date(2025, 2, 22)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected", "precision", "phrase"),
    [
        ("On Friday, the minister visited Baghdad.", "2025-02-21", "day", "Friday"),
        ("The minister visited Baghdad on Saturday.", "2025-02-22", "day", "Saturday"),
        ("Talks were held last Saturday.", "2025-02-15", "day", "last Saturday"),
        ("The envoy met Fidan on Monday.", "2025-02-17", "day", "Monday"),
        ("He will travel to Ankara on Friday.", "2025-02-28", "day", "Friday"),
        ("The meeting was held in late December 2024.", "2024-12-25", "month",
         "late December 2024"),
        ("Sharaa visited Ankara in early February.", "2025-02-05", "month", "early February"),
        ("In mid-January, Wilson fired threats.", "2025-01-15", "month", "mid-January"),
        ("In mid -January, Wilson fired threats.", "2025-01-15", "month", "mid -January"),
        ("At the beginning of February, Maliki launched an attack.", "2025-02-05", "month",
         "the beginning of February"),
        ("The summit that will be hosted by Baghdad in April.", "2025-04-01", "month", "April"),
        ("The two agreed to convene the committee in January.", "2026-01-01", "month",
         "January"),
        ("Assad was ousted in December.", "2024-12-01", "month", "December"),
        ("The ministers met yesterday.", "2025-02-21", "day", "yesterday"),
        ("Troops withdrew last week.", "2025-02-15", "week", "last week"),
        ("Clashes erupted three days ago.", "2025-02-19", "day", "three days ago"),
        ("The truce had collapsed two days earlier.", "2025-02-20", "day", "two days earlier"),
        ("Troops shelled the town the previous day.", "2025-02-21", "day", "the previous day"),
        ("The two leaders met on 3 March.", "2024-03-03", "day", "3 March"),
        ("The two leaders met on March 3, 2025.", "2025-03-03", "day", "March 3, 2025"),
        ("The two leaders met on 12 February.", "2025-02-12", "day", "12 February"),
        ("The deal was signed in 2024.", "2024-01-01", "year", "2024"),
        ("Elections were held in October 2024.", "2024-10-01", "month", "October 2024"),
        ("The report was published on 2025-01-30.", "2025-01-30", "day", "2025-01-30"),
        ("He went to Damascus about 3 weeks after the fall of the Assad regime.",
         "2024-12-29", "week", "about 3 weeks after the fall of the Assad regime"),
        ("He went to Damascus two days after the fall of Assad.", "2024-12-10", "day",
         "two days after the fall of Assad"),
        ("Iraq notified Washington a week before Trump's inauguration.", "2025-01-13", "week",
         "a week before Trump's inauguration"),

        ("Last November, the navy held drills with Oman.", "2024-11-01", "month",
         "Last November"),
    ],
    ids=[
        "on-friday-past", "weekday-same-day", "last-weekday", "monday", "future-friday",
        "late-month-year", "early-month-no-year", "mid-month", "mid-month-mt-spacing",
        "beginning-of-month", "future-month", "agreed-to-month", "past-month-previous-year",
        "yesterday",
        "last-week", "days-ago", "days-earlier", "previous-day", "day-month-past-year",
        "month-day-year", "day-month-this-year",
        "year", "month-year", "iso", "anchor-weeks-after", "anchor-days-after",
        "anchor-before-inauguration", "last-month-name-without-preposition",
    ],
)
def test_resolves_date(nlp, text, expected, precision, phrase):
    resolved = resolve_date(nlp(text)[:], PUBLISHED)
    assert resolved is not None
    assert (resolved.date.isoformat(), resolved.precision, resolved.text) == (
        expected, precision, phrase
    )


@pytest.mark.parametrize(
    "text",
    [
        "Iraq and Syria share more than 600 km of border.",
        "May God protect Iraq, he said.",
        "The Security Council adopted resolution 2254.",
        "Iraqi sources say the United States acted before Donald Trump officially assumed the "
        "presidency.",
        "The ministers discussed border security.",
    ],
    ids=["distance", "may-as-verb", "resolution-number", "bare-before-anchor", "no-date"],
)
def test_no_date(nlp, text):
    assert resolve_date(nlp(text)[:], PUBLISHED) is None


def test_relative_phrase_needs_publication_date(nlp):
    assert resolve_date(nlp("The ministers met on Friday.")[:], None) is None


def test_explicit_date_needs_no_publication_date(nlp):
    resolved = resolve_date(nlp("The ministers met on March 3, 2025.")[:], None)
    assert resolved is not None and resolved.date == dt.date(2025, 3, 3)


def test_anchor_uses_the_occurrence_before_publication(nlp):
    sentence = nlp("The order came a week after Trump's inauguration.")[:]
    first_term = resolve_date(sentence, dt.date(2017, 6, 1))
    second_term = resolve_date(sentence, PUBLISHED)
    assert first_term is not None and first_term.date == dt.date(2017, 1, 27)
    assert second_term is not None and second_term.date == dt.date(2025, 1, 27)


def test_a_day_just_past_stays_past_in_a_clause_about_the_future(nlp):
    # published Saturday 22 February: 20 February is two days back, not next year's
    sentence = nlp("The signing on February 20 of the deal will bring new jobs.")[:]
    assert resolve_date(sentence, PUBLISHED).date == dt.date(2025, 2, 20)
    summit = nlp("The summit will be held on January 10.")[:]  # six weeks back: next year's
    assert resolve_date(summit, PUBLISHED).date == dt.date(2026, 1, 10)


def test_finds_every_date_in_order(nlp):
    sentence = nlp("Talks began on Monday and ended in early February.")[:]
    assert [m.resolved.text for m in find_dates(sentence, PUBLISHED)] == [
        "Monday", "early February"
    ]


def test_trigger_prefers_its_own_clause(nlp):
    doc = nlp("On Friday, Shaibani visited Baghdad, his first trip since Assad fell in December.")
    visited = next(token for token in doc if token.text == "visited")
    resolved = resolve_date(doc[:], PUBLISHED, trigger=visited)
    assert resolved is not None and resolved.text == "Friday"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The forum is the first hosted by Amman since 2015.", "hosted", None),
        ("Ankara reopened the crossing for the first time since March 2021.", "reopened", None),
        ("A Turkish court convicted him in 2019.", "convicted", "2019-01-01"),
        ("The agreement that came into force on January 19 ended two years of war that killed "
         "20,000 people in Gaza.", "killed", None),
        ("On Friday, the minister said the army had withdrawn.", "withdrawn", "2025-02-21"),
        ("Israeli aircraft hit Hezbollah depots near Tyre on Monday, the Lebanese army said.",
         "said", "2025-02-17"),
        ("The envoy on Saturday welcomed the talks held on Tuesday in Cairo between the two "
         "ministers.", "talks", "2025-02-18"),
        ("Police arrested three men on Friday, two days after the attack on the embassy.",
         "attack", "2025-02-19"),
        ("Iraq closed the crossing, a week before the visit of the Turkish president.", "visit",
         "2025-03-01"),
    ],
    ids=["since-year-is-no-date", "since-month-year-is-no-date", "in-year-is-the-date",
         "date-of-another-clause", "fronted-date-covers-sentence", "reported-clause-date",
         "participle-dates-its-noun", "days-after-the-noun", "week-before-the-noun"],
)
def test_trigger_date_comes_from_its_clause(nlp, text, trigger, expected):
    doc = nlp(text)
    token = next(token for token in doc if token.text == trigger)
    resolved = resolve_date(doc[:], PUBLISHED, trigger=token)
    assert (resolved.date.isoformat() if resolved else None) == expected


def test_default_date_is_the_publication_week():
    fallback = default_date(PUBLISHED)
    assert fallback is not None
    assert (fallback.date, fallback.precision, fallback.text) == (PUBLISHED, "week", "")
    assert default_date(None) is None


def test_lexicon_errors_name_file_and_line(tmp_path):
    from dyad.events.attribute_lexicons import LexiconFile
    from dyad.events.lexicon import LexiconError

    text = '[words]\napproximators = ["about", 3]\n'
    lexicon = LexiconFile(tmp_path / "dates.toml", text, {"words": {"approximators": ["about", 3]}})
    with pytest.raises(LexiconError, match=r"^dates\.toml:2: words\.approximators: "):
        lexicon.strings("words.approximators")
