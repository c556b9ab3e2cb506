"""Rows of a table whose blank lines an OCR engine dropped: each line a label and its figures, ending on a figure.

A page sets a table's rows as paragraphs (南京－２．４－３．８－０．２, 四川制药１９．６３); tesseract keeps each row
on a line but often drops the blank lines between them, and its rows, set in one narrow column, are as wide as each
other: R101 and R102 read them as a column's full lines and joined them. A prose line cut by a column's width
seldom ends on a digit, and three in a row, none holding a clause's mark, never do; such lines are kept apart.

>>> rows = "１四川制药１９．６３\\n2新亚快餐1 5 0 9\\n3云南马龙1 5 0 1\\n4自仪股份1 4，7 4"
>>> between_table_rows(rows, rows.index("\\n2"), rows.index("\\n2") + 1)
True
>>> prose = "去年全市粮食产量达到1\\n5万吨，比上年增长1\\n3%。"
>>> between_table_rows(prose, prose.index("\\n"), prose.index("\\n") + 1)
False
"""

from __future__ import annotations

import re

from ..patterns import HAN_CLASS

DIGITS = "0-9０-９"
# a row: a label of Han text (after an optional rank), then figures, and it ends on a figure (or its %); a comma or
# an enumeration mark may stand only between two digits, where OCR read a decimal point so (1 9，6 3)
ROW = re.compile(
    f"[ \\t\\u3000]*[{DIGITS}]{{0,2}}[{HAN_CLASS}][^。！？；：，,、\\n]*?"
    f"(?:[{DIGITS}][ ]?[，,、．.][ ]?[{DIGITS}]|[^。！？；：，,、\\n])*[{DIGITS}][%％]?[ \\t\\u3000]*"
)
ROWS_IN_A_RUN = 3  # a break between two rows needs a third row next to them


def _line_at(text: str, position: int) -> tuple[int, int]:
    """The span of the line that holds `position` (a line break belongs to the line it ends)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _is_row(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    return start < end and ROW.fullmatch(text, start, end) is not None


def between_table_rows(text: str, start: int, end: int) -> bool:
    """Whether the line break text[start:end] parts two rows of a table with a third row next to them.

    >>> page = "南京一2.4一3.8一0.2\\n上海一1.1一2.0一0.5\\n天津0.3一1.2一0.7\\n\\n他说，物价平稳。"
    >>> first, blank = page.index("\\n"), page.index("\\n\\n")
    >>> between_table_rows(page, first, first + 1), between_table_rows(page, blank, blank + 2)
    (True, False)
    """
    if text.count("\n", start, end) != 1:
        return False
    left = _line_at(text, start)
    right = _line_at(text, end)
    if not (_is_row(text, left) and _is_row(text, right)):
        return False
    before = _line_at(text, left[0] - 1) if left[0] > 0 and text[left[0] - 2 : left[0]] != "\n\n" else None
    after = _line_at(text, right[1] + 1) if right[1] < len(text) and text[right[1] : right[1] + 2] != "\n\n" else None
    return (before is not None and _is_row(text, before)) or (after is not None and _is_row(text, after))
