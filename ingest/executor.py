"""Where page tasks run: a pool of worker processes, one per core (the default), or,
with `--executor ray`, Ray tasks (ingest/cluster.py); `page_executor` picks one, and
the pipeline sees only `map_unordered` and the error records both give back.

Tesseract runs single-threaded in each worker (its OpenMP threading makes it
about twice as slow on two cores); the pool keeps every core busy across the
pages of all files. A page that overruns its time limit gets its worker
stopped and replaced; a worker whose address space hits the cap fails its page.
Either way the error comes back as data and the batch goes on.

The same executor, with one worker, bounds each document's extraction
(`ProcessExecutor.submit`, `outcome`): a pathological document costs its own records only.
"""
from __future__ import annotations

import os
import resource
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, TimeoutError, wait
from typing import TYPE_CHECKING, TypeVar

from pebble import ProcessExpired, ProcessPool

from ingest.errors import IngestError, PageTimeoutError, WorkerCrashedError

if TYPE_CHECKING:
    from ingest.cluster import RayExecutor
    from ingest.options import RunOptions

T = TypeVar("T")
R = TypeVar("R")


def _init_worker(memory_mb: int | None, warm_up: Callable[[], None] | None) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    if memory_mb is not None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if warm_up is not None:  # before the worker's first task, so outside every task's time limit
        warm_up()


def _nothing() -> None:
    """The task `ProcessExecutor.start` schedules: scheduling any task starts the pool."""


class ProcessExecutor:
    """Runs fn over tasks in worker processes, yielding (task, result or error)."""

    def __init__(self, workers: int, timeout: float, memory_mb: int | None,
                 timeout_error: type[IngestError] = PageTimeoutError,
                 crash_error: type[IngestError] = WorkerCrashedError,
                 warm_up: Callable[[], None] | None = None):
        self.workers = workers
        self.timeout = timeout
        self._errors = timeout_error, crash_error
        # Workers are forked at the first task, so they inherit what the parent imported by then.
        self._pool = ProcessPool(max_workers=workers, initializer=_init_worker, initargs=(memory_mb, warm_up))

    def start(self) -> None:
        """Fork the workers now, with what the parent has imported so far, not at the first task."""
        self._pool.schedule(_nothing)

    def submit(self, fn: Callable[[T], R], task: T) -> Future:
        """fn(task) in a worker; its time limit runs from when a worker takes it up. See `outcome`."""
        return self._pool.schedule(fn, args=(task,), timeout=self.timeout)

    def outcome(self, future: Future, path: str) -> R | IngestError:
        """The result of a submitted task (waiting for it); an error comes back as the result."""
        return self._outcome(future, path, None)

    def call(self, fn: Callable[[T], R], task: T, path: str) -> R | IngestError:
        """fn(task) in a worker, within the time limit; an error comes back as the result."""
        return self.outcome(self.submit(fn, task), path)

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T],
                      describe: Callable[[T], tuple[str, int | None]],
                      window: int | None = None) -> Iterator[tuple[T, R | IngestError]]:
        """At most `window` tasks are in flight, so results never pile up."""
        # Eight a worker: while this process finishes a file (its records, load and review crops, tens
        # of milliseconds), the workers go on with text-layer pages that take a few each.
        window = window or self.workers * 8
        pending: dict[Future, T] = {}
        todo = iter(tasks)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                task = next(todo, None)
                if task is None:
                    exhausted = True
                    break
                pending[self._pool.schedule(fn, args=(task,), timeout=self.timeout)] = task
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                yield task, self._outcome(future, *describe(task))

    def _outcome(self, future: Future, path: str, page: int | None):
        try:
            return future.result()
        except IngestError as exc:
            return exc
        except TimeoutError:
            return self._errors[0](f"took longer than {self.timeout:g} s; its worker was stopped",
                                   path=path, page=page)
        except ProcessExpired as exc:
            why = f"signal {-exc.exitcode}" if (exc.exitcode or 0) < 0 else f"exit code {exc.exitcode}"
            return self._errors[1](f"the worker died ({why}), possibly over the memory cap",
                                   path=path, page=page)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.stop()
        self._pool.join()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.close()
        else:
            self.terminate()


def page_executor(options: RunOptions) -> ProcessExecutor | RayExecutor:
    """Where the page tasks run: the local pool, or Ray tasks (`--executor ray`)."""
    limits = options.limits
    if options.executor == "ray":
        from ingest.cluster import RayExecutor  # Ray is an optional extra

        return RayExecutor(options.ray_address, options.workers, limits.page_timeout, limits.worker_memory_mb)
    return ProcessExecutor(options.workers, limits.page_timeout, limits.worker_memory_mb)
