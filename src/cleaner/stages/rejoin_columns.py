"""The lines and paragraphs of a hard-wrapped column around a cut sentence: where its right half's paragraph ends.

R104 moves the blocks between the halves of a cut sentence to after the right half's paragraph; in a
hard-wrapped column that paragraph's end is read off the column's lines: full lines go on, a short
line ends a paragraph where the page parts paragraphs by blank lines. A right half of only two lines is
too short a run for the layout to measure a column; it is read against the left half's (`column_lines`).

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> page = "标题\\n\\n有的干部满足于听汇报、看材\\n料，到了最后却原地踏步踏步。\\n"
>>> page += "纸上得来终觉浅，绝知此事要\\n躬行，才能解决真问题。\\n\\n落实。"
>>> blocks = blocks_of(page, Context.default())
>>> page[: blocks[paragraph_end(page, blocks, 1, True)].end][-3:]
'问题。'
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .layout import Block
from .layout_classes import FULL_LINE_SLACK, LayoutRules
from .layout_measures import WRAPPED_TAIL, display_width, ends_sentence
from .layout_paragraphs import LABELLED_ENTRY, OPENER_REACH

RUNNING = frozenset({"body", "short"})  # the classes a line of running text may get on its own
# a line opening on a quotation or a bracket after a sentence's end opens a turn of a dialogue or a note (“我希望你… /
# “我已是…; （湖北武汉市…）) as often as it goes on: tesseract keeps such a line's paragraph break single too
DIALOGUE_OPENERS = "“‘「『（(【［"
# a column narrower than this (in full-width characters) sets a primer's or a poem's short lines as often as prose
# (日　月　水　火 / 日出来，月落下。 / 有水有火，好做饭。 measure a column of 8): no sentence's end there goes on for
# its width
NARROW_COLUMN = 10.0
# a column's last line this wide or less (in full-width characters), unpunctuated, ends its paragraph (stops_short)
SHORT_LAST_LINE = 2
ONE_LINE = RUNNING | {"headline"}  # and a column's line standing alone, unpunctuated: read as a headline


def column_lines(text: str, first: Block, after: Sequence[Block], column: float) -> bool:
    """Whether `first` and the block `after` it are the two lines of a right half set in the left half's
    column (`column`): the first as wide as the column and going on, the second on the next line ending the
    sentence. Two lines are too short a run for the layout to measure a column, so it leaves them apart (the
    first read as a short headline) and the join between them is only suggested.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> page = "如何降低算力成本、提高推理效率，成为企业\\n关注的焦点。"
    >>> first, second = blocks_of(page, Context.default())
    >>> column_lines(page, first, [second], 20.0), column_lines(page, first, [second], 26.0)
    (True, False)
    >>> column_lines(page.replace("焦点。", "焦点"), first, [second._replace(end=second.end - 1)], 20.0)
    False
    """
    if not after or first.lines != 1 or after[0].lines != 1 or after[0].kind not in RUNNING:
        return False
    second = after[0]
    if first.kind not in ONE_LINE or text[second.start - 1] != "\n":
        return False  # (an indented line opens a paragraph)
    if text.count("\n", first.end, second.start) != 1 or ends_sentence(text[first.start : first.end]):
        return False
    line = text[text.rfind("\n", 0, first.start) + 1 : first.end]  # as set: its indentation fills the column too
    if abs(display_width(line) - column) > FULL_LINE_SLACK:
        return False
    last = text[second.start : second.end]
    return display_width(last) <= column + FULL_LINE_SLACK and ends_sentence(last)


def paragraph_end(text: str, blocks: Sequence[Block], index: int, by_blank_lines: bool) -> int:
    """The index of the block that ends the paragraph `blocks[index]` ends on, in a hard-wrapped column.

    The layout stage ends a column's paragraph at any full line ending a sentence, as a column that
    parts its paragraphs by nothing else needs; but most such lines lie inside their paragraph. On a
    page that parts its paragraphs by blank lines (`by_blank_lines`), the paragraph runs on through its
    full lines to a blank line or an indented line. Elsewhere the next paragraph may follow on the
    next line, and where this one ends cannot be told: the layout's reading stands.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> page = "标题\\n\\n有的干部满足于听汇报、看材\\n料，到了最后却原地踏步踏步。\\n"
    >>> page += "纸上得来终觉浅，绝知此事要\\n躬行，才能解决真问题。\\n\\n落实。"
    >>> blocks = blocks_of(page, Context.default())
    >>> [page[b.start : b.end][-3:] for b in blocks[1:3]]
    ['踏步。', '问题。']
    >>> [page[: blocks[paragraph_end(page, blocks, 1, by_blank)].end][-3:] for by_blank in (True, False)]
    ['问题。', '踏步。']
    """
    first = index
    while by_blank_lines and index + 1 < len(blocks):
        block, after = blocks[index], blocks[index + 1]
        if after.blank_lines or text[after.start - 1] != "\n":
            return index  # a blank line or an indented line opens the next paragraph
        if (
            not block.column
            or after.kind not in RUNNING
            or after.column != block.column
            or _short_last_line(text, block)
        ):
            break
        index += 1
    return first


def last_line(text: str, block: Block) -> str:
    """The last line of `block` as the page sets it, its indentation kept.

    >>> last_line("一二三四\\n　五六", Block(0, 8, lines=2, column=4.0))
    '　五六'
    """
    return text[text.rfind("\n", 0, block.end) + 1 : block.end]


def _short_last_line(text: str, block: Block) -> bool:
    """Whether the last line of a block of a hard-wrapped column stops short of the column.

    >>> _short_last_line("一二三四五六\\n七八。", Block(0, 10, lines=2, column=6.0))
    True
    >>> _short_last_line("一二三四五。", Block(0, 6, column=6.0))
    False
    """
    line = last_line(text, block)  # as set: its indentation fills the column too
    return len(line) < block.column - FULL_LINE_SLACK


def stops_short(text: str, block: Block) -> bool:
    """Whether a block of a hard-wrapped column ends on a line of one or two characters and no mark: a
    paragraph's last line whose stop OCR dropped (tesseract reads a lone 行。 as 行). A column is cut after a
    full line, so no sentence runs on from such a line; a line that stops short on a comma (样地摸索,) may
    still be a cut sentence's left half, as a page may set it.

    >>> stops_short("一二三四五六\\n七", Block(0, 8, lines=2, column=6.0))
    True
    >>> stops_short("一二三四五六\\n七八九十", Block(0, 11, lines=2, column=6.0))
    False
    >>> stops_short("一二三四五六\\n七，", Block(0, 9, lines=2, column=6.0))
    False
    """
    if block.lines < 2 or block.column < 2 * SHORT_LAST_LINE:
        return False
    line = last_line(text, block).strip()
    return display_width(line) <= SHORT_LAST_LINE and line[-1:].isalnum()


def around(text: str, start: int, end: int, reach: int = 8) -> tuple[str, str]:
    """The `reach` characters each side of a gap, whitespace left out: the same after the lines beside it are joined.

    >>> around("一二\\n三\\n\\n四五\\n六", 4, 6, 3)
    ('一二三', '四五六')
    """
    left = "".join(text[max(0, start - 4 * reach) : start].split())[-reach:]
    return left, "".join(text[end : end + 4 * reach].split())[:reach]


def parts_paragraphs_by_blank_lines(text: str, blocks: Sequence[Block]) -> bool:
    """Whether a page parts the paragraphs of its hard-wrapped columns by blank lines: in none of its
    columns does a short line end a sentence with the next line going on unindented (a line may stop
    short inside a paragraph too, where the typesetter kept a mark from a line's start).

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> column = "有的干部满足于听汇报、看材\\n料，到了最后却原地踏步踏步。\\n"
    >>> column += "纸上得来终觉浅，绝知此事要\\n躬行，才能解决问题。"
    >>> page = column + "\\n\\n" + column
    >>> parts_paragraphs_by_blank_lines(page, blocks_of(page, Context.default()))
    True
    >>> page = column + "\\n" + column
    >>> parts_paragraphs_by_blank_lines(page, blocks_of(page, Context.default()))
    False
    """
    for block, after in pairwise(blocks):
        if (
            block.column
            and not after.blank_lines
            and after.column == block.column
            and text[after.start - 1] == "\n"
            and _short_last_line(text, block)
            and ends_sentence(text[block.start : block.end])
        ):
            return False
    return True


def full_line_runs_on(text: str, left: Block, right: Block, layout: LayoutRules) -> bool:
    """Whether a line break after a full line of a hard-wrapped column that ends a sentence lies inside a paragraph,
    on a page that parts its paragraphs by blank lines (the caller asks `parts_paragraphs_by_blank_lines`): the
    next line of the same column follows on the next line, unindented, opening no paragraph, list item, speaker's
    turn, labelled entry, quotation or bracket, and a paragraph wrapped in the column stands on one side at least
    (a page setting a paragraph a line, a dialogue's turns or a poem's, holds lines as wide as each other, each a
    block of its own). The layout stage ends a paragraph at such a line, as a page that parts paragraphs by nothing
    else needs; tesseract sets a paragraph's break as a blank line and a full line's end as a single break.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of, layout_rules
    >>> layout = layout_rules(Context.default())
    >>> page = "有的干部满足于听汇报、看材\\n料，到了最后却原地踏步不前。\\n"
    >>> page += "纸上得来终觉浅，绝知此事要\\n躬行，才能解决问题。"
    >>> left, right = blocks_of(page, Context.default())
    >>> full_line_runs_on(page, left, right, layout)
    True
    >>> quoted = page.replace("纸上得来终觉浅，", "“纸上得来终觉浅")
    >>> full_line_runs_on(quoted, *blocks_of(quoted, Context.default()), layout)
    False
    >>> turn = page.replace("纸上得来终觉浅，", "老李：纸上得来终")  # a speaker's turn
    >>> blocks = blocks_of(turn, Context.default())
    >>> full_line_runs_on(turn, blocks[0], blocks[1], layout)
    False
    >>> short = page.replace("到了最后却原地踏步不前。", "原地踏步。")  # the line stops short: a paragraph's end
    >>> full_line_runs_on(short, *blocks_of(short, Context.default()), layout)
    False
    >>> lines = "登高望远天地宽，凭栏一望兴无穷。\\n千村烟树春光里，万顷田畴画卷中。\\n古渡帆归残照外，新城灯起晚霞东。"
    >>> blocks = blocks_of(lines, Context.default())
    >>> full_line_runs_on(lines, blocks[0], blocks[1], layout)  # a line a paragraph
    False
    >>> primer = "日　月　水　火\\n日出来，月落下。\\n有水有火，好做饭。"  # a column of eight
    >>> full_line_runs_on(primer, *blocks_of(primer, Context.default()), layout)
    False
    """
    if left.column < NARROW_COLUMN or right.column != left.column:
        return False
    if left.kind not in RUNNING or right.kind not in RUNNING:
        return False
    if left.lines < 2 and right.lines < 2:
        return False
    if text.count("\n", left.end, right.start) != 1 or text[right.start - 1] != "\n":
        return False  # (an indented line opens a paragraph)
    if _short_last_line(text, left) or not ends_sentence(text[max(left.start, left.end - WRAPPED_TAIL) : left.end]):
        return False
    opening = text[right.start : right.start + OPENER_REACH]
    return (
        opening[:1] not in DIALOGUE_OPENERS
        and layout.opener.match(opening) is None
        and layout.item_opener.match(opening) is None
        and layout.speaker.match(opening) is None
        and LABELLED_ENTRY.match(opening) is None
    )
