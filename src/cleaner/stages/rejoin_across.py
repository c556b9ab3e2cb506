"""R104: a sentence cut by a column break with a caption, a running head or a date line between its halves.

A page's pictures and furniture sit where the layout put them, often between the two halves of a
sentence that a column break cut. Such blocks are judged as if they were not there: the halves are
weighed as one gap by the rejoin evidence, and when the join is likely, the sentence is made whole
and the blocks between move, unchanged, to after its paragraph. One finding does both, so the text
is never lost on the way: its span runs from the end of the left half to the end of the right one.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> from cleaner.stages.rejoin_evidence import Judge
>>> text = "集团的新装备、新工艺和新\\n\\n图为产业园一角。本报记者 许廷合摄\\n\\n技术引起了恒大集团的极大兴趣。\\n"
>>> judge = Judge.for_context(Context.default())
>>> [(f.rule, f.replacement) for f in joins_across(text, blocks_of(text, judge.context), judge)]
[('R104', '技术引起了恒大集团的极大兴趣。\\n\\n图为产业园一角。本报记者 许廷合摄')]
>>> cut = "展览将持续至6月。苏珊·帕克表示，\\n\\n3 国际 2025年1月6日 星期一\\n\\n"  # the page ends cut short:
>>> cut += "展览中的唐代骆驼俑让她印象深刻。主办方还将举办讲座，帮助观众更好地"
>>> [f.replacement for f in joins_across(cut, blocks_of(cut, judge.context), judge)]
['展览中的唐代骆驼俑让她印象深刻。主办方还将举办讲座，帮助观众更好地\\n\\n3 国际 2025年1月6日 星期一']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..model import Finding
from .layout import SET_APART, Block, ends_sentence
from .rejoin_evidence import CLASS_NAMES, LATIN_LETTER, Gap, Judge
from .rejoin_weights import logistic

# What may stand between the halves of a sentence without belonging to it: the blocks set apart from
# running text. Headlines, bylines and subheads may not: after them a new article may begin; nor may a
# jump line (下转第二版) alone: the sentence goes on on another page, not in the next block. But when
# the file holds the other page too, a jump line sending the text on is followed by one saying where it
# came from (（上接第一版）), and the pair stands between the halves like any block set apart.
MOVABLE = SET_APART
MAX_BETWEEN = 2  # blocks between the halves besides a jump pair: a picture's caption and its credit, say
JUMP = "jump"
JUMP_FROM = re.compile(r"^[（(]?(上接|接)")  # a jump line saying where the text came from
RUNNING = frozenset({"body", "short"})  # the classes a line of running text may get on its own


def joins_across(
    text: str, blocks: Sequence[Block], judge: Judge, wraps: Sequence[Finding] = (), min_confidence: float = 1.0
) -> list[Finding]:
    """A finding for each sentence cut with movable blocks between its halves that reads as one.

    A right half in a hard-wrapped column moves whole, so the confident joins of its own line breaks
    (`wraps`, R102 findings) are made inside the finding: its replacement holds the joined half.
    """
    findings = []
    confident = WrapsByStart([w for w in wraps if w.confidence >= min_confidence])
    for index, left in enumerate(blocks):
        between = _movable_after(text, blocks, index)
        if not between or index + len(between) + 1 >= len(blocks):
            continue
        right = _right_half(text, blocks, index + len(between) + 1, confident)
        finding = _join(text, left, between, right, judge, confident.inside(right.start, right.end))
        if finding is not None:
            findings.append(finding)
    return findings


def _right_half(text: str, blocks: Sequence[Block], index: int, confident: WrapsByStart) -> Block:
    """The right half of a cut: its block, or the lines it runs on to through confident joins.

    A column's lines stand as blocks of their own where a run is too short to measure a column (the
    right half of a cut paragraph of two lines: a full line and its last); the joins judged between
    them say they are one paragraph, which moves whole, up to the line that ends its sentence.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> page = "引言。\\n\\n网购的包裹越来越多,他的摩\\n托车后座塞得满满当当。"
    >>> blocks = blocks_of(page, Context.default())
    >>> [b.kind for b in blocks]
    ['body', 'short', 'body']
    >>> half = _right_half(page, blocks, 1, WrapsByStart([Finding("R101", 18, 19, "m", "", 1.0)]))
    >>> page[half.start : half.end] == page[5:]
    True
    """
    first = last = blocks[index]
    for block in blocks[index + 1 :]:
        if (
            block.blank_lines
            or block.kind not in RUNNING
            or ends_sentence(text[first.start : last.end])
            or not confident.spans(last.end, block.start)
        ):
            break
        last = block
    if last is first:
        return first
    return Block(first.start, last.end, "body", None, text.count("\n", first.start, last.end) + 1, first.blank_lines)


class WrapsByStart:
    """Findings looked up by the span they lie strictly inside, in the order they were given.

    A page of millions of characters has tens of thousands of wraps and hundreds of sentences cut
    around a caption: reading every wrap for each of those was the rejoin stage's square.

    >>> wraps = WrapsByStart([Finding("R102", start, start + 1, "m", "") for start in (9, 2, 5)])
    >>> [w.start for w in wraps.inside(2, 10)]
    [5]
    >>> [w.start for w in wraps.inside(0, 11)]
    [9, 2, 5]
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = findings
        self.order = sorted(range(len(findings)), key=lambda index: findings[index].start)
        self.starts = [findings[index].start for index in self.order]

    def spans(self, start: int, end: int) -> bool:
        """Whether a finding spans exactly `start:end` (a join of the break there), found by its start.

        >>> WrapsByStart([Finding("R102", 9, 10, "m", "")]).spans(9, 10), WrapsByStart([]).spans(9, 10)
        (True, False)
        """
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, start)
        return any(self.findings[index].end == end for index in self.order[low:high])

    def inside(self, start: int, end: int) -> list[Finding]:
        """The findings with `start < finding.start` and `finding.end < end`."""
        # a finding ending before `end` starts before it too: the candidates are a slice by start
        chosen = self.order[bisect_right(self.starts, start) : bisect_left(self.starts, end)]
        return [self.findings[index] for index in sorted(chosen) if self.findings[index].end < end]


