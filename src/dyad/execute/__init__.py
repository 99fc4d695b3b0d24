"""Where the per-article work runs: in this process, a local pool, or a Dask cluster.

The work is described once, as a :class:`WorkerTask`: a pure function ``work(state, chunk)``
from a chunk of inputs to their results, and the ``setup(*setup_args)`` that builds a worker's
state (a loaded pipeline) once per process. An :class:`Executor` runs the task over a stream of
inputs and yields the results in input order, so the output is the same, byte for byte, whatever
runs it. Dask is imported only by :mod:`dyad.execute.dask_cluster` (``pip install 'dyad[scale]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar

from dyad.workers import map_in_workers

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class WorkerTask(Generic[S, T, R]):
    """What every worker builds once (``setup(*setup_args)``) and does per chunk (``work``).

    ``setup`` and ``work`` must be module-level functions (or methods of module-level classes):
    a process pool or a Dask worker imports them by name.
    """

    work: Callable[[S, list[T]], list[R]]
    setup: Callable[..., S]
    setup_args: tuple[Any, ...]
    chunk_size: int


class Executor(Protocol):
    workers: int

    def map(self, items: Iterable[T], task: WorkerTask[Any, T, R]) -> Iterator[R]:
        """``task.work`` over chunks of ``items``; the results flattened, in input order."""
        ...


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class InProcessExecutor:
    """The task in this process, its state built once (or the ``state`` given, already built)."""

    state: Any = None
    workers: int = 1

    def map(self, items: Iterable[T], task: WorkerTask[Any, T, R]) -> Iterator[R]:
        state = self.state if self.state is not None else task.setup(*task.setup_args)
        for chunk in chunked(items, task.chunk_size):
            yield from task.work(state, chunk)


@dataclass
class PoolExecutor:
    """A pool of ``workers`` local processes for the whole batch (:mod:`dyad.workers`)."""

    workers: int

    def map(self, items: Iterable[T], task: WorkerTask[Any, T, R]) -> Iterator[R]:
        return map_in_workers(
            items, task.work, task.setup, task.setup_args,
            jobs=self.workers, chunk_size=task.chunk_size,
        )  # fmt: skip


def make_executor(engine: str, workers: int, scheduler: str | None = None) -> Executor:
    """The executor of ``--engine``: ``local`` (this process for 1 worker, else a pool) or
    ``dask`` (a cluster at ``scheduler``, or a local one of ``workers`` processes)."""
    if engine == "dask":
        from dyad.execute.dask_cluster import DaskExecutor  # dask only when asked for

        return DaskExecutor(workers, scheduler)
    if engine != "local":
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return InProcessExecutor() if workers == 1 else PoolExecutor(workers)
