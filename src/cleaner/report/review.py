"""Review formats rebuilt from a finished run: the HTML pages and a unified diff.

Both come from one pass over OUTDIR/report.json and the inputs, one document at a time: `cleaner
apply` writes its pages so, and `cleaner clean --diff` its diff. (`cleaner clean` renders its own
pages as it cleans, in the workers, see report.digest; they are byte for byte the pages rebuilt here.)

>>> import tempfile
>>> from cleaner.batch_outputs import clean_paths
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("１２月,好\\n", encoding="utf-8")
>>> _ = clean_paths([folder / "a.txt"], folder / "out")
>>> write_review(folder / "out").name
'report.html'
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from .diff import unified_diff
from .html_index import HtmlReport
from .replayed import replayed


def write_review(outdir: Path, html: bool = True, diff: IO[str] | None = None) -> Path | None:
    """Write OUTDIR/report.html and its pages (if HTML), and a unified diff to DIFF (if given).

    Returns the path of report.html, or None without HTML.
    """
    documents, summary = replayed(outdir / "report.json")
    pages = HtmlReport(outdir) if html else None
    for document in documents:
        if diff is not None and not document.problem:
            diff.write(unified_diff(document.path, document.original, document.corrected))
        if pages is None:
            continue
        if document.problem:
            pages.add_missing(document.path, f"no review page: {document.problem}")
        else:
            pages.add(document.path, document.original, document.corrected, document.changes)
    return pages.close(summary) if pages else None
