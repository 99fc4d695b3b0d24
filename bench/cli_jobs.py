"""Throughput of the `dyad code` and `dyad ingest` commands, run as users run them.

    .venv/bin/python bench/cli_jobs.py [--corpus FILE_OR_FOLDER] [--jobs 1 2] [--repeat 1]

Each command runs as a subprocess (start-up, model loading and worker start included) on the
corpus (default: the VOA stories in ../shared/data/voa_news), once per --jobs value; `ingest`
writes a new database each time. Prints wall seconds, CPU seconds of the command's own process
("main": start-up, reading, cleaning, writing) and of its workers, articles/s, sentences/s and
the speed-up over the first --jobs value. With --repeat N the fastest of N runs counts.

From the CPU split it also prints the speed-up bound the main process's serial work implies on
the machine's cores (Amdahl): with --jobs N, wall >= start-up + max(main's work, (main + workers)
/ cores), start-up being the main CPU of coding one sentence. On a shared machine CPU seconds
are the fair measure; wall clock needs an idle machine. Asserts nothing; the corpus is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dyad.evaluate.report import table

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa_news" / "voa_stories.jsonl"
# The start-up measure: an article of one sentence, written for this bench.
ONE_SENTENCE = "Iraq's foreign minister met his Syrian counterpart in Baghdad on Monday.\n"
# `dyad` as the installed entry point runs it, reporting its own CPU seconds and its reaped
# workers' on standard error when it exits.
DYAD = (
    sys.executable, "-c",
    "import atexit, resource, sys\n"
    "def report():\n"
    "    own, workers = (resource.getrusage(who) for who in "
    "(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "    print('CPU', own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, "
    "file=sys.stderr)\n"
    "atexit.register(report)\n"
    "from dyad.cli import main; main()",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Timing:
    command: str
    jobs: int
    wall: float
    main_cpu: float  # the command's own process
    workers_cpu: float  # its --jobs worker processes


def timed(command: str, jobs: int, *args: str) -> tuple[Timing, str]:
    """The timing of ``dyad command --jobs jobs args...``, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(
        [*DYAD, command, "--jobs", str(jobs), *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some inputs skipped, the rest coded
        sys.exit(f"dyad {command} {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    cpu = re.findall(r"^CPU (\S+) (\S+)$", done.stderr, re.MULTILINE)[-1]
    return Timing(command, jobs, wall, float(cpu[0]), float(cpu[1])), done.stdout


def run_code(corpus: Path, jobs: int) -> Timing:
    return timed("code", jobs, str(corpus))[0]


def run_ingest(corpus: Path, jobs: int, folder: Path) -> tuple[Timing, int, int]:
    """The timing, and the articles and sentences the database holds afterwards."""
    db = folder / f"bench-{jobs}-{time.monotonic_ns()}.duckdb"
    timing, out = timed("ingest", jobs, "--db", str(db), str(corpus))
    stored = re.search(r"articles stored: (\d+)", out)
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM sentences").fetchone()
    finally:
        con.close()
    return timing, int(stored.group(1)) if stored else 0, row[0]


def amdahl_bound(one: Timing, run: Timing, startup: Timing, cores: int) -> float:
    """The best speed-up of ``run`` over the --jobs 1 run ``one`` that its CPU split allows:
    start-up is serial, the main process's own work (its CPU beyond start-up) shares the
    cores with the workers and cannot go faster than one core. The shorter of wall and CPU
    time stands for each (wall on an idle machine, CPU under load)."""
    serial = min(startup.wall, startup.main_cpu)
    main_work = max(run.main_cpu - startup.main_cpu, 0.0)
    lower = serial + max(main_work, (main_work + run.workers_cpu) / cores)
    return min(one.wall, one.main_cpu) / lower


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=VOA, help=f"default {VOA}")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="default: 1 2")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting (fastest counts)")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found")

    best: dict[tuple[str, int], Timing] = {}
    articles = sentences = 0
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        one_sentence = Path(tmp) / "one_sentence.txt"
        one_sentence.write_text(ONE_SENTENCE, encoding="utf-8")
        startup = run_code(one_sentence, 1)
        for _ in range(args.repeat):
            for jobs in args.jobs:
                runs = [run_code(args.corpus, jobs)]
                ingest, articles, sentences = run_ingest(args.corpus, jobs, Path(tmp))
                runs.append(ingest)
                for run in runs:
                    key = (run.command, run.jobs)
                    if key not in best or run.wall < best[key].wall:
                        best[key] = run
    print(f"corpus: {args.corpus} ({articles} articles, {sentences} sentences)")
    cores = os.cpu_count() or 1
    print(f"start-up (dyad code on one sentence): {startup.wall:.1f} s wall, "
          f"{startup.main_cpu:.1f} s CPU; {cores} cores")  # fmt: skip
    rows = []
    for (command, jobs), run in best.items():
        base = best[(command, args.jobs[0])]
        rows.append([
            f"dyad {command}", str(jobs), f"{run.wall:.1f}", f"{run.main_cpu:.1f}",
            f"{run.workers_cpu:.1f}", f"{articles / run.wall:.1f}",
            f"{sentences / run.wall:.0f}", f"{base.wall / run.wall:.2f}x",
            f"{amdahl_bound(base, run, startup, cores):.2f}x",
        ])  # fmt: skip
    header = [
        "command", "--jobs", "wall s", "main CPU s", "workers CPU s", "articles/s",
        "sentences/s", "speed-up", "bound",
    ]  # fmt: skip
    print(table(header, rows))


if __name__ == "__main__":
    main()
