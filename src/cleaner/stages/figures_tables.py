"""F101 for a table set as text lines: a row's figure told again in the prose with another value; and the
values of a field (问题台账：36个) that one record gives twice, not a listing of records.

A page may print a table as lines of text, a header naming the columns (项目 年度任务 已完成) and a row per
item (农村公路提档升级 120公里 68公里), with prose beside it that tells the same item's figures. A sentence naming a
row's item and a count whose label is a column's name (目前已完成86公里, under 已完成) tells that cell again.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> table = "项目 年度任务 已完成\\n农村公路提档升级 120公里 68公里\\n城区学校新建扩建 4所 2所\\n\\n"
>>> [f.rule for f in find(table + "今年全县农村公路提档升级任务120公里，目前已完成86公里。", Context.default())]
['F101']
>>> find(table + "今年全县农村公路提档升级任务120公里，目前已完成68公里。", Context.default())
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from .figures_data import Relation, told_twice
from .figures_items import ItemChecks
from .quantities import Quantity

FIELDS = re.compile(r"[ \t\u3000]+")
FIELD = re.compile(r"[^ \t\u3000]+")
HEADER_FIELD = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）()]*")
ROW_LABEL = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、（）()]*")
CELL = re.compile(r"[\d.]+\S{0,4}")
MIN_ROWS = 2  # a header and two rows at least: a line or two of figures may be anything
# where a row's item meets its first figure (新建公厕 64座): a page with fewer of these than MIN_ROWS holds no table.
# It opens on the space, the lookbehind after it: a pattern opening on a Han character is tried at every one.
ROW_START = re.compile(r"[ \t\u3000](?<=[\u4e00-\u9fff、（）()][ \t\u3000])[ \t\u3000]*[\d.]")


def may_hold_rows(text: str, pattern: re.Pattern[str], rows: int) -> bool:
    """Whether `text` holds `rows` places where a row's item meets its first figure (`pattern`), as many as a table
    needs: most pages hold none, and their lines are not read one by one.

    >>> may_hold_rows("项目 任务\\n新建公厕 64座\\n改建公厕 20座\\n", ROW_START, MIN_ROWS)
    True
    >>> may_hold_rows("全县新建公厕64座，改建公厕 20座。", ROW_START, MIN_ROWS)
    False
    """
    return sum(1 for _ in islice(pattern.finditer(text), rows)) >= rows


@dataclass(frozen=True)
class Cell:
    """One figure of a table row: the row's item, its column's name, and the figure."""

    item: str
    column: str
    figure: Quantity


class TableChecks(ItemChecks):
    """F101 across a table and the prose beside it, for `Checker`, which holds the text and the patterns."""

    def table_cells(self, counts: Sequence[Quantity]) -> tuple[list[Cell], list[tuple[int, int]]]:
        """The cells of every table set as lines (a header of column names, then rows of as many fields, each an
        item and its figures), and the spans the tables cover.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> text = "说明如下：\\n项目 任务 已完成\\n新建公厕 64座 41座\\n改建公厕 20座 12座\\n其他 1\\n"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> cells, spans = checker.table_cells(extract(text, checker.p.units))
        >>> [(c.item, c.column, c.figure.show(text)) for c in cells][:3]
        [('新建公厕', '任务', '64座'), ('新建公厕', '已完成', '41座'), ('改建公厕', '任务', '20座')]
        >>> [text[a:b] for a, b in spans]  # the line of 其他, one field short, ends the table
        ['项目 任务 已完成\\n新建公厕 64座 41座\\n改建公厕 20座 12座']
        >>> text = "项目 投资 任务 已完成\\n新建公厕 860 64座 41座\\n改建公厕 120 20座 12座\\n"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> [(c.column, c.figure.show(text)) for c in checker.table_cells(extract(text, checker.p.units))[0]][:2]
        [('任务', '64座'), ('已完成', '41座')]
        """
        cells: list[Cell] = []
        spans: list[tuple[int, int]] = []
        if not may_hold_rows(self.text, ROW_START, MIN_ROWS):
            return cells, spans
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", self.text)]
        index = 0
        while index < len(lines):
            header = FIELDS.split(lines[index][1].strip())
            rows = []
            if len(header) >= 3 and all(HEADER_FIELD.fullmatch(f) for f in header):
                for start, line in lines[index + 1 :]:
                    fields = FIELDS.split(line.strip())
                    if len(fields) != len(header) or not ROW_LABEL.fullmatch(fields[0]):
                        break
                    if not all(CELL.fullmatch(f) for f in fields[1:]):
                        break
                    rows.append((start, line))
            if len(rows) < MIN_ROWS:
                index += 1
                continue
            for start, line in rows:
                fields = list(FIELD.finditer(line))
                # each field after the item is a figure of the column of its place, when the extractor reads one there
                # (a bare number, 4860 under 完成投资（万元）, is none: it leaves its column empty, not the next one's)
                for column, field in zip(header[1:], fields[1:], strict=True):
                    begin, finish = start + field.start(), start + field.end()
                    figure = next((q for q in counts if begin <= q.start < finish), None)
                    if figure is not None:
                        cells.append(Cell(fields[0].group(), column, figure))
            last_start, last_line = rows[-1]
            spans.append((lines[index][0], last_start + len(last_line)))
            index += len(rows) + 1
        return cells, spans

    def repeated_in_table(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101: a count of the prose whose sentence names a table row's item before it, with no other row's item or
        time between, and whose label is the name of a column of that row (目前已完成 under 已完成), in the cell's
        unit with another value."""
        cells, spans = self.table_cells(counts)
        if not cells:
            return
        items = {cell.item for cell in cells}
        for q in counts:
            if any(a <= q.start < b for a, b in spans):
                continue
            sentence = self.text[starts[q.sentence] : q.label_start]
            for cell in cells:
                named = sentence.rfind(cell.item)
                if named < 0 or cell.figure.base_unit != q.base_unit:
                    continue
                column, label = self.core(cell.column), self.core(q.label)
                if len(column) < 2 or column != label:
                    continue
                # a time between (去年已完成) makes another item; the table's own date is the present (目前, 截至6月底)
                between = self.p.present_time.sub("", self.p.as_of_now.sub("", sentence[named + len(cell.item) :]))
                if self.p.across_time.search(between):
                    continue
                if any(other in between for other in items - {cell.item}):
                    continue
                if cell.figure.base_value != q.base_value:
                    # the prose may tell it before the table as well as after
                    earlier, later = sorted((cell.figure, q), key=lambda figure: figure.start)
                    yield told_twice(
                        self.text,
                        cell.item + cell.column,
                        earlier,
                        later,
                        "在表格与正文中",
                        span=(earlier.start, later.end),
                    )
                break


