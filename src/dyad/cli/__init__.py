"""The ``dyad`` command: a click group whose commands are imported only when run.

``dyad --help`` lists the commands from the table below without importing them, so it stays fast
(no DuckDB, no spaCy). The global options are made from the settings table (``dyad.config``).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

import click

from dyad import __version__
from dyad.config import ConfigError, load_settings, settings_table

# name -> (module, attribute, one-line help shown by `dyad --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": ("dyad.cli.ingest", "ingest", "Code articles and store them in the database."),
    "code": ("dyad.cli.code", "code", "Code articles; print contract JSON Lines (no database)."),
    "mentions": ("dyad.cli.mentions", "mentions", "Print the actor mentions found in articles."),
    "events": ("dyad.cli.events", "events", "List stored events, filtered."),
    "export": ("dyad.cli.export", "export", "Write stored events as JSON Lines, CSV or Parquet."),
    "brief": ("dyad.cli.brief", "brief", "Relations brief for two actors."),
    "skips": ("dyad.cli.skips", "skips", "List the inputs that were skipped, with reasons."),
    "demo": ("dyad.cli.demo", "demo", "Code the bundled example articles and brief on them."),
    "evaluate": ("dyad.evaluate", "cli_command", "Score the coder against the gold data sets."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), attribute)
        return command if isinstance(command, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a user error is printed as one line, without a traceback."""
        from dyad.store.errors import StoreError

        try:
            return super().invoke(ctx)
        except (ConfigError, StoreError) as error:
            raise click.ClickException(str(error)) from error


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _setting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One global option per setting, each defaulting to "not given" (None)."""
    for info in reversed(settings_table()):
        where = f"[env: {info.env}; default: {_shown(info.default)}]"
        if info.type == "bool":
            negative = info.flag.replace("--", "--no-", 1)
            option = click.option(
                f"{info.flag}/{negative}", info.name, default=None, help=f"{info.help} {where}"
            )
        else:
            option = click.option(
                info.flag,
                info.name,
                type={"int": int, "float": float}.get(info.type, click.Path(dir_okay=False)),
                multiple=info.type == "tuple",
                default=None,
                help=f"{info.help} {where}",
            )
        command = option(command)
    return command


def _shown(default: Any) -> str:
    if isinstance(default, tuple):
        return "none" if not default else ", ".join(map(str, default))
    return str(default).lower() if isinstance(default, bool) else str(default)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    envvar="DYAD_CONFIG",
    help="Settings file (TOML) [env: DYAD_CONFIG; default: ./dyad.toml if present].",
)
@_setting_options
@click.version_option(__version__, prog_name="dyad")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, **flags: Any) -> None:
    """dyad: political event data (who did what to whom, when, where) from news text.

    Every coded event points back to the sentence it was coded from.
    """
    given = {name: None if value == () else value for name, value in flags.items()}
    ctx.obj = load_settings(config_file, overrides=given)
