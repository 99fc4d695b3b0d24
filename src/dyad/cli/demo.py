"""``dyad demo``: code the example articles shipped with dyad and brief on the busiest dyads."""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from importlib import resources
from pathlib import Path

import click

from dyad.cli.common import events_table, input_files, make_pipeline, report_skip
from dyad.config import Settings
from dyad.records import Skip

# How many of the busiest country pairs get a brief after the events table.
DEMO_BRIEFS = 2


def examples_folder() -> Path:
    """The example articles in the installed package (``dyad/data/examples``)."""
    return Path(str(resources.files("dyad") / "data" / "examples"))


@click.command("demo")
@click.option(
    "--into", type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the database in this file (default: a new one in the temporary folder).",
)  # fmt: skip
@click.pass_obj
def demo(settings: Settings, into: Path | None) -> None:
    """Code the bundled example articles, store them, and print the coded events as a table
    followed by a relations brief for the most active country pairs (e.g. IRQ-SYR)."""
    from dyad.analyze.brief import build_brief
    from dyad.analyze.render import brief_as_text
    from dyad.ingest import FORMAT_BY_SUFFIX
    from dyad.store import Store

    # Only article files: the folder's README.md is documentation, not an example.
    files = [f for f in input_files([str(examples_folder())]) if Path(f).suffix in FORMAT_BY_SUFFIX]
    if not files:
        raise click.ClickException(f"no example articles found in {examples_folder()}")
    pipeline = make_pipeline(settings)
    # The database is kept either way: the command printed at the end serves it.
    folder = nullcontext(tempfile.mkdtemp(prefix="dyad-demo-") if into is None else None)
    with folder as tmp:
        db = into if into is not None else Path(tmp) / "demo.duckdb"
        with Store(db) as store:
            for item in pipeline.run(files):
                if isinstance(item, Skip):
                    report_skip(item)
                    store.record_skip(item)
                else:
                    store.write(item)
            records = store.events()  # the pipeline already applied the output settings
            stats = store.stats()
            click.echo(
                f"Coded {stats['events']} events from {stats['articles']} example articles "
                f"({len(files)} files in {examples_folder()}).\n"
            )
            click.echo(events_table(records) if records else "no events coded\n")
            for side_a, side_b, _ in store.top_country_dyads(DEMO_BRIEFS):
                report = build_brief(store, side_a, side_b, min_confidence=settings.min_confidence)
                click.echo("\n" + brief_as_text(report), nl=False)
        click.echo(f"\nDatabase kept in {db}; try `dyad --db {db} events --actor SYR`.")
        click.echo(f"Browse it in the workbench (web pages and JSON API): dyad --db {db} serve")
