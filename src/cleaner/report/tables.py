"""The machine-readable report: `report.json` and `report.csv`, written as documents stream by.

Both files are built under temporary names and renamed when the batch ends, so a killed run
never leaves a half-written report.

>>> from cleaner.model import Document, Result
>>> document_entry(Result(Document("a", "a.txt", "x", {"sha256": "0"}), "x", ()))["path"]
'a.txt'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..model import Result, Status

# `accept` is the reviewer's column: yes/no, read back by `cleaner apply --decisions report.csv`
CSV_FLUSH_ROWS = 50_000
CSV_COLUMNS = ["path", "stage", "rule", "start", "end", "before", "after", "status", "accept", "confidence", "message"]


def document_entry(result: Result) -> dict[str, Any]:
    """One document's record in report.json."""
    entry: dict[str, Any] = {
        "path": result.document.path,
        "sha256": result.document.meta.get("sha256"),
        "encoding": result.document.meta.get("encoding"),
        "changes": [change.as_dict() for change in result.changes],
    }
    entry.update(result.annotations)
    return entry


def render_entry(result: Result) -> str:
    """One document's record in report.json, as its JSON text."""
    return json.dumps(document_entry(result), ensure_ascii=False)


def csv_rows(result: Result) -> list[tuple[Any, ...]]:
    """One document's rows in report.csv, in CSV_COLUMNS order; `accept` starts as yes for applied changes.

    >>> from cleaner.pipeline import clean_text
    >>> [row[1:5] + row[7:9] for row in csv_rows(clean_text("１月"))]
    [('normalize', 'N101', 0, 1, 'applied', 'yes')]
    """
    path = result.document.path
    return [
        (path, c.stage, c.rule, c.start, c.end, c.before, c.after, str(c.status), accept, c.confidence, c.message)
        for c in result.changes
        for accept in ["yes" if c.status is Status.APPLIED else "no"]
    ]


class ReportWriter:
    """Streams report.json and report.csv: one document at a time, flat memory."""

    def __init__(self, outdir: Path) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        self.json_path = outdir / "report.json"
        self.csv_path = outdir / "report.csv"
        self._json_temp = outdir / ".report.json.part"
        self._csv_temp = outdir / ".report.csv.part"
        self._json = self._json_temp.open("w", encoding="utf-8")
        self._json.write('{"documents": [\n')
        self._first = True
        self._csv = self._csv_temp.open("w", encoding="utf-8", newline="")
        self._csv_header = True
        self._rows: list[tuple[Any, ...]] = []

    def add_result(self, result: Result) -> None:
        """Add one document's result."""
        self.add_rendered(render_entry(result), csv_rows(result))

    def add_rendered(self, entry: str, rows: list[tuple[Any, ...]]) -> None:
        """Add one document's report.json entry (`render_entry`) and report.csv rows (`csv_rows`),
        made already, by a worker."""
        self._add_json(entry)
        self._rows.extend(rows)
        if len(self._rows) >= CSV_FLUSH_ROWS:
            self._flush_csv()

    def _flush_csv(self) -> None:
        """Write the buffered rows with pandas, in large blocks: a DataFrame per document would cost
        more than cleaning it."""
        import pandas as pd  # imported here: `cleaner --help` stays fast

        if self._rows or self._csv_header:
            # object columns: pandas' default Arrow strings cost a conversion each way for nothing here
            frame = pd.DataFrame(self._rows, columns=CSV_COLUMNS, dtype=object)
            frame.to_csv(self._csv, header=self._csv_header, index=False, lineterminator="\n")
        self._csv_header = False
        self._rows = []

    def _add_json(self, text: str) -> None:
        if not self._first:
            self._json.write(",\n")
        self._first = False
        self._json.write(text)

    def close(self, summary: dict[str, Any]) -> None:
        self._json.write('\n], "summary": ')
        self._json.write(json.dumps(summary, ensure_ascii=False, indent=1))
        self._json.write("}\n")
        self._json.close()
        self._flush_csv()
        self._csv.close()
        os.replace(self._json_temp, self.json_path)
        os.replace(self._csv_temp, self.csv_path)

    def abort(self) -> None:
        self._json.close()
        self._csv.close()
        for temp in (self._json_temp, self._csv_temp):
            temp.unlink(missing_ok=True)
