"""The figures stage: flags figures that contradict each other; it never changes the text.

Every check yields a `Relation` between figures, holding or not; the stage flags the ones that
fail, and the evaluation uses the ones that hold as controls. Patterns live in rules/figures.toml.

>>> from cleaner.pipeline import Context
>>> text = "列入区级台账问题36个，已办结34个；列入区级台账问题100个，已办结96个，办结率达96%。"
>>> [(f.rule, f.start, f.end) for f in find(text, Context.default())]
[('F101', 0, 38)]
>>> print(*find(text, Context.default())[0].message.split("；"), sep="\\n")
同一项目“列入区级台账问题”先后给出两个不同数值：36个 与 100个
“已办结”：34个 与 96个
办结率96% 与合计 130/136=95.6% 不符，只与 96/100 相符
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, groupby, islice

from ..model import Finding
from ..pipeline import Context
from ..rules import RuleSet
from .dates import date_relations
from .figures_before import BeforeLabelChecks
from .figures_changes import ChangeChecks
from .figures_clauses import ClauseChecks
from .figures_data import Patterns, Relation, told_twice
from .figures_ledgers import LedgerChecks
from .figures_mentions import MentionChecks
from .figures_numbered import NumberedSubjectChecks
from .figures_odd import OddCountChecks
from .figures_parts import PartChecks
from .figures_rates import RateChecks
from .figures_restated import restated_clauses
from .figures_rounding import Reading, decimals, percent, same_amount, written_like
from .figures_tables import TableChecks, is_field, one_record
from .quantities import Quantity, extract, sentence_starts

PREFILTER = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿]")


class Checker(
    RateChecks,
    BeforeLabelChecks,
    NumberedSubjectChecks,
    ChangeChecks,
    TableChecks,
    LedgerChecks,
    ClauseChecks,
    PartChecks,
    MentionChecks,
    OddCountChecks,
):
    """Runs the checks over the figures of one text."""

    def __init__(self, text: str, patterns: Patterns) -> None:
        self.text = text
        self.p = patterns

    def same_ending(self, counts: Sequence[Quantity]) -> list[Iterable[Quantity]]:
        """For each count, the later ones `same_item` may pair it with: same base unit, same label ending.

        Sorting them out first keeps a sentence of many figures (a results table set without
        full stops) from comparing every pair.
        """
        size = max(1, min(self.p.min_label, self.p.restated_label))
        groups: dict[tuple[str, str, bool], list[Quantity]] = {}
        places: list[tuple[list[Quantity], int] | None] = []
        for q in counts:
            label = self.core(q.label)
            if len(label) < size:  # a short core (已完成 → 完成) is paired only as written (`restated_at_once`)
                label = q.label.strip()
            if len(label) < size and (words := self.list_words(q)):  # 血压、血糖560余人次: the list's (`listed_whole`)
                label = self.core(words)
            if len(label) < size:
                places.append(None)
                continue
            # a label cut at a figure before it is paired only with another so cut (`restated_cut`)
            group = groups.setdefault((q.base_unit, label[-size:], q.cut), [])
            group.append(q)
            places.append((group, len(group)))
        return [() if place is None else islice(place[0], place[1], None) for place in places]

    def repeated_label(self, figures: Sequence[Quantity]) -> Iterator[Relation]:
        """F101: one sentence gives the same item two different counts (odd ones too: 1400余件, `figures_odd`)."""
        counts = self.counts(figures)
        odd = self.odd_counts(figures)
        if odd:
            counts = sorted(counts + odd, key=lambda q: q.start)
        pairs: list[tuple[str, Quantity, Quantity]] = []
        later = self.same_ending(counts)
        for i, first in enumerate(counts):
            for second in later[i]:
                if self.may_agree(first, second):
                    continue
                label = self.paired_label(first, second)
                if label:
                    if self.of_other_heads(counts, first, second) or self.of_other_subjects(counts, first, second):
                        continue
                    pairs.append((label, first, second))
                    break
        if not pairs:
            return
        # A continuation (已办结 after 列入) repeats along with its item: name it, do not count it alone.
        followers = self.followers(counts, pairs)
        label, a, b = pairs[0]
        notes = [f"同一项目“{label}”先后给出两个不同数值：{a.show(self.text)} 与 {b.show(self.text)}"]
        notes += [f"“{label}”：{a.show(self.text)} 与 {b.show(self.text)}" for label, a, b in pairs[1:]]
        notes += [f"“{a.label}”：{a.show(self.text)} 与 {b.show(self.text)}" for a, b in followers]
        message = "；".join(notes)
        totals = [q for _, a, b in pairs for q in (a, b)]
        parts = [q for a, b in followers for q in (a, b)]
        rate_note = self.rate_note(figures, totals, parts)
        if rate_note:
            message += "；" + rate_note
        involved = totals + parts
        start = min(q.label_start for q in involved)
        yield Relation("F101", start, max(q.end for q in involved), False, message, tuple(q.start for q in involved))

    def repeated_across(self, figures: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences: a long label, a total's (共有参赛选手) or one a demonstrative points back to
        (这条邮路全长), whole clause and free of any time, given another count later; or a mention under a time
        (12月末，全市普惠小微贷款余额…) given another count by a later one that tells of the same time.

        >>> from cleaner.rules import load_rules
        >>> text = "邮路全长68公里，大半是山路。这条邮路全长86公里。"
        >>> checker = Checker(text, _patterns(load_rules()))
        >>> starts = sentence_starts(text)
        >>> [r.holds for r in checker.repeated_across(extract(text, checker.p.units, starts), starts)]
        [False]
        """
        seen: dict[tuple[str, str], Quantity] = {}
        mentions: dict[tuple[str, str], Quantity] = {}
        timed: dict[tuple[str, str], Quantity] = {}  # each item's latest mention under a time of its sentence
        counts = self.counts(figures)
        # counts that each tell more of a count before them (工业项目38个，年度计划投资32亿元) are compared only when
        # that count's item is the same: 文旅项目8个，年度计划投资6亿元 is the next row of a list, not a slip
        continued = self.continued_items(counts)
        for q in counts:
            # a total names its item after the word that makes it one, whatever scope stands before it; a
            # demonstrative (这条, 该) names the item counted before
            total = self.total_of(q.label)
            anaphor = None if total else self.p.anaphoric_label.match(q.label)
            # a generic noun (大桥) opening the label stands for the name its sentence opens on (清江二桥北起…)
            item = self.core(total[1] if total else anaphor["item"] if anaphor else q.label)
            label = self.named_subject(q, item, starts)
            if (
                total
                and self.p.total_label.search(q.label) is None
                and not any((label, q.base_unit) in known for known in (seen, mentions, timed))
            ):
                # a total's word after its item (全县小型水库共) meets a total counted before with the word before
                # it (全县共有小型水库); else its label is read whole, as any count's (全市参加培训的农民共有 and
                # 全市参加培训的农民: one item). Only a later mention meets so: the earlier one is read whole
                total, label = None, self.named_subject(q, self.core(q.label), starts)
            # a field's name (问题台账：36个) is as short as a table gives it: compared within its record only
            field = is_field(self.text, q)
            shortest = self.p.min_label if total or anaphor or field else self.p.min_document_label
            if len(label) < self.p.min_label or q.cut or self.p.per_unit.search(q.label):
                continue
            key = (label, q.base_unit)
            # …1997年，全县粮食总产量15万吨: a time anywhere before it in the sentence makes it another item
            # (an enumeration or a comparison there does not: 其中，…执行到位金额3.26亿元 is compared); a later
            # mention that names no time of its own may still tell of that one (`same_time`)
            if self.time_before(q, starts):
                if len(label) >= shortest:
                    timed[key] = q
                continue
            # a demonstrative points back to the item's latest mention, whatever its label's length; otherwise only
            # a long label or a total's is compared, with its first mention
            latest, mentions[key] = mentions.get(key, q), q
            if anaphor:
                first = latest
            elif len(label) < shortest:
                continue
            else:
                first = seen.setdefault(key, q)
            earlier = timed.get(key)
            candidates = [first] + ([earlier] if earlier and self.same_time(earlier, q) else [])
            mine = continued[q.start]
            candidates = [c for c in candidates if not (mine and continued[c.start]) or continued[c.start] == mine]
            other = next((c for c in candidates if c.sentence != q.sentence and self.contradicts(c, q)), None)
            fields = other is not None and (field or is_field(self.text, other))
            if other is not None and (not fields or one_record(self.text, other, q)):
                yield told_twice(self.text, label, other, q)

    def contradicts(self, first: Quantity, second: Quantity) -> bool:
        """Whether two mentions of one item in one scope give it different amounts: not of two places' clauses.

        >>> text = "南川市受灾人口18.6万人，紧急转移安置3.2万人。\\n\\n合计受灾人口55.5万人，紧急转移安置9.3万人。"
        >>> find(text, Context.default()), len(find(text.replace("合计", "南川市"), Context.default()))
        ([], 2)
        """
        places = [self.clause_place(q) for q in (first, second)]
        apart = all(places) and places[0] != places[1]
        return not same_amount(first, second) and self.same_scope(first, second) and not apart

    def followers(
        self, counts: Sequence[Quantity], pairs: Sequence[tuple[str, Quantity, Quantity]]
    ) -> list[tuple[Quantity, Quantity]]:
        """Figures right after each of a repeated pair that share a label with each other (已办结 34 / 96)."""
        found = []
        for _, first, second in pairs:
            pair = (first, second)
            after = [next((q for q in counts if q.start > x.end and q.base_unit == x.base_unit), None) for x in pair]
            a, b = after
            if a and b and a is not b and a.label == b.label and not self.may_agree(a, b) and a.start < second.start:
                found.append((a, b))
        return found

    def rate_note(self, figures: Sequence[Quantity], totals: list[Quantity], parts: list[Quantity]) -> str:
        """How a stated rate compares with the combined figures and with each pair."""
        if not parts:
            return ""
        rate = next((q for q in figures if q.kind == "percent" and self.p.rate_label.search(q.label)), None)
        if rate is None:
            return ""
        name = self.p.rate_label.search(rate.label)["stem"] + "率"  # type: ignore[index]
        whole, part = sum(q.base_value for q in totals), sum(q.base_value for q in parts)
        note = f"{name}{rate.show(self.text)} 与合计 {percent(Reading.of(parts), Reading.of(totals))}"
        fits = [
            f"{written_like(p.base_value, [p])}/{written_like(t.base_value, [t])}"
            for t, p in zip(totals, parts, strict=False)
            if round(100 * p.base_value / t.base_value, decimals(rate.show(self.text)) + 1) == rate.value
        ]
        if round(100 * part / whole, decimals(rate.show(self.text)) + 1) == rate.value:
            return note + " 相符"
        return note + (" 不符，只与 " + "、".join(fits) + " 相符" if fits else " 不符")


