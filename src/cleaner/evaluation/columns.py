"""A paragraph cut into the lines of a narrow column: the one wrapping every evaluation sets its columns with.

>>> column_lines("今年以来，魏都区坚持不懈优化营商环境。", 8)
['今年以来，魏都区', '坚持不懈优化营商', '环境。']
>>> wrapped_column("甲乙。丙", 2, no_line_start=NO_LINE_START)
'甲乙。\\n丙'
"""

from __future__ import annotations

# Closing marks a typesetter never puts at a line's start (kinsoku): they stay at the end of the line before.
NO_LINE_START = "，。、；：？！）」』”’》〉…%％"


def column_lines(paragraph: str, width: int, no_line_start: str = "") -> list[str]:
    """A paragraph cut into lines of `width` characters (a `width` of 0: one line); a mark in `no_line_start` never
    opens a line but ends the line before. Without such marks line k starts at k * `width`, which the evaluations'
    cut positions count on.

    >>> column_lines("甲乙。丙", 2), column_lines("甲乙。丙", 2, "。"), column_lines("甲乙", 0), column_lines("", 3)
    (['甲乙', '。丙'], ['甲乙。', '丙'], ['甲乙'], [])
    """
    if not width:
        return [paragraph] if paragraph else []
    lines: list[str] = []
    start = 0
    while start < len(paragraph):
        end = min(start + width, len(paragraph))
        while end < len(paragraph) and paragraph[end] in no_line_start:
            end += 1
        lines.append(paragraph[start:end])
        start = end
    return lines


def wrapped_column(text: str, width: int, no_line_start: str = "") -> str:
    """`text` as a column of `width` prints it, its lines parted by single line breaks (`width` 0: as it is).

    >>> wrapped_column("魏都区优化营商环境", 4), wrapped_column("魏都区", 0)
    ('魏都区优\\n化营商环\\n境', '魏都区')
    """
    return "\n".join(column_lines(text, width, no_line_start))
