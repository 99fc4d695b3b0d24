"""Repair machine-translation damage ("Al -Shatri" -> "Al-Shatri") by the ordered rules in
``data/cleaning/mt_repairs.tsv``. Mojibake and quotes are handled earlier, by
:func:`dyad.clean.text.repair_characters`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.clean.rules import CLEANING_DATA, RuleFileError, compile_pattern, read_tsv

MT_REPAIRS_FILE = CLEANING_DATA / "mt_repairs.tsv"
GROUP_REFERENCE = re.compile(r"\\(\d+)|\\g<(\w+)>")


@dataclass(frozen=True, slots=True)
class Repair:
    pattern: re.Pattern[str]
    replacement: str


@lru_cache(maxsize=4)
def load_repairs(path: Path = MT_REPAIRS_FILE) -> tuple[Repair, ...]:
    repairs = []
    for row in read_tsv(path, min_fields=2, max_fields=3):
        pattern = compile_pattern(row.fields[0], row.where)
        replacement = row.fields[1]
        _check_group_references(pattern, replacement, row.where)
        repairs.append(Repair(pattern, replacement))
    return tuple(repairs)


def _check_group_references(pattern: re.Pattern[str], replacement: str, where: str) -> None:
    # re reports a bad group reference only when a match is expanded: check it at load time.
    for number, name in GROUP_REFERENCE.findall(replacement):
        reference = number or name
        known = (
            int(reference) <= pattern.groups
            if reference.isdigit()
            else reference in pattern.groupindex
        )
        if not known:
            raise RuleFileError(f"{where}: replacement refers to unknown group {reference!r}")


def repair_translation(paragraph: str, repairs: tuple[Repair, ...]) -> str:
    for repair in repairs:
        paragraph = repair.pattern.sub(repair.replacement, paragraph)
    return paragraph
