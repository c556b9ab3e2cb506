"""Odd counts (1400余件, 560多人次): a count said to run past its written figure by less than its last place.

1400余件 is some count from 1400 to 1499: two such counts of one item agree when their ranges meet (1400余 and
1480余 do, 1400余 and 1600余 do not), so F101 compares them within a sentence as it compares exact counts. An odd
count and an exact one are not compared (1200余人 and 1187人: writers round up so), nor is a count said to be
rough otherwise (约1400件, 近千人, 1400件左右), which names no range.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("出土各类文物1400余件，其中铜器280余件；出土各类文物1600余件。", Context.default())]
['F101']
>>> find("出土各类文物1400余件，其中铜器280余件；出土各类文物1450件。", Context.default())
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .figures_rounding import same_amount
from .numerals import ARABIC, CHINESE, parse_number
from .quantities import APPROX_AFTER, APPROX_BEFORE, Quantity

# A figure's number, then the 余 or 多 that says the count runs past it, before any magnitude and the unit.
ODD_NUMBER = re.compile(f"(?P<number>{ARABIC}|{CHINESE})[余多]")
# The decimals of a written figure (2.5余吨): its last place is theirs.
DECIMALS = re.compile(r"[.．·点](.+)$")


class OddCountChecks:
    """Odd counts and their ranges: for `Checker`, which holds the text."""

    text: str

    def odd_range(self, q: Quantity) -> tuple[float, float] | None:
        """The amounts an odd count (1400余件) may stand for, in its base unit, from its figure up to the next of
        its last written place (1400 to 1500); None for any other figure.

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.units import Units
        >>> from cleaner.stages.quantities import extract
        >>> checker = OddCountChecks()
        >>> checker.text = "文物1400余件，十余人，300多名，2.5余吨，约300余人，3个多月，36个"
        >>> [checker.odd_range(q) for q in extract(checker.text, Units.from_rules(load_rules()))]
        [(1400.0, 1500.0), (10.0, 20.0), (300.0, 400.0), (2500.0, 2600.0), None, None, None]
        """
        if q.kind != "count" or q.high is not None or not q.approx:
            return None
        odd = ODD_NUMBER.match(self.text, q.start, q.end)
        text = self.text
        if odd is None or APPROX_BEFORE.search(text, max(0, q.start - 2), q.start) or APPROX_AFTER.match(text, q.end):
            return None
        number = parse_number(odd["number"])
        if not number:
            return None
        decimals = DECIMALS.search(odd["number"])
        place = 10.0 ** -len(decimals[1]) if decimals else last_place(round(number))
        return q.base_value, q.base_value * (1 + place / number)

    def odd_counts(self, figures: Sequence[Quantity]) -> list[Quantity]:
        """The odd counts among `figures` (1400余件)."""
        return [q for q in figures if self.odd_range(q) is not None]

    def may_agree(self, first: Quantity, second: Quantity) -> bool:
        """Whether two counts may give one amount: two odd counts when their ranges meet; an odd count and an exact
        one always (they are not compared: a writer may round a count up to say 余 of it).

        >>> from cleaner.rules import load_rules
        >>> from cleaner.stages.units import Units
        >>> from cleaner.stages.quantities import extract
        >>> checker = OddCountChecks()
        >>> checker.text = "1400余件，1600余件，1480余件，1187件，1200件"
        >>> a, b, c, d, e = extract(checker.text, Units.from_rules(load_rules()))
        >>> checker.may_agree(a, b), checker.may_agree(a, c), checker.may_agree(a, d), checker.may_agree(d, e)
        (False, True, True, False)
        """
        ranges = [self.odd_range(q) for q in (first, second)]
        if ranges[0] is None and ranges[1] is None:
            return same_amount(first, second)
        if ranges[0] is None or ranges[1] is None:
            return True  # 1200余人 and 1187人: a writer may say 余 of a count a little short of it (tests/cases)
        if first.base_unit != second.base_unit:
            return False
        (low, high), (other_low, other_high) = ranges
        return low < other_high and other_low < high


def last_place(number: int) -> float:
    """The last place a whole number is written to: 1400 to the hundreds, 560 to the tens, 7 to the ones.

    >>> last_place(1400), last_place(560), last_place(7)
    (100.0, 10.0, 1.0)
    """
    written = str(number)
    return float(10 ** (len(written) - len(written.rstrip("0")))) if number else 1.0
