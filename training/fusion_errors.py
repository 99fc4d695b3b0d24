"""Why dyad leaves same-event **dev** pairs of the fusion gold unfused.

    .venv/bin/python training/fusion_errors.py [--coder hybrid|rules] [--fused-pairs FILE]

Codes the dev reports of ``data/gold/fusion`` alone (test reports are never read), fuses them as
``dyad code`` does, and prints every dev same-event pair that is not fused: both reports' coded
events (type, source, target, date, place) and, for each pair of their events, why fusion kept
them apart (:func:`dyad.store.fusion.why_apart`, or the ambiguity that cut a link). Then the
dev pairs of two events that it fuses (wrong links), the reports with no event, with their text,
and a table of the causes. ``--fused-pairs FILE`` also writes the same-event pairs it fuses, one
"ra ~ rb" a line, so that two runs (before and after a change) can be compared with ``diff``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path

from spacy.language import Language

from dyad.config import Settings
from dyad.evaluate.fusion_score import load_fusion_gold
from dyad.events.lexicon import Lexicon, load_lexicon
from dyad.events.triggers import find_triggers
from dyad.models.event_model import EventModel
from dyad.nlp import load_language
from dyad.pipeline import ArticleResult, Pipeline
from dyad.store.fusion import (
    FusionRules,
    Report,
    Side,
    ambiguity,
    cluster_reports,
    load_fusion_rules,
    named_places,
    report_of_event,
    same_event,
    why_apart,
)


def dev_results(settings: Settings) -> list[ArticleResult]:
    """The coded dev reports of the fusion gold (a temporary file holds them alone)."""
    gold = load_fusion_gold()
    lines = [
        line
        for line in gold.reports.read_text(encoding="utf-8").splitlines()
        if line.strip() and gold.split_of.get(json.loads(line)["id"]) == "dev"
    ]
    with tempfile.TemporaryDirectory(prefix="dyad-fusion-dev-") as tmp:
        path = Path(tmp) / "dev.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [item for item in Pipeline(settings).run([path]) if isinstance(item, ArticleResult)]


def describe(report: Report) -> str:
    def side(value: Side | None) -> str:
        return value.id if value else "-"

    others = ", ".join(other.id for other in report.others)
    flags = "".join(name for name, on in zip("NHP", report.flags, strict=True) if on)
    return (
        f"{report.event_type:9s} {side(report.source)} -> {side(report.target)}"
        f"{f' (+{others})' if others else ''}; {report.date} {report.precision}; "
        f"{report.place.name if report.place else 'no place'}"
        f" [{' '.join(sorted(named_places(report, load_fusion_rules())))}]"
        f"{f'; flags {flags}' if flags else ''}{'; repeat' if report.duplicate_of else ''}"
    )


def pair_cause(a: Report, b: Report, reports: list[Report], rules: FusionRules) -> str:
    """Why two events of a same-event pair are not in one cluster."""
    if a.duplicate_of or b.duplicate_of:
        return "a repeat within its article"
    reason = why_apart(a, b, rules)
    if reason is not None:
        return reason
    for report in (a, b):
        near = [o for o in reports if o is not report and same_event(report, o, rules)]
        cut = ambiguity(near, rules)
        if cut:
            return f"linked, but one is ambiguous: {cut}"
    return "linked (cluster split elsewhere)"


@cache
def _tools() -> tuple[EventModel, Language, Lexicon]:
    return EventModel.load(threads=1), load_language(), load_lexicon()


def why_uncoded(result: ArticleResult) -> list[str]:
    """Each sentence of an article with no event: what the model and the lexicon saw in it."""
    model, nlp, lexicon = _tools()
    lines = []
    for sentence in result.sentences:
        probs = model.predict([sentence.text])[0].type_probs
        best = max(probs, key=probs.__getitem__)
        triggers = ", ".join(
            f"{trigger.token.text} {trigger.rule.event_type}"
            for trigger in find_triggers(nlp(sentence.text)[:], lexicon)
        )
        lines.append(f"    {sentence.text[:200]}")
        lines.append(f"      model: {best} {probs[best]:.2f}; lexicon: {triggers or 'no trigger'}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder", default="hybrid", choices=("hybrid", "rules"))
    parser.add_argument("--fused-pairs", type=Path, metavar="FILE",
                        help="write the same-event dev pairs fused, one 'ra ~ rb' a line")
    args = parser.parse_args()
    rules = load_fusion_rules()
    gold = load_fusion_gold()
    results = dev_results(Settings(coder=args.coder, threads=1))
    reports = [
        report_of_event(event, result.article, rules)
        for result in results
        for event in result.events
    ]
    clusters = cluster_reports(reports, rules).clusters
    by_doc: dict[str, list[Report]] = {}
    for report in reports:
        by_doc.setdefault(report.doc_id, []).append(report)
    ref_of = {result.article.doc_id: result.article.doc_ref for result in results}
    doc_of = {ref: doc for doc, ref in ref_of.items()}
    dev_same = sorted(
        tuple(sorted(pair)) for pair in gold.same if {gold.split_of[r] for r in pair} == {"dev"}
    )
    causes: Counter[str] = Counter()
    fused: list[str] = []
    for ref_a, ref_b in dev_same:
        events_a = by_doc.get(doc_of[ref_a], [])
        events_b = by_doc.get(doc_of[ref_b], [])
        if {clusters[e.event_id] for e in events_a} & {clusters[e.event_id] for e in events_b}:
            fused.append(f"{ref_a} ~ {ref_b}")
            continue
        if not events_a or not events_b:
            causes["report uncoded"] += 1
            continue
        print(f"\n{ref_a} ~ {ref_b}")
        for ref, events in ((ref_a, events_a), (ref_b, events_b)):
            for event in events:
                print(f"  {ref}: {describe(event)}")
        pair_causes = {
            pair_cause(a, b, reports, rules)
            for a in events_a
            for b in events_b
            if rules.block_of(a.event_type) == rules.block_of(b.event_type)
        } or {"types of no one kin"}
        for cause in sorted(pair_causes):
            print(f"    {cause}")
        causes[" / ".join(sorted(pair_causes))] += 1
    print("\ndev pairs fused that tell two events (wrong links):")
    dev_refs = sorted(ref for ref, split in gold.split_of.items() if split == "dev")
    for i, ref_a in enumerate(dev_refs):
        for ref_b in dev_refs[i + 1:]:
            if frozenset((ref_a, ref_b)) in gold.same:
                continue
            shared = [(a, b) for a in by_doc.get(doc_of.get(ref_a, ""), [])
                      for b in by_doc.get(doc_of.get(ref_b, ""), [])
                      if clusters[a.event_id] == clusters[b.event_id]]
            for a, b in shared[:1]:
                print(f"  {ref_a} ~ {ref_b}")
                print(f"    {ref_a}: {describe(a)}\n    {ref_b}: {describe(b)}")
    print("\nreports with no event:")
    for result in sorted(results, key=lambda result: str(result.article.doc_ref)):
        if not by_doc.get(result.article.doc_id):
            print(f"  {result.article.doc_ref}:")
            print("\n".join(why_uncoded(result)))
    if args.fused_pairs is not None:
        args.fused_pairs.write_text("".join(f"{pair}\n" for pair in fused), encoding="utf-8")
    print(f"\ndev same-event pairs: {len(dev_same)}, fused {len(fused)}; not fused, by cause:")
    for cause, count in causes.most_common():
        print(f"  {count:3d}  {cause}")


if __name__ == "__main__":
    main()
