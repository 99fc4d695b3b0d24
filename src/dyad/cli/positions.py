"""``dyad positions ACTOR``: who is for or against what, over time, with the evidence."""

from __future__ import annotations

import json
import textwrap

import click

from dyad.config import Settings


@click.command("positions")
@click.argument("actor")
@click.option("--on", "about", metavar="TEXT", help="Only positions whose object contains TEXT.")
@click.option("--since", help="First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text",
    show_default=True, help="text: one block per position; jsonl: one JSON object per line.",
)  # fmt: skip
@click.pass_obj
def positions(
    settings: Settings,
    actor: str,
    about: str | None,
    since: str | None,
    until: str | None,
    output_format: str,
) -> None:
    """The positions ACTOR holds (support / oppose / conditional), oldest first, each with the
    sentence it was read from.

    ACTOR is an id, a code (IRQ: every Iraqi actor) or a name (al-Maliki). Positions are read
    from stance language ("opposes", "is pushing for", "warned against") and from SUPPORT,
    REQUEST, REJECT, ACCUSE and THREATEN events; --on matches the object's words, its topic
    ("normalisation of relations") or the actor it names.
    """
    from dyad.analyze.positions import positions_of
    from dyad.analyze.render_text import cite
    from dyad.store import Store

    with Store(settings.db, read_only=True) as store:
        found = positions_of(store, actor, on=about, since=since, until=until)
    if not found:
        click.echo("no positions found", err=True)
        return
    for position in found:
        if output_format == "jsonl":
            click.echo(json.dumps(position.to_dict(), ensure_ascii=False))
            continue
        topic = f" [{position.topic}]" if position.topic else ""
        condition = f" — {position.condition}" if position.condition else ""
        click.echo(
            f"{position.date or 'undated':<10}  {position.holder.name}  {position.stance.upper()}"
            f"  {position.object}{topic}{condition}  ({position.confidence:.2f})"
        )
        quote = f'"{position.evidence.sentence}" {cite(position.evidence)}'
        click.echo(textwrap.fill(quote, 100, initial_indent="    ", subsequent_indent="    "))
