"""Windows of the layout: the runs of lines of a text, and its blocks near given points, segmented
alone, for a stage that must look again only where its edits landed (the rejoin stage after joins).

A run is lines joined by single newlines; runs are parted by whitespace holding a blank line. The
blocks of a run depend only on its lines, on the class of the block before it, and on whether wide
gaps are rare in the whole text (L109): so a window of whole runs, starting at a block whose class
cannot hang on the one before it, segments exactly as the whole text does.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .layout import Block, segment
from .layout_classes import LayoutRules
from .layout_measures import wide_gaps_are_rare

# Whitespace with a blank line in it: it parts two runs of lines.
RUN_GAP = re.compile(r"\n\s*\n\s*")  # from its first line break: a literal start keeps the search fast


def run_gaps(text: str) -> list[tuple[int, int, int]]:
    """The gaps between runs of lines, as (start, end, line breaks); whitespace before the first line
    or after the last is no gap.

    >>> run_gaps("\\n甲\\n乙\\n\\n丙 \\n\\n\\n丁\\n\\n"), run_gaps(" \\n\\n甲")
    ([(4, 6, 2), (7, 11, 3)], [])
    """
    found = []
    for match in RUN_GAP.finditer(text):
        start, end = match.span()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start > 0 and end < len(text):
            found.append((start, end, match.group().count("\n")))
    return found


def segment_around(
    text: str,
    layout: LayoutRules,
    points: Iterable[int],
    reach: int = 2,
    margin: int = 0,
    gaps: list[tuple[int, int, int]] | None = None,
) -> list[list[Block]]:
    """The blocks of `text` near each point, exactly as `segment(text, layout)` gives them, in
    windows of consecutive blocks; only the runs of lines near the points are segmented.

    A window holds the whole run of lines around each point, `reach` blocks more either side, and
    every block that starts less than `margin` characters before the point. It starts and ends
    between runs; as a block's class may hang on the one before it (`after`), it starts at a block
    too long for that. `gaps` are the text's `run_gaps`, when known.

    >>> from cleaner.stages.layout import load_layout_rules
    >>> page = "标题\\n\\n正文一，\\n\\n正文二。\\n\\n作者\\n\\n正文三。"
    >>> [[page[b.start : b.end] for b in window] for window in segment_around(page, load_layout_rules(), [6], 1)]
    [['标题', '正文一，', '正文二。']]
    """
    gaps = run_gaps(text) if gaps is None else gaps
    wide_rare = wide_gaps_are_rare(newlines - 1 for *_, newlines in gaps)
    run_starts = [end for _, end, _ in gaps]  # run k begins where gap k - 1 ends
    spans: list[tuple[int, int, int]] = []  # first run, last run, first point of a window
    for point in sorted(points):
        run = bisect_right(run_starts, point)
        first, last = max(run - reach, 0), min(run + reach, len(gaps))
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(last, spans[-1][1]), spans[-1][2])
        else:
            spans.append((first, last, point))
    windows: list[tuple[int, int, list[Block]]] = []
    for first, last, point in spans:
        while True:
            if windows and first <= windows[-1][1]:  # widened into the window before: one window
                first, _, _ = windows.pop()
            start = gaps[first - 1][0] if first else 0
            end = gaps[last][0] if last < len(gaps) else len(text)
            blocks = segment(text, layout, start, end, wide_rare)
            if first == 0:
                break
            run_start = run_starts[bisect_right(run_starts, point) - 1]
            needed = max(bisect_right([b.start for b in blocks], run_start) - 1 - reach, 0)
            anchor = next((i for i, b in enumerate(blocks) if b.length > layout.context_reach), None)
            if anchor is not None and anchor <= needed and blocks[anchor].start <= point - margin:
                blocks = blocks[anchor:]  # the blocks before it may lack the class the block before them gives
                break
            first -= 1
        windows.append((first, last, blocks))
    return [blocks for *_, blocks in windows]
