"""The units figures carry (rules/units.tsv), and the one pattern that finds a figure with its unit.

>>> from cleaner.rules import load_rules
>>> Units.from_rules(load_rules()).pattern.search("已办结34个")["unit"]
'个'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..errors import RuleError
from ..needed_characters import readable_characters
from ..rules import RuleSet
from .numerals import ARABIC, CHINESE, CN_DIGITS

UNITS_FILE = "units.tsv"
# What a unit of units.tsv may measure; only a count is compared, added up and converted, a level (a temperature,
# a score) compared only.
UNIT_KINDS = frozenset({"count", "level", "percent", "permille", "points", "times", "tenths", "span"})
NUMERAL_CLASS = f"[0-9０-９{CN_DIGITS}]"
NUMERAL_RUN = re.compile(f"{NUMERAL_CLASS}+")
# 分 is a score's points (平均分为568.4分) only after digits: after a Chinese numeral it is a word (十分, 三分之一),
# after a clock's hour the minutes (8时30分), after 元 or 角 money (3元5角6分); 分之, 分钱, 分地, 分贝 are other units.
SCORE_POINTS = "分"
SCORE_DIGITS = re.compile(r"[0-9０-９]")
NOT_SCORE_BEFORE = frozenset("时点元角")
NOT_SCORE_AFTER = frozenset("之钱地贝")


def unit_reads(match: re.Match[str], before: str, after: str) -> bool:
    """Whether a figure `quantity_pattern` found is one its unit may stand in, given the characters just `before` and
    `after` it: a score's 分 only after digits, and not after a clock's hour or money. Every reader of the pattern
    (the figures stage, rejoin's figure cues) asks this, so the guard lives with the unit.

    >>> pattern = quantity_pattern(["分", "个"])
    >>> def reads(text: str) -> bool:
    ...     found = pattern.search(text)
    ...     return unit_reads(found, text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1])
    >>> [reads(text) for text in ("平均分为568.4分", "满分100分，", "十分重要", "8时30分", "5角6分", "3分之1")]
    [True, True, False, False, False, False]
    >>> reads("60分贝"), reads("十个")
    (False, True)
    """
    if match["unit"] != SCORE_POINTS:
        return True
    return bool(
        match["low"]
        and SCORE_DIGITS.match(match["low"])
        and before[-1:] not in NOT_SCORE_BEFORE
        and after[:1] not in NOT_SCORE_AFTER
    )


def quantity_pattern(units: Iterable[str]) -> re.Pattern[str]:
    """The pattern of a figure: a number (a range, 多/余, 万/亿) and one of `units`, or 百分之 and a number.

    >>> quantity_pattern(["个", "个月"]).match("36个月")["unit"]
    '个月'
    """
    # Longer alternatives first, so that 个月 wins over 个 and 平方公里 over 公里.
    ordered = sorted(units, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, ordered))
    starts = "".join(sorted({re.escape(unit[0]) for unit in ordered}))
    return re.compile(
        rf"(?P<pct_cn>百分之(?P<pct_value>{CHINESE}(?:点[{CN_DIGITS}]+)?|{ARABIC}))"
        rf"|(?:(?P<low>{ARABIC}|{CHINESE})(?:(?:至|到|～|~|—|-)(?P<high>{ARABIC}|{CHINESE}))?"
        rf"(?P<approx>多|余|来)?(?P<magnitude>万亿|千万|百万|亿|万|千)?(?=[{starts}])(?P<unit>{alternatives}))"
        # A Chinese numeral only counts when a unit follows: 一些, 统一, 万一 are words, not figures.
    )


@dataclass(frozen=True)
class Units:
    """The units figures carry (rules/units.tsv): what each measures, and the unit a count is compared in.

    >>> units = Units.from_lines(["吨\\tcount\\t公斤\\t1000", "公斤\\tcount\\t克\\t1000", "%\\tpercent"])
    >>> units.kinds["%"], units.bases["吨"], units.bases["公斤"]
    ('percent', ('克', 1000000.0), ('克', 1000.0))
    """

    kinds: dict[str, str]
    bases: dict[str, tuple[str, float]]  # unit → (the unit it converts into, how many of those one makes)
    pattern: re.Pattern[str]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> Units:
        """The built-in units.tsv, then a user's: a unit listed again takes the later line.

        >>> from cleaner.rules import load_rules
        >>> Units.from_rules(load_rules()).kinds["%"]
        'percent'
        """
        return cls.from_lines(rules.read_lines(UNITS_FILE))

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Units:
        """Parse the lines of units.tsv; a line that does not parse is a `RuleError` naming it.

        >>> Units.from_lines(["斤\\tweight"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        cleaner.errors.RuleError: units.tsv: '斤\\tweight': the kind must be one of count, level, ..., times
        """
        kinds: dict[str, str] = {}
        direct: dict[str, tuple[str, float]] = {}
        for line in lines:
            fields = [field.strip() for field in line.split("\t")]
            problem = _line_problem(fields)
            if problem:
                raise RuleError(f"{UNITS_FILE}: {line!r}: {problem}")
            kinds[fields[0]] = fields[1]
            direct.pop(fields[0], None)  # a later line without a conversion takes it away
            if len(fields) == 4:
                direct[fields[0]] = (fields[2], float(fields[3]))
        if not kinds:
            raise RuleError(f"{UNITS_FILE}: no units; the built-in file is missing")
        return cls(kinds, {unit: _resolve(unit, direct) for unit in direct}, quantity_pattern(kinds))

    def base(self, unit: str) -> tuple[str, float]:
        """The unit a figure in `unit` is compared in, and how many of it one `unit` makes.

        >>> units = Units.from_lines(["吨\\tcount\\t公斤\\t1000", "个\\tcount"])
        >>> units.base("吨"), units.base("个")
        (('公斤', 1000.0), ('个', 1.0))
        """
        return self.bases.get(unit, (unit, 1.0))

    @cached_property
    def figure_runs(self) -> re.Pattern[str]:
        """The runs of numerals a figure may start in: those followed by a character `pattern` reads.

        A figure's numerals are followed by more of what the pattern reads (a unit, 至, 多, 点, the 分之 of 百分之):
        a run followed by anything else (统一, 一起, 十分) starts none, and the regex engine passes it over. Where
        the pattern may read almost anything, or a unit is all numerals (a figure could end inside its run), every
        run is one.

        >>> from cleaner.rules import load_rules
        >>> runs = Units.from_rules(load_rules()).figure_runs
        >>> [run[0] for run in runs.finditer("统一规划，一些地方有三十六个村，百分之八")]
        ['三十六', '百']
        >>> Units.from_lines(["万\\tcount"]).figure_runs is NUMERAL_RUN
        True
        """
        read = readable_characters(self.pattern.pattern)
        if read is None or any(NUMERAL_RUN.fullmatch(unit) for unit in self.kinds):
            return NUMERAL_RUN
        after = "".join(sorted(character for character in read if not NUMERAL_RUN.fullmatch(character)))
        # possessive, so a match is a run's whole rest; the first a search meets starts the run itself, since a
        # later start inside it would be followed by the same character (no lookbehind: the engine then scans for
        # a numeral first, faster than finding every run)
        return re.compile(f"{NUMERAL_CLASS}++(?=[{re.escape(after)}])")


def _line_problem(fields: list[str]) -> str:
    """What is wrong with the fields of one line of units.tsv, or ''.

    >>> _line_problem(["吨", "count", "公斤", "1000"]), _line_problem(["%", "percent", "个", "2"])
    ('', 'only a count converts into another unit')
    """
    if len(fields) not in (2, 4) or not all(fields):
        return "write unit<TAB>kind, or unit<TAB>count<TAB>the unit it converts into<TAB>how many of it one makes"
    if fields[1] not in UNIT_KINDS:
        return "the kind must be one of " + ", ".join(sorted(UNIT_KINDS))
    if len(fields) == 4:
        if fields[1] != "count":
            return "only a count converts into another unit"
        try:
            factor = float(fields[3])
        except ValueError:
            factor = 0.0
        if not factor > 0:
            return f"{fields[3]!r} is not a positive number"
    return ""


def _resolve(unit: str, direct: dict[str, tuple[str, float]]) -> tuple[str, float]:
    """Follow conversions to a unit that converts no further: 吨 → 公斤 → 克 makes 吨 1e6 克.

    >>> _resolve("吨", {"吨": ("公斤", 1000.0), "公斤": ("克", 1000.0)})
    ('克', 1000000.0)
    """
    seen = [unit]
    base, factor = direct[unit]
    while base in direct:
        if base in seen:
            raise RuleError(f"{UNITS_FILE}: the conversions of {' → '.join([*seen, base])} go round in a circle")
        seen.append(base)
        base, more = direct[base]
        factor *= more
    return base, factor
