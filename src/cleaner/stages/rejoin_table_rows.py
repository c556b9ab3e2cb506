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
# a row: a label of Han text (after an optional rank, spaced from it or not), then figures, and it ends on a figure
# (or its %); a comma or an enumeration mark may stand only between two digits, where OCR read a decimal point so
# (1 9，6 3), once doubled (2.01.， 1, 0,， 2); the row's last figure may follow one too (1. 51，031， 3). After
# such a point a digit the engine read as a look-alike (属门一2，王一3, 3一1. 工) is a figure too
FIGURE_MARK = f"[{DIGITS}][ ]?[，,、．.]{{1,2}}[ ]?"
DIGIT_LOOKALIKES = "工王丨Il|了"  # tesseract's readings of a narrow 1 or a 7 in a figure
ROW = re.compile(
    f"[ \\t\\u3000]*[{DIGITS}]{{0,2}}[ \\t\\u3000]?[{HAN_CLASS}][^。！？；：，,、\\n]*?"
    f"(?:{FIGURE_MARK}[{DIGITS}{DIGIT_LOOKALIKES}]|[^。！？；：，,、\\n])*"
    f"(?:{FIGURE_MARK}[{DIGIT_LOOKALIKES}]|(?:{FIGURE_MARK})?[{DIGITS}][%％]?)[ \\t\\u3000]*"
)
ROWS_IN_A_RUN = 3  # a break between two rows needs a third row next to them
# What ROW ends on, read from the line's end before the pattern runs: most lines end on no figure, and ROW's lazy
# label and its figures try every split of such a line before they fail (R101 and R102 ask at every break)
FIGURES = frozenset("0123456789０１２３４５６７８９")
PERCENT = frozenset("%％")
FIGURE_POINTS = frozenset("，,、．. ")  # what stands before a look-alike a row may end on (0. 工)
ROW_TRAILING_SPACE = frozenset(" \t\u3000")


def _line_at(text: str, position: int) -> tuple[int, int]:
    """The span of the line that holds `position` (a line break belongs to the line it ends)."""
    return text.rfind("\n", 0, position) + 1, _line_end(text, position)


