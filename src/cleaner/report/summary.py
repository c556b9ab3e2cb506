"""Totals of a batch: documents, changes per stage, rule and status, failures, throughput.

>>> summary = Summary()
>>> summary.add_failure("a.bin", "is binary")
>>> list(summary.as_dict()["failed"])
[{'path': 'a.bin', 'error': 'is binary'}]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..io import shown_path
from ..model import Result
from ..printable import printable
from ..seen_keys import SpilledRows

# the failures a summary names one by one; the rest it counts, and report.json lists them all
FAILURES_SHOWN = 20


def counted(count: int, noun: str) -> str:
    """`count` and `noun`, plural unless the count is one.

    >>> counted(1, "file"), counted(2, "finding"), counted(0, "file")
    ('1 file', '2 findings', '0 files')
    """
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


@dataclass
class Summary:
    """Counts gathered while a batch runs, one document at a time."""

    documents: int = 0
    characters: int = 0
    cached: int = 0
    seconds: float = 0.0
    by_stage: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (path, error, listed_at) of each file that failed: on disk past a bound, as an archive's may be hundreds of
    # thousands; listed_at is the `--files-from` line that named it (`list.txt:7`), or ""
    failures: SpilledRows = field(default_factory=SpilledRows)

    def add(self, result: Result, cached: bool = False) -> None:
        self.add_tally(len(result.document.text), tally_of(result), cached)

    def add_tally(self, characters: int, tally: Iterable[tuple[str, str, str, int]], cached: bool = False) -> None:
        """Count one document from its `tally_of` counts (made by a worker, see report.digest)."""
        self.documents += 1
        self.characters += characters
        self.cached += cached
        for stage, rule, status, n in tally:
            self.by_stage[stage, status] += n
            self.by_rule[rule, status] += n

    def add_failure(self, path: str, error: str, listed_at: str = "") -> None:
        """Count PATH as failed for ERROR; LISTED_AT is the `--files-from` list's line that named it, if one did."""
        self.failures.append((shown_path(path), error, listed_at))

    def count(self, status: str) -> int:
        return sum(n for (_, s), n in self.by_stage.items() if s == status)

    def as_dict(self, run: bool = False) -> dict[str, Any]:
        """The totals for report.json; with RUN, also how this run went (cache hits, time, throughput).

        The report leaves the run out, so the same inputs give a byte-identical report whether
        cleaned afresh, resumed, on one core or on a cluster.

        >>> sorted(set(Summary(seconds=2.0).as_dict(run=True)) - set(Summary().as_dict()))
        ['cached', 'characters_per_second', 'seconds']
        """
        stages: dict[str, dict[str, int]] = {}
        for (stage, status), n in sorted(self.by_stage.items()):
            stages.setdefault(stage, {})[status] = n
        rules: dict[str, dict[str, int]] = {}
        for (rule, status), n in sorted(self.by_rule.items()):
            rules.setdefault(rule, {})[status] = n
        totals: dict[str, Any] = {
            "documents": self.documents,
            "characters": self.characters,
            "failed": FailureRecords(self.failures),  # read as it is written (report.tables, report.json_stream)
            "stages": stages,
            "rules": rules,
            # every text is written so, whatever its input's encoding (each document's `encoding`);
            # line ends and byte-order marks changed are rows of their own (N105, N106)
            "output_encoding": "utf-8",
        }
        if run:
            totals["cached"] = self.cached
            totals["seconds"] = round(self.seconds, 3)
            totals["characters_per_second"] = round(self.characters / self.seconds) if self.seconds else None
        return totals

    def lines(self) -> list[str]:
        """The human summary the CLI prints: totals per stage and rule, throughput, failures.

        >>> summary = Summary(documents=2, characters=3_000_000, cached=1, seconds=1.5)
        >>> summary.add_failure("b.bin", "is binary")
        >>> print("\\n".join(summary.lines()))
        2 documents cleaned (1 from the cache), 1 failed
          3,000,000 characters in 1.50 s: 2,000,000 characters/s, 2.0 files/s
          failed: b.bin: is binary
        """
        cached = f" ({self.cached:,} from the cache)" if self.cached else ""
        out = [f"{counted(self.documents, 'document')} cleaned{cached}, {len(self.failures):,} failed"]
        report = self.as_dict()
        for stage, counts in report["stages"].items():
            out.append(f"  {stage:<11} {_counts(counts)}")
        if report["rules"]:
            out.append("  rules:")
            for rule, counts in report["rules"].items():
                out.append(f"    {rule:<9} {_counts(counts)}")
        if self.seconds:
            files = self.documents + len(self.failures)
            out.append(
                f"  {self.characters:,} characters in {self.seconds:.2f} s: "
                f"{self.characters / self.seconds:,.0f} characters/s, {files / self.seconds:,.1f} files/s"
            )
        return out + self.failure_lines("  failed: ")

    def failure_lines(self, prefix: str, where: str = "report.json") -> list[str]:
        """The first FAILURES_SHOWN failures, a line each after PREFIX, then how many more and WHERE they are listed.

        >>> summary = Summary()
        >>> for n in range(FAILURES_SHOWN + 2):
        ...     summary.add_failure(f"{n}.bin", "is binary")
        >>> summary.failure_lines("error: ", "out/report.json")[-2:]
        ['error: 19.bin: is binary', 'error: … and 2 more failed: out/report.json lists them all']
        """
        lines = [prefix + failure_line(*failure) for failure in self.failures.first(FAILURES_SHOWN)]
        if (more := len(self.failures) - FAILURES_SHOWN) > 0:
            lines.append(f"{prefix}… and {more:,} more failed: {where} lists them all")
        return lines


