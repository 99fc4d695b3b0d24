"""Throughput of dyad's two main paths on a corpus of many articles.

    .venv/bin/python bench/throughput.py [--articles 200] [--stage-sample 40]

Builds a corpus by repeating the shipped example articles (text, HTML and JSON Lines) with a
numbered headline so every copy has its own doc_id, then measures:

- ``code``: the pipeline over the files plus the contract records, as ``dyad code`` does (no db);
- ``ingest``: the pipeline plus the DuckDB store, into a temporary database, as ``dyad ingest``;
- a stage breakdown (clean, parse, actors, events) on a sample of the articles.

Prints tables; asserts nothing. Model loading is timed separately and left out of the rates.
The README's figures come from ``bench/cli_jobs.py``, which runs the commands as users do.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dyad.config import Settings
from dyad.evaluate.report import table
from dyad.pipeline import ArticleResult, Pipeline
from dyad.records import RawDocument, Skip

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"


# -- corpus -----------------------------------------------------------------------------------


# A date line such as "Thu. Jan 16th, 2025" stays as it is: the headline after it is numbered.
DATE_LINE = re.compile(r"^[A-Z][a-z]{2}\. [A-Z][a-z]{2} \d{1,2}(st|nd|rd|th), \d{4}$")


def _vary_text(text: str, copy: int) -> str:
    """Number the headline (the first non-blank line that is not a date line)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip() and not DATE_LINE.match(line.strip()):
            lines[index] = f"{line} (#{copy})"
            break
    return "\n".join(lines)


def _vary_html(html: str, copy: int) -> str:
    return html.replace("</h1>", f" (#{copy})</h1>", 1)


def _vary_jsonl(lines: list[str], copy: int) -> str:
    records = []
    for line in lines:
        record = json.loads(line)
        record["id"] = f"{record['id']}-{copy}"
        record["title"] = f"{record['title']} (#{copy})"
        # doc_id hashes the text, so the numbered title goes into the text too
        record["text"] = f"{record['title']}\n\n{record['text']}"
        records.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(records) + "\n"


def build_corpus(folder: Path, articles: int) -> int:
    """Write about ``articles`` varied copies of the examples into ``folder``; returns how many."""
    texts = sorted(EXAMPLES.glob("*.txt"))
    pages = sorted(EXAMPLES.glob("*.html"))
    feeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted(EXAMPLES.glob("*.jsonl"))]
    per_round = len(texts) + len(pages) + sum(len(f) for f in feeds)
    written = copy = 0
    while written < articles:
        for path in texts:
            target = folder / f"{path.stem}-{copy:04d}.txt"
            target.write_text(_vary_text(path.read_text(encoding="utf-8"), copy), encoding="utf-8")
        for path in pages:
            target = folder / f"{path.stem}-{copy:04d}.html"
            target.write_text(_vary_html(path.read_text(encoding="utf-8"), copy), encoding="utf-8")
        for number, lines in enumerate(feeds):
            target = folder / f"feed{number}-{copy:04d}.jsonl"
            target.write_text(_vary_jsonl(lines, copy), encoding="utf-8")
        written += per_round
        copy += 1
    return written


# -- measurements ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    name: str
    seconds: float
    articles: int
    sentences: int
    events: int
    skipped: int

    def row(self) -> list[str]:
        return [
            self.name,
            str(self.articles),
            str(self.sentences),
            str(self.events),
            f"{self.seconds:.2f}",
            f"{self.articles / self.seconds:.1f}",
            f"{self.sentences / self.seconds:.1f}",
        ]


def measure(
    name: str,
    results: Iterator[ArticleResult | Skip],
    handle: Callable[[ArticleResult | Skip], None],
) -> Run:
    articles = sentences = events = skipped = 0
    start = time.perf_counter()
    for item in results:
        handle(item)
        if isinstance(item, Skip):
            skipped += 1
            continue
        articles += 1
        sentences += len(item.sentences)
        events += len(item.events)
    return Run(name, time.perf_counter() - start, articles, sentences, events, skipped)


