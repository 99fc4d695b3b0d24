"""``dyad events``: stored events, filtered, as a table, JSON Lines or CSV."""

from __future__ import annotations

import sys
from typing import Any

import click

from dyad.cli.common import event_filters, events_table, stored_events
from dyad.config import Settings


@click.command("events")
@event_filters
@click.option(
    "--fused", is_flag=True,
    help="One row per real-world event: the reports of all articles fused, with the best "
    "evidence, its outlets (SRC) and, in jsonl, every report.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["table", "jsonl", "csv"]), default="table",
    show_default=True, help="table: aligned text; jsonl: contract records; csv: flat columns.",
)  # fmt: skip
@click.pass_obj
def events(settings: Settings, output_format: str, fused: bool, **filters: Any) -> None:
    """List the stored events matching every filter, oldest first (undated last)."""
    from dyad.export.writers import write_csv, write_jsonl

    records = stored_events(settings, fused=fused, **filters)
    if output_format == "jsonl":
        write_jsonl(records, sys.stdout)
    elif output_format == "csv":
        write_csv(records, sys.stdout)
    elif records:
        click.echo(events_table(records, fused=fused), nl=False)
    else:
        click.echo("no events match", err=True)
