"""Dates that cannot be: 2月30日, 13月, 1997年2月29日, and ranges that end before they start.

>>> import re
>>> [(r.holds, r.message) for r in date_relations("会议于2月30日召开", re.compile("(?!)"))]
[(False, '日期不存在：2月只有29天，却写作2月30日')]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from .figures_data import Relation
from .numerals import parse_number
from .quantities import broken_number

NUM = r"[0-9]{1,4}|[〇零一二三四五六七八九十]{1,4}"
# The month comes first in the pattern (a leading optional year would be tried at every character);
# the year is read backwards from where the month starts.
DATE = re.compile(
    rf"(?<![0-9〇零一二三四五六七八九十])(?P<month>{NUM})月(?:(?P<day>{NUM})[日号])?"
    rf"(?:(?P<link>至|到|～|~|—|-)(?:(?P<month2>{NUM})月)?(?P<day2>{NUM})[日号])?"
)
MONTH = re.compile("月")
NUMBER_BEFORE = re.compile("(?:[0-9]{1,2}|[〇零一二三四五六七八九十]{1,3})$")
YEAR_BEFORE = re.compile("(?P<year>[0-9]{4}|[〇零一二三四五六七八九]{4})年$")


def days_in(month: int, year: int | None) -> int:
    """The days of a month; February has 29 unless the year says otherwise.

    >>> days_in(2, None), days_in(2, 1997), days_in(4, None)
    (29, 28, 30)
    """
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    return calendar.monthrange(2000, month)[1]


def _number(token: str | None) -> int | None:
    value = parse_number(token) if token else None
    return None if value is None or value != int(value) else int(value)


def date_relations(text: str, lunar: re.Pattern[str]) -> Iterator[Relation]:
    """F105: every written date checked for existence, and every range for its order."""
    if "月" not in text:
        return
    for month_mark in MONTH.finditer(text):
        number = NUMBER_BEFORE.search(text, max(0, month_mark.start() - 3), month_mark.start())
        match = DATE.match(text, number.start()) if number and not broken_number(text, number.start()) else None
        if match is None:
            continue
        month, day = _number(match["month"]), _number(match["day"])
        if month is None or day is None or lunar.search(text, max(0, match.start() - 8), match.start()):
            continue
        if text.startswith(("份", "底", "初"), match.end("month") + 1) and match["day"] is None:
            continue
        year_match = YEAR_BEFORE.search(text, max(0, match.start() - 5), match.start())
        year = _number(year_match["year"]) if year_match else None
        begin = year_match.start() if year_match else match.start()
        shown = text[begin : match.end("day") + 1]
        span = (begin, match.end())
        if not 1 <= month <= 12:
            yield Relation("F105", *span, False, f"日期不存在：没有{month}月，却写作{shown}", (match.start(),))
            continue
        limit = days_in(month, year)
        ok = 1 <= day <= limit
        message = f"日期不存在：{month}月只有{limit}天，却写作{shown}"
        if year is not None and month == 2 and day == 29 and not ok:
            message = f"日期不存在：{year}年不是闰年，2月只有28天，却写作{shown}"
        yield Relation("F105", *span, ok, message, (match.start(),))
        if not ok or match["day2"] is None:
            continue
        month2, day2 = _number(match["month2"]) or month, _number(match["day2"])
        if day2 is None:
            continue
        # 12月28日至1月3日 runs into the next year; only a backward step within half a year is a slip.
        backwards = (month2, day2) < (month, day) and (month - month2) < 6
        message = f"日期先后颠倒：{text[begin : match.end()]}，结束（{month2}月{day2}日）早于开始（{month}月{day}日）"
        yield Relation("F105", *span, not backwards, message, (match.start(),))