# a line that gives a field and its value (问题台账：36个, 项目名称：滨河路改造工程)
FIELD_LINE = re.compile(r"[ \t\u3000]*([^\s：:，。；,;]{1,16})[：:]\S")


def is_field(text: str, q: Quantity) -> bool:
    """Whether the figure is a field's value, set after its name and a colon (问题台账：36个)."""
    return text[: q.start].rstrip(" \t\u3000").endswith(("：", ":"))


def one_record(text: str, first: Quantity, second: Quantity) -> bool:
    """Whether two values of one field stand in one record: field lines only from the first to the second, and
    no field between them named twice in their run of field lines. A listing of records (项目名称：…, 计划总投资：…,
    then the next 项目名称：…) names each field once per record, and a heading (西湖社区) may part them.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.quantities import extract
    >>> from cleaner.stages.units import Units
    >>> units = Units.from_rules(load_rules())
    >>> def told(text: str) -> bool:
    ...     first, *_, second = [q for q in extract(text, units) if q.label.endswith("台账")]
    ...     return one_record(text, first, second)
    >>> told("问题台账：36个\\n\\n整改措施：34条\\n\\n问题台账：63个")
    True
    >>> told("名称：东湖\\n\\n问题台账：36个\\n\\n名称：西湖\\n\\n问题台账：63个")
    False
    >>> told("东湖社区\\n\\n问题台账：36个\\n\\n西湖社区\\n\\n问题台账：63个")
    False
    """
    lines = text.split("\n")
    first_line = text.count("\n", 0, first.start)
    last_line = text.count("\n", 0, second.start)
    between = [line for line in lines[first_line : last_line + 1] if line.strip()]
    if not all(FIELD_LINE.match(line) for line in between):
        return False
    run_start, run_end = first_line, last_line
    while run_start > 0 and (not lines[run_start - 1].strip() or FIELD_LINE.match(lines[run_start - 1])):
        run_start -= 1
    while run_end + 1 < len(lines) and (not lines[run_end + 1].strip() or FIELD_LINE.match(lines[run_end + 1])):
        run_end += 1
    names = [m[1] for line in lines[run_start : run_end + 1] if (m := FIELD_LINE.match(line))]
    inner = [m[1] for line in between[1:-1] if (m := FIELD_LINE.match(line))]
    return all(names.count(name) == 1 for name in inner)
