"""Numbers as print writes them: in Arabic or Chinese digits, and the magnitudes (万, 亿) they end on.

>>> parse_number("一万二"), chinese_scale("三万")
(12000.0, 10000.0)
"""

from __future__ import annotations

from functools import lru_cache

from ..patterns import NUMBER_TO_HALF

CN_DIGITS = "〇零一二两三四五六七八九十百千万亿"
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
# The magnitudes a numeral in Chinese digits may end on, longest first: 三万 is written as 3万 is, rounded to
# its ten thousands; 一万二千五百 ends on a digit and is as exact as 12500. (千 is a digit here: 三千 is 3000.)
CHINESE_MAGNITUDES = sorted(MAGNITUDES.keys() - {"千"}, key=len, reverse=True)
ARABIC = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．·][0-9０-９]+)?"
CHINESE = f"[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?"


@lru_cache(maxsize=4096)
def parse_number(token: str) -> float | None:
    """A number written in Arabic or Chinese digits, or None.

    >>> parse_number("三十六"), parse_number("１２０"), parse_number("1,200.5"), parse_number("百")
    (36.0, 120.0, 1200.5, 100.0)
    >>> parse_number("三点五"), parse_number("两千"), parse_number("一万二"), parse_number("二〇〇八")
    (3.5, 2000.0, 12000.0, 2008.0)
    """
    token = token.translate(NUMBER_TO_HALF).replace(",", "").replace("，", "").replace("·", ".")
    if token[0].isdigit():
        try:
            return float(token)
        except ValueError:
            return None
    if token[0] in "百千万亿":
        token = "一" + token
    import cn2an  # here, not at the top: loading it takes a tenth of a second that `cleaner --help` need not pay

    try:
        return float(cn2an.cn2an(token.translate(CN_VARIANTS), "normal"))
    except (ValueError, KeyError, IndexError):
        return None


CN_VARIANTS = str.maketrans("两〇", "二零")


def chinese_scale(numeral: str) -> float:
    """The magnitude a numeral in Chinese digits ends on, which it is rounded at; 1 for any other.

    >>> chinese_scale("三万"), chinese_scale("十二亿"), chinese_scale("三千万"), chinese_scale("一万二千五百")
    (10000.0, 100000000.0, 10000000.0, 1.0)
    """
    return next((MAGNITUDES[word] for word in CHINESE_MAGNITUDES if numeral.endswith(word)), 1.0)
