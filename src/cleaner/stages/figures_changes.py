"""F101 across sentences for a change: the value an item changed to (单程票价也从8元涨到了12元) given another by a
later mention of the item. A change names its item before its first value and ends on the item's new one.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> text = "单程票价也从8元涨到了12元。村里的老人每月要去县城复查，单程票价15元，来回就是30元。"
>>> [f.message for f in find(text, Context.default())]
['同一项目“单程票价”在文中先后给出不同数值：12元（变化后） 与 15元']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .figures_across import AcrossChecks
from .figures_data import Relation, told_twice
from .figures_rounding import same_amount
from .quantities import Quantity

# A later count is read against this many changes before it at most, so that a page of changes stays linear.
CHANGE_REACH = 8


class ChangeChecks(AcrossChecks):
    """F101's check of a change's new value told again otherwise: for `Checker`, which holds the text and patterns."""

    def repeated_change(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences: the value an item changed to (单程票价也从8元涨到了12元) given another by a later
        mention of the item, in the same paragraph with no other period between, or under the same time named
        again (COD排放量由2020年的4650吨降至去年的3826吨 … 去年全县主要污染物排放情况：COD排放量3862吨).

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "全县COD排放量由2020年的4650吨降至去年的3826吨。\\n\\n去年全县污染物排放情况：COD排放量3862吨。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> find("全县COD排放量由2020年的4650吨降至去年的3826吨。\\n\\n今年COD排放量3862吨。", Context.default())
        []
        """
        changed: list[tuple[str, list[str], Quantity]] = []  # the item, the times named of its new value, the value
        for index, q in enumerate(counts):
            change = self.change_to(counts, index)
            if change is not None:
                changed.append(change)
                continue
            if q.cut or not changed or self.p.per_unit.search(q.label):
                continue
            label = self.core(q.label)
            for item, when, new in reversed(changed[-CHANGE_REACH:]):
                shared = self.shared_label(item, label)
                if not shared or new.base_unit != q.base_unit or new.sentence == q.sentence:
                    continue
                # a scope one label adds (全县COD排放量) must be named in the other's sentence (去年全县…：COD排放量):
                # 全省贫困人口 after 贫困人口由…减少到… counts a larger whole
                longer, shorter = (item, q) if len(item) > len(label) else (label, new)
                scope = longer[: len(longer) - len(shared)]
                if scope and self.text.find(scope, starts[shorter.sentence], shorter.start) < 0:
                    continue
                # a later mention naming a time tells of the change's new value only if that is the time it names
                if not self.time_before(q, starts):
                    told = self.same_time(new, q)
                else:
                    told = self.p.across_time.findall(self.text, starts[q.sentence], q.start) == when
                if told:
                    if not same_amount(new, q):
                        yield told_twice(self.text, shared, new, q, earlier_note="（变化后）")
                    break

    def change_to(self, counts: Sequence[Quantity], index: int) -> tuple[str, list[str], Quantity] | None:
        """The item, the times named of its new value, and the value, when counts[index] ends a change whose first
        value stands right before it (单程票价也从8元涨到了12元; COD排放量由2020年的4650吨降至去年的3826吨); else None.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "全县COD排放量由2020年的4650吨降至去年的3826吨。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> counts = extract(text, checker.p.units)
        >>> checker.change_to(counts, 0), checker.change_to(counts, 1)[:2]
        (None, ('全县COD排放量', ['去年']))
        """
        if index == 0:
            return None
        new, old = counts[index], counts[index - 1]
        since = self.p.change_from.fullmatch(old.label)
        until = self.p.change_until.fullmatch(new.label)
        if since is None or until is None or new.label_start != old.end or new.base_unit != old.base_unit:
            return None
        return self.core(since["item"]), self.p.across_time.findall(until["time"]), new
