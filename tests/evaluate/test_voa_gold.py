"""dyad's own VOA gold: loader checks and the scorer's matching rules."""

import dataclasses
from pathlib import Path

import pytest
from evaluate_fakes import event

from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.voa import (
    GoldStory,
    GoldStoryEvent,
    _role,
    codes_match,
    default_gold_dir,
    load_gold,
    load_split,
    load_stories,
    score_stories,
)

TEXT = ("Russian forces shelled Kharkiv on Monday. Ukraine's president condemned the attack. "
        "Officials said talks may resume next week.")
FIRST, SECOND = TEXT.split(". ")[0] + ".", TEXT.split(". ")[1] + "."


def role(text: str, code: str):
    start = TEXT.index(text)
    return _role({"start": start, "end": start + len(text), "text": text, "code": code}, TEXT,
                 "test")


def gold_event(event_type, sentence, source, target, **flags) -> GoldStoryEvent:
    start = TEXT.index(sentence)
    return GoldStoryEvent(start, start + len(sentence), event_type, None, source, target, **flags)


STORY = GoldStory("s1", TEXT, "2025-03-10", None, "test", (
    gold_event("ASSAULT", FIRST, role("Russian forces", "RUSMIL"), role("Kharkiv", "UKR")),
    gold_event("ACCUSE", SECOND, role("Ukraine's president", "UKRGOV"), role("Russian", "RUS")),
    gold_event("CONSULT", TEXT.split(". ")[2], None, None, hypothetical=True),
))


def test_full_match_needs_type_sentence_and_both_roles():
    system = [
        event("ASSAULT", "RUSMIL", "UKRGOV", sentence=FIRST),  # target code: country matches
        event("ACCUSE", "UKRGOV", "USA", sentence=SECOND),  # wrong target
        event("ASSAULT", "RUSMIL", "UKR", sentence=SECOND),  # wrong sentence
    ]
    report = score_stories([STORY], lambda story: system)
    assert (report.full.tp, report.full.fp, report.full.fn) == (1, 2, 1)
    assert (report.typed.tp, report.typed.fp, report.typed.fn) == (2, 1, 0)
    assert report.gold_events == 2  # the hypothetical talks are not counted
    assert report.both_roles.value == 1.0
    assert report.per_type["ACCUSE"].fp == 1 and report.per_type["ASSAULT"].tp == 1


def test_pairs_are_one_to_one_and_flagged_system_events_are_left_out():
    twice = [event("ASSAULT", "RUSMIL", "UKR", sentence=FIRST)] * 2
    flagged = [event("CONSULT", "UKRGOV", None, sentence=TEXT.split(". ")[2], hypothetical=True)]
    report = score_stories([STORY], lambda story: twice + flagged)
    assert (report.full.tp, report.full.fp) == (1, 1)
    assert report.flags["hypothetical"].value == 1.0  # the flagged talks agree with the gold


def test_a_missing_role_matches_only_a_missing_role():
    no_target = dataclasses.replace(event("ASSAULT", "RUSMIL", sentence=FIRST))
    assert score_stories([STORY], lambda story: [no_target]).full.tp == 0
    assert score_stories([STORY], lambda story: [no_target]).both_roles.value == 0.0


@pytest.mark.parametrize(("system", "gold", "same"), [
    ("IRQGOV", "IRQGOV", True), ("IRQ", "IRQGOV", True), ("IRQMIL", "IRQGOV", False),
    ("SYRGOV", "IRQGOV", False), ("IGOUNO", "IGOUNO", True), ("IGOEUR", "IGOUNO", False),
])
def test_codes_match_by_country_then_sector(system, gold, same):
    assert codes_match(system, gold) is same


def test_role_offsets_must_give_the_quoted_text():
    with pytest.raises(ValueError, match="not 'Kharkov'"):
        _role({"start": 23, "end": 30, "text": "Kharkov"}, TEXT, "gold.jsonl:3")


def test_the_split_holds_every_voa_story_once():
    split = load_split()
    assert {"dev", "test"} == set(split.values())
    assert len(split) == 89


@pytest.mark.skipif(not Path(DEFAULT_DATA_DIR).is_dir(), reason="../shared/data is absent")
def test_bundled_gold_loads_and_every_story_is_in_the_split():
    files = sorted(default_gold_dir().glob("*.jsonl"))
    assert files, "no bundled VOA gold"
    stories = load_gold(files, load_stories(DEFAULT_DATA_DIR), load_split())
    assert all(story.split in ("dev", "test") for story in stories)


def test_story_coded_twice_is_an_error(tmp_path: Path):
    line = '{"story_id": "s1", "text": "A b.", "events": []}\n'
    (tmp_path / "a.jsonl").write_text(line)
    (tmp_path / "b.jsonl").write_text(line)
    with pytest.raises(ValueError, match="coded twice"):
        load_gold([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], {}, {})
