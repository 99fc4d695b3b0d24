"""Scale: `dyad ingest` into a Parquet dataset on each executor, at 1 and 2 workers.

    .venv/bin/python bench/scale.py                   # 10,000 generated articles (the real run)
    .venv/bin/python bench/scale.py --articles 300    # a quick one
    .venv/bin/python bench/scale.py --engines pool dask --workers 2 --coder rules

The corpus is generated from the VOA stories (../shared/data/voa_news) and the bundled example
articles: each copy gets its own dateline (city, date) and reporter line, so every copy is a
distinct article (its own doc_id) with its own publication month. It is written as gzip JSON
Lines shards of 1,000 articles, the way a large corpus arrives.

Each configuration runs `dyad ingest --db parquet:OUT` as a subprocess (start-up and model
loading included): in-process (`--jobs 1`), the local pool (`--jobs N`) and Dask (`--engine dask
--jobs N`, a LocalCluster of N worker processes). Every process of the run is sampled for its
memory (RSS) and CPU time. Printed per run: wall seconds, CPU seconds (all processes), articles
and sentences per wall second and per CPU second, the peak RSS of the largest worker process
(and of the main process), and the wall-clock speed-up over 1 worker of the same engine. On a
machine shared with other work, wall times (and so the speed-up) are distorted; CPU seconds are
not. Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

import duckdb
import psutil

from dyad.evaluate.report import table

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa_news" / "voa_stories.jsonl"
EXAMPLES = REPO / "src" / "dyad" / "data" / "examples"
DYAD = str(Path(sys.executable).with_name("dyad"))
SHARD_ARTICLES = 1000
SAMPLE_SECONDS = 0.2
# Datelines and reporters the copies rotate through (names made up for the bench).
CITIES = ("Baghdad", "Damascus", "Ankara", "Amman", "Beirut", "Erbil", "Cairo", "Doha")
REPORTERS = ("Lina Haddad", "Omar Farouk", "Sara Kaya", "Yusuf Demir", "Maya Aziz", "Adam Noor")
ENGINES = {"in-process": ("local", 1), "pool": ("local", None), "dask": ("dask", None)}


def base_stories() -> list[dict[str, str]]:
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    for path in sorted(EXAMPLES.glob("*.txt")):
        stories.append({"title": path.stem, "text": path.read_text(encoding="utf-8")})
    return [{"title": s.get("title", ""), "text": s["text"]} for s in stories]


def write_corpus(folder: Path, articles: int) -> None:
    """``articles`` distinct copies of the base stories, as gzip JSON Lines shards."""
    stories = cycle(base_stories())
    start = dt.date(2023, 1, 1)
    shard: list[str] = []
    for number in range(articles):
        story = next(stories)
        date = start + dt.timedelta(days=number % 730)
        city, reporter = CITIES[number % len(CITIES)], REPORTERS[number % len(REPORTERS)]
        # A story and a date pair once in 35,770 copies (98 stories, 730 days): ids differ.
        text = f"{city}, {date:%B %-d, %Y} —\n\n{story['text']}\n\nReporting by {reporter}."
        shard.append(json.dumps({"id": f"bench-{number}", "title": story["title"],
                                 "date": date.isoformat(), "text": text}))  # fmt: skip
        if len(shard) == SHARD_ARTICLES or number == articles - 1:
            path = folder / f"shard-{number // SHARD_ARTICLES:05d}.jsonl.gz"
            path.write_bytes(gzip.compress(("\n".join(shard) + "\n").encode()))
            shard = []


@dataclass
class Sampler:
    """Peak RSS and last CPU time of every process in the tree of ``root``, sampled."""

    root: psutil.Process
    peak_rss: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                self.peak_rss[process.pid] = max(self.peak_rss.get(process.pid, 0), rss)
                self.cpu[process.pid] = times.user + times.system
            self.stop.wait(SAMPLE_SECONDS)


@dataclass(frozen=True)
class Run:
    engine: str
    workers: int
    wall: float
    cpu: float
    main_cpu: float
    articles: int
    sentences: int
    main_rss_mb: float
    worker_rss_mb: float


def ingest(corpus: Path, out: Path, engine: str, workers: int, coder: str) -> Run:
    backend, fixed = ENGINES[engine]
    jobs = fixed or workers
    command = [DYAD, "--coder", coder, "ingest", "--db", f"parquet:{out}", "--jobs", str(jobs),
               "--engine", backend, str(corpus)]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(psutil.Process(process.pid))
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    sampler.stop.set()
    thread.join()
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {stderr.strip()[-2000:]}")
    # The main process's rusage counts its waited-for children (every worker) too.
    cpu = usage.ru_utime + usage.ru_stime
    workers_rss = [rss for pid, rss in sampler.peak_rss.items() if pid != process.pid]
    con = duckdb.connect()
    articles, sentences = (
        con.execute(f"SELECT count(*) FROM read_parquet('{out}/{table}/*/*.parquet')").fetchone()[0]
        for table in ("articles", "sentences")
    )
    return Run(engine, jobs, wall, cpu, sampler.cpu.get(process.pid, 0.0), articles, sentences,
               sampler.peak_rss.get(process.pid, 0) / 2**20,
               max(workers_rss, default=0) / 2**20)  # fmt: skip


def report(runs: list[Run]) -> str:
    one = {run.engine: run.wall for run in runs if run.workers == 1}
    rows = [
        [run.engine, run.workers, run.articles, run.sentences, f"{run.wall:.1f}",
         f"{run.cpu:.1f}", f"{run.main_cpu:.1f}", f"{run.articles / run.wall:.2f}",
         f"{run.sentences / run.wall:.1f}", f"{run.articles / run.cpu:.2f}",
         f"{run.sentences / run.cpu:.1f}", f"{run.main_rss_mb:.0f}",
         f"{run.worker_rss_mb:.0f}" if run.worker_rss_mb else "-",
         f"{one[run.engine] / run.wall:.2f}x" if run.engine in one else "-"]
        for run in runs
    ]  # fmt: skip
    header = ["engine", "workers", "articles", "sentences", "wall s", "CPU s", "main CPU s",
              "art/s", "sent/s", "art/CPU s", "sent/CPU s", "main MB", "worker MB",
              "speed-up"]  # fmt: skip
    return table(header, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--coder", choices=["hybrid", "rules"], default="hybrid")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dyad-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles)
        runs = []
        for engine in args.engines:
            for workers in [1] if engine == "in-process" else args.workers:
                out = Path(tmp) / f"out-{engine}-{workers}"
                runs.append(ingest(corpus, out, engine, workers, args.coder))
                print(f"{engine} x{workers}: {runs[-1].wall:.1f} s wall", file=sys.stderr)
        load = os.getloadavg()
        print(f"{args.articles} generated articles, coder {args.coder}, {os.cpu_count()} cores, "
              f"load average {load[0]:.1f} at the end")  # fmt: skip
        print(report(runs))


if __name__ == "__main__":
    main()
