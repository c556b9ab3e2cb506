"""F101's question, whether two figures count the same item: the label checks `Checker` inherits.

Two figures count one item when their labels, stripped of connectives and verbs, end alike and the longer
adds only a scope (全市, …专项行动中); when nothing between them starts another time, comparison or
enumeration; and when they do not tell of different heads or subjects of parallel clauses.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("列入区级台账问题36个，已办结34个；列入区级台账问题100个。", Context.default())]
['F101']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .figures_data import Patterns, Relation
from .figures_rounding import same_amount
from .quantities import Quantity

# Marks a clause opens after (a semicolon or a sentence end), and how many characters two parallel clauses share.
CLAUSE_OPENERS = ("；", ";", "。", "！", "？", "\n\n")
PARALLEL_LEAD = 3
WHITESPACE = re.compile(r"\s+")
# Marks a clause opens after, commas too: where the scope of a total named after its count begins.
CLAUSE_MARKS = re.compile(r"(?s).*(?:[，。；：！？,;:!?]|\n[ \t]*\n)")
WRITTEN_NUMBER = re.compile(r"[0-9][0-9.．]*")  # 1998's pages keep a full-width decimal point
HAN = re.compile(r"[\u4e00-\u9fff]+$")


def swapped_digits(first: str, second: str, significant: int) -> bool:
    """Whether two written numbers differ only by two adjacent digits swapped, with `significant` digits or more
    (trailing zeros do not count: 1200 and 2100 are round numbers, both of which may be meant).

    >>> swapped_digits("4860", "4680", 3), swapped_digits("386.4", "368.4", 3), swapped_digits("1200", "2100", 3)
    (True, True, False)
    >>> swapped_digits("4860", "4860", 3), swapped_digits("4860", "4086", 3), swapped_digits("12", "21", 3)
    (False, False, False)
    >>> swapped_digits("38．64", "38.46", 3)
    True
    """
    first, second = first.replace("．", "."), second.replace("．", ".")
    if len(first) != len(second) or len(first.replace(".", "").strip("0")) < significant:
        return False
    differ = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if len(differ) != 2 or differ[1] != differ[0] + 1:
        return False
    i, j = differ
    return first[i] == second[j] and first[j] == second[i] and "." not in (first[i], first[j])


class ItemChecks:
    """Whether figures count the same item: for `Checker`, which holds the text and the patterns."""

    text: str
    p: Patterns

    def core(self, label: str) -> str:
        """A label without connectives in front and verbs behind: 其中已办结 → 办结."""
        return self.p.trailing.sub("", self.p.leading.sub("", label))

    def same_item(self, first: Quantity, second: Quantity) -> str | None:
        """The label two figures share, if they count the same item; else None.

        A year closing the first label's scope holds for a later label that names no time:

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("全区今年新增学位1200个，新建园6所；新增学位2100个。", Context.default())]
        ['F101']
        >>> find("全区去年新增学位1200个；今年新增学位2100个。", Context.default())
        []
        """
        if first.cut or second.cut or self.p.per_unit.search(first.label + second.label):
            return None
        a, b = self.core(first.label), self.core(second.label)
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) < self.p.min_label or not long.endswith(short):
            return None
        prefix = long[: len(long) - len(short)]
        if prefix and long == a and not self.p.across_time.search(second.label):
            # the first label's year holds for the later clause, which names no time: 西湖区今年新增X；新增X
            prefix = self.p.inherited_time.sub("", prefix)
        # A longer label may only add a scope (全市, …专项行动中), never another year or group.
        if prefix and (not self.p.scope_prefix.search(prefix) or self.p.distinct_prefix.search(prefix)):
            return None
        return short

    def separated(self, first: Quantity, second: Quantity) -> bool:
        """Whether a new time, a comparison or an enumeration stands between two figures, which are then two items.

        A growth rate told of the first figure (同比增长6.8%) and 增加值 (value added, a noun) do not count, nor
        does 新增 before another item (新增规模以上工业企业213家).

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "地区生产总值完成46.2亿元，同比增长6.8%；规模以上工业增加值同比增长9.1%；地区生产总值完成42.6亿元。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> [f.rule for f in find("全县企业186家，新增企业25家，全县企业211家。", Context.default())]
        []
        """
        between = self.p.told_rate.sub("", self.text[first.end : second.label_start])
        item_end = self.core(first.label)[-2:]
        between = self.p.other_addition.sub(lambda m: m[0] if m["item"].endswith(item_end) else m["item"], between)
        return self.p.separating.search(between) is not None

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
                shorter = min(len(one) - start, len(other))
                shared = next((k for k, (a, b) in enumerate(zip(one[start:], other, strict=False)) if a != b), shorter)
                if PARALLEL_LEAD <= shared < shorter:
                    return True
        return False

    def lead(self, q: Quantity) -> str:
        """The words of q's clause (its sentence after the last semicolon) before its label, wraps removed."""
        bound = max(self.text.rfind(mark, 0, q.label_start) for mark in CLAUSE_OPENERS)
        return WHITESPACE.sub("", self.text[bound + 1 : q.label_start])

    def clause_head(self, counts: Sequence[Quantity], q: Quantity) -> Quantity | None:
        """The first count of q's clause (its sentence after the last semicolon before it), unless q is that count."""
        bound = max(self.text.rfind("；", 0, q.label_start), self.text.rfind(";", 0, q.label_start))
        head = next((c for c in counts if c.sentence == q.sentence and c.start > bound), None)
        return None if head is q else head

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
        scopes = []
        for q in (first, second):
            total = self.p.total_label.search(q.label)
            scopes.append(self.p.leading.sub("", q.label[: total.start()]) if total else "")
        return not all(scopes) or scopes[0] == scopes[1]

    def repeated_after(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences: a total that names its item after the count (本届比赛共有421名运动员报名参赛),
        given another count later with the same words after its unit and the same scope before its total's word.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "本届比赛共有来自28个省区市的412名运动员报名参赛。据统计，本届比赛共有421名运动员报名参赛。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        """
        seen: dict[tuple[str, str], tuple[Quantity, str]] = {}
        for q in counts:
            named = self.item_after(q)
            # as for a label before the count, a time before it in its sentence makes it another item
            if named is None or self.p.across_time.search(self.text, starts[q.sentence], q.start):
                continue
            scope, item = named
            first, first_scope = seen.setdefault((item, q.base_unit), (q, scope))
            other_scope = bool(scope and first_scope and scope != first_scope)
            if first.sentence == q.sentence or same_amount(first, q) or other_scope:
                continue
            message = f"同一项目“{item}”在文中先后给出不同数值：{first.show(self.text)}（前文） 与 {q.show(self.text)}"
            yield Relation("F101", q.label_start, q.end, False, message, (first.start, q.start))

    def item_after(self, q: Quantity) -> tuple[str, str] | None:
        """The scope and item of a total that names its item after its count: the words of its clause before the
        total's word, and those after its unit to the clause's end, at least min_label of them; else None.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "据统计，本届比赛共有来自28个省区市的412名运动员报名参赛，共设26个项目。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> [checker.item_after(q) for q in extract(text, checker.p.units)]
        [None, ('本届比赛', '运动员报名参赛'), None]
        """
        found = CLAUSE_MARKS.match(self.text, max(0, q.start - 40), q.start)
        clause = self.text[found.end() if found else max(0, q.start - 40) : q.start]
        total = next(reversed(list(self.p.total_word.finditer(clause))), None)  # the last, nearest the count
        item = self.p.item_after.match(self.text, q.end)
        if total is None or item is None or len(item[0]) < self.p.min_label:
            return None
        return self.p.leading.sub("", clause[: total.start()]), item[0]

    def repeated_short(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences of one paragraph under a label too short to compare otherwise (海拔), when the two
        figures differ as a slip does: two adjacent digits swapped (海拔4860米的雪山垭口 … 在海拔4680米的哨所里).

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("哨所坐落在海拔4860米的垭口。在海拔4680米的哨所里，水烧不开。", Context.default())]
        ['F101']
        >>> find("山脚海拔1200米。山顶海拔2100米。", Context.default())
        []
        """
        size = self.p.short_label
        for index, first in enumerate(counts):
            head = HAN.search(self.core(first.label)[-size:])
            number = WRITTEN_NUMBER.match(self.text, first.start)
            if first.cut or head is None or len(head[0]) < size or number is None:
                continue
            for second in counts[index + 1 :]:
                if self.p.period_between.search(self.text, first.end, second.start):
                    break  # another paragraph or period: what follows tells of something else
                if (
                    second.sentence == first.sentence
                    or second.cut
                    or second.base_unit != first.base_unit
                    or not self.core(second.label).endswith(head[0])
                    or self.p.across_time.search(self.text, starts[second.sentence], second.start)
                ):
                    continue
                other = WRITTEN_NUMBER.match(self.text, second.start)
                if other and swapped_digits(number[0], other[0], self.p.swap_digits):
                    message = (
                        f"同一项目“{head[0]}”在文中先后给出不同数值（两位数字对调）："
                        f"{first.show(self.text)}（前文） 与 {second.show(self.text)}"
                    )
                    yield Relation("F101", second.label_start, second.end, False, message, (first.start, second.start))
