"""``dyad fuse``: fuse stored events across articles (ingest does it as articles arrive)."""

from __future__ import annotations

import click

from dyad.config import Settings


@click.command("fuse")
@click.option(
    "--rebuild", is_flag=True,
    help="Fuse every stored event from scratch (after editing data/fusion.toml, say) instead "
    "of only the events stored before fusion existed.",
)  # fmt: skip
@click.pass_obj
def fuse(settings: Settings, rebuild: bool) -> None:
    """Group the stored reports of one real-world event into one cluster (see docs/fusion.md).

    `dyad ingest` fuses each article as it is stored; this command fuses a database written by
    an older dyad, or, with --rebuild, all of it again. The result is the same whatever the
    order the articles were stored in.
    """
    from dyad.store import Store

    with Store(settings.db) as store:
        done = store.fuse(rebuild=rebuild)
    click.echo(f"{settings.db}: {done.articles} articles fused")
    click.echo(f"  events: {done.events}")
    click.echo(f"  clusters: {done.clusters}")
    click.echo(f"  clusters told by more than one article: {done.multi_report}")
