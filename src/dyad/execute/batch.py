"""`dyad ingest` on any executor: into a Parquet dataset (the workers write it) or, with
``--engine dask``, into the DuckDB file (this process writes what the workers coded).

The local pool into a DuckDB file stays :meth:`dyad.pipeline.Pipeline.run`'s own path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from dyad.execute import Executor, InProcessExecutor, WorkerTask, make_executor
from dyad.records import Skip

if TYPE_CHECKING:
    from dyad.config import Settings
    from dyad.pipeline import BatchItem, Pipeline


class Summary(Protocol):
    """What a run counts (``dyad.cli.ingest.IngestSummary``)."""

    stored: int
    duplicates: int
    events: int
    skips: list[Skip]


def coding_task(settings: Settings) -> WorkerTask[Any, Any, BatchItem]:
    """The pipeline's coding of chunks, each worker with its own pipeline."""
    from dyad.pipeline import WORKER_CHUNK_SIZE, Pipeline, _worker_pipeline

    return WorkerTask(Pipeline.code_chunk, _worker_pipeline, (settings,), WORKER_CHUNK_SIZE)


def coded_on(
    executor: Executor,
    pipeline: Pipeline,
    paths: Iterable[str],
    is_stored: Callable[[str], bool],
    task: WorkerTask[Any, Any, BatchItem],
) -> Iterator[BatchItem]:
    """The inputs read and cleaned here, coded by ``task`` on ``executor``, in input order."""
    return executor.map(pipeline.prepared(paths, is_stored), task)


def ingest_scaled(
    settings: Settings,
    pipeline: Pipeline,
    paths: Iterable[str],
    summary: Summary,
    engine: str = "local",
    scheduler: str | None = None,
) -> None:
    """Code ``paths`` on ``engine`` into the store ``settings.db`` names, counting in
    ``summary``."""
    from dyad.pipeline import KnownArticle
    from dyad.store import Store
    from dyad.store.parquet import ParquetDataset, PartWriter, parquet_folder

    folder = parquet_folder(settings.db)
    local_in_process = engine == "local" and settings.jobs == 1
    if folder is not None:
        dataset = ParquetDataset(folder)
        executor = (
            InProcessExecutor(PartWriter(pipeline, folder)) if local_in_process
            else make_executor(engine, settings.jobs, scheduler)
        )  # fmt: skip
        items = coded_on(executor, pipeline, paths, dataset.has_article,
                         dataset.worker_task(settings))  # fmt: skip
        for item in items:
            _count(summary, item, stored=not isinstance(item, Skip | KnownArticle))
        return
    executor = make_executor(engine, settings.jobs, scheduler)
    with Store(settings.db) as store:
        for item in coded_on(executor, pipeline, paths, store.has_article, coding_task(settings)):
            if isinstance(item, Skip):
                store.record_skip(item)
            _count(summary, item, stored=not isinstance(item, Skip | KnownArticle)
                   and store.write(item))  # fmt: skip


def _count(summary: Summary, item: Any, *, stored: bool) -> None:
    if isinstance(item, Skip):
        summary.skips.append(item)
    elif stored:
        summary.stored += 1
        summary.events += len(item.events)
    else:
        summary.duplicates += 1
