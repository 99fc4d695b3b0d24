"""``dyad export``: stored events to a JSON Lines, CSV or Parquet file."""

from __future__ import annotations

import sys
from typing import Any

import click

from dyad.cli.common import event_filters, stored_events
from dyad.config import Settings
from dyad.export.writers import FORMATS


@click.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="jsonl", show_default=True,
    help="jsonl: contract records; csv: flat columns; parquet: contract records, nested.",
)  # fmt: skip
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write (- for standard output, not for parquet).",
)  # fmt: skip
@event_filters
@click.pass_obj
def export(settings: Settings, output_format: str, output: str, **filters: Any) -> None:
    """Write the stored events (all, or those matching the filters) to a file.

    The file is written beside OUTPUT under a temporary name and renamed over it when complete;
    only a regular file is replaced (never a link, pipe or device).
    """
    from dyad.export.output_file import check_output_path, written_atomically
    from dyad.export.writers import write_csv, write_jsonl, write_parquet

    if output_format == "parquet" and output == "-":
        raise click.BadParameter("parquet needs a file name", param_hint="--output")
    if output != "-":
        check_output_path(output)  # before the query: a bad path fails fast
    records = stored_events(settings, **filters)
    if output_format == "parquet":
        count = write_parquet(records, output)
    else:
        writer = write_jsonl if output_format == "jsonl" else write_csv
        if output == "-":
            count = writer(records, sys.stdout)
        else:
            with written_atomically(output) as partial, partial.open(
                "w", encoding="utf-8", newline=""
            ) as out:
                count = writer(records, out)
    click.echo(f"{count} events written to {output}", err=True)
