"""A candidate break of the rejoin stage (`Gap`) and the shape of the lines around it: indentation, a block's
lines and its first punctuation, spaced Han characters.

>>> block_lines("标题\\n项目 数量\\n合计，三项", 3, 14)
(11, [8], 7)
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..patterns import HAN_CLASS, PROSE_MARK
from .layout import Block

SPACED_HAN = re.compile(f"[{HAN_CLASS}][ \u3000]+[{HAN_CLASS}]")
# Han characters parted by the setting's full-width spaces alone (a byline's unit and name, 五年级一班　王己生; a
# record's fields): running text holds none, OCR's stray space being a half-width one (normalize's SETTING_SPACE)
SETTING_SPACED_HAN = re.compile(f"[{HAN_CLASS}]\u3000+[{HAN_CLASS}]")
LINE_BREAK = re.compile("\n")
# a line's indentation (a paragraph's first line), and a line that has none
INDENTATION = re.compile("[\u3000\t]|  ")
UNINDENTED_LINE = re.compile(r"^[^\s]", re.M)


class Gap(NamedTuple):
    """A candidate break: the whitespace span, its kind (wrap, line, blank, wide) and its blocks.

    (A named tuple: a page has a candidate at every line break, judged again after joins, and a
    frozen dataclass takes twice as long to build.)
    """

    start: int
    end: int
    kind: str
    left: Block
    right: Block


def indented(text: str, gap: Gap) -> bool:
    """Whether the block after a gap is indented where the page indents paragraphs, so that it starts
    one: some line of the page starts unindented (an OCR export that indents every line says nothing).

    >>> page = "新华社电\\n　　安全，核电的生命\\n　　核电站的特殊性质。"
    >>> gap = Gap(page.index("命") + 1, page.index("核电站"), "line", None, None)  # type: ignore[arg-type]
    >>> everywhere = page.replace("新华社电", "　　新华社电")
    >>> indented(page, gap), indented(everywhere, gap._replace(start=gap.start + 2, end=gap.end + 2))
    (True, False)
    """
    line_start = text.rfind("\n", gap.start, gap.end) + 1
    if not line_start or INDENTATION.match(text, line_start, gap.end) is None:
        return False
    return has_unindented_line(text)


@functools.lru_cache(maxsize=8)
def has_unindented_line(text: str) -> bool:
    """Whether some line of `text` starts unindented; asked once per page, not once per gap (a page that
    indents every line would be read through at each of its gaps)."""
    return UNINDENTED_LINE.search(text) is not None


@functools.lru_cache(maxsize=8)
def block_lines(
    text: str, start: int, end: int, spaced_exempt: re.Pattern[str] | None = None
) -> tuple[int, list[int], int]:
    """Where the block `text[start:end]` has its first sentence punctuation (`end` when none), its line
    breaks, and where its first spaced Han pair ends (past `end` when none); read once per block, not
    once per wrap (a table or a column set without punctuation is one block of thousands of lines, and
    each wrap would read all the lines before and after it). Spaced pairs count past `spaced_exempt` (`spaced_from`).

    >>> block_lines("标题\\n项目 数量\\n合计，三项", 3, 14)
    (11, [8], 7)
    """
    spaced = SPACED_HAN.search(text, spaced_from(text, start, spaced_exempt), end)
    breaks = [m.start() for m in LINE_BREAK.finditer(text, start, end)]
    return first_prose_mark(text, start, end), breaks, (spaced.end() if spaced else end + 1)


@functools.lru_cache(maxsize=8)
def first_prose_mark(text: str, start: int, end: int) -> int:
    """Where the block `text[start:end]` has its first sentence punctuation (`end` when none): of `block_lines`, all
    that most wraps ask (its breaks and spaced pairs are read only where no mark comes before the wrap).

    >>> first_prose_mark("标题\\n项目 数量\\n合计，三项", 3, 14), first_prose_mark("标题", 0, 2)
    (11, 2)
    """
    mark = PROSE_MARK.search(text, start, end)
    return mark.start() if mark else end


def spaced_from(text: str, start: int, exempt: re.Pattern[str] | None) -> int:
    """Where spaces between Han characters of the block at `start` begin to count: past a dateline's
    bracket of reporters' names that `exempt` (R101 `spaced_exempt`) matches, else at the block's start.

    >>> spaced_from("本报讯（记者 郑宇）今天", 0, re.compile("本报讯（[^）]*）")), spaced_from("标题 甲", 0, None)
    (10, 0)
    """
    found = exempt.match(text[start : start + 80]) if exempt else None
    return start + found.end() if found else start


def set_apart(text: str, start: int, end: int, exempt: re.Pattern[str] | None) -> bool:
    """Whether `text[start:end]`, a block before a break, holds Han characters parted by the setting's full-width
    spaces (past a dateline's names that `exempt` matches, `spaced_from`): a byline's unit and name (本期擂主：城南小学
    五年级一班　王己生), a record's fields; never a paragraph's first words that a break cut off, though a word may
    seem to run across the break (王己生 | 成语: 生成).

    >>> page = "本期擂主：五年级一班\u3000王己生\\n\\n成语接龙的规则"
    >>> set_apart(page, 0, 14, None), set_apart(page.replace("\u3000", " "), 0, 14, None)
    (True, False)
    """
    return SETTING_SPACED_HAN.search(text, spaced_from(text, start, exempt), end) is not None
