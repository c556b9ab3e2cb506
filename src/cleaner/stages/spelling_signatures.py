"""Where a letter's signature names its writer: a block of its own, a place, a space, a name (河北 张明).

A readers' letters column signs each letter with where the writer lives and who they are (湖北 李秀兰,
东湖区阳光花园小区 读者 孟丽华). The name is one the model has not met, and reads to it like a misprint
(李秀兰 -> 李香兰), so the spelling stage never corrects it, as it never corrects a byline's name.
"""

from __future__ import annotations

import re

from ..patterns import HAN_CLASS
from ..rules import RuleSet
from .spelling_names import common_surnames

SPACE = r"[ \t\u3000]"


def signature_names(rules: RuleSet) -> re.Pattern[str]:
    """Where a signature block names its writer: after one or two runs of Han (a place, 读者), a run of two or
    three characters starting on a common surname (surnames.txt), alone in its block. Its group 1 is the name.

    >>> from cleaner.rules import load_rules
    >>> signature = signature_names(load_rules())
    >>> signature.search("……早日解决。\\n\\n湖北 李秀兰\\n\\n答复：")[1]
    '李秀兰'
    >>> signature.search("东湖区阳光花园小区 读者 孟丽华\\n")[1]
    '孟丽华'

    A line of a block (a column's wrap, a table's row) and a headline's two parts are no signature:

    >>> [signature.search(text) for text in ("他说：\\n湖北 李秀兰说", "前三季度 经济运行稳中有进\\n\\n正文")]
    [None, None]
    """
    surnames = re.escape(common_surnames(rules))
    return re.compile(
        rf"(?:\A|(?<=\n\n)){SPACE}*(?:[{HAN_CLASS}]{{2,12}}{SPACE}+){{1,2}}"
        rf"([{surnames}][{HAN_CLASS}]{{1,2}}){SPACE}*(?=\n{SPACE}*\n|\n?\Z)"
    )
