"""dyad's own real-news gold (docs/gold.md): loading, the fixed dev/test split, scoring.

The gold stores character offsets into each story's text, not the text: stories are read from
the VOA file in ``../shared/data/voa_news`` (or from a ``text`` field in a user's gold line).
A system event matches a gold event when it comes from the same sentence, has the same type, and
each role matches (same actor by code, or overlapping text); pairs are made one to one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dyad.evaluate.gold import PLOVER_TYPES
from dyad.evaluate.metrics import Counts, Ratio
from dyad.evaluate.plover_score import TRANSNATIONAL
from dyad.export.contract import FLAGS
from dyad.records import Event, Mention

VOA_STORIES = Path("voa_news") / "voa_stories.jsonl"
# Share of a gold sentence's words a system sentence must hold to be "the same sentence"
# (cleaning may mend spacing and quotes, so exact offsets cannot be compared).
SAME_SENTENCE_OVERLAP = 0.6


@dataclass(frozen=True, slots=True)
class GoldRole:
    text: str
    code: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldStoryEvent:
    sentence_start: int
    sentence_end: int
    event_type: str
    mode: str | None
    source: GoldRole | None
    target: GoldRole | None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False

    @property
    def flagged(self) -> bool:
        return self.negated or self.hypothetical or self.historical


@dataclass(frozen=True, slots=True)
class GoldStory:
    story_id: str
    text: str
    published: str | None
    title: str | None
    split: str  # "dev" | "test" | "user"
    events: tuple[GoldStoryEvent, ...]


def default_gold_dir() -> Path:
    return Path(str(resources.files("dyad") / "data" / "gold" / "voa"))


def load_split(path: Path | None = None) -> dict[str, str]:
    """story id -> "dev" | "test", as fixed once in ``data/gold/voa_split.tsv``."""
    path = path or Path(str(resources.files("dyad") / "data" / "gold" / "voa_split.tsv"))
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t")[0]: line.split("\t")[1] for line in rows if line.strip()}


def load_stories(data_dir: Path) -> dict[str, dict]:
    path = data_dir / VOA_STORIES
    with path.open(encoding="utf-8") as handle:
        return {str(r["id"]): r for r in (json.loads(line) for line in handle if line.strip())}


def load_bundled_gold(data_dir: Path, split: str | None = None) -> list[GoldStory]:
    """dyad's own VOA gold, every story or those of one split ("dev" or "test")."""
    stories = load_gold(sorted(default_gold_dir().glob("*.jsonl")), load_stories(data_dir),
                        load_split())
    return [story for story in stories if split is None or story.split == split]


def load_gold(
    files: Iterable[Path], stories: dict[str, dict], split: dict[str, str]
) -> list[GoldStory]:
    """Every story line of the gold files; raises ``ValueError`` naming file:line on bad data."""
    gold: dict[str, GoldStory] = {}
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                story = _story(json.loads(line), stories, split, where)
                if story.story_id in gold:
                    raise ValueError(f"{where}: story {story.story_id} is coded twice")
                gold[story.story_id] = story
    return [gold[key] for key in sorted(gold)]


def _story(record: dict, stories: dict[str, dict], split: dict[str, str], where: str) -> GoldStory:
    story_id = str(record.get("story_id", ""))
    source = stories.get(story_id, {})
    text = record.get("text") or source.get("text")
    if not isinstance(text, str):
        raise ValueError(f"{where}: story {story_id!r} has no text (not in the story file)")
    events = tuple(_event(raw, text, f"{where}: event {i}")
                   for i, raw in enumerate(record.get("events", [])))
    published = record.get("published") or source.get("published")
    return GoldStory(
        story_id=story_id,
        text=text,
        published=published[:10] if published else None,
        title=record.get("title") or source.get("title"),
        split=split.get(story_id, "user"),
        events=events,
    )


def _event(raw: dict, text: str, where: str) -> GoldStoryEvent:
    event_type = raw.get("event_type")
    if event_type not in PLOVER_TYPES:
        raise ValueError(f"{where}: unknown event_type {event_type!r}")
    start, end = int(raw["sentence_start"]), int(raw["sentence_end"])
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{where}: sentence offsets {start}-{end} outside the story")
    return GoldStoryEvent(
        sentence_start=start,
        sentence_end=end,
        event_type=event_type,
        mode=raw.get("mode") or None,
        source=_role(raw.get("source"), text, where),
        target=_role(raw.get("target"), text, where),
        **{flag: bool(raw.get(flag, False)) for flag in FLAGS},
    )


def _role(raw: object, text: str, where: str) -> GoldRole | None:
    if not isinstance(raw, dict):
        return None
    start, end, quoted = int(raw["start"]), int(raw["end"]), raw.get("text", "")
    if text[start:end] != quoted:
        raise ValueError(f"{where}: role offsets {start}-{end} give {text[start:end]!r}, "
                         f"not {quoted!r}")
    return GoldRole(quoted, (raw.get("code") or "").upper() or None, start, end)


# --- scoring -------------------------------------------------------------------------------

StoryCoder = Callable[[GoldStory], Sequence[Event]]


