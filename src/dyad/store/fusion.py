"""Cross-article event fusion: reports of one real-world event, from any number of articles and
outlets, become one cluster.

Two reports are *the same event* (:func:`same_event`) when their types are of one family, their
flags match, their sides fit (the same actor; a person fits their government, a bare country its
government and army, and a state's government its army when the other side is one actor in both;
an unknown side fits anything, but one side must be known in both), their
dates overlap once widened by their precision (two day-precise dates: at most ``day_slack`` apart),
and their places agree (an unknown place agrees with any). An accusation whose sentence names an
attack and that attack, told with sides reversed, are one event too. Clusters are the connected
groups of that relation once *ambiguous* reports (fitting two events that do not fit each other)
are cut loose; an ambiguous report then joins the one event whose reports' evidence sentences share
clearly more of its words than the others' (:func:`evidence_overlap`), or none. Clusters do not
depend on the order articles arrive in; a cluster's id is the event id of its earliest report
(publication date, then event id).

Fusion is incremental: a new article's events are compared only with stored events of the same
*block* (type kin, accusations with the acts they may allege, and a side's country) whose date
spans overlap theirs (:func:`add_articles`); :func:`rebuild` starts over from every stored event.
Repeats within an article (``duplicate_of``) join their primary's cluster; undated and year-precise
reports, and reports naming no side, stay alone. The rules are data: ``data/fusion.toml``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from dyad.export.contract import ClusterFacts
from dyad.records import Article, Event, Mention
from dyad.store.writes import column_types, insert_columns

FUSION_RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "fusion.toml"
EARTH_RADIUS_KM = 6371.0
# Actor kinds that name a state as a whole or one of its arms, not a person or a named body.
STATE_KINDS = frozenset({"country", "sector"})
CLUSTER_COLUMNS = ("event_id", "cluster_id", "component_id", "family", "sides", "date_lo",
                   "date_hi")


class FusionRulesError(ValueError):
    """``data/fusion.toml`` (or a user's copy) is not valid."""


@dataclass(frozen=True, slots=True)
class FusionRules:
    families: Mapping[str, str]
    kin: Mapping[str, str]  # family -> its kin: families one event's reports are coded as
    kin_min_overlap: float
    symmetric_families: frozenset[str]
    country_stands_for: frozenset[str]
    day_slack: int
    week_before: int
    week_after: int
    same_place_km: float
    evidence_ignored: frozenset[str]
    evidence_stem: int
    evidence_name_weight: float
    evidence_min: float
    evidence_margin: float
    locatives: frozenset[str]
    not_places: frozenset[str]
    # words that only begin a place's name ("Tal", "Deir", "Mount"): no place of their own
    name_prefixes: frozenset[str]
    # (family of accusations, family of the acts they allege), or None (an older rules file),
    # and the stems naming such an act
    alleged: tuple[str, str] | None
    alleged_act_stems: frozenset[str]
    # actor id -> the ids outlets use for it in turn ("the SDF" / "the PKK/YPG"); empty in an
    # older rules file
    told_as: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # stems of words telling an act the sides did to each other ("clashed", "exchanged fire"):
    # a report whose sentence has one fits a report of its family with sides crossed; empty in
    # an older rules file
    reciprocal_stems: frozenset[str] = frozenset()

    def family(self, event_type: str) -> str:
        return self.families.get(event_type, event_type.lower())

    def block_of(self, event_type: str) -> str:
        """What reports are compared within: their kin, one block for an accusation's kin and
        the kin of the acts it alleges."""
        kin = self.kin_of(event_type)
        if self.alleged is None:
            return kin
        accusing, act = (self.kin.get(family, family) for family in self.alleged)
        return f"{accusing}+{act}" if kin in (accusing, act) else kin

    def kin_of(self, event_type: str) -> str:
        family = self.family(event_type)
        return self.kin.get(family, family)

    def kin_families(self, event_types: Iterable[str]) -> set[str]:
        """The families of these types and every family of their kin."""
        types = set(event_types)
        kins = {self.kin_of(event_type) for event_type in types}
        families = {self.family(event_type) for event_type in types} | {
            family for family, kin in self.kin.items() if kin in kins
        }
        if self.alleged and families & set(self.alleged):  # an accusation may tell its act
            families |= set(self.alleged)
        return families


@cache
def load_fusion_rules(path: Path = FUSION_RULES_FILE) -> FusionRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        actors, dates, evidence = data["actors"], data["dates"], data["evidence"]
        allegations = data.get("allegations", {})  # older rules files have none: not used
        return FusionRules(
            families=dict(data["families"]),
            kin={family: kin for kin, members in data["kin"].items() for family in members},
            kin_min_overlap=float(evidence["kin_min_overlap"]),
            symmetric_families=frozenset(actors["symmetric_families"]),
            country_stands_for=frozenset(actors["country_stands_for"]),
            day_slack=int(dates["day_slack"]),
            week_before=int(dates["week_before"]),
            week_after=int(dates["week_after"]),
            same_place_km=float(data["places"]["same_place_km"]),
            evidence_ignored=frozenset(word.casefold() for word in evidence["ignored"]),
            evidence_stem=int(evidence["stem"]),
            evidence_name_weight=float(evidence["name_weight"]),
            evidence_min=float(evidence["min_overlap"]),
            evidence_margin=float(evidence["margin"]),
            locatives=frozenset(data["places"]["locatives"]),
            not_places=frozenset(data["places"]["not_places"]),
            name_prefixes=frozenset(data["places"].get("name_prefixes", ())),
            alleged=(str(allegations["accusing_family"]), str(allegations["act_family"]))
            if allegations else None,
            alleged_act_stems=_stems(allegations.get("act_words", ()), int(evidence["stem"])),
            told_as={member: frozenset(group) for group in actors.get("told_as", ())
                     for member in group},
            reciprocal_stems=_stems(actors.get("reciprocal_words", ()), int(evidence["stem"])),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise FusionRulesError(f"{path}: {type(error).__name__}: {error}") from error


def _stems(words: Iterable[str], stem: int) -> frozenset[str]:
    """Words of a rules list as evidence compares them: their first ``stem`` letters."""
    return frozenset(word.casefold()[:stem] for word in words)


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
    lat: float | None  # None for a country, or a region without a point
    lon: float | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of a report's sentence beyond its sides' names, stemmed: what two tellings of one
    event share ("rockets", "Qamishli") and two events of one dyad and day mostly do not."""

    words: frozenset[str]
    names: frozenset[str]  # the capitalized ones (places, bases, bodies): they weigh more
    # names right after "in", "near", "in the"... (and the names they begin), as place keys
    places: frozenset[str] = frozenset()


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad-d|ed)[-‑'’]")
_VOWELS = frozenset("aeiouy")


def evidence_of(sentence: str, side_texts: Iterable[str | None], rules: FusionRules) -> Evidence:
    """The evidence words of ``sentence``: words of its sides' mentions (``side_texts``; compared
    as sides already), function words, dates and attribution (``[evidence] ignored``) left out;
    cut to their first ``stem`` letters once a possessive is dropped."""
    sides = {match.casefold() for text in side_texts if text for match in _WORD.findall(text)}
    words: set[str] = set()
    names: set[str] = set()
    places: set[str] = set()
    before: list[str] = ["", ""]  # the two words before this one
    in_place_name = False  # the word before was a capitalized word of a named place
    for position, match in enumerate(_WORD.finditer(sentence)):
        token = match.group()
        word = _POSSESSIVE_END.sub("", token.casefold())
        after_locative = before[1] in rules.locatives or " ".join(before) in rules.locatives or (
            before[1] == "the" and before[0] in rules.locatives
        )
        before = [before[1], word]
        capitalized = position > 0 and token[0].isupper()
        names_place = capitalized and (after_locative or in_place_name)
        in_place_name = names_place
        if word in sides or word in rules.evidence_ignored or len(word) < 3:
            continue
        stem = word[: rules.evidence_stem]
        words.add(stem)
        if capitalized:
            names.add(stem)
        if names_place and word not in rules.not_places and word not in rules.name_prefixes:
            places.add(place_key(word))
    return Evidence(frozenset(words), frozenset(names), frozenset(places))


def place_key(word: str) -> str:
    """A place name's key, blind to the spellings transliteration varies: "Sinuni" and "Snuny",
    "Tartus" and "Tartous", "Idlib" and "Edlib", "al-Qaim" and "Qa'im" each share one. Vowels
    after the first letter are dropped (a first vowel becomes "a"), q is k, h after a consonant
    goes ("kh", "sh", "gh"), doubled letters count once, an article ("al-", "el-") is no part,
    nor are accents (Şanlıurfa / Sanliurfa) or a final h after a vowel."""
    folded = unicodedata.normalize("NFKD", _ARTICLE.sub("", word.casefold()).replace("ı", "i"))
    letters = "".join(ch for ch in folded if ch.isalpha()).replace("q", "k")
    if len(letters) > 2 and letters[-1] == "h" and letters[-2] in _VOWELS:
        letters = letters[:-1]  # a final "-ah", "-eh": Sulaymaniyah / Sulaimaniya
    if not letters:
        return ""
    key = ["a" if letters[0] in _VOWELS else letters[0]]
    for before, ch in itertools.pairwise(letters):
        if ch in _VOWELS or ch == before or (ch == "h" and before not in _VOWELS):
            continue
        key.append(ch)
    return "".join(key)


def evidence_overlap(a: Report, b: Report, rules: FusionRules) -> float:
    """How much two reports' sentences share: one per shared word, ``name_weight`` per name."""
    if a.evidence is None or b.evidence is None:
        return 0.0
    shared = a.evidence.words & b.evidence.words
    names = shared & (a.evidence.names | b.evidence.names)
    return len(shared) + (rules.evidence_name_weight - 1) * len(names)


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
    evidence: Evidence | None = None  # the words of its sentence, for ambiguous reports
    others: tuple[Side, ...] = ()  # further resolved participants ("Iraq and Turkey signed")


    def order(self) -> tuple[dt.date, str]:
        """The earliest report names the cluster: earliest publication, then event id."""
        return self.published or dt.date.max, self.event_id


def sides(report: Report, rules: FusionRules) -> tuple[Side | None, Side | None]:
    """Its source and target; in a symmetric family, a missing one is its sole other
    participant ("Iraq and Turkey signed a deal" coded as Iraq's, with Turkey beside it)."""
    source, target = report.source, report.target
    known = source or target
    if (
        rules.family(report.event_type) in rules.symmetric_families
        and (source is None) != (target is None)
        and len(report.others) == 1
        and known is not None
        and report.others[0].id != known.id
    ):
        return (source, report.others[0]) if target is None else (report.others[0], target)
    return source, target


def side_keys(report: Report, rules: FusionRules) -> tuple[str, ...]:
    """What a report is blocked under: its known sides' countries (an actor of no country: its
    id). Two reports are compared only when they share a type kin and one of these."""
    keys = {side.country or side.id for side in sides(report, rules) if side}
    return tuple(sorted(keys))


def is_fusable(report: Report, rules: FusionRules) -> bool:
    """A repeat within its article follows its primary; a report naming no side or no usable
    date (undated, year-precise) is never fused."""
    return (
        report.duplicate_of is None
        and bool(side_keys(report, rules))
        and date_span(report, rules) is not None
    )


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
    """Whether two reports from different articles tell one event (see the module doc and
    :func:`why_apart`)."""
    return why_apart(a, b, rules) is None


def why_apart(a: Report, b: Report, rules: FusionRules) -> str | None:
    """Why two reports are not one event (``None``: they are).

    Their types are of one family, or of one kin with sentences sharing ``kin_min_overlap``
    evidence words; their sides must fit, straight or (for symmetric families, and for a
    reciprocal act such as a clash) crossed, with at least one side known in both. (A report
    missing a side or a place may fit two events: :func:`ambiguity` then keeps it apart from
    both.)
    """
    if a.doc_id == b.doc_id:
        return "same article"
    if a.flags != b.flags:
        return "flags differ"
    family, other_family = rules.family(a.event_type), rules.family(b.event_type)
    alleged = _alleged_act(a, b, rules)
    if family != other_family and not alleged:
        if rules.kin_of(a.event_type) != rules.kin_of(b.event_type):
            return "types of no one kin"
        if evidence_overlap(a, b, rules) < rules.kin_min_overlap:
            return "kin types, too few shared words"
    span_a, span_b = date_span(a, rules), date_span(b, rules)
    if span_a is None or span_b is None:
        return "no usable date"
    if not _spans_fit(a, span_a, b, span_b, rules):
        return "dates apart"
    if not _placed_alike(a, b, rules):
        return "places differ"
    (a_source, a_target), (b_source, b_target) = sides(a, rules), sides(b, rules)
    pairings = [((a_source, b_source), (a_target, b_target))]
    if alleged:  # the accuser is the one the act was done to
        pairings = [((a_source, b_target), (a_target, b_source))]
    elif {family, other_family} <= rules.symmetric_families or (
        family == other_family and (_is_reciprocal(a, rules) or _is_reciprocal(b, rules))
    ):
        pairings.append(((a_source, b_target), (a_target, b_source)))
    fits = _accused_fit if alleged else _sides_fit
    fitting = [p for p in pairings if all(fits(x, y, rules) for x, y in p)
               or _one_side_as_its_state(p, rules)]
    if not fitting:
        return "sides do not fit"
    if not any(x is not None and y is not None for pairing in fitting for x, y in pairing):
        return "no side known in both"
    return None


def _accused_fit(x: Side | None, y: Side | None, rules: FusionRules) -> bool:
    """Sides of an accusation and the act it alleges fit as sides do, and a state's
    government and forces fit each other too ("accused Damascus" / "the army shelled")."""
    return x is None or y is None or _sides_fit(x, y, rules) or _arms_of_one_state(x, y, rules)


def _arms_of_one_state(x: Side, y: Side, rules: FusionRules) -> bool:
    """Both the government or forces (``country_stands_for``) of one country."""
    state = rules.country_stands_for
    return x.country is not None and x.country == y.country \
        and x.sector in state and y.sector in state


def _one_side_as_its_state(pairing: tuple[tuple[Side | None, Side | None], ...],
                           rules: FusionRules) -> bool:
    """One side the same actor in both, the other a state told as its government by one outlet
    and as its forces by the other ("Baghdad condemned the Turkish strikes" / "... condemned
    Ankara"): outlets differ on which arm of a state acted or was acted on. People and named
    bodies keep their own identity."""
    same, other = pairing
    for anchor, state in ((same, other), (other, same)):
        x, y = anchor
        if x is None or y is None or x.id != y.id:
            continue
        a, b = state
        if a is not None and b is not None and a.kind in STATE_KINDS \
                and b.kind in STATE_KINDS and _arms_of_one_state(a, b, rules):
            return True
    return False


def _is_reciprocal(report: Report, rules: FusionRules) -> bool:
    """Its sentence tells an act the sides did to each other ("the army and the SDF clashed"):
    which side an outlet names first says nothing."""
    return report.evidence is not None and bool(report.evidence.words & rules.reciprocal_stems)


def _alleged_act(a: Report, b: Report, rules: FusionRules) -> bool:
    """One is an accusation whose sentence names an act of the other's family ("the SDF
    accused the army of shelling its positions" / "the army shelled SDF positions")."""
    if rules.alleged is None:
        return False
    accusing, act = rules.alleged
    for accusation, other in ((a, b), (b, a)):
        if rules.family(accusation.event_type) == accusing \
                and rules.family(other.event_type) == act and accusation.evidence is not None:
            return bool(accusation.evidence.words & rules.alleged_act_stems)
    return False


def _spans_fit(a: Report, span_a: tuple[dt.date, dt.date], b: Report,
               span_b: tuple[dt.date, dt.date], rules: FusionRules) -> bool:
    """Their date spans overlap; two day-precise dates may differ by ``day_slack`` days at most
    (their spans, each widened by it, would let a Sunday fit a Tuesday)."""
    if span_a[0] > span_b[1] or span_b[0] > span_a[1]:
        return False
    if a.precision == b.precision == "day" and a.date is not None and b.date is not None:
        return abs((a.date - b.date).days) <= rules.day_slack
    return True


def _sides_fit(x: Side | None, y: Side | None, rules: FusionRules) -> bool:
    """Unknown fits anything; a person fits their own sector ("al-Sharaa" and "Damascus"), and so
    does a named body of it ("the IRGC" and "Iranian forces"); a bare country the sectors it
    stands for and their people; two different people never fit, nor two named bodies, unless
    outlets tell one as the other (``told_as``: "the SDF" / "the PKK/YPG")."""
    if x is None or y is None or x.id == y.id or y.id in rules.told_as.get(x.id, ()):
        return True
    if x.country is None or x.country != y.country:
        return False
    if x.kind == "person" and y.kind == "person":
        return False
    if x.kind == "country" or y.kind == "country":
        other = y if x.kind == "country" else x
        return other.sector in rules.country_stands_for
    return x.sector is not None and x.sector == y.sector and bool(
        {"person", "sector"} & {x.kind, y.kind})


def _places_agree(x: Place | None, y: Place | None, rules: FusionRules) -> bool:
    """Unknown agrees with any place; known places agree by name or by distance, and a place
    with no point (a country, a region) agrees with every place of its country."""
    if x is None or y is None or x.name.casefold() == y.name.casefold():
        return True
    if None in (x.lat, x.lon, y.lat, y.lon):
        return x.country is not None and x.country == y.country
    return _distance_km(x, y) <= rules.same_place_km


def _placed_alike(a: Report, b: Report, rules: FusionRules) -> bool:
    """Their coded places agree; or, when one was not coded, the places their sentences name
    ("near Qamishli", "in the Qandil mountains") share one, or one of them names none."""
    if a.place is not None and b.place is not None:
        return _places_agree(a.place, b.place, rules)
    named_a, named_b = named_places(a, rules), named_places(b, rules)
    return not (named_a and named_b) or bool(named_a & named_b)


def named_places(report: Report, rules: FusionRules) -> frozenset[str]:
    coded = (
        {place_key(word) for word in _WORD.findall(report.place.name)
         if word.casefold() not in rules.name_prefixes}
        if report.place
        else set()
    )
    return frozenset(coded) | (report.evidence.places if report.evidence else frozenset())


def _distance_km(x: Place, y: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (x.lat, x.lon, y.lat, y.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True, slots=True)
class Fusion:
    """Event id -> cluster id, and -> component id (the group of reports linked by
    :func:`same_event` through any chain; clusters split components at ambiguous reports)."""

    clusters: dict[str, str]
    components: dict[str, str]


def cluster_reports(reports: Sequence[Report], rules: FusionRules) -> Fusion:
    """Cluster the reports: link every pair telling the same event, then keep only the links
    of unambiguous reports (:func:`ambiguity`) and take the connected groups. Each group is
    named after its earliest report; the result depends on the set of reports, not their order.
    """
    links = _links(reports, rules)
    fusable = [report for report in reports if report.duplicate_of is None]
    components = _groups(fusable, links.items())
    ambiguous = {event_id for event_id, near in links.items() if ambiguity(near, rules)}
    kept = [
        (event_id, [n for n in near if n.event_id not in ambiguous])
        for event_id, near in links.items()
        if event_id not in ambiguous
    ]
    clusters = _groups(fusable, kept)
    by_id = {report.event_id: report for report in fusable}
    joined = {
        event_id: _closest_cluster(by_id[event_id], links[event_id], clusters, ambiguous, rules)
        for event_id in ambiguous
    }
    clusters.update({event_id: chosen for event_id, chosen in joined.items() if chosen})
    for report in reports:  # a repeat within its article follows its primary
        if report.duplicate_of is not None:
            for names in (clusters, components):
                names[report.event_id] = names.get(report.duplicate_of, report.duplicate_of)
    return Fusion(clusters, components)


def _links(reports: Sequence[Report], rules: FusionRules) -> dict[str, list[Report]]:
    """Event id -> the reports telling the same event, compared only within blocks (family and
    side key) and overlapping date spans."""
    blocks: dict[tuple[str, str], list[tuple[tuple[dt.date, dt.date], Report]]] = defaultdict(list)
    for report in reports:
        span = date_span(report, rules)
        if span is not None and is_fusable(report, rules):
            for key in side_keys(report, rules):
                blocks[(rules.block_of(report.event_type), key)].append((span, report))
    links: dict[str, list[Report]] = defaultdict(list)
    compared: set[tuple[str, str]] = set()
    for members in blocks.values():
        members.sort(key=lambda item: (item[0], item[1].event_id))
        for index, (span, report) in enumerate(members):
            for later_span, later in members[index + 1 :]:
                if later_span[0] > span[1]:
                    break  # sorted by start: no later member overlaps
                pair = (report.event_id, later.event_id)
                if pair not in compared and same_event(report, later, rules):
                    links[report.event_id].append(later)
                    links[later.event_id].append(report)
                compared.add(pair)
    return links


def ambiguity(near: Sequence[Report], rules: FusionRules) -> str | None:
    """Why a report's matches tell more than one event (``None``: they tell one): two of their
    dates do not fit, their places disagree, or they name two different people of one country.
    Such a report ("Turkey shelled the SDF" with no place, on a day of strikes in two towns)
    links to none of them."""
    # every pair of matches is compared: each date span is worked out once, not per pair
    spans = [(report, date_span(report, rules)) for report in near]
    if any(x_span is None or y_span is None or not _spans_fit(x, x_span, y, y_span, rules)
           for (x, x_span), (y, y_span) in itertools.combinations(spans, 2)):
        return "matches' dates disagree"
    # places as a pair of reports is judged: coded places, else the places their sentences name
    if any(not _placed_alike(x, y, rules) for x, y in itertools.combinations(near, 2)):
        return "matches' places disagree"
    # two matches naming different people of one country, neither naming both (a report of
    # al-Sharaa meeting the SDF's Abdi names two Syrians and fits its own retelling)
    people = [{(side.country, side.id) for side in (report.source, report.target)
               if side is not None and side.kind == "person" and side.country}
              for report in near]  # fmt: skip
    for x, y in itertools.combinations(people, 2):
        if {country for country, _ in x - y} & {country for country, _ in y - x}:
            return "matches name two people of one country"
    return None


def _closest_cluster(
    report: Report,
    near: Sequence[Report],
    clusters: Mapping[str, str],
    ambiguous: set[str],
    rules: FusionRules,
) -> str | None:
    """The cluster an ambiguous report's evidence points to: among the clusters of its
    unambiguous matches, the one whose best-sharing report shares at least ``min_overlap`` and
    ``margin`` more than any other cluster's. (Decided from the unambiguous clusters alone, so
    the result does not depend on the order ambiguous reports are looked at.)"""
    best: dict[str, float] = {}
    for other in near:
        if other.event_id not in ambiguous:
            cluster = clusters[other.event_id]
            best[cluster] = max(best.get(cluster, 0.0), evidence_overlap(report, other, rules))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < rules.evidence_min:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < rules.evidence_margin:
        return None
    return ranked[0][0]


def _groups(
    reports: Sequence[Report], links: Iterable[tuple[str, Sequence[Report]]]
) -> dict[str, str]:
    """Event id -> the id of the earliest report of its connected group."""
    parent = {report.event_id: report.event_id for report in reports}

    def root(event_id: str) -> str:
        while parent[event_id] != event_id:
            parent[event_id] = parent[parent[event_id]]
            event_id = parent[event_id]
        return event_id

    for event_id, near in links:
        for other in near:
            parent[root(event_id)] = root(other.event_id)
    first: dict[str, Report] = {}
    for report in reports:
        key = root(report.event_id)
        if key not in first or report.order() < first[key].order():
            first[key] = report
    return {report.event_id: first[root(report.event_id)].event_id for report in reports}


# -- reports from coded events (``dyad code``: fusion within one batch) -----------------------


def report_of_event(event: Event, article: Article, rules: FusionRules) -> Report:
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
            Place(event.location.name, event.location.lat, event.location.lon,
                  event.location.country)
            if event.location
            else None
        ),
        duplicate_of=event.duplicate_of,
        evidence=evidence_of(
            event.sentence,
            (mention.text for mention in (event.source, event.target) if mention),
            rules,
        ),
        others=tuple(side for side in map(_side_of_mention, event.others) if side),
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
    rules = rules or load_fusion_rules()
    articles: dict[str, Article] = {}
    reports: list[Report] = []
    for article, events in coded:
        articles[article.doc_id] = article
        reports.extend(report_of_event(event, article, rules) for event in events)
    clusters = cluster_reports(reports, rules).clusters
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
       e.location_name, e.location_lat, e.location_lon, e.location_country, e.duplicate_of,
       e.sentence, e.source_text, e.target_text,
       (SELECT list(struct_pack(id := o.id, country := o.country, sector := o.sector,
                                kind := o.kind) ORDER BY o.id)
        FROM actors o WHERE list_contains(e.other_ids, o.id)) AS others
FROM events e
JOIN articles a ON a.doc_id = e.doc_id
LEFT JOIN actors s ON s.id = e.source_id
LEFT JOIN actors t ON t.id = e.target_id
"""


def add_articles(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], rules: FusionRules
) -> None:
    """Fuse the events of newly stored articles with the stored ones (inside the caller's
    transaction). Only the components their events link to are read (stored events of their
    families and sides with overlapping date spans, and the rest of those components), and
    clustered again with them: the same result as :func:`rebuild`."""
    new = _reports(con, rules, "WHERE list_contains(?, e.doc_id)", [list(doc_ids)])
    fusable = [report for report in new if is_fusable(report, rules)]
    stored: list[Report] = []
    if fusable:
        spans = [span for span in (date_span(report, rules) for report in fusable) if span]
        rows = con.execute(
            """
            SELECT DISTINCT component_id FROM event_clusters
            WHERE list_contains(?, family) AND list_has_any(sides, ?)
              AND date_lo <= ? AND date_hi >= ?
            """,
            [
                sorted(rules.kin_families(report.event_type for report in fusable)),
                sorted({key for report in fusable for key in side_keys(report, rules)}),
                max(hi for _, hi in spans),
                min(lo for lo, _ in spans),
            ],
        ).fetchall()
        if rows:
            stored = _reports(
                con,
                rules,
                "WHERE e.event_id IN (SELECT event_id FROM event_clusters "
                "WHERE list_contains(?, component_id))",
                [[row[0] for row in rows]],
            )
    if stored:
        con.execute(
            "DELETE FROM event_clusters WHERE list_contains(?, event_id)",
            [[report.event_id for report in stored]],
        )
    reports = [*stored, *new]
    _insert_clusters(con, reports, cluster_reports(reports, rules), rules)


def rebuild(con: duckdb.DuckDBPyConnection, rules: FusionRules) -> int:
    """Fuse every stored event from scratch (inside the caller's transaction); the number of
    clusters."""
    reports = _reports(con, rules, "", [])
    fusion = cluster_reports(reports, rules)
    con.execute("DELETE FROM event_clusters")
    _insert_clusters(con, reports, fusion, rules)
    return len(set(fusion.clusters.values()))


@dataclass(frozen=True, slots=True)
class FusionSummary:
    articles: int  # articles (re)fused by the call
    events: int
    clusters: int
    multi_report: int  # clusters told by more than one article


def summary(con: duckdb.DuckDBPyConnection, articles: int) -> FusionSummary:
    row = con.execute(
        "SELECT (SELECT count(*) FROM events), count(*), count(*) FILTER (num_reports > 1) "
        "FROM cluster_facts"
    ).fetchone()
    events, clusters, multi = row if row else (0, 0, 0)
    return FusionSummary(articles, int(events), int(clusters), int(multi))


def unfused_doc_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles with events not yet fused (stored before fusion existed)."""
    rows = con.execute(
        "SELECT DISTINCT e.doc_id FROM events e ANTI JOIN event_clusters c "
        "ON c.event_id = e.event_id ORDER BY e.doc_id"
    ).fetchall()
    return [row[0] for row in rows]


def _insert_clusters(
    con: duckdb.DuckDBPyConnection, reports: Sequence[Report], fusion: Fusion, rules: FusionRules
) -> None:
    rows = []
    for report in reports:
        fusable = is_fusable(report, rules)
        span = date_span(report, rules) if fusable else None
        rows.append(
            (
                report.event_id,
                fusion.clusters[report.event_id],
                fusion.components[report.event_id],
                rules.family(report.event_type) if fusable else None,
                list(side_keys(report, rules)) if fusable else None,
                span[0] if span else None,
                span[1] if span else None,
            )
        )
    if rows:
        types = column_types(con, "event_clusters")
        insert_columns(con, "event_clusters", CLUSTER_COLUMNS, types, rows)


def _reports(
    con: duckdb.DuckDBPyConnection, rules: FusionRules, where: str, params: list[Any]
) -> list[Report]:
    cursor = con.execute(f"{_REPORT_SELECT} {where} ORDER BY e.event_id", params)
    names = [column[0] for column in cursor.description or ()]
    return [
        _report_of_row(dict(zip(names, row, strict=True)), rules) for row in cursor.fetchall()
    ]


def _report_of_row(row: dict[str, Any], rules: FusionRules) -> Report:
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
            Place(row["location_name"], row["location_lat"], row["location_lon"],
                  row["location_country"])
            if row["location_name"] is not None
            else None
        ),
        duplicate_of=row["duplicate_of"],
        evidence=evidence_of(row["sentence"], (row["source_text"], row["target_text"]), rules),
        others=tuple(
            Side(other["id"], other["country"], other["sector"], other["kind"])
            for other in row["others"] or ()
        ),
    )


def _side_of_row(row: dict[str, Any], role: str) -> Side | None:
    actor_id = row[f"{role}_id"]
    if actor_id is None or row[f"{role}_kind"] is None:
        return None
    return Side(actor_id, row[f"{role}_country"], row[f"{role}_sector"], row[f"{role}_kind"])
