"""Whether a break cuts one token whose parts no paragraph break may part: a web or mail address, a Latin unit or
abbreviation, a figure and its unit, a number's digits, a count closing its clause.

>>> text = "网址:ww\\nw.nanlingcity.cn)"
>>> in_address(text, 5, 6), in_latin_token(text, 5, 6)
(True, True)
"""

from __future__ import annotations

import re

from ..patterns import ADDRESS, ADDRESS_CHARS, SENTENCE_END
from .layout_measures import ends_sentence
from .rejoin_signals import WINDOW
from .units import unit_reads

# a number closing a line right after its label's Han words: a table row's figure (．1420577 2.1) follows others
TRAILING_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])[0-9][0-9.]*$")
# The Latin letters that end the text before a break, and open the text after it (in_latin_token)
LATIN_RUN_BEFORE = re.compile(r"[A-Za-z]+$")
LATIN_RUN_AFTER = re.compile(r"[A-Za-z]+")
SENTENCE_MARKS = frozenset(SENTENCE_END)


def sentence_ended(text: str) -> bool:
    """`ends_sentence(text)`, its commonest answer first: text ending on a sentence's own mark ends one (the
    pattern's [。！？…][closers]*$ matches there) without the pattern's search, which rejoin asks at most breaks.

    >>> [sentence_ended(text) for text in ("会议圆满结束。", "完善好。（政文）", "良好氛", "")]
    [True, True, False, False]
    """
    return (text != "" and text[-1] in SENTENCE_MARKS) or ends_sentence(text)


def in_address(text: str, start: int, end: int) -> bool:
    """Whether the break `text[start:end]` cuts a web or mail address, which holds no space.

    >>> in_address("网址:ww\\nw.nanlingcity.cn)", 5, 6), in_address("the New\\nYork Times", 7, 8)
    (True, False)
    """
    left = ADDRESS_CHARS.search(text, max(0, start - 40), start)
    while left is not None and left.end() != start:
        left = ADDRESS_CHARS.search(text, left.end(), start)
    right = ADDRESS_CHARS.match(text, end)
    token = (left[0] if left else "") + (right[0] if right else "")
    return ADDRESS.search(token) is not None


def in_latin_token(text: str, start: int, end: int) -> bool:
    """Whether the break `text[start:end]` cuts one Latin token set in Chinese text: a unit or an abbreviation
    (6.1m|mol/L, 的B|MI最好, （B|MS）), whose letters touch no space on either side, not two words of a phrase,
    whose right one opens on a capital after a small letter (the New|York Times, （Event|Horizon）).

    >>> def cut(text: str) -> bool:
    ...     return in_latin_token(text, text.index("\\n"), text.index("\\n") + 1)
    >>> cut("低于6.1m\\nmol/L（毫"), cut("成人的B\\nMI最好"), cut("系统（B\\nMS）等")
    (True, True, True)
    >>> cut("the New\\nYork Times"), cut("（Event\\nHorizon）"), cut("（Event Horizon\\nscope）")
    (False, False, False)
    """
    left = LATIN_RUN_BEFORE.search(text, max(0, start - 40), start)
    right = LATIN_RUN_AFTER.match(text, end)
    if left is None or right is None or left.end() != start:
        return False
    if text[left.end() - 1].islower() and text[end].isupper():
        return False
    return not text[left.start() - 1 : left.start()].isspace() and not text[right.end() : right.end() + 1].isspace()


def figure_across(text: str, start: int, end: int, figure: re.Pattern[str] | None) -> bool:
    """Whether a figure runs across the break `text[start:end]`: a number ends the left side and its unit (`figure`,
    a pattern of rules/units.tsv) opens the right, so that the left line cannot end a headline.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.units import Units
    >>> figure = Units.from_rules(load_rules()).pattern
    >>> def across(text: str) -> bool:
    ...     return figure_across(text, text.index("|"), text.index("|") + 1, figure)
    >>> across("清单153|项，已整改"), across("长12.|6公里"), across("展望2024|年新气象"), across("清单153|，已")
    (True, True, False, False)
    >>> across("．14205772．1|批零贸易"), across("浩特2．8 0．8－0．5|成都")  # rows of a table
    (False, False)
    >>> across("平均分为568|分，"), across("7时40|分到达")  # a clock's minutes are no score (`unit_reads`)
    (True, False)
    """
    number = TRAILING_NUMBER.search(text, max(0, start - WINDOW), start) if figure else None
    if number is None or figure is None:
        return False
    found = figure.match(number[0] + text[end : end + WINDOW])
    if found is None or found.end() <= len(number[0]):
        return False
    after = end + found.end() - len(number[0])
    return unit_reads(found, text[number.start() - 1 : number.start()], text[after : after + 1])


