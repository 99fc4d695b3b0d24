"""``dyad brief A B``: the relations brief for two actors, as text, Markdown, HTML or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dyad.config import Settings

# The formats of dyad.analyze.render (not imported here: `dyad --help` stays fast).
FORMATS = ("text", "md", "html", "json")


@click.command("brief")
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--since", help="First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
    help="text: for the terminal; md: Markdown (with -o, the chart as a PNG beside it); "
    "html: one self-contained page; json: the documented data (docs/brief.md).",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False),
    help="File to write (default: standard output).",
)  # fmt: skip
@click.pass_obj
def brief(
    settings: Settings,
    actor_a: str,
    actor_b: str,
    since: str | None,
    until: str | None,
    output_format: str,
    output: str | None,
) -> None:
    """Relations between ACTOR_A and ACTOR_B: cooperation and conflict per month (a chart),
    the trend with its uncertainty, key events with their number of sources, third parties,
    positions inside each side and open questions; every statement quotes its sentence.

    An actor is an id (person.ahmed-al-sharaa), a code (IRQ: every Iraqi actor; SYRGOV) or a
    name or alias (al-Sharaa). Negated, hypothetical and historical events are not counted.
    """
    from dyad.analyze.brief import build_brief
    from dyad.analyze.render import render_brief
    from dyad.export.output_file import check_output_path, written_atomically
    from dyad.store.parquet import open_store  # a DuckDB file or a Parquet dataset

    if output is not None:
        check_output_path(output)  # before the work: a bad path fails fast
    with open_store(settings.db, read_only=True) as store:
        report = build_brief(
            store, actor_a, actor_b, since=since, until=until,
            min_confidence=settings.min_confidence,
        )  # fmt: skip
    files = render_brief(report, output_format, Path(output) if output else None)
    for path, content in files.items():
        if path is None:
            sys.stdout.write(content.decode("utf-8"))
            continue
        with written_atomically(path) as partial:
            partial.write_bytes(content)
        click.echo(f"brief written to {path}", err=True)