def code_path(pipeline: Pipeline, corpus: Path) -> Run:
    from dyad.export.contract import event_record

    def emit(item: ArticleResult | Skip) -> None:
        if not isinstance(item, Skip):
            for event in item.events:
                json.dumps(event_record(event), ensure_ascii=False)

    return measure("code", pipeline.run([corpus]), emit)


def ingest_path(pipeline: Pipeline, corpus: Path, database: Path) -> Run:
    from dyad.store import Store

    with Store(database) as store:

        def write(item: ArticleResult | Skip) -> None:
            if isinstance(item, Skip):
                store.record_skip(item)
            else:
                store.write(item)

        return measure("ingest", pipeline.run([corpus]), write)


def stage_seconds(pipeline: Pipeline, raws: list[RawDocument]) -> dict[str, float]:
    """Time each stage of ``Pipeline.process`` separately over ``raws``."""
    from dyad.actors import find_mentions
    from dyad.clean import clean_document
    from dyad.events import code_events
    from dyad.nlp import parse

    spent = dict.fromkeys(("clean", "parse", "actors", "events"), 0.0)
    for raw in raws:
        tick = time.perf_counter()
        article = clean_document(raw)
        tock = time.perf_counter()
        spent["clean"] += tock - tick
        doc = parse(pipeline.nlp, article)
        tick = time.perf_counter()
        spent["parse"] += tick - tock
        mentions = find_mentions(doc, article, pipeline.kb)
        tock = time.perf_counter()
        spent["actors"] += tock - tick
        code_events(doc, article, mentions, pipeline.kb)
        spent["events"] += time.perf_counter() - tock
    return spent


def sample_documents(corpus: Path, count: int) -> list[RawDocument]:
    """``count`` inputs spread over the corpus (files are read in name order, copies adjacent)."""
    from dyad.ingest import read_inputs

    raws = [
        item
        for item in read_inputs([corpus], max_bytes=Settings().max_bytes)
        if isinstance(item, RawDocument)
    ]
    step = max(1, len(raws) // count) if count else 1
    return raws[::step][:count]


# -- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="corpus size (default 200)")
    parser.add_argument(
        "--stage-sample",
        type=int,
        default=40,
        help="articles timed stage by stage (0 to skip; default 40)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="parsing processes, as `dyad --jobs` (default 1)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        count = build_corpus(corpus, args.articles)
        print(f"corpus: {count} articles from {EXAMPLES.name}/ in {corpus}")

        start = time.perf_counter()
        pipeline = Pipeline(Settings(jobs=args.jobs))
        print(f"pipeline load (model + knowledge base): {time.perf_counter() - start:.2f} s")
        print(f"parsing processes (--jobs): {args.jobs}\n")

        runs = [code_path(pipeline, corpus), ingest_path(pipeline, corpus, Path(tmp) / "b.duckdb")]
        header = ["path", "articles", "sentences", "events", "seconds", "articles/s", "sentences/s"]
        print(table(header, [run.row() for run in runs]))
        if any(run.skipped for run in runs):
            print(f"skipped inputs: {', '.join(f'{r.name} {r.skipped}' for r in runs)}")

        if args.stage_sample > 0:
            raws = sample_documents(corpus, args.stage_sample)
            spent = stage_seconds(pipeline, raws)
            total = sum(spent.values()) or 1.0
            rows = [
                [
                    name,
                    f"{seconds:.3f}",
                    f"{100 * seconds / total:.0f}%",
                    f"{1000 * seconds / len(raws):.1f}",
                ]
                for name, seconds in spent.items()
            ]
            print(f"\nstages over {len(raws)} articles")
            print(table(["stage", "seconds", "share", "ms/article"], rows))


if __name__ == "__main__":
    main()
