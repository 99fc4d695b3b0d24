"""``dyad serve``: the analyst's workbench (web pages and JSON API) over the database."""

from __future__ import annotations

import secrets

import click

from dyad.config import Settings


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default is reachable from this machine only; 0.0.0.0 "
    "opens the workbench to every machine that can reach this one.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Open the database for writing and accept article uploads (with the token).",
)
@click.option(
    "--token", envvar="DYAD_SERVE_TOKEN",
    help="Token uploads must carry [env: DYAD_SERVE_TOKEN]. With --allow-ingest on this "
    "machine's address and no token, one is made up and printed; on another address, "
    "uploads stay off without one.",
)  # fmt: skip
@click.pass_obj
def serve(settings: Settings, host: str, port: int, allow_ingest: bool, token: str | None) -> None:
    """Serve the workbench over the database (--db): busiest dyads, dyad briefs, the event
    table, articles with their mentions and events, actors, the network, search, and the same
    data as JSON (/api/docs).

    The database is opened read-only (while it is served, `dyad ingest` cannot write to it);
    every query has a row cap and a time limit.
    """
    import uvicorn

    from dyad.cli.common import make_pipeline
    from dyad.serve.access import ServeConfig, is_loopback
    from dyad.serve.app import create_app

    if allow_ingest and not token:
        if is_loopback(host):
            token = secrets.token_urlsafe(16)
            click.echo(f"Upload token (made up for this run): {token}", err=True)
        else:
            click.echo(
                f"uploads refused: --host {host} is reachable from other machines and no "
                "--token was given",
                err=True,
            )
    config = ServeConfig(
        db=settings.db, host=host, port=port, allow_ingest=allow_ingest, token=token,
        max_upload_bytes=settings.max_bytes, min_confidence=settings.min_confidence,
    )  # fmt: skip
    app = create_app(config, make_pipeline=lambda: make_pipeline(settings))
    click.echo(f"dyad workbench on http://{host}:{port}/ (store {settings.db}); Ctrl-C stops it.")
    uvicorn.run(app, host=host, port=port, log_level="warning")
