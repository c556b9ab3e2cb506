"""Quantities in running text: numbers with their units, tied to the label they count.

Extraction only looks where a digit or a Chinese numeral followed by a unit stands (one compiled
pattern finds both), so long stretches of prose cost one regex scan and nothing else. The units, what
each measures and what it converts into, are data: rules/units.tsv, read into `Units`.

>>> from cleaner.rules import load_rules
>>> units = Units.from_rules(load_rules())
>>> [(q.value, q.unit, q.label) for q in extract("列入区级台账问题36个，已办结34个，办结率达96%。", units)]
[(36.0, '个', '列入区级台账问题'), (34.0, '个', '已办结'), (96.0, '%', '办结率达')]
>>> [(q.value, q.high, q.approx, q.unit) for q in extract("列出3至5项，邀请500余人，两千多名，近百家", units)]
[(3.0, 5.0, False, '项'), (500.0, None, True, '人'), (2000.0, None, True, '名'), (100.0, None, True, '家')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..errors import RuleError
from ..rules import RuleSet
from .figures_rounding import half_place

UNITS_FILE = "units.tsv"
# What a unit of units.tsv may measure; only a count is compared, added up and converted.
UNIT_KINDS = frozenset({"count", "percent", "permille", "points", "times", "tenths", "span"})
CN_DIGITS = "〇零一二两三四五六七八九十百千万亿"
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
# The magnitudes a numeral in Chinese digits may end on, longest first: 三万 is written as 3万 is, rounded to
# its ten thousands; 一万二千五百 ends on a digit and is as exact as 12500. (千 is a digit here: 三千 is 3000.)
CHINESE_MAGNITUDES = sorted(MAGNITUDES.keys() - {"千"}, key=len, reverse=True)
ARABIC = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．·][0-9０-９]+)?"
CHINESE = f"[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?"
NUMERAL_RUN = re.compile(f"[0-9０-９{CN_DIGITS}]+")
SCRIPT_CHANGE = re.compile(f"[{CN_DIGITS}](?=[0-9０-９])|[0-9０-９](?=[{CN_DIGITS}])")
ARTICLES = frozenset({"一", "两", "几"})
BARE_MAGNITUDES = frozenset({"百", "千", "万", "亿"})
NUMERAL_NEXT = re.compile(f"[0-9{CN_DIGITS}]")
APPROX_BEFORE = re.compile("(?:近|约|逾|超过|不到|不足|大约|将近)$")
APPROX_AFTER = re.compile(r"左右|上下|以上|以下|多|余")
# Clause boundaries: a label never reaches across these.
# A single line break is a hard wrap inside the clause, a blank line ends it.
CLAUSE_BREAK = re.compile(r"(?s).*(?:[，。；：！？,;:!?、（）()【】《》]|\n[ \t]*\n)")
SENTENCE_BREAK = re.compile(r"[。！？!?][。！？!?”’」』）)]*(?:\s*\n\s*\n\s*)?|\n\s*\n\s*")
LABEL_WINDOW = 40
# A threshold set before an item (亿元以上重点项目186个, 60岁以上的老人3万人) is part of the label of the count
# that follows it in its clause, not a count of its own: read as one, it would cut that label short.
THRESHOLD = re.compile(
    f"及?以[上下]的?(?![和与及并或而且])[\u4e00-\u9fff][^，。；：！？,;:!?、\n]*?[0-9０-９{CN_DIGITS}]"
)
DECIMAL_PART = re.compile(r"[.．·点](.*)$")


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
        """The built-in units.tsv, then a user's: a unit listed again takes the later line."""
        return cls.from_lines(rules.read_lines(UNITS_FILE))

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Units:
        """Parse the lines of units.tsv; a line that does not parse is a `RuleError` naming it.

        >>> Units.from_lines(["斤\\tweight"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        cleaner.errors.RuleError: units.tsv: '斤\\tweight': the kind must be one of count, percent, ..., times
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
        """The unit a figure in `unit` is compared in, and how many of it one `unit` makes."""
        return self.bases.get(unit, (unit, 1.0))


def _line_problem(fields: list[str]) -> str:
    """What is wrong with the fields of one line of units.tsv, or ''."""
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
    """Follow conversions to a unit that converts no further: 吨 → 公斤 → 克 makes 吨 1e6 克."""
    seen = [unit]
    base, factor = direct[unit]
    while base in direct:
        if base in seen:
            raise RuleError(f"{UNITS_FILE}: the conversions of {' → '.join([*seen, base])} go round in a circle")
        seen.append(base)
        base, more = direct[base]
        factor *= more
    return base, factor


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure: its span, value (a range keeps its upper end in `high`), unit and label.

    `kind` is what its unit measures; `base_unit` and `base_value` are the figure in the unit it is
    compared in (吨 and 千克 are both read in 公斤; 万, 亿 are in `value` already); `rounding` is half its
    last written place, in `base_unit` (12.5公里: 50 米; 1.25万人: 50 人; 12520人: none, see `figures_rounding`).
    """

    start: int
    end: int
    value: float
    unit: str
    label: str
    label_start: int
    sentence: int
    kind: str
    base_unit: str
    base_value: float
    rounding: float
    high: float | None = None
    approx: bool = False
    cut: bool = False  # the label stops at the figure before, not at a clause boundary
    scale: float = 1.0  # the magnitude it is written in: 1e4 for 1.25万

    @property
    def exact(self) -> bool:
        """A plain figure: neither a range nor an approximation."""
        return self.high is None and not self.approx

    @property
    def share(self) -> float | None:
        """The figure as a percentage, when it is one (96% → 96.0, 七成 → 70.0)."""
        kind = self.kind
        if kind == "percent":
            return self.value
        if kind == "tenths":
            return self.value * 10
        return None

    def show(self, text: str) -> str:
        """The figure as written."""
        return text[self.start : self.end]


