"""A date cut after its digits: a block of digits alone, a page number's shape, that the next block completes.

R101 reads the left block as the first digits of a paragraph's opening date, not as a page number, when the two
together make a year before its 年 (19 | 97年使…) or, the left block holding the whole number, a month or a day
(9 | 月以来，…): rules/rejoin.toml `split_year` and `split_month_day`.

>>> year, month_day = re.compile("^(1[89]|20)[0-9]{2}年"), re.compile("^([1-9]|1[0-2])月(以来|初)")
>>> digits_complete_date("19", "97年使", year, month_day), digits_complete_date("9", "月以来，", year, month_day)
(True, True)
"""

from __future__ import annotations

import re

# The most characters of the right block a date's pattern is matched on, after the left block's digits.
OPENING_REACH = 4


def digits_complete_date(
    digits: str, right: str, year: re.Pattern[str] | None, month_day: re.Pattern[str] | None
) -> bool:
    """Whether `digits`, one to three ASCII digits alone, and the opening of `right` make a year (`year`, matched on the
    two together) or a month or a day whose number `digits` holds whole (`month_day`: `right` opens on no digit, as
    1 | 2月以来 may be a page number before a paragraph that opens on 2月).

    >>> year, month_day = re.compile("^(1[89]|20)[0-9]{2}年"), re.compile("^([1-9]|1[0-2])月(以来|初)")
    >>> digits_complete_date("6", "月初，全省", year, month_day), digits_complete_date("1", "2月以来", year, month_day)
    (True, False)
    >>> digits_complete_date("3", "97年的经验", year, month_day), digits_complete_date("13", "月以来", year, month_day)
    (False, False)
    """
    if not (0 < len(digits) < 4 and digits.isascii() and digits.isdigit()):
        return False
    opening = digits + right[:OPENING_REACH]
    if year is not None and year.match(opening) is not None:
        return True
    return month_day is not None and not right[:1].isdigit() and month_day.match(opening) is not None
