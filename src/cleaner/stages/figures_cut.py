"""F101 for labels cut short: at a figure before them (全市87家企业的412名), the clause's words told alike; or at the
enumeration comma of the examples they name (出土陶器、铜器等各类文物), read whole without the examples.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("全市87家企业的412名选手参加比赛；全市87家企业的421名选手参赛。", Context.default())]
['F101']
"""

from __future__ import annotations

import re

from .figures_data import Patterns
from .quantities import Quantity

# A list's items are parted by the enumeration comma, within a clause that commas, semicolons or a sentence end close.
LIST_MARK = "、"
CLAUSE_BOUNDS = ("，", ",", "；", ";", "。", "！", "？", "\n")
CLAUSE_BOUND = re.compile("[" + "".join(CLAUSE_BOUNDS) + "]")
# Where the words a label cut at a figure before it (全市87家企业的412名) hangs on begin: a clause's or a list item's.
CUT_LEAD_BOUNDS = (*CLAUSE_BOUNDS, LIST_MARK, "：", ":")
DIGIT = re.compile(r"\d")
# How far before a figure (or a label) the words of its clause are looked for.
LEAD_REACH = 200


class CutLabelChecks:
    """Whether two counts with cut labels count one item: for `ItemChecks`, which holds the text and the patterns."""

    text: str
    p: Patterns

    def core(self, label: str) -> str:
        raise NotImplementedError  # `ItemChecks.core`

    def shared_label(self, a: str, b: str, later_in_sentence: str | None = None) -> str | None:
        raise NotImplementedError  # `ItemChecks.shared_label`

    def restated_cut(self, first: Quantity, second: Quantity) -> str | None:
        """The words of two counts' clauses up to each, when both labels are cut at a figure before them and the
        clauses give those words alike, that figure too (全市87家企业的412名选手…；全市87家企业的421名选手): one item
        counted twice; else None.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("全市87家企业的412名选手参加比赛；全市87家企业的421名选手参赛。", Context.default())]
        ['F101']
        >>> find("全市87家企业的412名选手参加比赛；全市32家企业的120名选手获奖。", Context.default())
        []

        What such a label leaves to the words after the unit must be told alike too, one the other's contraction
        (选手参赛, 选手参加了比赛): 412名选手报名 and 398名选手参赛 count two things.

        >>> find("全市87家企业的412名选手报名；全市87家企业的398名选手参赛。", Context.default())
        []
        """
        if not (first.cut and second.cut):
            return None
        lead = self.cut_lead(first)
        if len(first.label.strip()) < self.p.restated_label or lead != self.cut_lead(second):
            return None
        told = sorted((self.told_after(q) for q in (first, second)), key=len)
        return lead if contracts(told[0], told[1]) else None

    def examples_dropped(self, first: Quantity, second: Quantity) -> str | None:
        """The plainer of two labels, when the other's clause names the same item with examples of it before it, a
        list closed by 等 (出土陶器、铜器、玉器等各类文物 and 出土各类文物): a label is cut at the list's last 、, so
        the clause's words up to the figure are read whole; else None.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("出土陶器、铜器、玉器等各类文物1400件；出土各类文物1600件。", Context.default())]
        ['F101']
        >>> find("出土陶器、铜器、玉器等各类文物1400件；出土各类铜器1600件。", Context.default())
        []
        """
        for listed, plain in ((first, second), (second, first)):
            if self.text[listed.label_start - 1 : listed.label_start] != LIST_MARK or self.listed(plain):
                continue
            whole, item = self.words_before(listed, CLAUSE_BOUNDS), plain.label.strip()
            for cut in range(len(item) - self.p.min_label + 1):
                kept, rest = item[:cut], item[cut:]
                examples = whole[cut : len(whole) - len(rest)]
                if whole.startswith(kept) and whole.endswith(rest) and LIST_MARK in examples and examples[-1] == "等":
                    return item
        return None

    def list_words(self, figure: Quantity) -> str | None:
        """The words of a figure's clause up to it when its label is cut at an enumeration comma that no figure stands
        before (测量血压、血糖560余人次: the count is the whole list's); else None."""
        if self.text[figure.label_start - 1 : figure.label_start] != LIST_MARK:
            return None
        words = self.words_before(figure, CLAUSE_BOUNDS)
        return None if DIGIT.search(words) else words  # 养老院9个、日间照料中心86个: each item its own count

    def listed_whole(self, first: Quantity, second: Quantity) -> str | None:
        """The label two counts share when both labels are cut at an enumeration comma no figure stands before, read
        whole to their clauses' starts (`list_words`); else None.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "本次活动共为居民测量血压、血糖560余人次；共为居民测量血压、血糖650余人次。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> find(text.replace("；共为居民测量血压", "；测量心率"), Context.default())
        []
        """
        first_words, second_words = self.list_words(first), self.list_words(second)
        if first_words is None or second_words is None:
            return None
        return self.shared_label(self.core(first_words), self.core(second_words), second_words)

    def told_after(self, figure: Quantity) -> str:
        """The words after a figure's unit to its clause's end (412名选手参加了比赛，: 选手参加了比赛)."""
        end = CLAUSE_BOUND.search(self.text, figure.end)
        return self.text[figure.end : end.start() if end else len(self.text)].strip()

    def listed(self, figure: Quantity) -> bool:
        """Whether a figure's label opens after an enumeration comma, or holds one."""
        return self.text[figure.label_start - 1 : figure.label_start] == LIST_MARK or LIST_MARK in figure.label

    def cut_lead(self, figure: Quantity) -> str:
        """The words of a figure's clause before it, from the mark that opens the clause (、 too) to the figure."""
        return self.words_before(figure, CUT_LEAD_BOUNDS)

    def words_before(self, figure: Quantity, bounds: tuple[str, ...]) -> str:
        """The words before a figure from the last of `bounds` (or LEAD_REACH characters back) to the figure."""
        opened = max(self.text.rfind(mark, max(0, figure.start - LEAD_REACH), figure.start) for mark in bounds)
        return self.text[opened + 1 : figure.start].strip()


def contracts(short: str, long: str) -> bool:
    """Whether `short` keeps characters of `long` in their order, as Chinese contracts a phrase (参赛, 参加比赛).

    >>> contracts("选手参赛", "选手参加了比赛"), contracts("选手报名", "选手参赛"), contracts("", "")
    (True, False, True)
    """
    rest = iter(long)
    return all(character in rest for character in short)
