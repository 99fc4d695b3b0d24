"""``dyad code FILE...``: contract JSON Lines on standard output, no database."""

from __future__ import annotations

import click

from dyad.cli.common import coded_articles
from dyad.config import Settings


@click.command("code")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--explain",
    is_flag=True,
    help="Add an 'explain' object per event: which component decided each field (model "
    "scores, rule names).",
)
@click.pass_obj
def code(settings: Settings, files: tuple[str, ...], explain: bool) -> None:
    """Code FILE... and print one JSON object per event (the contract record).

    Reports of one event in different articles of the batch share a cluster_id (cross-article
    fusion within the batch, as the store does across all it holds), so events are printed once
    the whole batch is coded. Skipped inputs are reported on standard error with their reason;
    the exit code is non-zero only when no input could be read.
    """
    from dyad.export.contract import event_record
    from dyad.export.writers import json_line
    from dyad.store.fusion import batch_cluster_facts

    coded = []
    try:
        for result in coded_articles(settings, files):
            coded.append((result.article, result.events))
    finally:  # the events coded so far, also when the batch ends with an error exit code
        facts = batch_cluster_facts(coded)
        for _, events in coded:
            for event in events:
                record = event_record(event, facts[event.event_id])
                if explain:
                    record["explain"] = dict(event.trace) or {"event": "lexicon and parse rules"}
                click.echo(json_line(record))