# what goes on with a number's digits after a break: its next digit, its decimal point or its percent sign
NUMBER_GOES_ON = frozenset("0123456789.%")


def number_across(text: str, start: int, end: int) -> bool:
    """Whether the break `text[start:end]` (blocks between it or none) cuts a number: the text before ends on digits
    right after a Han word, and the text after goes on with a digit, a decimal point or a percent sign, where no
    headline ends and no paragraph starts (出口额为103 | 俄白两国签署经济合作协议 | 0亿美元，比前年下降).

    >>> text = "出口额为103\\n\\n俄白两国签署经济合作协议\\n\\n0亿美元，比前年下降3.4%。"
    >>> number_across(text, 7, text.index("0亿")), number_across("清单153\\n\\n项，已整改", 5, 7)
    (True, False)
    >>> number_across("1 青山队 10 7 2 1 23\\n\\n2023年，联赛", 17, 19)  # a table's row before a year
    False
    """
    return TRAILING_NUMBER.search(text, max(0, start - WINDOW), start) is not None and text[end : end + 1] in (
        NUMBER_GOES_ON
    )


# what closes the clause a count opens, where no paragraph can start (35名、优秀党务工作者12名)
CLAUSE_CLOSE = frozenset("、，,；;。")


def count_opens(right: str, figure: re.Pattern[str] | None, spans: frozenset[str]) -> bool:
    """Whether `right` opens with a count in digits and its unit that closes its clause at once (35名、): the count
    of an item the text before the break names (…优秀共产党员 | 35名、…), since no paragraph starts so. A span of
    time (3个月，) and a year or date (1998年，), which do open paragraphs, are no counts.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.units import Units
    >>> units = Units.from_rules(load_rules())
    >>> spans = frozenset(unit for unit, kind in units.kinds.items() if kind == "span")
    >>> openings = ("35名、优秀党务", "35名优秀党员受到", "3个月，他", "1998年，")
    >>> [count_opens(text, units.pattern, spans) for text in openings]
    [True, False, False, False]
    """
    found = figure.match(right) if figure is not None else None
    return (
        found is not None
        and unit_reads(found, "", right[found.end() : found.end() + 1])
        and bool(found["low"])
        and found["low"][0].isdigit()
        and found["unit"] not in spans
        and right[found.end() : found.end() + 1] in CLAUSE_CLOSE
    )


# an ellipsis closing running text: six dots (……) or three full stops (...)
ELLIPSIS_END = re.compile(r"(……|\.{3})$")


def ellipsis_runs_on(left: str, right: str, opening: re.Pattern[str] | None) -> bool:
    """Whether `left` stops on an ellipsis and `right` opens as its clause's rest (`opening`: a comma, 等, the particle
    的): an ellipsis may end a sentence, but what goes on after it this way shows it did not (…建了学校…… | 等，…).

    >>> opening = re.compile("^([，、；]|等|的)")
    >>> [ellipsis_runs_on("村里修了路，建了学校……", right, opening) for right in ("等，日子越过越好", "这些变化")]
    [True, False]
    >>> ellipsis_runs_on("村里修了路，建了学校。", "等，日子越过越好", opening)
    False
    """
    return opening is not None and ELLIPSIS_END.search(left) is not None and opening.match(right) is not None


# the longest word looked for on both sides of a break (a doubled word across it: 在中国 | 中国加入)
DOUBLED_REACH = 6


def doubled_across(text: str, start: int, end: int) -> int:
    """The length of the longest run of two or more Han characters that ends right before the break `text[start:end]`
    and is printed again right after it (…在中国 | 中国加入…: a word typed twice across a wrap), 0 if none.

    >>> text = "钱其琛感谢意大利在中国\\n中国加入世贸组织"
    >>> doubled_across(text, 11, 12), doubled_across("中国人民\\n银行", 4, 5)
    (2, 0)
    """
    for length in range(min(DOUBLED_REACH, start), 1, -1):
        word = text[start - length : start]
        if text.startswith(word, end) and all("\u4e00" <= character <= "\u9fff" for character in word):
            return length
    return 0
