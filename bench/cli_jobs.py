"""Throughput of the `dyad code` and `dyad ingest` commands, run as users run them.

    .venv/bin/python bench/cli_jobs.py [--corpus FILE_OR_FOLDER] [--jobs 1 2] [--repeat 1]

Each command runs as a subprocess (start-up, model loading and worker start included) on the
corpus (default: the VOA stories in ../shared/data/voa_news), once per --jobs value; `ingest`
writes a new database each time. Prints wall seconds, CPU seconds of the command and its
workers (far above wall x jobs: other work shares the machine), articles/s, sentences/s and the
speed-up over the first --jobs value. With --repeat N the fastest of N runs counts.
Asserts nothing; the corpus is only read.
"""

from __future__ import annotations

import argparse
import re
import resource
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
DYAD = str(Path(sys.executable).with_name("dyad"))


@dataclass(frozen=True, slots=True)
class Timing:
    command: str
    jobs: int
    wall: float
    cpu: float


def timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the process and its children, standard output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: some inputs skipped, the rest coded
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def run_code(corpus: Path, jobs: int) -> Timing:
    wall, cpu, _ = timed([DYAD, "code", "--jobs", str(jobs), str(corpus)])
    return Timing("code", jobs, wall, cpu)


def run_ingest(corpus: Path, jobs: int, folder: Path) -> tuple[Timing, int, int]:
    """The timing, and the articles and sentences the database holds afterwards."""
    db = folder / f"bench-{jobs}-{time.monotonic_ns()}.duckdb"
    wall, cpu, out = timed([DYAD, "ingest", "--jobs", str(jobs), "--db", str(db), str(corpus)])
    stored = re.search(r"articles stored: (\d+)", out)
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM sentences").fetchone()
    finally:
        con.close()
    return Timing("ingest", jobs, wall, cpu), int(stored.group(1)) if stored else 0, row[0]


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
    rows = []
    for (command, jobs), run in best.items():
        base = best[(command, args.jobs[0])]
        rows.append([
            f"dyad {command}", str(jobs), f"{run.wall:.1f}", f"{run.cpu:.1f}",
            f"{articles / run.wall:.1f}", f"{sentences / run.wall:.0f}",
            f"{base.wall / run.wall:.2f}x",
        ])  # fmt: skip
    header = ["command", "--jobs", "wall s", "cpu s", "articles/s", "sentences/s", "speed-up"]
    print(table(header, rows))


if __name__ == "__main__":
    main()