def once_per_span(found: Iterable[Relation]) -> Iterator[Relation]:
    """The relations, each span once: the checks across sentences may each find the same pair.

    >>> [r.message for r in once_per_span([Relation("F101", 0, 5, False, "a"), Relation("F101", 0, 5, False, "b")])]
    ['a']
    """
    spans: set[tuple[str, int, int]] = set()
    for relation in found:
        span = (relation.rule, relation.start, relation.end)
        if span not in spans:
            spans.add(span)
            yield relation


def in_separate_cases(text: str, relation: Relation, case_opener: re.Pattern[str]) -> bool:
    """Whether the two figures of a relation across sentences stand in two worked examples or cases, a line opening
    a new one between them (F101's `case_opener`: 例一：…, 例二：…; 案例三：…): each case gives its own figures.

    >>> opener = re.compile("(?m)^例[一二三]：")
    >>> text = "例一：老周住院，政策范围内费用20800元。\\n例二：王阿姨住院，政策范围内费用12500元。"
    >>> in_separate_cases(text, Relation("F101", 0, 1, False, "", (15, 40)), opener)
    True
    >>> in_separate_cases(text, Relation("F101", 0, 1, False, "", (15, 18)), opener)
    False
    """
    if len(relation.figures) < 2:
        return False
    return case_opener.search(text, relation.figures[0], relation.figures[-1]) is not None