@dataclass(slots=True)
class VoaReport:
    """Scores over a set of stories; "full" needs type, source and target all right."""

    stories: int = 0
    gold_events: int = 0
    full: Counts = field(default_factory=Counts)
    typed: Counts = field(default_factory=Counts)  # same sentence and type, roles ignored
    both_roles: Ratio = field(default_factory=lambda: Ratio(0, 0))
    per_type: dict[str, Counts] = field(default_factory=dict)
    flags: dict[str, Ratio] = field(default_factory=dict)  # agreement on type-matched pairs
    # confidence bin (lower bound) -> how many emitted events in it were fully right
    reliability: dict[float, Ratio] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "stories": self.stories,
            "gold_events": self.gold_events,
            "type_source_target": self.full.as_dict(),
            "type": self.typed.as_dict(),
            "emitted_with_source_and_target": self.both_roles.as_dict(),
            "per_type": {name: c.as_dict() for name, c in sorted(self.per_type.items())},
            "flag_agreement": {name: r.as_dict() for name, r in self.flags.items()},
            "reliability": {f"{low:.1f}": r.as_dict() for low, r in self.reliability.items()},
        }


def score_stories(stories: Sequence[GoldStory], coder: StoryCoder) -> VoaReport:
    report = VoaReport()
    type_counts: Counter[tuple[str, str]] = Counter()
    flag_hits: Counter[str] = Counter()
    flag_total = 0
    right: Counter[float] = Counter()
    in_bin: Counter[float] = Counter()
    with_both = emitted = 0
    for story in stories:
        events = list(coder(story))
        report.stories += 1
        report.gold_events += sum(not e.flagged for e in story.events)
        system = [e for e in events if not e.flagged]
        gold = [e for e in story.events if not e.flagged]
        emitted += len(system)
        with_both += sum(e.source is not None and e.target is not None for e in system)
        full = pair_events(story.text, system, gold, roles=True)
        typed = pair_events(story.text, system, gold, roles=False)
        report.full += Counts(len(full), len(system) - len(full), len(gold) - len(full))
        matched = {id(system_event) for system_event, _ in full}
        for event in system:
            low = confidence_bin(event.confidence)
            in_bin[low] += 1
            right[low] += id(event) in matched
        report.typed += Counts(len(typed), len(system) - len(typed), len(gold) - len(typed))
        type_counts.update((e.event_type, "system") for e in system)
        type_counts.update((e.event_type, "gold") for e in gold)
        type_counts.update((g.event_type, "tp") for _, g in full)
        for system_event, gold_event in pair_events(story.text, events, list(story.events), False):
            flag_total += 1
            for flag in FLAGS:
                flag_hits[flag] += getattr(system_event, flag) == getattr(gold_event, flag)
    report.both_roles = Ratio(with_both, emitted)
    report.per_type = {
        name: Counts(tp := type_counts[(name, "tp")], type_counts[(name, "system")] - tp,
                     type_counts[(name, "gold")] - tp)
        for name in PLOVER_TYPES
        if type_counts[(name, "system")] or type_counts[(name, "gold")]
    }
    report.flags = {flag: Ratio(flag_hits[flag], flag_total) for flag in FLAGS}
    report.reliability = {low: Ratio(right[low], in_bin[low]) for low in sorted(in_bin)}
    return report


def pair_events(
    text: str, system: Sequence[Event], gold: Sequence[GoldStoryEvent], roles: bool
) -> list[tuple[Event, GoldStoryEvent]]:
    """One-to-one pairs, best first: more matching roles, then earlier in the text."""
    candidates = []
    for i, event in enumerate(system):
        for j, gold_event in enumerate(gold):
            if event.event_type != gold_event.event_type:
                continue
            if not same_sentence(event.sentence, text[gold_event.sentence_start:
                                                      gold_event.sentence_end]):
                continue
            hits = role_matches(event.source, gold_event.source) + role_matches(
                event.target, gold_event.target)
            if roles and hits < 2:
                continue
            candidates.append((-hits, i, j))
    used_system: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_system and j not in used_gold:
            used_system.add(i)
            used_gold.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


def confidence_bin(confidence: float) -> float:
    """The lower bound of the tenth of [0, 1] a confidence falls in."""
    return min(int(confidence * 10), 9) / 10


_WORD = re.compile(r"\w+")


def same_sentence(system_sentence: str, gold_sentence: str) -> bool:
    gold_words = set(_WORD.findall(gold_sentence.lower()))
    system_words = set(_WORD.findall(system_sentence.lower()))
    if not gold_words or not system_words:
        return False
    shared = len(gold_words & system_words)
    return shared / max(len(gold_words), len(system_words)) >= SAME_SENTENCE_OVERLAP


def role_matches(mention: Mention | None, gold: GoldRole | None) -> bool:
    """Same actor by code (country, then sector where both give one), or overlapping text."""
    if mention is None or gold is None:
        return mention is None and gold is None
    if gold.code and mention.actor is not None and codes_match(mention.actor.code, gold.code):
        return True
    system_text, gold_text = mention.text.lower(), gold.text.lower()
    return bool(system_text) and (system_text in gold_text or gold_text in system_text)


def codes_match(system: str, gold: str) -> bool:
    if system[:3] != gold[:3]:
        return False
    if system[:3] in TRANSNATIONAL:
        return system[3:6] == gold[3:6] or not gold[3:] or not system[3:]
    return not system[3:6] or not gold[3:6] or system[3:6] == gold[3:6]
