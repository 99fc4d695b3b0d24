"""Plain-text tables for evaluation reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dyad.evaluate.fusion_score import FusionReport
from dyad.evaluate.metrics import Counts
from dyad.evaluate.plover_score import ACTOR_CHECKS, PloverReport
from dyad.evaluate.quad_score import QuadReport
from dyad.evaluate.voa import VoaReport


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Left-aligned first column, right-aligned others, columns sized to their contents."""
    cells = [[str(c) for c in header]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _prf_row(name: str, counts: Counts) -> list[object]:
    return [name, counts.precision, counts.recall, counts.f1, counts.tp, counts.fp, counts.fn]


PRF_HEADER = ("", "P", "R", "F1", "tp", "fp", "fn")

CLASS_NAMES = {
    0: "0 no event",
    1: "1 verbal coop",
    2: "2 material coop",
    3: "3 verbal conflict",
    4: "4 material conflict",
}


def render_plover(report: PloverReport) -> str:
    rows = [_prf_row(name, report.per_type[name]) for name in sorted(report.per_type)]
    rows.append(_prf_row("micro", report.micro))
    actor_rows = [
        [name, report.actors_all[name].value, report.actors_typed[name].value,
         f"{report.actors_typed[name].hits}/{report.actors_typed[name].total}"]
        for name in ACTOR_CHECKS
    ]  # fmt: skip
    return "\n".join([
        f"plover_gsr: {report.sentences} sentences, {report.events} gold events, "
        f"{report.sentences_without_events} sentences with no event coded",
        "",
        f"event type (per sentence, set of types); macro-F1 {report.macro_f1:.3f}",
        table(PRF_HEADER, rows),
        "",
        "(type, source, target) all right",
        table(PRF_HEADER, [_prf_row("triples", report.triples)]),
        "",
        "actors (all = over every gold event; typed = where the gold type was coded)",
        table(("", "all", "typed", "typed hits"), actor_rows),
    ])  # fmt: skip


def render_quad(report: QuadReport) -> str:
    rows = [_prf_row(CLASS_NAMES[label], c) for label, c in sorted(report.per_class.items())]
    rows.append(_prf_row("event vs none", report.event_detection))
    return "\n".join([
        f"conflibert_cameo ({report.scheme} scheme): {report.sentences} sentences, "
        f"accuracy {report.accuracy:.3f}, macro-F1 {report.macro_f1:.3f}",
        table(PRF_HEADER, rows),
    ])  # fmt: skip


def render_voa(name: str, report: VoaReport) -> str:
    rows = [_prf_row(kind, report.per_type[kind]) for kind in report.per_type]
    flags = ", ".join(f"{flag} {ratio.value:.2f}" for flag, ratio in report.flags.items())
    return "\n".join([
        f"VOA gold, {name}: {report.stories} stories, {report.gold_events} unflagged gold events; "
        f"{report.both_roles.value:.0%} of emitted unflagged events name source and target",
        table(PRF_HEADER, [_prf_row("type+source+target", report.full),
                           _prf_row("type only", report.typed)]),
        "per type (type+source+target)",
        table(PRF_HEADER, rows),
        f"flag agreement on type-matched pairs: {flags}",
        "reliability (emitted unflagged events by confidence: share fully right)",
        table(("confidence", "events", "right", "share"),
              [[f"{low:.1f}-{low + 0.1:.1f}", r.total, r.hits, r.value]
               for low, r in report.reliability.items()]),
    ])  # fmt: skip


def render_ablation(variants: Mapping[str, VoaReport]) -> str:
    rows = [[name, r.full.precision, r.full.recall, r.full.f1, r.typed.f1, r.both_roles.value]
            for name, r in variants.items()]
    return "\n".join([
        "ablation on the VOA dev stories (in-sample: thresholds were tuned on them)",
        table(("", "P", "R", "F1", "type F1", "both roles"), rows),
    ])  # fmt: skip


def render_model_scores(scores: Mapping[str, Any]) -> str:
    """The shipped event model's own held-out scores (``scores.json`` beside the weights)."""
    quad, spans = scores["conflibert_quad"], scores["conflibert_spans"]
    plover = scores["plover_types"]
    return "\n".join([
        "event model alone, on the held-out parts (measured at export by "
        "training/evaluate_event_model.py; rerun it to check)",
        f"conflibert five-way class: accuracy {quad['accuracy']:.3f}, macro-F1 "
        f"{quad['macro_f1']:.3f} ({quad['sentences']} sentences)",
        table(("conflibert spans", "P", "R", "F1 exact", "F1 overlap", "gold"),
              [[role, spans[role]["precision"], spans[role]["recall"], spans[role]["f1"],
                spans[role]["overlap_f1"], spans[role]["gold_spans"]]
               for role in ("source", "target")]),
        f"plover_gsr type head alone: macro-F1 {plover['macro_f1']:.3f}, top type right "
        f"{plover['top_type_accuracy']:.3f} ({plover['sentences']} sentences)",
    ])  # fmt: skip


def render_fusion(reports: Mapping[str, FusionReport]) -> str:
    """Pairwise fusion scores per split of our fusion gold (test: never tuned on)."""
    named = []
    for split, report in reports.items():
        named.append((split, report))
        named += [(f"{split}, batch {batch}", part) for batch, part in report.batches]
    rows = [
        [name, report.precision, report.recall, report.true_pairs, report.predicted_pairs,
         report.gold_pairs, report.reports, len(report.uncoded), report.excused_pairs]
        for name, report in named
    ]  # fmt: skip
    header = ("split", "P", "R", "fused right", "fused", "same-event pairs", "reports", "uncoded",
              "not scored")
    return "Cross-article fusion, pairwise (data/gold/fusion)\n" + table(header, rows)
