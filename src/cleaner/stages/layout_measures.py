"""Measures of a page's layout: how wide a line is, the width of a column, how rare wide gaps are, whether a block
ends its sentence.

>>> column_width([display_width("同比增长9.3%"), 7, 7, 5, 7])
7
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise

from ..patterns import CLOSERS, HAN, SENTENCE_END, SINGLE_BREAK
from .layout_classes import FULL_LINE_SLACK

# of the lines around a column, this share at most may be wider than it (headlines, leads set across
# columns; lines OCR read with a word twice): the column is measured without them
MAX_WIDE_SHARE = 0.25
# The end of a sentence: closing punctuation, then quotes or brackets that close around it; or an English sentence's
# full stop after a lowercase word (Put on your coat.), which an abbreviation's (Co., Dr., U.S.) is not.
SENTENCE_CLOSE = re.compile(
    f"[{SENTENCE_END}][{CLOSERS}]*$|……$|\\.{{3}}$|(?<![A-Za-z])[A-Za-z]?[a-z]{{2,}}\\.[{CLOSERS}]*$"
)
# A source tag or reporters' names in brackets after the last sentence: 。（政文） / 。(魏综)
SOURCE_TAG_END = re.compile(f"[{SENTENCE_END}][{CLOSERS}]*[（(][^（）()\\n]{{1,20}}[)）]$")
# how far back a tag after the last sentence is looked for across a column's line breaks (。（ + 20 + ）)
WRAPPED_TAIL = 26
# The last character either pattern above can end on (`$` also matches before a final line break).
SENTENCE_LAST = frozenset(f"{SENTENCE_END}{CLOSERS}.)）")


def display_width(line: str) -> float:
    """The width of a line in full-width characters: ASCII letters and digits count half.

    >>> display_width("同比增长9.3%")
    6.0
    """
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def column_width(sizes: list[float]) -> float:
    """The width of a column from the sizes of its lines: the size the most lines fill (reach within
    FULL_LINE_SLACK without passing it), the wider on a tie. A few lines wider than that (at most
    MAX_WIDE_SHARE) do not widen it: a headline or lead set across columns, or a line that OCR read
    with a word twice (尘埃颗粒颗粒) or with its marks squeezed in, two characters past the column.

    >>> column_width([12, 13, 12, 12, 9, 12]), column_width([16, 12, 13, 12, 12, 12, 9, 12]), column_width([30, 12, 40])
    (13, 13, 40)
    >>> column_width([14, 14, 14, 16, 14, 14, 14, 14, 14])  # a word read twice makes no column of 16
    14
    """
    ordered = sorted(sizes)
    widest = ordered[-1]
    if widest - ordered[0] <= FULL_LINE_SLACK:
        return widest  # every line fills the widest: the usual column
    filled = {size: bisect_right(ordered, size) - bisect_left(ordered, size - FULL_LINE_SLACK) for size in set(sizes)}
    column = max(filled, key=lambda size: (filled[size], size))
    wider = len(sizes) - bisect_right(ordered, column)
    return column if wider <= MAX_WIDE_SHARE * len(sizes) else widest


def wide_gaps_are_rare(blank_lines: Iterable[int]) -> bool:
    """Whether gaps of two or more blank lines are no commoner than gaps of one, given the blank
    lines before each block (or run): only then does a wide gap set a block apart (L109 captions).

    >>> wide_gaps_are_rare([0, 1, 2]), wide_gaps_are_rare([0, 0, 2])
    (True, False)
    """
    wide = one = 0
    for count in blank_lines:
        wide += count >= 2
        one += count == 1
    return wide <= one


def last_before(text: str, position: int) -> str:
    """The last character before `position` that is no space or line break ("" at the start).

    >>> last_before("以“实”的作风，\\n\\n\\n全力以赴", 11), last_before("\\n\\n甲", 2)
    ('，', '')
    """
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return text[position - 1] if position > 0 else ""


FIELD_GAP = re.compile("[ \t\u3000]+")  # what sets apart the fields of one line (申请号：…　申请人：…)


def labelled_fields(line: str, label: re.Pattern[str] | None, longest: int = 80) -> bool:
    """Whether `line` holds two fields or more set apart by spaces, each opening on a `label` and its colon, and no
    sentence's end: a record's particulars (申请号：CN202310458217.6　申请人：清河区中医医院;
    幸运数字：7　幸运颜色：橙色), whole however it ends, and at most `longest` characters.

    >>> label = re.compile("^[\u4e00-\u9fff]{1,6}[：:]")
    >>> labelled_fields("幸运数字：12\u3000幸运颜色：海蓝色", label), labelled_fields("幸运颜色：海蓝色", label)
    (True, False)
    >>> labelled_fields("地址：清河路\u3000他说：好。", label)
    False
    """
    if label is None or len(line) > longest or any(mark in line for mark in SENTENCE_END) or not label.match(line):
        return False
    return any(label.match(piece) for piece in FIELD_GAP.split(line)[1:])


def ends_sentence(text: str) -> bool:
    """Whether a block ends a sentence: closing punctuation, perhaps inside quotes or before a source tag.

    >>> ends_sentence("完善好。（政文）"), ends_sentence("我要为魏都区营商环境点赞。”"), ends_sentence("良好氛")
    (True, True, False)
    >>> ends_sentence("计划。（据新\\n华社电）"), ends_sentence("计划。\\n\\n（据新华社电）")  # a wrap; a paragraph
    (True, False)
    >>> ends_sentence("B: Put on your coat."), ends_sentence("清河化工Co."), ends_sentence("他去了U.S.")  # English
    (True, False, False)
    """
    if text[-1:] not in SENTENCE_LAST and not text.endswith("\n"):
        return False  # most lines of a column, read by no pattern
    if SENTENCE_CLOSE.search(text) or SOURCE_TAG_END.search(text):
        return True
    # a hard-wrapped column breaks the tag after the last sentence like any text (。（据新|华社电）)
    tail = text[-WRAPPED_TAIL:]
    return "\n" in tail and bool(SOURCE_TAG_END.search(SINGLE_BREAK.sub("", tail)))


# lines a run of verse ending bare holds at least (a stanza of two couplets)
MIN_SUNG_LINES = 4


def sung_lines(lines: list[str], full: list[bool]) -> bool:
    """Whether lines set one under another are a song's stanza ending bare, and no hard-wrapped column: full
    and short lines take turns, every short one ending on a character, and no line ends a sentence. In a
    column a line short of the others ends its paragraph, on a sentence's end, or is a headline; a poem
    wrapped in a column has its long lines cut where they run over, and no such turns. (Verse whose lines end
    on punctuation is L112's, read line by line.)

    >>> song = ["你走一步，我走一步", "脚印连成一条路", "你唱一句，我唱一句", "歌声飞过大峡谷"]
    >>> sung_lines(song, [True, False, True, False])
    True
    >>> poem = ["的温馨", "就这样带着春的气", "息", "逐渐生长"]  # a poem's long line cut by a column of 9
    >>> sung_lines(poem, [False, True, False, False])
    False
    >>> prose = ["这是一段被硬换行的", "文字，很短。", "标题一行", "报纸栏目文字，每一"]
    >>> sung_lines(prose, [True, False, True, False])  # a paragraph ends on its sentence
    False
    """
    # the turns first: a column's full lines follow each other, which settles most runs before a line's end is read
    if len(lines) < MIN_SUNG_LINES or any(before == after for before, after in pairwise(full)):
        return False
    if any(ends_sentence(line) for line in lines):
        return False
    short = [line for line, whole in zip(lines, full, strict=True) if not whole]
    return all(HAN.fullmatch(line[-1:] or "\0") is not None for line in short)
