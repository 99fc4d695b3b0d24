"""Which outlet published an article: names and domains from ``data/cleaning/outlets.tsv``, and
agency datelines such as "BAGHDAD (Reuters) —" at the start of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.clean.rules import CLEANING_DATA, RuleFileError, read_tsv

OUTLETS_FILE = CLEANING_DATA / "outlets.tsv"

DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)(?:[/:?#].*)?$", re.I)
# "BAGHDAD (Reuters) —", "DAMASCUS, Syria (AP) -", "ANKARA, Feb 3 (Reuters) -": place, maybe
# a date, the agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+){0,3})"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
    r"\((?P<outlet>[A-Z][A-Za-z0-9 .&-]{1,30})\)\s*[-–—:]"
)
# Datelines are at the very start of a story: the title and a standfirst may come first.
DATELINE_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    url: str | None  # the domain or URL it was named by, if any


@lru_cache(maxsize=4)
def load_outlets(path: Path = OUTLETS_FILE) -> dict[str, str]:
    """Alias (casefolded domain or name) -> outlet name."""
    outlets: dict[str, str] = {}
    for row in read_tsv(path, min_fields=2, max_fields=2):
        alias, name = row.fields
        if not name:
            raise RuleFileError(f"{row.where}: empty outlet name")
        outlets[alias.casefold()] = name
    return outlets


def outlet_named(site: str, outlets: dict[str, str]) -> Outlet:
    """The outlet a source line, sitename or dateline names; unknown domains name themselves."""
    site = site.strip().rstrip(".")
    domain = DOMAIN.match(site)
    if domain is None:
        return Outlet(outlets.get(site.casefold(), site), None)
    host = domain.group("host").casefold()
    return Outlet(_outlet_of_host(host, outlets) or host, site)


def dateline_outlet(paragraphs: list[str], outlets: dict[str, str]) -> Outlet | None:
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        match = DATELINE.match(paragraph)
        if match:
            return outlet_named(match.group("outlet"), outlets)
    return None


def _outlet_of_host(host: str, outlets: dict[str, str]) -> str | None:
    # "english.aawsat.com" is Asharq Al-Awsat: try the host, then each parent domain.
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = outlets.get(".".join(labels[start:]))
        if name:
            return name
    return None
