"""The machine-readable report: `report.json` and `report.csv`, written as documents stream by.

Both files are built under temporary names and renamed when the batch ends, so a killed run
never leaves a half-written report. Every field of report.json is described in
docs/report.schema.json (JSON Schema 2020-12; tests/test_report_schema.py validates runs against it).

>>> from cleaner.model import Document, Result
>>> document_entry(Result(Document("a", "a.txt", "x", {"sha256": "0"}), "x", ()))["path"]
'a.txt'
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..io import Spilled
from ..model import Change, Result, Status
from ..printable import printable
from .json_stream import REPORT_OPENING, json_chunks

# `accept` is the reviewer's column: yes/no, read back by `cleaner apply --decisions report.csv`
CSV_COLUMNS = ["path", "stage", "rule", "start", "end", "before", "after", "status", "accept", "confidence", "message"]
# RFC 4180 line ends: with them the csv writer also quotes a lone carriage return (an old Mac line
# end that normalize replaces); with "\n" alone it wrote one bare, and readers split the record there.
CSV_LINE_END = "\r\n"
CSV_HEADER = ",".join(CSV_COLUMNS) + CSV_LINE_END
# One CSV record: a quoted field may hold line breaks (a join's `before` is one), so a record ends
# at the first newline outside quotes.
CSV_RECORD = re.compile(r'(?:[^"\n]*"(?:[^"]|"")*")*[^"\n]*\n')
# A long document's report rows are rendered this many at a time (`entry_pieces`, `record_pieces`):
# 300,000 changes made into row dicts, one JSON string and then its bytes took 400 MB at once.
ROWS_AT_ONCE = 32_768
# `ReportWriter.add_result` renders the records of this many documents waiting with one pandas call (or of fewer,
# once they hold ROWS_AT_ONCE changes or RESULT_CHARACTERS characters): a DataFrame for each document was half of
# `cleaner apply`'s time over an archive of small pages (31 ms a page; `clean`'s workers render a chunk at once).
RESULTS_AT_ONCE = 256
RESULT_CHARACTERS = 1 << 20
# The fields of a report.json entry before its changes; an annotation named like one takes its place.
ENTRY_FIELDS = frozenset({"path", "sha256", "encoding", "changes"})


def document_entry(result: Result) -> dict[str, Any]:
    """One document's record in report.json."""
    entry = {**_entry_head(result), "changes": [change.as_dict() for change in result.changes]}
    entry.update(result.annotations)
    return entry


def _entry_head(result: Result) -> dict[str, Any]:
    """The fields of a report.json entry before its changes."""
    meta = result.document.meta
    return {"path": result.document.path, "sha256": meta.get("sha256"), "encoding": meta.get("encoding")}


def render_entry(result: Result) -> str:
    """One document's record in report.json, as its JSON text."""
    return "".join(entry_pieces(result))


def entry_pieces(result: Result, rows_at_once: int = ROWS_AT_ONCE) -> Iterator[str]:
    """`document_entry` as JSON text in pieces, its changes ROWS_AT_ONCE at a time: a long document's
    entry is written out as it is made, never held whole.

    >>> from cleaner.pipeline import clean_text
    >>> result = clean_text("１２月,好。")
    >>> "".join(entry_pieces(result, rows_at_once=1)) == json.dumps(document_entry(result), ensure_ascii=False)
    True
    """
    annotations = result.annotations
    if not all(isinstance(key, str) and key not in ENTRY_FIELDS for key in annotations):
        # an annotation that overrides a field keeps the field's place
        yield json.dumps(document_entry(result), ensure_ascii=False)
        return
    yield json.dumps(_entry_head(result), ensure_ascii=False)[:-1] + ', "changes": ['
    changes = result.changes
    for start in range(0, len(changes), rows_at_once):
        yield (", " if start else "") + ", ".join(map(change_json, changes[start : start + rows_at_once]))
    yield "]"
    for key, value in annotations.items():
        yield f", {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
    yield "}"


# The JSON of a change's fields around its offsets, by the fields' values (`change_json`): a page's changes
# are of a few kinds, and rules and messages recur across pages. Emptied when it grows past CACHED_JSON.
_JSON_HEADS: dict[tuple[str, str, str], str] = {}
_JSON_TAILS: dict[tuple[str, str | None, str], str] = {}
CACHED_JSON = 8_192


