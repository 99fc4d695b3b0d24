"""Parallel coding gives the same output as serial coding, and stored articles are not parsed.

Regressions: `dyad ingest --jobs 2` started a new pool of parser processes for every file, and
an article already stored was parsed in full before being recognised as a duplicate.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.cli.exits import ExitCode

EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))
ARTICLES = 6  # in the corpus below: two text files, one HTML page, three JSON Lines records


def run_dyad(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (ExitCode.OK, ExitCode.SKIPPED), result.output
    return result.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Example articles (text, HTML, JSON Lines) and an unreadable input among them."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(EXAMPLES.glob("0[3-4]_*.txt")) + sorted(EXAMPLES.glob("1[01]_*")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "06b_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


@pytest.mark.slow  # a second pool start-up; the ingest test below covers the same path
def test_code_output_is_byte_identical_for_any_jobs(corpus):
    serial = run_dyad("code", "--jobs", "1", corpus)
    parallel = run_dyad("code", "--jobs", "2", corpus)
    assert parallel == serial
    assert serial.count("\n") >= 20


def test_ingest_stores_byte_identical_events_for_any_jobs(corpus, tmp_path):
    exports = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.duckdb"
        summary = run_dyad("ingest", "--jobs", jobs, "--db", db, corpus)
        assert "inputs skipped: 1" in summary
        exports.append(run_dyad("events", "--db", db, "--format", "jsonl"))
    assert exports[0] == exports[1]
    assert exports[0].count("\n") >= 20


def test_stored_articles_are_recognised_before_parsing(corpus, tmp_path, monkeypatch):
    import dyad.pipeline

    db = tmp_path / "known.duckdb"
    run_dyad("ingest", "--db", db, corpus)
    parsed: list[str] = []
    parse = dyad.pipeline.parse_texts

    def recording_parse(nlp, texts, **options):
        for doc, item in parse(nlp, texts, **options):
            parsed.append(doc.text)
            yield doc, item

    monkeypatch.setattr(dyad.pipeline, "parse_texts", recording_parse)
    again = run_dyad("ingest", "--db", db, corpus)
    assert "articles stored: 0" in again
    assert f"duplicates (already stored): {ARTICLES}" in again
    assert not any(parsed), "an article already stored was parsed again"


def test_a_copy_within_one_batch_is_parsed_once(tmp_path, monkeypatch):
    from dyad.config import Settings
    from dyad.pipeline import ArticleResult, KnownArticle, Pipeline

    article = (EXAMPLES / "05_iran_iaea_censure.txt").read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(article, encoding="utf-8")
    items = list(Pipeline(Settings()).run([tmp_path], is_stored=lambda doc_id: False))
    assert [type(item) for item in items] == [ArticleResult, KnownArticle]


def test_a_worker_codes_in_process_with_one_model_thread():
    from dyad.config import Settings
    from dyad.pipeline import _worker_pipeline

    settings = _worker_pipeline(Settings(jobs=2, threads=0, min_confidence=0.3)).settings
    assert (settings.jobs, settings.threads, settings.min_confidence) == (1, 1, 0.3)
