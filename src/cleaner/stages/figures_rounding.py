"""How precisely a figure is written: the interval it stands for, comparing figures, writing a value back.

A figure stands for every amount that rounds to it at its last written place: 1.25万人 for 12450 to
12550 people, 3.6亿元 for 3.55 to 3.65亿元. A whole number of the unit figures are compared in (36个,
12520人, 24480米) is exact. Two figures agree when their intervals meet; the allowance comes from how
each is written, never from a fixed tolerance, so 1.25万 and 12520 agree and 1.25万 and 1.35万 do not.

>>> half_place(12500.0, places=2, scale=1e4, factor=1.0), half_place(12520.0, places=0, scale=1.0, factor=1.0)
(50.0, 0.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .quantities import Quantity

# the magnitudes a value may be written in, largest first, and the names a message gives them
MAGNITUDE_NAMES = {1e8: "亿", 1e4: "万"}
DECIMALS = re.compile(r"[.．](\d+)")


def half_place(base_value: float, places: int, scale: float, factor: float) -> float:
    """Half the last written place of a figure, in the unit it is compared in: how far rounding may have moved it.

    `places` are its decimals, `scale` its magnitude (万: 1e4), `factor` how many of the compared unit one
    of its own makes (公里: 1000 米). A whole number of the compared unit is exact: nothing. A figure of one
    significant digit (2万, 7公里, 1亿) is read as two (2.0万): a writer who rounds that coarsely says so
    (约2万, 2万多), and ±half its digit would let 2万 stand for anything from 1.5万 to 2.5万.

    >>> half_place(12500.0, 1, 1.0, 1000.0), half_place(3e8, 0, 1e8, 1.0), half_place(3.598e9, 0, 1e4, 1.0)
    (50.0, 5000000.0, 5000.0)
    >>> half_place(12520.0, 0, 1.0, 1.0), half_place(20000.0, 0, 1e4, 1.0), half_place(24000.0, 0, 1.0, 1000.0)
    (0.0, 500.0, 500.0)
    """
    place = scale * factor / 10**places
    if base_value > 0:
        place = min(place, 10.0 ** (math.floor(math.log10(base_value) + 1e-9) - 1))
    return 0.0 if place == 1 else place / 2


def slack(figures: Sequence[Quantity]) -> float:
    """How far apart figures may stand and still meet: the sum of their roundings.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.quantities import extract
    >>> from cleaner.stages.units import Units
    >>> a, b, c = extract("全长12.5公里，其中12480米，另有12米", Units.from_rules(load_rules()))
    >>> slack([a, b]), slack([b, c])
    (50.0, 0.0)
    """
    return sum(q.rounding for q in figures)


def at_most(amount: float, limit: float, figures: Sequence[Quantity]) -> bool:
    """Whether `amount` may be no more than `limit` once the rounding of `figures` is allowed for.

    The one comparison F101, F103 and F104 make, both in the base unit of `figures`. A rounded figure
    stands for a half-open interval (rounding half up), so two figures of one precision a place apart
    (1.25万, 1.26万) do not meet; exact figures meet only when equal.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.quantities import extract
    >>> from cleaner.stages.units import Units
    >>> total, part, other = extract("共1.25万人，其中12520人，另12550人", Units.from_rules(load_rules()))
    >>> at_most(part.base_value, total.base_value, [total, part])
    True
    >>> at_most(other.base_value, total.base_value, [total, other])  # 12550 rounds up to 1.26万
    False
    """
    # the tiny relative margin absorbs float noise of the conversion (0.3万吨 × 1000)
    noise = 1e-9 * max(1.0, abs(limit))
    allowed = slack(figures)
    if allowed == 0:
        return amount <= limit + noise
    return amount - limit < allowed - noise


def same_amount(first: Quantity, second: Quantity) -> bool:
    """Whether two figures may give the same amount: 1.25万人 and 12520人 do, 36个 and 100个 do not."""
    pair = (first, second)
    return (
        first.base_unit == second.base_unit
        and at_most(first.base_value, second.base_value, pair)
        and at_most(second.base_value, first.base_value, pair)
    )


class Reading(NamedTuple):
    """A value read from figures (one, or the sum of several), with the rounding they carry."""

    value: float
    rounding: float
    figures: tuple[Quantity, ...]

    @classmethod
    def of(cls, figures: Sequence[Quantity]) -> Reading:
        return cls(sum(q.base_value for q in figures), slack(figures), tuple(figures))


def ratio_range(part: Reading, whole: Reading) -> tuple[float, float]:
    """The percentages a part of a whole may be, given how both are rounded.

    >>> ratio_range(Reading(3000.0, 0.0, ()), Reading(12000.0, 500.0, ()))  # 3000 of 1.2万
    (24.0, 26.08695652173913)
    """
    low = max(0.0, part.value - part.rounding) / (whole.value + whole.rounding)
    smaller = whole.value - whole.rounding
    high = (part.value + part.rounding) / smaller if smaller > 0 else float("inf")
    return 100 * low, 100 * high


def amount(value: float) -> str:
    """A value as a person writes it: in 亿 or 万 from a hundred thousand on, when that is exact and not below 1.

    >>> amount(36.0), amount(95.64), amount(13000.0), amount(2800000.0), amount(250000000.0), amount(123456.0)
    ('36', '95.64', '13000', '280万', '2.5亿', '123456')
    >>> amount(25000000.0), amount(5500000.0)  # never 0.25亿
    ('2500万', '550万')
    """
    for size, name in MAGNITUDE_NAMES.items():
        scaled = value / size
        if value >= 1e5 and scaled >= 1 and _exact_in_hundredths(scaled):
            return _plain(scaled) + name
    return _plain(value)


def written_like(value: float, figures: Sequence[Quantity]) -> str:
    """A value (in the base unit of `figures`) written as they are written: in their unit, and in their
    magnitude when they share one (2000万元 + 1000万元 make 3000万, 6300人 + 6220人 make 12520); else as
    `amount` writes it.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.quantities import extract
    >>> from cleaner.stages.units import Units
    >>> figures = extract("国有2000万元，非国有1000万元，男6300人，女6220人", Units.from_rules(load_rules()))
    >>> written_like(3e7, figures[:2]), written_like(12520.0, figures[2:]), written_like(3e7, figures[1:3])
    ('3000万', '12520', '3000万')
    """
    units = {(q.unit, q.base_value / q.value) for q in figures if q.value}
    if len(units) != 1:
        return amount(value)
    # in their own unit (吨, not the 公斤 they are compared in), and their magnitude when they share one
    value /= units.pop()[1]
    scales = {q.scale for q in figures}
    scale = scales.pop() if len(scales) == 1 else 0.0
    if scale and _exact_in_hundredths(value / scale):
        return _plain(value / scale) + MAGNITUDE_NAMES.get(scale, "")
    return amount(value)


def _exact_in_hundredths(value: float) -> bool:
    return abs(value * 100 - round(value * 100)) < 1e-6


def _plain(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def decimals(written: str) -> int:
    """How many decimals a figure is written with.

    >>> decimals("95.6%"), decimals("96%")
    (1, 0)
    """
    match = DECIMALS.search(written)
    return len(match[1]) if match else 0


def percent(part: Reading, whole: Reading) -> str:
    """A part of a whole as a message shows it: both written as their figures are, and the percentage.

    >>> percent(Reading(3e7, 0.0, ()), Reading(5e8, 0.0, ()))
    '3000万/5亿=6.0%'
    """
    shown = written_like(part.value, part.figures), written_like(whole.value, whole.figures)
    return f"{shown[0]}/{shown[1]}={100 * part.value / whole.value:.1f}%"
