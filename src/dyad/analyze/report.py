"""The brief in words: an outline of blocks that the text, Markdown and HTML renderers draw.

Every statement carries the evidence it rests on (article id, sentence number, the sentence),
so each output format links each claim to its sentence the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.analyze.brief import Brief
from dyad.analyze.evidence import ActorRef, Evidence
from dyad.analyze.key_events import KeyEvent
from dyad.analyze.positions import Position
from dyad.analyze.third_parties import ThirdParty
from dyad.analyze.trend import MonthSummary
from dyad.export.contract import QUAD_CLASSES

STANCE_VERBS = {"support": "is for", "oppose": "is against", "conditional": "sets conditions on"}


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class MonthlyChart:
    title: str
    months: tuple[MonthSummary, ...]


Block = Heading | Paragraph | Statement | MonthlyChart


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    blocks: tuple[Block, ...]


def report(brief: Brief) -> Report:
    """The outline of ``brief``: sections in the order an analyst reads them."""
    a, b = brief.side_a.spec, brief.side_b.spec
    blocks: list[Block] = [
        Paragraph(f"{a}: {_names(brief.side_a.names)}"),
        Paragraph(f"{b}: {_names(brief.side_b.names)}"),
        Paragraph(_period(brief)),
        Paragraph(_counts(brief)),
        Heading("Cooperation and conflict by month"),
        MonthlyChart(f"{a} and {b}: fused events per month by quad class", brief.months),
        Heading("Trend"),
        Paragraph(brief.trend.words.capitalize()),
        Heading("Key events"),
        *_or_none([_event(event) for event in brief.key_events], "No events between them."),
        Heading("Third parties"),
        *_or_none([_third(party, a, b) for party in brief.third_parties], "None seen."),
        Heading(f"Positions inside {a}"),
        *_or_none([_position(p) for p in brief.positions_a], f"None found about {b}."),
        Heading(f"Positions inside {b}"),
        *_or_none([_position(p) for p in brief.positions_b], f"None found about {a}."),
        Heading("Positions of third parties"),
        *_or_none([_position(p) for p in brief.positions_third], "None found."),
        Heading("Open questions"),
        *_or_none(
            [_event(event, pending=True) for event in brief.open_questions],
            "No hypothetical or threatened events pending.",
        ),
    ]
    return Report(f"Relations brief: {a} — {b}", tuple(blocks))


def actor_name(actor: ActorRef | None) -> str:
    return "?" if actor is None else actor.name


def _event(event: KeyEvent, *, pending: bool = False) -> Statement:
    target = actor_name(event.target)
    if event.others:
        target += " (with " + ", ".join(actor_name(o) for o in event.others) + ")"
    flags = f" [{', '.join(event.flags)}]" if event.flags else ""
    sources = "source" if event.num_sources == 1 else "sources"
    reports = "report" if event.num_reports == 1 else "reports"
    return Statement(
        f"{event.date or 'undated'}: {actor_name(event.source)} → {target}: {event.event_type}"
        f"{' ' + event.mode if event.mode else ''} ({QUAD_CLASSES[event.quad_class]}, "
        f"{event.intensity:+.1f}){flags}; {event.num_sources} independent {sources}, "
        f"{event.num_reports} {reports}" + ("; pending" if pending else ""),
        event.evidence,
    )


def _third(party: ThirdParty, a: str, b: str) -> Statement:
    def side(count: int, net: float | None, name: str) -> str:
        return f"{count} with {name}" + ("" if net is None else f" (net {net:+.2f})")

    events = tuple({e.cluster_id: e for e in party.toward_a + party.toward_b}.values())
    shown = "; ".join(
        f"{e.event_type} {actor_name(e.source)} → {actor_name(e.target)}" for e in events
    )
    return Statement(
        f"{party.actor.name}: {side(party.events_with_a, party.net_with_a, a)}, "
        f"{side(party.events_with_b, party.net_with_b, b)}" + (f" — {shown}" if shown else ""),
        tuple(e.evidence[0] for e in events if e.evidence),
    )


def _position(position: Position) -> Statement:
    actor = position.object_actor.name if position.object_actor else None
    about = [part for part in (position.topic, actor) if part]
    about_text = f" ({'; '.join(about)})" if about else ""
    condition = f", {position.condition}" if position.condition else ""
    leaning = f" (leaning: {position.leaning})" if position.stance == "conditional" else ""
    return Statement(
        f"{position.date or 'undated'}: {position.holder.name} {STANCE_VERBS[position.stance]} "
        f'"{position.object}"{about_text}{condition}{leaning}; confidence '
        f"{position.confidence:.2f}, from {', '.join(position.basis)}",
        (position.evidence,),
    )


def _or_none(statements: list[Statement], none: str) -> list[Block]:
    return list(statements) if statements else [Paragraph(none)]


def _names(names: tuple[str, ...], shown: int = 6) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


def _period(brief: Brief) -> str:
    if brief.since is None and brief.until is None:
        return "Period: all stored events."
    return f"Period: {brief.since or 'the first event'} to {brief.until or 'the last event'}."


def _counts(brief: Brief) -> str:
    counts = brief.counts
    return (
        f"{counts.reports} reports of {counts.events} distinct events between them; "
        f"{counts.counted} counted as reported facts ({counts.undated} of them undated, so in "
        f"no month); {counts.flagged} only told as negated, hypothetical or historical."
    )
