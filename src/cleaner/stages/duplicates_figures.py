"""D103: a number with its unit typed twice (2019年2019年, 120亿元120亿元); the second copy is deleted.

>>> from cleaner.rules import load_rules
>>> [(f.start, f.end) for f in doubled_figures("投资120亿元120亿元", load_rules())]
[(7, 12)]
"""

from __future__ import annotations

import re

from ..model import Finding
from ..patterns import HAN_CLASS
from ..rules import RuleSet

# A number with its unit (or percent sign) followed at once by itself: 2019年2019年, 120亿元120亿元. Counting
# by groups (3个3个地数) is said with 地 after it. An operator is no unit: a sum of equal terms (15元加15元加18元,
# 5加5加5) repeats its term on purpose.
# (a digit first, the look-behind after it: a pattern opening on a look-behind is tried at every position)
DOUBLED_FIGURE = re.compile(
    f"([0-9](?<![0-9.．][0-9])[0-9]*(?:[.．][0-9]+)?(?:[%％‰]|(?:(?![加减乘除])[{HAN_CLASS}]){{1,2}}))\\1(?!地)"
)


def doubled_figures(text: str, rules: RuleSet) -> list[Finding]:
    """D103: a number with its unit typed twice; the second copy is deleted.

    >>> from cleaner.rules import load_rules
    >>> [(f.start, f.end) for f in doubled_figures("2019年2019年，投资120亿元120亿元，按3个3个地数", load_rules())]
    [(5, 10), (18, 23)]
    >>> [(f.start, f.end) for f in doubled_figures("增长4.5%4.5%4.5%，按3个3个3个地数", load_rules())]
    [(6, 14), (18, 20)]
    >>> [(f.start, f.end) for f in doubled_figures("15元加15元加18元，正是48元；5加5加5", load_rules())]
    []
    """
    if not rules.enabled("D103"):
        return []
    confidence = float(rules.option("D103", "confidence", 0.95))
    findings = []
    position = 0
    while (match := DOUBLED_FIGURE.search(text, position)) is not None:
        copy, end = match[1], match.end()
        # 4.5%4.5%4.5%: all extra copies go at once, so cleaning twice changes nothing more; a copy
        # before 地 counts by groups (3个3个3个地 keeps two)
        while text.startswith(copy, end) and not text.startswith("地", end + len(copy)):
            end += len(copy)
        copies = (end - match.start()) // len(copy)
        repeated = "出现两次，删去一处" if copies == 2 else f"连续出现 {copies} 次，删去多余的"
        findings.append(
            Finding("D103", match.start() + len(copy), end, f"数字连同单位重复：“{copy}”{repeated}", "", confidence)
        )
        position = end
    return findings
