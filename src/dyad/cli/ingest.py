"""``dyad ingest PATH...``: code articles and store them, one transaction per article."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field

import click

from dyad.cli.common import input_files, make_pipeline, report_skip
from dyad.cli.exits import CommandError, ExitCode
from dyad.config import Settings
from dyad.records import Skip

# Below this many files the run is short enough that a progress bar is only noise.
PROGRESS_MIN_FILES = 10


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    skips: list[Skip] = field(default_factory=list)

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
@click.pass_obj
def ingest(settings: Settings, paths: tuple[str, ...]) -> None:
    """Code the articles under PATH... and store them in the database (--db).

    PATH is a text, HTML or JSON Lines file, a folder of them, or - for standard input.
    An article already stored is counted as a duplicate without being coded again. Bad inputs
    are skipped, reported and recorded (see `dyad skips`), and the exit code is then 1.
    With --jobs N, N worker processes code the articles; this process alone writes.
    """
    from dyad.pipeline import KnownArticle
    from dyad.store import Store

    pipeline = make_pipeline(settings)
    files = input_files(paths)
    summary = IngestSummary()
    with Store(settings.db) as store:
        items = pipeline.run(files, is_stored=store.has_article)
        bar = (
            click.progressbar(items, label="Coding", file=sys.stderr, show_pos=True)
            if len(files) >= PROGRESS_MIN_FILES
            else nullcontext(items)
        )
        with bar as results:
            for item in results:
                if isinstance(item, Skip):
                    store.record_skip(item)
                    summary.skips.append(item)
                elif not isinstance(item, KnownArticle) and store.write(item):
                    summary.stored += 1
                    summary.events += len(item.events)
                else:
                    summary.duplicates += 1
    for skip in summary.skips:
        report_skip(skip)
    click.echo(f"{settings.db}:")
    for line in summary.lines():
        click.echo("  " + line)
    if summary.stored + summary.duplicates == 0:
        raise CommandError("no input could be read", ExitCode.SKIPPED)
    if summary.skips:
        raise click.exceptions.Exit(int(ExitCode.SKIPPED))
