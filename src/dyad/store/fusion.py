"""Cross-article event fusion: reports of one real-world event, from any number of articles and
outlets, become one cluster.

Two reports are *the same event* (:func:`same_event`) when their types are of one family, their
flags match, their sides fit (the same actor; a person fits their government, a bare country its
government and army; an unknown side fits anything), their dates overlap once widened by their
precision, and their places agree. Clusters are the connected groups of that relation (single
linkage), so they do not depend on the order articles arrive in; a cluster's id is the event id of
its earliest report (publication date, then event id).

Fusion is incremental: a new article's events are compared only with stored events of the same
*block* (type family and unordered pair of sides' countries) whose date spans overlap theirs
(:func:`add_articles`); :func:`rebuild` starts over from every stored event. Repeats within an
article (``duplicate_of``) join their primary's cluster; undated and year-precise reports stay
alone. The rules are data: ``data/fusion.toml``.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from dyad.export.contract import ClusterFacts
from dyad.records import Article, Event, Mention

FUSION_RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "fusion.toml"
EARTH_RADIUS_KM = 6371.0
UNKNOWN_SIDE = "?"


class FusionRulesError(ValueError):
    """``data/fusion.toml`` (or a user's copy) is not valid."""


@dataclass(frozen=True, slots=True)
class FusionRules:
    families: Mapping[str, str]
    symmetric_families: frozenset[str]
    country_stands_for: frozenset[str]
    day_slack: int
    week_before: int
    week_after: int
    same_place_km: float

    def family(self, event_type: str) -> str:
        return self.families.get(event_type, event_type.lower())


@cache
def load_fusion_rules(path: Path = FUSION_RULES_FILE) -> FusionRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        actors, dates = data["actors"], data["dates"]
        return FusionRules(
            families=dict(data["families"]),
            symmetric_families=frozenset(actors["symmetric_families"]),
            country_stands_for=frozenset(actors["country_stands_for"]),
            day_slack=int(dates["day_slack"]),
            week_before=int(dates["week_before"]),
            week_after=int(dates["week_after"]),
            same_place_km=float(data["places"]["same_place_km"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise FusionRulesError(f"{path}: {type(error).__name__}: {error}") from error


@dataclass(frozen=True, slots=True)
class Side:
    """A resolved participant as fusion compares it."""

    id: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Report:
    """One event as fusion sees it: a report of something that happened."""

    event_id: str
    doc_id: str
    published: dt.date | None
    event_type: str
    flags: tuple[bool, bool, bool]  # negated, hypothetical, historical
    source: Side | None  # None: no source, or one not resolved to an actor
    target: Side | None
    date: dt.date | None
    precision: str | None
    place: Place | None
    duplicate_of: str | None = None

    def order(self) -> tuple[dt.date, str]:
        """The earliest report names the cluster: earliest publication, then event id."""
        return self.published or dt.date.max, self.event_id


def block_of(report: Report, rules: FusionRules) -> str | None:
    """The blocking key (family and unordered pair of sides), None for a report never fused."""
    if report.duplicate_of is not None or date_span(report, rules) is None:
        return None
    sides = sorted(_side_key(side) for side in (report.source, report.target))
    return "|".join([rules.family(report.event_type), *sides])


def _side_key(side: Side | None) -> str:
    if side is None:
        return UNKNOWN_SIDE
    return side.country or side.id


def date_span(report: Report, rules: FusionRules) -> tuple[dt.date, dt.date] | None:
    """The days the event may have happened on, given its date's precision."""
    day, precision = report.date, report.precision
    if day is None:
        return None
    if precision == "day":
        slack = dt.timedelta(days=rules.day_slack)
        return day - slack, day + slack
    if precision == "week":
        return day - dt.timedelta(days=rules.week_before), day + dt.timedelta(days=rules.week_after)
    if precision == "month":
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    return None  # year precision: too loose to tell two events apart


def same_event(a: Report, b: Report, rules: FusionRules) -> bool:
    """Whether two reports from different articles tell one event (see the module doc)."""
    if a.doc_id == b.doc_id or a.flags != b.flags:
        return False
    family = rules.family(a.event_type)
    if family != rules.family(b.event_type):
        return False
    span_a, span_b = date_span(a, rules), date_span(b, rules)
    if span_a is None or span_b is None or span_a[0] > span_b[1] or span_b[0] > span_a[1]:
        return False
    straight = _sides_fit(a.source, b.source, rules) and _sides_fit(a.target, b.target, rules)
    crossed = family in rules.symmetric_families and (
        _sides_fit(a.source, b.target, rules) and _sides_fit(a.target, b.source, rules)
    )
    return (straight or crossed) and _places_agree(a.place, b.place, rules)


def _sides_fit(x: Side | None, y: Side | None, rules: FusionRules) -> bool:
    """Unknown fits anything; a person fits their own sector ("al-Sharaa" and "Damascus"), a bare
    country the sectors it stands for and their people; two different people never fit."""
    if x is None or y is None or x.id == y.id:
        return True
    if x.country is None or x.country != y.country:
        return False
    if x.kind == "person" and y.kind == "person":
        return False
    if x.kind == "country" or y.kind == "country":
        other = y if x.kind == "country" else x
        return other.sector in rules.country_stands_for
    return x.sector is not None and x.sector == y.sector and "person" in (x.kind, y.kind)


def _places_agree(x: Place | None, y: Place | None, rules: FusionRules) -> bool:
    """Unknown agrees with any place; known places agree by name or by distance."""
    if x is None or y is None or x.name.casefold() == y.name.casefold():
        return True
    if None in (x.lat, x.lon, y.lat, y.lon):
        return False
    return _distance_km(x, y) <= rules.same_place_km


def _distance_km(x: Place, y: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (x.lat, x.lon, y.lat, y.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def cluster_reports(
    reports: Sequence[Report], rules: FusionRules, current: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Event id -> cluster id for every report.

    ``current`` holds the cluster ids already given to some of the reports (stored ones): reports
    sharing one stay together. Each cluster is named after its earliest report among ``reports``
    (callers pass a stored cluster's earliest report along with it).
    """
    current = current or {}
    parent = {report.event_id: report.event_id for report in reports}

    def root(event_id: str) -> str:
        while parent[event_id] != event_id:
            parent[event_id] = parent[parent[event_id]]
            event_id = parent[event_id]
        return event_id

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    first_of_cluster: dict[str, str] = {}
    for event_id, cluster_id in sorted(current.items()):
        if event_id in parent:
            join(event_id, first_of_cluster.setdefault(cluster_id, event_id))

    by_block: dict[str, list[tuple[tuple[dt.date, dt.date], Report]]] = defaultdict(list)
    for report in reports:
        block = block_of(report, rules)
        span = date_span(report, rules)
        if block is not None and span is not None:
            by_block[block].append((span, report))
    for members in by_block.values():
        members.sort(key=lambda item: (item[0], item[1].event_id))
        for index, (span, report) in enumerate(members):
            for later_span, later in members[index + 1 :]:
                if later_span[0] > span[1]:
                    break  # sorted by start: no later member overlaps
                if same_event(report, later, rules):
                    join(report.event_id, later.event_id)

    by_id = {report.event_id: report for report in reports}
    components: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.duplicate_of is None:
            components[root(report.event_id)].append(report)
    names = {key: min(members, key=Report.order).event_id for key, members in components.items()}
    clusters = {
        report.event_id: names[root(report.event_id)]
        for report in reports
        if report.duplicate_of is None
    }
    for report in reports:
        if report.duplicate_of is not None:
            primary = by_id.get(report.duplicate_of)
            clusters[report.event_id] = (
                clusters[primary.event_id] if primary is not None else report.duplicate_of
            )
    return clusters


# -- reports from coded events (``dyad code``: fusion within one batch) -----------------------


def report_of_event(event: Event, article: Article) -> Report:
    return Report(
        event_id=event.event_id,
        doc_id=event.doc_id,
        published=article.published,
        event_type=event.event_type,
        flags=(event.negated, event.hypothetical, event.historical),
        source=_side_of_mention(event.source),
        target=_side_of_mention(event.target),
        date=event.date.date if event.date else None,
        precision=event.date.precision if event.date else None,
        place=(
            Place(event.location.name, event.location.lat, event.location.lon)
            if event.location
            else None
        ),
        duplicate_of=event.duplicate_of,
    )


def _side_of_mention(mention: Mention | None) -> Side | None:
    if mention is None or mention.actor is None:
        return None
    actor = mention.actor
    return Side(actor.id, actor.country, actor.sector, actor.kind)


def batch_cluster_facts(
    coded: Iterable[tuple[Article, Sequence[Event]]], rules: FusionRules | None = None
) -> dict[str, ClusterFacts]:
    """Event id -> its cluster's facts, for events coded together without a store."""
    articles: dict[str, Article] = {}
    reports: list[Report] = []
    for article, events in coded:
        articles[article.doc_id] = article
        reports.extend(report_of_event(event, article) for event in events)
    clusters = cluster_reports(reports, rules or load_fusion_rules())
    members: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        members[clusters[report.event_id]].add(report.doc_id)
    facts = {}
    for cluster_id, doc_ids in members.items():
        docs = [articles[doc_id] for doc_id in sorted(doc_ids)]
        dates = [doc.published for doc in docs if doc.published is not None]
        facts[cluster_id] = ClusterFacts(
            cluster_id=cluster_id,
            num_reports=len(docs),
            num_sources=len({outlet_key(doc.source, doc.doc_id) for doc in docs}),
            first_reported=min(dates).isoformat() if dates else None,
        )
    return {report.event_id: facts[clusters[report.event_id]] for report in reports}


def outlet_key(source: str | None, doc_id: str) -> str:
    """What counts as one outlet: its name, case aside; an article of unknown outlet counts as
    an outlet of its own (the same expression is in migration 004's ``cluster_facts`` view)."""
    return source.lower() if source else f"doc:{doc_id}"


# -- the store ---------------------------------------------------------------------------------

_REPORT_SELECT = """
SELECT e.event_id, e.doc_id, a.published, e.event_type, e.negated, e.hypothetical,
       e.historical, e.source_id, s.country AS source_country, s.sector AS source_sector,
       s.kind AS source_kind, e.target_id, t.country AS target_country,
       t.sector AS target_sector, t.kind AS target_kind, e.date, e.date_precision,
       e.location_name, e.location_lat, e.location_lon, e.duplicate_of
FROM events e
JOIN articles a ON a.doc_id = e.doc_id
LEFT JOIN actors s ON s.id = e.source_id
LEFT JOIN actors t ON t.id = e.target_id
"""


def add_articles(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], rules: FusionRules
) -> None:
    """Fuse the events of newly stored articles with the stored ones (inside the caller's
    transaction): only stored events of the same blocks with overlapping dates are read."""
    new = _reports(con, "WHERE list_contains(?, e.doc_id)", [list(doc_ids)])
    if not new:
        return
    blocks = sorted({b for b in (block_of(r, rules) for r in new) if b is not None})
    spans = [s for s in (date_span(r, rules) for r in new) if s is not None]
    stored: list[Report] = []
    current: dict[str, str] = {}
    if blocks:
        rows = con.execute(
            """
            WITH near AS (
                SELECT event_id, cluster_id FROM event_clusters
                WHERE list_contains(?, block) AND date_lo <= ? AND date_hi >= ?
            )
            SELECT event_id, cluster_id FROM near
            UNION  -- each such cluster's earliest report, which names it
            SELECT c.event_id, c.cluster_id FROM event_clusters c
            WHERE c.event_id IN (SELECT cluster_id FROM near)
            """,
            [blocks, max(hi for _, hi in spans), min(lo for lo, _ in spans)],
        ).fetchall()
        current = dict(rows)
        if current:
            stored = _reports(con, "WHERE list_contains(?, e.event_id)", [sorted(current)])
    clusters = cluster_reports([*stored, *new], rules, current)
    renamed = {current[e]: c for e, c in clusters.items() if e in current and current[e] != c}
    for old, cluster_id in sorted(renamed.items()):
        con.execute(
            "UPDATE event_clusters SET cluster_id = ? WHERE cluster_id = ?", [cluster_id, old]
        )
    _insert_clusters(con, new, clusters, rules)


def rebuild(con: duckdb.DuckDBPyConnection, rules: FusionRules) -> int:
    """Fuse every stored event from scratch (inside the caller's transaction); the number of
    clusters."""
    reports = _reports(con, "", [])
    clusters = cluster_reports(reports, rules)
    con.execute("DELETE FROM event_clusters")
    _insert_clusters(con, reports, clusters, rules)
    return len(set(clusters.values()))


def unfused_doc_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles with events not yet fused (stored before fusion existed)."""
    rows = con.execute(
        "SELECT DISTINCT e.doc_id FROM events e ANTI JOIN event_clusters c "
        "ON c.event_id = e.event_id ORDER BY e.doc_id"
    ).fetchall()
    return [row[0] for row in rows]


def _insert_clusters(
    con: duckdb.DuckDBPyConnection,
    reports: Sequence[Report],
    clusters: Mapping[str, str],
    rules: FusionRules,
) -> None:
    rows = []
    for report in reports:
        span = date_span(report, rules)
        rows.append(
            (
                report.event_id,
                clusters[report.event_id],
                block_of(report, rules),
                span[0] if span else None,
                span[1] if span else None,
            )
        )
    if rows:
        con.executemany("INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?)", rows)


def _reports(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[Report]:
    cursor = con.execute(f"{_REPORT_SELECT} {where} ORDER BY e.event_id", params)
    names = [column[0] for column in cursor.description or ()]
    return [_report_of_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _report_of_row(row: dict[str, Any]) -> Report:
    return Report(
        event_id=row["event_id"],
        doc_id=row["doc_id"],
        published=row["published"],
        event_type=row["event_type"],
        flags=(row["negated"], row["hypothetical"], row["historical"]),
        source=_side_of_row(row, "source"),
        target=_side_of_row(row, "target"),
        date=row["date"],
        precision=row["date_precision"],
        place=(
            Place(row["location_name"], row["location_lat"], row["location_lon"])
            if row["location_name"] is not None
            else None
        ),
        duplicate_of=row["duplicate_of"],
    )


def _side_of_row(row: dict[str, Any], role: str) -> Side | None:
    actor_id = row[f"{role}_id"]
    if actor_id is None or row[f"{role}_kind"] is None:
        return None
    return Side(actor_id, row[f"{role}_country"], row[f"{role}_sector"], row[f"{role}_kind"])
