"""When an event happened: date phrases in a sentence, resolved against the publication date.

News reports the recent past, so a phrase without a year ("on Friday", "early February") is
resolved to the latest such day or month on or before publication, unless its clause speaks of
the future ("will be hosted by Baghdad in April"), when it is the next one. Parts of a month
("early/mid/late December") take a representative day (5, 15, 25; ``dates.toml``) with precision
"month": the contract's precisions are day/week/month/year and a third of a month is not a week.
A plain month or year takes its first day. Offsets from well-known events ("about 3 weeks after
the fall of the Assad regime") use ``anchors.tsv``. A bare "before/after <event>" gives no date,
and so does a phrase resolving outside ``PLAUSIBLE_YEARS`` ("9999-12-31", a placeholder).

Only regular expressions run per sentence; the vocabulary and patterns are built once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from dyad.events.attribute_lexicons import LEXICON_DIR, alternation, load_lexicon
from dyad.events.clauses import clause_head, has_parse, left_window, participles_of, span_of
from dyad.events.lexicon import LexiconError
from dyad.records import PLAUSIBLE_YEARS, ResolvedDate

ANCHORS_FILE = LEXICON_DIR / "anchors.tsv"
UNITS = ("day", "week", "month", "year")
# Days before publication within which a day-month date is the one just past, whatever the tense.
RECENT_DAYS = 14
# Words that may stand between a future cue and the date it governs ("will be hosted by X in").
FUTURE_WINDOW = 10
# A date within the first tokens of a sentence ("On Friday, ...") covers all its clauses.
FRONTED_TOKENS = 4
# Cheap test run before the date patterns: every date phrase has a digit, a capitalized word
# or one of these words.
DATE_LIKE = re.compile(r"\d|[A-Z][a-z]|(?i:yesterday|today|tonight|tomorrow|last|next|this|ago)")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date phrase and where it sits in the sentence text."""

    resolved: ResolvedDate
    start: int  # character offsets into the sentence's own text
    end: int


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    month_parts: Mapping[str, int]
    year_parts: Mapping[str, int]
    relative_days: Mapping[str, int]
    vague_offsets: Mapping[str, int]
    approximators: tuple[str, ...]
    future_cues: frozenset[str]
    clause_breaks: frozenset[str]
    interval_starts: tuple[str, ...]
    anchors: Mapping[str, tuple[dt.date, ...]]  # normalized phrase -> dates, oldest first
    anchor_phrases: tuple[str, ...]  # as written in anchors.tsv


