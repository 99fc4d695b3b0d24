"""Pairwise fusion scoring: every pair of reports in a split, positives from the gold pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.evaluate.fusion_score import load_fusion_gold, score_fusion
from dyad.evaluate.voa import load_gold


def write_gold(folder, reports, pairs):
    (folder / "reports.jsonl").write_text(
        "".join(json.dumps({"id": r, "text": f"Report {r}."}) + "\n" for r in reports), "utf-8"
    )
    (folder / "pairs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pairs), "utf-8")
    return load_fusion_gold(folder)


@pytest.fixture
def gold(tmp_path):
    pairs = [
        {"a": "r1", "b": "r2", "same": True, "split": "dev"},
        {"a": "r1", "b": "r3", "same": False, "split": "dev"},
        {"a": "r4", "b": "r5", "same": True, "split": "test"},
    ]
    return write_gold(tmp_path, ["r1", "r2", "r3", "r4", "r5"], pairs)


def test_pairs_are_scored_per_split(gold):
    # Dev: r1-r2 fused (right) and r2-r3 fused (wrong: different events though not listed).
    clusters = {"r1": {"c1"}, "r2": {"c1", "c2"}, "r3": {"c2"}, "r4": {"c4"}, "r5": set()}
    scores = score_fusion(gold, clusters)
    dev, test = scores["dev"], scores["test"]
    assert (dev.pairs, dev.gold_pairs, dev.predicted_pairs, dev.true_pairs) == (3, 1, 2, 1)
    assert (dev.precision, dev.recall) == (0.5, 1.0)
    assert (test.predicted_pairs, test.recall, test.uncoded) == (0, 0.0, ("r5",))


@pytest.mark.parametrize(
    ("pair", "problem"),
    [
        ({"a": "r1", "b": "r9", "same": True, "split": "dev"}, "unknown split or report id"),
        ({"a": "r1", "b": "r2", "same": True, "split": "train"}, "unknown split or report id"),
        ({"a": "r1", "b": "r2", "split": "dev"}, "missing same"),
    ],
)
def test_bad_gold_names_the_file_and_line(tmp_path, pair, problem):
    with pytest.raises(ValueError, match=rf"pairs.jsonl:1: {problem}"):
        write_gold(tmp_path, ["r1", "r2"], [pair])


def test_the_bundled_gold_has_hard_negatives_in_both_splits():
    gold = load_fusion_gold()
    assert set(gold.split_of.values()) == {"dev", "test"}
    reports = [json.loads(line) for line in gold.reports.read_text("utf-8").splitlines()]
    events = {r["id"]: r["event"] for r in reports}
    assert all(events[a] == events[b] for a, b in map(sorted, gold.same))
    # dev 313 (40 + 55 + 40 + 40 + 44 + 46 + 48), test 212 (44 + 42 + 40 + 40 + 46)
    assert len(gold.same) == 525


def test_a_split_of_several_batches_is_also_scored_per_batch(tmp_path):
    (tmp_path / "reports.jsonl").write_text("".join(
        json.dumps({"id": r, "batch": batch, "text": f"Report {r}."}) + "\n"
        for r, batch in [("r1", 1), ("r2", 1), ("r3", 2), ("r4", 2)]), "utf-8")
    (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in [
        {"a": "r1", "b": "r2", "same": True, "split": "test"},
        {"a": "r3", "b": "r4", "same": True, "split": "test"}]), "utf-8")
    gold = load_fusion_gold(tmp_path)
    test = score_fusion(gold, {"r1": {"c1"}, "r2": {"c1"}, "r3": {"c3"}, "r4": set()})["test"]
    assert (test.gold_pairs, test.true_pairs) == (2, 1)
    assert [(batch, part.recall) for batch, part in test.batches] == [(1, 1.0), (2, 0.0)]
    assert test.as_dict()["batches"]["2"]["uncoded"] == ["r4"]


def test_a_link_through_an_event_a_report_names_in_passing_is_not_scored(tmp_path):
    # r1 tells e1 and names e2 in a background clause; dyad codes that clause, and its event
    # joins r2's cluster: neither a right nor a wrong link. Without "mentions" it is wrong.
    reports = [("r1", "e1", ["e2"]), ("r2", "e2", []), ("r3", "e1", [])]
    pairs = [{"a": "r1", "b": "r3", "same": True, "split": "dev"},
             {"a": "r1", "b": "r2", "same": False, "split": "dev"}]
    clusters = {"r1": {"c1", "c2"}, "r2": {"c2"}, "r3": {"c1"}}
    scored = []
    for with_mentions in (True, False):
        (tmp_path / "reports.jsonl").write_text("".join(
            json.dumps({"id": r, "event": e, "text": f"Report {r}.",
                        **({"mentions": m} if with_mentions and m else {})}) + "\n"
            for r, e, m in reports), "utf-8")
        (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pairs),
                                              "utf-8")
        dev = score_fusion(load_fusion_gold(tmp_path), clusters)["dev"]
        scored.append((dev.predicted_pairs, dev.true_pairs, dev.excused_pairs, dev.precision))
    assert scored == [(1, 1, 1, 1.0), (2, 1, 0, 0.5)]


def test_the_bundled_mentions_name_the_other_event_of_the_reports_group():
    reports = [json.loads(line) for line in
               load_fusion_gold().reports.read_text("utf-8").splitlines()]
    events_of: dict[str, set[str]] = {}
    for report in reports:
        events_of.setdefault(report["group"], set()).add(report["event"])
    named = [(r, event) for r in reports for event in r.get("mentions", ())]
    # 69 (tenth session), 34 in batches 9-11, 15 in batch 12
    assert len({r["id"] for r, _ in named}) == 118
    assert all(event != r["event"] and event in events_of[r["group"]] for r, event in named)


def test_the_events_coded_on_fusion_reports_are_of_dev_reports_only():
    # training/data/fusion_dev_events.jsonl may train the event model: no test report in it
    path = Path(__file__).resolve().parents[2] / "training" / "data" / "fusion_dev_events.jsonl"
    stories = load_gold([path], {}, {})
    split_of = load_fusion_gold().split_of
    assert len(stories) == 308
    assert {split_of[story.story_id] for story in stories} == {"dev"}
    assert sum(len(story.events) for story in stories) == 543
