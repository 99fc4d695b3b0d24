"""Reading the knowledge base's TSV files, with errors that name `file:line`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

LIST_SEPARATOR = "|"


class DataFileError(ValueError):
    """A knowledge-base file is malformed; the message starts with `file:line:`."""


@dataclass(frozen=True, slots=True)
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def error(self, problem: str) -> DataFileError:
        return DataFileError(f"{self.path}:{self.line}: {problem}")

    def items(self, column: str) -> list[str]:
        """A `|`-separated list cell, blanks dropped."""
        return [item.strip() for item in self[column].split(LIST_SEPARATOR) if item.strip()]

    def required(self, column: str) -> str:
        value = self[column]
        if not value:
            raise self.error(f"column '{column}' is empty")
        return value

    def date(self, column: str) -> dt.date | None:
        value = self[column]
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(f"column '{column}': '{value}' is not a YYYY-MM-DD date") from None

    def number(self, column: str, low: float, high: float) -> float:
        value = self.required(column)
        try:
            number = float(value)
        except ValueError:
            raise self.error(f"column '{column}': '{value}' is not a number") from None
        if not low <= number <= high:
            raise self.error(f"column '{column}': {number} is outside [{low}, {high}]")
        return number


def read_header(path: Path) -> tuple[str, ...]:
    """The column names of a TSV file: its first line that is neither blank nor a comment."""
    for line in _lines(path):
        return tuple(column.strip() for column in line[1].split("\t"))
    raise DataFileError(f"{path}:1: no header line")


def read_rows(path: Path) -> list[Row]:
    """Data rows after the header; `#` comment lines and blank lines are skipped."""
    lines = iter(_lines(path))
    _, header_line = next(lines, (1, ""))
    header = [column.strip() for column in header_line.split("\t")]
    rows = []
    for number, line in lines:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataFileError(
                f"{path}:{number}: {len(cells)} tab-separated cells, the header has {len(header)}"
            )
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(path, number, dict(zip(header, (c.strip() for c in cells), strict=True))))
    return rows


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(f"{path}:1: not UTF-8 ({error.reason})") from None
    return [
        (number, line.rstrip("\r\n"))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
