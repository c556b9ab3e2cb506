"""N115: a figure's decimal point that a print OCR engine read as a comma (2，7万人 for 2.7万人).

tesseract (chi_sim) reads the small full stop of a decimal set in a Song face as a comma: 2．7万人 came out 2，7万人,
1．29元 as 1，29元 (training articles scanned by `cleaner eval ocr`). No writer sets a comma there: in the People's
Daily training articles a comma stands between two figures four times in 1.2M characters, each between whole
figures of several digits (65091040，65092140) or before 年 or a dash, never a figure of one to three digits and one
of one or two before a unit of amount. Three digits after the comma could be a thousands separator, and are left.

>>> [(f.rule, f.replacement) for f in decimal_point_read_as_comma("其中美军2，7万人，人数减为1，6万人")]
[('N115', '.'), ('N115', '.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding

DIGIT = "0-9０-９"
# a unit of amount after the decimals: 万, 亿, 元, %, 倍, 米 (平方米 after 平), 吨, 公里/公斤, 美元, 港元
AMOUNT_UNIT = "万亿元%％倍米平吨公美港"
# the comma between a whole part of one to three digits (no figure, decimal or comma before it) and one or two decimals;
# the engine's space between a figure's glyphs may stand beside any of them (1 ，5 5 亿元, 1， 4亿, 7 ，5 万: N111 mends
# the digits' own), and goes with the comma
# (the first digit is matched before the lookbehinds are tried: the engine scans for a digit alone)
NOT_BEFORE = f"[{DIGIT}.．,，、/／]"
DECIMAL_COMMA = re.compile(
    f"[{DIGIT}](?<!{NOT_BEFORE}.)(?<!{NOT_BEFORE}[ \t].)(?:[ \t]?[{DIGIT}]){{0,2}}([ \t]?[，,][ \t]?)"
    f"(?=[{DIGIT}](?:[ \t]?[{DIGIT}])?[ \t]?[{AMOUNT_UNIT}])"
)


def decimal_point_read_as_comma(text: str) -> Iterator[Finding]:
    """N115: a comma between a figure's whole part and its one or two decimals before a unit of amount is its point.

    >>> [f.replacement for f in decimal_point_read_as_comma("平均租金1，29元，面积8，4平方米，每桶21，48美元")]
    ['.', '.', '.']
    >>> list(decimal_point_read_as_comma("电话：65091040，65092140。周期缩短2／3，5年即可，共1，234元"))
    []
    >>> [(f.start, f.end) for f in decimal_point_read_as_comma("投资1 ，5 5 亿元，面积1， 4亿平方米，1 2 ，5个")]
    [(3, 5), (15, 17)]
    """
    for match in DECIMAL_COMMA.finditer(text):
        yield Finding("N115", match.start(1), match.end(1), "数字中的小数点被OCR识别成逗号", ".", 0.9)
