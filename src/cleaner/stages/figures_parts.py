"""F103 and F104: the parts a total is given in (其中…), each no larger than the total and, when they are all of it,
adding up to it. The checks `Checker` inherits, after the items' (`ItemChecks`).

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("全县共有职工500人，其中男职工320人，女职工200人。", Context.default())]
['F104']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .figures_data import Relation
from .figures_items import ItemChecks
from .figures_rounding import at_most, written_like
from .quantities import Quantity

# What may close a sentence between a total and the part opening the next one (共有职工500人。其中…)
SENTENCE_TAIL = re.compile(r"[。！？!?\s”’」』）)]*")
# A listed part's label that goes on to something else: 另, 此外, a share (占), an attribute (…的), or a verb of
# setting up, which tells a new thing done (…乡镇网点54个；设立农村普惠金融服务点312个), no further part of the stock
SIBLING_STOP = re.compile(r"^(?:另|此外|设立|设置|建立|开设|开通|组建)|占|的$")
# 其中 and its mark just before a label: the parts are listed after it
LISTED_AFTER = re.compile(r"其中[：:，,]$")
# The item a count names right after its unit (18名被害人的钱款: 被害人), up to 的 or a mark: two characters at least
COUNTED_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}?(?=的|[，,；;。！？、\s]|$)")


class PartChecks(ItemChecks):
    """Whether the parts of a total fit it: for `Checker`, which holds the text and the patterns."""

    def parts(self, figures: Sequence[Quantity], previous: Sequence[Quantity]) -> Iterator[Relation]:
        """F103 and F104: parts larger than their total, or not adding up to it."""
        counts = [q for q in self.counts(figures) if q.kind == "count"]  # a level (520分) is part of no total
        for index, part in enumerate(counts):
            if not self.is_part(part):
                continue
            total = self.total_for(part, counts[:index], figures, previous)
            if total is None:
                continue
            siblings = [part]
            if self.is_listed(part):
                siblings += self.siblings(counts[index + 1 :], part)
            for sibling in siblings:
                holds = at_most(sibling.base_value, total.base_value, (sibling, total))
                message = f"部分{self.named(sibling)} 大于总数{self.named(total)}"
                yield Relation("F103", total.label_start, sibling.end, holds, message, (total.start, sibling.start))
            if len(siblings) >= 2 and all(at_most(q.base_value, total.base_value, (q, total)) for q in siblings):
                yield from self.sums(total, siblings)

    def is_listed(self, q: Quantity) -> bool:
        """Whether a figure opens a list of parts: 其中A 30个 or 其中：A 30个."""
        return (
            q.label.startswith("其中")
            or LISTED_AFTER.search(self.text, max(0, q.label_start - 4), q.label_start) is not None
        )

    def is_part(self, q: Quantity) -> bool:
        """Whether a figure is a part of a total before it: its label opens as a part's does (F103 `part_label`:
        其中, 已) or it opens a list of parts (`is_listed`).

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "共有职工500人，已退休120人。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> [checker.is_part(q) for q in extract(text, checker.p.units)]
        [False, True]
        """
        return self.p.part_label.search(q.label) is not None or self.is_listed(q)

    def total_for(
        self, part: Quantity, before: Sequence[Quantity], figures: Sequence[Quantity], previous: Sequence[Quantity]
    ) -> Quantity | None:
        """The total a part belongs to: the count right before it, with nothing between that changes the item."""
        earlier = [q for q in before if q.base_unit == part.base_unit]
        if not earlier and self.is_listed(part) and part.label_start == figures[0].label_start:
            # 共有职工500人。其中…: the total closes the sentence before.
            earlier = [q for q in self.counts(previous) if q.base_unit == part.base_unit][-1:]
            if earlier and not SENTENCE_TAIL.fullmatch(self.text, earlier[-1].end, part.label_start):
                return None
        if not earlier:
            return None
        total = earlier[-1]
        rest = self.p.part_label.sub("", part.label)
        between = self.text[total.end : part.label_start] + rest
        if self.p.separating.search(between) or self.p.distinct_prefix.search(rest):
            return None
        if any(self.counts_item_of(q, rest) for q in before if total.end <= q.start):
            return None
        # 上升到214辆，…已累计生产20765辆 compares other things; 人数减为3.1万人，其中美军8500人 does not.
        changed = not self.is_listed(part) and self.p.separating.search(total.label)
        if changed or self.p.per_unit.search(total.label + part.label) or self.p.change_amount.search(total.label):
            return None
        return total

    def counts_item_of(self, q: Quantity, part_label: str) -> bool:
        """Whether the count q, in another unit, counts the item a part names: the part belongs to it, not to the
        count before it in the part's unit (二人共骗取18名被害人的钱款…，其中被害人…有11人: 11 of the 18 victims, 名
        and 人 being two units).

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.rules import load_rules
        >>> text = "二人共骗取18名被害人的钱款，其中被害人年龄在60岁以上的有11人。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> victims = Quantity(5, 8, 18.0, "名", "二人共骗取", 0, 0, "count", "名", 18.0, 0.5)
        >>> checker.counts_item_of(victims, "被害人年龄在60岁以上的有"), checker.counts_item_of(victims, "男性")
        (True, False)
        """
        item = COUNTED_ITEM.match(self.text, q.end)
        return item is not None and item.group() in part_label

    def siblings(self, after: Sequence[Quantity], first: Quantity) -> list[Quantity]:
        """The parts listed after 其中 in the same sentence, with the same unit and nothing else between."""
        found = []
        # The unit as written, not the base unit: a list turning from 公里 to 米 mostly turns to another
        # dimension (其中396公里穿越海底，最深处2150米), not to another part.
        for q in after:
            if q.unit != first.unit or self.p.separating.search(q.label) or SIBLING_STOP.search(q.label):
                break
            found.append(q)
        return found

    def disjoint(self, labels: Sequence[str]) -> bool:
        """Whether the labels name parts that cannot overlap: each a different one of a `disjoint` group."""
        return len(set(labels)) == len(labels) and any(set(labels) <= kind for kind in self.p.kinds)

    def sums(self, total: Quantity, parts: list[Quantity]) -> Iterator[Relation]:
        """F104: the parts' sum against their total, where the parts are all of it: two complementary ones (城镇,
        农村), or parts of one kind (刑事案件, 治安案件) or of a `disjoint` group, which may also fall short of it."""
        labels = [self.core(q.label) for q in parts]
        whole = sum(q.base_value for q in parts)
        shown = "+".join(q.show(self.text) for q in parts)  # as written: 48万人+6万人
        # `siblings` share the unit as written, so the sum is shown in it: 13550米+9800米=23350米 (of 24公里),
        # and in their magnitude when they share one: 2000万元+1000万元=3000万元
        added = written_like(whole, parts)
        message = f"各部分之和 {shown}={added}{parts[0].unit} 与总数{self.named(total)} 不符"
        figures = (total, *parts)
        involved = tuple(q.start for q in figures)
        end = parts[-1].end
        complementary = len(parts) == 2 and any(
            (labels[0].startswith(a) and labels[1].startswith(b))
            or (labels[0].startswith(b) and labels[1].startswith(a))
            for a, b in self.p.complements
        )
        if complementary:
            exact = at_most(whole, total.base_value, figures) and at_most(total.base_value, whole, figures)
            yield Relation("F104", total.label_start, end, exact, message, involved)
        elif common_head(labels) or self.disjoint(labels):
            yield Relation("F104", total.label_start, end, at_most(whole, total.base_value, figures), message, involved)


def common_head(labels: Sequence[str]) -> bool:
    """Whether labels end in the same Han character: parts of one kind (刑事案件, 治安案件).

    >>> common_head(["刑事案件", "治安案件"]), common_head(["党员", "女职工"])
    (True, False)
    """
    ends = {label[-1:] for label in labels}
    return len(ends) == 1 and "\u4e00" <= next(iter(ends)) <= "\u9fff"
