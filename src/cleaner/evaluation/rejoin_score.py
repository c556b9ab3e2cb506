"""`cleaner eval rejoin`'s scores: per gap kind, how many gaps the pipeline joined, and a punctuation baseline's.

>>> score = Score()
>>> score.add("mid-word", Status.APPLIED); score.add("boundary", None); score.add("boundary", Status.APPLIED)
>>> score.recall(("mid-word",)), score.false_joins_per_100(), score.precision()
(1.0, 50.0, 0.5)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Status
from ..pipeline import Pipeline

if TYPE_CHECKING:
    from .rejoin import Page

CUT_TYPES = ("mid-word", "between-words", "after-comma", "after-sentence")
CUTS_INSIDE = ("mid-word", "between-words", "after-comma")  # the "cuts inside a sentence"
INSIDE_SENTENCE = (*CUTS_INSIDE, "wrap")
WRAP_TYPES = ("wrap", "wrap-after-sentence")


@dataclass
class Score:
    """Counts per gap kind: how many, how many joined (applied), how many only suggested."""

    total: Counter[str] = field(default_factory=Counter)
    joined: Counter[str] = field(default_factory=Counter)
    suggested: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, status: Status | None) -> None:
        self.total[kind] += 1
        self.joined[kind] += status is Status.APPLIED
        self.suggested[kind] += status is Status.SUGGESTED

    def recall(self, kinds: tuple[str, ...]) -> float:
        total = sum(self.total[k] for k in kinds)
        return sum(self.joined[k] for k in kinds) / total if total else float("nan")

    def precision(self) -> float:
        joins = sum(self.joined.values())
        return (joins - self.joined["boundary"]) / joins if joins else float("nan")

    def false_joins_per_100(self) -> float:
        return 100 * self.joined["boundary"] / self.total["boundary"] if self.total["boundary"] else float("nan")


def score_pages(pages: list[Page], pipeline: Pipeline) -> tuple[Score, Score, list[str]]:
    """Run the pipeline on every page; score its joins and the baseline's at every gold gap."""
    ours, baseline, errors = Score(), Score(), []
    for number, page in enumerate(pages):
        result = pipeline.run(Document(f"page-{number}", f"page-{number}.txt", page.text))
        statuses = {(c.start, c.end): c.status for c in result.changes if c.stage == "rejoin"}
        for gap in page.gaps:
            status = statuses.get((gap.start, gap.end))
            ours.add(gap.kind, status)
            baseline.add(gap.kind, None if gap.left_ends_sentence else Status.APPLIED)
            wrong = (status is Status.APPLIED) != (gap.kind in INSIDE_SENTENCE) and "after-sentence" not in gap.kind
            if wrong:
                left, right = page.text[max(0, gap.start - 12) : gap.start], page.text[gap.end : gap.end + 8]
                errors.append(f"{gap.kind:<14} {status or '-'!s:<9} {left!r} | {right!r}")
    return ours, baseline, errors


def table(ours: Score, baseline: Score) -> list[str]:
    """The report: recall per gap kind, false joins per 100 real boundaries, precision."""
    lines = [f"{'gap kind':<26}{'gaps':>7}{'ours':>9}{'suggested':>11}{'baseline':>10}"]
    for kind in (*CUT_TYPES, *WRAP_TYPES):
        if ours.total[kind]:
            suggested = ours.suggested[kind] / ours.total[kind]
            lines.append(
                f"{kind + ' recall':<26}{ours.total[kind]:>7}{ours.recall((kind,)):>9.4f}"
                f"{suggested:>11.4f}{baseline.recall((kind,)):>10.4f}"
            )
    for label, kinds in (("cuts in sentence", CUTS_INSIDE), ("all in sentence", INSIDE_SENTENCE)):
        inside = tuple(k for k in kinds if ours.total[k])
        lines.append(
            f"{label + ' recall':<26}{sum(ours.total[k] for k in inside):>7}"
            f"{ours.recall(inside):>9.4f}{'':>11}{baseline.recall(inside):>10.4f}"
        )
    lines.append(
        f"{'false joins / 100 bounds':<26}{ours.total['boundary']:>7}{ours.false_joins_per_100():>9.3f}"
        f"{'':>11}{baseline.false_joins_per_100():>10.3f}"
    )
    lines.append(f"{'precision of joins':<26}{'':>7}{ours.precision():>9.4f}{'':>11}{baseline.precision():>10.4f}")
    return lines
