"""F101's question, whether two figures count the same item: the label checks `Checker` inherits.

Two figures count one item when their labels, stripped of connectives and verbs, end alike and the longer
adds only a scope (全市, …专项行动中); and when nothing between them starts another time, comparison or
enumeration. Whether they tell of different heads or subjects of parallel clauses is figures_clauses.py's.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("列入区级台账问题36个，已办结34个；列入区级台账问题100个。", Context.default())]
['F101']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from ..patterns import BASIC_HAN_RUN
from .figures_cut import CLAUSE_BOUNDS, LEAD_REACH, LIST_MARK, CutLabelChecks
from .figures_data import Patterns
from .figures_rates import is_exact_count
from .figures_restated import named_per_unit
from .quantities import Quantity

# Marks a clause opens after (a semicolon or a sentence end).
CLAUSE_OPENERS = ("；", ";", "。", "！", "？", "\n\n")
# A list's items are parted by the enumeration comma, within a clause that commas, semicolons or a sentence end close.
# The clause after a figure that tells more of its item with a figure of its own (，已办结34个, ，去年实现产值128亿元).
FOLLOWER = re.compile(r"[，,]\s*(?P<words>[^\d，,；;。！？\s]{2,12})\d[^，,；;。！？]*")
# What may stand between a figure and a label restated at once: clause and sentence marks only.
MARKS_ONLY = re.compile(r"[，,；;。！？!?\s]+")
# The words opening a figure's clause before its label (up to LEAD_REACH back): after the last clause opener, or from
# the text's start.
CLAUSE_LEAD = re.compile(r"(?:^|[；;。！？!?]|\n\s*\n)(?P<lead>[^；;。！？!?\n]*)$")


class ItemChecks(CutLabelChecks):
    """Whether figures count the same item: for `Checker`, which holds the text and the patterns."""

    text: str
    p: Patterns

    def named(self, q: Quantity) -> str:
        """A figure as a message names it: its label in quotes (when it has one), then the figure as written."""
        return f"“{q.label}”{q.show(self.text)}" if q.label else q.show(self.text)

    def counts(self, figures: Sequence[Quantity]) -> list[Quantity]:
        """The figures that count something exactly (`is_exact_count`), or give a level exactly (a temperature, a
        score): the ones the checks compare (a level is never added up: `PartChecks.parts` leaves it out)."""
        return [q for q in figures if is_exact_count(q) or (q.kind == "level" and q.exact)]

    @cached_property
    def cores(self) -> dict[str, str]:
        """The core of each label read so far: the checks across sentences read every label again."""
        return {}

    def core(self, label: str) -> str:
        """A label without connectives in front and verbs behind: 其中已办结 → 办结."""
        found = self.cores.get(label)
        if found is None:
            found = self.cores[label] = self.p.trailing.sub("", self.p.leading.sub("", label))
        return found

    def paired_label(self, first: Quantity, second: Quantity) -> str | None:
        """The label of two figures of one sentence that count the same item with nothing between to part them;
        else None. The second may also restate the period the first was given under, leaving out its year.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "去年前11个月访日外国游客达3338万人次，其中中国游客为635万人次；前11个月访日外国游客达3520万人次。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        """
        label = self.same_item(first, second)
        if label:
            return None if self.separated(first, second) else label
        label = self.restated_period(first, second)
        # the year it leaves out is the first's, unless another time stands between (an enumeration does not part
        # them: its clause closed before the period was restated)
        if label and not self.p.across_time.search(self.text, first.end, second.label_start):
            return label
        return None

    def restated_period(self, first: Quantity, second: Quantity) -> str | None:
        """The second label, when it opens a clause by restating the period the first gave and leaves out only the
        year before it (去年前11个月访日外国游客 … ；前11个月访日外国游客); else None. The other way round
        (前11个月… ；去年前11个月…) the year names another period.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> text = "去年前11个月游客达3338万人次；前11个月游客达3520万人次；前11个月外国游客达3520万人次。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> first, second, third = extract(text, checker.p.units)
        >>> checker.restated_period(first, second), checker.restated_period(second, first)
        ('前11个月游客', None)
        >>> checker.restated_period(first, third) is None  # 外国游客 adds to the label, beside the year
        True
        """
        if first.cut or second.cut or self.p.per_unit.search(first.label + second.label):
            return None
        whole, restated = self.core(first.label), self.core(second.label)
        opens_clause = self.text[max(0, second.label_start - 8) : second.label_start].rstrip().endswith(CLAUSE_OPENERS)
        if (
            len(restated) < self.p.min_label
            or not whole.endswith(restated)
            or not self.p.restated_period.match(restated)
            or not self.p.year_prefix.fullmatch(whole[: len(whole) - len(restated)])
            or not opens_clause
        ):
            return None
        return restated

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
        if self.restated_at_once(first, second):
            return self.core(first.label)
        if first.cut or second.cut:
            return self.restated_cut(first, second)
        if self.p.per_unit.search(first.label + second.label):
            return named_per_unit(self.text, first, second, self.p.per_unit, self.p.min_label, self.p.told_change)
        # within a sentence, a later label that names no time inherits the first one's year
        shared = self.shared_label(self.core(first.label), self.core(second.label), second.label)
        return (
            shared
            or self.listed_under_verb(first, second)
            or self.restated_bare(first, second)
            or self.examples_dropped(first, second)
            or self.listed_whole(first, second)
        )

    def restated_bare(self, first: Quantity, second: Quantity) -> str | None:
        """The second label, when it opens the clause after a semicolon on the bare item the first label ends in:
        a clause that names no subject goes on telling of the one before, whatever words (城乡居民医保) the first
        put before the item (今年全县城乡居民医保参保人数为18.6万人；参保人数为16.8万人). A prefix that makes
        another item (新增, 城镇, a year) still parts them.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("今年全县城乡居民医保参保人数为18.6万人；参保人数为16.8万人。", Context.default())]
        ['F101']
        >>> find("今年全县新增参保人数为1.2万人；参保人数为18.6万人。", Context.default())
        []
        >>> find("城乡居民医保参保人数为18.6万人，职工医保参保人数为6.8万人。", Context.default())
        []
        """
        whole, bare = self.core(first.label), self.core(second.label)
        if len(bare) < self.p.min_label or len(whole) <= len(bare) or not whole.endswith(bare):
            return None
        if bare != second.label.strip() and self.p.trailing.sub("", second.label.strip()) != bare:
            return None  # the later label says more than the item: a connective or a subject of its own
        if not self.text[: second.label_start].rstrip().endswith(("；", ";")):
            return None
        prefix = whole[: len(whole) - len(bare)]
        return None if self.p.distinct_prefix.search(prefix) or BASIC_HAN_RUN.fullmatch(prefix) is None else bare

    def restated_at_once(self, first: Quantity, second: Quantity) -> bool:
        """Whether the second figure's clause opens, right after the first figure, on the first's very label: only a
        mark between them (人均体育场地面积3.0平方米；人均体育场地面积8.9平方米, 总投资达86.4亿元，总投资达73.2亿元).
        Nothing between can name another subject, time or group, so a per-unit figure or a label of restated_label
        characters (总投资) names one item so; a condition between (种植水稻的，每亩补贴200元；种植小麦的，每亩补贴
        150元) or another label (城镇居民人均…，农村居民人均…) does not.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("全市居民人均可支配收入9865元，全市居民人均可支配收入6193元。", Context.default())]
        ['F101']
        >>> find("种植水稻的，每亩补贴200元；种植小麦的，每亩补贴150元。", Context.default())
        []
        >>> [f.rule for f in find("任务120公里，目前已完成86公里，目前已完成66公里。", Context.default())]
        ['F101']
        >>> text = "建成一批基地，到1992年，农民人均纯收入960元；到1992年，农民人均纯收入690元。"
        >>> [f.rule for f in find(text, Context.default())], find(text.replace("；到1992", "；到95"), Context.default())
        (['F101'], [])
        """
        label, written = self.core(first.label), first.label.strip()
        # a core shorter than that (完成) still names the item when the whole label is restated as written (目前已完成
        # 86公里，目前已完成66公里): the connectives and the time it drops are the same in both
        named = len(label) >= self.p.restated_label or (
            len(written) >= self.p.restated_label and written == second.label.strip()
        )
        # the words opening the first label's clause may be said again before the second (到1992年，…960元；到1992年，
        # …690元): the same time twice is the same period
        restated_end = second.label_start - len(self.restated_lead(first, second))
        return (
            not (first.cut or second.cut)
            and named
            and label == self.core(second.label)
            and self.same_times(first, second)
            and MARKS_ONLY.fullmatch(self.text, first.end, restated_end) is not None
        )

    def same_times(self, first: Quantity, second: Quantity) -> bool:
        """Whether two labels name the same periods, if any: 全年 (which `core` drops as a connective) or 今年以来
        before one label only makes another item (前11个月，城镇新增就业人数5.2万人。全年城镇新增就业人数5.6万人).

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> from cleaner.rules import load_rules
        >>> checker = Checker("新增就业5.2万人。全年新增就业5.6万人。全年新增就业5.8万人。", _patterns(load_rules()))
        >>> first, second, third = extract(checker.text, checker.p.units)
        >>> checker.same_times(first, second), checker.same_times(second, third)
        (False, True)
        """
        return self.p.period_between.findall(first.label) == self.p.period_between.findall(second.label)

    def listed_under_verb(self, first: Quantity, second: Quantity) -> str | None:
        """The first of two labels of one sentence when it is an item of a list (after 、) and the later adds only the
        verb that opens that list: 全区已建成街道综合养老服务中心9个、社区日间照料中心86个，建成社区日间照料中心68个
        counts centres built twice. A verb the list does not open (计划建设…86个，已建成…68个) makes another item.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("全区已建成养老院9个、日间照料中心86个，建成日间照料中心68个。", Context.default())]
        ['F101']
        >>> find("全区已建成养老院9个、日间照料中心86个，在建日间照料中心68个。", Context.default())
        []
        """
        # the list comes first, then the item under the verb alone: a longer label first opens a list of its own
        item, longer = self.core(first.label), self.core(second.label)
        if len(item) < self.p.min_label or not longer.endswith(item) or self.text[first.label_start - 1] != LIST_MARK:
            return None
        verb = longer[: len(longer) - len(item)]
        if not BASIC_HAN_RUN.fullmatch(verb):  # a threshold (投资10亿元以上的项目) is part of an item, no verb
            return None
        clause_start = max(self.text.rfind(mark, 0, first.label_start) for mark in CLAUSE_BOUNDS) + 1
        opened = self.text.find(verb, clause_start, first.label_start)
        # the verb opens the list: the list's items, parted by 、, follow it up to the item compared
        if opened < 0 or LIST_MARK not in self.text[opened : first.label_start] or self.p.distinct_prefix.search(verb):
            return None
        return item

    def shared_label(self, a: str, b: str, later_in_sentence: str | None = None) -> str | None:
        """The shorter of two core labels, if the longer only adds a scope to it (全县COD排放量, COD排放量); else None.

        With LATER_IN_SENTENCE, B's whole label in A's sentence: naming no time, it keeps the year closing A's prefix.

        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.rules import load_rules
        >>> checker = Checker("", _patterns(load_rules()))
        >>> checker.shared_label("全县COD排放量", "COD排放量"), checker.shared_label("去年COD排放量", "COD排放量")
        ('COD排放量', None)
        """
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) < self.p.min_label or not long.endswith(short):
            return None
        prefix = long[: len(long) - len(short)]
        if prefix and long == a and later_in_sentence is not None and not self.p.across_time.search(later_in_sentence):
            # the first label's year holds for the later clause, which names no time: 西湖区今年新增X；新增X
            prefix = self.p.inherited_time.sub("", prefix)
        # A longer label may only add a scope (全市, …专项行动中), never another year or group.
        if prefix and (not self.p.scope_prefix.search(prefix) or self.p.distinct_prefix.search(prefix)):
            return None
        return short

    def separated(self, first: Quantity, second: Quantity) -> bool:
        """Whether a new time, a comparison or an enumeration stands between two figures, which are then two items.

        A growth rate told of the first figure (同比增长6.8%) and 增加值 (value added, a noun) do not count, nor
        does 新增 before another item (新增规模以上工业企业213家), nor an enumeration (其中…) whose clause closed
        before the second figure: it parts only the figures of its own clause.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "地区生产总值完成46.2亿元，同比增长6.8%；规模以上工业增加值同比增长9.1%；地区生产总值完成42.6亿元。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> [f.rule for f in find("全县企业186家，新增企业25家，全县企业211家。", Context.default())]
        []

        Nor are two figures of clauses that open on two places (南川市…3.2万人；青原市…2.4万人): a list by place.

        >>> find("南川市受灾9人，转移安置3.2万人；青原市受灾7人，转移安置2.4万人。", Context.default())
        []
        """
        # two labels cut at a figure are compared only with their clause's words alike (`restated_cut`): one place
        restated = first.cut and second.cut
        if (
            not restated
            and (place := self.clause_place(first))
            and (other := self.clause_place(second))
            and place != other
        ):
            return True
        between = self.text[first.end : second.label_start]
        between = between[: len(between) - len(self.restated_lead(first, second))]
        between = self.repeated_follower(first, second, between)
        between = self.p.told_rate.sub("", between)
        between = self.p.told_change.sub("", between)  # …96.3万人，比2018年末增加8.2万人；从业人员…
        # an enumeration parts only the figures inside its clause: one closed before the second figure does not
        between = self.p.closed_enumeration.sub("", between)
        item_end = self.core(first.label)[-2:]
        between = self.p.other_addition.sub(
            lambda m: m[0] if m["item"].endswith(item_end) else m["lead"] + m["item"], between
        )
        return self.p.separating.search(between) is not None

    def clause_place(self, figure: Quantity) -> str:
        """The place the figure's clause opens on (F101's `clause_place`: 青原市 of 青原市受灾…), or "".

        >>> from cleaner.stages.figures import _patterns
        >>> from cleaner.rules import load_rules
        >>> _patterns(load_rules()).clause_place.search("全省受灾；南川市　受灾人口")["place"]
        '南川市'
        """
        match = self.p.clause_place.search(self.text, max(0, figure.label_start - LEAD_REACH), figure.label_start)
        return match["place"] if match else ""

    def restated_lead(self, first: Quantity, second: Quantity) -> str:
        """The words opening the second figure's clause before its label, when they say again, as written, those that
        open the first figure's clause (今年以来，…16场，…；今年以来，…61场): the time they name is the first's,
        no new one; else "".

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "今年以来，该区已开展宣传活动16场，发放资料1500余份；今年以来，该区已开展宣传活动61场。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> find(text.replace("；今年以来", "；去年"), Context.default())
        []
        >>> text = "他推动建成了一批基地，到1992年，全市农民纯收入达到960元；到1992年，全市农民纯收入达到690元。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        """
        # a clause opens on a mark between the figures (no match else: ^ holds at the text's start only)
        restated = CLAUSE_LEAD.search(self.text, first.end, second.label_start)
        opening = CLAUSE_LEAD.search(self.text, max(0, first.label_start - LEAD_REACH), first.label_start)
        if opening is None or restated is None:
            return ""
        lead, opened = restated["lead"], opening["lead"]
        # ... or the words of the comma's clause just before the first label: a time said again (建成一批基地，
        # 到1992年，…960元；到1992年，…690元) is that time, whatever the first clause opened on
        last_words = opened.endswith(lead) and opened[: len(opened) - len(lead)].endswith(("，", ","))
        return lead if lead.strip() and (lead == opened or last_words) else ""

    def repeated_follower(self, first: Quantity, second: Quantity, between: str) -> str:
        """The text between two figures without the clause that follows the first, when the second is followed by a
        clause opening on the same words: the pair is given again whole (…上下游企业86家，去年实现产值128亿元；
        …上下游企业35家，去年实现产值180亿元), so a time or verb of that clause (去年, 增收) tells of both; a
        clause after the second that names another time (今年实现产值…) leaves the first's parting them.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> text = "如今已聚集了上下游企业86家，去年实现产值128亿元；如今已聚集了上下游企业35家，去年实现产值180亿元。"
        >>> [f.rule for f in find(text, Context.default())]
        ['F101']
        >>> find(text.replace("35家，去年", "95家，今年"), Context.default())
        []
        """
        follower = FOLLOWER.match(between)
        repeated = FOLLOWER.match(self.text, second.end)
        if follower and repeated and follower["words"] == repeated["words"]:
            return between[follower.end() :]
        return between
