"""Load the cleaning rule files in ``dyad/data/cleaning`` (tab-separated, ``#`` comments).

Every problem is reported as ``file:line: problem`` so a user editing a rule file can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CLEANING_DATA = Path(__file__).resolve().parent.parent / "data" / "cleaning"


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names ``file:line``."""


@dataclass(frozen=True, slots=True)
class TsvRow:
    where: str  # "file:line", for error messages
    fields: tuple[str, ...]


def read_tsv(path: Path, min_fields: int, max_fields: int) -> list[TsvRow]:
    """Rows of a tab-separated rule file; blank lines and lines starting with ``#`` are skipped."""
    rows = []
    with path.open(encoding="utf-8") as stream:
        for line_no, line in enumerate(stream, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path.name}:{line_no}"
            fields = tuple(field.strip() for field in line.split("\t"))
            if not min_fields <= len(fields) <= max_fields:
                expected = (
                    str(min_fields) if min_fields == max_fields else f"{min_fields}-{max_fields}"
                )
                raise RuleFileError(
                    f"{where}: expected {expected} tab-separated fields, found {len(fields)}"
                )
            if not fields[0]:
                raise RuleFileError(f"{where}: the first field is empty")
            rows.append(TsvRow(where, fields))
    return rows


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise RuleFileError(f"{where}: bad regular expression {pattern!r}: {error}") from None
