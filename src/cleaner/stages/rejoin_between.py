"""R104's question before any evidence is weighed: what stands between the halves of a cut sentence.

A caption with its credit, a running head, a jump pair (下转第二版 / 上接第一版), a box of short lines (a weather
forecast) or the next item's headline may stand where a column break cut a sentence. These functions say which blocks
after a paragraph are such a group, by their layout classes and shapes alone; rejoin_across.py weighs the halves
around them and moves them. They stand apart because they read only the blocks, not the sentence: one question, and
the rules of what may be moved (MOVABLE, HEADLINES) that rejoin_headlines.py shares.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> page = "集团的新装备、新工艺和新\\n\\n图为产业园一角。本报记者 许廷合摄\\n\\n技术引起了恒大集团的极大兴趣。\\n"
>>> [block.kind for block in movable_after(page, blocks_of(page, Context.default()), 0)]
['caption']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .layout import SET_APART, Block
from .rejoin_columns import RUNNING
from .rejoin_judge import Judge

# What may stand between the halves of a sentence without belonging to it: the blocks set apart from
# running text. Headlines, bylines and subheads may not: after them a new article may begin (a headline may,
# where that article's dateline follows the right half: HEADLINES); nor may a
# jump line (下转第二版) alone: the sentence goes on on another page, not in the next block. But when
# the file holds the other page too, a jump line sending the text on is followed by one saying where it
# came from (（上接第一版）), and the pair stands between the halves like any block set apart.
MOVABLE = SET_APART
# ... except a headline alone between the halves when the right half is followed by a new article's opening
# (a dateline, a byline): the headline is that article's, set above the rest of the cut sentence. A headline of eight
# Han characters or fewer (秋粮收购进度过半) is read as a section label, and stands there as one does.
HEADLINES = frozenset({"headline", "section"})
ARTICLE_START_REACH = 40  # characters of a block the dateline patterns look at
MAX_BETWEEN = 2  # blocks between the halves besides a jump pair: a picture's caption and its credit, say
# A box of short lines (a weather forecast, a programme) set off by blank lines: its title's classes, and its most lines
BOX_TITLES = HEADLINES | SET_APART
MAX_BOX_LINES = 8
JUMP = "jump"
JUMP_FROM = re.compile(r"^[（(]?(上接|接)")  # a jump line saying where the text came from


def headline_after(blocks: Sequence[Block], index: int) -> list[Block]:
    """The headline alone between running text `blocks[index]` and running text after it, if one stands there
    (or a line read as a headline too, which the caller may find the first of two column lines: `column_lines`).

    >>> kinds = [Block(0, 5, "body"), Block(7, 12, "headline"), Block(14, 20, "body")]
    >>> [b.kind for b in headline_after(kinds, 0)], headline_after(kinds, 1)
    (['headline'], [])
    """
    if index + 2 >= len(blocks) or blocks[index].kind not in RUNNING:
        return []
    headline, right = blocks[index + 1], blocks[index + 2]
    return [headline] if headline.kind in HEADLINES and (right.kind in RUNNING or right.kind in HEADLINES) else []


def movable_after(text: str, blocks: Sequence[Block], index: int) -> list[Block]:
    """The movable blocks right after `blocks[index]`, if at most MAX_BETWEEN of them follow besides a
    jump pair (the evidence weighs what the block before them is: running text, or a headline the next
    article goes on from).

    >>> from cleaner.stages.layout import blocks_of
    >>> from cleaner.pipeline import Context
    >>> page = "为实现全年目标任\\n\\n（下转第二版）\\n\\n（上接第一版）\\n\\n务打下坚实基础。"
    >>> len(movable_after(page, blocks_of(page, Context.default()), 0))
    2
    >>> alone = "为实现全年目标任\\n\\n（下转第二版）\\n\\n务打下坚实基础。"  # the text goes on elsewhere
    >>> len(movable_after(alone, blocks_of(alone, Context.default()), 0))
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


def box_after(text: str, blocks: Sequence[Block], index: int, judge: Judge) -> list[Block]:
    """The lines of a box (a weather forecast, a programme, a notice) right after `blocks[index]`: a title line
    (headline-shaped or set apart) and at least one more line under it, every line ended by a single line break, the
    box itself set off by blank lines, none of them running text (a line is a block of its own, or lines of a programme
    read as one headline-shaped block; a run of lines read as running text is a paragraph), and running text
    after it that no dateline opens. On a page not set as a hard-wrapped column such a group is one box of the page,
    which stands between the halves of a cut sentence as a caption does; a headline with its subtitle over a new
    article stands so too, but its article opens on a dateline or a byline.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "可查询到站时间，\\n\\n天气预报\\n今天：多云，气温8℃至15℃\\n县气象台发布\\n\\n避免在站台长时间等候。"
    >>> [page[b.start : b.end] for b in box_after(page, blocks_of(page, judge.context), 0, judge)]
    ['天气预报', '今天：多云，气温8℃至15℃', '县气象台发布']
    >>> news = page.replace("避免", "本报讯（记者 王平）避免")
    >>> box_after(news, blocks_of(news, judge.context), 0, judge)
    []
    """
    box: list[Block] = []
    for block in blocks[index + 1 : index + 2 + MAX_BOX_LINES]:
        if box and block.blank_lines:
            break
        box.append(block)
    if (
        len(box) < 2
        or sum(block.lines for block in box) > MAX_BOX_LINES
        or not box[0].blank_lines
        or box[0].kind not in BOX_TITLES
        or any(block.kind == "body" or (block.lines > 1 and block.kind in RUNNING) for block in box)
    ):
        return []
    after = index + len(box) + 1
    if after >= len(blocks) or not blocks[after].blank_lines or blocks[after].kind != "body":
        return []
    return [] if opens_on_dateline(text, blocks[after], judge) else box


def opens_on_dateline(text: str, block: Block, judge: Judge) -> bool:
    """Whether `block` opens on a news item's dateline, as R104's `article_start` patterns read its first characters.

    >>> from cleaner.pipeline import Context
    >>> judge, page = Judge.for_context(Context.default()), "本报讯（记者 赵晓梅）春节临近，年货街热闹起来。"
    >>> whole, inside = Block(0, len(page), "body"), Block(6, 12, "body")
    >>> opens_on_dateline(page, whole, judge), opens_on_dateline(page, inside, judge)
    (True, False)
    """
    start = judge.weights.article_start
    return start is not None and start.match(text[block.start : block.start + ARTICLE_START_REACH]) is not None