@lru_cache(maxsize=8)
def _patterns(rules: RuleSet) -> Patterns:
    return Patterns.from_rules(rules)


def relations(text: str, rules: RuleSet) -> Iterator[Relation]:
    """Every relation the checks find in `text`, holding or not."""
    if not PREFILTER.search(text):
        return
    patterns = _patterns(rules)
    starts = sentence_starts(text)
    checker = Checker(text, patterns)
    previous: list[Quantity] = []
    all_figures = extract(text, patterns.units, starts)
    flagged: set[int] = set()  # the figures of the F101 relations that fail, for restated_clauses
    for _, group in groupby(all_figures, key=lambda q: q.sentence):
        figures = list(group)
        if len(figures) >= 2:
            yield from noting(checker.repeated_label(figures), flagged)
            yield from checker.repeated_rate_in_list(figures)
            yield from checker.repeated_share(figures)
            yield from checker.rates(figures)
        yield from checker.parts(figures, previous)
        previous = figures
    counts = checker.counts(all_figures)
    across = chain(
        checker.repeated_across(all_figures, starts),
        checker.repeated_next(counts, starts),
        checker.repeated_after(counts, starts),
        checker.repeated_around(counts, starts),
        checker.repeated_short(counts, starts),
        checker.repeated_numbered(counts, starts),
        checker.repeated_before_label(counts, starts),
        checker.repeated_change(counts, starts),
        checker.repeated_in_table(counts, starts),
        checker.repeated_in_ledger(all_figures, starts),
    )
    yield from noting(once_per_span(r for r in across if not in_separate_cases(text, r, patterns.case_opener)), flagged)
    yield from checker.repeated_growth_rates(all_figures, starts)
    yield from date_relations(text, patterns.lunar)
    # a clause said again but for its count: only where no other check has flagged the pair already
    yield from (r for r in restated_clauses(text, counts, patterns.leading) if flagged.isdisjoint(r.figures))


def noting(found: Iterable[Relation], flagged: set[int]) -> Iterator[Relation]:
    """The relations, as they come, noting in `flagged` the figures of those that fail.

    >>> flagged = set()
    >>> _ = list(noting([Relation("F101", 0, 5, False, "", (0, 3)), Relation("F101", 6, 9, True, "", (6, 8))], flagged))
    >>> sorted(flagged)
    [0, 3]
    """
    for relation in found:
        if not relation.holds:
            flagged.update(relation.figures)
        yield relation


def check_rules(rules: RuleSet) -> None:
    """Compile the figures options, so a broken pattern stops a run before its first file."""
    Patterns.from_rules(rules)


def find(text: str, context: Context) -> list[Finding]:
    """Flag every relation between figures that does not hold; the text is never changed."""
    rules = context.rules
    findings = []
    for relation in relations(text, rules):
        if not relation.holds and rules.enabled(relation.rule):
            confidence = float(rules.option(relation.rule, "confidence", 0.8))
            findings.append(Finding(relation.rule, relation.start, relation.end, relation.message, None, confidence))
    return findings
