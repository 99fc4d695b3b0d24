"""One settings object, each option declared once with its default and help text.

Precedence, lowest first: the defaults below < a TOML file (``dyad.toml`` in the current folder,
or ``--config FILE``) < ``DYAD_<NAME>`` environment variables < command-line flags.
The field list of :class:`Settings` is the settings table: the CLI builds its global options from
it and the docs print it (:func:`settings_table`), so a new option is declared in one place.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.ingest.files import DEFAULT_MAX_BYTES

DEFAULT_CONFIG_FILE = "dyad.toml"
ENV_PREFIX = "DYAD_"
CODERS = ("hybrid", "rules")


class ConfigError(ValueError):
    """A setting that cannot be read; the message names where it came from."""


def _doc(help: str, env: str | None = None, flag: str | None = None) -> dict[str, str | None]:
    """A setting's metadata: its help text, and its variable and flag if not the usual ones
    (``DYAD_<NAME>``, ``--<name>``)."""
    return {"help": help, "env": env, "flag": flag}


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = field(
        default=Path("dyad.duckdb"), metadata=_doc("DuckDB database file (created on first use).")
    )
    actor_files: tuple[Path, ...] = field(
        default=(),
        metadata=_doc(
            "Extra actor files added to the built-in knowledge base; "
            f"in the environment, separated by '{os.pathsep}'.",
            env="DYAD_ACTORS",
            flag="--actors",
        ),
    )
    max_bytes: int = field(
        default=DEFAULT_MAX_BYTES, metadata=_doc("Inputs larger than this many bytes are skipped.")
    )
    min_confidence: float = field(
        default=0.0, metadata=_doc("Events with a lower confidence (0..1) are left out of output.")
    )
    jobs: int = field(
        default=1,
        metadata=_doc(
            "Processes that code articles in parallel (one per core; helps batches of many "
            "articles)."
        ),
    )
    threads: int = field(
        default=0,
        metadata=_doc(
            "Threads of the learned model in each process (0: one per core); with jobs > 1 "
            "every worker uses 1."
        ),
    )
    coder: str = field(
        default="hybrid",
        metadata=_doc(
            "Event coder: 'hybrid' (learned model + rules, with a trace) or 'rules' (lexicon and "
            "parse only)."
        ),
    )
    include_flagged: bool = field(
        default=True,
        metadata=_doc("Output negated, hypothetical and historical events (flagged as such)."),
    )

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be in [0, 1], not {self.min_confidence}")
        if self.jobs < 1:
            raise ConfigError(f"jobs must be at least 1, not {self.jobs}")
        if self.threads < 0:
            raise ConfigError(f"threads must be 0 (one per core) or more, not {self.threads}")
        if self.coder not in CODERS:
            raise ConfigError(f"coder must be one of {', '.join(CODERS)}, not {self.coder!r}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}")


@dataclass(frozen=True, slots=True)
class SettingInfo:
    """One row of the settings table."""

    name: str
    type: str
    default: Any
    env: str
    flag: str  # the command-line option
    help: str


def settings_table() -> tuple[SettingInfo, ...]:
    """Name, type, default, variable, flag and help of every setting, in declared order."""
    defaults = Settings()
    return tuple(
        SettingInfo(
            name=f.name,
            type=_kind(f),
            default=getattr(defaults, f.name),
            env=f.metadata["env"] or ENV_PREFIX + f.name.upper(),
            flag=f.metadata["flag"] or "--" + f.name.replace("_", "-"),
            help=f.metadata["help"],
        )
        for f in dataclasses.fields(Settings)
    )


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Settings from the defaults, a TOML file, the environment and explicit overrides.

    ``config_file`` must exist when given; otherwise ``dyad.toml`` is read if present.
    ``overrides`` (from command-line flags) ignores ``None`` values: a flag not given.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    values.update(_from_toml(config_file))
    values.update(_from_env(env))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**{name: _convert(name, value, "") for name, value in values.items()})
    except TypeError as error:
        raise ConfigError(str(error)) from error


def _kind(f: dataclasses.Field[Any]) -> str:
    """The value kind of a field, from its annotation (annotations are strings here)."""
    annotation = str(f.type)
    for kind in ("tuple", "Path", "int", "float", "bool"):
        if annotation.startswith(kind):
            return kind
    return "str"


def _field(name: str) -> dataclasses.Field[Any]:
    return next(f for f in dataclasses.fields(Settings) if f.name == name)


def _from_toml(config_file: str | Path | None) -> dict[str, Any]:
    path = Path(config_file) if config_file is not None else Path(DEFAULT_CONFIG_FILE)
    if not path.is_file():
        if config_file is not None:
            raise ConfigError(f"{path}: configuration file not found")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from error
    known = {f.name for f in dataclasses.fields(Settings)}
    for key in data:
        if key not in known:
            names = ", ".join(sorted(known))
            raise ConfigError(f"{path}: unknown setting '{key}' (known: {names})")
    return {key: _convert(key, value, f"{path}: ") for key, value in data.items()}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for info in settings_table():
        if info.env in env and env[info.env] != "":
            raw: Any = env[info.env]
            if info.type == "tuple":
                raw = [part for part in raw.split(os.pathsep) if part]
            values[info.name] = _convert(info.name, raw, f"${info.env}: ")
    return values


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _convert(name: str, value: Any, where: str) -> Any:
    """``value`` as the type of setting ``name``; ``where`` prefixes error messages."""
    kind = _kind(_field(name))
    try:
        if kind == "tuple":
            items = [value] if isinstance(value, str | Path) else list(value)
            return tuple(Path(item) for item in items)
        if kind == "Path":
            return Path(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE | _FALSE:
                return text in _TRUE
            raise ValueError(f"expected true or false, got {value!r}")
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(f"expected an integer, got {value!r}")
            return int(value)
        if kind == "float":
            return float(value)
        return str(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{where}setting '{name}': {error}") from error


def settings_markdown() -> str:
    """The settings table as Markdown, for the docs (a test keeps docs and code in step)."""
    lines = ["| setting | flag | environment | default | meaning |", "|---|---|---|---|---|"]
    for info in settings_table():
        default = ", ".join(map(str, info.default)) if info.type == "tuple" else info.default
        lines.append(
            f"| `{info.name}` | `{info.flag}` | `{info.env}` | `{default}` | {info.help} |"
        )
    return "\n".join(lines) + "\n"
