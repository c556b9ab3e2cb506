"""Totals of a batch: documents, changes per stage, rule and status, failures, throughput.

>>> summary = Summary()
>>> summary.add_failure("a.bin", "is binary")
>>> summary.as_dict()["failed"]
[{'path': 'a.bin', 'error': 'is binary'}]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Result


@dataclass
class Summary:
    """Counts gathered while a batch runs, one document at a time."""

    documents: int = 0
    characters: int = 0
    cached: int = 0
    seconds: float = 0.0
    by_stage: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: Result, cached: bool = False) -> None:
        self.documents += 1
        self.characters += len(result.document.text)
        self.cached += cached
        for change in result.changes:
            self.by_stage[change.stage, str(change.status)] += 1
            self.by_rule[change.rule, str(change.status)] += 1

    def add_failure(self, path: str, error: str) -> None:
        self.failures.append((path, error))

    def count(self, status: str) -> int:
        return sum(n for (_, s), n in self.by_stage.items() if s == status)

    def as_dict(self) -> dict[str, Any]:
        stages: dict[str, dict[str, int]] = {}
        for (stage, status), n in sorted(self.by_stage.items()):
            stages.setdefault(stage, {})[status] = n
        rules: dict[str, dict[str, int]] = {}
        for (rule, status), n in sorted(self.by_rule.items()):
            rules.setdefault(rule, {})[status] = n
        return {
            "documents": self.documents,
            "characters": self.characters,
            "cached": self.cached,
            "failed": [{"path": p, "error": e} for p, e in self.failures],
            "stages": stages,
            "rules": rules,
            "seconds": round(self.seconds, 3),
            "characters_per_second": round(self.characters / self.seconds) if self.seconds else None,
        }

    def lines(self) -> list[str]:
        """The short human summary the CLI prints.

        >>> Summary(documents=2).lines()[0]
        '2 documents cleaned, 0 failed'
        """
        out = [f"{self.documents} documents cleaned, {len(self.failures)} failed"]
        stages = self.as_dict()["stages"]
        for stage, counts in stages.items():
            detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            out.append(f"  {stage:<11} {detail}")
        if self.seconds:
            out.append(f"  {self.characters:,} characters in {self.seconds:.2f} s")
        for path, error in self.failures:
            out.append(f"  failed: {path}: {error}")
        return out