def change_json(change: Change) -> str:
    """`json.dumps(change.as_dict(), ensure_ascii=False)`, the text around the offsets and the confidence
    made once for each kind of change: a dict and its encoding a change cost the report most of its time.

    >>> from cleaner.model import Change, Status
    >>> change = Change("normalize", "N102", "半角\\"标点\\"", 5, 6, ",", None, Status.FLAGGED, 0.95)
    >>> change_json(change) == json.dumps(change.as_dict(), ensure_ascii=False)
    True
    >>> change_json(change).split(", ")[-4:]
    ['"before": ","', '"after": null', '"status": "flagged"', '"confidence": 0.95}']
    """
    if len(_JSON_HEADS) > CACHED_JSON or len(_JSON_TAILS) > CACHED_JSON:
        _JSON_HEADS.clear()
        _JSON_TAILS.clear()
    if (head := _JSON_HEADS.get(key := (change.stage, change.rule, change.message))) is None:
        fields = {"stage": change.stage, "rule": change.rule, "message": change.message, "start": 0}
        head = _JSON_HEADS[key] = json.dumps(fields, ensure_ascii=False)[:-2]  # up to the start's value
    if (tail := _JSON_TAILS.get(kind := (change.before, change.after, str(change.status)))) is None:
        fields = {"before": change.before, "after": change.after, "status": kind[2], "confidence": 0}
        tail = _JSON_TAILS[kind] = ", " + json.dumps(fields, ensure_ascii=False)[1:-2]  # up to the confidence's
    confidence = change.confidence
    # a finite float is written as its repr (json's own way); NaN, the infinities and the rest by json itself
    shown = repr(confidence) if type(confidence) is float and confidence - confidence == 0 else json.dumps(confidence)
    return f'{head}{change.start}, "end": {change.end}{tail}{shown}}}'


def csv_rows(result: Result) -> list[tuple[Any, ...]]:
    """One document's rows in report.csv, in CSV_COLUMNS order; `accept` starts as yes for applied changes.

    >>> from cleaner.pipeline import clean_text
    >>> [row[1:5] + row[7:9] for row in csv_rows(clean_text("１月"))]
    [('normalize', 'N101', 0, 1, 'applied', 'yes')]
    """
    return _rows(result.document.path, result.changes)


def _rows(path: str, changes: Sequence[Change]) -> list[tuple[Any, ...]]:
    path = printable(path)  # one row a line where a spreadsheet or a reader expects it; report.json keeps the name
    return [
        (path, c.stage, c.rule, c.start, c.end, c.before, c.after, str(c.status), accept, c.confidence, c.message)
        for c in changes
        for accept in ["yes" if c.status is Status.APPLIED else "no"]
    ]


def record_pieces(result: Result, rows_at_once: int = ROWS_AT_ONCE) -> Iterator[str]:
    """One document's report.csv records (`render_csv`), ROWS_AT_ONCE at a time.

    >>> from cleaner.pipeline import clean_text
    >>> result = clean_text("１２月,好。")
    >>> "".join(record_pieces(result, rows_at_once=1)) == render_csv([csv_rows(result)])[0]
    True
    """
    path, changes = result.document.path, result.changes
    for start in range(0, len(changes), rows_at_once):
        yield render_csv([_rows(path, changes[start : start + rows_at_once])])[0]


def render_csv(rows_by_document: Sequence[list[tuple[Any, ...]]]) -> list[str]:
    """Each document's report.csv records (`csv_rows`), as text, rendered by one pandas call for them all.

    Workers render their whole chunk at once, so the main process only copies text out; a
    DataFrame per document would cost more than cleaning it.

    >>> render_csv([[("a.txt", "rejoin", "R102", 3, 4, "\\n", "", "applied", "yes", 0.98, "硬换行")], []])
    ['a.txt,rejoin,R102,3,4,"\\n",,applied,yes,0.98,硬换行\\r\\n', '']
    """
    import pandas as pd  # imported here: `cleaner --help` stays fast

    rows = [row for document_rows in rows_by_document for row in document_rows]
    if not rows:
        return ["" for _ in rows_by_document]
    # object columns: pandas' default Arrow strings cost a conversion each way for nothing here
    text = pd.DataFrame(rows, columns=CSV_COLUMNS, dtype=object).to_csv(
        header=False, index=False, lineterminator=CSV_LINE_END
    )
    lines = text.split(CSV_LINE_END)
    if len(lines) == len(rows) + 1:
        # no field holds a CRLF of its own (the usual case), so each line is one record: cut the lines into
        # documents instead of reading every record with CSV_RECORD (a third of this function's time)
        return _joined_by_document(lines, [len(document_rows) for document_rows in rows_by_document])
    records = CSV_RECORD.finditer(text)
    rendered: list[str] = []
    for document_rows in rows_by_document:
        if not document_rows:
            rendered.append("")
            continue
        first = last = next(records)
        for _ in range(len(document_rows) - 1):
            last = next(records)
        rendered.append(text[first.start() : last.end()])
    return rendered


