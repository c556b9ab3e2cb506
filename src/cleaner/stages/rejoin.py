"""The rejoin stage: remove the page, column and line breaks that cut a sentence in two.

Every gap between two blocks of the layout stage, and every line break inside a hard-wrapped
paragraph, is a candidate. Evidence (rejoin_evidence.py) is weighed (rejoin_weights.py) into a log-odds score; a join
is a finding (rejoin_judge.py) that deletes the gap, with the score turned into its confidence and the evidence in
its message. Joins below the pipeline's threshold are only suggested.

>>> from cleaner.pipeline import Context
>>> text = "限期办理的机制已经建立，\\n\\n工作开展顺利。"
>>> [(f.rule, text[f.start:f.end], f.replacement) for f in find(text, Context.default())]
[('R101', '\\n\\n', '')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ..edits import settled
from ..model import Finding
from ..pipeline import Context
from ..rules import RuleSet
from .layout import Block, blocks_of, layout_rules, segment
from .layout_classes import LayoutRules, load_layout_rules
from .layout_measures import wide_gaps_are_rare
from .layout_paragraphs import OPENER_REACH
from .layout_windows import run_gaps, segment_around
from .rejoin_across import joins_across
from .rejoin_gaps import Gap
from .rejoin_headlines import heading_before_remark, headline_after_cut
from .rejoin_judge import Judge
from .rejoin_weights import Weights

# how many times the joined text is judged again at most (each time only around the last joins)
SETTLE_ROUNDS = 6


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


def check_rules(rules: RuleSet) -> None:
    """Read the block classes and the weights, so broken rule files stop a run before its first file."""
    load_layout_rules(rules)
    Weights.from_rules(rules)


def find(text: str, context: Context) -> list[Finding]:
    """Judge every candidate break of `text`; return a join finding for each likely one.

    A break is judged by the blocks around it, and joins change those blocks; the joined text is
    judged again so that cleaning twice joins nothing more: every gap whose blocks the joins may
    have changed, from a fresh segmentation of only the runs of lines around the joins.
    """
    judge = Judge.for_context(context, text)
    layout = layout_rules(context)
    wide_rare = [True]  # whether wide gaps were rare in the text the last round judged (L109)

    def judge_gaps(view: str, joined_at: Sequence[int] | None) -> list[Finding]:
        if joined_at is None:
            blocks = _blocks(view, context)
            judge.page = (view, blocks)
            candidates = gaps(view, blocks)
            wide_rare[0] = wide_gaps_are_rare(block.blank_lines for block in blocks)
        else:
            runs = run_gaps(view)
            candidates = changed_gaps(view, joined_at, layout, runs, wide_rare[0])
            wide_rare[0] = wide_gaps_are_rare(newlines - 1 for *_, newlines in runs)
        # only an R101 join may be a headline's or a subhead's: the wraps' R102 (most joins) pass at once
        joins = [
            heading_before_remark(view, gap, headline_after_cut(view, gap, found, judge), judge)
            if found.rule == "R101"
            else found
            for gap, found in judge.verdicts(view, candidates)
        ]
        if joined_at is None and "R104" in judge.enabled:  # what it moves stays where it lands: once is enough
            across = joins_across(view, blocks, judge, joins, context.min_confidence)
            return preferring_across(across, joins, context.min_confidence) if across else joins
        return joins

    # a join may change the blocks of the next gap, whose join may change the next: cascades run a few rounds deep
    return settled(judge_gaps, text, context.min_confidence, rounds=SETTLE_ROUNDS)


def preferring_across(across: list[Finding], joins: list[Finding], min_confidence: float) -> list[Finding]:
    """Both kinds of finding; but where a half may go on past the blocks after it (R104) or into them
    (a caption it was cut from), the join past them when it is confident, else the likelier one.
    Both readings are often near certain, so confidences alone would not choose; a running sentence
    goes on past a caption far more often than a caption is cut.

    >>> r104, r101 = Finding("R104", 5, 30, "m", "x", 0.9), Finding("R101", 5, 7, "m", "", 0.95)
    >>> [f.rule for f in preferring_across([r104], [r101, Finding("R101", 40, 42, "m", "", 0.9)], 0.8)]
    ['R104', 'R101']
    """
    by_start = {finding.start: finding for finding in joins}
    kept = [
        f
        for f in across
        if f.start not in by_start or f.confidence >= min_confidence or f.confidence > by_start[f.start].confidence
    ]
    # the line breaks of a wrapped right half are joined inside a kept R104 (its replacement holds them):
    # a join lies inside one when, of the kept spans starting by its start, the farthest reaching covers it
    # (each join against each kept one grew with the square of a long page)
    spans = sorted((f.start, f.end) for f in kept)
    starts, reach = [start for start, _ in spans], list(accumulate((end for _, end in spans), max))
    return kept + [f for f in joins if not ((at := bisect_right(starts, f.start)) and reach[at - 1] >= f.end)]


def changed_gaps(
    text: str, joined_at: Sequence[int], layout: LayoutRules, runs: list[tuple[int, int, int]], wide_rare_before: bool
) -> list[Gap]:
    """The gaps of `text` (joined at `joined_at`) whose evidence the joins may have changed.

    A block changed when it lies in a run of lines holding a join (the run may split into
    paragraphs anew), or when its class may hang on a block before it that changed (L106). A
    gap changed when a block beside it did, or when a join lies where its paragraph-opener test
    looks. Every other gap reads as it did when it was judged last.

    >>> from cleaner.stages.layout import load_layout_rules
    >>> page = "标题\\n\\n第一段的前半，后半。\\n\\n第二段在这里。\\n\\n第三段在这里。"
    >>> [(g.start, g.end) for g in changed_gaps(page, [10], load_layout_rules(), run_gaps(page), True)]
    [(2, 4), (14, 16)]
    """
    if wide_gaps_are_rare(newlines - 1 for *_, newlines in runs) != wide_rare_before:  # classes may change anywhere
        return gaps(text, segment(text, layout))
    found: list[Gap] = []
    text_end = len(text.rstrip())
    for window in segment_around(text, layout, joined_at, reach=2, margin=OPENER_REACH, gaps=runs):
        changed: set[int] = set()  # starts of the changed blocks
        run: list[Block] = []
        joined_run, previous = False, -1
        for block in window:
            if block.blank_lines or not run:  # a run of lines begins
                run, joined_run = [], False
            # a short block's class may hang on the block before it (L106 `after`)
            after_changed = block.length <= layout.context_reach and previous in changed
            run.append(block)
            if not joined_run and _holds(block, joined_at):
                joined_run = True
                changed.update(b.start for b in run)  # the run's earlier blocks too
            if joined_run or after_changed:
                changed.add(block.start)
            previous = block.start
        if window[-1].start in changed and window[-1].end < text_end:
            return gaps(text, segment(text, layout))  # the change may run on past the window: judge all
        for gap in gaps(text, window):
            i = bisect_left(joined_at, gap.end)
            looks_at_join = i < len(joined_at) and joined_at[i] < gap.end + OPENER_REACH
            if gap.left.start in changed or gap.right.start in changed or looks_at_join:
                found.append(gap)
    return found


def _holds(block: Block, points: Sequence[int]) -> bool:
    """Whether a join point lies inside `block`."""
    i = bisect_left(points, block.start)
    return i < len(points) and points[i] < block.end
