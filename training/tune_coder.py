"""Fit the hybrid coder's thresholds and confidence calibration on the VOA gold's DEV stories.

    .venv/bin/python training/tune_coder.py [--data-dir ../shared/data]

Each dev story is cleaned, parsed, read by the model and lexicon-coded once; then every
combination of thresholds is scored (type + source + target F1 against the dev gold), the best
is kept; then, type by type, a higher score for that type's proposals is kept when it raises F1
(types the model over-proposes); and an isotonic curve from the raw score to the share of events
that were right becomes the calibration. Writes ``src/dyad/data/coder.toml``. Test stories are
never read.

The shipped model trained on the dev stories, so its scores there are in-sample and thresholds
fitted to them are too strict for unseen news. With ``--fold-models`` (three models, each trained
by ``train_event_model.py --leave-out-fold K`` without the dev stories of fold K), each dev story is
read by the model that never saw it: thresholds, calibration and the printed F1 are then
out-of-fold. ``--score-only`` prints the F1 at the current ``coder.toml`` and writes nothing
(``--ablation``: also with each family of decisions turned off). ``--calibration-only`` keeps
``coder.toml``'s thresholds and refits only the calibration, on the events of the
``--fold-models`` and of each ``--more-fold-models`` set (the same recipe trained with another
seed): one seed's fold models move the share right in a confidence bin by up to 0.06.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from crossfit import story_models
from event_data import DEV_FOLDS

from dyad.actors import find_mentions
from dyad.clean import clean_document
from dyad.config import Settings
from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.metrics import Counts
from dyad.evaluate.voa import GoldStory, load_bundled_gold, pair_events, score_stories
from dyad.events.coder import code_events
from dyad.events.learned import (
    FAMILIES,
    HybridSettings,
    coder_settings_path,
    hybrid_events,
    load_hybrid_settings,
)
from dyad.models.event_model import EventModel
from dyad.nlp import parse
from dyad.pipeline import Pipeline
from dyad.records import Event, RawDocument
from dyad.segment import content_sentences

# Out-of-fold scores run lower than in-sample ones: the grids reach lower than dev alone needed,
# and higher too (0.6, 0.7) for a model that grew more confident on news like VOA's.
TOP = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)
PROPOSE = (0.5, 0.6, 0.7, 0.8)
SPAN = (0.3, 0.5)
# Scores tried as one type's own proposal threshold, above the shared ones. Higher ones win on
# dev, where the model trained, and lose elsewhere: ASSAULT at 0.85 halved the type's recall on
# the held-out plover_gsr quarter (10 of 11 -> 5), at 0.8 it kept 8.
TYPE_THRESHOLDS = (0.65, 0.7, 0.75, 0.8)
# Dev gold events a type needs before it may get a threshold of its own: AID and RETREAT got
# 0.65 from one or two dev events each, and that halved material cooperation's recall on the
# conflibert training part (0.83 -> 0.48; five-way accuracy 0.805 -> 0.703).
MIN_TYPE_GOLD_EVENTS = 15
# Dev events each step of the calibration curve must rest on.
MIN_BLOCK_EVENTS = 25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--output", type=Path, default=coder_settings_path())
    parser.add_argument("--fold-models", type=Path, nargs=DEV_FOLDS, metavar="DIR",
                        help="model folders trained with --leave-out-fold 0, 1, 2 (in order)")
    parser.add_argument("--score-only", action="store_true",
                        help="print dev F1 at the current coder.toml; write nothing")
    parser.add_argument("--ablation", action="store_true",
                        help="with --score-only: also without each family of decisions")
    parser.add_argument("--calibration-only", action="store_true",
                        help="keep coder.toml's thresholds; refit the calibration alone")
    parser.add_argument("--more-fold-models", type=Path, nargs=DEV_FOLDS, metavar="DIR",
                        action="append", default=[],
                        help="another seed's fold models, whose events join the calibration's")
    args = parser.parse_args()
    if args.more_fold_models and not args.calibration_only:
        parser.error("--more-fold-models is read only with --calibration-only")
    stories = load_bundled_gold(args.data_dir, "dev")
    print(f"{len(stories)} dev stories, {sum(len(s.events) for s in stories)} gold events")
    sample = "out-of-fold" if args.fold_models else "in-sample"
    cases = prepare(stories, story_models(args.fold_models))
    if args.score_only:
        current = load_hybrid_settings()
        variants = [("current settings", current)]
        if args.ablation:
            variants += [(f"without {family}", current.without(family)) for family in FAMILIES]
        for name, settings in variants:
            counts = score(cases, settings)
            print(f"{name} ({sample}): P {counts.precision:.3f} R {counts.recall:.3f} "
                  f"F1 {counts.f1:.3f} ({counts.tp} right, {counts.tp + counts.fp} emitted, "
                  f"{counts.tp + counts.fn} gold)")
        return
    if args.calibration_only:
        current = load_hybrid_settings()
        pooled = cases + [case for folders in args.more_fold_models
                          for case in prepare(stories, story_models(folders))]
        settings = dataclasses.replace(
            current, calibration=calibrate(pooled, dataclasses.replace(current, calibration=())))
        seeds = f"; calibration: {1 + len(args.more_fold_models)} seeds"
        write(args.output, settings, score(cases, settings).f1, sample + seeds)
        print(f"calibration: {settings.calibration}")
        return
    best: tuple[float, HybridSettings] | None = None
    for top, propose, span in itertools.product(TOP, PROPOSE, SPAN):
        settings = HybridSettings(propose, top, span, calibration=())
        counts = score(cases, settings)
        print(f"top {top:.2f} propose {propose:.2f} span {span:.2f}: "
              f"P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}")
        if best is None or counts.f1 > best[0]:
            best = (counts.f1, settings)
    assert best is not None
    best = per_type(cases, *best)
    settings = dataclasses.replace(best[1], calibration=calibrate(cases, best[1]))
    write(args.output, settings, best[0], sample)
    print(f"best F1 {best[0]:.3f} (dev, {sample}): {settings}")


@dataclasses.dataclass
class Case:
    story: GoldStory
    run: Callable[[HybridSettings], list[Event]]  # codes the story under given settings


def prepare(stories: Sequence[GoldStory], model_for: Callable[[GoldStory], EventModel]
            ) -> list[Case]:
    """Each story read once, by the model ``model_for`` picks for it."""
    pipeline = Pipeline(Settings(coder="rules"))  # parse, actors and lexicon; no model loaded
    cases = []
    for story in stories:
        model = model_for(story)
        article = clean_document(RawDocument(content=story.text, format="text",
                                             title=story.title, date=story.published))
        doc = parse(pipeline.nlp, article)
        mentions = find_mentions(doc, article, pipeline.kb)
        predictions = model.predict([s.text for s in content_sentences(doc)])
        lexicon = code_events(doc, article, mentions, pipeline.kb)

        def run(settings: HybridSettings, doc=doc, article=article, mentions=mentions,
                predictions=predictions, lexicon=lexicon) -> list[Event]:
            return hybrid_events(doc, article, mentions, pipeline.kb, predictions, settings,
                                 lexicon_events=lexicon)

        cases.append(Case(story, run))
    return cases


def score(cases: Sequence[Case], settings: HybridSettings) -> Counts:
    """Type + source + target counts over the dev stories, as ``dyad evaluate`` scores them."""
    runs = {case.story.story_id: case.run for case in cases}
    stories = [case.story for case in cases]
    return score_stories(stories, lambda story: runs[story.story_id](settings)).full


def per_type(cases: Sequence[Case], f1: float, settings: HybridSettings
             ) -> tuple[float, HybridSettings]:
    """One pass over the proposed types with enough dev gold, each given the threshold of its
    own that raises F1 most (none if none does), the types before it keeping theirs."""
    proposed = sorted({e.event_type for case in cases for e in case.run(settings)
                       if dict(e.trace)["type"].startswith("model")})
    gold_types = Counter(g.event_type for case in cases for g in case.story.events)
    for event_type in (t for t in proposed if gold_types[t] >= MIN_TYPE_GOLD_EVENTS):
        for threshold in TYPE_THRESHOLDS:
            trial = dataclasses.replace(settings, type_thresholds={
                **settings.type_thresholds, event_type: threshold})
            counts = score(cases, trial)
            if counts.f1 > f1:
                f1, settings = counts.f1, trial
        if event_type in settings.type_thresholds:
            print(f"{event_type} proposals need {settings.type_thresholds[event_type]:.2f}: "
                  f"F1 {f1:.3f}")
    return f1, settings


def calibrate(cases: Sequence[Case], settings: HybridSettings) -> tuple[tuple[float, float], ...]:
    """Isotonic regression (pool adjacent violators) of rightness on the raw score."""
    points: list[tuple[float, int]] = []
    for case in cases:
        # no calibration in these settings: confidence is the raw score
        system = [e for e in case.run(settings) if not e.flagged]
        gold = [e for e in case.story.events if not e.flagged]
        right = {id(s) for s, _ in pair_events(case.story.text, system, gold, roles=True)}
        points += [(e.confidence, int(id(e) in right)) for e in system]
    points.sort()
    blocks: list[list[float]] = []  # [sum of rightness, count, largest raw score]
    for raw, right in points:
        blocks.append([right, 1, raw])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total, count, top = blocks.pop()
            blocks[-1] = [blocks[-1][0] + total, blocks[-1][1] + count, top]
    blocks = _at_least(blocks, MIN_BLOCK_EVENTS)
    curve = [(round(top, 3), round(total / count, 3)) for total, count, top in blocks]
    return ((0.0, curve[0][1]), *curve, (1.0, curve[-1][1])) if curve else ()


def _at_least(blocks: list[list[float]], size: int) -> list[list[float]]:
    """Adjacent blocks merged until each holds ``size`` events: a share from a handful of
    events is noise, not a probability (merging keeps the curve rising)."""
    merged: list[list[float]] = []
    for block in blocks:
        if merged and merged[-1][1] < size:
            total, count, _ = merged.pop()
            block = [block[0] + total, block[1] + count, block[2]]
        merged.append(block)
    if len(merged) > 1 and merged[-1][1] < size:
        total, count, top = merged.pop()
        merged[-1] = [merged[-1][0] + total, merged[-1][1] + count, top]
    return merged


def write(path: Path, settings: HybridSettings, dev_f1: float, sample: str) -> None:
    points = ", ".join(f"[{x}, {y}]" for x, y in settings.calibration)
    path.write_text(
        "# The hybrid coder's decision thresholds and confidence calibration "
        "(dyad.events.learned).\n"
        "# Written by training/tune_coder.py from the VOA gold's dev stories only; never tuned "
        "on test.\n"
        f"# Dev type+source+target F1 at these settings ({sample}): {dev_f1:.3f}\n"
        f"propose_threshold = {settings.propose_threshold}\n"
        f"top_threshold = {settings.top_threshold}\n"
        f"span_threshold = {settings.span_threshold}\n\n"
        "[type_thresholds]\n"
        "# the score a proposal of this type needs at any rank (types over-proposed on dev)\n"
        + "".join(f"{name} = {value}\n" for name, value in sorted(
            settings.type_thresholds.items()))
        + "\n[calibration]\n"
        "# (raw score, share of dev events with that score that were right), isotonic.\n"
        f"points = [{points}]\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
