"""A finished run read back: each document's input, its report rows and the output they replay to.

Review formats (the HTML pages, `--diff`) are built from OUTDIR/report.json and the input files
after a batch, one document at a time: replaying the report on the input gives the output exactly.
`target_spans` says where each change sits in that output.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..edits import replay
from ..errors import InputError
from ..model import Change, Status
from .json_stream import REPORT_OPENING
from .summary import counted


class CutShortReport(ValueError):
    """A report.json that ends before its summary: a copy or a download stopped early (the run itself
    writes it whole or not at all)."""


@dataclass(frozen=True, slots=True)
class Replayed:
    """One document of a report: its texts and changes, or why they cannot be rebuilt."""

    path: str
    original: str
    corrected: str
    changes: list[Change]
    problem: str | None = None


def report_entries(report: Path) -> tuple[Iterator[dict[str, Any]], dict[str, Any]]:
    """The document entries of a report.json, streamed one line at a time, and its summary.

    The writer puts each document on one line; any other layout is read whole. A report that ends
    before its summary is a CutShortReport, however many documents it held: a page left out unseen
    would be a page lost.
    """
    summary: dict[str, Any] = {}

    def entries() -> Iterator[dict[str, Any]]:
        read = 0
        with report.open(encoding="utf-8") as stream:
            first = stream.readline()
            if first.strip() != REPORT_OPENING.decode():
                text = first + stream.read()
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as error:
                    if error.pos >= len(text.rstrip()):
                        raise CutShortReport(f"it ends at byte {len(text.encode())}, before its summary") from None
                    raise
                summary.update(data.get("summary", {}))
                yield from data["documents"]
                return
            for line in stream:
                if line.startswith("]"):
                    rest = line + stream.read()
                    try:
                        summary.update(json.loads("{" + rest.lstrip("], \n")).get("summary", {}))
                    except json.JSONDecodeError:
                        raise CutShortReport(f"it ends inside its summary, after {counted(read, 'document')}") from None
                    return
                if not line.endswith("\n"):
                    raise CutShortReport(f"it ends inside a document's entry, after {counted(read, 'document')}")
                if line.strip():
                    yield json.loads(line.rstrip().rstrip(","))
                    read += 1
        raise CutShortReport(f"it ends after {counted(read, 'document')}, before its summary")

    return entries(), summary


def replayed(report: Path) -> tuple[Iterator[Replayed], dict[str, Any]]:
    """The documents of a report.json, each re-read and replayed, and the run's summary (filled
    in once the documents are consumed)."""
    from ..io import read_document

    entries, summary = report_entries(report)

    def documents() -> Iterator[Replayed]:
        for entry in entries:
            path = entry["path"]
            changes = [Change.from_dict(row) for row in entry["changes"]]
            try:
                document = read_document(Path(path))
            except InputError as error:
                yield Replayed(path, "", "", changes, error.reason)
                continue
            if entry.get("sha256") and document.meta["sha256"] != entry["sha256"]:
                yield Replayed(path, "", "", changes, "the input changed since the run")
                continue
            yield Replayed(path, document.text, replay(document.text, changes), changes)

    return documents(), summary


def target_spans(changes: Sequence[Change]) -> list[tuple[int, int]]:
    """Where each change sits in the corrected text: applied ones cover their replacement, the
    others the text they point at (snapped to whole applied edits they overlap).

    >>> a = Change("s", "R", "m", 1, 3, "bc", "X", Status.APPLIED, 1.0)
    >>> b = Change("s", "F", "m", 4, 5, "e", None, Status.FLAGGED, 1.0)
    >>> target_spans([a, b])  # "abcde" -> "aXde"
    [(1, 2), (3, 4)]
    """
    applied = sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.start, c.end))
    ends = [c.end for c in applied]
    shift = [0]
    dst: dict[int, tuple[int, int]] = {}
    for change in applied:
        start = change.start + shift[-1]
        dst[id(change)] = (start, start + len(change.after or ""))
        shift.append(shift[-1] + len(change.after or "") - (change.end - change.start))

    def forward(pos: int, side: str) -> int:
        k = bisect_right(ends, pos) if side == "start" else bisect_left(ends, pos)
        if k < len(applied) and applied[k].start < pos:
            return dst[id(applied[k])][0 if side == "start" else 1]
        return pos + shift[k]

    spans = []
    for change in changes:
        if id(change) in dst:
            spans.append(dst[id(change)])
        else:
            start = forward(change.start, "start")
            spans.append((start, max(start, forward(change.end, "end"))))
    return spans
