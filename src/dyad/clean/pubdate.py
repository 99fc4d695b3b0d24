"""The publication date: found in a date line near the top or bottom of the text ("Sat. Feb 22nd,
2025", "Published: 22/02/2025 | 10:30 GMT", "By Jane Doe | 22 February 2025"), which is then
removed from the body, or given as metadata. A date outside ``PLAUSIBLE_YEARS`` is no date: the
publication date is then unknown and a line holding it no date line.

A line counts as a date line only when *all* of it is date metadata (a date, a time, a label from
``data/cleaning/date_labels.tsv``, a byline, a reading time), so prose mentioning a date is never
taken for one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.clean.rules import CLEANING_DATA, RuleFileError, read_tsv
from dyad.records import PLAUSIBLE_YEARS

DATE_LABELS_FILE = CLEANING_DATA / "date_labels.tsv"
LABEL_KINDS = ("published", "updated")

# Date lines sit in the page header or footer: look at this many paragraphs at each end.
HEAD_PARAGRAPHS = 5
TAIL_PARAGRAPHS = 3
MAX_DATE_LINE_CHARS = 120

WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
MONTH = r"(?P<month>[a-z]{3,9})\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
DATE_FORMS = tuple(
    re.compile(form, re.I)
    for form in (
        rf"{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}",  # Sat. Feb 22nd, 2025 / February 22, 2025
        rf"{WEEKDAY}{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}",  # Saturday 22 February 2025
        r"(?P<year>\d{4})-(?P<mm>\d{1,2})-(?P<dd>\d{1,2})(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?",
        r"(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})",  # 22/02/2025
    )
)
TIME = re.compile(
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?|[A-Z]{2,4})?",
    re.I,
)
BYLINE = re.compile(r"(?i:by)\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|al|el|bin)){0,6}")
READING_TIME = re.compile(r"\d+\s*min(?:ute)?s?\.?(?:\s+read)?", re.I)
# A date line's parts are separated like "By X | 22 Feb 2025 | 10:30" or "22 Feb 2025, 10:30".
SEGMENT_SEPARATOR = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,\s+(?=\d{1,2}[:.]\d{2}|at\s))\s*")
MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}


@dataclass(frozen=True, slots=True)
class PublicationDate:
    date: dt.date
    text: str  # as it appeared, e.g. "Sat. Feb 22nd, 2025"


@dataclass(frozen=True, slots=True)
class DatedText:
    paragraphs: list[str]  # the text without its date lines
    published: PublicationDate | None


@lru_cache(maxsize=4)
def load_date_labels(path: Path = DATE_LABELS_FILE) -> dict[str, str]:
    """Label (casefolded) -> "published" or "updated"."""
    labels: dict[str, str] = {}
    for row in read_tsv(path, min_fields=2, max_fields=2):
        label, kind = row.fields
        if kind not in LABEL_KINDS:
            raise RuleFileError(f"{row.where}: kind must be one of {LABEL_KINDS}, not {kind!r}")
        labels[label.casefold()] = kind
    return labels


def parse_date(text: str) -> dt.date | None:
    """The calendar date that ``text`` is, in full (nothing else but a time of day), or None."""
    found = _find_date(text)
    return found.date if found else None


def _find_date(text: str) -> PublicationDate | None:
    text = text.strip().rstrip(".,")
    for form in DATE_FORMS:
        match = form.match(text)
        if match and _is_time_or_nothing(text[match.end() :]):
            date = _date_of(match)
            return PublicationDate(date, match.group().rstrip(".,")) if date else None
    return None


def _is_time_or_nothing(rest: str) -> bool:
    rest = rest.lstrip(" ,T")
    return not rest or TIME.fullmatch(rest) is not None


def take_date_lines(paragraphs: list[str], labels: dict[str, str]) -> DatedText:
    """Remove the date lines at either end of the text; the publication date is the first one
    not labelled "updated", else the first one."""
    edge = set(range(min(HEAD_PARAGRAPHS, len(paragraphs))))
    edge.update(range(max(0, len(paragraphs) - TAIL_PARAGRAPHS), len(paragraphs)))
    kept: list[str] = []
    found: list[tuple[str, PublicationDate]] = []
    for index, paragraph in enumerate(paragraphs):
        dated = _date_line(paragraph, labels) if index in edge else None
        if dated is None:
            kept.append(paragraph)
        else:
            found.append(dated)
    published = next((date for kind, date in found if kind == "published"), None)
    if published is None and found:
        published = found[0][1]
    return DatedText(kept, published)


def _date_line(paragraph: str, labels: dict[str, str]) -> tuple[str, PublicationDate] | None:
    if len(paragraph) > MAX_DATE_LINE_CHARS:
        return None
    dates: list[tuple[str, PublicationDate]] = []
    kind = "published"
    for segment in SEGMENT_SEPARATOR.split(paragraph):
        label, rest = _split_label(segment, labels)
        kind = label or kind
        if not rest or TIME.fullmatch(rest) or BYLINE.fullmatch(rest):
            continue
        if READING_TIME.fullmatch(rest):
            continue
        found = _find_date(rest)
        if found is None:
            return None  # something other than date metadata: prose, not a date line
        dates.append((kind, found))
    return dates[0] if dates else None


def _split_label(segment: str, labels: dict[str, str]) -> tuple[str | None, str]:
    """("updated", "22 Feb 2025") for "Updated on: 22 Feb 2025"; the longest label wins."""
    lowered = segment.casefold()
    for label in sorted(labels, key=len, reverse=True):
        if lowered.startswith(label) and not lowered[len(label) : len(label) + 1].isalpha():
            return labels[label], segment[len(label) :].lstrip(" :").strip()
    return None, segment.strip()


def _date_of(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("month"):
        month = _month_number(parts["month"])
        day = int(parts["day"])
    elif parts.get("mm"):
        month, day = int(parts["mm"]), int(parts["dd"])
    else:
        # Day first ("22/02/2025"), as outside the US; unless that cannot be ("02/22/2025").
        day, month = int(parts["first"]), int(parts["second"])
        if month > 12 >= day:
            day, month = month, day
    if month is None or year not in PLAUSIBLE_YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    word = word.casefold()
    matches = {number for name, number in MONTHS.items() if name.startswith(word)}
    return matches.pop() if len(matches) == 1 else None
