"""F101 across sentences where a label before each count does not tell the item: the checks `Checker` inherits.

A total may name its item after the count (共有421名运动员报名参赛); a label too short to tell one item from another
(海拔) may still be one item written twice, when the two figures differ as a slip of the pen does. (A change, which
names its item before its first value, is read in figures_changes.py.)

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("哨所坐落在海拔4860米的垭口。在海拔4680米的哨所里，水烧不开。", Context.default())]
['F101']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cached_property

from .figures_data import Relation, told_twice
from .figures_items import ItemChecks
from .figures_rounding import same_amount
from .quantities import Quantity

# Marks a clause opens after, commas too: where the scope of a total named after its count begins.
CLAUSE_MARKS = re.compile(r"(?s).*(?:[，。；：！？,;:!?]|\n[ \t]*\n)")
CLAUSE_REACH = 40
# Parts a sentence into clauses that each tell a total of their own, as sentences do
SEMICOLON = re.compile(r"[；;]")
WRITTEN_NUMBER = re.compile(r"[0-9][0-9.．]*")  # 1998's pages keep a full-width decimal point
HAN_TAIL = re.compile(r"[\u4e00-\u9fff]+$")
QUOTES = re.compile(r"[“”‘’「」《》]")
# Why two counts that differ by two adjacent digits swapped are one count, as F101 says it
SWAPPED = "（两位数字对调）"
# A structure's name a generic noun stands for (清江二桥 for 大桥) has at most this many characters.
NAME_REACH = 8


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


def starts_between(offsets: list[int], start: int, end: int) -> bool:
    """Whether a sorted list holds an offset from `start` up to `end` (excluded).

    >>> starts_between([3, 9], 4, 9), starts_between([3, 9], 4, 10)
    (False, True)
    """
    index = bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


class AcrossChecks(ItemChecks):
    """F101's checks across sentences beside `repeated_across`: for `Checker`, which holds the text and patterns."""

    @cached_property
    def sentence_times(self) -> dict[int, list[int]]:
        """Where each sentence read so far names a time (across_time): a sentence is searched once, however many
        figures it holds, and only a sentence with a figure is searched."""
        return {}

    def time_before(self, q: Quantity, starts: Sequence[int]) -> bool:
        """Whether a time stands before q in its sentence (…1997年，全县粮食总产量15万吨)."""
        times = self.sentence_times.get(q.sentence)
        if times is None:
            end = starts[q.sentence + 1] if q.sentence + 1 < len(starts) else len(self.text)
            found = self.p.across_time.finditer(self.text, starts[q.sentence], end)
            times = self.sentence_times[q.sentence] = [match.start() for match in found]
        return starts_between(times, starts[q.sentence], q.start)

    def told_now(self, q: Quantity, starts: Sequence[int]) -> bool:
        """Whether q's sentence names no time before it but the present (目前，全区共组建议事队伍56支): like a count
        told untimed, it gives the present state.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract, sentence_starts
        >>> from cleaner.rules import load_rules
        >>> text = "目前，全区共有队伍56支。去年，全区共有队伍41支。"
        >>> checker, starts = Checker(text, _patterns(load_rules())), sentence_starts(text)
        >>> [checker.told_now(q, starts) for q in extract(text, checker.p.units, starts)]
        [True, False]
        """
        before = self.text[starts[q.sentence] : q.label_start]
        return bool(self.p.present_time.search(before)) and not self.p.across_time.search(
            self.p.present_time.sub("", before)
        )

    def named_subject(self, q: Quantity, label: str, starts: Sequence[int]) -> str:
        """The label, its opening generic noun (大桥) replaced by the name its sentence opens on, when that name ends
        in the noun's head (清江二桥北起…，大桥全线长 → 清江二桥全线长); else the label as it is.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract, sentence_starts
        >>> from cleaner.rules import load_rules
        >>> text = "清江二桥北起滨江大道，大桥全线长12.6公里。大桥全线长16.2公里。"
        >>> checker, starts = Checker(text, _patterns(load_rules())), sentence_starts(text)
        >>> [checker.named_subject(q, q.label, starts) for q in extract(text, checker.p.units, starts)]
        ['清江二桥全线长', '大桥全线长']
        """
        generic = self.p.generic_subject.match(label)
        if generic is None:
            return label
        name = re.compile(rf"\s*([\u4e00-\u9fff0-9]{{1,{NAME_REACH}}}?{generic['head']})")
        found = name.match(self.text, starts[q.sentence], q.label_start)
        if found is None or found[1] == generic[0]:
            return label
        return found[1] + label[generic.end() :]

    def period_between(self, start: int, end: int) -> bool:
        """Whether another period or a new paragraph begins between two offsets."""
        return self.p.period_between.search(self.text, start, end) is not None

    def same_time(self, timed: Quantity, later: Quantity) -> bool:
        """Whether a later mention, with no time of its own, tells of the time an earlier one was given under: the
        same paragraph, a later sentence, and no other period named between (2024年，中阿双边贸易额达186亿美元
        … 。双方满意地看到，中阿双边贸易额达168亿美元 tell of 2024; 前11个月… 。全年… of two periods).

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "12月末，贷款余额386.4亿元。贷款余额368.4亿元。全年贷款余额368.4亿元。\\n\\n贷款余额368.4亿元。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> first, second, third, fourth = extract(text, checker.p.units)
        >>> checker.same_time(first, second), checker.same_time(first, third), checker.same_time(first, fourth)
        (True, False, False)
        """
        return timed.sentence != later.sentence and not self.period_between(timed.end, later.start)

    def repeated_next(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across two sentences of a paragraph: a sentence that opens on the whole label of a count of the
        sentence before gives it another count (该品种亩产达到512公斤。该品种亩产达到581公斤). Opening its sentence,
        the label has no subject, time or group of its own, so it tells of the item just counted; a label of
        min_label characters (restated_label when only a mark stands between) suffices, per-unit figures too.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("新增停车位80个，矛盾迎刃而解。新增停车位35个。", Context.default())]
        ['F101']
        >>> find("城东片区新增停车位80个。城西片区新增停车位35个。", Context.default())
        []
        """
        by_sentence: dict[int, list[Quantity]] = {}
        for q in counts:
            by_sentence.setdefault(q.sentence, []).append(q)
        for q in counts:
            earlier = by_sentence.get(q.sentence - 1)
            if not earlier or q.cut or self.text[starts[q.sentence] : q.label_start].strip():
                continue
            label = self.core(q.label)
            for before in earlier:
                if before.cut or before.base_unit != q.base_unit or self.core(before.label) != label:
                    continue
                # another period named in one label only, or between them, or a new paragraph, makes another item
                if same_amount(before, q) or not self.same_times(before, q):
                    continue
                # a growth rate told of the earlier figure (比上年增长12%), or the base of a comparison or a change
                # (比去年增加一成, 由去年的31%提高到46%), names no other period
                between = self.p.told_rate.sub("", self.text[before.end : q.label_start])
                between = self.p.compared_period.sub("", between)
                # told untimed or under the present only, the earlier count gives the present state
                if not self.time_before(before, starts) or self.told_now(before, starts):
                    between = self.p.present_time.sub("", between)
                if self.p.period_between.search(between):
                    continue
                # a period both labels name (全年, which `core` drops) is part of what they tell: 全年销售
                told = len(label) + len("".join(self.p.period_between.findall(q.label)))
                if told < self.p.min_label and not self.restated_at_once(before, q):
                    continue
                yield told_twice(self.text, label, before, q, how="在相邻两句", earlier_note="（前句）")
                break

    def repeated_after(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences: a total that names its item after the count (本届比赛共有421名运动员报名参赛),
        given another count later with the same words after its unit and the same scope before its total's word.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "本届比赛共有来自28个省区市的412名运动员报名参赛。据统计，本届比赛共有421名运动员报名参赛。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']

        A semicolon parts a sentence's clauses as a full stop does (累计有186对新人参加；累计有168对新人参加):
        >>> text = "六年来，累计有186对新人参加集体婚礼；累计有168对新人参加集体婚礼。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        """
        seen: dict[tuple[str, str], tuple[Quantity, str]] = {}
        for q in counts:
            named = self.item_after(q)
            # as for a label before the count, a time before it in its sentence makes it another item
            if named is None or self.time_before(q, starts):
                continue
            scope, item = named
            first, first_scope = seen.setdefault((item, q.base_unit), (q, scope))
            other_scope = bool(scope and first_scope and scope != first_scope)
            one_clause = first.sentence == q.sentence and not SEMICOLON.search(self.text, first.end, q.start)
            if one_clause or same_amount(first, q) or other_scope:
                continue
            yield told_twice(self.text, item, first, q)

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
        reach = max(0, q.start - CLAUSE_REACH)
        if not self.p.total_word.search(self.text, reach, q.start):  # most counts: no total's word before them
            return None
        found = CLAUSE_MARKS.match(self.text, reach, q.start)
        clause = self.text[found.end() if found else reach : q.start]
        total = next(reversed(list(self.p.total_word.finditer(clause))), None)  # the last, nearest the count
        item = self.p.item_after.match(self.text, q.end)
        if total is None or item is None or len(item[0]) < self.p.min_label:
            return None
        return self.p.leading.sub("", clause[: total.start()]), item[0]

    def repeated_around(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences of one paragraph: a count that names its item on both sides, an act before and what
        it counts after (大会授予98名同志“清江市劳动模范”称号), given another count later with the same words on
        both sides and no other period between. Each mention is read against the one before it.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "大会授予98名同志“劳动模范”称号。会上，大会授予89名同志“劳动模范”称号。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> find("大会授予98名同志“劳动模范”称号。会上，大会授予42名同志“先进工作者”称号。", Context.default())
        []
        """
        latest: dict[tuple[str, str, str], Quantity] = {}
        for q in counts:
            named = self.item_around(q)
            if named is None:
                continue
            key = (*named, q.base_unit)
            before, latest[key] = latest.get(key), q
            if before is None or not self.same_time(before, q) or self.time_before(q, starts):
                continue
            if not same_amount(before, q):
                label, item = named
                yield told_twice(self.text, f"{label}…{item}", before, q)

    def label_end(self, q: Quantity) -> str | None:
        """The last `short_label` characters of a count's label core, when all are Han: the end under which checks
        across sentences read two counts as one label's (海拔); None for a cut count or a shorter end.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "在海拔4680米的哨所里，高3米。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> [checker.label_end(q) for q in extract(text, checker.p.units)]
        ['海拔', None]
        """
        size = self.p.short_label
        head = HAN_TAIL.search(self.core(q.label)[-size:])
        return None if q.cut or head is None or len(head[0]) < size else head[0]

    def item_around(self, q: Quantity) -> tuple[str, str] | None:
        """The label before a count and the words after its unit to the clause's end, quotes dropped, when both are
        long enough to name an item (min_label characters each: 就要交5.2千瓦时的电费 names no item); else None.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "大会授予98名同志“劳动模范”称号，有3人受伤。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> [checker.item_around(q) for q in extract(text, checker.p.units)]
        [('大会授予', '同志劳动模范称号'), None]
        """
        if q.cut or self.p.per_unit.search(q.label):
            return None
        label = self.core(q.label)
        after = self.p.item_around.match(self.text, q.end)
        if len(label) < self.p.min_label or after is None:
            return None
        item = QUOTES.sub("", after[0])
        return (label, item) if len(item) >= self.p.min_label else None

    def repeated_short(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences of one paragraph under a label too short to compare otherwise (海拔), when the two
        figures differ as a slip does: two adjacent digits swapped (海拔4860米的雪山垭口 … 在海拔4680米的哨所里).
        Each mention is read against the one before it under the same label's end.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("哨所坐落在海拔4860米的垭口。在海拔4680米的哨所里，水烧不开。", Context.default())]
        ['F101']
        >>> find("山脚海拔1200米。山顶海拔2100米。", Context.default())
        []
        """
        latest: dict[tuple[str, str], Quantity] = {}
        for q in counts:
            head = self.label_end(q)
            if head is None:
                continue
            key = (head, q.base_unit)
            before, latest[key] = latest.get(key), q
            if before is None or not self.same_time(before, q) or self.time_before(q, starts):
                continue
            number, other = (WRITTEN_NUMBER.match(self.text, x.start) for x in (before, q))
            if number and other and swapped_digits(number[0], other[0], self.p.swap_digits):
                yield told_twice(self.text, head, before, q, why=SWAPPED)
