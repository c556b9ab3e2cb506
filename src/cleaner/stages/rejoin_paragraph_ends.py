"""A paragraph's end that OCR blurred: a column's short last line whose stop was read as a comma or lost.

A column is cut after a full line, so a sentence cut by a page or column break leaves its left half on a full
line. A hard-wrapped column's block whose last line stops well short of the column, on a comma or on no mark,
before a blank line and a block opening as sentences open (他们…, 这次…, 据…, 去年…, 在…), is a paragraph whose
final 。 the engine read as ， or dropped (tesseract: 个这些动物的胚胎，|他们使用的是…). A page may still set a cut's
left half so (acceptance page 020: 一样一|样地摸索,|慢慢成了…), so such a join is only suggested, never applied.

A faint face (bold Song) reads a paragraph's 。 as ， on a full line too (务求实效，|这次论坛由…), where a column's
cut leaves its left half as well. There the language model tells them apart, if not surely: the model's gain of 。
over ， at the gap (`stop_gain`). On the tuning fold, with a model that never saw it, a real comma before a sentence's
opening gains STOP_GAIN or more 0.8% of the time, a paragraph's 。 13%; any real comma gains FULL_LINE_GAIN or more
0.5% of the time, a paragraph's 。 11%. Page 020's comma gains -0.26. Those joins, too, are only suggested.

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
from collections.abc import Callable
from dataclasses import replace

from ..model import Finding
from .layout import Block
from .layout_measures import display_width, ends_sentence
from .rejoin_columns import last_line

# a last line this many cells (full-width characters) or more short of its column stops short of it: OCR's spaces
# inside figures and a dropped character leave a full line within FULL_LINE_SLACK (1.5) of it
SHORT_BY = 3.0
OPENING_REACH = 11  # characters of the right block the opening pattern may read: a speaker of 8 and 说，
ENDS_OPEN = frozenset("，,")  # a last line's stop read as a comma; one ending on a letter or digit lost its stop
SUGGESTED_REASON = "左段末行以逗号或无标点结束（句号可能被识别成逗号或丢失），而右段像新句开头：只建议"
# the model's log10 gain of 。 over ， at the gap: with a sentence's opening after it or a short line before it, and
# alone after a full line (tuned on the tuning fold with the tuning model; see the module's docstring); R101's
# `stop_gain` and `full_line_stop_gain` in rules/rejoin.toml
STOP_GAIN = 0.5
FULL_LINE_GAIN = 1.5
STOP_REACH = 8  # characters each side the model reads
StopGain = Callable[[str, str], float]  # (text before the comma, text after the gap) -> log10 gain of 。 over ，


def stops_short_open(text: str, block: Block, column: float) -> bool:
    """Whether a block of a hard-wrapped column ends on a line well short of the column, on a comma or on no
    mark: where a paragraph ends whose 。 OCR misread, not where a column breaks a sentence.

    >>> stops_short_open("一二三四五六七八\\n九十，", Block(0, 12, lines=2, column=8.0), 8.0)
    True
    >>> stops_short_open("一二三四五六七八\\n九十一二三四五，", Block(0, 17, lines=2, column=8.0), 8.0)
    False
    >>> stops_short_open("一二三四五六七八\\n九十。", Block(0, 12, lines=2, column=8.0), 8.0)
    False
    """
    if not column:
        return False
    line = last_line(text, block).strip()
    if not line or ends_sentence(line) or not (line[-1] in ENDS_OPEN or line[-1].isalnum()):
        return False
    return display_width(line) <= column - SHORT_BY


def wrapped_column(text: str, left: Block, right: Block) -> float:
    """The width of the hard-wrapped column `left` ends, 0.0 if none: its own, or, for a one-line block that a line
    above runs on into (layout set the lines of a dateline's paragraph apart: 据新华社…电⏎…⏎日再次下挫,), the
    column of the block after it.

    >>> after = Block(14, 18, lines=2, column=8.0)
    >>> wrapped_column("一二三四五六七八\\n九十，\\n\\n据了解", Block(9, 12, lines=1), after)
    8.0
    >>> wrapped_column("标题\\n\\n九十，\\n\\n据了解", Block(4, 7, lines=1), Block(9, 13, lines=2, column=8.0))
    0.0
    """
    if left.lines >= 2:
        return left.column
    runs_on = left.start >= 2 and text[left.start - 1] == "\n" and not text[left.start - 2].isspace()
    return right.column if runs_on else 0.0


def opens_after_short_line(
    text: str,
    left: Block,
    right: Block,
    opening: re.Pattern[str],
    stop_gain: StopGain | None = None,
    gains: tuple[float, float] = (STOP_GAIN, FULL_LINE_GAIN),
) -> bool:
    """Whether `left` ends a paragraph whose 。 OCR read as ， or lost: it stops short of its column, open
    (`stops_short_open`), and `right` opens as a sentence does (`opening`, R101's `short_line_opening` in
    rules/rejoin.toml) or the model prefers 。 at the gap by `gains[0]` (`stop_gain`); or a full line of a
    hard-wrapped column ends on a comma the model reads as 。 (`comma_read_for_stop`, with both `gains`).

    >>> opening = re.compile("^据")
    >>> text = "一二三四五六七八\\n九十，\\n\\n据了解"
    >>> opens_after_short_line(text, Block(0, 12, lines=2, column=8.0), Block(14, 18), opening)
    True
    >>> opens_after_short_line(text, Block(0, 12, lines=2, column=8.0), Block(14, 18), re.compile("^在"))
    False
    >>> opens_after_short_line(text, Block(0, 12, lines=2, column=8.0), Block(14, 18), re.compile("^在"),
    ...                        lambda left, right: 1.0)
    True
    """
    opening_text = "".join(text[right.start : right.start + 2 * OPENING_REACH].split())[:OPENING_REACH]
    opens = opening.match(opening_text) is not None
    column = wrapped_column(text, left, right)
    if stops_short_open(text, left, column):
        return opens or (stop_gain is not None and gain_at(text, left, right, stop_gain) >= gains[0])
    return stop_gain is not None and comma_read_for_stop(text, left, right, opens, stop_gain, gains)


def gain_at(text: str, left: Block, right: Block, stop_gain: StopGain) -> float:
    """The model's gain of 。 over ， between the end of `left` (its comma, if any, left out) and `right`.

    >>> gain_at("甲乙，\\n\\n丙丁", Block(0, 3), Block(5, 7), lambda left, right: float(len(left + right)))
    4.0
    """
    before = "".join(text[max(left.start, left.end - 2 * STOP_REACH) : left.end].split()).rstrip("，,")
    after = "".join(text[right.start : right.start + 2 * STOP_REACH].split())
    return stop_gain(before[-STOP_REACH:], after[:STOP_REACH])


def comma_read_for_stop(
    text: str,
    left: Block,
    right: Block,
    opens: bool,
    stop_gain: StopGain,
    gains: tuple[float, float] = (STOP_GAIN, FULL_LINE_GAIN),
) -> bool:
    """Whether a hard-wrapped column's block ends on a comma the model reads as a paragraph's 。: it gains
    `gains[0]` before a sentence's opening (`opens`), `gains[1]` before anything.

    >>> block = Block(0, 11, lines=2, column=5.0)
    >>> comma_read_for_stop("一二三四五\\n六七八九，\\n\\n这次", block, Block(13, 15), True, lambda a, b: 0.6)
    True
    >>> comma_read_for_stop("一二三四五\\n六七八九，\\n\\n这次", block, Block(13, 15), False, lambda a, b: 0.6)
    False
    """
    if left.lines < 2 or not left.column:
        return False
    if last_line(text, left).strip()[-1:] not in ENDS_OPEN:
        return False
    return gain_at(text, left, right, stop_gain) >= (gains[0] if opens else gains[1])


def only_suggested(finding: Finding, cap: float) -> Finding:
    """The join capped at confidence `cap`, under the pipeline's threshold, with the reason it is only suggested.

    >>> only_suggested(Finding("R101", 3, 5, "跨页断句：左段无句末标点", "", 0.97), 0.7).confidence
    0.7
    """
    return replace(finding, confidence=min(finding.confidence, cap), message=f"{finding.message}；{SUGGESTED_REASON}")
