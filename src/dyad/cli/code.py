"""``dyad code FILE...``: contract JSON Lines on standard output, no database."""

from __future__ import annotations

import click

from dyad.cli.common import keep_record, make_pipeline, report_skip
from dyad.config import Settings
from dyad.records import Skip


@click.command("code")
@click.argument("files", nargs=-1, required=True)
@click.pass_obj
def code(settings: Settings, files: tuple[str, ...]) -> None:
    """Code FILE... and print one JSON object per event (the contract record).

    Skipped inputs are reported on standard error with their reason; the exit code is non-zero
    only when no input could be read.
    """
    from dyad.export.contract import event_record
    from dyad.export.writers import json_line

    read = 0
    for item in make_pipeline(settings).run(files):
        if isinstance(item, Skip):
            report_skip(item)
            continue
        read += 1
        for event in item.events:
            record = event_record(event)
            if keep_record(record, settings):
                click.echo(json_line(record))
    if read == 0:
        raise click.ClickException("no input could be read")
