"""Cross-fitting on the VOA dev stories: each story read by a model that never trained on it.

The shipped event model trains on every dev story, so its scores there are in-sample: thresholds
fitted to them are too strict for unseen news, and dev F1 rewards whatever trusts the model.
``train_event_model.py --leave-out-fold K --out DIR_K`` (K = 0, 1, 2) trains a model without the
dev stories of fold K (``event_data.dev_fold``); given the three folders in fold order, the
functions here pick, per story, the model that did not see it. Used by ``tune_coder.py`` and
``dev_errors.py`` (``--fold-models DIR_0 DIR_1 DIR_2``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from event_data import DEV_FOLDS, dev_fold

from dyad.config import Settings
from dyad.evaluate.coder import pipeline_story_coder
from dyad.evaluate.voa import GoldStory
from dyad.models.event_model import EventModel
from dyad.records import Event


def story_models(folders: Sequence[Path] | None, threads: int = 0
                 ) -> Callable[[GoldStory], EventModel]:
    """The model to read each dev story with: the one trained without the story's fold, or
    the shipped one for every story when ``folders`` is None."""
    if folders is None:
        shipped = EventModel.load(threads=threads)
        return lambda story: shipped
    if len(folders) != DEV_FOLDS:
        raise ValueError(f"{DEV_FOLDS} model folders are needed (folds 0..{DEV_FOLDS - 1})")
    models = [EventModel.load(folder, threads=threads) for folder in folders]
    return lambda story: models[dev_fold(story.story_id)]


def story_coder(model_for: Callable[[GoldStory], EventModel], settings: Settings
                ) -> Callable[[GoldStory], Sequence[Event]]:
    """``pipeline_story_coder``, each story read by the model ``model_for`` picks for it (one
    pipeline per model)."""
    coders: dict[int, Callable[[GoldStory], Sequence[Event]]] = {}

    def code_story(story: GoldStory) -> Sequence[Event]:
        model = model_for(story)
        if id(model) not in coders:
            coders[id(model)] = pipeline_story_coder(settings, model=model)
        return coders[id(model)](story)

    return code_story
