"""``dyad skips``: the inputs that were not stored, and why."""

from __future__ import annotations

import click

from dyad.config import Settings


@click.command("skips")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "jsonl"]), default="table",
    show_default=True,
)  # fmt: skip
@click.pass_obj
def skips(settings: Settings, output_format: str) -> None:
    """List the recorded skipped inputs: when, which input, the reason code and the detail."""
    from dyad.export.writers import json_line
    from dyad.store.parquet import open_store  # a DuckDB file or a Parquet dataset

    with open_store(settings.db, read_only=True) as store:
        records = store.skips()
    if output_format == "jsonl":
        for record in records:
            click.echo(json_line(record))
        return
    if not records:
        click.echo("no skipped inputs recorded", err=True)
    for record in records:
        click.echo(f"{record['at']}  {record['input']}  {record['reason']}  {record['detail']}")
