"""Earlier stages' applied edits in the current text, and a later fix widened over those it touches.

A stage's fix that cuts into an edit an earlier stage applied replaces it whole, so every applied change stays a
disjoint span of the original and the report stays replayable.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace

from .edits import touches
from .model import Finding


class EarlierEdits:
    """Earlier stages' applied edits `(start, end, report row)` in the current text, to look up by span.

    They are disjoint, so sorted by start their ends rise too, and the ones near a span are a slice.

    >>> EarlierEdits([(9, 9, 2), (0, 2, 0), (4, 6, 1)]).near(2, 4)
    [(0, 2, 0), (4, 6, 1)]
    """

    def __init__(self, edits: Iterable[tuple[int, int, int]]) -> None:
        self.edits = sorted(edits)
        self.starts = [start for start, _, _ in self.edits]
        self.ends = [end for _, end, _ in self.edits]

    def near(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The edits that reach `start` or begin by `end`: all those a span there can touch."""
        return self.edits[bisect_left(self.ends, start) : bisect_right(self.starts, end)]

    def any_near(self, start: int, end: int) -> bool:
        """Whether `near` finds any edit, without slicing: most fixes have none near them.

        >>> edits = EarlierEdits([(0, 2, 0), (4, 6, 1)])
        >>> edits.any_near(2, 4), edits.any_near(3, 3)
        (True, False)
        """
        return bisect_left(self.ends, start) < bisect_right(self.starts, end)


def absorb_earlier_edits(
    finding: Finding, earlier: EarlierEdits, text: str, absorbed: dict[Finding, list[int]]
) -> Finding:
    """Widen a fix over the earlier edits it touches, so it replaces them instead of cutting into them.

    Every applied change then stays a disjoint span of the original, which keeps the report
    replayable, and a later stage can still remove text an earlier one produced (a CRLF that
    normalize turned into a line break the rejoin stage then joins).

    >>> rows: dict[Finding, list[int]] = {}
    >>> join = Finding("R101", 3, 4, "join", "")
    >>> widened = absorb_earlier_edits(join, EarlierEdits([(3, 4, 0)]), "新工艺@技术", rows)
    >>> (widened.start, widened.end, widened.replacement), rows[widened]
    ((3, 4, ''), [0])
    """
    start, end = finding.start, finding.end
    rows: list[int] = []
    taken: set[int] = set()  # rows as a set too: a deletion of a whole page may cover thousands of edits
    grew = True
    while grew:
        grew = False
        for edit_start, edit_end, row in earlier.near(start, end):
            if row not in taken and touches(start, end, edit_start, edit_end):
                rows.append(row)
                taken.add(row)
                start, end, grew = min(start, edit_start), max(end, edit_end), True
    if not rows:
        return finding
    # the text the span grew over on either side, sliced once and not at every edit it took in
    replacement = text[start : finding.start] + (finding.replacement or "") + text[finding.end : end]
    widened = replace(finding, start=start, end=end, replacement=replacement)
    absorbed[widened] = rows
    return widened
