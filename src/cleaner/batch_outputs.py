"""Cleaning a batch into an output folder: each corrected text written where its input's place says, report.json
and report.csv beside them, and the HTML review pages; a killed run's half-written files swept away on the next.

`batch.process` does the cleaning; this writes what it yields, so a file whose output path another input has
claimed, or that failed, is reported and the batch goes on.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "in").mkdir(), (folder / "in" / "a.txt").write_text("１２月", encoding="utf-8")
>>> summary = clean_paths([folder / "in"], folder / "out")
>>> (folder / "out" / "a.txt").read_text(encoding="utf-8"), summary.documents
('12月', 1)
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from .batch import process
from .cache import ResultCache
from .errors import InputError
from .inputs import InputFile
from .io import SPILL_PREFIX, OutputFolder, Spilled, shown_path, write_atomic
from .pipeline import Pipeline
from .progress import Progress
from .report.html_index import HtmlReport
from .report.summary import Summary
from .report.tables import ReportWriter
from .seen_keys import SeenKeys


def clean_paths(
    inputs: Iterable[Path | str | InputFile],
    outdir: Path,
    pipeline: Pipeline | None = None,
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    html: bool = False,
) -> Summary:
    """Clean every input file into OUTDIR, with report.json and report.csv beside the texts, and
    with HTML the review pages: OUTDIR/report.html and a page per document under OUTDIR/report/."""
    pipeline = pipeline or Pipeline()
    summary = Summary()
    started = time.perf_counter()
    if cache is not None:
        if cache.interrupted():
            _sweep_partial_files(outdir)
        cache.start_run(time.time())
    writer = ReportWriter(outdir)
    review = HtmlReport(outdir) if html else None
    outputs = OutputFolder(outdir)
    # output path -> the input that claimed it: on disk past a bound, as an archive's would weigh hundreds of MB
    claimed = SeenKeys()
    try:
        outcomes = process(
            inputs,
            pipeline,
            jobs=jobs,
            scheduler=scheduler,
            cache=cache,
            progress=progress,
            digests=True,
            pages=html,
            spill=outdir,
        )
        for outcome in outcomes:
            item = outcome.item
            try:
                target = outputs.path_for(item.relative, item.path)
                # only an input with something to write claims its output path; a failed one asks
                key, written = str(target), outcome.digest is not None
                if (claimed_by := claimed.claim(key, str(item.path)) if written else claimed.get(key)) is not None:
                    raise InputError(
                        str(item.path), f"has the same output path as {claimed_by}; clean them in separate runs"
                    )
            except InputError as error:
                summary.add_failure(str(item.path), error.reason, item.listed_at)
                if outcome.digest is not None:
                    outcome.digest.discard()
                continue
            digest = outcome.digest
            if digest is None:
                summary.add_failure(str(item.path), outcome.error or "failed", item.listed_at)
                continue
            _write_output(target, digest.text, check_existing=outcome.cached)
            writer.add_rendered(digest.entry, digest.records)
            if review is not None and digest.page is not None:
                review.add_rendered(shown_path(item.path), digest.page_name, digest.page, digest.status_counts())
            summary.add_tally(digest.characters, digest.tally, cached=outcome.cached)
        summary.seconds = time.perf_counter() - started
        writer.close(summary.as_dict())
        if review is not None:
            review.close(summary.as_dict())
    except BaseException:
        writer.abort()
        if review is not None:
            review.abort()
        for part in outdir.glob(f"{SPILL_PREFIX}*.part"):  # parts of digests that never came out
            part.unlink(missing_ok=True)
        raise
    finally:
        claimed.close()
    if cache is not None:
        cache.finish_run(time.time())
    return summary


def _write_output(target: Path, data: bytes | Spilled, check_existing: bool) -> None:
    """Write an output, leaving it untouched when a cached result finds it already right."""
    if isinstance(data, Spilled):
        if check_existing and data.same_as(target):
            data.discard()
        else:
            data.move_to(target)
        return
    if check_existing:
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return
        except OSError:
            pass
    write_atomic(target, data)


def _sweep_partial_files(outdir: Path) -> None:
    """Remove the temporary files a killed run left behind (`write_atomic` and report parts)."""
    if outdir.is_dir():
        for path in outdir.rglob(".*.part"):
            path.unlink(missing_ok=True)
