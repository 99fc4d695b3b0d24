"""``dyad mentions FILE...``: the actor mentions found, as contract JSON Lines."""

from __future__ import annotations

import click

from dyad.cli.common import coded_articles
from dyad.config import Settings


@click.command("mentions")
@click.argument("files", nargs=-1, required=True)
@click.pass_obj
def mentions(settings: Settings, files: tuple[str, ...]) -> None:
    """Print one JSON object per actor mention in FILE... (resolved or not; actor null if not)."""
    from dyad.export.contract import mention_record
    from dyad.export.writers import json_line

    for result in coded_articles(settings, files):
        for mention in result.mentions:
            click.echo(json_line(mention_record(mention, result.article.doc_path)))
