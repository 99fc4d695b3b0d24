"""Every event of an article dated by its JSON Lines record is dated, flagged ones included."""

from __future__ import annotations

import json

import pytest

from dyad.config import Settings
from dyad.pipeline import ArticleResult, Pipeline

# No date line and no date phrase in most sentences: the record's date is all there is.
STORY = (
    "Iraqi Prime Minister Mohammed Shia al-Sudani met Syrian Foreign Minister Asaad "
    "al-Shaibani in Baghdad. The two ministers agreed to reopen the Qaim border crossing. "
    "Turkey will host talks with Iraq and Syria on water, al-Sudani said. Syria had accused "
    "Iraq of sheltering Assad loyalists in the past. Iraq did not sign the security pact."
)
RECORDS = [
    {"id": "day", "text": STORY, "date": "2025-03-14T09:00:00Z"},
    {"id": "month", "text": STORY.replace("Baghdad", "Basra"), "date": "2025-03"},
    {"id": "none", "text": STORY.replace("Baghdad", "Erbil")},
    # Exported corpora (the VOA stories among them) name the date "published".
    {
        "id": "published",
        "text": STORY.replace("Baghdad", "Mosul"),
        "published": "2025-03-14 20:30:26Z",
    },
    {
        "id": "both",
        "text": STORY.replace("Baghdad", "Kirkuk"),
        "date": "2025-04",
        "published": "2025-03-14",
    },
]


@pytest.fixture(scope="module")
def results(nlp, tmp_path_factory) -> dict[str, ArticleResult]:
    path = tmp_path_factory.mktemp("dated") / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    coded = Pipeline(Settings(coder="rules")).run([path])
    return {item.article.doc_ref: item for item in coded if isinstance(item, ArticleResult)}


@pytest.mark.parametrize(
    ("doc_ref", "precisions"),
    [("day", {"day", "week"}), ("month", {"month"}), ("published", {"day", "week"})],
)
def test_events_of_a_dated_record_are_never_undated(results, doc_ref, precisions):
    events = results[doc_ref].events
    assert len(events) >= 3
    assert any(event.flagged for event in events)
    assert all(event.date is not None for event in events)
    assert {event.date.precision for event in events} <= precisions


def test_events_of_an_undated_record_stay_undated(results):
    events = results["none"].events
    assert events
    assert all(event.date is None for event in events)


def test_a_record_s_date_field_wins_over_published(results):
    assert {event.date.precision for event in results["both"].events} == {"month"}
