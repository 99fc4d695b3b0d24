"""The ``dyad`` command: a click group whose commands are imported only when run.

``dyad --help`` lists the commands from the table below without importing them, so it stays fast
(no DuckDB, no spaCy). The global options are made from the settings table (``dyad.config``).
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import importlib.util
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from dyad import __version__
from dyad.cli.exits import EXIT_CODES_HELP, CommandError, ExitCode, user_error
from dyad.config import load_settings, settings_table

# Keys of click's context meta (shared by the group and its command): the --debug flag, and the
# config file and flags given before the command (re-read when more follow it).
DEBUG = "dyad.debug"
GIVEN = "dyad.given"

# name -> (module, attribute, one-line help shown by `dyad --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": ("dyad.cli.ingest", "ingest", "Code articles and store them in the database."),
    "code": ("dyad.cli.code", "code", "Code articles; print contract JSON Lines (no database)."),
    "mentions": ("dyad.cli.mentions", "mentions", "Print the actor mentions found in articles."),
    "events": ("dyad.cli.events", "events", "List stored events, filtered."),
    "export": ("dyad.cli.export", "export", "Export events: contract, POLECAT-, GDELT-like."),
    "fuse": ("dyad.cli.fuse", "fuse", "Fuse stored reports of one event across articles."),
    "brief": ("dyad.cli.brief", "brief", "Relations brief for two actors."),
    "positions": ("dyad.cli.positions", "positions", "Who is for or against what, with evidence."),
    "skips": ("dyad.cli.skips", "skips", "List the inputs that were skipped, with reasons."),
    "demo": ("dyad.cli.demo", "demo", "Code the bundled example articles and brief on them."),
    "serve": ("dyad.cli.serve", "serve", "Serve the web workbench and JSON API over the database."),
    "evaluate": ("dyad.evaluate", "cli_command", "Score the coder against the gold data sets."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _available(module)]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an error a user can cause ends in one line and its exit code, any
        other failure too, unless --debug asks for the traceback."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except (KeyboardInterrupt, click.Abort):
            raise CommandError("interrupted", ExitCode.INTERRUPTED) from None
        except BrokenPipeError:  # the reader went away (`dyad events | head`): stop quietly
            _silence_stdout()
            raise click.exceptions.Exit(int(ExitCode.OK)) from None
        except Exception as error:
            if ctx.meta.get(DEBUG):
                raise
            known = user_error(error)
            if known is not None:
                raise known from error
            message = f"{type(error).__name__}: {error}".splitlines()[0]
            raise CommandError(
                f"dyad failed ({message}); rerun with --debug for the traceback",
                ExitCode.INTERNAL,
            ) from error

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, also accepting the global options after its name (`dyad ingest --db
        X`), as users type them; an option the command has itself is left to the command."""
        if cmd_name not in self.list_commands(ctx):
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            return None
        taken = {name for param in command.params for name in (param.name, *param.opts)}
        late = [
            option
            for option in _global_options(after_command=True)
            if option.name not in taken and not taken & set(option.opts)
        ]
        with_late = copy.copy(command)
        with_late.params = [*command.params, *late]
        return with_late


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _global_options(after_command: bool) -> list[click.Option]:
    """--config, --debug and one option per setting, each defaulting to "not given" (None).

    Given before the command they are the group's parameters; after it, each one's callback
    re-reads the settings with it added (flags win over the file and the environment).
    """
    late: dict[str, Any] = (
        {"expose_value": False, "callback": _given_after_command} if after_command else {}
    )
    options = [
        click.Option(
            ["--config", "config_file"],
            type=click.Path(dir_okay=False),
            envvar=None if after_command else "DYAD_CONFIG",
            help="Settings file (TOML) [env: DYAD_CONFIG; default: ./dyad.toml if present].",
            **late,
        ),
        click.Option(
            ["--debug", "debug"],
            is_flag=True,
            default=None,
            help="Show the traceback of an error instead of its one-line message.",
            **late,
        ),
    ]
    for info in settings_table():
        where = f"[env: {info.env}; default: {_shown(info.default)}]"
        if info.type == "bool":
            negative = info.flag.replace("--", "--no-", 1)
            declarations = [f"{info.flag}/{negative}", info.name]
            kind: dict[str, Any] = {}
        else:
            declarations = [info.flag, info.name]
            kind = {
                "type": {"int": int, "float": float}.get(info.type, click.Path(dir_okay=False)),
                "multiple": info.type == "tuple",
            }
        options.append(
            click.Option(declarations, default=None, help=f"{info.help} {where}", **kind, **late)
        )
    return options


def _given_after_command(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is None or value == ():
        return
    if param.name == "debug":
        ctx.meta[DEBUG] = True
        return
    given = ctx.meta[GIVEN]
    if param.name == "config_file":
        given["config_file"] = value
    else:
        given["flags"][param.name] = value
    ctx.obj = load_settings(given["config_file"], overrides=given["flags"])


def _shown(default: Any) -> str:
    if isinstance(default, tuple):
        return "none" if not default else ", ".join(map(str, default))
    return str(default).lower() if isinstance(default, bool) else str(default)


@click.group(
    cls=LazyGroup,
    params=_global_options(after_command=False),
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="dyad")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, debug: bool | None, **flags: Any) -> None:
    """dyad: political event data (who did what to whom, when, where) from news text.

    Every coded event points back to the sentence it was coded from. The options below may
    also be given after the command (dyad ingest --db FILE ...).
    """
    ctx.meta[DEBUG] = bool(debug)
    ctx.with_resource(_torch_hidden())
    given = {name: None if value == () else value for name, value in flags.items()}
    ctx.meta[GIVEN] = {"config_file": config_file, "flags": given}
    ctx.obj = load_settings(config_file, overrides=given)


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """Hide an installed torch (the `train` extra) while a command runs: spaCy's thinc imports
    it when present, a second of CPU and 180 MB more in every process before any article,
    and dyad never uses it at run time (its models run with onnxruntime)."""
    if "torch" in sys.modules:  # already imported: leave it
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` -> ImportError
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so flushing it at exit raises no second error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
