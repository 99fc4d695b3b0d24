"""``dyad mentions FILE...``: the actor mentions found, as contract JSON Lines."""

from __future__ import annotations

import click

from dyad.cli.common import make_pipeline, report_skip
from dyad.config import Settings
from dyad.records import Skip


@click.command("mentions")
@click.argument("files", nargs=-1, required=True)
@click.pass_obj
def mentions(settings: Settings, files: tuple[str, ...]) -> None:
    """Print one JSON object per actor mention in FILE... (resolved or not; actor null if not)."""
    from dyad.export.contract import mention_record
    from dyad.export.writers import json_line

    read = 0
    for item in make_pipeline(settings).run(files):
        if isinstance(item, Skip):
            report_skip(item)
            continue
        read += 1
        for mention in item.mentions:
            click.echo(json_line(mention_record(mention, item.article.doc_path)))
    if read == 0:
        raise click.ClickException("no input could be read")
