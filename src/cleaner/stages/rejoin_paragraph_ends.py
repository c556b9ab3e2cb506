"""A paragraph's end that OCR blurred: a column's short last line whose stop was read as a comma or lost.

A column is cut after a full line, so a sentence cut by a page or column break leaves its left half on a full
line. A hard-wrapped column's block whose last line stops well short of the column, on a comma or on no mark,
before a blank line and a block opening as sentences open (他们…, 这次…, 据…, 去年…, 在…), is a paragraph whose
final 。 the engine read as ， or dropped (tesseract: 个这些动物的胚胎，|他们使用的是…). A page may still set a cut's
left half so (acceptance page 020: 一样一|样地摸索,|慢慢成了…), so such a join is only suggested, never applied.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> opening = re.compile("^(他们|在)")
>>> page = "科学家们在会上说，他们把绵羊\\n猪和老鼠的基因植入牛的卵细\\n胞里，培育出了这些动物的胚\\n胎，\\n\\n"
>>> page += "他们使用的是与英国科学家克\\n隆绵羊相同的方法。"
>>> left, right = blocks_of(page, Context.default())
>>> opens_after_short_line(page, left, right, opening)
True
>>> page = page.replace("他们使用", "并且使用")
>>> opens_after_short_line(page, *blocks_of(page, Context.default()), opening)
False
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Finding
from .layout import Block
from .layout_measures import display_width, ends_sentence
from .rejoin_columns import last_line

# a last line this many cells (full-width characters) or more short of its column stops short of it: OCR's spaces
# inside figures and a dropped character leave a full line within FULL_LINE_SLACK (1.5) of it
SHORT_BY = 3.0
OPENING_REACH = 8  # characters of the right block the opening pattern may read
ENDS_OPEN = frozenset("，,")  # a last line's stop read as a comma; one ending on a letter or digit lost its stop
SUGGESTED_REASON = "左段末行未满栏（句号可能被识别成逗号或丢失）而右段像新句开头：只建议"


def stops_short_open(text: str, block: Block) -> bool:
    """Whether a block of a hard-wrapped column ends on a line well short of the column, on a comma or on no
    mark: where a paragraph ends whose 。 OCR misread, not where a column breaks a sentence.

    >>> stops_short_open("一二三四五六七八\\n九十，", Block(0, 12, lines=2, column=8.0))
    True
    >>> stops_short_open("一二三四五六七八\\n九十一二三四五，", Block(0, 17, lines=2, column=8.0))
    False
    >>> stops_short_open("一二三四五六七八\\n九十。", Block(0, 12, lines=2, column=8.0))
    False
    """
    if block.lines < 2 or not block.column:
        return False
    line = last_line(text, block).strip()
    if not line or ends_sentence(line) or not (line[-1] in ENDS_OPEN or line[-1].isalnum()):
        return False
    return display_width(line) <= block.column - SHORT_BY


def opens_after_short_line(text: str, left: Block, right: Block, opening: re.Pattern[str]) -> bool:
    """Whether `left` stops short of its column, open (`stops_short_open`), and `right` opens as a sentence does
    (`opening`, R101's `short_line_opening` in rules/rejoin.toml).

    >>> opening = re.compile("^据")
    >>> text = "一二三四五六七八\\n九十，\\n\\n据了解"
    >>> opens_after_short_line(text, Block(0, 12, lines=2, column=8.0), Block(14, 18), opening)
    True
    """
    if not stops_short_open(text, left):
        return False
    opening_text = "".join(text[right.start : right.start + 2 * OPENING_REACH].split())[:OPENING_REACH]
    return opening.match(opening_text) is not None


def only_suggested(finding: Finding, cap: float) -> Finding:
    """The join capped at confidence `cap`, under the pipeline's threshold, with the reason it is only suggested.

    >>> only_suggested(Finding("R101", 3, 5, "跨页断句：左段无句末标点", "", 0.97), 0.7).confidence
    0.7
    """
    return replace(finding, confidence=min(finding.confidence, cap), message=f"{finding.message}；{SUGGESTED_REASON}")
