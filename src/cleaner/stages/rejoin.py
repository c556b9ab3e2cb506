"""The rejoin stage: remove the page, column and line breaks that cut a sentence in two.

Every gap between two blocks of the layout stage, and every line break inside a hard-wrapped
paragraph, is a candidate. Evidence (rejoin_evidence.py) is weighed into a log-odds score; a join
is a finding that deletes the gap, with the score turned into its confidence and the evidence in
its message. Joins below the pipeline's threshold are only suggested.

>>> from cleaner.pipeline import Context
>>> text = "限期办理的机制已经建立，\\n\\n工作开展顺利。"
>>> [(f.rule, text[f.start:f.end], f.replacement) for f in find(text, Context.default())]
[('R101', '\\n\\n', '')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..edits import settled
from ..model import Finding
from ..pipeline import Context
from .layout import Block, blocks_of, layout_rules, segment_around
from .rejoin_evidence import Gap, Judge


def _blocks(text: str, context: Context) -> list[Block]:
    """The layout stage's blocks (it edits nothing, so its spans hold here), else a fresh segmentation."""
    rows = context.annotations.get("blocks")
    if rows and rows[-1]["text_span"][1] <= len(text):
        return [Block.from_dict(row) for row in rows]
    return blocks_of(text, context)


def gaps(text: str, blocks: list[Block]) -> list[Gap]:
    """Every candidate break: line breaks inside wrapped blocks, and the gaps between blocks.

    >>> from cleaner.stages.layout import load_layout_rules, segment
    >>> page = "标题\\n\\n正文第一段，\\n\\n第二段。"
    >>> [(g.start, g.end, g.kind) for g in gaps(page, segment(page, load_layout_rules()))]
    [(2, 4, 'blank'), (10, 12, 'blank')]
    """
    found: list[Gap] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            newlines = text.count("\n", previous.end, block.start)
            kind = "line" if newlines == 1 else "blank" if newlines == 2 else "wide"
            found.append(Gap(previous.end, block.start, kind, previous, block))
        if block.lines > 1:
            position = text.find("\n", block.start, block.end)
            while position != -1:
                start = position
                while start > block.start and text[start - 1] in " \t\u3000":
                    start -= 1
                end = position + 1
                while end < block.end and text[end] in " \t\u3000":
                    end += 1
                found.append(Gap(start, end, "wrap", block, block))
                position = text.find("\n", end, block.end)
        previous = block
    found.sort(key=lambda gap: gap.start)
    return found


def find(text: str, context: Context) -> list[Finding]:
    """Judge every candidate break of `text`; return a join finding for each likely one.

    A break is judged by the blocks around it, and joins change those blocks; the joined text is
    judged again so that cleaning twice joins nothing more: the gaps touching a join and their
    neighbours, from a fresh segmentation of only the runs of lines around the joins.
    """
    judge = Judge.for_context(context)

    def judge_gaps(view: str, joined_at: Sequence[int] | None) -> list[Finding]:
        if joined_at is None:
            candidates = gaps(view, _blocks(view, context))
        else:  # after joins, only gaps near the blocks that grew can have changed their minds
            candidates = []
            for window in segment_around(view, layout_rules(context), joined_at, reach=2):
                every = gaps(view, window)
                near = {i + step for i, gap in enumerate(every) if _touches(gap, joined_at) for step in (-1, 0, 1)}
                candidates += [gap for i, gap in enumerate(every) if i in near]
        return [finding for gap in candidates if (finding := judge(view, gap)) is not None]

    return settled(judge_gaps, text, context.min_confidence)


def _touches(gap: Gap, points: Sequence[int]) -> bool:
    """Whether a join point lies in the blocks on either side of `gap`."""
    i = bisect_left(points, gap.left.start)
    return i < len(points) and points[i] <= gap.right.end
