"""``dyad export``: stored events to a file, as contract records or in a layout the field reads."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

import click

from dyad.cli.common import event_filters, stored_events
from dyad.config import Settings
from dyad.export.writers import FORMATS

if TYPE_CHECKING:
    from dyad.export.article_info import ArticleInfo

# Layouts that also read each event's article (publication date, URL, outlet).
LAYOUTS = ("polecat", "gdelt")


@click.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS + LAYOUTS), default="jsonl",
    show_default=True,
    help="jsonl: contract records; csv: flat columns; parquet: contract records, nested; "
    "polecat: POLECAT-like PLOVER JSON Lines; gdelt: GDELT-like tab-separated event rows "
    "(docs/exports.md maps each column).",
)  # fmt: skip
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write (- for standard output, not for parquet).",
)  # fmt: skip
@event_filters
@click.pass_obj
def export(settings: Settings, output_format: str, output: str, **filters: Any) -> None:
    """Write the stored events (all, or those matching the filters) to a file.

    The file is written beside OUTPUT under a temporary name and renamed over it when complete;
    only a regular file is replaced (never a link, pipe or device).
    """
    from dyad.export.output_file import check_output_path, written_atomically
    from dyad.export.writers import write_parquet

    if output_format == "parquet" and output == "-":
        raise click.BadParameter("parquet needs a file name", param_hint="--output")
    if output != "-":
        check_output_path(output)  # before the query: a bad path fails fast
    records = stored_events(settings, **filters)
    if output_format == "parquet":
        count = write_parquet(records, output)
    else:
        write = _text_writer(settings, output_format, records)
        if output == "-":
            count = write(sys.stdout)
        else:
            with written_atomically(output) as partial, partial.open(
                "w", encoding="utf-8", newline=""
            ) as out:
                count = write(out)
    click.echo(f"{count} events written to {output}", err=True)


def _text_writer(
    settings: Settings, output_format: str, records: list[dict[str, Any]]
) -> Callable[[TextIO], int]:
    """A function writing ``records`` in ``output_format`` to a text stream."""
    from dyad.export.gdelt import write_gdelt
    from dyad.export.polecat import write_polecat
    from dyad.export.writers import write_csv, write_jsonl

    if output_format in LAYOUTS:
        articles = _articles_of(settings, records)
        layout = write_polecat if output_format == "polecat" else write_gdelt
        return lambda out: layout(records, articles, out)
    writer = write_jsonl if output_format == "jsonl" else write_csv
    return lambda out: writer(records, out)


def _articles_of(settings: Settings, records: list[dict[str, Any]]) -> Mapping[str, ArticleInfo]:
    from dyad.export.article_info import article_info
    from dyad.store.parquet import open_store  # a DuckDB file or a Parquet dataset

    with open_store(settings.db, read_only=True) as store:
        return store.run(article_info, sorted({record["doc_id"] for record in records}))
