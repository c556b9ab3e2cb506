"""What the page prints elsewhere around a doubled stretch: the same words with one copy, which show the doubling a
typo, or a term ending at the first copy, which shows it a new word the word list lacks followed by its second copy.

>>> page = "召开全区警示教育教育大会\\n\\n本报讯 区里召开全区警示教育大会。"
>>> printed_single_elsewhere(page, page.index("教育"), "教育", 2, 2)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..patterns import HAN


def printed_single_elsewhere(text: str, start: int, unit: str, copies: int, reach: int) -> bool:
    """Whether the page prints the words around a doubled `unit` elsewhere with one copy: `reach` characters
    each side (no line break among them) and the unit once. A headline doubled (警示教育教育大会) above the
    body that names the same meeting once (全区警示教育大会) is a typo, whatever form it resembles.

    >>> printed_single_elsewhere("召开全区警示教育教育大会\\n\\n本报讯 区里召开全区警示教育大会。", 6, "教育", 2, 2)
    True
    >>> printed_single_elsewhere("这个问题要研究研究。大家研究一下。", 5, "研究", 2, 2)
    False
    """
    end = start + copies * len(unit)
    left, right = text[max(0, start - reach) : start], text[end : end + reach]
    if len(left) < reach or len(right) < reach or "\n" in left + right:
        return False
    return left + unit + right in text


def page_prints_term(lexicon: Any, text: str, start: int, reach: int = 2, min_frequency: int = 3) -> str | None:
    """The term that the `reach` Han characters before a doubled character form with its first copy, if the page
    prints that term elsewhere ending there: a new word the word list lacks (充电桩, 工作群) shows itself so.

    Elsewhere the term must end where it is printed (系列纪念 holds no term 系列纪: 纪念 is a word) and run on
    otherwise than here, since a stretch read twice (却在雪，… 却在雪雪，) prints the same words around the pair.

    >>> from cleaner.lexicon import lexicon
    >>> from cleaner.pipeline import Context
    >>> words = lexicon(Context.default())
    >>> page_prints_term(words, "增设充电桩等。新增充电桩桩620个", 11)
    '充电桩'
    >>> page_prints_term(words, "开展系列纪念活动。系列纪纪念", 11) is None
    True
    >>> page_prints_term(words, "赢得阵阵掌声。现场观众的阵阵掌声", 12) is None
    True
    """
    term = text[start - reach : start + 1] if start >= reach else ""
    if len(term) <= reach or not all(HAN.match(char) for char in term):
        return None
    doubled, after = text[start], text[start + 2 : start + 3]
    position = text.find(term)
    while position >= 0:
        following = text[position + len(term) : position + len(term) + 1]
        if (
            position != start - reach
            and following not in (doubled, after)
            and lexicon.frequency(doubled + following) < min_frequency
        ):
            return term
        position = text.find(term, position + 1)
    return None


def term_printed_before(text: str, start: int, times: int = 2, longest: int = 3) -> str | None:
    """The term of two or three Han characters closing at the doubled character at `start` that the page prints
    `times` times or more elsewhere, each time followed by another character: a new word the word list lacks
    (a patent's 网带, printed as 网带输送机构, 其网带, 网带速度), which the first copy closes, as 网带|带动 meet.

    >>> page = "包括网带输送机构。其网带浸入热水。蔬菜由网带带动通过漂烫槽，时间由网带速度控制。"
    >>> term_printed_before(page, page.index("带带"))
    '网带'
    >>> term_printed_before("网带输送机构。蔬菜由网带带动通过。", 12) is None  # printed once elsewhere
    True
    """
    for length in range(2, longest + 1):
        term = text[start + 1 - length : start + 1] if start + 1 >= length else ""
        if len(term) < length or not all(HAN.match(char) for char in term):
            return None
        found, position = 0, text.find(term)
        while position >= 0:
            if position != start + 1 - length and text[position + length : position + length + 1] != text[start]:
                found += 1
            position = text.find(term, position + 1)
        if found >= times:
            return term
    return None


def unit_closes_printed_name(lexicon: Any, text: str, start: int, units: Sequence[str]) -> str | None:
    """The place name that an administrative unit doubled at `start` closes (青石市|市场监管局, 河口县|县委), if
    the page prints that name elsewhere: the name is a word of its own the word list lacks, and the second copy
    opens the body the unit heads, so the pair is two words meeting, as 全市|市场 is.

    >>> from cleaner.lexicon import lexicon
    >>> from cleaner.pipeline import Context
    >>> words = lexicon(Context.default())
    >>> unit_closes_printed_name(words, "青石市图书馆开放。青石市市场监管局检查。", 11, ("市",))
    '青石市'
    >>> unit_closes_printed_name(words, "近日，青石市市场监管局检查。", 5, ("市",)) is None  # printed once only
    True
    """
    if text[start] not in units:
        return None
    return page_prints_term(lexicon, text, start)
