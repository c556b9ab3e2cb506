"""Where documents are cleaned: in this process, on local cores, or on a Dask cluster, by one code path.

Every executor has the `concurrent.futures.Executor` interface: `InlineExecutor` for one job,
`ProcessPoolExecutor` for local cores, and `distributed.Client.get_executor()` for a cluster.
Work travels in chunks of documents; each worker process builds its pipeline once (rules and
engines included) and keeps it for every later chunk with the same run key.

>>> from cleaner.model import Document
>>> from cleaner.pipeline import Pipeline
>>> spec = PipelineSpec.of(Pipeline(), "key")
>>> with open_executor(jobs=1) as executor:
...     [kind for kind, _ in executor.submit(run_chunk, spec, [Document("a", "a", "１")]).result()]
['ok']
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import encode_result
from .collector import own_collector, settle_if_owned
from .errors import CleanerError
from .model import Document, Result
from .pipeline import Pipeline
from .report.digest import Digest
from .rules import STAGES

# What a local worker needs before its first chunk, imported once by the process local workers are forked from
# (multiprocessing's forkserver): a worker then starts with the stages' modules and cn2an loaded, and that import
# can run while this process is still starting the batch (`prestart_local_workers`).
WORKER_PRELOAD = ["cleaner.executor", *(f"cleaner.stages.{name}" for name in STAGES), "cn2an"]
# What `clean`'s workers need besides: pandas renders their report.csv records, and importing it cost each worker
# 0.6 s of CPU at its first chunk, two of them 1.2 s while the cores were wanted for cleaning (`check` renders none).
REPORT_PRELOAD = ["pandas"]
# Built pipelines of this process, by run key: a worker loads rules and engines once.
_PIPELINES: dict[str, Pipeline] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """A pipeline as it travels to workers: its run key and its pickled rules, options and stages."""

    key: str
    blob: bytes

    @classmethod
    def of(cls, pipeline: Pipeline, key: str) -> PipelineSpec:
        """Describe PIPELINE; this process reuses the pipeline itself instead of rebuilding it."""
        with _LOCK:
            _PIPELINES.setdefault(key, pipeline)
        return cls(key, pickle.dumps((pipeline.rules, pipeline.options, tuple(pipeline.stages))))

    def pipeline(self) -> Pipeline:
        """This process's pipeline for the spec, built on first use."""
        with _LOCK:
            if self.key not in _PIPELINES:
                rules, options, stages = pickle.loads(self.blob)
                _PIPELINES[self.key] = Pipeline(rules, options, stages)
            return _PIPELINES[self.key]


def run_chunk(
    spec: PipelineSpec,
    documents: list[Document],
    payloads: bool = True,
    digests: bool = False,
    page_names: list[str] | None = None,
    spill: str | None = None,
) -> list[tuple[str, Any]]:
    """Clean a chunk of documents: ("ok", (payload, digest)) each, or ("error", reason) for one that failed.

    The payload (`encode_result`) is what the cache keeps and what rebuilds the result; the
    digest (`report.digest.Digest`) is everything `clean` writes of it, made here so that the
    main process only copies it out. Each is None unless asked for. With PAGE_NAMES (one per
    document), digests carry the HTML review pages too. SPILL, a folder the main process reads too,
    takes the digests of long documents as files (`report.digest.Spilled`).

    A stage that raises on one document fails that document only, with the reason in the report.
    """
    pipeline = spec.pipeline()
    out: list[tuple[str, Any]] = []
    results: list[Result] = []
    cleaned: list[int] = []  # the documents that came through, by index
    for index, document in enumerate(documents):
        try:
            result = pipeline.run(document)
            out.append(("ok", encode_result(result) if payloads else None))
            results.append(result)
            cleaned.append(index)
        except Exception as error:  # a bug in one stage must not stop the batch
            where = traceback.extract_tb(error.__traceback__)[-1]
            place = f"{os.path.basename(where.filename)}:{where.lineno}"
            out.append(("error", f"the pipeline failed on it ({type(error).__name__}: {error} at {place})"))
    names = [page_names[index] for index in cleaned] if page_names is not None else None
    folder = Path(spill) if spill is not None else None
    made = iter(Digest.of_many(results, names, folder) if digests else [None] * len(results))
    answers = [(kind, (value, next(made))) if kind == "ok" else (kind, value) for kind, value in out]
    settle_if_owned()
    return answers


class InlineExecutor(Executor):
    """Runs each task at once in this process: one job, with no pool to start."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


@dataclass(frozen=True, slots=True)
class Workers:
    """An open executor and how many tasks it runs at once."""

    executor: Executor
    slots: int


@contextmanager
def open_executor(jobs: int | None = None, scheduler: str | None = None) -> Iterator[Executor]:
    """An executor for JOBS local processes (default: every core), or for the Dask SCHEDULER's workers."""
    with open_workers(jobs, scheduler) as workers:
        yield workers.executor