def _movable_after(text: str, blocks: Sequence[Block], index: int) -> list[Block]:
    """The movable blocks right after `blocks[index]`, if at most MAX_BETWEEN of them follow besides a
    jump pair (the evidence weighs what the block before them is: running text, or a headline the next
    article goes on from).

    >>> from cleaner.stages.layout import blocks_of
    >>> from cleaner.pipeline import Context
    >>> page = "为实现全年目标任\\n\\n（下转第二版）\\n\\n（上接第一版）\\n\\n务打下坚实基础。"
    >>> len(_movable_after(page, blocks_of(page, Context.default()), 0))
    2
    >>> alone = "为实现全年目标任\\n\\n（下转第二版）\\n\\n务打下坚实基础。"  # the text goes on elsewhere
    >>> len(_movable_after(alone, blocks_of(alone, Context.default()), 0))
    0
    """
    if blocks[index].kind in MOVABLE or blocks[index].kind == JUMP:
        return []
    between: list[Block] = []
    sent_on = came_from = 0
    for block in blocks[index + 1 : index + 4 + MAX_BETWEEN]:
        if block.kind == JUMP:
            coming = JUMP_FROM.match(text[block.start : block.end]) is not None
            if coming != (sent_on > came_from):  # a pair: sent on, then came from
                return []
            sent_on, came_from = sent_on + (not coming), came_from + coming
        elif block.kind not in MOVABLE:
            break
        between.append(block)
    if sent_on != came_from or sent_on > 1 or len(between) - 2 * sent_on > MAX_BETWEEN:
        return []
    return between


def _join(
    text: str, left: Block, between: list[Block], right: Block, judge: Judge, wraps: list[Finding]
) -> Finding | None:
    # the right half ends its paragraph: a join at its end would carry the moved blocks into a sentence;
    # but a page cut short ends inside its last sentence, and nothing can join after the page's last text
    if right.kind != "body" or not (ends_sentence(text[right.start : right.end]) or not text[right.end :].strip()):
        return None
    if LATIN_LETTER.match(text[left.end - 1]) and LATIN_LETTER.match(text[right.start]):
        return None  # two words of a Latin script would want a space between them
    found = judge.evidence(text, Gap(left.end, right.start, "blank", left, right))
    if found is None:
        return None
    features, reasons = found
    confidence = logistic(judge.weights.log_odds(features))
    if confidence < judge.weights.min_confidence:
        return None
    moved = "、".join(dict.fromkeys(CLASS_NAMES.get(block.kind, block.kind) for block in between))
    reasons.append(f"两段之间的{moved}移至段后")
    if wraps:
        reasons.append(f"右段内的硬换行 {len(wraps)} 处一并连接")
    replacement = _joined(text, right, wraps) + text[left.end : between[-1].end]
    return Finding("R104", left.end, right.end, f"跨页断句：{'，'.join(reasons)}", replacement, confidence)


def _joined(text: str, block: Block, wraps: list[Finding]) -> str:
    """The text of `block` with the joins `wraps` (findings inside it) made.

    >>> _joined("ab\\ncd\\nef", Block(0, 8, lines=3), [Finding("R102", 2, 3, "m", "", 0.9)])
    'abcd\\nef'
    """
    pieces, cursor = [], block.start
    for wrap in sorted(wraps, key=lambda w: w.start):
        pieces += [text[cursor : wrap.start], wrap.replacement or ""]
        cursor = wrap.end
    return "".join([*pieces, text[cursor : block.end]])
