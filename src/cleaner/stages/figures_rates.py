"""F102, rates and shares against the counts they are computed from: the checks `Checker` inherits.

>>> from cleaner.rules import load_rules
>>> from cleaner.stages.figures import relations
>>> [(r.rule, r.holds) for r in relations("共受理300件，办结270件，办结率90%。", load_rules())]
[('F102', True)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import takewhile

from ..patterns import BLANK_LINE
from .figures_data import Patterns, Relation, told_twice
from .figures_rounding import Reading, amount, decimals, percent, ratio_range, same_amount
from .quantities import Quantity

PREVIOUS_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n\d%]{0,24}[，、,]")
GENERIC_WHOLE = re.compile(r"^(?:总|全部|总体|[^，。；]{0,4}总(?:数|量|额|人数))$")
OWN_SHARE = re.compile(r"[，、,\s]{0,2}占")
# The marks that part the clauses of a run of growth rates (…同比增长8.5%，…同比增长10.3%；…).
RATE_LIST_MARKS = re.compile(r"[，、；,;]")
# A rate is read against at most this many counts before it in its sentence (People's Daily's sentences
# hold at most 6), so that a table of shares set without a full stop is not read count by count per rate.
RATE_REACH = 64


def distance(share: float, interval: tuple[float, float]) -> float:
    """How far a percentage lies outside an interval of them: nothing inside it.

    >>> distance(25.3, (24.0, 26.1)), round(distance(27.0, (24.0, 26.5)), 6)
    (0.0, 0.5)
    """
    low, high = interval
    return max(0.0, low - share, share - high)


def misfit(shares: Sequence[float], pair: tuple[Reading, Reading]) -> float:
    """How far the closest of `shares` (percentages) lies outside what a part of a whole may be.

    >>> round(misfit((92.9, 100 - 92.9), (Reading(9.0, 0.0, ()), Reading(126.0, 0.0, ()))), 2)  # 9/126 = 7.14%
    0.04
    """
    return min(distance(share, ratio_range(*pair)) for share in shares)


def is_exact_count(q: Quantity) -> bool:
    """Whether a figure counts something exactly (36个), the figures the checks add up and compare."""
    return q.kind == "count" and q.exact


class RateChecks:
    """F102 over the figures of one sentence; `Checker` supplies the text and the compiled options."""

    text: str
    p: Patterns

    def repeated_growth_rates(self, figures: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 for growth rates: one item's rate over the same periods against the same basis, given another
        value in a later sentence (一季度…同比增长7.4% … 一季度…同比增长7.9%).

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import relations
        >>> text = "一季度，全市工业增加值同比增长7.4%。一季度全市工业增加值同比增长7.9%，开局良好。"
        >>> [(r.rule, r.holds) for r in relations(text, load_rules())]
        [('F101', False)]
        """
        seen: dict[tuple[str, str, frozenset[str]], Quantity] = {}
        # each sentence's periods are found once: a sentence with no full stop holds thousands of shares, and
        # scanning it again up to each of them was quadratic (bench_worst_case's shares_without_full_stop). No
        # period runs on into the figure that follows it, so those ending by a figure are the ones before it.
        sentence_periods: dict[int, tuple[list[str], list[int]]] = {}
        for q in figures:
            if q.kind != "percent" or not q.exact or q.cut:
                continue
            if q.sentence not in sentence_periods:
                end = starts[q.sentence + 1] if q.sentence + 1 < len(starts) else len(self.text)
                found = list(self.p.rate_period.finditer(self.text, starts[q.sentence], end))
                sentence_periods[q.sentence] = ([m.group() for m in found], [m.end() for m in found])
            named, ends = sentence_periods[q.sentence]
            periods = named[: bisect_right(ends, q.start)]
            if not periods:
                periods = self.periods_told_before(q.sentence, starts)
            if not periods:
                continue
            label = q.label
            while (leading := self.p.rate_period.match(label)) is not None:
                label = label[leading.end() :].lstrip("，,")  # the period said in the label is one of `periods`
            rate = self.p.growth_rate.match(label)
            if rate is None or len(rate["item"]) < self.p.min_document_label:
                continue
            key = (rate["item"], rate["basis"] + rate["change"], frozenset(periods))
            first = seen.setdefault(key, q)
            if first.sentence != q.sentence and first.value != q.value:
                yield told_twice(self.text, rate["item"], first, q, how=f"同期{rate['basis']}{rate['change']}")

    def growth_key(self, q: Quantity) -> tuple[str, str, str] | None:
        """The item, the comparison (同比增长) and the periods before them that a growth rate's label states; else None.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import Checker, _patterns
        >>> from cleaner.stages.quantities import extract
        >>> checker = Checker("一季度工业增加值同比增长8.5%", _patterns(load_rules()))
        >>> [checker.growth_key(q) for q in extract(checker.text, checker.p.units)]
        [('工业增加值', '同比增长', '一季度')]
        """
        if q.kind != "percent" or not q.exact or q.cut:
            return None
        label, periods = q.label, ""
        while (leading := self.p.rate_period.match(label)) is not None:
            periods += leading.group()
            label = label[leading.end() :].lstrip("，,")
        rate = self.p.growth_rate.match(label)
        return (rate["item"], rate["basis"] + rate["change"], periods) if rate else None

    def repeated_rate_in_list(self, figures: Sequence[Quantity]) -> Iterator[Relation]:
        """F101 within a sentence: a run of growth rates, clause after clause, that gives one item's rate twice
        with two values (规模以上工业增加值同比增长8.5%，固定资产投资同比增长10.3%，规模以上工业增加值同比增长5.8%).
        Only rate statements may stand between the two, and no other period: a clause that names a subject or a time
        (甲镇…，规模以上工业增加值同比增长8.5%；乙镇…, 一季度…，二季度…) makes another item.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import relations
        >>> text = "工业增加值同比增长百分之八点五，投资同比增长百分之十点三，工业增加值同比增长百分之五点八。"
        >>> [(r.rule, r.holds) for r in relations(text, load_rules())]
        [('F101', False)]
        >>> text = "甲镇产值12亿元，工业增加值同比增长8.5%；乙镇产值9亿元，工业增加值同比增长5.8%。"
        >>> [r.rule for r in relations(text, load_rules()) if not r.holds]
        []
        >>> [r.rule for r in relations("一季度工业增加值同比增长8.5%，二季度工业增加值同比增长5.8%。", load_rules())]
        []
        """
        keys = [self.growth_key(q) for q in figures]
        statements = {self.text[q.label_start : q.end] for q, key in zip(figures, keys, strict=True) if key}
        for i, (first, key) in enumerate(zip(figures, keys, strict=True)):
            if key is None or len(key[0]) < self.p.min_label:
                continue
            for second, other in zip(figures[i + 1 :], keys[i + 1 :], strict=True):
                between = self.text[first.end : second.label_start]
                if any(clause not in statements for clause in RATE_LIST_MARKS.split(between) if clause):
                    break  # a clause that is no rate statement ends the run
                # the later rate may leave out the period the first named, never name another
                same_period = other is not None and other[2] in ("", key[2])
                if other is not None and other[:2] == key[:2] and same_period and first.value != second.value:
                    if self.p.period_between.search(between):
                        break
                    how, span = f"{key[1]}在同一句中", (first.label_start, second.end)
                    yield told_twice(self.text, key[0], first, second, how, earlier_note="", span=span)
                    return

    def repeated_share(self, figures: Sequence[Quantity]) -> Iterator[Relation]:
        """F101 within a sentence: one share given twice under the same label, word for word, with two values
        (…病例占门急诊病例的比例为7.3%；…病例占门急诊病例的比例为3.7%), nothing between naming another time or item.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import relations
        >>> text = "近一周全市流感样病例的比例为7.3%；近一周全市流感样病例的比例为3.7%，有所上升。"
        >>> [(r.rule, r.holds) for r in relations(text, load_rules())]
        [('F101', False)]
        >>> [r.rule for r in relations(text.replace("；近一周", "；上一周"), load_rules()) if not r.holds]
        []
        >>> text = "全镇村庄的达标比例为75%，其中8个村，全镇村庄的达标比例为57%。"  # a figure between: another item
        >>> [r.rule for r in relations(text, load_rules()) if not r.holds]
        []
        """
        # a change (同比增长8.5%) is `repeated_rate_in_list`'s, which knows what parts two of them
        shares = [q for q in figures if q.kind == "percent" and not q.cut and self.growth_key(q) is None]
        for i, first in enumerate(shares):
            label = first.label.strip()
            if len(self.core(label)) < self.p.min_document_label:
                continue
            for second in shares[i + 1 :]:
                # the statement told again right after itself: no figure of another item between
                between = [q for q in figures if first.end <= q.start < second.start]
                if between:
                    break
                told_again = second.label.strip() == label and not same_amount(first, second)
                if told_again and not self.separated(first, second):
                    span, how = (first.label_start, second.end), "在同一句中"
                    yield told_twice(self.text, self.core(label), first, second, how, earlier_note="", span=span)
                    return

    def periods_told_before(self, sentence: int, starts: Sequence[int]) -> list[str]:
        """The periods the nearest earlier sentence of the paragraph states, which a sentence naming none goes on in.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import relations
        >>> text = "今年以来，全区印发的文件同比减少36.5%。倡导开短会，全区印发的文件同比减少38.2%。"
        >>> [(r.rule, r.holds) for r in relations(text, load_rules())]
        [('F101', False)]
        >>> [r.rule for r in relations(text.replace("。倡导", "。\\n\\n倡导"), load_rules())]
        []
        """
        for earlier in range(sentence - 1, -1, -1):
            start, end = starts[earlier], starts[earlier + 1]
            if BLANK_LINE.search(self.text, start, starts[sentence]):
                return []  # a new paragraph: the period of the one before it no longer holds
            periods = [m.group() for m in self.p.rate_period.finditer(self.text, start, end)]
            if periods:
                return periods
        return []

    def rates(self, figures: Sequence[Quantity]) -> Iterator[Relation]:
        """F102: a stated rate or share fits no ratio of the counts before it (or, failing those, after it)."""
        before: list[Quantity] = []  # the counts before the rate, gathered as the figures go by
        for index, rate in enumerate(figures):
            if is_exact_count(rate):
                before.append(rate)
            share = rate.share
            if share is None or not rate.exact:
                continue
            operands = before[-RATE_REACH:]
            found = self.rate_operands(rate, operands)
            if found is None:
                operands = self.counts_after(rate, before, figures[index + 1 :])
                found = ([Reading.of(operands[:1])], [Reading.of(operands[1:])]) if operands else None
            if found is None:
                continue
            numerators, denominators = found
            # a rate may be truncated as well as rounded: a whole place of it, and the rounding of its counts
            tolerance = (10.0 if rate.kind == "tenths" else 1.0) * 10 ** -decimals(rate.show(self.text))
            candidates = [(n, d) for n in numerators for d in denominators if 0 < n.value <= d.value]
            if not candidates:
                continue
            # a reduction rate (压减率) counts what went, and its count may be what is left (由126家压减至9家)
            shares = (share, 100 - share) if self.reduction_rate(rate) else (share,)
            n, d = min(candidates, key=partial(misfit, shares))
            holds = misfit(shares, (n, d)) <= tolerance
            values = {r.value for r in numerators + denominators}
            used = sorted((q for q in operands if q.base_value in values), key=lambda q: q.start)
            closest = percent(n, d)
            if len({q.unit for q in used}) > 1:  # 500万公斤 of 2万吨: the figures as written say what was compared
                shown = [self.written(r) for r in (n, d)]
                closest = f"{shown[0]}/{shown[1]}={100 * n.value / d.value:.1f}%"
            message = f"{rate.label}{rate.show(self.text)} 与所依据的数字不符：最接近的是 {closest}"
            # the rate's offset comes last whether it stands before or after its counts: the evaluation perturbs it
            involved = (*(q.start for q in used), rate.start)
            start, end = min(rate.label_start, *(q.label_start for q in used)), max(rate.end, *(q.end for q in used))
            yield Relation("F102", start, end, holds, message, involved)

    def reduction_rate(self, rate: Quantity) -> bool:
        """Whether a rate's stem names a reduction (F102's `reduction_stems`: 压减率, 下降率)."""
        rate_match = self.p.rate_label.search(rate.label)
        return bool(rate_match) and rate_match["stem"] in self.p.reduction_stems

    def written(self, reading: Reading) -> str:
        """A numerator or denominator of mixed units: its figure as written, or a sum in the base unit."""
        if len(reading.figures) == 1:
            return reading.figures[0].show(self.text)
        return f"{amount(reading.value)}{reading.figures[0].base_unit}"

    def rate_operands(self, rate: Quantity, before: list[Quantity]) -> tuple[list[Reading], list[Reading]] | None:
        """Candidate numerators and denominators for a rate, or None when the sentence has none.

        Values are compared in their base unit, so 3000万元 is read against 5亿元 and 500公斤 against 2吨.
        """
        rate_match = self.p.rate_label.search(rate.label)
        if rate_match:
            stem = rate_match["stem"]
            if stem in self.p.excluded_stems:
                return None
            numerators = [q for q in before if stem in q.label]
            if not numerators:
                return None
            unit = numerators[-1].base_unit
            others = [q for q in before if q.base_unit == unit and q not in numerators]
            if not others:
                return None
            nums = [Reading.of([q]) for q in numerators] + [Reading.of(numerators)]
            dens = [Reading.of([q]) for q in others] + [Reading.of(others)]
            if any("未" in q.label for q in others):  # 已办结505件，未办结969件: the whole is their sum
                dens.append(Reading.of(before))
            return nums, dens
        share_match = self.p.share_label.match(rate.label)
        # 1045人，占47.61% or 有24起是…，占96%: the share follows the clause of its count; 女生占40% names none.
        if not share_match or not before or not PREVIOUS_CLAUSE.fullmatch(self.text, before[-1].end, rate.label_start):
            return None
        numerator = before[-1]
        whole = share_match["whole"]
        # A count followed by a share of its own (…人，占87%) is a part beside this one, not the whole.
        totals = [
            q
            for q in before[:-1]
            if q.base_unit == numerator.base_unit
            and q.base_value >= numerator.base_value
            and not OWN_SHARE.match(self.text, q.end)
        ]
        if whole and not GENERIC_WHOLE.match(whole):
            totals = [q for q in totals if whole in q.label]
        totals = [q for q in totals if not self.p.per_unit.search(q.label)]
        return ([Reading.of([numerator])], [Reading.of([q]) for q in totals]) if totals else None

    def counts_after(self, rate: Quantity, before: Sequence[Quantity], later: Sequence[Quantity]) -> list[Quantity]:
        """The part and the whole a rate stated first is computed from, when they are unambiguous; else [].

        办结率100%，共受理300件，办结280件: after the rate, up to the next rate or share, exactly one exact
        count carries the rate's stem and exactly one other exact count has its unit, with nothing between
        them that makes another item (a year, 其中, a change); none before the rate carries the stem.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.figures import relations
        >>> text = "办结率100%，共受理群众来信300件，办结280件。"
        >>> [(r.rule, r.holds, r.message) for r in relations(text, load_rules())]
        [('F102', False, '办结率100% 与所依据的数字不符：最接近的是 280/300=93.3%')]
        """
        rate_match = self.p.rate_label.search(rate.label)
        if not rate_match or rate_match["stem"] in self.p.excluded_stems:
            return []
        stem = rate_match["stem"]
        if any(stem in q.label for q in before):
            return []
        # a later rate or share owns the counts after it
        window = list(takewhile(lambda q: q.share is None, later))
        parts = [q for q in window if stem in q.label]
        if len(parts) != 1 or not is_exact_count(parts[0]):
            return []
        part = parts[0]
        wholes = [q for q in window if q is not part and q.kind == "count" and q.base_unit == part.base_unit]
        if len(wholes) != 1 or not is_exact_count(wholes[0]) or wholes[0].base_value < part.base_value:
            return []
        whole = wholes[0]
        if self.p.per_unit.search(part.label + whole.label):
            return []
        last = max(part, whole, key=lambda q: q.start)
        # 其中, 已 and 共 in front of the last label only join it to the clause before
        between = self.text[rate.end : last.label_start] + self.p.leading.sub("", last.label)
        if self.p.separating.search(between):
            return []
        return [part, whole]
