"""What `cleaner clean` writes of one result, made where the result is made.

A worker turns its results into `Digest`s: the corrected text, the report.json entry, the
report.csv records (all three as the UTF-8 bytes written out) and the counts for the summary.
The main process then only copies bytes out; decoding every result there again, rendering its
CSV, or even decoding and encoding its text once more in passing made it the bottleneck of a
two-core run. A remembered (cached) result is digested by the same function, so fresh and resumed runs
write the same bytes.

A long document's parts are written to files as each is made (`Spilled`), where the main process can
read them: whole, a 20 MB page's 300 MB of parts sat in the worker, again in the pickle that carried
them, and twice more in the main process that unpickled them.

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
from pathlib import Path

from ..io import Spilled
from ..model import Result
from .html import review_page, review_page_pieces
from .summary import tally_of
from .tables import csv_rows, entry_pieces, record_pieces, render_csv, render_entry

# A document this long has its digest written to files as it is made, when a folder for them is given.
SPILL_CHARACTERS = 1_000_000
# Its corrected text is encoded this many characters at a time.
TEXT_SLICE = 1 << 20


@dataclass(frozen=True, slots=True)
class Digest:
    """One document's share of a `clean` run's outputs."""

    text: bytes | Spilled  # the corrected text
    entry: bytes | Spilled  # its report.json entry
    records: bytes | Spilled  # its report.csv records
    tally: tuple[tuple[str, str, str, int], ...]  # (stage, rule, status, count) for the summary
    characters: int  # of the input
    page: bytes | Spilled | None = None  # its HTML review page, when asked for
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

    def discard(self) -> None:
        """Remove the parts written to files, when they are not wanted after all."""
        for part in self.parts():
            if isinstance(part, Spilled):
                part.discard()

    @classmethod
    def of(cls, result: Result, page_name: str | None = None, spill: Path | None = None) -> Digest:
        return cls.of_many([result], None if page_name is None else [page_name], spill)[0]

    @classmethod
    def of_many(
        cls, results: Sequence[Result], page_names: Sequence[str] | None = None, spill: Path | None = None
    ) -> list[Digest]:
        """Digest several results at once: their CSV is rendered in one pass. With PAGE_NAMES (where
        each one's review page goes under OUTDIR/report/), their HTML review pages too. With SPILL,
        a folder, the parts of documents of SPILL_CHARACTERS or more are written there (`Spilled`).

        >>> from cleaner.pipeline import clean_text
        >>> [type(part).__name__ for part in Digest.of(clean_text("１２月"), "a.html", Path(".")).parts()]
        ['bytes', 'bytes', 'bytes', 'bytes']
        """
        if spill is not None and any(len(result.document.text) >= SPILL_CHARACTERS for result in results):
            return cls._spilling(results, page_names, spill)
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

    def parts(self) -> list[bytes | Spilled | None]:
        """What the digest writes: the text, the report.json entry and report.csv records, the review page."""
        return [self.text, self.entry, self.records, self.page]

    @classmethod
    def _spilling(cls, results: Sequence[Result], page_names: Sequence[str] | None, folder: Path) -> list[Digest]:
        """`of_many` for results among which some are long: those are spilled, the others digested together."""
        names: list[str | None] = list(page_names) if page_names is not None else [None] * len(results)
        long = [len(result.document.text) >= SPILL_CHARACTERS for result in results]
        short = [i for i, spills in enumerate(long) if not spills]
        short_names = None if page_names is None else [page_names[i] for i in short]
        made = iter(cls.of_many([results[i] for i in short], short_names))
        return [
            cls._spilled(result, name, folder) if spills else next(made)
            for result, name, spills in zip(results, names, long, strict=True)
        ]

    @classmethod
    def _spilled(cls, result: Result, page_name: str | None, folder: Path) -> Digest:
        """The digest of a long document, each part written to a file in FOLDER a slice at a time."""
        text = result.text
        parts = [
            Spilled.write(
                folder, "text", (text[i : i + TEXT_SLICE].encode("utf-8") for i in range(0, len(text), TEXT_SLICE))
            ),
            Spilled.write(folder, "entry", (piece.encode("utf-8") for piece in entry_pieces(result))),
            Spilled.write(folder, "records", (piece.encode("utf-8") for piece in record_pieces(result))),
        ]
        page = None
        if page_name is not None:
            document = result.document
            pieces = review_page_pieces(page_name, document.path, document.text, text, result.changes)
            page = Spilled.write(folder, "html", (piece.encode("utf-8") for piece in pieces))
        return cls(*parts, tally_of(result), len(result.document.text), page, page_name or "")
