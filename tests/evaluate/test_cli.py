import json

import pytest
from click.testing import CliRunner
from evaluate_fakes import event

from dyad.evaluate import cli as evaluate_cli
from dyad.store import Store

PLOVER_TEXT = "Jordan and Syria agreed to reopen the border."


@pytest.fixture
def data_dir(tmp_path):
    """A tiny copy of both gold layouts, hand-written."""
    plover = tmp_path / "plover_gsr"
    plover.mkdir()
    records = [
        {
            "id": "g1",
            "event": "AGREE",
            "text": PLOVER_TEXT,
            "source": [
                {"actorText": "Jordan", "code": "JOR"},
                {"actorText": "Syria", "code": "SYR"},
            ],
        }
    ]
    (plover / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(records), encoding="utf-8")
    classes = tmp_path / "conflibert_cameo" / "cameo_class"
    classes.mkdir(parents=True)
    (classes / "train.tsv").write_text(
        f"{PLOVER_TEXT}\t1\r\nNothing happened.\t0\r\n", encoding="utf-8"
    )
    voa = tmp_path / "voa_news"
    voa.mkdir()
    story = {"id": "s1", "title": "T", "published": "2025-03-14 10:00:00Z", "text": VOA_TEXT}
    (voa / "voa_stories.jsonl").write_text(json.dumps(story) + "\n", encoding="utf-8")
    return tmp_path


VOA_TEXT = "Jordan and Syria agreed to reopen the border. Nothing else happened."


@pytest.fixture
def gold_file(tmp_path):
    start = VOA_TEXT.index("Syria")
    line = {"story_id": "s1", "events": [{
        "sentence_start": 0, "sentence_end": 45, "event_type": "AGREE", "mode": None,
        "source": {"start": 0, "end": 6, "text": "Jordan", "code": "JOR"},
        "target": {"start": start, "end": start + 5, "text": "Syria", "code": "SYRGOV"}}]}
    path = tmp_path / "my_gold.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    dates = []
    monkeypatch.setattr(evaluate_cli, "pipeline_story_coder", lambda settings: lambda story: [
        event("AGREE", "JOR", "SYR", sentence=VOA_TEXT.split(". ")[0] + ".")])

    def make_coder(date, settings):
        dates.append((date, settings.coder if settings else None))
        return lambda text: [event("AGREE", "JOR", "SYR")] if text == PLOVER_TEXT else []

    monkeypatch.setattr(evaluate_cli, "pipeline_coder", make_coder)
    # Fusion gold: stored by a fake ingest that codes nothing (an empty database).
    monkeypatch.setattr(evaluate_cli, "pipeline_ingest",
                        lambda settings: lambda reports, database: Store(database).close())
    return dates


def test_json_output_scores_every_set(data_dir, gold_file, fake_pipeline):
    result = CliRunner().invoke(
        evaluate_cli.cli_command,
        ["--data-dir", str(data_dir), "--format", "json", "--gold-file", str(gold_file)],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    # a user's story is neither dev nor test of the bundled split
    assert payload["voa"]["user"]["type_source_target"]["f1"] == 1.0
    assert payload["plover"]["micro"]["f1"] == 1.0
    assert payload["plover"]["actors_all"]["target_country"]["value"] == 1.0
    assert [r["accuracy"] for r in payload["conflibert"]] == [1.0, 1.0]
    fusion = payload["fusion"]["test"]
    assert (fusion["reports"], fusion["predicted_pairs"], len(fusion["uncoded"])) == (255, 0, 255)
    # plover_gsr sentences are coded as of their gold date; conflibert has none
    assert fake_pipeline == [("2000-01-01", None), (None, None)]


def test_global_settings_reach_the_coder(data_dir, fake_pipeline):
    from dyad.config import Settings

    result = CliRunner().invoke(evaluate_cli.cli_command,
                                ["--data-dir", str(data_dir), "--gold", "plover"],
                                obj=Settings(coder="rules"))
    assert result.exit_code == 0, result.output
    assert fake_pipeline == [("2000-01-01", "rules")]


def test_text_output_prints_tables(data_dir):
    result = CliRunner().invoke(
        evaluate_cli.cli_command, ["--data-dir", str(data_dir), "--gold", "plover"]
    )
    assert result.exit_code == 0, result.output
    assert "plover_gsr: 1 sentences" in result.output
    assert "conflibert" not in result.output


def test_missing_data_dir_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(evaluate_cli.cli_command, ["--data-dir", str(tmp_path / "no")])
    assert result.exit_code == 2
    assert "gold data folder not found" in result.output


def test_user_gold_with_wrong_offsets_names_the_line(data_dir, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"story_id": "s1", "events": [{
        "sentence_start": 0, "sentence_end": 45, "event_type": "AGREE",
        "source": {"start": 0, "end": 5, "text": "Jordan", "code": "JOR"}}]}) + "\n")
    result = CliRunner().invoke(
        evaluate_cli.cli_command,
        ["--data-dir", str(data_dir), "--gold", "voa", "--gold-file", str(bad)],
    )
    assert result.exit_code == 1
    assert f"{bad}:1" in result.output and "'Jorda'" in result.output
