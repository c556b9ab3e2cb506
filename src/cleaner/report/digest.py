"""What `cleaner clean` writes of one result, made where the result is made.

A worker turns its results into `Digest`s: the corrected text, the report.json entry, the
report.csv records (all three as the UTF-8 bytes written out) and the counts for the summary.
The main process then only copies bytes out; decoding every result there again, rendering its
CSV, or even decoding and encoding its text once more in passing made it the bottleneck of a
two-core run. A remembered (cached) result is digested by the same function, so fresh and resumed runs
write the same bytes.

>>> from cleaner.pipeline import clean_text
>>> digest = Digest.of(clean_text("１２月,好。"))
>>> digest.text.decode(), digest.characters, digest.records.decode().splitlines()[1][:26]
('12月，好。', 6, '-,normalize,N102,3,4,",",，')
>>> digest.tally
(('normalize', 'N101', 'applied', 1), ('normalize', 'N102', 'applied', 1))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Result
from .html import review_page
from .summary import tally_of
from .tables import csv_rows, render_csv, render_entry


@dataclass(frozen=True, slots=True)
class Digest:
    """One document's share of a `clean` run's outputs."""

    text: bytes  # the corrected text
    entry: bytes  # its report.json entry
    records: bytes  # its report.csv records
    tally: tuple[tuple[str, str, str, int], ...]  # (stage, rule, status, count) for the summary
    characters: int  # of the input
    page: bytes | None = None  # its HTML review page, when asked for
    page_name: str = ""  # where that page goes under OUTDIR/report/

    def status_counts(self) -> dict[str, int]:
        """How many of its changes ended in each status.

        >>> from cleaner.pipeline import clean_text
        >>> Digest.of(clean_text("１２月,好。")).status_counts()
        {'applied': 2}
        """
        counts: dict[str, int] = {}
        for _, _, status, count in self.tally:
            counts[status] = counts.get(status, 0) + count
        return counts

    @classmethod
    def of(cls, result: Result, page_name: str | None = None) -> Digest:
        return cls.of_many([result], None if page_name is None else [page_name])[0]

    @classmethod
    def of_many(cls, results: Sequence[Result], page_names: Sequence[str] | None = None) -> list[Digest]:
        """Digest several results at once: their CSV is rendered in one pass. With PAGE_NAMES (where
        each one's review page goes under OUTDIR/report/), their HTML review pages too."""
        # encoded at once: the text of the records would otherwise wait, beside the bytes, for every page
        records = [csv.encode("utf-8") for csv in render_csv([csv_rows(result) for result in results])]
        names: Sequence[str] = page_names if page_names is not None else [""] * len(results)
        return [
            cls(
                result.text.encode("utf-8"),
                render_entry(result).encode("utf-8"),
                csv,
                tally_of(result),
                len(result.document.text),
                review_page(name, result.document.path, result.document.text, result.text, result.changes)
                if page_names is not None
                else None,
                name,
            )
            for result, csv, name in zip(results, records, names, strict=True)
        ]
