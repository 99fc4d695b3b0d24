"""Why the hybrid coder misses VOA **dev** events, and what its false positives are.

    .venv/bin/python training/dev_errors.py [--data-dir ../shared/data] [--show CLASS]

Every unflagged dev gold event that is not fully right gets one class (no event in its
sentence, wrong type, or, with the type right, which role is wrong and how), and every
unflagged system event that is not fully right gets one too. ``--show CLASS`` prints the cases
of a class (sentence, gold roles, system roles) for reading. Test stories are never read.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from crossfit import story_coder, story_models
from event_data import DEV_FOLDS

from dyad.config import Settings
from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.voa import (
    GoldRole,
    GoldStory,
    GoldStoryEvent,
    load_bundled_gold,
    pair_events,
    role_matches,
    same_sentence,
)
from dyad.models.event_model import EventModel
from dyad.records import Event, Mention

PRONOUNS = frozenset(("i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "us",
                      "his", "its", "their", "our"))


def role_error(name: str, system: Mention | None, gold: GoldRole | None) -> str | None:
    if role_matches(system, gold):
        return None
    if gold is None:
        return f"{name} given, gold none"
    if system is None:
        return f"{name} missing" + (" (gold pronoun)" if gold.text.lower() in PRONOUNS else "")
    if system.actor is not None and gold.code and system.actor.code[:3] == gold.code[:3]:
        return f"{name} right country, wrong sector"
    return f"{name} wrong actor" + (" (gold pronoun)" if gold.text.lower() in PRONOUNS else "")


def miss_class(story: GoldStory, gold: GoldStoryEvent, system: Sequence[Event],
               model: EventModel) -> str:
    sentence = story.text[gold.sentence_start:gold.sentence_end]
    here = [e for e in system if same_sentence(e.sentence, sentence)]
    if not here:
        return "no event in sentence" + _detection_note(sentence, gold.event_type, model)
    typed = [e for e in here if e.event_type == gold.event_type]
    if not typed:
        return "wrong type"
    best = min(typed, key=lambda e: _role_errors(e, gold))
    errors = [error for error in (role_error("source", best.source, gold.source),
                                  role_error("target", best.target, gold.target)) if error]
    return " + ".join(errors) if len(errors) < 2 else "both roles wrong"


def _detection_note(sentence: str, event_type: str, model: EventModel) -> str:
    """Why nothing was proposed: the model's belief in the gold type (and its best type)."""
    probs = model.predict([sentence])[0].type_probs
    score = probs.get(event_type, 0.0)
    band = "<0.2" if score < 0.2 else "0.2-0.5" if score < 0.5 else ">=0.5"
    best = max(probs.values(), default=0.0)
    return f" (model p(gold type) {band}; best type {'>=0.5' if best >= 0.5 else '<0.5'})"


def _role_errors(event: Event, gold: GoldStoryEvent) -> int:
    return (not role_matches(event.source, gold.source)) + (
        not role_matches(event.target, gold.target))


def false_positive_class(story: GoldStory, event: Event) -> str:
    here = [g for g in story.events
            if same_sentence(event.sentence, story.text[g.sentence_start:g.sentence_end])]
    if not here:
        return "FP: no gold event in sentence"
    if all(g.flagged for g in here):
        return "FP: gold events there are flagged"
    if not any(g.event_type == event.event_type for g in here if not g.flagged):
        return "FP: type not in gold sentence"
    return "FP: type right, roles wrong"


def describe(story: GoldStory, gold: GoldStoryEvent | None, system: Sequence[Event]) -> str:
    lines = []
    if gold is not None:
        sentence = story.text[gold.sentence_start:gold.sentence_end]
        lines.append(f"  [{story.story_id}] {sentence[:300]}")
        lines.append(f"    gold {gold.event_type}: {_gold_role(gold.source)} -> "
                     f"{_gold_role(gold.target)}")
    for event in system:
        if gold is None:
            lines.append(f"  [{story.story_id}] {event.sentence[:300]}")
        lines.append(f"    system {event.event_type} (trigger {event.trigger!r}): "
                     f"{_system_role(event.source)} -> {_system_role(event.target)}; "
                     + "; ".join(f"{k}: {v}" for k, v in event.trace[:3]))
    return "\n".join(lines)


def _gold_role(role: GoldRole | None) -> str:
    return "-" if role is None else f"{role.text!r} {role.code}"


def _system_role(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    return f"{mention.text!r} {mention.actor.code if mention.actor else '?'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    parser.add_argument("--show", help="print the cases of this class")
    parser.add_argument("--fold-models", type=Path, nargs=DEV_FOLDS, metavar="DIR",
                        help="read each story with the model trained without it (crossfit.py)")
    args = parser.parse_args()
    stories = load_bundled_gold(args.data_dir, "dev")
    # One model thread: on a shared machine two spin against other processes.
    settings = Settings(threads=1)
    models = story_models(args.fold_models, threads=1)
    coder = story_coder(models, settings)
    misses: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    by_type: Counter[tuple[str, str]] = Counter()
    right = 0
    for story in stories:
        system = [e for e in coder(story) if not e.flagged]
        gold = [e for e in story.events if not e.flagged]
        full = pair_events(story.text, system, gold, roles=True)
        right += len(full)
        found_gold = {id(g) for _, g in full}
        found_system = {id(s) for s, _ in full}
        for event in gold:
            if id(event) in found_gold:
                continue
            kind = miss_class(story, event, system, models(story))
            misses[kind] += 1
            by_type[(event.event_type, kind.split(" ")[0])] += 1
            if args.show == kind:
                sentence = story.text[event.sentence_start:event.sentence_end]
                print(describe(story, event, [e for e in system
                                              if same_sentence(e.sentence, sentence)]))
        for event in system:
            if id(event) not in found_system:
                kind = false_positive_class(story, event)
                false_positives[kind] += 1
                if args.show == kind:
                    print(describe(story, None, [event]))
                    for g in gold:  # what the sentence's gold says, to compare roles with
                        if same_sentence(event.sentence,
                                         story.text[g.sentence_start:g.sentence_end]):
                            print(f"    gold {g.event_type}: {_gold_role(g.source)} -> "
                                  f"{_gold_role(g.target)}")
    gold_total = sum(misses.values()) + right
    emitted = sum(false_positives.values()) + right
    print(f"dev: {gold_total} unflagged gold events, {right} fully right "
          f"(R {right / gold_total:.3f}); {emitted} emitted (P {right / max(emitted, 1):.3f})")
    print("\nmisses (gold events not fully right):")
    for kind, count in misses.most_common():
        print(f"  {count:4d}  {count / gold_total:5.1%}  {kind}")
    print("\nfalse positives (emitted events not fully right):")
    for kind, count in false_positives.most_common():
        print(f"  {count:4d}  {count / emitted:5.1%}  {kind}")


if __name__ == "__main__":
    main()
