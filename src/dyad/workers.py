"""One pool of worker processes for a whole batch, results in input order.

Each worker builds its state once (``setup(*args)``, e.g. a loaded ``Pipeline``) in the pool
initializer and then applies a pure function ``work(state, chunk)`` to chunks of the input.
Chunks are taken from the input lazily, a few per worker ahead, so memory stays bounded and the
input is read in the calling thread (which may hold a database connection).

Workers die with the process that started them, even on ``kill -9``: the kernel sends them
SIGKILL when it dies (``PR_SET_PDEATHSIG``, Linux), and a watchdog thread in each worker exits
when the parent pid changes (other systems, and the race before the signal is armed).

On Linux workers are forked: they start in milliseconds with the modules and cached models the
parent already loaded, where a spawned worker spends seconds importing spaCy (on a 2-core
machine that start-up ate the whole gain of a second process on a 100-article batch). A forked
worker must only use what ``setup`` builds for it: it never touches the parent's database
connection (the parent's lock is not inherited) and builds its own model sessions. Elsewhere
workers are spawned (fork is unsafe on macOS).
"""

from __future__ import annotations

import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# prctl(2) option: the signal this process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
# How often a worker's watchdog checks that its parent is alive; the delay before an orphan
# exits where the death signal is not available.
PARENT_CHECK_SECONDS = 0.5
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
# Chunks waiting or running per worker: enough to keep every worker busy between two results.
CHUNKS_AHEAD_PER_WORKER = 2

# This worker process's state, built once by the pool initializer (``_start_worker``) and read
# by every task it runs. Set only in worker processes, never in the parent.
_worker_state: Any = None


def map_in_workers(
    items: Iterable[T],
    work: Callable[[Any, list[T]], list[R]],
    setup: Callable[..., Any],
    setup_args: tuple[Any, ...],
    *,
    jobs: int,
    chunk_size: int,
) -> Iterator[R]:
    """``work(state, chunk)`` over chunks of ``items`` in ``jobs`` worker processes, each with
    the state ``setup(*setup_args)`` built once; the results flattened, in input order.

    The workers live as long as this generator: finishing or closing it stops them.
    """
    if jobs < 1 or chunk_size < 1:
        raise ValueError(f"jobs and chunk_size must be positive, not {jobs}, {chunk_size}")
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(START_METHOD),
        initializer=_start_worker,
        # By name: unpickling a function imports its module (spaCy...), which a spawned
        # worker would do before it had armed its death signal.
        initargs=(os.getpid(), setup.__module__, setup.__qualname__, setup_args),
    )
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in _chunked(iter(items), chunk_size, jobs):
            pending.append(executor.submit(_run_task, work, chunk))
            while len(pending) > jobs * CHUNKS_AHEAD_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _chunked(items: Iterator[T], size: int, jobs: int) -> Iterator[list[T]]:
    """Chunks of ``size`` items, but the last ``jobs * size`` items of the input one by one: the
    workers then finish within an item of each other, not a chunk (one coding a whole chunk
    while the others wait). Once every worker has its first chunk, the input is read that many
    items ahead to know where its end is."""
    held: deque[T] = deque()
    sent = 0
    for item in items:
        held.append(item)
        if len(held) == size + (jobs * size if sent >= jobs else 0):
            yield [held.popleft() for _ in range(size)]
            sent += 1
    while held:
        yield [held.popleft()]


def _start_worker(parent_pid: int, module: str, name: str, setup_args: tuple[Any, ...]) -> None:
    global _worker_state  # the one per-process slot described above
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent stops the batch and the pool; a
    # worker interrupted mid-task would only add its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup: Any = importlib.import_module(module)
    for attribute in name.split("."):
        setup = getattr(setup, attribute)
    _worker_state = setup(*setup_args)


def _run_task(work: Callable[[Any, list[T]], list[R]], chunk: list[T]) -> list[R]:
    return work(_worker_state, chunk)


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit when ``parent_pid`` (its parent) dies, however it dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # no clean-up: the parent that owned the work is gone
