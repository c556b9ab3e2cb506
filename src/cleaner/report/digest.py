"""What `cleaner clean` writes of one result, made where the result is made.

A worker turns its result into a `Digest`: the corrected text, the report.json entry, the
report.csv rows and the counts for the summary. The main process then only copies these out;
decoding every result there again made it the bottleneck of a two-core run. A remembered
(cached) result is digested by the same function, so fresh and resumed runs write the same bytes.

>>> from cleaner.pipeline import clean_text
>>> digest = Digest.of(clean_text("１２月,好。"))
>>> digest.text, digest.characters, [row[2] for row in digest.rows]
('12月，好。', 6, ['N101', 'N102'])
>>> digest.tally
(('normalize', 'N101', 'applied', 1), ('normalize', 'N102', 'applied', 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Result
from .summary import tally_of
from .tables import csv_rows, render_entry


@dataclass(frozen=True, slots=True)
class Digest:
    """One document's share of a `clean` run's outputs."""

    text: str
    entry: str  # its report.json entry, as JSON text
    rows: list[tuple[Any, ...]]  # its report.csv rows
    tally: tuple[tuple[str, str, str, int], ...]  # (stage, rule, status, count) for the summary
    characters: int  # of the input

    @classmethod
    def of(cls, result: Result) -> Digest:
        return cls(result.text, render_entry(result), csv_rows(result), tally_of(result), len(result.document.text))
