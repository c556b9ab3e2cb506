"""The change model: documents, the findings stages raise, and the changes a report records.

>>> finding = Finding("N101", 0, 1, "全角字母数字改为半角", "1", 1.0)
>>> finding.is_fix
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """What became of a finding.

    >>> Status.APPLIED == "applied"
    True
    """

    APPLIED = "applied"
    SUGGESTED = "suggested"  # a fix below the confidence threshold
    FLAGGED = "flagged"  # no fix is proposed; a person must look
    SKIPPED = "skipped"  # a fix that overlapped an applied one


@dataclass(frozen=True, slots=True)
class Document:
    """One input text and where it came from.

    >>> Document("a", "a.txt", "文本").text
    '文本'
    """

    id: str
    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a stage reports: a span of the text it saw, and an optional replacement.

    `replacement is None` means a flag: nothing is proposed, a reviewer must look.

    >>> Finding("F101", 3, 5, "数字不一致", None, 0.9).is_fix
    False
    """

    rule: str
    start: int
    end: int
    message: str
    replacement: str | None = None
    confidence: float = 1.0
    # where the replacement stands on the page when it is text moved there (R104 carries a running head
    # after a paragraph): a page in traditional characters keeps its own characters for it
    moved_from: tuple[int, int] | None = None

    @property
    def is_fix(self) -> bool:
        return self.replacement is not None

    def applies_at(self, min_confidence: float) -> bool:
        """Whether the applier applies it at this threshold: a fix, confident enough.

        >>> Finding("N101", 0, 1, "全角", "1", 0.9).applies_at(0.8), Finding("F101", 0, 1, "数字").applies_at(0.8)
        (True, False)
        """
        return self.replacement is not None and self.confidence >= min_confidence


@dataclass(frozen=True, slots=True)
class Change:
    """One report row: a finding placed in ORIGINAL-input coordinates, with its outcome.

    >>> Change("normalize", "N101", "全角改半角", 0, 1, "１", "1", Status.APPLIED, 1.0).as_dict()["status"]
    'applied'
    """

    stage: str
    rule: str
    message: str
    start: int
    end: int
    before: str
    after: str | None
    status: Status
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        # Field by field, written out: `dataclasses.asdict` deep-copies, and cost the batch's main process more
        # than reading and writing the files (one call per change of every report); a comprehension over
        # `__slots__` with getattr took twice as long as this literal. Keys in field order (report.json's order).
        return {
            "stage": self.stage,
            "rule": self.rule,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "status": str(self.status),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Change:
        """Rebuild a change from a report row (JSON or CSV).

        >>> row = {"stage": "s", "rule": "R", "message": "m", "start": 0, "end": 1,
        ...        "before": "a", "after": "", "status": "applied", "confidence": 1}
        >>> Change.from_dict(row).status is Status.APPLIED
        True
        """
        after = row.get("after")
        return cls(
            stage=str(row["stage"]),
            rule=str(row["rule"]),
            message=str(row.get("message", "")),
            start=int(row["start"]),
            end=int(row["end"]),
            before=str(row.get("before") or ""),
            after=None if after is None else str(after),
            status=Status(row["status"]),
            confidence=float(row.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document.

    >>> Result(Document("a", "a.txt", "x"), "x", ()).applied
    ()
    """

    document: Document
    text: str
    changes: tuple[Change, ...]
    annotations: dict[str, Any] = field(default_factory=dict)

    @property
    def applied(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.status is Status.APPLIED)
