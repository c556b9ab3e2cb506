"""A finished run read back: each document's input, its report rows and the output they replay to.

Review formats (the HTML pages, `--diff`) are built from OUTDIR/report.json and the input files
after a batch, one document at a time: replaying the report on the input gives the output exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..edits import replay
from ..errors import InputError
from ..model import Change


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

    The writer puts each document on one line; any other layout is read whole.
    """
    summary: dict[str, Any] = {}

    def entries() -> Iterator[dict[str, Any]]:
        with report.open(encoding="utf-8") as stream:
            first = stream.readline()
            if first.strip() != '{"documents": [':
                data = json.loads(first + stream.read())
                summary.update(data.get("summary", {}))
                yield from data["documents"]
                return
            for line in stream:
                if line.startswith("]"):
                    rest = line + stream.read()
                    summary.update(json.loads("{" + rest.lstrip("], \n")).get("summary", {}))
                    return
                if line.strip():
                    yield json.loads(line.rstrip().rstrip(","))

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
