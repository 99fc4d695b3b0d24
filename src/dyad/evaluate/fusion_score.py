"""Pairwise scoring of cross-article fusion on our own gold (``data/gold/fusion``, see its README).

The reports are coded and stored by the real pipeline into a temporary database; two reports are
*fused* when any event of one shares a cluster with any event of the other. Every pair of reports
within a split is scored: the pairs listed as the same event are the positives, every other pair
(listed as different, or in different story groups) a negative. A report may also name another
event in passing ("two days after the Houthis captured another vessel": optional ``mentions`` of
``reports.jsonl``); a link from it to a report of that event is then neither right nor wrong
(``excused_pairs``): dyad may rightly code the clause that names it.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FUSION_GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold" / "fusion"
SPLITS = ("dev", "test")


@dataclass(frozen=True, slots=True)
class FusionGold:
    reports: Path  # JSON Lines the pipeline reads (text, title, source, date, url, id)
    split_of: dict[str, str]  # report id -> "dev" | "test"
    same: frozenset[frozenset[str]]  # pairs of report ids telling one event
    # report id -> the batch it was written in (optional "batch" of reports.jsonl): a batch
    # written after the rules were tuned shows how they transfer
    batch_of: dict[str, int] = field(default_factory=dict)
    # pairs of different events one of which the other report names in passing ("mentions")
    excused: frozenset[frozenset[str]] = frozenset()


@dataclass(frozen=True, slots=True)
class FusionReport:
    split: str
    reports: int
    pairs: int
    gold_pairs: int  # same-event pairs
    predicted_pairs: int  # pairs fused by dyad
    true_pairs: int
    uncoded: tuple[str, ...]  # reports dyad coded no event from
    batches: tuple[tuple[int, FusionReport], ...] = ()  # the same, per batch of the split
    excused_pairs: int = 0  # fused through an event one report names in passing: not scored

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": self.split, "reports": self.reports, "pairs": self.pairs,
            "gold_pairs": self.gold_pairs, "predicted_pairs": self.predicted_pairs,
            "true_pairs": self.true_pairs, "precision": round(self.precision, 4),
            "recall": round(self.recall, 4), "excused_pairs": self.excused_pairs,
            "uncoded": list(self.uncoded),
            "batches": {str(batch): report.as_dict() for batch, report in self.batches},
        }  # fmt: skip


def load_fusion_gold(folder: Path = FUSION_GOLD_DIR) -> FusionGold:
    """The gold pairs of ``folder`` (``pairs.jsonl``) over its reports (``reports.jsonl``);
    a malformed line raises ValueError naming ``file:line``."""
    reports = folder / "reports.jsonl"
    records = [record for _, record in _records(reports, ("id", "text"))]
    known = {record["id"] for record in records}
    batch_of = {record["id"]: int(record["batch"]) for record in records if "batch" in record}
    excused = _excused_pairs(records)
    split_of: dict[str, str] = {}
    same = set()
    for where, pair in _records(folder / "pairs.jsonl", ("a", "b", "same", "split")):
        if pair["split"] not in SPLITS or not {pair["a"], pair["b"]} <= known:
            raise ValueError(f"{where}: unknown split or report id")
        for report in (pair["a"], pair["b"]):
            if split_of.setdefault(report, pair["split"]) != pair["split"]:
                raise ValueError(f"{where}: report {report} is in both splits")
        if pair["same"]:
            same.add(frozenset((pair["a"], pair["b"])))
    return FusionGold(reports, split_of, frozenset(same), batch_of, excused - same)


def _excused_pairs(records: list[dict[str, Any]]) -> frozenset[frozenset[str]]:
    """Pairs of reports where one names the other's event in passing (its ``mentions``)."""
    by_event: dict[str, list[str]] = {}
    for record in records:
        if "event" in record:
            by_event.setdefault(record["event"], []).append(record["id"])
    return frozenset(
        frozenset((record["id"], other))
        for record in records
        for event in record.get("mentions", ())
        for other in by_event.get(event, ())
        if event != record.get("event")
    )


def _records(path: Path, required: tuple[str, ...]) -> Iterable[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{where}: invalid JSON ({error.msg})") from None
        missing = [key for key in required if key not in record]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        yield where, record


def score_fusion(
    gold: FusionGold, clusters_of: dict[str, set[str]]
) -> dict[str, FusionReport]:
    """Pairwise precision and recall per split (and per batch of a split that has several),
    from each report's cluster ids."""
    scores = {}
    for split in SPLITS:
        ids = sorted(r for r, s in gold.split_of.items() if s == split)
        batches = sorted({gold.batch_of[r] for r in ids if r in gold.batch_of})
        per_batch = tuple(
            (batch, _score(split, [r for r in ids if gold.batch_of.get(r) == batch], gold,
                           clusters_of))
            for batch in batches
        ) if len(batches) > 1 else ()  # fmt: skip
        scores[split] = _score(split, ids, gold, clusters_of, per_batch)
    return scores


def _score(split: str, ids: list[str], gold: FusionGold, clusters_of: dict[str, set[str]],
           batches: tuple[tuple[int, FusionReport], ...] = ()) -> FusionReport:
    pairs = [frozenset(p) for p in itertools.combinations(ids, 2)]
    linked = {p for p in pairs if _fused(p, clusters_of)}
    fused = linked - gold.excused
    positives = {p for p in pairs if p in gold.same}
    return FusionReport(
        split=split, reports=len(ids), pairs=len(pairs), gold_pairs=len(positives),
        predicted_pairs=len(fused), true_pairs=len(fused & positives),
        uncoded=tuple(r for r in ids if not clusters_of.get(r)), batches=batches,
        excused_pairs=len(linked - fused),
    )  # fmt: skip


def _fused(pair: frozenset[str], clusters_of: dict[str, set[str]]) -> bool:
    a, b = sorted(pair)
    return bool(clusters_of.get(a, set()) & clusters_of.get(b, set()))


def stored_clusters(
    reports: Path, ingest: Callable[[Path, Path], None]
) -> dict[str, set[str]]:
    """Report id -> the cluster ids of its events, after ``ingest(reports, database)``."""
    from dyad.store import Store

    with tempfile.TemporaryDirectory(prefix="dyad-fusion-") as tmp:
        database = Path(tmp) / "fusion.duckdb"
        ingest(reports, database)
        with Store(database, read_only=True) as store:
            clusters: dict[str, set[str]] = {}
            for record in store.events():
                clusters.setdefault(record["doc_ref"], set()).add(record["cluster_id"])
    return clusters


def pipeline_ingest(settings: Any) -> Callable[[Path, Path], None]:
    """Code and store the reports as ``dyad ingest`` does, with these settings."""
    from dyad.pipeline import ArticleResult, Pipeline
    from dyad.store import Store

    def ingest(reports: Path, database: Path) -> None:
        pipeline = Pipeline(settings)
        with Store(database) as store:
            for item in pipeline.run([reports], is_stored=store.has_article):
                if isinstance(item, ArticleResult):
                    store.write(item)

    return ingest
