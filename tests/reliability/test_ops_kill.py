"""`dyad ingest` killed with SIGKILL mid-batch: the database stays consistent, no worker process
outlives it, and a re-run completes the batch: no article lost, none stored twice. (Articles
are committed in batches: a kill loses the batch not yet committed, which the re-run codes.)

Regression: after kill -9, the --jobs workers stayed alive as orphans holding the database.
The 20-run version is marked slow: `.venv/bin/pytest -m slow tests/reliability/test_ops_kill.py`.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from dyad.config import Settings
from dyad.pipeline import ArticleResult, Pipeline

EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))
DYAD = str(Path(sys.executable).with_name("dyad"))  # the installed command
ARTICLES = 40
OPENING_LINES = 6
# Seconds to wait for the first stored article (model loading included) and for the workers
# to be gone after their parent was killed; generous for a loaded 2-core machine.
FIRST_WRITE_TIMEOUT = 120.0
ORPHAN_TIMEOUT = 5.0
# A commit has ended when the database log has not grown for this long (a commit writes its log
# in several pieces; the next batch comes far later).
COMMIT_SETTLED = 0.05


@dataclass(frozen=True, slots=True)
class KillRun:
    stored_at_kill: int  # articles in the database right after the kill
    half_written: int  # of those, articles missing some of their sentences or events
    lost: int  # articles (or their events) missing after the re-run
    duplicated: int  # article rows or events stored more than once after the re-run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Short articles (the opening lines of the examples), each with its own numbered headline,
    so the batch is long in articles but quick to code."""
    folder = tmp_path_factory.mktemp("kill-corpus")
    openings = [
        "\n".join(path.read_text(encoding="utf-8").splitlines()[:OPENING_LINES])
        for path in sorted(EXAMPLES.glob("*.txt"))
    ]
    for number in range(ARTICLES):
        text = f"Report {number}\n\n{openings[number % len(openings)]}\n"
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> dict[str, tuple[int, int]]:
    """(sentences, events) per doc_id, coded in this process without any kill."""
    results = Pipeline(Settings()).run([corpus])
    counts = {
        item.article.doc_id: (len(item.sentences), len(item.events))
        for item in results
        if isinstance(item, ArticleResult)
    }
    assert len(counts) == ARTICLES
    return counts


def kill_mid_batch(corpus: Path, db: Path, commits: int, delay: float) -> None:
    """Start `ingest --jobs 2`, SIGKILL it ``delay`` seconds after its ``commits``-th commit of
    stored articles (growth of its database log), and check that its workers die with it."""
    errors = db.with_suffix(".stderr")
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [DYAD, "--db", str(db), "--jobs", "2", "ingest", str(corpus)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    deadline = time.monotonic() + FIRST_WRITE_TIMEOUT
    # The database is open and migrated before the workers start; from then on its log
    # (DuckDB's write-ahead log) grows with every batch of stored articles.
    while len(workers := worker_pids(process.pid)) < 2:
        assert process.poll() is None, f"ingest ended early: {errors.read_text()}"
        assert time.monotonic() < deadline, "no workers started"
        time.sleep(0.01)
    wal = db.with_name(db.name + ".wal")
    size = wal.stat().st_size if wal.exists() else 0
    grown_at = 0.0  # when the log last grew, 0 while no commit is in progress
    while commits and process.poll() is None:
        assert time.monotonic() < deadline, "nothing stored in time"
        size, before = (wal.stat().st_size if wal.exists() else 0), size
        if size > before:
            grown_at = time.monotonic()
        elif grown_at and time.monotonic() - grown_at > COMMIT_SETTLED:
            commits, grown_at = commits - 1, 0.0
        time.sleep(0.005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + ORPHAN_TIMEOUT
    while alive := [pid for pid in workers if is_running(pid)]:
        assert time.monotonic() < deadline, f"orphaned workers still running: {alive}"
        time.sleep(0.05)


def worker_pids(parent: int) -> list[int]:
    """The pool workers: the child processes of ``parent`` (forked, or spawned elsewhere than
    Linux), leaving out multiprocessing's resource tracker."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # the process ended while we looked
            continue
        if int(stat_fields[1]) == parent and b"resource_tracker" not in command:
            found.append(int(entry.name))
    return found


def is_running(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; it only waits to be reaped by init


def stored_counts(db: Path) -> tuple[dict[str, tuple[int, int]], int]:
    """(sentences, events) per stored doc_id, and the number of article rows."""
    con = duckdb.connect(str(db))
    try:
        rows = con.execute(
            """
            SELECT a.doc_id,
                   (SELECT count(*) FROM sentences s WHERE s.doc_id = a.doc_id),
                   (SELECT count(*) FROM events e WHERE e.doc_id = a.doc_id)
            FROM articles a
            """
        ).fetchall()
    finally:
        con.close()
    return {doc_id: (sentences, events) for doc_id, sentences, events in rows}, len(rows)


def kill_and_rerun(
    corpus: Path, db: Path, reference: dict[str, tuple[int, int]], commits: int, delay: float,
    rerun_jobs: int,
) -> KillRun:  # fmt: skip
    kill_mid_batch(corpus, db, commits, delay)
    after_kill, _ = stored_counts(db)
    rerun = subprocess.run(
        [DYAD, "ingest", str(corpus), "--db", str(db), "--jobs", str(rerun_jobs)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert f"duplicates (already stored): {len(after_kill)}" in rerun.stdout
    final, article_rows = stored_counts(db)
    extra_events = [final[d][1] - reference[d][1] for d in final if d in reference]
    return KillRun(
        stored_at_kill=len(after_kill),
        half_written=sum(counts != reference.get(d) for d, counts in after_kill.items()),
        lost=len(set(reference) - set(final)) + sum(-n for n in extra_events if n < 0),
        duplicated=article_rows - len(set(final)) + sum(n for n in extra_events if n > 0),
    )


def test_ingest_killed_mid_batch_keeps_a_consistent_database(corpus, reference, tmp_path):
    run = kill_and_rerun(corpus, tmp_path / "killed.duckdb", reference, 1, 0.01, rerun_jobs=1)
    assert 0 < run.stored_at_kill < ARTICLES, "the kill did not fall mid-batch"
    assert (run.half_written, run.lost, run.duplicated) == (0, 0, 0)


@pytest.mark.slow
def test_twenty_kills_lose_and_duplicate_nothing(corpus, reference, tmp_path):
    # Kills spread over the first 50 ms after the first commit: the workers have coded most of
    # the rest by then, so the next batch is written within a few tens of milliseconds, and a
    # later kill would only find a finished ingest.
    runs = [
        kill_and_rerun(
            corpus, tmp_path / f"killed-{number}.duckdb", reference,
            commits=1, delay=0.005 * (number % 10), rerun_jobs=1 + number % 2,
        )
        for number in range(20)
    ]  # fmt: skip
    totals = {
        "half_written": sum(run.half_written for run in runs),
        "lost": sum(run.lost for run in runs),
        "duplicated": sum(run.duplicated for run in runs),
    }
    print(f"stored at kill: {[run.stored_at_kill for run in runs]}; {totals}")
    assert totals == {"half_written": 0, "lost": 0, "duplicated": 0}
    assert sum(0 < run.stored_at_kill < ARTICLES for run in runs) >= len(runs) // 2
