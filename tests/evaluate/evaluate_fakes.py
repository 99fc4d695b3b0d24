"""Hand-built events and a fake coder: scorer arithmetic checked without the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dyad.records import Actor, Event, Mention


def actor(code: str) -> Actor:
    """An actor from a CAMEO-style code: "IRQGOV" -> country IRQ, sector GOV."""
    return Actor(id=code.lower(), code=code, name=code, country=code[:3], sector=code[3:6] or None)


def mention(code: str) -> Mention:
    return Mention(
        doc_id="d",
        sentence_index=0,
        text=code,
        char_start=0,
        char_end=len(code),
        actor=actor(code),
        confidence=1.0,
    )


def event(
    event_type: str,
    source: str | None = None,
    target: str | None = None,
    *,
    quad: int = 1,
    cameo: str = "04",
    confidence: float = 0.9,
    negated: bool = False,
    hypothetical: bool = False,
    sentence: str = "s",
) -> Event:
    return Event(
        event_id=f"{event_type}-{source}-{target}-{confidence}", doc_id="d", sentence_index=0,
        sentence=sentence, char_start=0, char_end=1, event_type=event_type, mode=None,
        cameo_root=cameo, quad_class=quad, intensity=0.0,
        source=mention(source) if source else None, target=mention(target) if target else None,
        trigger="t", confidence=confidence, negated=negated, hypothetical=hypothetical,
    )  # fmt: skip


def fake_coder(answers: Mapping[str, Sequence[Event]]) -> Callable[[str], Sequence[Event]]:
    """Codes each known text to its listed events, anything else to none."""
    return lambda text: answers.get(text, ())
