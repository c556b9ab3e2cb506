"""What the figures checks share: the `Relation` each check yields, and the compiled options of rules/figures.toml.

>>> from cleaner.rules import load_rules
>>> patterns = Patterns.from_rules(load_rules())
>>> patterns.min_label, patterns.units.base("吨")
(4, ('公斤', 1000.0))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import RuleError
from ..rules import RuleSet
from .quantities import Quantity
from .units import Units

# Two parallel clauses that open otherwise share this many characters of a frame further on before they part on their
# subjects (以诈骗罪判处被告人邱某… / 以帮助信息网络犯罪活动罪判处被告人胡某…): figures_clauses.of_other_subjects
PARALLEL_FRAME = 5


@dataclass(frozen=True, slots=True)
class Relation:
    """What a check found between figures: the rule, the span it covers, whether it holds, and why."""

    rule: str
    start: int
    end: int
    holds: bool
    message: str
    figures: tuple[int, ...] = ()  # start offsets of the figures involved, for perturbation


def told_twice(
    text: str,
    item: str,
    earlier: Quantity,
    later: Quantity,
    how: str = "在文中",
    why: str = "",
    earlier_note: str = "（前文）",
    later_tail: str = "",
    span: tuple[int, int] | None = None,
) -> Relation:
    """F101's finding that one item is given two different values: the later mention's label and figure (or `span`),
    its message naming the item, how and why, and both figures.

    >>> from cleaner.stages.quantities import extract

    >>> from cleaner.stages.units import Units
    >>> from cleaner.rules import load_rules
    >>> text = "列入台账问题36个。列入台账问题100个。"
    >>> first, second = extract(text, Units.from_rules(load_rules()))
    >>> relation = told_twice(text, "列入台账问题", first, second)
    >>> relation.message, text[relation.start : relation.end], relation.figures
    ('同一项目“列入台账问题”在文中先后给出不同数值：36个（前文） 与 100个', '列入台账问题100个', (6, 16))
    """
    both = f"{earlier.show(text)}{earlier_note} 与 {later.show(text)}{later_tail}"
    message = f"同一项目“{item}”{how}先后给出不同数值{why}：{both}"
    start, end = span or (later.label_start, later.end)
    return Relation("F101", start, end, False, message, (earlier.start, later.start))


@dataclass(frozen=True)
class Patterns:
    """The compiled options of the figures rules, and the units of rules/units.tsv."""

    units: Units
    min_label: int
    min_document_label: int
    short_label: int
    restated_label: int
    swap_digits: int
    distinct_prefix: re.Pattern[str]
    inherited_time: re.Pattern[str]
    scope_prefix: re.Pattern[str]
    separating: re.Pattern[str]
    told_rate: re.Pattern[str]
    told_change: re.Pattern[str]
    closed_enumeration: re.Pattern[str]
    clause_place: re.Pattern[str]
    other_addition: re.Pattern[str]
    across_time: re.Pattern[str]
    period_between: re.Pattern[str]
    case_opener: re.Pattern[str]
    compared_period: re.Pattern[str]
    as_of_now: re.Pattern[str]
    present_time: re.Pattern[str]
    change_label: re.Pattern[str]
    total_label: re.Pattern[str]
    total_after: re.Pattern[str]
    anaphoric_label: re.Pattern[str]
    generic_subject: re.Pattern[str]
    numbered_name: re.Pattern[str]
    total_word: re.Pattern[str]
    item_after: re.Pattern[str]
    item_around: re.Pattern[str]
    change_from: re.Pattern[str]
    change_until: re.Pattern[str]
    restated_period: re.Pattern[str]
    year_prefix: re.Pattern[str]
    growth_rate: re.Pattern[str]
    rate_period: re.Pattern[str]
    leading: re.Pattern[str]
    trailing: re.Pattern[str]
    rate_label: re.Pattern[str]
    share_label: re.Pattern[str]
    excluded_stems: frozenset[str]
    reduction_stems: frozenset[str]
    part_label: re.Pattern[str]
    per_unit: re.Pattern[str]
    change_amount: re.Pattern[str]
    complements: tuple[tuple[str, str], ...]
    kinds: tuple[frozenset[str], ...]  # F104: labels naming parts that cannot overlap (小学, 初中, 高中)
    lunar: re.Pattern[str]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> Patterns:
        def pattern(rule: str, name: str) -> re.Pattern[str]:
            try:
                return re.compile(rules.option(rule, name, "(?!)"))
            except re.error as error:
                raise RuleError(f"rule {rule}: the option {name} is not a valid regular expression ({error})") from None

        return cls(
            units=Units.from_rules(rules),
            min_label=int(rules.option("F101", "min_label", 4)),
            min_document_label=int(rules.option("F101", "min_document_label", 6)),
            short_label=int(rules.option("F101", "short_label", 2)),
            restated_label=int(rules.option("F101", "restated_label", 3)),
            swap_digits=int(rules.option("F101", "swap_digits", 3)),
            distinct_prefix=pattern("F101", "distinct_prefix"),
            inherited_time=pattern("F101", "inherited_time"),
            scope_prefix=pattern("F101", "scope_prefix"),
            separating=pattern("F101", "separating"),
            told_rate=pattern("F101", "told_rate"),
            told_change=pattern("F101", "told_change"),
            closed_enumeration=pattern("F101", "closed_enumeration"),
            clause_place=pattern("F101", "clause_place"),
            other_addition=pattern("F101", "other_addition"),
            across_time=pattern("F101", "across_time"),
            period_between=pattern("F101", "period_between"),
            case_opener=pattern("F101", "case_opener"),
            compared_period=pattern("F101", "compared_period"),
            as_of_now=pattern("F101", "as_of_now"),
            present_time=pattern("F101", "present_time"),
            change_label=pattern("F101", "change_label"),
            total_label=pattern("F101", "total_label"),
            total_after=pattern("F101", "total_after"),
            anaphoric_label=pattern("F101", "anaphoric_label"),
            generic_subject=pattern("F101", "generic_subject"),
            numbered_name=pattern("F101", "numbered_name"),
            total_word=pattern("F101", "total_word"),
            item_after=pattern("F101", "item_after"),
            item_around=pattern("F101", "item_around"),
            change_from=pattern("F101", "change_from"),
            change_until=pattern("F101", "change_until"),
            restated_period=pattern("F101", "restated_period"),
            year_prefix=pattern("F101", "year_prefix"),
            growth_rate=pattern("F101", "growth_rate"),
            rate_period=pattern("F101", "rate_period"),
            leading=pattern("F101", "leading"),
            trailing=pattern("F101", "trailing"),
            rate_label=pattern("F102", "rate_label"),
            share_label=pattern("F102", "share_label"),
            excluded_stems=frozenset(rules.option("F102", "excluded_stems", [])),
            reduction_stems=frozenset(rules.option("F102", "reduction_stems", [])),
            part_label=pattern("F103", "part_label"),
            per_unit=pattern("F103", "per_unit"),
            change_amount=pattern("F103", "change_amount"),
            complements=tuple((a, b) for a, b in rules.option("F104", "complements", [])),
            kinds=tuple(frozenset(group) for group in rules.option("F104", "disjoint", [])),
            lunar=pattern("F105", "lunar"),
        )


def shared_then_parted(one: str, other: str) -> int:
    """How many characters two texts share from their starts, when both go on past them (else 0).

    >>> shared_then_parted("判处被告人王某", "判处被告人李某"), shared_then_parted("判处被告人", "判处被告人李某")
    (5, 0)
    """
    shorter = min(len(one), len(other))
    shared = next((k for k, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), shorter)
    return shared if shared < shorter else 0


def share_a_frame(one: str, other: str) -> bool:
    """Whether two clause leads that open otherwise share PARALLEL_FRAME characters or more further on, then part.

    >>> share_a_frame("法院以诈骗罪判处被告人邱某有期徒刑", "以帮助信息网络犯罪活动罪判处被告人胡某有期徒刑")
    True
    >>> share_a_frame("全县新建学校", "全市新建学校"), share_a_frame("全县粮食总产量达", "据统计，全县粮食总产量达")
    (False, False)
    """
    starts = (
        (start, at)
        for start in range(len(one) - PARALLEL_FRAME)
        for at in finds_all(other, one[start : start + PARALLEL_FRAME])
    )
    return any(shared_then_parted(one[start:], other[at:]) >= PARALLEL_FRAME for start, at in starts)


def finds_all(text: str, part: str) -> list[int]:
    """Where `part` stands in `text`.

    >>> finds_all("判处被告人甲，判处被告人乙", "判处被告人")
    [0, 7]
    """
    return [m.start() for m in re.finditer(re.escape(part), text)]
