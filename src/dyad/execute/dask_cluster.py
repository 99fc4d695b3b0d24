"""The Dask distributed executor (``dyad ingest --engine dask``); imports dask on import.

Each worker builds the task's state (a loaded pipeline) once, in a worker plugin registered for
the batch and removed after it; chunks are submitted a few per worker ahead of the results, which
come back in input order. Without a scheduler address a ``LocalCluster`` of one-thread worker
processes is started for the batch and stopped after it.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, TypeVar

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from dyad.execute import WorkerTask, chunked

T = TypeVar("T")
R = TypeVar("R")

# Chunks waiting or running per worker: enough to keep each busy between two results.
CHUNKS_AHEAD_PER_WORKER = 2


@dataclass
class DaskExecutor:
    """The cluster at ``scheduler`` (``tcp://host:8786``), or a local one of ``workers``."""

    workers: int
    scheduler: str | None = None

    def map(self, items: Iterable[T], task: WorkerTask[Any, T, R]) -> Iterator[R]:
        with ExitStack() as stack:
            address: Any = self.scheduler or stack.enter_context(self._local_cluster())
            client = stack.enter_context(Client(address))
            name = f"dyad-state-{uuid.uuid4().hex}"
            client.register_plugin(WorkerState(task.setup, task.setup_args), name=name)
            stack.callback(client.unregister_worker_plugin, name)
            workers = len(client.scheduler_info().get("workers", ())) or self.workers
            ahead = max(1, workers) * CHUNKS_AHEAD_PER_WORKER
            pending: deque[Any] = deque()
            for chunk in chunked(items, task.chunk_size):
                pending.append(client.submit(run_on_worker, task.work, name, chunk, pure=False))
                while len(pending) > ahead:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def _local_cluster(self) -> LocalCluster:
        # One thread per worker process: the work is CPU-bound Python (the GIL) and each
        # worker's model runs on one thread.
        return LocalCluster(
            n_workers=self.workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        )  # fmt: skip


class WorkerState(WorkerPlugin):
    """Builds ``build(*build_args)`` once in each worker process, kept as ``state``."""

    def __init__(self, build: Callable[..., Any], build_args: tuple[Any, ...]) -> None:
        self.build = build
        self.build_args = build_args
        self.state: Any = None

    def setup(self, worker: Any) -> None:
        self.state = self.build(*self.build_args)


def run_on_worker(work: Callable[[Any, list[T]], list[R]], name: str, chunk: list[T]) -> list[R]:
    """One chunk on a Dask worker, with the state its plugin ``name`` built."""
    return work(get_worker().plugins[name].state, chunk)
