"""Every command through click's CliRunner, with a fake pipeline standing in for the NLP stages.

The fake codes any non-empty text file as the border article of dyad_fakes (its doc_id taken
from the file's text, so the same text twice is the same article) and skips empty files.
"""

import csv
import io
import json
import subprocess
import sys
import types
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from dyad_fakes import border_article

from dyad.cli import main
from dyad.export.contract import ClusterFacts, event_record
from dyad.records import Skip


class FakePipeline:
    instances = 0
    last_settings = None

    def __init__(self, settings):
        self.settings = settings
        FakePipeline.instances += 1
        FakePipeline.last_settings = settings

    def run(self, paths, is_stored=None, finish=lambda result: result):
        for item in paths:
            path = Path(item)
            if not path.is_file():
                yield Skip(str(path), "not_found", f"{path}: no such file or folder")
                continue
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                yield Skip(str(path), "empty", f"{path}: the file is empty")
                continue
            result = border_article("doc-" + sha1(text.encode()).hexdigest()[:8])
            known = is_stored is not None and is_stored(result.article.doc_id)
            yield KnownArticle(result.article) if known else finish(result)


@dataclass(frozen=True)
class KnownArticle:
    article: object


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    module = types.ModuleType("dyad.pipeline")
    module.Pipeline = FakePipeline
    module.KnownArticle = KnownArticle
    monkeypatch.setitem(sys.modules, "dyad.pipeline", module)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("first report", encoding="utf-8")
    (folder / "b.txt").write_text("second report", encoding="utf-8")
    (folder / "copy-of-a.txt").write_text("first report", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "test.duckdb")


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return result


def test_ingest_stores_each_article_once_and_summarises(inputs, db):
    result = run("--db", db, "ingest", inputs)
    assert result.exit_code == 1, result.output  # an input was skipped
    assert "articles stored: 2" in result.stdout
    assert "duplicates (already stored): 1" in result.stdout
    assert "events stored: 8" in result.stdout
    assert "inputs skipped: 1" in result.stdout
    assert "  empty: 1" in result.stdout
    assert f"skipped (empty) {inputs / 'empty.txt'}" in result.stderr


def test_ingest_twice_reports_duplicates(inputs, db):
    run("--db", db, "ingest", inputs / "a.txt")
    result = run("--db", db, "ingest", inputs / "a.txt")
    assert "articles stored: 0" in result.stdout
    assert "duplicates (already stored): 1" in result.stdout
    assert result.exit_code == 0


def test_ingest_fails_only_when_nothing_could_be_read(inputs, db):
    result = run("--db", db, "ingest", inputs / "empty.txt", inputs / "missing.txt")
    assert result.exit_code == 1
    assert "no input could be read" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_shows_progress_for_many_files(tmp_path, db):
    for number in range(12):
        (tmp_path / f"r{number:02d}.txt").write_text(f"report {number}", encoding="utf-8")
    result = run("--db", db, "ingest", tmp_path)
    assert "Coding" in result.stderr
    assert "articles stored: 12" in result.stdout


def test_skips_lists_recorded_skips(inputs, db):
    run("--db", db, "ingest", inputs)
    result = run("--db", db, "skips", "--format", "jsonl")
    [skip] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (skip["input"], skip["reason"]) == (str(inputs / "empty.txt"), "empty")


