"""The publication date: given as metadata (a JSON Lines ``date``, an HTML page's meta tags or
JSON-LD, a date in its URL such as ``/2025/03/14/``), or found in a date line near the top or
bottom of the text ("Sat. Feb 22nd, 2025", "Published: 22/02/2025 | 10:30 GMT", "By Jane Doe | 22
February 2025"), which is then removed from the body. Metadata may give only a month or a year
("2025-03", "March 2025"): the date then has that precision. A date outside ``PLAUSIBLE_YEARS``
is no date: the publication date is then unknown and a line holding it no date line.

A line counts as a date line only when *all* of it is date metadata (a date, a time, a label from
``data/cleaning/date_labels.tsv``, a byline, a reading time), so prose mentioning a date is never
taken for one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from dyad.clean.rules import CLEANING_DATA, RuleFileError, read_tsv
from dyad.records import PLAUSIBLE_YEARS

DATE_LABELS_FILE = CLEANING_DATA / "date_labels.tsv"
DATE_META_FILE = CLEANING_DATA / "date_meta.tsv"
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
        r"(?P<year>\d{4})/(?P<mm>\d{1,2})/(?P<dd>\d{1,2})",  # 2025/02/22
    )
)
# Metadata may name only a month or a year.
MONTH_FORMS = tuple(
    re.compile(form, re.I) for form in (r"(?P<year>\d{4})-(?P<mm>\d{1,2})", rf"{MONTH},?\s+{YEAR}")
)
YEAR_FORM = re.compile(r"\d{4}")
# A date in a URL's path: /2025/03/14/, /2025-03-14-title, /20250314/; or a month: /2025/03/.
URL_DAY_FORMS = (
    re.compile(r"/(?P<year>\d{4})[/-](?P<mm>\d{1,2})[/-](?P<dd>\d{1,2})(?=[/._-]|$)"),
    re.compile(r"/(?P<year>\d{4})(?P<mm>\d{2})(?P<dd>\d{2})(?=/)"),
)
URL_MONTH_FORM = re.compile(r"/(?P<year>\d{4})/(?P<mm>\d{1,2})/")
TIME = re.compile(
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?|[A-Z]{2,4}|Z|[+-]\d{2}:?\d{2})?",
    re.I,
)
BYLINE = re.compile(r"(?i:by)\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|al|el|bin)){0,6}")
READING_TIME = re.compile(r"\d+\s*min(?:ute)?s?\.?(?:\s+read)?", re.I)
# A date line's parts are separated like "By X | 22 Feb 2025 | 10:30" or "22 Feb 2025, 10:30".
SEGMENT_SEPARATOR = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,\s+(?=\d{1,2}[:.]\d{2}|at\s))\s*")
MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}


@dataclass(frozen=True, slots=True)
class PublicationDate:
    date: dt.date  # the first day of its month or year at a coarser precision
    text: str  # as it appeared, e.g. "Sat. Feb 22nd, 2025"
    precision: str = "day"  # "day" | "month" | "year"


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


@lru_cache(maxsize=4)
def load_date_meta(path: Path = DATE_META_FILE) -> tuple[tuple[str, str], ...]:
    """(metadata name, casefolded; "published" or "updated"), in the file's order."""
    names = []
    for row in read_tsv(path, min_fields=2, max_fields=2):
        name, kind = row.fields
        if kind not in LABEL_KINDS:
            raise RuleFileError(f"{row.where}: kind must be one of {LABEL_KINDS}, not {kind!r}")
        names.append((name.casefold(), kind))
    return tuple(names)


def parse_metadata_date(text: str) -> PublicationDate | None:
    """A date given as metadata: a full date as :func:`parse_date` reads it, or a month
    ("2025-03", "March 2025") or a year ("2025") at that precision."""
    found = _find_date(text)
    if found is not None:
        return found
    text = text.strip().rstrip(".,")
    for form in MONTH_FORMS:
        match = form.fullmatch(text)
        if match:
            return _month_date(match, text)
    if YEAR_FORM.fullmatch(text) and int(text) in PLAUSIBLE_YEARS:
        return PublicationDate(dt.date(int(text), 1, 1), text, "year")
    return None


def url_date(url: str) -> PublicationDate | None:
    """The date in a URL's path (``/2025/03/14/``, ``/2025-03-14-title``, ``/2025/03/``)."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I).split("?")[0]
    for form in URL_DAY_FORMS:
        for match in form.finditer(path):
            date = _date_of(match)
            if date is not None:
                return PublicationDate(date, match.group().strip("/-"))
    match = URL_MONTH_FORM.search(path)
    return _month_date(match, match.group().strip("/")) if match else None


def metadata_date(
    html: str, names: tuple[tuple[str, str], ...] | None = None
) -> PublicationDate | None:
    """The publication date an HTML page's metadata gives: meta tags and ``itemprop`` elements,
    then JSON-LD; a published date wins over an updated one, then the order of ``names``
    (``data/cleaning/date_meta.tsv``)."""
    names = names or load_date_meta()
    rank = {name: (kind != "published", index) for index, (name, kind) in enumerate(names)}
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    found: list[tuple[tuple[bool, int], int, PublicationDate]] = []
    for name, value in [*_meta_values(root), *_json_ld_values(root)]:
        key = name.casefold()
        date = parse_metadata_date(value) if key in rank and value else None
        if date is not None:
            found.append((rank[key], len(found), date))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _meta_values(root: Any) -> Iterator[tuple[str, str]]:
    for element in root.xpath("//*[@property or @name or @itemprop]"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content") or element.get("datetime")
        if value is None and element.get("itemprop"):
            value = element.text_content()
        if value:
            yield name, value


def _json_ld_values(root: Any) -> Iterator[tuple[str, str]]:
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        yield from _string_items(data)


def _string_items(data: Any) -> Iterator[tuple[str, str]]:
    """Every (key, string value) pair in nested JSON (JSON-LD nests articles in ``@graph``)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield key, value
            else:
                yield from _string_items(value)
    elif isinstance(data, list):
        for item in data:
            yield from _string_items(item)


def _month_date(match: re.Match[str], text: str) -> PublicationDate | None:
    parts = match.groupdict()
    year = int(parts["year"])
    month = _month_number(parts["month"]) if parts.get("month") else int(parts["mm"])
    if month is None or not 1 <= month <= 12 or year not in PLAUSIBLE_YEARS:
        return None
    return PublicationDate(dt.date(year, month, 1), text, "month")


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
