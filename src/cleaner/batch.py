"""Cleaning many files: read, run the pipeline, write outputs and reports; one bad file never stops a batch.

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

from .errors import InputError
from .io import discover, output_path, read_document, write_atomic
from .pipeline import Pipeline
from .report.summary import Summary
from .report.tables import ReportWriter, document_entry


def clean_paths(inputs: Iterable[Path], outdir: Path, pipeline: Pipeline | None = None) -> Summary:
    """Clean every input file into OUTDIR, with report.json and report.csv beside the texts."""
    pipeline = pipeline or Pipeline()
    summary = Summary()
    writer = ReportWriter(outdir)
    started = time.perf_counter()
    seen: dict[Path, Path] = {}
    try:
        for item in discover(inputs):
            try:
                target = output_path(outdir, item.relative)
                if target in seen:
                    raise InputError(str(item.path), f"has the same output path as {seen[target]}; clean them in separate runs")
                seen[target] = item.path
                document = read_document(item.path, item.relative)
            except InputError as error:
                summary.add_failure(str(item.path), error.reason)
                continue
            result = pipeline.run(document)
            write_atomic(target, result.text)
            writer.add(document_entry(result))
            summary.add(result)
        summary.seconds = time.perf_counter() - started
        writer.close(summary.as_dict())
    except BaseException:
        writer.abort()
        raise
    return summary