def _joined_by_document(lines: list[str], counts: list[int]) -> list[str]:
    """Each document's records, from the CSV's lines (one record each) and how many records each document has.

    >>> _joined_by_document(["a,1", "b,2", "c,3", ""], [2, 0, 1])
    ['a,1\\r\\nb,2\\r\\n', '', 'c,3\\r\\n']
    """
    rendered: list[str] = []
    start = 0
    for count in counts:
        end = start + count
        rendered.append(CSV_LINE_END.join(lines[start:end]) + CSV_LINE_END if count else "")
        start = end
    return rendered


class ReportWriter:
    """Streams report.json and report.csv: one document at a time, flat memory.

    Results added one at a time wait to be rendered together, RESULTS_AT_ONCE at most: the same bytes as
    rendering each alone.

    >>> import tempfile
    >>> from cleaner.pipeline import clean_text
    >>> folders = [Path(tempfile.mkdtemp()) for _ in range(2)]
    >>> results = [clean_text("１２月,好。"), clean_text("没有改动"), clean_text("１,２")]
    >>> together, alone = ReportWriter(folders[0]), ReportWriter(folders[1])
    >>> for result in results:
    ...     together.add_result(result)
    ...     alone.add_rendered(render_entry(result).encode(), render_csv([csv_rows(result)])[0].encode())
    >>> len(together._waiting)  # rendered when the writer closes, by one pandas call
    3
    >>> together.close({"failed": []}), alone.close({"failed": []})
    (None, None)
    >>> [(folders[0] / name).read_bytes() == (folders[1] / name).read_bytes() for name in ("report.json", "report.csv")]
    [True, True]
    """

    def __init__(self, outdir: Path) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        self.json_path = outdir / "report.json"
        self.csv_path = outdir / "report.csv"
        self._json_temp = outdir / ".report.json.part"
        self._csv_temp = outdir / ".report.csv.part"
        # binary: workers send the entries and records as UTF-8 bytes, copied out as they are
        self._json = self._json_temp.open("wb")
        self._json.write(REPORT_OPENING + b"\n")
        self._first = True
        self._csv = self._csv_temp.open("wb")
        # a byte-order mark: without it Excel reads the file in the machine's code page, and the
        # Chinese an editor reviews comes out garbled (pandas and `cleaner apply` skip it)
        self._csv.write(codecs.BOM_UTF8 + CSV_HEADER.encode("utf-8"))
        self._waiting: list[Result] = []  # added, not yet rendered
        self._waiting_rows = self._waiting_characters = 0

    def add_result(self, result: Result) -> None:
        """Add one document's result, rendered with the next ones (RESULTS_AT_ONCE)."""
        self._waiting.append(result)
        self._waiting_rows += len(result.changes)
        self._waiting_characters += len(result.document.text)
        if (
            len(self._waiting) >= RESULTS_AT_ONCE
            or self._waiting_rows >= ROWS_AT_ONCE
            or self._waiting_characters >= RESULT_CHARACTERS
        ):
            self._render_waiting()

    def _render_waiting(self) -> None:
        results, self._waiting = self._waiting, []
        self._waiting_rows = self._waiting_characters = 0
        if results:
            records = render_csv([csv_rows(result) for result in results])
            for result, csv in zip(results, records, strict=True):
                self.add_rendered(render_entry(result).encode("utf-8"), csv.encode("utf-8"))

    def add_rendered(self, entry: bytes | Spilled, records: bytes | Spilled) -> None:
        """Add one document's report.json entry (`render_entry`) and report.csv records (`render_csv`),
        made already, by a worker, as UTF-8 (a long document's in files, copied out)."""
        self._render_waiting()  # results added before it go first
        if not self._first:
            self._json.write(b",\n")
        self._first = False
        for part, stream in ((entry, self._json), (records, self._csv)):
            if isinstance(part, Spilled):
                part.copy_to(stream)
            else:
                stream.write(part)

    def close(self, summary: dict[str, Any]) -> None:
        self._render_waiting()
        self._json.write(b'\n], "summary": ')
        for chunk in json_chunks(summary, "failed"):  # a batch's failures, as many as its files, one by one
            self._json.write(chunk.encode("utf-8"))
        self._json.write(b"}\n")
        self._json.close()
        self._csv.close()
        os.replace(self._json_temp, self.json_path)
        os.replace(self._csv_temp, self.csv_path)

    def abort(self) -> None:
        self._waiting = []
        for stream in (self._json, self._csv):
            with contextlib.suppress(OSError):  # a full disk fails the flush again: the parts go all the same
                stream.close()
        for temp in (self._json_temp, self._csv_temp):
            temp.unlink(missing_ok=True)
