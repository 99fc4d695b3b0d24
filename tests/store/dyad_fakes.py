"""Hand-built records for the store, export, brief and CLI tests (no NLP pipeline needed).

Articles are made from a list of sentences, so every offset is real: a test can check that an
event's ``char_start:char_end`` cuts its sentence out of the article text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dyad.records import (
    Actor,
    Article,
    Event,
    Location,
    Mention,
    Quantities,
    ResolvedDate,
    Sentence,
)

IRQ = Actor("irq", "IRQ", "Iraq", country="IRQ", kind="country", aliases=("Iraq", "Iraqi"))
IRQGOV = Actor(
    "irq.gov", "IRQGOV", "Government of Iraq", "IRQ", "GOV", "sector",
    ("Baghdad", "Iraqi government"),
)  # fmt: skip
IRQSPY = Actor("irq.spy", "IRQSPY", "Iraqi intelligence", "IRQ", "SPY", "sector", ("INIS",))
SYR = Actor("syr", "SYR", "Syria", country="SYR", kind="country", aliases=("Syria",))
SYRGOV = Actor(
    "syr.gov", "SYRGOV", "Government of Syria", "SYR", "GOV", "sector", ("Damascus",)
)  # fmt: skip
SHARAA = Actor(
    "person.ahmed-al-sharaa", "SYRGOV", "Ahmed al-Sharaa", "SYR", "GOV", "person",
    ("al-Sharaa", "al-Shara", "Jolani"),
)  # fmt: skip
TUR = Actor("tur", "TUR", "Turkey", country="TUR", kind="country", aliases=("Türkiye",))
ISIS = Actor("isis", "IMGMILISI", "Islamic State", None, "MIL", "group", ("ISIS", "Daesh"))


@dataclass(frozen=True, slots=True)
class FakeResult:
    """Same fields as ``dyad.pipeline.ArticleResult`` (the store reads only these)."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Coded:
    """What a test says about one event; offsets are worked out by :func:`article`."""

    sentence_index: int
    event_type: str
    quad_class: int
    intensity: float
    source: tuple[Actor | None, str] | None
    target: tuple[Actor | None, str] | None = None
    date: str | None = None
    confidence: float = 0.8
    others: tuple[tuple[Actor | None, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def article(
    doc_id: str,
    sentences: list[str],
    coded: list[Coded] = (),  # type: ignore[assignment]
    *,
    published: str | None = None,
    doc_path: str | None = None,
) -> FakeResult:
    text = " ".join(sentences)
    records = []
    start = 0
    for index, sentence in enumerate(sentences):
        records.append(Sentence(doc_id, index, sentence, start, start + len(sentence)))
        start += len(sentence) + 1
    events = tuple(
        _event(doc_id, number, spec, records[spec.sentence_index], doc_path)
        for number, spec in enumerate(coded)
    )
    mentions = {}
    for event in events:
        for mention in (event.source, event.target, *event.others):
            if mention is not None:
                mentions[(mention.char_start, mention.char_end)] = mention
    return FakeResult(
        article=Article(
            doc_id=doc_id,
            text=text,
            title=sentences[0],
            published=dt.date.fromisoformat(published) if published else None,
            published_text=published,
            source="Test Wire",
            doc_path=doc_path,
        ),
        sentences=tuple(records),
        mentions=tuple(sorted(mentions.values(), key=lambda m: m.char_start)),
        events=events,
    )


def _mention(doc_id: str, sentence: Sentence, who: tuple[Actor | None, str]) -> Mention:
    actor, text = who
    offset = sentence.text.index(text)
    start = sentence.char_start + offset
    return Mention(doc_id, sentence.index, text, start, start + len(text), actor, 0.9)


def _event(
    doc_id: str, number: int, spec: Coded, sentence: Sentence, doc_path: str | None
) -> Event:
    def mention(who: tuple[Actor | None, str] | None) -> Mention | None:
        return _mention(doc_id, sentence, who) if who is not None else None

    return Event(
        event_id=f"{doc_id}:{number}",
        doc_id=doc_id,
        sentence_index=sentence.index,
        sentence=sentence.text,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        event_type=spec.event_type,
        mode=spec.extra.get("mode"),
        cameo_root=spec.extra.get("cameo_root", "04"),
        quad_class=spec.quad_class,
        intensity=spec.intensity,
        source=mention(spec.source),
        target=mention(spec.target),
        others=tuple(_mention(doc_id, sentence, who) for who in spec.others),
        trigger=spec.extra.get("trigger", "met"),
        confidence=spec.confidence,
        context=tuple(spec.extra.get("context", ())),
        date=(
            ResolvedDate(dt.date.fromisoformat(spec.date), "day", spec.date) if spec.date else None
        ),
        location=spec.extra.get("location"),
        quantities=spec.extra.get("quantities", Quantities()),
        negated=spec.extra.get("negated", False),
        hypothetical=spec.extra.get("hypothetical", False),
        historical=spec.extra.get("historical", False),
        reported_by=spec.extra.get("reported_by"),
        doc_path=doc_path,
        duplicate_of=spec.extra.get("duplicate_of"),
    )


def border_article(doc_id: str = "doc-border") -> FakeResult:
    """A short report with a visit, an accusation and an attack; one field of each kind set."""
    return article(
        doc_id,
        [
            "Iraqi intelligence chief visited Damascus and met al-Sharaa on Sunday.",
            "Baghdad accused Damascus of letting fighters cross the border.",
            "Islamic State fighters killed 4 Iraqi soldiers near Qaim, the ministry said.",
            "Turkey may host talks with Iraq and Syria next month.",
        ],
        [
            Coded(
                0, "CONSULT", 1, 1.0, (IRQSPY, "Iraqi intelligence"), (SHARAA, "al-Sharaa"),
                date="2024-12-29",
                extra={"mode": "visit", "context": ["security"], "trigger": "visited",
                       "location": Location("Damascus", "SYR", 33.51, 36.29),
                       "reported_by": "Iraqi News Agency"},
            ),
            Coded(1, "ACCUSE", 3, -2.0, (IRQGOV, "Baghdad"), (SYRGOV, "Damascus"),
                  date="2025-01-10", extra={"cameo_root": "11", "trigger": "accused"}),
            Coded(
                2, "ASSAULT", 4, -9.0, (ISIS, "Islamic State"), (None, "Iraqi soldiers"),
                date="2025-01-12", confidence=0.7,
                extra={"cameo_root": "19", "trigger": "killed",
                       "quantities": Quantities(killed=4)},
            ),
            Coded(3, "CONSULT", 1, 1.0, (TUR, "Turkey"), (IRQ, "Iraq"), confidence=0.5,
                  others=((SYR, "Syria"),),
                  extra={"hypothetical": True, "trigger": "host talks"}),
        ],
        published="2025-01-14",
        doc_path="reports/border.txt",
    )  # fmt: skip


def retold_article(doc_id: str = "rep") -> FakeResult:
    """One Iraq-Syria meeting told twice; the second telling is marked a repeat of the first."""
    sentences = ["Baghdad held talks with Damascus.", "Talks in Damascus went well, Baghdad said."]
    sides = ((IRQGOV, "Baghdad"), (SYRGOV, "Damascus"))
    coded = [
        Coded(0, "CONSULT", 1, 1.0, *sides, "2024-11-03", 0.8),
        Coded(1, "CONSULT", 1, 1.0, *sides, "2024-11-03", 0.6,
              extra={"duplicate_of": f"{doc_id}:0"}),
    ]  # fmt: skip
    return article(doc_id, sentences, coded)
