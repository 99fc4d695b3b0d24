"""``dyad ingest PATH...``: code articles and store them, a batch of articles per transaction."""

from __future__ import annotations

import sys
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

import click

from dyad.cli.common import input_files, make_pipeline, report_skip
from dyad.cli.exits import CommandError, ExitCode
from dyad.config import Settings
from dyad.execute import ENGINES
from dyad.records import Skip

if TYPE_CHECKING:
    from dyad.store.rows import ArticleRows

# Below this many files the run is short enough that a progress bar is only noise. Only this
# many are listed before coding starts: a folder of millions of files is read as it is listed.
PROGRESS_MIN_FILES = 10
# Coded articles wait for their transaction until this many are ready or the oldest has waited
# this long: few enough that a kill -9 loses little (a re-run codes it again; nothing committed
# is lost or stored twice), many enough that the one process that writes stays a small part
# of the work of `--jobs N` workers.
WRITE_BATCH_ARTICLES = 64
WRITE_BATCH_SECONDS = 0.5


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    skips: list[Skip] = field(default_factory=list)

    def add(self, batch: list[ArticleRows], stored: list[bool]) -> None:
        """Count a written batch: ``stored`` says, per article, whether it was new."""
        for rows, new in zip(batch, stored, strict=True):
            self.stored += new
            self.duplicates += not new
            self.events += len(rows.events) if new else 0

    def lines(self) -> list[str]:
        lines = [
            f"articles stored: {self.stored}",
            f"duplicates (already stored): {self.duplicates}",
            f"events stored: {self.events}",
            f"inputs skipped: {len(self.skips)}",
        ]
        reasons = Counter(skip.reason for skip in self.skips)
        lines += [f"  {reason}: {count}" for reason, count in sorted(reasons.items())]
        return lines


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
    help="local: this process, or a pool of --jobs processes; dask: a Dask cluster (--scheduler, "
    "else a local one of --jobs workers; needs pip install 'dyad[scale]').",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786) for --engine dask.",
)  # fmt: skip
@click.pass_obj
def ingest(settings: Settings, paths: tuple[str, ...], engine: str, scheduler: str | None) -> None:
    """Code the articles under PATH... and store them in the database (--db).

    PATH is a text, HTML or JSON Lines file, a folder of them, or - for standard input.
    An article already stored is counted as a duplicate without being coded again. Bad inputs
    are skipped, reported and recorded (see `dyad skips`), and the exit code is then 1.
    With --jobs N, N worker processes code the articles; this process alone writes, except
    into a Parquet dataset (--db parquet:DIR), which the workers write (docs/scale.md).
    """
    from dyad.execute.batch import ingest_scaled
    from dyad.pipeline import KnownArticle
    from dyad.store import Store
    from dyad.store.parquet import parquet_folder
    from dyad.store.rows import article_rows

    pipeline = make_pipeline(settings)
    files = input_files(paths)
    summary = IngestSummary()
    if engine == "dask" or parquet_folder(settings.db) is not None:
        ingest_scaled(settings, pipeline, files, summary, engine, scheduler)
        _report(settings, summary)
        return
    first_files = list(islice(files, PROGRESS_MIN_FILES))  # before the database file exists
    with Store(settings.db) as store:
        items = pipeline.run(
            chain(first_files, files), is_stored=store.has_article, finish=article_rows
        )
        bar = (  # counts the articles coded (a file may hold many): no total is known
            click.progressbar(items, label="Coding", file=sys.stderr, show_pos=True)
            if len(first_files) >= PROGRESS_MIN_FILES
            else nullcontext(items)
        )
        batch: list[ArticleRows] = []
        with bar as results:
            for item in results:
                if isinstance(item, Skip):
                    store.record_skip(item)
                    summary.skips.append(item)
                elif isinstance(item, KnownArticle):
                    summary.duplicates += 1
                else:
                    if not batch:
                        oldest = time.monotonic()
                    batch.append(item)
                if batch and (
                    len(batch) >= WRITE_BATCH_ARTICLES
                    or time.monotonic() - oldest >= WRITE_BATCH_SECONDS
                ):
                    summary.add(batch, store.write_batch(batch))
                    batch = []
        summary.add(batch, store.write_batch(batch))
    _report(settings, summary)


def _report(settings: Settings, summary: IngestSummary) -> None:
    """The skips, the counts, and the exit code they call for."""
    for skip in summary.skips:
        report_skip(skip)
    click.echo(f"{settings.db}:")
    for line in summary.lines():
        click.echo("  " + line)
    if summary.stored + summary.duplicates == 0:
        raise CommandError("no input could be read", ExitCode.SKIPPED)
    if summary.skips:
        raise click.exceptions.Exit(int(ExitCode.SKIPPED))
