"""F101 for a count told before its label (168个家庭医生团队已为…): the check `Checker` inherits.

A label before its count is what the other checks compare. A count may also open its clause and name its item after
it; read against the counts of the sentences before told under that label, it may count a part of the item (168 of
the 186 teams have done something), so only a slip of the pen, two adjacent digits swapped, tells it is the same count.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> text = "全县在册的家庭医生团队186个，共签约居民25.6万人。截至5月底，168个家庭医生团队已完成体检3.4万人次。"
>>> [f.rule for f in find(text, Context.default())]
['F101']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..patterns import BASIC_HAN_RUN
from .figures_across import SWAPPED, WRITTEN_NUMBER, AcrossChecks, swapped_digits
from .figures_data import Relation, told_twice
from .quantities import Quantity

# What may stand in a sentence before a count that opens it: marks and spaces, once a date of the present is read out.
MARKS_ONLY = re.compile(r"[，,；;：:\s]*")


class BeforeLabelChecks(AcrossChecks):
    """F101's check of counts told before their labels: for `Checker`, which holds the text and the patterns."""

    def repeated_before_label(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences of one paragraph: a count opening its sentence and naming its item after it
        (截至5月底，168个家庭医生团队已…), where a sentence before counted that item under a label before its count
        (全县在册的家庭医生团队186个), and the two numbers differ by two adjacent digits swapped. A scope before the
        earlier label (全县在册的) adds no item; a time before the earlier count, or another period between, makes
        another.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("全县家庭医生团队186个。168个家庭医生团队已签约。", Context.default())]
        ['F101']
        >>> find("全县家庭医生团队186个。其中168个家庭医生团队已签约。", Context.default())
        []
        >>> find("全县家庭医生团队186个。2020年底，168个家庭医生团队已签约。", Context.default())
        []
        """
        labelled: dict[tuple[str, str], Quantity] = {}
        for q in counts:
            if q.cut:
                continue
            words = self.named_after(q, starts)
            found = None if words is None else self.told_before(labelled, words, q)
            if found is not None:
                before, label = found
                span = (q.start, q.end + len(label))
                yield told_twice(self.text, label, before, q, why=SWAPPED, later_tail=label, span=span)
            core = self.core(q.label)
            if not self.time_before(q, starts):
                for size in range(self.p.min_document_label, len(core) + 1):
                    if self.shared_label(core, core[-size:]):
                        labelled[(core[-size:], q.base_unit)] = q

    def named_after(self, q: Quantity, starts: Sequence[int]) -> str | None:
        """The Han words right after q when q opens its sentence, a date of the present (截至5月底) aside; else None."""
        lead = self.p.as_of_now.sub("", self.text[starts[q.sentence] : q.start])
        words = BASIC_HAN_RUN.match(self.text, q.end)
        if words is None or q.label.strip() or not MARKS_ONLY.fullmatch(lead):
            return None
        return words[0]

    def told_before(
        self, labelled: dict[tuple[str, str], Quantity], words: str, q: Quantity
    ) -> tuple[Quantity, str] | None:
        """The latest count of an earlier sentence labelled as `words` open (the longest such label) and that label, in
        q's paragraph with no other period between, when q's number swaps two adjacent digits of its; else None."""
        for size in range(len(words), self.p.min_document_label - 1, -1):
            before = labelled.get((words[:size], q.base_unit))
            if before is None or before.sentence == q.sentence:
                continue
            between = self.p.as_of_now.sub("", self.text[before.end : q.start])
            if self.p.period_between.search(between):
                return None
            number, other = (WRITTEN_NUMBER.match(self.text, x.start) for x in (before, q))
            if number and other and swapped_digits(number[0], other[0], self.p.swap_digits):
                return before, words[:size]
            return None
        return None