@contextmanager
def open_workers(jobs: int | None = None, scheduler: str | None = None) -> Iterator[Workers]:
    """Like `open_executor`, also telling how many tasks run at once (to size the in-flight window)."""
    if scheduler:
        yield from _dask_workers(scheduler)
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        yield Workers(InlineExecutor(), 1)
        return
    # forkserver: workers start from a clean process, not a fork of one running a progress thread
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_local_context(), initializer=start_local_worker)
    try:
        yield Workers(pool, jobs)
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def start_local_worker() -> None:
    """Start a local worker: it leaves Ctrl-C to this process (`ignore_interrupts`) and owns its collector."""
    ignore_interrupts()
    own_collector()


def ignore_interrupts() -> None:
    """Let a worker leave Ctrl-C to this process, which stops the batch and the workers with one message.

    Ctrl-C reaches the whole process group: a worker would otherwise die with a traceback of its own.

    >>> ignore_interrupts(); signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    True
    >>> _ = signal.signal(signal.SIGINT, signal.default_int_handler)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool at once, its queued chunks dropped and its running ones cut short, on Ctrl-C or an error.

    Waiting for them (what leaving a pool's `with` does) kept an interrupted run alive until every chunk
    sent was cleaned: 90 s for a 5 MB page. Nothing is lost: this process writes every output, whole.

    >>> pool = ProcessPoolExecutor(max_workers=1)
    >>> pool.submit(pow, 2, 3).result()
    8
    >>> stop_workers(pool)
    """
    # the pool has no public way to end a running task, and its workers are not this process's children
    # (the forkserver's: multiprocessing.active_children() does not list them); taken before shutdown clears them
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()
    if workers:
        _ABANDONED.set()


# Set once workers were ended mid-chunk: the pool's own threads may be left blocked on the pipes those
# workers held (a chunk half written to one, a result half read from one), and Python's exit joins those
# threads, so the interrupted run would never end (seen under load: a Ctrl-C run asleep for minutes).
_ABANDONED = threading.Event()


def workers_abandoned() -> bool:
    """Whether `stop_workers` ended workers in this process, so that its exit must not wait for the pool's threads.

    >>> pool = ProcessPoolExecutor(max_workers=1)
    >>> pool.submit(pow, 2, 3).result()
    8
    >>> stop_workers(pool)
    >>> workers_abandoned()
    True
    """
    return _ABANDONED.is_set()


def prestart_local_workers(jobs: int | None = None, reports: bool = False) -> None:
    """Start the process that local workers are forked from, when JOBS (default: every core) is more than one,
    so that it imports WORKER_PRELOAD (with REPORTS, REPORT_PRELOAD too) while this process reads its rules and inputs.

    A batch that turns out to need no pool leaves it idle; it ends with this process.
    """
    if (jobs or os.cpu_count() or 1) > 1:
        from multiprocessing import forkserver

        _local_context(worker_preload(reports))
        forkserver.ensure_running()


def worker_preload(reports: bool = False) -> list[str]:
    """The modules the forkserver imports for its workers; with REPORTS, those that render `clean`'s reports too.

    >>> "pandas" in worker_preload(reports=True), "pandas" in worker_preload()
    (True, False)
    """
    return [*WORKER_PRELOAD, *REPORT_PRELOAD] if reports else list(WORKER_PRELOAD)


def _local_context(preload: list[str] | None = None) -> Any:
    """The forkserver context; PRELOAD (default: WORKER_PRELOAD) counts only before the forkserver starts."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(preload if preload is not None else WORKER_PRELOAD)
    return context


def _check_address(address: str) -> None:
    """Raise ValueError for a scheduler address dask.distributed cannot use.

    >>> _check_address("tcp://127.0.0.1:8786")
    >>> _check_address("bogus")
    Traceback (most recent call last):
    ValueError: missing port number in address 'bogus'
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls"):
        parse_host_port(location)


def _dask_workers(scheduler: str) -> Iterator[Workers]:
    try:
        from distributed import Client
    except ImportError:
        raise CleanerError("--scheduler needs dask.distributed; install cleaner with its dependencies") from None
    try:
        # checked first: a Client that fails on a malformed address spends 20 s closing itself
        _check_address(scheduler)
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise CleanerError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); check the address and that it runs"
        ) from None
    try:
        slots = sum(client.nthreads().values()) or 1
        yield Workers(client.get_executor(pure=False), slots)
    finally:
        client.close()
