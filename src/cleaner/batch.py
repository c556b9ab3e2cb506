"""Cleaning many files: read them, run the pipeline, yield each outcome in order; one bad file never stops a batch.

`process` is the one loop every command shares (`clean`, `check`): it yields one `Outcome` per
input file, in input order, with either a result or the reason the file failed. Files stream
through it: found lazily, read as work is sent out, at most a few chunks in flight, so memory
stays flat however large the archive. Where the work runs (this process, local cores, a Dask
cluster) is the executor's business, and a cache lets re-runs skip what they already did.

Writing what it yields into an output folder (`clean_paths`) is batch_outputs.py.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("１２月", encoding="utf-8"), (folder / "b.txt").write_bytes(b"\\xff")
>>> outcomes = list(process([folder], Pipeline()))  # one per file, in order: b.txt is no text
>>> outcomes[0].result.text, outcomes[1].failed, outcomes[1].error.startswith("cannot be decoded")
('12月', True, True)
"""

from __future__ import annotations

import glob
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from .cache import ResultCache, decode_result, run_key
from .errors import InputError
from .executor import InlineExecutor, PipelineSpec, Workers, open_workers, run_chunk
from .inputs import InputFile, LeftOut, discover, once
from .io import (
    content_hash,
    document_of,
    read_input,
)
from .model import Document, Result
from .path_lists import listed_files, read_path_list
from .pipeline import Pipeline
from .progress import Progress
from .report.digest import Digest
from .report.html_index import page_name

# A chunk is sent to a worker when it holds this many characters or documents: large enough to
# make the cost of shipping it small, small enough to keep every worker busy and memory flat. At the
# end of a batch one worker idles while the other finishes its last chunk, half a chunk's time on
# average: at 65,536 characters (a quarter of a second) that is 1% of a 10M-character run on two
# cores, where 262,144 left 2.5%; the workers' CPU time did not grow with the chunk count.
CHUNK_CHARACTERS = 65_536
CHUNK_DOCUMENTS = 256
CHUNKS_PER_WORKER = 2
# At most this many outcomes wait for an earlier one, so memory stays flat when most files come from the cache.
WAITING_LIMIT = 1024


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file: a result, or the reason it could not be read or cleaned.

    An unchanged file a command has already reported carries, instead of its result, the `view`
    that command stored of it (see `process`), and its size in `characters`.
    """

    item: InputFile
    result: Result | None
    error: str | None = None
    cached: bool = False
    view: Any = None
    characters: int = 0
    digest: Digest | None = None  # what `clean` writes of it, when asked for instead of the result

    @property
    def failed(self) -> bool:
        return self.result is None and self.digest is None and self.view is None

    @property
    def input_characters(self) -> int:
        """The size of the input, however the outcome carries it."""
        if self.result is not None:
            return len(self.result.document.text)
        return self.digest.characters if self.digest is not None else self.characters


@dataclass
class _Chunk:
    """Documents on their way to a worker, with the outcome slots they fill."""

    documents: list[Document] = field(default_factory=list)
    slots: list[_Slot] = field(default_factory=list)
    characters: int = 0
    future: Future[Any] | None = None


@dataclass
class _Slot:
    """One input's place in the output order; `outcome` is set when it is known."""

    item: InputFile
    outcome: Outcome | None = None


def batch_inputs(
    paths: Iterable[Path | str],
    list_lines: Iterable[str] | None,
    skip: Path | None = None,
    left_out: LeftOut | None = None,
) -> Iterator[InputFile]:
    """The inputs of a batch command, lazily and each once: its arguments, then the paths of a
    `--files-from` list's LIST_LINES (`path_lists.path_list_lines`); folder walks pass over SKIP (the output
    folder), and count the files that are no text in LEFT_OUT."""
    found: Iterable[InputFile] = discover(paths, skip=skip, left_out=left_out)
    if list_lines is not None:
        found = chain(found, listed_files(read_path_list(list_lines), skip))
    yield from once(found)


def process(
    inputs: Iterable[Path | str | InputFile],
    pipeline: Pipeline,
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    view: Callable[[InputFile, str], tuple[Any, int] | None] | None = None,
    digests: bool = False,
    pages: bool = False,
    spill: Path | None = None,
) -> Iterator[Outcome]:
    """Run the pipeline over every input file, yielding outcomes in input order as they are ready.

    JOBS local processes do the work (None: every core), or the workers of the Dask SCHEDULER;
    with a CACHE, files whose content and run key are known are not cleaned again. VIEW, given
    a file and its content hash, may return what the caller stored of that file's result before,
    with the file's size in characters: then the outcome carries it as its `view`, and the file
    is neither decoded nor cleaned, nor its result decoded.
    With DIGESTS, outcomes carry a `Digest` of their result instead of the result itself; with
    PAGES too, each digest carries its HTML review page, rendered where the document was cleaned.
    SPILL, a folder, takes the digests of long documents cleaned on local cores as files (`Spilled`):
    the caller moves or copies them out. A cluster's workers may not see it, and send theirs whole.
    """
    spec = PipelineSpec.of(pipeline, cache.key if cache is not None else run_key(pipeline))
    order: deque[_Slot] = deque()
    with ExitStack() as stack:
        dispatch = _Dispatch(stack, spec, jobs, scheduler, cache, digests, pages, spill if digests else None)
        chunk = _Chunk()
        for item in discover(inputs):
            slot = _Slot(item)
            order.append(slot)
            document = _read(slot, cache, view, digests, pages, spill)
            if document is not None:
                if chunk.documents and len(document.text) >= CHUNK_CHARACTERS:
                    # a page that fills a chunk alone goes alone: the pages read before it are not held
                    # back (unwritten, and lost to Ctrl-C) until it is cleaned, a minute for a 5 MB page
                    dispatch.send(chunk, last=False)
                    chunk = _Chunk()
                chunk.documents.append(document)
                chunk.slots.append(slot)
                chunk.characters += len(document.text)
                if chunk.characters >= CHUNK_CHARACTERS or len(chunk.documents) >= CHUNK_DOCUMENTS:
                    dispatch.send(chunk, last=False)
                    chunk = _Chunk()
            if len(order) >= WAITING_LIMIT and order[0].outcome is None:
                # Outcomes pile up behind a slow chunk (a mostly cached run): wait for it.
                if not dispatch.in_flight:
                    dispatch.send(chunk, last=False)
                    chunk = _Chunk()
                dispatch.settle(wait=True)
            dispatch.settle(wait=False)
            yield from _ready(order, progress)
        dispatch.send(chunk, last=True)
        while dispatch.in_flight:
            dispatch.settle(wait=True)
            yield from _ready(order, progress)
        yield from _ready(order, progress)


