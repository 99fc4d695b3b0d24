"""``dyad brief A B``: relations brief for two actors."""

from __future__ import annotations

import json

import click

from dyad.config import Settings


@click.command("brief")
@click.argument("actor_a")
@click.argument("actor_b")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text: a report for the terminal; json: the same numbers as data.",
)  # fmt: skip
@click.pass_obj
def brief(settings: Settings, actor_a: str, actor_b: str, output_format: str) -> None:
    """Events between ACTOR_A and ACTOR_B per month by quad class, the cooperation trend and
    the key events with their evidence.

    An actor is an id (person.ahmed-al-sharaa), a code (IRQ: every Iraqi actor; SYRGOV) or a
    name or alias (al-Sharaa). Negated, hypothetical and historical events are not counted.
    """
    from dyad.analyze.brief import build_brief, render_text
    from dyad.store import Store

    with Store(settings.db, read_only=True) as store:
        report = build_brief(store, actor_a, actor_b, min_confidence=settings.min_confidence)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report), nl=False)
