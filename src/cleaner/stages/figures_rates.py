"""F102, rates and shares against the counts they are computed from: the checks `Checker` inherits.

>>> from cleaner.rules import load_rules
>>> from cleaner.stages.figures import relations
>>> [(r.rule, r.holds) for r in relations("共受理300件，办结270件，办结率90%。", load_rules())]
[('F102', True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .figures_data import Patterns, Relation
from .quantities import Quantity, decimals, percent

PREVIOUS_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n\d%]{0,24}[，、,]")
GENERIC_WHOLE = re.compile(r"^(?:总|全部|总体|[^，。；]{0,4}总(?:数|量|额|人数))$")
OWN_SHARE = re.compile(r"[，、,\s]{0,2}占")
# A rate is read against at most this many counts before it in its sentence (People's Daily's sentences
# hold at most 6), so that a table of shares set without a full stop is not read count by count per rate.
RATE_REACH = 64


def is_exact_count(q: Quantity) -> bool:
    """Whether a figure counts something exactly (36个), the figures the checks add up and compare."""
    return q.kind == "count" and q.exact


class RateChecks:
    """F102 over the figures of one sentence; `Checker` supplies the text and the compiled options."""

    text: str
    p: Patterns

    def rates(self, figures: Sequence[Quantity]) -> Iterator[Relation]:
        """F102: a stated rate or share fits no ratio of the counts before it."""
        before: list[Quantity] = []  # the counts before the rate, gathered as the figures go by
        for rate in figures:
            if is_exact_count(rate):
                before.append(rate)
            share = rate.share
            if share is None or not rate.exact:
                continue
            counts = before[-RATE_REACH:]
            found = self.rate_operands(rate, counts)
            if found is None:
                continue
            numerators, denominators = found
            tolerance = (10.0 if rate.kind == "tenths" else 1.0) * 10 ** -decimals(rate.show(self.text))
            candidates = [(n, d) for n in numerators for d in denominators if 0 < n <= d]
            if not candidates:
                continue
            n, d = min(candidates, key=lambda pair: abs(100 * pair[0] / pair[1] - share))
            holds = abs(100 * n / d - share) <= tolerance
            message = f"{rate.label}{rate.show(self.text)} 与所依据的数字不符：最接近的是 {percent(n, d)}"
            figures_involved = (*(q.start for q in counts if q.value in numerators + denominators), rate.start)
            start = min(q.label_start for q in counts if q.value in numerators + denominators)
            yield Relation("F102", start, rate.end, holds, message, figures_involved)

    def rate_operands(self, rate: Quantity, before: list[Quantity]) -> tuple[list[float], list[float]] | None:
        """Candidate numerators and denominators for a rate, or None when the sentence has none."""
        rate_match = self.p.rate_label.search(rate.label)
        if rate_match:
            stem = rate_match["stem"]
            if stem in self.p.excluded_stems:
                return None
            numerators = [q for q in before if stem in q.label]
            if not numerators:
                return None
            unit = numerators[-1].unit
            others = [q for q in before if q.unit == unit and q not in numerators]
            if not others:
                return None
            nums = [q.value for q in numerators] + [sum(q.value for q in numerators)]
            dens = [q.value for q in others] + [sum(q.value for q in others)]
            if any("未" in q.label for q in others):  # 已办结505件，未办结969件: the whole is their sum
                dens.append(sum(q.value for q in before))
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
            if q.unit == numerator.unit and q.value >= numerator.value and not OWN_SHARE.match(self.text, q.end)
        ]
        if whole and not GENERIC_WHOLE.match(whole):
            totals = [q for q in totals if whole in q.label]
        totals = [q for q in totals if not self.p.per_unit.search(q.label)]
        return ([numerator.value], [q.value for q in totals]) if totals else None
