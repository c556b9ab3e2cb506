"""Cleaning many files: read, run the pipeline, write outputs and reports; one bad file never stops a batch.

`process` is the one loop every command shares (`clean`, `check`): it yields one `Outcome` per
input file, in input order, with either a result or the reason the file failed.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "in").mkdir(), (folder / "in" / "a.txt").write_text("１２月", encoding="utf-8")
>>> summary = clean_paths([folder / "in"], folder / "out")
>>> (folder / "out" / "a.txt").read_text(encoding="utf-8"), summary.documents
('12月', 1)
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .io import InputFile, discover, output_path, read_document, write_atomic
from .model import Result
from .pipeline import Pipeline
from .report.summary import Summary
from .report.tables import ReportWriter, document_entry


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file: a result, or the reason it could not be read."""

    item: InputFile
    result: Result | None
    error: str | None = None


def process(inputs: Iterable[Path], pipeline: Pipeline) -> Iterator[Outcome]:
    """Run the pipeline over every input file, yielding outcomes as they are ready."""
    for item in discover(inputs):
        try:
            document = read_document(item.path, item.relative)
        except InputError as error:
            yield Outcome(item, None, error.reason)
            continue
        yield Outcome(item, pipeline.run(document))


def clean_paths(inputs: Iterable[Path], outdir: Path, pipeline: Pipeline | None = None) -> Summary:
    """Clean every input file into OUTDIR, with report.json and report.csv beside the texts."""
    pipeline = pipeline or Pipeline()
    summary = Summary()
    writer = ReportWriter(outdir)
    started = time.perf_counter()
    seen: dict[Path, Path] = {}
    try:
        for outcome in process(inputs, pipeline):
            item = outcome.item
            try:
                target = output_path(outdir, item.relative)
                if target in seen:
                    raise InputError(
                        str(item.path), f"has the same output path as {seen[target]}; clean them in separate runs"
                    )
            except InputError as error:
                summary.add_failure(str(item.path), error.reason)
                continue
            if outcome.result is None:
                summary.add_failure(str(item.path), outcome.error or "failed")
                continue
            seen[target] = item.path
            write_atomic(target, outcome.result.text)
            writer.add(document_entry(outcome.result))
            summary.add(outcome.result)
        summary.seconds = time.perf_counter() - started
        writer.close(summary.as_dict())
    except BaseException:
        writer.abort()
        raise
    return summary
