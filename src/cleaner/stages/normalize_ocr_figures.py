"""N115: a figure's decimal point that a print OCR engine read as a comma or a full stop (2，7万人 for 2.7万人).

tesseract (chi_sim) reads the small full stop of a decimal set in a Song face as a comma: 2．7万人 came out 2，7万人,
1．29元 as 1，29元 (training articles scanned by `cleaner eval ocr`), and as 。 too (下跌10。50点, 2 6。 4人). No
writer sets either there: in the People's Daily training articles (1.26M characters) a comma stands between two
figures four times, each between whole figures of several digits (65091040，65092140) or before 年 or a dash, and a
full stop twice, before a year (1996年); never between a figure of one to four digits and one of one or two before a
unit of amount. Three digits after the comma could be a thousands separator, and are left.

>>> [(f.rule, f.replacement) for f in decimal_point_read_as_comma("其中美军2，7万人，人数减为1，6万人")]
[('N115', '.'), ('N115', '.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding

DIGIT = "0-9０-９"
# a unit of amount after the decimals: 万, 亿, 元, %, 倍, 米 (平方米 after 平), 吨, 公里/公斤, 美元, 港元; an index's
# 点, a score's 分 and 秒, 个 (个百分点): the units the corpus sets after a decimal most often
AMOUNT_UNIT = "万亿元%％倍米平吨公美港点分秒个"
# the comma or full stop between a whole part of one to four digits (no figure, decimal or comma before it) and one
# or two decimals; the engine's space between a figure's glyphs may stand beside any of them (1 ，5 5 亿元, 1， 4亿,
# 5 1 3 8。 3点: N111 mends the digits' own), and goes with the mark; a wrap may part the decimals from the unit
# (the first digit is matched before the lookbehinds are tried: the engine scans for a digit alone)
NOT_BEFORE = f"[{DIGIT}.．,，、/／]"
DECIMAL_COMMA = re.compile(
    f"[{DIGIT}](?<!{NOT_BEFORE}.)(?<!{NOT_BEFORE}[ \\t].)(?:[ \\t]?[{DIGIT}]){{0,3}}([ \\t]?[，,。][ \\t]?)"
    f"(?=[{DIGIT}](?:[ \\t]?[{DIGIT}])?[ \\t\\n]?[{AMOUNT_UNIT}])"
)


def decimal_point_read_as_comma(text: str) -> Iterator[Finding]:
    """N115: a comma or 。 between a figure's whole part and its one or two decimals before a unit of amount is its
    point.

    >>> [f.replacement for f in decimal_point_read_as_comma("平均租金1，29元，面积8，4平方米，每桶21，48美元")]
    ['.', '.', '.']
    >>> list(decimal_point_read_as_comma("电话：65091040，65092140。周期缩短2／3，5年即可，共1，234元。1996。12月"))
    []
    >>> [(f.start, f.end) for f in decimal_point_read_as_comma("投资1 ，5 5 亿元，面积1， 4亿平方米，共1 2 ，5 6 7个")]
    [(3, 5), (15, 17)]
    >>> [f.start for f in decimal_point_read_as_comma("下跌1 0。5 0点，以5 1 3 8。 3点报收，以349，6 7\\n点")]
    [5, 19, 30]
    """
    for match in DECIMAL_COMMA.finditer(text):
        yield Finding("N115", match.start(1), match.end(1), "数字中的小数点被OCR识别成逗号或句号", ".", 0.9)
