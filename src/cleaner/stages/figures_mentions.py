"""How the mentions of one item across sentences are told apart: a count telling more of the count before it, a
total's scope. The checks `Checker` inherits, beside the items' (`ItemChecks`), for F101's checks across sentences.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("全省共有高校86所。全省共有高校68所。", Context.default())]
['F101']
>>> find("全省共有高校86所。全市共有高校68所。", Context.default())
[]
"""

from __future__ import annotations

from collections.abc import Sequence

from .figures_items import MARKS_ONLY, ItemChecks
from .quantities import Quantity


class MentionChecks(ItemChecks):
    """Whether two mentions across sentences may count one thing: for `Checker`, which holds the text and patterns."""

    def continued_items(self, counts: Sequence[Quantity]) -> dict[int, str]:
        """Each count's item, by the count's start, when its clause follows one of its sentence that ends on another
        count: it tells more of that count's item (工业项目38个，年度计划投资32亿元: the 工业项目's); else "".

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "全县安排工业项目38个，年度计划投资32亿元。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> checker.continued_items(extract(text, checker.p.units))
        {8: '', 18: '全县安排工业项目'}
        """
        items = {}
        for before, q in zip([None, *counts], counts, strict=False):
            told_after = before and before.sentence == q.sentence and not q.cut
            follows = told_after and MARKS_ONLY.fullmatch(self.text, before.end, q.label_start)
            items[q.start] = self.core(before.label) if follows else ""
        return items

    def same_scope(self, first: Quantity, second: Quantity) -> bool:
        """Whether two totals of one item may count the same thing: no scope before the total's word, or one
        only, or the same (全省共有高校 and 全市共有高校 count different things).

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.rules import load_rules
        >>> checker = Checker("", _patterns(load_rules()))
        >>> def total(label: str) -> Quantity:
        ...     return Quantity(0, 1, 1.0, "所", label, 0, 0, "count", "所", 1.0, 0.5)
        >>> checker.same_scope(total("共有高校"), total("本省共有高校"))
        True
        >>> checker.same_scope(total("全省共有高校"), total("全市共有高校"))
        False
        """
        scopes = [total[0] if (total := self.total_of(q.label)) else "" for q in (first, second)]
        return not all(scopes) or scopes[0] == scopes[1]

    def total_of(self, label: str) -> tuple[str, str] | None:
        """A total's scope and item, its total's word before the item or after it (全县共有小型水库, 全县小型水库共:
        小型水库 in 全县); None for a label that states no total.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.rules import load_rules
        >>> checker = Checker("", _patterns(load_rules()))
        >>> checker.total_of("全县共有小型水库"), checker.total_of("全县小型水库共"), checker.total_of("小型水库")
        (('全县', '小型水库'), ('全县', '小型水库'), None)
        """
        total = self.p.total_label.search(label)
        if total:
            return self.p.leading.sub("", label[: total.start()]), total["item"]
        after = self.p.total_after.match(label)
        return (after["scope"] or "", after["item"]) if after else None
