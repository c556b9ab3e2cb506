"""OUTDIR/report.html, the batch's index of its review pages: facts, a chart of changes per stage, a row per
document linking to its page (made by `report.html`), and where under OUTDIR/report/ each page goes.

>>> page_name("archive/1998/01.txt")
'archive/1998/01.txt.html'
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from ..io import Spilled
from ..model import Change
from ..rules import STAGES
from .html import PAGE_TAIL, STATUSES, page_head, review_page
from .html_assets import STATUS_COLORS


def page_name(path: str) -> str:
    """Where a document's page goes under OUTDIR/report/, inside it whatever the input path.

    >>> page_name("../archive/1998/01.txt"), page_name("/abs/a.txt")
    ('archive/1998/01.txt.html', 'abs/a.txt.html')
    """
    if Path(path).is_absolute() and Path(path).is_relative_to(Path.cwd()):
        path = Path(path).relative_to(Path.cwd()).as_posix()  # shorter names for inputs under the working folder
    parts = [p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return "/".join(parts or ["document"]) + ".html"


def stage_chart(stages: dict[str, dict[str, int]]) -> str:
    """An inline SVG bar chart: one bar per stage, stacked by status.

    >>> chart = stage_chart({"spelling": {"applied": 2, "suggested": 1}})
    >>> chart.count("<rect "), ">spelling</text>" in chart
    (2, True)
    """
    rows = [(stage, stages[stage]) for stage in sorted(stages, key=lambda s: STAGES.index(s) if s in STAGES else 99)]
    widest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    bars = []
    for i, (stage, counts) in enumerate(rows):
        y, x = 6 + i * 26, 110.0
        bars.append(f'<text x="104" y="{y + 14}" text-anchor="end">{escape(stage)}</text>')
        for status in STATUSES:
            n = counts.get(status, 0)
            if n:
                width = 480 * n / widest
                bars.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="18" fill="{STATUS_COLORS[status]}">'
                    f"<title>{escape(stage)}: {n} {status}</title></rect>"
                )
                x += width
        bars.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(counts.values())}</text>')
    legend = " ".join(f'<span class="key" style="--c:{STATUS_COLORS[s]}"></span>{s}' for s in STATUSES)
    height = 12 + 26 * len(rows)
    return (
        f'<svg class="chart" width="660" height="{height}" role="img" aria-label="changes per stage" '
        f'font-size="12">{"".join(bars)}</svg><div>{legend}</div>'
    )


class HtmlReport:
    """Writes the per-document pages as documents come, and report.html when the batch ends."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.pages = outdir / "report"
        self.rows_path = outdir / ".report.html.rows.part"
        outdir.mkdir(parents=True, exist_ok=True)
        self.rows = self.rows_path.open("w", encoding="utf-8")
        self.documents = 0

    def add(self, path: str, original: str, corrected: str, changes: Sequence[Change]) -> None:
        name = page_name(path)
        page = review_page(name, path, original, corrected, changes)
        self.add_rendered(path, name, page, Counter(str(c.status) for c in changes))

    def add_rendered(self, path: str, name: str, page: bytes | Spilled, counts: Mapping[str, int]) -> None:
        """Write a page already rendered (by a worker, see report.digest; a long one's in a file, moved
        here) and its row in report.html."""
        target = self.pages / name
        if isinstance(page, Spilled):
            page.move_to(target)
        else:
            try:
                target.write_bytes(page)
            except FileNotFoundError:  # its folder is new: made here, not checked before every page
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page)
        cells = "".join(f'<td class="n">{counts.get(s, 0)}</td>' for s in STATUSES)
        self.rows.write(
            f'<tr><td><a href="report/{escape(quote(name))}">{escape(path)}</a></td>{cells}'
            f'<td class="n">{sum(counts.values())}</td></tr>\n'
        )
        self.documents += 1

    def add_missing(self, path: str, reason: str) -> None:
        """A document whose page cannot be built (its input moved or changed) still gets its row."""
        self.rows.write(f'<tr><td>{escape(path)}</td><td colspan="{len(STATUSES) + 1}">{escape(reason)}</td></tr>\n')
        self.documents += 1

    def abort(self) -> None:
        """Leave no half-built report.html behind: the pages written so far stay, the index is not made."""
        with contextlib.suppress(OSError):  # a full disk fails the flush again: the part goes all the same
            self.rows.close()
        self.rows_path.unlink(missing_ok=True)
        (self.outdir / ".report.html.part").unlink(missing_ok=True)

    def close(self, summary: dict[str, Any]) -> Path:
        self.rows.close()
        stages: dict[str, dict[str, int]] = summary.get("stages", {})
        head = "".join(f"<th>{s}</th>" for s in STATUSES)
        stage_rows = "".join(
            f"<tr><td>{escape(stage)}</td>"
            + "".join(f'<td class="n">{counts.get(s, 0)}</td>' for s in STATUSES)
            + "</tr>"
            for stage, counts in stages.items()
        )
        failed = summary.get("failed", [])  # report.summary's FailureRecords: read from disk past a bound
        facts = (
            f"{summary.get('documents', self.documents)} documents, {summary.get('characters', 0):,} characters, "
            f"{len(failed)} failed"
        )
        top = (
            f"<h1>cleaner report</h1><p>{escape(facts)}</p><h2>Changes per stage</h2>{stage_chart(stages)}"
            f"<table><tr><th>stage</th>{head}</tr>{stage_rows}</table>"
        )
        documents = f"<h2>Documents</h2><table><tr><th>document</th>{head}<th>all</th></tr>"
        target, temp = self.outdir / "report.html", self.outdir / ".report.html.part"
        # the rows are copied a block at a time: an archive's are hundreds of MB, and were read whole; the
        # failures are written one at a time, as an archive's may be hundreds of thousands
        with temp.open("w", encoding="utf-8") as out, self.rows_path.open(encoding="utf-8") as rows:
            out.write(page_head("cleaner report") + top)
            if len(failed):
                out.write("<h2>Failed</h2><ul>")
                for f in failed:
                    listed = f"{escape(str(f['listed_at']))}: " if f.get("listed_at") else ""
                    out.write(f"<li>{listed}{escape(str(f.get('path')))}: {escape(str(f.get('error')))}</li>")
                out.write("</ul>")
            out.write(documents)
            shutil.copyfileobj(rows, out)
            out.write("</table>" + PAGE_TAIL)
        os.replace(temp, target)
        self.rows_path.unlink(missing_ok=True)
        return target


def remove_review_pages(outdir: Path) -> None:
    """Remove the review pages an earlier run left in OUTDIR (report.html, and the pages `page_name`
    names under report/): a run without them must not leave pages that disagree with its report.
    Other files under report/ (texts of an input folder called report, a user's own pages) stay.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "report" / "a").mkdir(parents=True)
    >>> for name in ("report.html", "report/a/p.txt.html", "report/a/p.txt", "report/a/notes.html"):
    ...     _ = (out / name).write_text("x", encoding="utf-8")
    >>> remove_review_pages(out)
    >>> sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    ['report', 'report/a', 'report/a/notes.html', 'report/a/p.txt']
    """
    (outdir / "report.html").unlink(missing_ok=True)
    pages = outdir / "report"
    if pages.is_dir():
        for page in pages.rglob("*.html"):
            if page.name.lower().endswith(".txt.html") or page.name == "document.html":
                page.unlink()
        for folder in sorted((p for p in pages.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(pages.iterdir()):
            pages.rmdir()
