"""The PLOVER ontology (types, modes, CAMEO roots, quad classes, intensities) loaded from data.

The facts live in ``dyad/data/plover.toml``; this module only loads and validates them and answers
"what are the scores of this type and mode".
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


class OntologyError(ValueError):
    """The ontology file is malformed; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    intensity: float | None = None  # None: the type's base intensity applies
    cameo_root: str | None = None  # None: the type's CAMEO root applies


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad_class: int
    cameo_root: str
    intensity: float
    summary: str
    modes: Mapping[str, Mode]

    def intensity_of(self, mode: str | None) -> float:
        found = self.modes.get(mode) if mode else None
        return found.intensity if found and found.intensity is not None else self.intensity

    def cameo_root_of(self, mode: str | None) -> str:
        found = self.modes.get(mode) if mode else None
        return found.cameo_root if found and found.cameo_root else self.cameo_root


def ontology_path() -> Path:
    return Path(str(resources.files("dyad") / "data" / "plover.toml"))


@lru_cache(maxsize=4)
def load_ontology(path: Path | None = None) -> Mapping[str, PloverType]:
    """All 16 PLOVER types by name; raises OntologyError naming the file on any problem."""
    path = path or ontology_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise OntologyError(f"{path}: {err}") from err
    types = raw.get("types", {})
    missing = [name for name in PLOVER_TYPES if name not in types]
    unknown = [name for name in types if name not in PLOVER_TYPES]
    if missing or unknown:
        raise OntologyError(f"{path}: missing types {missing}, unknown types {unknown}")
    return {name: _parse_type(path, name, types[name]) for name in PLOVER_TYPES}


def _parse_type(path: Path, name: str, table: dict) -> PloverType:
    where = f"{path}: types.{name}"
    quad = table.get("quad_class")
    if quad not in (1, 2, 3, 4):
        raise OntologyError(f"{where}: quad_class must be 1-4, got {quad!r}")
    root = table.get("cameo_root")
    if not (isinstance(root, str) and root.isdigit() and len(root) == 2):
        raise OntologyError(f"{where}: cameo_root must be a two-digit string, got {root!r}")
    intensity = _score(where, table.get("intensity"))
    if intensity is None:
        raise OntologyError(f"{where}: intensity is required")
    modes = {}
    for mode_name, mode in table.get("modes", {}).items():
        mode_where = f"{where}.modes.{mode_name}"
        unknown = set(mode) - {"intensity", "cameo_root"}
        if unknown:
            raise OntologyError(f"{mode_where}: unknown keys {sorted(unknown)}")
        modes[mode_name] = Mode(mode_name, _score(mode_where, mode.get("intensity")),
                                mode.get("cameo_root"))
    return PloverType(name, quad, root, intensity, str(table.get("summary", "")), modes)


def _score(where: str, value: object) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or not -10 <= value <= 10:
        raise OntologyError(f"{where}: intensity must be a number in [-10, 10], got {value!r}")
    return float(value)