def test_code_prints_contract_jsonl_without_a_database(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("code", inputs / "a.txt", inputs / "empty.txt")
    assert result.exit_code == 1  # an input was skipped
    records = [json.loads(line) for line in result.stdout.splitlines()]
    events = border_article(records[0]["doc_id"]).events
    # Fused within the batch: four different events, each a cluster of one report.
    expected = [event_record(e, ClusterFacts(e.event_id, 1, 1, "2025-01-14")) for e in events]
    assert records == expected
    assert "skipped" in result.stderr and "empty" in result.stderr
    assert not (tmp_path / "dyad.duckdb").exists()


@pytest.mark.parametrize(
    ("flags", "env", "min_confidence", "include_flagged"),
    [
        ([], {}, 0.0, True),
        (["--no-include-flagged"], {}, 0.0, False),
        (["--min-confidence", "0.75"], {}, 0.75, True),
        ([], {"DYAD_MIN_CONFIDENCE": "0.75"}, 0.75, True),
        (["--min-confidence", "0.5"], {"DYAD_MIN_CONFIDENCE": "0.75"}, 0.5, True),
    ],
    ids=["defaults", "no-flagged", "min-confidence", "from-environment", "flag-beats-environment"],
)
def test_output_settings_reach_the_pipeline(inputs, flags, env, min_confidence, include_flagged):
    # The pipeline applies them (tests/test_pipeline.py); the CLI must hand them over.
    result = run(*flags, "code", inputs / "a.txt", env=env)
    assert result.exit_code == 0
    assert FakePipeline.last_settings.min_confidence == min_confidence
    assert FakePipeline.last_settings.include_flagged is include_flagged


def test_mentions_prints_contract_mentions(inputs):
    result = run("mentions", inputs / "a.txt")
    mentions = [json.loads(line) for line in result.stdout.splitlines()]
    assert [m["text"] for m in mentions][:2] == ["Iraqi intelligence", "al-Sharaa"]
    assert mentions[1]["actor"]["id"] == "person.ahmed-al-sharaa"
    unresolved = next(m for m in mentions if m["text"] == "Iraqi soldiers")
    assert unresolved["actor"] is None


@pytest.fixture
def stored(inputs, db):
    run("--db", db, "ingest", inputs / "a.txt")
    return db


def test_events_jsonl_is_the_contract_shape(stored):
    result = run("--db", stored, "events", "--format", "jsonl")
    lines = result.stdout.splitlines()
    records = [json.loads(line) for line in lines]
    events = border_article(records[0]["doc_id"]).events
    # Four different events of one article: four clusters of one report each.
    expected = [event_record(e, ClusterFacts(e.event_id, 1, 1, "2025-01-14")) for e in events]
    assert lines == [json.dumps(r, ensure_ascii=False) for r in expected]


@pytest.mark.parametrize(
    ("args", "types_"),
    [
        (["--actor", "SYR"], ["CONSULT", "ACCUSE", "CONSULT"]),
        (["--dyad", "Baghdad", "SYRGOV"], ["ACCUSE"]),
        (["--type", "assault"], ["ASSAULT"]),
        (["--quad", "1"], ["CONSULT", "CONSULT"]),
        (["--since", "2025-01", "--until", "2025-01-10"], ["ACCUSE"]),
        (["--limit", "1"], ["CONSULT"]),
    ],
    ids=["actor", "dyad", "type", "quad", "dates", "limit"],
)
def test_events_filters(stored, args, types_):
    result = run("--db", stored, "events", "--format", "jsonl", *args)
    assert [json.loads(line)["event_type"] for line in result.stdout.splitlines()] == types_


def test_events_table_is_aligned_with_evidence(stored):
    result = run("--db", stored, "events")
    header, first, *_ = result.stdout.splitlines()
    assert header.split()[:7] == ["DATE", "TYPE", "Q", "SOURCE", "TARGET", "CONF", "EVIDENCE"]
    assert first.startswith("2024-12-29  CONSULT")
    assert "Ahmed al-Sharaa" in first
    assert header.index("EVIDENCE") == first.index("Iraqi intelligence chief")


def test_events_csv_has_flat_columns(stored):
    result = run("--db", stored, "events", "--format", "csv", "--type", "ACCUSE")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["source_id"], row["target_code"]) == ("irq.gov", "SYRGOV")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--actor", "Atlantis"], "no stored actor matches 'Atlantis'"),
        (["events", "--since", "soon"], "not a date"),
        (["brief", "IRQ", "Narnia"], "no stored actor matches 'Narnia'"),
    ],
    ids=["unknown-actor", "bad-date", "brief-unknown-actor"],
)
def test_user_errors_are_one_line_messages(stored, args, message):
    result = run("--db", stored, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_query_without_a_database_says_what_to_do(tmp_path):
    result = run("--db", tmp_path / "none.duckdb", "events")
    assert result.exit_code == 3
    assert "dyad ingest" in result.stderr


@pytest.mark.parametrize("output_format", ["jsonl", "csv", "parquet"])
def test_export_writes_a_readable_file(stored, tmp_path, output_format):
    out = tmp_path / f"events.{output_format}"
    result = run("--db", stored, "export", "--format", output_format, "--output", out)
    assert result.exit_code == 0, result.output
    assert "4 events written" in result.stderr
    reader = {"jsonl": "read_json", "csv": "read_csv", "parquet": "read_parquet"}[output_format]
    count = duckdb.connect().execute(f"SELECT count(*) FROM {reader}('{out}')").fetchone()[0]
    assert count == 4


def test_export_with_a_filter(stored, tmp_path):
    out = tmp_path / "q4.jsonl"
    run("--db", stored, "export", "--output", out, "--quad", "4")
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["event_type"] == "ASSAULT"


def test_brief_text_and_json(stored):
    text = run("--db", stored, "brief", "IRQ", "SYR").stdout
    assert text.startswith("Relations brief: IRQ — SYR")
    data = json.loads(run("--db", stored, "brief", "IRQ", "SYR", "--format", "json").stdout)
    # Events 0, 1 and 3 (hypothetical, so not counted) are between Iraq and Syria.
    counts = data["counts"]
    assert (counts["events"], counts["counted"], counts["flagged"]) == (3, 2, 1)


def test_config_file_sets_the_database(inputs, tmp_path):
    config = tmp_path / "my.toml"
    config.write_text(f'db = "{tmp_path / "from-config.duckdb"}"\n', encoding="utf-8")
    run("--config", config, "ingest", inputs / "a.txt")
    assert (tmp_path / "from-config.duckdb").exists()


def test_bad_config_is_a_clear_error(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("colour = 'blue'\n", encoding="utf-8")
    result = run("--config", config, "events")
    assert result.exit_code == 2
    assert "unknown setting 'colour'" in result.stderr


def test_demo_codes_the_examples_and_briefs_the_busiest_dyad(monkeypatch, tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "one.txt").write_text("an example report", encoding="utf-8")
    monkeypatch.setattr("dyad.cli.demo.examples_folder", lambda: examples)
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "Coded 4 events from 1 example articles" in result.stdout
    assert "2024-12-29  CONSULT" in result.stdout
    assert "Relations brief: IRQ — SYR" in result.stdout


def test_help_lists_commands_without_importing_them():
    code = (
        "import sys; from click.testing import CliRunner; from dyad.cli import main; "
        "out = CliRunner().invoke(main, ['--help']).output; "
        "print('ingest' in out and 'brief' in out, 'duckdb' in sys.modules, "
        "'spacy' in sys.modules)"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src)},
        check=True,
    )
    assert done.stdout.split() == ["True", "False", "False"]


def test_events_can_leave_out_repeated_tellings(db):
    from dyad_fakes import retold_article

    from dyad.store import Store

    with Store(db) as store:
        store.write(retold_article("rep"))
    every = run("--db", db, "events", "--format", "jsonl").stdout.splitlines()
    unique = run("--db", db, "events", "--no-repeats", "--format", "jsonl").stdout.splitlines()
    assert len(every) == 2
    assert [json.loads(line)["event_id"] for line in unique] == ["rep:0"]
