"""What several commands share: building the pipeline, event filters, tables, skip messages."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from dyad.cli.exits import CommandError, ExitCode
from dyad.config import Settings
from dyad.export.contract import EVENT_TYPES, is_flagged
from dyad.records import Skip

if TYPE_CHECKING:
    from dyad.pipeline import ArticleResult, Pipeline


def make_pipeline(settings: Settings) -> Pipeline:
    """The coding pipeline; a missing model or a bad actor file is a user-facing error."""
    from dyad.pipeline import Pipeline

    try:
        return Pipeline(settings)
    except ValueError as error:  # an actor file given by the user: missing or invalid
        raise CommandError(f"cannot load the coding pipeline: {error}", ExitCode.USAGE) from error
    except OSError as error:  # a model file of the installation is missing
        raise CommandError(
            f"cannot load the coding pipeline: {error}", ExitCode.INTERNAL
        ) from error


def report_skip(skip: Skip) -> None:
    detail = skip.detail if skip.input in skip.detail else f"{skip.input}: {skip.detail}"
    click.echo(f"skipped ({skip.reason}) {detail}", err=True)


def coded_articles(settings: Settings, files: Iterable[str]) -> Iterator[ArticleResult]:
    """Code ``files`` without a database, reporting skips on standard error.

    Ends the command with exit code 1 once done when an input was skipped, with an error when
    no input at all could be read.
    """
    read = skipped = 0
    for item in make_pipeline(settings).run(files):
        if isinstance(item, Skip):
            report_skip(item)
            skipped += 1
            continue
        read += 1
        yield item
    if read == 0:
        raise CommandError("no input could be read", ExitCode.SKIPPED)
    if skipped:
        raise click.exceptions.Exit(int(ExitCode.SKIPPED))


def event_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filter options shared by ``dyad events`` and ``dyad export``."""
    options = [
        click.option("--actor", help="Actor id, code (SYR: every Syrian actor) or name."),
        click.option("--dyad", nargs=2, metavar="A B", help="Events between A and B, either way."),
        click.option(
            "--type", "event_type", type=click.Choice(EVENT_TYPES, case_sensitive=False),
            help="PLOVER event type.",
        ),
        click.option(
            "--quad", "quad_class", type=click.IntRange(1, 4),
            help="Quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material.",
        ),
        click.option("--since", help="First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--until", help="Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--limit", type=click.IntRange(min=0), help="At most this many events."),
        click.option(
            "--repeats/--no-repeats", default=True, show_default=True,
            help="Include later tellings of an event already told in the same article.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def stored_events(settings: Settings, fused: bool = False, **filters: Any) -> list[dict[str, Any]]:
    """Events from the database, filtered by the command's options and the output settings;
    ``fused``: one record per real-world event (``Store.fused_events``)."""
    from dyad.store.parquet import open_store  # a DuckDB file or a Parquet dataset

    with open_store(settings.db, read_only=True) as store:
        return (store.fused_events if fused else store.events)(
            **filters,
            min_confidence=settings.min_confidence,
            include_flagged=settings.include_flagged,
        )


def input_files(paths: Iterable[str]) -> Iterator[str]:
    """Folders expanded to their files as ingest reads them, streamed in path order (each
    folder's entries sorted when it is reached; no list of the whole tree is built); a folder
    that cannot be listed stays itself, so that reading it records its skip."""
    from dyad.ingest import expand_folders

    return expand_folders(paths)


# Columns of the events table: header, width cap (None: takes the rest of the line).
_COLUMNS = (("DATE", 10), ("TYPE", 9), ("Q", 1), ("SOURCE", 22), ("TARGET", 22), ("CONF", 4))
_MIN_EVIDENCE_WIDTH = 30


def events_table(
    records: list[dict[str, Any]], width: int | None = None, *, fused: bool = False
) -> str:
    """A compact aligned table, one line per event, ending with the evidence sentence;
    ``fused`` adds the number of distinct outlets (SRC) reporting each event."""
    from dyad.analyze.evidence import participant_label

    width = width or shutil.get_terminal_size((120, 24)).columns
    columns = (*_COLUMNS[:-1], ("SRC", 3), *_COLUMNS[-1:]) if fused else _COLUMNS
    rows = [
        [
            record["date"] or "-",
            record["event_type"],
            str(record["quad_class"]),
            participant_label(record["source"]),
            participant_label(record["target"]),
            *([str(record["num_sources"])] if fused else []),
            f"{record['confidence']:.2f}",
            ("(" + ",".join(f[0] for f in ("negated", "hypothetical", "historical") if record[f])
             + ") " if is_flagged(record) else "") + record["sentence"],
        ]
        for record in records
    ]  # fmt: skip
    widths = [
        min(cap, max([len(header)] + [len(row[i]) for row in rows]))
        for i, (header, cap) in enumerate(columns)
    ]
    evidence = max(_MIN_EVIDENCE_WIDTH, width - sum(widths) - 2 * len(widths))
    lines = []
    for row in [[header for header, _ in columns] + ["EVIDENCE"], *rows]:
        cells = [_fit(cell, w).ljust(w) for cell, w in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, _fit(row[-1], evidence)]).rstrip())
    return "\n".join(lines) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
