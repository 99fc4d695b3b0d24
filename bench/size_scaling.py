"""Time and peak memory of coding one article as it grows, through ``dyad code`` as users run it.

    .venv/bin/python bench/size_scaling.py [--sizes 25000 50000 ...] [--stories PATH]

For each size, one article is built by joining Voice of America story texts (public domain,
``../shared/data/voa_news/voa_stories.jsonl``) with blank lines, cut at a paragraph or sentence
end near the size, and written to a temporary file; ``dyad code FILE`` then runs in a fresh
process per size, so its peak resident memory (``ru_maxrss`` from ``os.wait4``) is its own.
The start-up cost (imports, model loading) is measured on a one-sentence article and taken off
to give the coding time; the per-character rate of that time should stay flat (target: the
largest rate within 2x of the smallest) and peak memory under 1 GB. Both wall-clock and CPU
time (user + system, from ``os.wait4``) are shown: on a shared machine CPU time is the fair one.

Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dyad.evaluate.report import table

STORIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "voa_news" / "voa_stories.jsonl"
SIZES = (25_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)
# `dyad code` exactly as the installed entry point runs it.
DYAD_CODE = ("-c", "from dyad.cli import main; main()", "code")


@dataclass(frozen=True, slots=True)
class Run:
    chars: int
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: what the run itself cost, whatever else the machine ran
    peak_mb: float
    events: int


def build_article(stories: list[str], chars: int) -> str:
    """Stories joined by blank lines, cycling through them, cut after a sentence near ``chars``."""
    parts: list[str] = []
    length = 0
    index = 0
    while length < chars:
        story = stories[index % len(stories)]
        parts.append(story)
        length += len(story) + 2
        index += 1
    text = "\n\n".join(parts)[:chars]
    end = max(text.rfind(". "), text.rfind(".\n"))
    return text[: end + 1] if end > 0 else text


def code_in_subprocess(path: Path) -> Run:
    """Time, peak resident memory and events of ``dyad code path`` in a fresh process."""
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, *DYAD_CODE, str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdout is not None
        events = sum(1 for _ in process.stdout)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"dyad code {path} failed with exit code {process.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    chars = len(path.read_text(encoding="utf-8"))
    return Run(chars, seconds, cpu, usage.ru_maxrss / 1024, events)  # ru_maxrss: KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--stories", type=Path, default=STORIES)
    args = parser.parse_args()
    with args.stories.open(encoding="utf-8") as lines:
        stories = [json.loads(line)["text"] for line in lines if line.strip()]

    with tempfile.TemporaryDirectory() as folder:
        baseline_file = Path(folder) / "one_sentence.txt"
        baseline_file.write_text(stories[0].split(". ")[0] + ".", encoding="utf-8")
        startup = code_in_subprocess(baseline_file)
        runs = []
        for size in args.sizes:
            path = Path(folder) / f"article_{size}.txt"
            path.write_text(build_article(stories, size), encoding="utf-8")
            run = code_in_subprocess(path)
            runs.append(run)
            print(f"{run.chars:>9,} chars: {run.seconds:.1f} s", file=sys.stderr)

    wall_rates = [_per_100k(run.seconds - startup.seconds, run.chars) for run in runs]
    cpu_rates = [_per_100k(run.cpu_seconds - startup.cpu_seconds, run.chars) for run in runs]
    rows = [
        [f"{run.chars:,}", f"{run.seconds:.1f}", f"{run.cpu_seconds:.1f}", f"{wall:.2f}",
         f"{cpu:.2f}", f"{run.peak_mb:.0f}", str(run.events)]
        for run, wall, cpu in zip(runs, wall_rates, cpu_rates, strict=True)
    ]  # fmt: skip
    print(f"start-up (one sentence): {startup.seconds:.1f} s wall, {startup.cpu_seconds:.1f} s "
          f"CPU, {startup.peak_mb:.0f} MB; taken off the rates")  # fmt: skip
    header = ["chars", "wall s", "CPU s", "wall s/100k", "CPU s/100k", "peak MB", "events"]
    print(table(header, rows))
    for label, rates in (("wall", wall_rates), ("CPU", cpu_rates)):
        ratio = f"{max(rates) / min(rates):.2f}" if min(rates) > 0 else "n/a"
        print(f"{label} time per character, max / min: {ratio} (target <= 2)")
    print(f"peak memory: {max(run.peak_mb for run in runs):.0f} MB (target < 1024)")


def _per_100k(seconds: float, chars: int) -> float:
    return max(seconds, 0.0) / chars * 100_000


if __name__ == "__main__":
    main()
