"""How well each trigger row of the lexicon earns its place, measured on labelled sentences.

    .venv/bin/python training/lexicon_audit.py [--data-dir ../shared/data] [--min-fired 5]
        [--max-precision 0.3] [--show FILE:LINE] [--source conflibert|plover|voa]

Runs the **rules coder alone** over the sentences dyad may tune on: the training parts of
conflibert_cameo and plover_gsr (``dyad.evaluate.splits`` keeps the held-out quarters out) and
the VOA dev stories (never the test half). Each event is traced to the lexicon row that fired
it and judged by its type alone: right when the sentence's gold has an event of that type
(plover_gsr, VOA dev) or when its CAMEO root is in the sentence's conflibert class (the
gold's CAMEO PentaClass, ``dyad.evaluate.quad_score.CAMEO_ROOT_CLASS``; appeals are class 0).
Prints, per row that fired, its firings, right ones and precision per
source and overall, then the rows with at least ``--min-fired`` firings and precision below
``--max-precision``, with a few of their false positives. Role correctness is not judged here:
``training/dev_errors.py`` does that on VOA dev.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyad.actors import find_mentions, load_knowledge_base
from dyad.actors.kb import KnowledgeBase
from dyad.clean import clean_document
from dyad.errors import InputError
from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.gold import load_conflibert, load_plover_gsr
from dyad.evaluate.quad_score import CAMEO_ROOT_CLASS
from dyad.evaluate.splits import is_held_out
from dyad.evaluate.voa import load_bundled_gold, same_sentence
from dyad.events import code_events
from dyad.events.lexicon import Lexicon, TriggerRule, lexicon_dir, load_lexicon
from dyad.events.triggers import find_triggers
from dyad.nlp import load_language, parse
from dyad.records import Event, RawDocument
from dyad.segment import content_sentences

SOURCES = ("conflibert", "plover", "voa")
EXAMPLES_SHOWN = 3
# PLOVER REQUEST joins CAMEO 10 (demand, class 3) and 02 (appeal, which the conflibert gold puts
# in class 0): an appeal ("urged X to ...") coded REQUEST is right in either class.
APPEAL_TYPES = frozenset({"REQUEST"})
APPEAL_ROOT = "02"


@dataclass(frozen=True, slots=True)
class Unit:
    """A labelled text: one sentence (conflibert, plover_gsr) or one story (VOA dev)."""

    source: str
    text: str
    published: str | None
    # judges an event of this type in this sentence: True when the gold has it
    gold_sentences: tuple[tuple[str, frozenset[str]], ...] = ()  # VOA: (sentence, types)
    gold_types: frozenset[str] = frozenset()  # plover_gsr: types of the sentence
    quad: int | None = None  # conflibert: CAMEO PentaClass label

    def gold(self, sentence: str) -> str:
        """What the gold says of the sentence, for reading a false positive."""
        if self.quad is not None:
            return f"class {self.quad}"
        types = self.gold_types | {t for gold, types in self.gold_sentences
                                   if same_sentence(sentence, gold) for t in types}
        return "gold " + ("/".join(sorted(types)) or "none")

    def right(self, event: Event) -> bool:
        if self.quad is not None:  # the gold classes are CAMEO's, read off the event's root
            classes = {CAMEO_ROOT_CLASS.get(event.cameo_root[:2])}
            if event.event_type in APPEAL_TYPES:
                classes.add(CAMEO_ROOT_CLASS[APPEAL_ROOT])
            return self.quad in classes
        if self.source == "voa":
            return any(event.event_type in types for gold, types in self.gold_sentences
                       if same_sentence(event.sentence, gold))
        return event.event_type in self.gold_types


@dataclass(slots=True)
class Tally:
    fired: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)

    @property
    def total_fired(self) -> int:
        return sum(self.fired.values())

    @property
    def precision(self) -> float:
        return sum(self.right.values()) / max(self.total_fired, 1)


def training_units(data_dir: Path, sources: Iterable[str]) -> Iterator[Unit]:
    wanted = set(sources)
    if "conflibert" in wanted:
        for sentence in load_conflibert(data_dir):
            if not is_held_out(sentence.text):
                yield Unit("conflibert", sentence.text, None, quad=sentence.label)
    if "plover" in wanted:
        by_text: dict[str, set[str]] = defaultdict(set)
        for event in load_plover_gsr(data_dir).events:
            if not is_held_out(event.text):
                by_text[event.text].add(event.event_type)
        for text, types in by_text.items():
            yield Unit("plover", text, None, gold_types=frozenset(types))
    if "voa" in wanted:
        for story in load_bundled_gold(data_dir, "dev"):
            sentences = defaultdict(set)
            for event in story.events:
                sentences[story.text[event.sentence_start:event.sentence_end]].add(
                    event.event_type)
            gold = tuple((text, frozenset(types)) for text, types in sentences.items())
            yield Unit("voa", story.text, story.published, gold_sentences=gold)


def rule_name(rule: TriggerRule, files: dict[str, list[str]]) -> str:
    """``file:line`` of a rule, and the line as written (a rule knows its line, not its file)."""
    for name, lines in files.items():
        cells = lines[rule.line - 1].split("\t") if rule.line <= len(lines) else []
        if cells[:3] == [rule.lemma, rule.pos, rule.event_type]:
            return f"{name}:{rule.line}"
    return f"?:{rule.line}"


def lexicon_lines() -> dict[str, list[str]]:
    """The hand lexicon first: it is read first and wins for a word."""
    return {name: (lexicon_dir() / name).read_text(encoding="utf-8").splitlines()
            for name in ("triggers.tsv", "cameo_verbs.tsv")}


def describe(rule: TriggerRule, files: dict[str, list[str]]) -> str:
    name, _, line = rule_name(rule, files).partition(":")
    cells = files[name][int(line) - 1].split("\t") if name in files else []
    return " ".join(cells[:4] + cells[6:]) if cells else rule.lemma


def audit(units: Iterable[Unit], nlp, kb: KnowledgeBase,
          lexicon: Lexicon) -> dict[TriggerRule, Tally]:
    tallies: dict[TriggerRule, Tally] = defaultdict(Tally)
    for unit in units:
        try:
            article = clean_document(RawDocument(content=unit.text, format="text",
                                                 date=unit.published))
        except InputError:
            continue
        doc = parse(nlp, article)
        rules = {}
        for number, sentence in enumerate(content_sentences(doc)):
            for trigger in find_triggers(sentence, lexicon):
                rules[(number, trigger.words)] = trigger.rule
        for event in code_events(doc, article, find_mentions(doc, article, kb), kb, lexicon):
            rule = rules.get((event.sentence_index, event.trigger))
            if rule is None or event.flagged:  # flagged events are not scored as facts
                continue
            tally = tallies[rule]
            tally.fired[unit.source] += 1
            if unit.right(event):
                tally.right[unit.source] += 1
            else:
                tally.misses.append(f"[{unit.source}, {unit.gold(event.sentence)}] "
                                    f"{event.trigger!r}: {event.sentence[:200]}")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    parser.add_argument("--source", action="append", choices=SOURCES,
                        help="only these sources (repeatable; default all)")
    parser.add_argument("--min-fired", type=int, default=5)
    parser.add_argument("--max-precision", type=float, default=0.3)
    parser.add_argument("--show", help="print every false positive of this row (FILE:LINE)")
    args = parser.parse_args()
    lexicon = load_lexicon()
    files = lexicon_lines()
    tallies = audit(training_units(Path(args.data_dir), args.source or SOURCES),
                    load_language(), load_knowledge_base(), lexicon)
    rows = sorted(tallies.items(), key=lambda item: -item[1].total_fired)
    print(f"{'row':24} {'fired':>5} {'right':>5} {'P':>5}  " + "  ".join(
        f"{source:>10}" for source in SOURCES) + "  entry")
    for rule, tally in rows:
        per_source = "  ".join(f"{tally.right[s]:>4}/{tally.fired[s]:<5}" for s in SOURCES)
        print(f"{rule_name(rule, files):24} {tally.total_fired:5d} "
              f"{sum(tally.right.values()):5d} {tally.precision:5.2f}  {per_source}  "
              f"{describe(rule, files)}")
    fired = sum(t.total_fired for t in tallies.values())
    right = sum(sum(t.right.values()) for t in tallies.values())
    print(f"\nall rows: {fired} events, {right} of the right type (P {right / max(fired, 1):.3f})")
    groups = {source: [(t.fired[source], t.right[source]) for t in tallies.values()]
              for source in SOURCES}
    for name in files:  # hand rows and derived rows as two families
        groups[name] = [(t.total_fired, sum(t.right.values())) for rule, t in tallies.items()
                        if rule_name(rule, files).startswith(name)]
    for group, counts in groups.items():
        group_fired, group_right = (sum(c[i] for c in counts) for i in (0, 1))
        print(f"  {group}: {group_fired} events, {group_right} right "
              f"(P {group_right / max(group_fired, 1):.3f})")
    print(f"\nrows with >= {args.min_fired} firings and P < {args.max_precision}:")
    for rule, tally in rows:
        name = rule_name(rule, files)
        if tally.total_fired >= args.min_fired and tally.precision < args.max_precision:
            print(f"  {name} {describe(rule, files)}: "
                  f"P {tally.precision:.2f} of {tally.total_fired}")
            for miss in tally.misses[:EXAMPLES_SHOWN]:
                print(f"      {miss}")
        if args.show == name:
            print(f"\nfalse positives of {name} ({describe(rule, files)}):")
            print("\n".join(f"  {miss}" for miss in tally.misses))


if __name__ == "__main__":
    main()