class _Dispatch:
    """Sends chunks to the workers and collects them oldest first, keeping a bounded window in flight.

    Local workers start only when a batch needs more than one chunk: a handful of files is done
    at once in this process, without paying for a pool.
    """

    def __init__(
        self,
        stack: ExitStack,
        spec: PipelineSpec,
        jobs: int | None,
        scheduler: str | None,
        cache: ResultCache | None,
        digests: bool,
        pages: bool,
        spill: Path | None,
    ) -> None:
        self.stack, self.spec, self.jobs, self.scheduler, self.cache = stack, spec, jobs, scheduler, cache
        self.digests, self.pages = digests, pages
        self.spill = str(spill) if spill is not None and scheduler is None else None
        self.workers: Workers | None = None
        self.in_flight: deque[_Chunk] = deque()

    def send(self, chunk: _Chunk, last: bool) -> None:
        if not chunk.documents:
            return
        if self.workers is None:
            alone = last and self.scheduler is None
            self.workers = (
                Workers(InlineExecutor(), 1)
                if alone
                else self.stack.enter_context(open_workers(self.jobs, self.scheduler))
            )
        # a payload is wanted to remember the result, or to rebuild it when no digest is asked for
        payloads = self.cache is not None or not self.digests
        # page names are settled here: they depend on this process's working folder, not a worker's
        names = [page_name(document.path) for document in chunk.documents] if self.pages else None
        chunk.future = self.workers.executor.submit(
            run_chunk, self.spec, chunk.documents, payloads, self.digests, names, self.spill
        )
        self.in_flight.append(chunk)

    def settle(self, wait: bool) -> None:
        """Collect finished chunks from the oldest on; with WAIT, or a full window, wait for the oldest."""
        window = self.workers.slots * CHUNKS_PER_WORKER if self.workers else 1
        while self.in_flight:
            head = self.in_flight[0]
            if not (wait or len(self.in_flight) >= window or (head.future and head.future.done())):
                return
            _settle(self.in_flight.popleft(), self.cache, self.digests)
            wait = False


def _read(
    slot: _Slot,
    cache: ResultCache | None,
    view: Callable[[InputFile, str], tuple[Any, int] | None] | None,
    digests: bool,
    pages: bool = False,
    spill: Path | None = None,
) -> Document | None:
    """Read a slot's file; fill its outcome at once if it fails or is cached, else return the document."""
    item = slot.item
    try:
        data = read_input(item.path)
        sha256 = content_hash(data)
        if view is not None and (seen := view(item, sha256)) is not None:
            # an unchanged file a command has reported before: not even decoded
            shown, characters = seen
            slot.outcome = Outcome(item, None, cached=True, view=shown, characters=characters)
            return None
        document = document_of(data, item.path, item.relative, sha256)
    except InputError as error:
        reason = error.reason
        if not item.path.exists() and glob.has_magic(str(item.path)):
            reason = "matches no files; check the pattern (quote it so the shell leaves it to cleaner)"
        slot.outcome = Outcome(item, None, reason)
        return None
    payload = cache.get(sha256) if cache is not None else None
    if payload is None:
        return document
    result = decode_result(document, payload)
    slot.outcome = (
        Outcome(item, None, cached=True, digest=Digest.of(result, page_name(document.path) if pages else None, spill))
        if digests
        else Outcome(item, result, cached=True)
    )
    return None


def _settle(chunk: _Chunk, cache: ResultCache | None, digests: bool) -> None:
    """Wait for a chunk, fill its slots' outcomes and remember the good results."""
    try:
        answers = chunk.future.result()  # type: ignore[union-attr]
    except Exception as error:  # a lost worker or connection fails its chunk, not the batch
        answers = [("error", f"its worker failed ({type(error).__name__}: {error}); run it again")] * len(chunk.slots)
    fresh: list[tuple[str, bytes]] = []
    for slot, document, (kind, value) in zip(chunk.slots, chunk.documents, answers, strict=True):
        if kind == "ok":
            payload, digest = value
            if digests:
                slot.outcome = Outcome(slot.item, None, digest=digest)
            else:
                slot.outcome = Outcome(slot.item, decode_result(document, payload))
            if payload is not None:
                fresh.append((document.meta["sha256"], payload))
        else:
            slot.outcome = Outcome(slot.item, None, value)
    if cache is not None and fresh:
        cache.put_many(fresh)
    chunk.documents, chunk.slots = [], []


def _ready(order: deque[_Slot], progress: Progress | None) -> Iterator[Outcome]:
    while order and order[0].outcome is not None:
        outcome = order.popleft().outcome
        if progress is not None:
            progress.advance(outcome)  # type: ignore[arg-type]
        yield outcome  # type: ignore[misc]