@lru_cache(maxsize=4096)
def parse_number(token: str) -> float | None:
    """A number written in Arabic or Chinese digits, or None.

    >>> parse_number("三十六"), parse_number("１２０"), parse_number("1,200.5"), parse_number("百")
    (36.0, 120.0, 1200.5, 100.0)
    >>> parse_number("三点五"), parse_number("两千"), parse_number("一万二"), parse_number("二〇〇八")
    (3.5, 2000.0, 12000.0, 2008.0)
    """
    token = token.translate(FULL_TO_HALF).replace(",", "").replace("，", "").replace("·", ".")
    if token[0].isdigit():
        try:
            return float(token)
        except ValueError:
            return None
    if token[0] in "百千万亿":
        token = "一" + token
    import cn2an  # here, not at the top: loading it takes a tenth of a second that `cleaner --help` need not pay

    try:
        return float(cn2an.cn2an(token.translate(CN_VARIANTS), "normal"))
    except (ValueError, KeyError, IndexError):
        return None


CN_VARIANTS = str.maketrans("两〇", "二零")
FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)} | {0xFF0E: ord(".")}


def chinese_scale(numeral: str) -> float:
    """The magnitude a numeral in Chinese digits ends on, which it is rounded at; 1 for any other.

    >>> chinese_scale("三万"), chinese_scale("十二亿"), chinese_scale("三千万"), chinese_scale("一万二千五百")
    (10000.0, 100000000.0, 10000000.0, 1.0)
    """
    return next((MAGNITUDES[word] for word in CHINESE_MAGNITUDES if numeral.endswith(word)), 1.0)


def _decimal_places(number: str) -> int:
    """How many digits a number has after its decimal mark: 12.5 and 三点五 have one."""
    fraction = DECIMAL_PART.search(number)
    return len(fraction[1]) if fraction else 0


def _is_approximate(text: str, match: re.Match[str]) -> bool:
    return bool(match["approx"] or (match["low"] or "0")[0] in "百千万" or _said_roughly(text, match))


def _said_roughly(text: str, match: re.Match[str]) -> bool:
    """Whether the words just before or after the figure say it is approximate: 近百家, 约3万, 千余人, 36个左右."""
    return bool(
        APPROX_BEFORE.search(text, max(0, match.start() - 2), match.start()) or APPROX_AFTER.match(text, match.end())
    )


def _is_rough(text: str, match: re.Match[str]) -> bool:
    """Whether words around the figure say it is rough: 近百家, 千余人, 上万人 (a bare 万人 is a name's word).

    >>> text = "近百家，千余人，万人助万企"
    >>> [_is_rough(text, re.search(figure, text)) for figure in ("百家", "千", "万人")]
    [True, True, False]
    """
    return _said_roughly(text, match) or text[max(0, match.start() - 2) : match.start()].endswith(("上", "数", "成"))


def _label(text: str, start: int, floor: int) -> tuple[str, int]:
    """The words before `start` back to the clause boundary (or the figure before), and where they begin."""
    window_start = max(floor, start - LABEL_WINDOW)
    found = CLAUSE_BREAK.match(text, window_start, start)
    label_start = found.end() if found else window_start
    end = start
    if found and text[found.end() - 1] in "：:" and not text[label_start:start].strip():
        # a field and its value, as a table or a box of figures sets them (问题台账：36个): the field names it
        end = found.end() - 1
        found = CLAUSE_BREAK.match(text, window_start, end)
        label_start = found.end() if found else window_start
    return text[label_start:end].replace("\n", "").strip(" \t“”\"'"), label_start


def broken_number(text: str, start: int) -> bool:
    """Whether the number at `start` continues one that a hard wrap cut (１\\n０５２亿美元).

    >>> broken_number("1\\n052亿", 2), broken_number("。\\n52亿", 2)
    (True, False)
    """
    return start >= 2 and text[start - 1] == "\n" and text[start - 2].isdigit()


