"""F101 for a ledger of indicators set as lines with no header (地区生产总值 168.4亿元 增长6.2%): a row's figure told
again in the prose with another value.

A page may print a box of its main indicators, one per line, each an item, its amount and its growth, under a
title that names their period (上半年全县主要经济指标完成情况), with prose beside it that tells the same items. A
prose count whose label is a row's item (a scope before it allowed: 全县), or a growth rate told of that item
(固定资产投资同比增长1.7%, or 增长4.3% right after the item's count), tells that cell again, unless its sentence
names a time the title does not.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> box = "上半年指标\\n\\n生产总值 168.4亿元 增长6.2%\\n\\n固定资产投资 增长7.1%\\n\\n财政收入 9.8亿元 增长4.3%\\n"
>>> [f.rule for f in find(box + "上半年，全县财政收入9.8亿元，增长4.3%。固定资产投资同比增长1.7%。", Context.default())]
['F101']
>>> find(box + "上半年，全县财政收入9.8亿元，增长4.3%。固定资产投资同比增长7.1%。", Context.default())
[]
>>> find(box + "去年，全县财政收入8.9亿元。一季度固定资产投资同比增长1.7%。", Context.default())
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .figures_data import Relation, told_twice
from .figures_items import MARKS_ONLY, ItemChecks
from .figures_tables import may_hold_rows
from .quantities import Quantity

# A row: an item, then one to three figures, each with its unit and at most a change before it (增长6.2%).
CHANGE_WORDS = "增长|下降|增加|减少"
LEDGER_ROW = re.compile(
    rf"[ \t\u3000]*(?P<item>[\u4e00-\u9fff][\u4e00-\u9fff（）()]{{1,20}})"
    rf"(?:[ \t\u3000]+(?:{CHANGE_WORDS})?-?[0-9][0-9.]*[^\s0-9]{{0,4}}){{1,3}}[ \t\u3000]*"
)
ROW_CHANGE = re.compile(rf"(?:{CHANGE_WORDS})$")
# where a row's item meets its first figure (财政收入 9.8亿元, 固定资产投资 增长7.1%)
ROW_START = re.compile(rf"[ \t\u3000](?<=[\u4e00-\u9fff（）()][ \t\u3000])[ \t\u3000]*(?:{CHANGE_WORDS})?-?[0-9]")
# A growth rate told against the same period a year before, as a ledger's bare 增长 is; 环比 is another rate.
YEAR_ON_YEAR = re.compile(r"^(?:同比|比上年|比去年|比上年同期|比去年同期|较上年|较去年|较上年同期|较去年同期)?$")
CHANGE_ONLY = re.compile(rf"^(?:同比)?(?P<change>{CHANGE_WORDS})$")
MIN_LEDGER_ROWS = 3  # two lines of figures may be anything


@dataclass(frozen=True)
class LedgerCell:
    """One figure of a ledger row: the row's item, the change it tells ("" for an amount), and the figure."""

    item: str
    change: str
    figure: Quantity


class LedgerChecks(ItemChecks):
    """F101 across a ledger and the prose beside it, for `Checker`, which holds the text and the patterns."""

    def ledger_cells(self, figures: Sequence[Quantity]) -> tuple[list[LedgerCell], list[tuple[int, int]], str]:
        """The cells of the ledgers (runs of MIN_LEDGER_ROWS rows at least, blank lines between them allowed), the
        spans they cover, and the periods their titles (the line before each) name.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> text = "上半年指标\\n\\n甲项 168亿元 增长6.2%\\n\\n乙项 增长8.5%\\n\\n丙项 61亿元\\n\\n正文。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> cells, spans, periods = checker.ledger_cells(extract(text, checker.p.units))
        >>> [(c.item, c.change, c.figure.show(text)) for c in cells][:3], periods
        ([('甲项', '', '168亿元'), ('甲项', '增长', '6.2%'), ('乙项', '增长', '8.5%')], '上半年')
        """
        cells: list[LedgerCell] = []
        spans: list[tuple[int, int]] = []
        periods: list[str] = []
        if not may_hold_rows(self.text, ROW_START, MIN_LEDGER_ROWS):
            return cells, spans, ""
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", self.text) if m.group().strip()]
        index = 0
        while index < len(lines):
            run = []
            for start, line in lines[index:]:
                row = LEDGER_ROW.fullmatch(line)
                if row is None:
                    break
                run.append((start, line, row["item"]))
            if len(run) < MIN_LEDGER_ROWS:
                index += max(1, len(run))
                continue
            if index > 0:
                periods += self.p.rate_period.findall(lines[index - 1][1])
            for start, line, item in run:
                for q in figures:
                    if start <= q.start < start + len(line) and q.exact:
                        change = ROW_CHANGE.search(self.text, start, q.start)
                        cells.append(LedgerCell(item, change[0] if change else "", q))
            spans.append((run[0][0], run[-1][0] + len(run[-1][1])))
            index += len(run)
        return cells, spans, "|".join(periods)

    def told_item(self, q: Quantity, before: Quantity | None) -> tuple[str, str, Quantity] | None:
        """The item a prose figure tells, the change it tells of it ("" for an amount), and the figure whose label
        names the item: a count's label, a year-on-year rate's item, or a bare rate's count right before it."""
        if q.cut:
            return None
        if q.kind == "count":
            return self.core(q.label), "", q
        if q.kind != "percent":
            return None
        label = q.label
        while (leading := self.p.rate_period.match(label)) is not None:
            label = label[leading.end() :].lstrip("，,")
        rate = self.p.growth_rate.match(label)
        if rate is not None:
            return (rate["item"], rate["change"], q) if YEAR_ON_YEAR.match(rate["basis"]) else None
        bare = CHANGE_ONLY.match(label.strip())
        if bare is None or before is None or before.kind != "count" or before.cut:
            return None
        if MARKS_ONLY.fullmatch(self.text, before.end, q.label_start) is None:
            return None
        return self.core(before.label), bare["change"], before

    def repeated_in_ledger(self, figures: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101: a prose figure of a ledger row's item and change, in the cell's unit, with another value."""
        cells, spans, periods = self.ledger_cells(figures)
        if not cells:
            return
        own_periods = re.compile(periods) if periods else None
        for before, q in zip([None, *figures], figures, strict=False):
            if not q.exact or any(a <= q.start < b for a, b in spans):
                continue
            told = self.told_item(q, before if before is not None and before.sentence == q.sentence else None)
            if told is None:
                continue
            item, change, named = told
            # a time the ledger's title does not name (去年, 一季度) makes another item
            said = self.text[starts[q.sentence] : named.label_start] + named.label
            said = own_periods.sub("", said) if own_periods else said
            if self.p.across_time.search(said) or self.p.rate_period.search(said):
                continue
            for cell in cells:
                if cell.change != change or cell.figure.base_unit != q.base_unit:
                    continue
                if item != cell.item and self.shared_label(cell.item, item) != cell.item:
                    continue
                if cell.figure.base_value != q.base_value:
                    earlier, later = sorted((cell.figure, q), key=lambda figure: figure.start)
                    span = (earlier.start, later.end)
                    yield told_twice(self.text, cell.item + cell.change, earlier, later, "在表格与正文中", span=span)
                break
