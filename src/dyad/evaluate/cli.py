"""``dyad evaluate``: score dyad against the gold sets in ../shared/data."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import click

from dyad.config import Settings
from dyad.evaluate.coder import EventCoder, pipeline_coder, pipeline_story_coder
from dyad.evaluate.fusion_score import (
    load_fusion_gold,
    pipeline_ingest,
    score_fusion,
    stored_clusters,
)
from dyad.evaluate.gold import load_conflibert, load_plover_gsr
from dyad.evaluate.plover_score import score_plover
from dyad.evaluate.quad_score import score_quad
from dyad.evaluate.report import (
    render_ablation,
    render_fusion,
    render_model_scores,
    render_plover,
    render_quad,
    render_voa,
)
from dyad.evaluate.splits import is_held_out
from dyad.evaluate.voa import (
    StoryCoder,
    VoaReport,
    load_bundled_gold,
    load_gold,
    load_split,
    load_stories,
    score_stories,
)

GOLD_SETS = ("voa", "plover", "conflibert", "model", "fusion")

# src/dyad/evaluate/cli.py -> the repo root is three folders up; shared/ sits beside the repo.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"

# The gold sentences of plover_gsr all carry this date; it decides who holds a role title.
PLOVER_GSR_DATE = "2000-01-01"


def ablation_reports(
    data_dir: Path, settings: Settings, split: str = "dev"
) -> dict[str, VoaReport]:
    """VOA scores with each family of the hybrid coder turned off in turn, and rules alone."""
    from dyad.events.learned import FAMILIES, load_hybrid_settings

    stories = load_bundled_gold(data_dir, split)
    full = load_hybrid_settings()
    hybrid = dataclasses.replace(settings, coder="hybrid")
    variants = {"dyad (all parts)": (hybrid, full),
                "rules alone (--coder rules)": (dataclasses.replace(settings, coder="rules"), full)}
    variants |= {f"without {family}": (hybrid, full.without(family)) for family in FAMILIES}
    return {name: score_stories(stories, pipeline_story_coder(settings, hybrid))
            for name, (settings, hybrid) in variants.items()}


def evaluate(
    gold: str,
    data_dir: Path,
    limit: int | None,
    make_coder: Callable[[str | None], EventCoder] | None = None,
    gold_files: tuple[Path, ...] = (),
    make_story_coder: Callable[[], StoryCoder] | None = None,
    settings: Settings | None = None,
) -> dict[str, object]:
    """Run the chosen gold sets; returns ``{"voa": {split: VoaReport}, "plover": PloverReport,
    "conflibert": [QuadReport], "fusion": {split: FusionReport}}``.

    ``make_coder(date)`` and ``make_story_coder()`` build the system under test; the defaults
    are dyad's pipeline. ``gold_files`` replace the bundled VOA gold (users' own gold).
    """
    make_coder = make_coder or (lambda date: pipeline_coder(date, settings))
    reports: dict[str, object] = {}
    if gold in ("voa", "all"):
        stories = (load_gold(gold_files, load_stories(data_dir), load_split()) if gold_files
                   else load_bundled_gold(data_dir))
        coder = make_story_coder() if make_story_coder else pipeline_story_coder(settings)
        by_split = {name: [s for s in stories if s.split == name]
                    for name in ("test", "dev", "user")}
        reports["voa"] = {name: score_stories(part[:limit] if limit else part, coder)
                          for name, part in by_split.items() if part}
    if gold in ("model", "all"):
        from dyad.models.event_model import default_model_path

        reports["model"] = json.loads((default_model_path() / "scores.json").read_text("utf-8"))
    if gold in ("plover", "all"):
        events = [e for e in load_plover_gsr(data_dir).events if is_held_out(e.text)]
        reports["plover"] = score_plover(
            events[:limit] if limit else events, make_coder(PLOVER_GSR_DATE)
        )
    if gold in ("conflibert", "all"):
        sentences = [s for s in load_conflibert(data_dir) if is_held_out(s.text)]
        reports["conflibert"] = score_quad(
            sentences[:limit] if limit else sentences, make_coder(None)
        )
    if gold in ("fusion", "all"):
        fusion_gold = load_fusion_gold()
        clusters = stored_clusters(fusion_gold.reports, pipeline_ingest(settings or Settings()))
        reports["fusion"] = score_fusion(fusion_gold, clusters)
    return reports


@click.command("evaluate")
@click.option(
    "--gold",
    type=click.Choice([*GOLD_SETS, "all"]),
    default="all",
    show_default=True,
    help="Which gold set to score against.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Score only the first N gold items of each set (quick checks).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA_DIR,
    show_default="<repo>/../shared/data",
    help="Folder holding plover_gsr/ and conflibert_cameo/.",
)
@click.option(
    "--gold-file",
    "gold_files",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Your own gold in dyad's JSONL format (docs/gold.md) instead of the bundled VOA gold.",
)
@click.option(
    "--ablation",
    is_flag=True,
    help="Instead: score the VOA dev stories with each family of the hybrid coder turned off "
    "(the lexicon, model proposals, role filling by the tagger, nearest-mention roles) and "
    "with rules alone, to show what each adds.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Tables for people or one JSON object for programs.",
)
@click.pass_obj
def cli_command(
    settings: Settings,
    gold: str, limit: int | None, data_dir: Path, gold_files: tuple[Path, ...],
    ablation: bool, output_format: str,
) -> None:
    """Score dyad against gold: its own VOA gold (test half = never tuned on; dev half), the
    shared plover_gsr and conflibert_cameo sets, and its fusion gold (pairs of reports of one
    event or not, coded and stored for real; --gold fusion)."""
    if not data_dir.is_dir():
        raise click.UsageError(f"gold data folder not found: {data_dir} (use --data-dir)")
    if ablation:
        variants = ablation_reports(data_dir, settings)
        if output_format == "json":
            click.echo(json.dumps({k: r.as_dict() for k, r in variants.items()}, indent=2))
        else:
            click.echo(render_ablation(variants))
        return
    try:
        reports = evaluate(gold, data_dir, limit, gold_files=gold_files, settings=settings)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    voa = reports.get("voa", {})
    model = reports.get("model")
    plover = reports.get("plover")
    quads = reports.get("conflibert", [])
    fusion = reports.get("fusion")
    if output_format == "json":
        payload: dict[str, object] = {}
        if model is not None:
            payload["model"] = model
        if voa:
            payload["voa"] = {name: report.as_dict() for name, report in voa.items()}
        if plover is not None:
            payload["plover"] = plover.as_dict()
        if quads:
            payload["conflibert"] = [q.as_dict() for q in quads]
        if fusion is not None:
            payload["fusion"] = {split: report.as_dict() for split, report in fusion.items()}
        click.echo(json.dumps(payload, indent=2))
        return
    blocks = [render_voa(name, report) for name, report in voa.items()]
    blocks += [render_model_scores(model)] if model is not None else []
    blocks += ([render_plover(plover)] if plover is not None else []) + [
        render_quad(q) for q in quads
    ]
    blocks += [render_fusion(fusion)] if fusion is not None else []
    click.echo("\n\n".join(blocks))