def _normal(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", phrase.lower())


def _load_anchors() -> tuple[dict[str, tuple[dt.date, ...]], tuple[str, ...]]:
    anchors: dict[str, list[dt.date]] = {}
    written: dict[str, None] = {}
    lines = ANCHORS_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{ANCHORS_FILE.name}:{number}"
        fields = line.split("\t")
        if len(fields) != 2:
            raise LexiconError(f"{where}: expected 2 tab-separated columns, got {len(fields)}")
        try:
            day = dt.date.fromisoformat(fields[0].strip())
        except ValueError as error:
            raise LexiconError(f"{where}: bad date {fields[0]!r}") from error
        phrases = [phrase.strip() for phrase in fields[1].split("|")]
        if not all(phrases):
            raise LexiconError(f"{where}: empty phrase")
        for phrase in phrases:
            anchors.setdefault(_normal(phrase), []).append(day)
            written[phrase] = None
    return {key: tuple(sorted(days)) for key, days in anchors.items()}, tuple(written)


@lru_cache(maxsize=1)
def date_vocabulary() -> DateVocabulary:
    lexicon = load_lexicon("dates.toml")
    months = lexicon.integers("months")
    weekdays = lexicon.integers("weekdays")
    if sorted(set(months.values())) != list(range(1, 13)):
        raise lexicon.error("months", "must name each month 1-12")
    if sorted(weekdays.values()) != list(range(7)):
        raise lexicon.error("weekdays", "must name each weekday 0-6 once")
    anchors, anchor_phrases = _load_anchors()
    return DateVocabulary(
        months=months,
        weekdays=weekdays,
        numbers=lexicon.integers("numbers"),
        month_parts=lexicon.integers("month_parts"),
        year_parts=lexicon.integers("year_parts"),
        relative_days=lexicon.integers("relative_days"),
        vague_offsets=lexicon.integers("vague_offsets"),
        approximators=lexicon.strings("words.approximators"),
        future_cues=frozenset(lexicon.strings("words.future_cues")),
        clause_breaks=frozenset(lexicon.strings("words.clause_breaks")),
        interval_starts=lexicon.strings("words.interval_starts"),
        anchors=anchors,
        anchor_phrases=anchor_phrases,
    )


def _anchor_alternation(phrases: Iterable[str]) -> str:
    """Anchor phrases matched loosely: any spaces, hyphens or apostrophes between words."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = re.findall(r"[A-Za-z0-9.]+", phrase)
        parts.append(r"[\s\-'’]*".join(re.escape(word) for word in words))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Named date patterns; the group ``text`` is the date phrase reported as ``date_text``."""
    vocab = date_vocabulary()
    month = rf"(?P<month>{alternation(vocab.months)})\.?"
    weekday = rf"(?P<weekday>{alternation(vocab.weekdays)})"
    count = rf"(?P<count>\d{{1,3}}|{alternation(vocab.numbers)})"
    approx = rf"(?:(?:{alternation(vocab.approximators)})\s+)?"
    month_part = rf"(?P<part>{alternation(vocab.month_parts)})"
    anchor = rf"(?P<anchor>{_anchor_alternation(vocab.anchor_phrases)})"
    year = r"(?P<year>(?:19|20)\d\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    unit = rf"(?P<unit>{'|'.join(UNITS)})s?"
    patterns = {
        "anchor_offset": rf"\b(?P<text>(?i:{approx}{count}\s+{unit}\s+"
        rf"(?:after|following|since|before)\s+(?:the\s+)?){anchor})",
        "anchor_vague": rf"\b(?P<text>(?i:(?P<vague>days|weeks)\s+(?:after|following)\s+"
        rf"(?:the\s+)?){anchor})",
        "iso": r"\b(?P<text>(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d))\b",
        "day_month": rf"\b(?P<text>{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?)\b",
        "month_day": rf"\b(?P<text>{month}\s+{day}(?:,?\s+{year})?)\b(?!\s*(?:km|%))",
        "month_part": rf"\b(?P<text>(?i:(?:the\s+)?{month_part}(?:\s+of)?\s*-?\s*){month}"
        rf"(?:,?\s+{year})?)\b",
        "year_part": rf"\b(?P<text>(?i:(?:the\s+)?{month_part}(?:\s+of)?\s*-?\s*){year})\b",
        "month_year": rf"\b(?P<text>{month}\s+{year})\b",
        "month": rf"(?i:\b(?:in|since|during|until|till|by|through|throughout|from|before|after"
        rf"|of|on)\s+)(?P<text>(?i:(?P<rel>last|next|this|past)\s+)?{month})\b",
        # "Last November, ...": with last/next/this no preposition is needed
        "month_relative": rf"\b(?P<text>(?i:(?P<rel>last|next|this|past)\s+){month})\b",
        "weekday": rf"\b(?P<text>(?i:(?P<rel>last|next|this|this\s+past|coming)\s+)?{weekday})\b",
        "relative_day": rf"(?i)\b(?P<text>(?P<word>{alternation(vocab.relative_days)}))\b",
        "relative_period": r"(?i)\b(?P<text>(?:(?:earlier|later)\s+)?(?:the\s+)?"
        rf"(?P<rel>last|this|next|past|coming)\s+{unit})\b",
        "ago": rf"(?i)\b(?P<text>{approx}{count}\s+{unit}\s+ago)\b",
        # "the talks held two days earlier": counted back from publication, as "ago" is
        "earlier": rf"(?i)\b(?P<text>{approx}{count}\s+{unit}\s+earlier)\b",
        "year": r"(?i:\b(?:in|since|during|until|till|by|through|throughout|from|before|after"
        rf"|of)\s+)(?P<text>{year})\b(?!\s*-)",
    }
    return tuple((name, re.compile(pattern)) for name, pattern in patterns.items())


def _number(word: str, vocab: DateVocabulary) -> int:
    return int(word) if word.isdigit() else vocab.numbers[word.lower()]


def _month_number(word: str, vocab: DateVocabulary) -> int:
    return int(word) if word.isdigit() else vocab.months[word.rstrip(".")]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _shift(day: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    return _add_months(day, count * (12 if unit == "year" else 1))


def _year_for(month: int, day: int | None, published: dt.date, future: bool) -> int:
    """The year of the latest (in future context: the next) month or day around publication.

    With ``day`` None only months are compared: "in February" said in February is this one. A
    day at most ``RECENT_DAYS`` before publication is the one just past even in a clause about
    the future ("the signing on November 5 ... will bring", published November 6): no report
    names a day a year ahead without its year.
    """
    when = (month,) if day is None else (month, day)
    now = (published.month,) if day is None else (published.month, published.day)
    if future:
        if when >= now or (day is not None
                           and 0 <= _days_before(published, month, day) <= RECENT_DAYS):
            return published.year
        return published.year + 1
    return published.year if when <= now else published.year - 1


def _days_before(published: dt.date, month: int, day: int) -> int:
    """How many days before publication this year's ``month``/``day`` fell (-1: no such day)."""
    try:
        return (published - dt.date(published.year, month, day)).days
    except ValueError:  # 29 February of a common year
        return -1


@dataclass(frozen=True, slots=True)
class _Context:
    vocab: DateVocabulary
    published: dt.date | None
    future: bool  # the date's clause speaks of the future


Found = tuple[dt.date, str] | None  # the date and its precision
Resolver = Callable[[re.Match[str], _Context], Found]


def _anchor_date(match: re.Match[str], c: _Context) -> dt.date | None:
    dates = c.vocab.anchors.get(_normal(match["anchor"]), ())
    usable = [day for day in dates if c.published is None or day <= c.published]
    return usable[-1] if usable else None


def _resolve_anchor_offset(match: re.Match[str], c: _Context) -> Found:
    anchor = _anchor_date(match, c)
    if anchor is None:
        return None
    count = _number(match["count"], c.vocab)
    sign = -1 if re.search(r"(?i)\bbefore\s", match["text"]) else 1
    return _shift(anchor, sign * count, match["unit"].lower()), match["unit"].lower()


def _resolve_anchor_vague(match: re.Match[str], c: _Context) -> Found:
    anchor = _anchor_date(match, c)
    if anchor is None:
        return None
    vague = match["vague"].lower()
    precision = "week" if vague == "days" else "month"
    return anchor + dt.timedelta(days=c.vocab.vague_offsets[vague]), precision


def _resolve_calendar(match: re.Match[str], c: _Context) -> Found:
    month = _month_number(match["month"], c.vocab)
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif c.published is None:
        return None
    else:
        year = _year_for(month, day, c.published, c.future)
    return dt.date(year, month, day), "day"


def _resolve_month_part(match: re.Match[str], c: _Context) -> Found:
    month = _month_number(match["month"], c.vocab)
    day = c.vocab.month_parts[match["part"].lower()]
    if match["year"]:
        year = int(match["year"])
    elif c.published is None:
        return None
    else:
        year = _year_for(month, None, c.published, c.future)
    return dt.date(year, month, day), "month"


def _resolve_year_part(match: re.Match[str], c: _Context) -> Found:
    return dt.date(int(match["year"]), c.vocab.year_parts[match["part"].lower()], 1), "year"


def _resolve_month_year(match: re.Match[str], c: _Context) -> Found:
    return dt.date(int(match["year"]), _month_number(match["month"], c.vocab), 1), "month"


def _resolve_month(match: re.Match[str], c: _Context) -> Found:
    if c.published is None:
        return None
    month = _month_number(match["month"], c.vocab)
    rel = (match["rel"] or "").lower()
    future = rel == "next" or (c.future and rel not in {"last", "past"})
    year = _year_for(month, None, c.published, future)
    if rel in {"last", "past"} and month == c.published.month:
        year -= 1
    return dt.date(year, month, 1), "month"


def _resolve_weekday(match: re.Match[str], c: _Context) -> Found:
    if c.published is None:
        return None
    weekday = c.vocab.weekdays[match["weekday"]]
    rel = " ".join((match["rel"] or "").lower().split())
    if rel in {"next", "coming"} or (c.future and rel != "last" and rel != "this past"):
        ahead = (weekday - c.published.weekday()) % 7 or 7
        return c.published + dt.timedelta(days=ahead), "day"
    back = (c.published.weekday() - weekday) % 7
    if rel in {"last", "this past"} and back == 0:
        back = 7
    return c.published - dt.timedelta(days=back), "day"


def _resolve_relative_day(match: re.Match[str], c: _Context) -> Found:
    if c.published is None:
        return None
    return c.published + dt.timedelta(days=c.vocab.relative_days[match["word"].lower()]), "day"


def _resolve_relative_period(match: re.Match[str], c: _Context) -> Found:
    if c.published is None:
        return None
    unit = match["unit"].lower()
    step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[match["rel"].lower()]
    day = _shift(c.published, step, unit)
    if unit == "month":
        day = day.replace(day=1)
    elif unit == "year":
        day = day.replace(month=1, day=1)
    return day, unit


def _resolve_ago(match: re.Match[str], c: _Context) -> Found:
    if c.published is None:
        return None
    unit = match["unit"].lower()
    return _shift(c.published, -_number(match["count"], c.vocab), unit), unit


def _resolve_year(match: re.Match[str], c: _Context) -> Found:
    return dt.date(int(match["year"]), 1, 1), "year"


RESOLVERS: dict[str, Resolver] = {
    "anchor_offset": _resolve_anchor_offset,
    "anchor_vague": _resolve_anchor_vague,
    "iso": _resolve_calendar,
    "day_month": _resolve_calendar,
    "month_day": _resolve_calendar,
    "month_part": _resolve_month_part,
    "year_part": _resolve_year_part,
    "month_year": _resolve_month_year,
    "month": _resolve_month,
    "month_relative": _resolve_month,
    "weekday": _resolve_weekday,
    "relative_day": _resolve_relative_day,
    "relative_period": _resolve_relative_period,
    "ago": _resolve_ago,
    "earlier": _resolve_ago,
    "year": _resolve_year,
}


def _is_future(sentence: Span, start: int, end: int, vocab: DateVocabulary) -> bool:
    """Whether the clause of the date phrase at ``start:end`` speaks of the future."""
    span = span_of(sentence, start, end)
    if span is None:
        return False
    window = left_window(span[0], sentence, vocab.clause_breaks, FUTURE_WINDOW)
    words = {token.lower_ for token in window}
    words |= {f"{a.lower_} {b.lower_}" for b, a in itertools.pairwise(window)}
    if words & vocab.future_cues:
        return True
    if not has_parse(sentence):
        return False
    verb = clause_head(span.root)
    return any(
        child.dep_.startswith("aux") and child.lower_ in vocab.future_cues
        for child in verb.children
    )


def find_dates(sentence: Span, published: dt.date | None) -> list[DateMention]:
    """Every resolvable date phrase in the sentence, in text order, without overlaps."""
    text = sentence.text
    if not DATE_LIKE.search(text):
        return []
    vocab = date_vocabulary()
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for rank, (name, pattern) in enumerate(_rules()):
        for match in pattern.finditer(text):
            start, end = match.span("text")
            candidates.append((start, -(end - start), rank, name, match))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, negative_length, _, name, match in sorted(candidates, key=lambda c: c[:3]):
        end = start - negative_length
        if start < taken_until:
            continue
        future = _is_future(sentence, start, end, vocab)
        try:
            resolved = RESOLVERS[name](match, _Context(vocab, published, future))
        # 31 February, an unknown spelling, a day before year 1 or after 9999: not a date
        except (ValueError, KeyError, OverflowError):
            resolved = None
        if resolved is None or resolved[0].year not in PLAUSIBLE_YEARS:
            continue
        day, precision = resolved
        mentions.append(DateMention(ResolvedDate(day, precision, match["text"]), start, end))
        taken_until = end
    return mentions


# Dependency labels of a clause that is what its governing verb reports ("..., X said").
REPORTED_CLAUSES = frozenset(("ccomp", "parataxis"))


def resolve_date(
    sentence: Span, published: dt.date | None, trigger: Token | None = None
) -> ResolvedDate | None:
    """The date the sentence gives for its event, or None when it gives none.

    A date opening a span up to now ("the first since 2012") is never the event's date. With a
    ``trigger`` and a parse, the date must sit in the trigger's own clause, in a clause governing
    it, in the clause it reports ("X hit Y on Monday, the ministry said"), or open the sentence;
    the trigger's own clause wins ("... first trip to Iraq since X overthrew Assad in December"),
    and a date in an unrelated clause ("the ceasefire that took effect on November 27 ended
    fighting that killed ...") gives none.
    """
    offset = _offset_before_or_after(trigger) if trigger is not None and has_parse(sentence) \
        else None
    found = _clause_date(sentence, published, trigger)
    if offset is None:
        return found
    # "..., two days after the visit to Baghdad": the visit's date is that of the clause it
    # hangs on (else the publication's) moved back by the count
    count, unit, text = offset
    if found is not None:
        return ResolvedDate(_shift(found.date, count, unit), found.precision, text)
    return ResolvedDate(_shift(published, count, unit), unit, text) if published else None


def _offset_before_or_after(trigger: Token) -> tuple[int, str, str] | None:
    """(-2, "day", "two days after") for an event noun in "two days after the visit": read by
    word order, as the parser hangs "two days" on the noun, the preposition or the verb."""
    case = next((c for c in trigger.children
                 if c.dep_ == "case" and c.lower_ in ("after", "before")), None)
    if case is None or case.i < 2:
        return None
    number, unit = trigger.doc[case.i - 2], trigger.doc[case.i - 1].lower_.rstrip("s")
    vocab = date_vocabulary()
    if unit not in UNITS or not (number.lower_.isdigit() or number.lower_ in vocab.numbers):
        return None
    count = _number(number.lower_, vocab) * (-1 if case.lower_ == "after" else 1)
    return count, unit, trigger.doc[number.i:case.i + 1].text


def _clause_date(
    sentence: Span, published: dt.date | None, trigger: Token | None
) -> ResolvedDate | None:
    mentions = [mention for mention in find_dates(sentence, published)
                if not starts_interval(sentence, mention)]
    if not mentions:
        return None
    if trigger is None or not has_parse(sentence):
        return mentions[0].resolved
    own = clause_head(trigger)
    governing = {token.i for token in own.ancestors}
    # "welcomed the talks held two days earlier": the noun's participle dates the noun's event
    participles = {participle.i for participle in participles_of(trigger)}
    ranked: list[tuple[int, int, DateMention]] = []
    for mention in mentions:
        span = span_of(sentence, mention.start, mention.end)
        if span is None:
            continue
        clause = clause_head(span.root)
        head = clause.i
        # an event anchored on its reporting verb ("X hit Y on Monday, the ministry said")
        # takes the date of the reported clause
        reported = clause.dep_ in REPORTED_CLAUSES and clause.head.i == own.i
        if head in participles:
            ranked.append((0, mention.start, mention))
        elif head == own.i:
            ranked.append((1, mention.start, mention))
        elif head in governing or reported or span.start - sentence.start < FRONTED_TOKENS:
            ranked.append((2, mention.start, mention))
    return min(ranked, key=lambda r: r[:2])[2].resolved if ranked else None


def starts_interval(sentence: Span, mention: DateMention) -> bool:
    """Whether the date opens a span reaching to now ("since 2012")."""
    vocab = date_vocabulary()
    before = sentence.text[: mention.start].lower()
    return any(re.search(rf"\b{re.escape(word)}\s+(?:the\s+)?$", before)
               for word in vocab.interval_starts)


# A publication date dates an event only to about the week before it.
PUBLICATION_DATE_PRECISION = "week"
COARSER_PRECISIONS = ("month", "year")


def default_date(published: dt.date | None, precision: str | None = "day") -> ResolvedDate | None:
    """The fallback when a sentence names no date: around publication, precision "week", or the
    publication date's own precision when coarser (metadata giving only a month or a year).

    ``text`` is empty because no phrase gave the date; the exporter writes it as null.
    """
    if published is None:
        return None
    coarse = precision if precision in COARSER_PRECISIONS else PUBLICATION_DATE_PRECISION
    return ResolvedDate(published, coarse, "")
