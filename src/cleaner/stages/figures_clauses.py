"""F101's parallel clauses: whether two figures that share a label tell of different heads or subjects.

A label repeated in two clauses that open alike names two things when each clause tells of its own subject
(判处被告人王某…，并处罚金1万元；判处被告人李某…，并处罚金5000元) or of its own head count (存款余额…，
比年初增加…；贷款余额…，比年初增加…). These checks read the clauses around the figures, not their labels,
so they stand apart from `ItemChecks`, whose `core` they use; `Checker` inherits both.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> find("存款余额218.6亿元，比年初增加31.4亿元；贷款余额176.3亿元，比年初增加22.8亿元。", Context.default())
[]
"""

from __future__ import annotations

from collections.abc import Sequence

from ..patterns import WHITESPACE
from .figures_data import share_a_frame, shared_then_parted
from .figures_items import CLAUSE_OPENERS, ItemChecks
from .quantities import Quantity

# How many characters the leads of two parallel clauses share before they part.
PARALLEL_LEAD = 3


class ClauseChecks(ItemChecks):
    """Whether two figures stand in parallel clauses of different heads or subjects: for `Checker`."""

    def of_other_heads(self, counts: Sequence[Quantity], first: Quantity, second: Quantity) -> bool:
        """Whether two figures each tell something of the count opening their clause, and those counts differ.

        A change (存款余额…，比年初增加…；贷款余额…，比年初增加…) or a count in another unit than its head's
        (高等学校3所，在校学生8600人；中学312所，在校学生24万人) does; a count in its head's unit may be a
        part of it (财政总收入…，其中地方财政收入…), and is an item of its own.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "存款余额218.6亿元，比年初增加31.4亿元；贷款余额176.3亿元，比年初增加22.8亿元。"
        >>> find(text, Context.default())
        []
        """
        if first.cut and second.cut:
            return False  # cut at figures given alike (`restated_cut`: 全市87家企业的412名…；全市87家企业的421名)
        heads = [self.clause_head(counts, q) for q in (first, second)]
        if heads[0] is None or heads[1] is None:
            return False
        a, b = sorted((self.core(head.label) for head in heads), key=len)
        if b.endswith(a):  # 年末各项存款余额 and 各项存款余额 head the same item
            return False
        return all(
            self.p.change_label.search(q.label) or head.base_unit != q.base_unit
            for q, head in zip((first, second), heads, strict=True)
        )

    def of_other_subjects(self, counts: Sequence[Quantity], first: Quantity, second: Quantity) -> bool:
        """Whether two figures stand in parallel clauses that name different subjects before their labels.

        A sentence that sentences two defendants gives each a fine (判处被告人王某某…，并处罚金1万元；判处
        被告人李某某…，并处罚金5000元): the words before the labels open alike (PARALLEL_LEAD characters or
        more) and part before the label. A clause that opens on the label itself (…36个，已办结34个；列入区级
        台账问题100个) names no other subject; one whose lead holds a count has a head, which `of_other_heads`
        weighs (财政总收入…，其中地方财政收入…；财政总支出…，地方财政收入…).

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "据此，法院判处被告人王某有期徒刑一年，并处罚金人民币1万元；"
        >>> text += "判处被告人李某有期徒刑十个月，并处罚金人民币5000元。"
        >>> find(text, Context.default())
        []
        """
        leads = [self.lead(q) for q in (first, second)]
        if not all(leads) or leads[0] == leads[1] or any(self.clause_head(counts, q) for q in (first, second)):
            return False
        # the first clause may carry the sentence's opening (据此，法院判处被告人…): the other lead is
        # compared from wherever it may start in the one
        for one, other in (leads, leads[::-1]):
            for start in range(len(one) - PARALLEL_LEAD):
                if shared_then_parted(one[start:], other) >= PARALLEL_LEAD:
                    return True
        return share_a_frame(*leads)

    def lead(self, q: Quantity) -> str:
        """The words of q's clause (its sentence after the last semicolon) before its label, wraps removed."""
        bound = max(self.text.rfind(mark, 0, q.label_start) for mark in CLAUSE_OPENERS)
        return WHITESPACE.sub("", self.text[bound + 1 : q.label_start])

    def clause_head(self, counts: Sequence[Quantity], q: Quantity) -> Quantity | None:
        """The first count of q's clause (its sentence after the last semicolon before it), unless q is that count."""
        bound = max(self.text.rfind("；", 0, q.label_start), self.text.rfind(";", 0, q.label_start))
        head = next((c for c in counts if c.sentence == q.sentence and c.start > bound), None)
        return None if head is q else head
