"""Where page tasks run with `--executor ray`: Ray tasks, on one machine or a cluster.

The same contract as the local pool (ingest/executor.py): the same page task, a
per-page time limit (an overdue task is force-cancelled, which stops the Ray worker
running it, and becomes the same PageTimeoutError record), the same address-space
cap inside the task plus Ray's `memory` resource so a node takes no more pages than
it has memory for, and a bounded in-flight window. The pipeline above does not
know which of the two runs its pages.

The input files need not be on the nodes: each file's bytes go into Ray's object
store once, and a worker reads a local copy of them, named by content.
"""
from __future__ import annotations

import dataclasses
import os
import resource
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ingest.errors import ExecutorError, IngestError, MissingDependencyError, PageTimeoutError, UsageError, WorkerCrashedError

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "install the extra: uv sync --frozen --extra ray (or pip install 'ingest[ray]')"

# A Ray started by this run for this machine alone listens on loopback only. Ray's switch for that
# is this variable (named after the platforms where loopback is its default); it is read when Ray
# is imported, and only by a head node, so it does not touch a run that joins a cluster.
_LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def _import_ray(local: bool):
    if local:
        os.environ.setdefault(_LOOPBACK_ONLY, "0")
    try:
        import ray
    except ImportError:
        raise MissingDependencyError(f"--executor ray needs Ray: {INSTALL_HINT}") from None
    return ray


class RayExecutor:
    """Runs fn over tasks as Ray tasks, yielding (task, result or error), as ProcessExecutor does."""

    def __init__(self, address: str | None, workers: int, timeout: float, memory_mb: int | None,
                 timeout_error: type[IngestError] = PageTimeoutError,
                 crash_error: type[IngestError] = WorkerCrashedError):
        self._ray = ray = _import_ray(local=address is None)
        self.timeout = timeout
        self._errors = timeout_error, crash_error
        self._memory_mb = memory_mb
        if address is None:  # "local": a new Ray for this run, never one another program started
            try:
                ray.init(address="local", num_cpus=workers, include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
            except Exception as exc:  # Ray says a node that did not start in 30 s with a bare Exception
                raise ExecutorError(f"cannot start Ray for the run ({exc})") from None
        else:
            try:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise UsageError(f"--ray-address {address}: cannot join the Ray cluster ({exc})") from None
        largest = max((node["Resources"].get("memory", 0) for node in ray.nodes() if node["Alive"]), default=0)
        if memory_mb and largest < memory_mb * 1024 * 1024:  # its tasks would wait for ever
            ray.shutdown()
            raise UsageError(f"--worker-memory-mb {memory_mb}: no node of the Ray cluster has that much memory "
                             f"for tasks (the largest has {largest / 2**20:.0f} MB)")
        # One task per CPU of the cluster is in flight: a task starts as soon as it is sent, so its
        # time limit counts from then, and a slow node holds back no more pages than it runs.
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers)))
        memory = {"memory": memory_mb * 1024 * 1024} if memory_mb else {}
        self._remote = ray.remote(_run_in_worker).options(num_cpus=1, max_retries=0, **memory)
        self._shipped: dict[str, Any] = {}  # path -> object ref of its bytes
        # Ray starts its workers lazily; started and with the page stage imported before the first
        # page, they spend none of its time limit on that.
        ray.get([ray.remote(_warm_up).options(num_cpus=1, max_retries=0, **memory).remote()
                 for _ in range(self.workers)])

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T],
                      describe: Callable[[T], tuple[str, int | None]],
                      window: int | None = None) -> Iterator[tuple[T, R | IngestError]]:
        """Tasks name their input file by `path`; a worker reads it from the copy in `read_from`."""
        ray = self._ray
        window = window or self.workers
        pending: dict[Any, tuple[T, float]] = {}  # ref -> (task, deadline)
        todo = iter(tasks)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                task = next(todo, None)
                if task is None:
                    exhausted = True
                    break
                ref = self._remote.remote(fn, task, [self._bytes_of(task)], self._memory_mb)
                pending[ref] = task, time.monotonic() + self.timeout
            if not pending:
                break
            first = min(deadline for _, deadline in pending.values())
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=max(0.0, first - time.monotonic()))
            for ref in ready:
                task, _ = pending.pop(ref)
                yield task, self._outcome(ref, *describe(task))
            now = time.monotonic()
            for ref in [ref for ref, (_, deadline) in pending.items() if deadline <= now]:
                task, _ = pending.pop(ref)
                ray.cancel(ref, force=True)  # stops the worker, as pebble does with a hung page
                path, page = describe(task)
                yield task, self._errors[0](f"took longer than {self.timeout:g} s; its worker was stopped",
                                            path=path, page=page)

    def _bytes_of(self, task):
        if task.path not in self._shipped:
            self._shipped = {task.path: self._ray.put(Path(task.path).read_bytes())}  # tasks come file by file
        return self._shipped[task.path]

    def _outcome(self, ref, path: str, page: int | None):
        exceptions = self._ray.exceptions
        try:
            return self._ray.get(ref)
        except exceptions.RayTaskError as exc:
            if isinstance(exc.cause, IngestError):
                return exc.cause
            return self._errors[1](f"the task failed ({type(exc.cause).__name__}: {exc.cause})",
                                   path=path, page=page)
        except exceptions.RayError as exc:  # the worker or its node died: OOM killer, memory cap, lost node
            return self._errors[1](f"the worker died ({type(exc).__name__}), possibly over the memory cap",
                                   path=path, page=page)

    def close(self) -> None:
        self._shipped.clear()
        self._ray.shutdown()  # stops the Ray this run started; leaves a cluster it joined running

    terminate = close

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


# --- in the Ray worker ---------------------------------------------------------------

_copies: OrderedDict[str, Path] = OrderedDict()  # sha256 -> local copy, the last few files
_folder: tempfile.TemporaryDirectory | None = None
_capped = False


def _warm_up() -> None:
    import ingest.pages  # noqa: F401


def _run_in_worker(fn, task, shipped: list, memory_mb: int | None):
    """`shipped` holds the ref of the file's bytes, in a list so that Ray fetches them only for
    a worker that has no copy yet."""
    global _capped
    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in the local pool: Tesseract single-threaded, one per CPU
    if memory_mb is not None and not _capped:
        # A Ray worker maps its object store and its threads' stacks before its first task:
        # address space, not memory. The cap counts from what it had mapped by then.
        mapped = _address_space()
        limit = mapped + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        _capped = True
    return fn(dataclasses.replace(task, read_from=str(_local_copy(task, shipped[0]))))


def _local_copy(task, ref) -> Path:
    import ray

    global _folder
    if _folder is None:
        _folder = tempfile.TemporaryDirectory(prefix="ingest-ray-")
    if task.sha256 not in _copies:
        path = Path(_folder.name) / (task.sha256 + Path(task.path).suffix.lower())
        path.write_bytes(ray.get(ref))
        _copies[task.sha256] = path
        while len(_copies) > 3:  # pdf.py keeps two documents open; a file is read page by page
            _copies.popitem(last=False)[1].unlink(missing_ok=True)
    _copies.move_to_end(task.sha256)
    return _copies[task.sha256]


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