def failure_line(path: str, error: str, listed_at: str = "") -> str:
    """A failed file as a message names it: after the `--files-from` line that listed it, when one did, so that
    an editor or a CI log leads to the line to fix.

    >>> failure_line("archive/x.txt", "cannot be read", "list.txt:7")
    'list.txt:7: archive/x.txt: cannot be read'
    >>> failure_line("a\\nb.bin", "is binary")
    'a\\\\nb.bin: is binary'
    """
    named = f"{printable(path)}: {error}"
    return f"{listed_at}: {named}" if listed_at else named


def listed_error(error: str, listed_at: str = "") -> str:
    """ERROR with the `--files-from` line that listed the file, for the formats that name the file apart (SARIF,
    GitHub annotations, JUnit).

    >>> listed_error("cannot be read", "list.txt:7"), listed_error("is binary")
    ('cannot be read (listed at list.txt:7)', 'is binary')
    """
    return f"{error} (listed at {listed_at})" if listed_at else error


class FailureRecords:
    """A summary's failures as report.json lists them ({"path": …, "error": …}, and "listed_at" for a file a
    `--files-from` list named), read from the summary when iterated.

    >>> rows = SpilledRows()
    >>> rows.append(("a.bin", "is binary", "")); rows.append(("x.txt", "cannot be read", "list.txt:7"))
    >>> len(FailureRecords(rows)), list(FailureRecords(rows))[1]
    (2, {'path': 'x.txt', 'error': 'cannot be read', 'listed_at': 'list.txt:7'})
    """

    def __init__(self, failures: SpilledRows) -> None:
        self.failures = failures

    def __len__(self) -> int:
        return len(self.failures)

    def __iter__(self) -> Iterator[dict[str, str]]:
        for path, error, listed_at in self.failures:
            yield (
                {"path": path, "error": error, "listed_at": listed_at} if listed_at else {"path": path, "error": error}
            )


def _counts(counts: dict[str, int]) -> str:
    """A stage's or rule's counts by status, with the thousands marked as the summary's other figures are.

    >>> _counts({"applied": 200000, "flagged": 3})
    '200,000 applied, 3 flagged'
    """
    return ", ".join(f"{n:,} {status}" for status, n in sorted(counts.items()))


def tally_of(result: Result) -> tuple[tuple[str, str, str, int], ...]:
    """A result's changes counted by (stage, rule, status).

    >>> from cleaner.pipeline import clean_text
    >>> tally_of(clean_text("１月,好。"))
    (('normalize', 'N101', 'applied', 1), ('normalize', 'N102', 'applied', 1))
    """
    counts = Counter((c.stage, c.rule, str(c.status)) for c in result.changes)
    return tuple((stage, rule, status, n) for (stage, rule, status), n in counts.items())