def _line_end(text: str, position: int) -> int:
    """Where the line that holds `position` ends: its line break, or the text's end."""
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _is_row(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    return _ends_on_figure(text, start, end) and ROW.fullmatch(text, start, end) is not None


def _ends_on_figure(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` ends as ROW ends: a figure, perhaps its %, then spaces; a line that does not is no row.

    >>> [_ends_on_figure(line, 0, len(line)) for line in ("合计１２", "增长3% ", "增长3 %", "物价平稳。", "")]
    [True, True, False, False, False]
    """
    while end > start and text[end - 1] in ROW_TRAILING_SPACE:
        end -= 1
    if end - start >= 2 and text[end - 1] in DIGIT_LOOKALIKES and text[end - 2] in FIGURE_POINTS:
        return True
    if end > start and text[end - 1] in PERCENT:
        end -= 1
    return end > start and text[end - 1] in FIGURES


# the last character of a line that may end as ROW ends (`_ends_on_figure` then says), its trailing spaces after it
ROW_LAST = re.compile(
    f"[{re.escape(''.join(sorted(FIGURES | PERCENT | set(DIGIT_LOOKALIKES))))}][ \\t\\u3000]*(?![^\\n])"
)


def figure_line_ends(text: str) -> frozenset[int]:
    """Where the lines of `text` that end on a figure as a table's row does end (their line break, or the text's end):
    one scan of the page, so that a break between two lines ending on none (most) is known to part no rows.

    >>> sorted(figure_line_ends("合计１２\\n物价平稳。\\n增长3% \\n学了\\n0. 工"))
    [4, 16, 24]
    """
    ends = set()
    for last in ROW_LAST.finditer(text):
        end = last.end()
        if _ends_on_figure(text, text.rfind("\n", 0, end) + 1, end):
            ends.add(end)
    return frozenset(ends)


def a_line_ends_on_figure(text: str, start: int, end: int, figure_ends: frozenset[int]) -> bool:
    """Whether the line holding `start` or the one holding `end` (a break's two sides) ends on a figure as a table's
    row does, by the page's `figure_line_ends`.

    >>> page = "合计１２\\n物价平稳。\\n学了"
    >>> a_line_ends_on_figure(page, 4, 5, figure_line_ends(page)), a_line_ends_on_figure(page, 10, 11, frozenset({4}))
    (True, False)
    """
    return not figure_ends.isdisjoint((_line_end(text, start), _line_end(text, end)))


def between_table_rows(text: str, start: int, end: int, figure_ends: frozenset[int] | None = None) -> bool:
    """Whether the line break text[start:end] parts two rows of a table with a third row next to them, or a table's
    first or last row, two more rows beside it, from a line that is no row (its heading, a subhead, its source).
    `figure_ends`, the page's `figure_line_ends` when known, says at once that two lines ending on no figure part none.

    >>> page = "南京一2.4一3.8一0.2\\n上海一1.1一2.0一0.5\\n天津0.3一1.2一0.7\\n\\n他说，物价平稳。"
    >>> first, blank = page.index("\\n"), page.index("\\n\\n")
    >>> between_table_rows(page, first, first + 1), between_table_rows(page, blank, blank + 2)
    (True, False)
    >>> table = "涨幅低于平均水平的\\n南京一2.4一3.8一0.2\\n上海一1.1一2.0一0.5\\n天津0.3一1.2一0.7\\n（国家统计局）"
    >>> [between_table_rows(table, at, at + 1) for at in (table.index("\\n"), table.rindex("\\n"))]
    [True, True]
    >>> prose = "去年全市粮食产量达到1\\n5万吨，比上年增长1\\n3%。"
    >>> between_table_rows(prose, prose.index("\\n"), prose.index("\\n") + 1)
    False
    >>> at = prose.index("\\n")
    >>> between_table_rows(page, first, first + 1, figure_line_ends(page)), between_table_rows(prose, at, at + 1, set())
    (True, False)
    """
    if text.count("\n", start, end) != 1:
        return False
    if figure_ends is not None and not a_line_ends_on_figure(text, start, end, figure_ends):
        return False  # neither line ends on a figure
    left = _line_at(text, start)
    right = _line_at(text, end)
    if not _is_row(text, left):  # most lines: the line after is read only where the line before ends on no figure
        return _is_row(text, right) and _rows_beyond(text, right, 1)
    if not _is_row(text, right):
        return _rows_beyond(text, left, -1)
    before, after = _line_beside(text, left, -1), _line_beside(text, right, 1)
    return (before is not None and _is_row(text, before)) or (after is not None and _is_row(text, after))


def _line_beside(text: str, span: tuple[int, int], step: int) -> tuple[int, int] | None:
    """The line before (`step` -1) or after (+1) the line `span` in its block, None past a blank line or the edge."""
    if step < 0:
        start = span[0]
        return _line_at(text, start - 1) if start > 0 and text[start - 2 : start] != "\n\n" else None
    end = span[1]
    return _line_at(text, end + 1) if end < len(text) and text[end : end + 2] != "\n\n" else None


def _rows_beyond(text: str, span: tuple[int, int], step: int) -> bool:
    """Whether the two lines before (`step` -1) or after (+1) the row `span`, in its block, are rows too."""
    for _ in range(ROWS_IN_A_RUN - 1):
        beside = _line_beside(text, span, step)
        if beside is None or not _is_row(text, beside):
            return False
        span = beside
    return True


def _nearest_line(text: str, position: int, step: int) -> tuple[int, int] | None:
    """The span of the nearest non-blank line before (`step` -1) or after (+1) `position`, None at the text's edge."""
    while 0 <= position < len(text) and text[position].isspace():
        position += step
    if not 0 <= position < len(text):
        return None
    return _line_at(text, position)


def between_row_paragraphs(text: str, start: int, end: int, figure_ends: frozenset[int] | None = None) -> bool:
    """Whether the blank lines text[start:end] part two rows of a table set a row a paragraph, a third row beside;
    `figure_ends` as in `between_table_rows` (no row ends on the line before the blank ones: none is parted).

    A league table or a price list is often set a row a paragraph (1 青山队 10 7 2 1 23); its rows end on a figure
    and the next one starts on one (the rank), which reads to R101 as a number cut in two.

    >>> table = "积分榜\\n\\n1 青山队 10 7 2 1 23\\n\\n2 南湖队 10 7 1 2 22\\n\\n3 滨江队 10 6 4 0 22"
    >>> gaps = [m.start() for m in re.finditer("\\n\\n", table)]
    >>> [between_row_paragraphs(table, at, at + 2) for at in gaps]
    [False, True, True]
    >>> [between_row_paragraphs(table, at, at + 2, figure_line_ends(table)) for at in gaps]
    [False, True, True]
    >>> prose = "全年粮食产量达到1\\n\\n5万吨，比上年增长1\\n\\n3%。"
    >>> between_row_paragraphs(prose, prose.index("\\n"), prose.index("\\n") + 2)
    False
    """
    if text.count("\n", start, end) < 2 or text[start:end].strip():
        return False
    if figure_ends is not None and start and _line_end(text, start - 1) not in figure_ends:
        return False
    left = _line_at(text, start - 1) if start else None
    right = _line_at(text, end)
    if left is None or not (_is_row(text, left) and _is_row(text, right)):
        return False
    before = _nearest_line(text, left[0] - 1, -1)
    after = _nearest_line(text, right[1], 1)
    return (before is not None and _is_row(text, before)) or (after is not None and _is_row(text, after))