def paired_count(text: str, at: int, unit: str, units: Units) -> bool:
    """Whether a count of another unit follows at `at`: one item counted two ways (612户1985人, 3个村12个组).

    A name (四个一百) or a rough count (十个八个) is followed by no count, or by one of the same unit.

    >>> from cleaner.rules import load_rules
    >>> units = Units.from_rules(load_rules())
    >>> paired_count("612户1985人", 4, "户", units), paired_count("四个一百工程", 2, "个", units)
    (True, False)
    >>> paired_count("十个八个", 2, "个", units)
    False
    """
    following = units.pattern.match(text, at)
    if following is None or following["pct_cn"] or following["unit"] == unit:
        return False
    return units.kinds[following["unit"]] == "count"


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of `text` begins (a sentence ends at 。！？ or a blank line).

    >>> sentence_starts("一。二！\\n\\n三")
    [0, 2, 6]
    """
    return [0, *(m.end() for m in SENTENCE_BREAK.finditer(text))]


def extract(text: str, units: Units, starts: list[int] | None = None) -> list[Quantity]:
    """Every figure of `text` with its unit, in order of appearance.

    A numeral that is part of a word (万一, 一成不变) or stands without a unit is left out.

    >>> from cleaner.rules import load_rules
    >>> units = Units.from_rules(load_rules())
    >>> text = "魏都区召开民生365工程推进会，同比增长9.3%"
    >>> [q.show(text) for q in extract(text, units)]
    ['9.3%']
    >>> [(q.value, q.unit) for q in extract("调取280万立方米水源，百分之三十，七成，一成不变", units)]
    [(2800000.0, '立方米'), (30.0, '%'), (7.0, '成')]
    >>> [(q.base_unit, q.base_value, q.rounding) for q in extract("2万吨，500公斤，12.5公里，3亿元", units)]
    [('公斤', 20000000.0, 500000.0), ('公斤', 500.0, 0.0), ('米', 12500.0, 50.0), ('元', 300000000.0, 5000000.0)]
    >>> [(q.label, q.value) for q in extract("新开工亿元以上重点项目186个，惠及60岁以上的老人3万人", units)]
    [('新开工亿元以上重点项目', 186.0), ('惠及60岁以上的老人', 30000.0)]
    >>> [(q.label, q.value) for q in extract("梳理问题台账：36个\\n\\n整改措施：34条", units)]
    [('梳理问题台账', 36.0), ('整改措施', 34.0)]
    >>> [(q.label, q.value) for q in extract("“万人助万企”活动中列入台账问题36个", units)]
    [('万人助万企”活动中列入台账问题', 36.0)]
    """
    if starts is None:
        starts = sentence_starts(text)
    quantities: list[Quantity] = []
    done = 0
    pattern = units.pattern
    # Runs of numeral characters are found by a plain character class (fast); the full pattern is
    # tried only where one starts.
    for run in NUMERAL_RUN.finditer(text):
        if run.start() < done:
            continue
        if broken_number(text, run.start()):
            continue
        match = pattern.match(text, run.start())
        if match is None and SCRIPT_CHANGE.search(run[0]):
            # 统一3个: the figure starts where the run turns from Chinese numerals to digits.
            match = pattern.match(text, run.start() + SCRIPT_CHANGE.search(run[0]).end())  # type: ignore[union-attr]
        if match is None:
            continue
        done = match.end()
        if THRESHOLD.match(text, match.end()):
            continue
        scale = 1.0
        if match["pct_cn"]:
            low = match["pct_value"]
            value = parse_number(low)
            high, unit = None, "%"
        else:
            unit, low = match["unit"], match["low"]
            # 36个月 is a span of time, 2024元/平方米 a price per unit: neither counts anything.
            if units.kinds[unit] == "span" or text.startswith(("/", "／"), match.end()):
                continue
            # 一个, 一次 are articles more than counts; 第三次, 第15届 are ordinals; 四个一百 is a name, and so is
            # a magnitude with no digit before it (万人助万企, 千名专家进百县): a count says 一万人.
            if (
                (low in ARTICLES and not match["high"])
                or (low in BARE_MAGNITUDES and not match["high"] and not _is_rough(text, match))
                or text.startswith("第", match.start() - 1)
                or (NUMERAL_NEXT.match(text, match.end()) and not paired_count(text, match.end(), unit, units))
            ):
                continue
            if unit == "成" and (low[-1] not in "一二三四五六七八九十0123456789" or text.startswith("不", match.end())):
                continue
            value = parse_number(low)
            high = parse_number(match["high"]) if match["high"] else None
            if match["magnitude"]:
                scale = MAGNITUDES[match["magnitude"]]
                value = None if value is None else value * scale
                high = None if high is None else high * scale
            else:  # 三万 holds its magnitude in its digits: its value has it, its rounding needs it
                scale = chinese_scale(low)
        if value is None:
            continue
        floor = quantities[-1].end if quantities else 0
        label, label_start = _label(text, match.start(), floor)
        sentence = bisect_right(starts, match.start()) - 1
        approx = _is_approximate(text, match)
        cut = label_start == floor > 0
        base_unit, factor = units.base(unit)
        kind, rounding = units.kinds[unit], half_place(value * factor, _decimal_places(low), scale, factor)
        figure = Quantity(match.start(), match.end(), value, unit, label, label_start, sentence, kind, base_unit,
                          value * factor, rounding, high, approx, cut, scale)  # fmt: skip
        quantities.append(figure)
    return quantities
