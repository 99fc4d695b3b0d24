"""A GDELT-like layout: the 61 tab-separated columns of a GDELT 2.0 event file, no header.

Each contract event record becomes one row in GDELT's column order, so tools that read GDELT
event files by position read these. What dyad knows fills its column; what it does not (ethnic
and religion codes, tone, the places of each actor, ADM codes, feature ids) is left empty, as
GDELT itself leaves unknown cells. dyad knows only an event's CAMEO root, so ``EventCode`` and
``EventBaseCode`` are the root's generic code (``04`` -> ``040``) and ``GoldsteinScale`` the
root's score (``data/export/cameo_roots.tsv``). ``docs/exports.md`` maps every column.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, TextIO

from dyad.export.article_info import ArticleInfo

# GDELT 2.0 event table columns, in file order.
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

CAMEO_ROOTS_FILE = "cameo_roots.tsv"


@cache
def goldstein_by_root() -> dict[str, float]:
    """CAMEO root code -> the Goldstein score of the root, from the shipped table."""
    table = resources.files("dyad") / "data" / "export" / CAMEO_ROOTS_FILE
    scores: dict[str, float] = {}
    for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        try:
            root, _name, score = cells
            scores[root] = float(score)
        except ValueError:
            raise ValueError(
                f"{CAMEO_ROOTS_FILE}:{number}: expected root, name and Goldstein score "
                f"separated by tabs, got {line!r}"
            ) from None
    return scores


def gdelt_row(record: dict[str, Any], article: ArticleInfo | None) -> list[str]:
    """The 61 cells of one contract event record (``article``: its article's row)."""
    date = dt.date.fromisoformat(record["date"]) if record["date"] else None
    root = record["cameo_root"] or ""
    goldstein = goldstein_by_root().get(root)
    location = record["location"]
    action_geo = (
        ["", location["name"], location["country"], "", "", location["lat"], location["lon"], ""]
        if location
        else [""] * len(_GEO)
    )
    cells: list[Any] = [
        record["event_id"],
        date.strftime("%Y%m%d") if date else "",
        date.strftime("%Y%m") if date else "",
        date.year if date else "",
        f"{_fraction_of_year(date):.4f}" if date else "",
        *_actor(record["source"]),
        *_actor(record["target"]),
        # GDELT's "root event" is one told in the lead paragraph; dyad's lead is sentence 0.
        1 if record["sentence_index"] == 0 else 0,
        root + "0" if root else "",
        root + "0" if root else "",
        root,
        record["quad_class"],
        goldstein if goldstein is not None else "",
        record.get("num_reports") or 1,
        record.get("num_sources") or 1,
        record.get("num_reports") or 1,
        "",  # AvgTone: dyad does not score tone
        *[""] * len(_GEO),  # Actor1Geo: dyad does not place actors
        *[""] * len(_GEO),  # Actor2Geo
        *action_geo,
        article.ingested_at.strftime("%Y%m%d%H%M%S") if article and article.ingested_at else "",
        (article.location if article else record["doc_path"]) or "",
    ]
    return [_cell(value) for value in cells]


def _actor(participant: dict[str, Any] | None) -> list[Any]:
    if participant is None:
        return [""] * len(_ACTOR)
    return [
        participant["code"], participant["name"], participant["country"],
        "", "", "", "",  # known group, ethnic, religion 1 and 2: not coded
        participant["sector"], "", "",
    ]  # fmt: skip


def _fraction_of_year(date: dt.date) -> float:
    days = 366 if calendar.isleap(date.year) else 365
    return date.year + date.timetuple().tm_yday / days


def _cell(value: Any) -> str:
    """A cell as text; a tab or line break inside it would shift the columns, so it is a space."""
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt(
    records: Iterable[dict[str, Any]], articles: Mapping[str, ArticleInfo], out: TextIO
) -> int:
    """GDELT-like rows of contract ``records``; ``articles`` maps doc_id to its row."""
    count = 0
    for record in records:
        out.write("\t".join(gdelt_row(record, articles.get(record["doc_id"]))) + "\n")
        count += 1
    return count
