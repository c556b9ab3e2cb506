"""Quantities in running text: numbers with their units, tied to the label they count.

Extraction only looks where a digit or a Chinese numeral followed by a unit stands (one compiled
pattern finds both), so long stretches of prose cost one regex scan and nothing else. The units, what
each measures and what it converts into, are data: rules/units.tsv, read into `units.Units`; numbers
written in Arabic or Chinese digits are read by `numerals`.

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
from typing import NamedTuple

from ..patterns import BASIC_HAN_RUN
from ..word_sets import alternation, word_set
from .figures_rounding import half_place
from .numerals import CN_DIGITS, MAGNITUDES, chinese_scale, parse_number
from .units import Units, unit_reads

SCRIPT_CHANGE = re.compile(f"[{CN_DIGITS}](?=[0-9０-９])|[0-9０-９](?=[{CN_DIGITS}])")
# numerals that are an article with a unit, magnitudes that with no digit are a name's word, and the words around
# a figure that say it is approximate (rules/word_sets.toml)
ARTICLES = word_set("article_numerals")
BARE_MAGNITUDES = word_set("bare_magnitudes")
NUMERAL_NEXT = re.compile(f"[0-9{CN_DIGITS}]")
APPROX_BEFORE = re.compile(f"(?:{alternation('approximate_before')})$")
APPROX_AFTER = re.compile(alternation("approximate_after"))
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


class Quantity(NamedTuple):
    """One figure: its span, value (a range keeps its upper end in `high`), unit and label.

    `kind` is what its unit measures; `base_unit` and `base_value` are the figure in the unit it is
    compared in (吨 and 千克 are both read in 公斤; 万, 亿 are in `value` already); `rounding` is half its
    last written place, in `base_unit` (12.5公里: 50 米; 1.25万人: 50 人; 12520人: none, see `figures_rounding`).
    A named tuple, not a frozen dataclass: `extract` makes one per figure of every page (some 6,400 per 1M
    characters), and a frozen dataclass of these fifteen fields takes about four times as long to build.
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


def _counts_nothing(text: str, match: re.Match[str], units: Units) -> bool:
    """Whether a numeral and its unit count nothing: a span of time, a price per unit, an article, an
    ordinal, a name, or 成 inside a word.

    >>> from cleaner.rules import load_rules
    >>> units = Units.from_rules(load_rules())
    >>> texts = ("工期36个月", "开展第三次普查", "万人助万企", "一成不变", "已办结34个", "34个排名第")
    >>> [_counts_nothing(text, units.pattern.search(text), units) for text in texts]
    [True, True, True, True, False, False]
    """
    unit, low = match["unit"], match["low"]
    # 36个月 is a span of time, 2024元/平方米 a price per unit: neither counts anything.
    if units.kinds[unit] == "span" or text.startswith(("/", "／"), match.end()):
        return True
    # 一个, 一次 are articles more than counts; 第三次, 第15届 are ordinals; 四个一百 is a name, and so is
    # a magnitude with no digit before it (万人助万企, 千名专家进百县): a count says 一万人.
    if (
        (low in ARTICLES and not match["high"])
        or (low in BARE_MAGNITUDES and not match["high"] and not _is_rough(text, match))
        or (match.start() > 0 and text[match.start() - 1] == "第")
        or (NUMERAL_NEXT.match(text, match.end()) and not paired_count(text, match.end(), unit, units))
    ):
        return True
    if not unit_reads(match, text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]):
        return True  # 十分, 8时30分: no score's points
    return unit == "成" and (low[-1] not in "一二三四五六七八九十0123456789" or text.startswith("不", match.end()))


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


def _label_floor(text: str, before: list[Quantity], start: int) -> int:
    """Where the label of a figure at `start` may begin at the earliest: after the figure before it, unless that
    one is a count opening its clause and the label's words follow it at once, a noun and what is measured of it
    (三个项目总投资2.8亿元: the count tells which items, so the label reads from the clause's start and is not
    cut). A bare noun between two counts (3个村12个组, 3所学校1200名学生) is one item counted two ways: cut.

    >>> from cleaner.rules import load_rules
    >>> units = Units.from_rules(load_rules())
    >>> [(q.label, q.cut) for q in extract("据介绍，三个项目总投资2.8亿元", units)][-1]
    ('三个项目总投资', False)
    >>> [(q.label, q.cut) for q in extract("据统计，3所学校1200名学生", units)][-1]
    ('学校', True)
    """
    if not before:
        return 0
    previous = before[-1]
    opens_clause = not previous.label and previous.label_start == previous.start
    words = BASIC_HAN_RUN.fullmatch(text, previous.end, start)
    if opens_clause and previous.kind == "count" and previous.high is None and words and len(words[0]) >= 3:
        return before[-2].end if len(before) >= 2 else 0
    return previous.end


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
    # Runs of numeral characters are found by a plain character class (fast), and only those a figure may
    # start in (followed by a character the full pattern reads); the full pattern is tried only where one starts.
    for run in units.figure_runs.finditer(text):
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
            if _counts_nothing(text, match, units):
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
        floor = _label_floor(text, quantities, match.start())
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
