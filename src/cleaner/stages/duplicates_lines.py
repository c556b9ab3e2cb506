"""Repeated lines or sentences (D301, D302): a line, or a stretch of one, printed twice is deleted when the
copies are identical and long; otherwise flagged.

>>> from cleaner.rules import load_rules
>>> page = "魏都区召开营商环境推进会议\\n魏都区召开营商环境推进会议\\n会议强调"
>>> [(f.rule, f.start, f.end) for f in repeated_lines(page, load_rules())]
[('D301', 13, 27)]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

from ..model import Finding
from ..patterns import PROSE_PUNCT
from ..rules import RuleSet
from .duplicates_lists import Item, han_count, shorten

# A punctuation mark and the two characters before it: where it occurs twice, a stretch may repeat
# (the mark may end the stretch, so what follows it is not asked to repeat). The match is the mark, its
# group 1 the three characters: a pattern opening on the mark is tried only at marks, not at every position.
ANCHOR_MARK = re.compile("[，。；：！？、]")
ANCHOR = re.compile(f"{ANCHOR_MARK.pattern}(?<=([^\\n]{{2}}{ANCHOR_MARK.pattern}))")
ANCHOR_REACH = 2  # how far before its mark an anchor starts
LIST_CLOSE = re.compile(r"$|[\n。；，]")  # what may follow an enumeration's last item where the line goes on no more
MAX_PERIOD = 200
QUOTES = re.compile("[“”‘’「」『』]")
# a table's row read twice: its figures (numbers, or fields of figures) and the fewest Han characters of its label
ROW_NUMBER = re.compile(r"\d+")
ROW_MIN_FIELDS = 3
ROW_MIN_HAN = 2
# a line's entry number after a short label (Lot 103, 3．, 第12号)
ENTRY_NUMBER = re.compile(r"^(\D{0,6}?)(\d{1,6})(?!\d)")
DIGITS = re.compile(r"\d{1,9}")


def line_of(text: str, position: int) -> str:
    """The line of `text` around `position`.

    >>> line_of("甲\\n乙丙\\n丁", 3)
    '乙丙'
    """
    end = text.find("\n", position)
    return text[text.rfind("\n", 0, position) + 1 : len(text) if end < 0 else end]


def lines_beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The lines before and after the line `text[start:end]`, each '' where that line is the text's first or last.

    (`line_of` alone would not do at the ends: one step outside the text lands back on the line itself.)

    >>> lines_beside("甲\\n乙丙\\n丁", 2, 4), lines_beside("甲\\n乙丙", 0, 1), lines_beside("甲\\n乙丙", 2, 4)
    (('甲', '丁'), ('', '乙丙'), ('甲', ''))
    """
    before = line_of(text, start - 1) if start > 0 else ""
    after = line_of(text, end + 1) if end < len(text) else ""
    return before, after


def column_header(line: str, column_unit: re.Pattern[str], min_units: int) -> bool:
    """Whether `line` is a table's header: column labels run together, no sentence punctuation, and at least
    `min_units` units in brackets (人员（万人）比重（％）). Two columns may share a label, so a label printed
    twice there (占从业人员|人员（万人）) is two cells meeting, not a doubled word.

    >>> unit = re.compile("[（(][^（）()\\n]{1,4}[)）]")
    >>> column_header("从事非农业占从业人员人员（万人）比重（％）人员（万人）比重（％）", unit, 2)
    True
    >>> column_header("全县从业人员（万人）比重逐年上升，占总人口（％）的一半。", unit, 2)
    False
    """
    return not PROSE_PUNCT.search(line) and len(column_unit.findall(line)) >= min_units


def _lines(text: str) -> list[Item]:
    items, position = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            items.append(Item(stripped, position + line.index(stripped)))
        position += len(line) + 1
    return items


def numbered_next(previous: str, current: str) -> bool:
    """Whether `current` is `previous` but for its entry number, the next one: two entries of a catalogue or a list
    alike in all they say (two lots of one calligrapher's couplets, at one estimate). A line read twice keeps its
    number, or OCR misreads it as it misreads any character, seldom into the next number.

    >>> numbered_next("Lot 103　侯千秋　行书七言联　估价：20,000", "Lot 104　侯千秋　行书七言联　估价：20,000")
    True
    >>> numbered_next("Lot 103　侯千秋　行书七言联　估价：20,000", "Lot 108　侯千秋　行书七言联　估价：20,000")
    False
    """
    first, second = ENTRY_NUMBER.match(previous), ENTRY_NUMBER.match(current)
    return bool(
        first
        and second
        and first[1] == second[1]
        and int(second[2]) == int(first[2]) + 1
        and previous[first.end() :] == current[second.end() :]
    )


def serial_next(previous: str, current: str) -> bool:
    """Whether the numbers of `current` are those of `previous` but one, the next one and as long: two entries
    of a docket alike in their parties (（2025）清0102民初6240号 / …6241号, two cases of one plaintiff heard at
    once, maybe in two courtrooms). A line read twice keeps its numbers, or OCR misreads a digit as it misreads
    any character, seldom into the next number.

    >>> serial_next("9:00　第一法庭　民初6240号　原告甲与被告乙", "9:00　第三法庭　民初6241号　原告甲与被告乙")
    True
    >>> serial_next("9:00　第一法庭　民初6271号　原告甲与被告乙", "9:00　第一法庭　民初6277号　原告甲与被告乙")
    False
    """
    first, second = DIGITS.findall(previous), DIGITS.findall(current)
    if len(first) != len(second):
        return False
    changed = [(one, other) for one, other in zip(first, second, strict=True) if one != other]
    if len(changed) != 1:
        return False
    one, other = changed[0]
    return len(one) == len(other) and int(other) == int(one) + 1


def said_over(line: str) -> bool:
    """Whether `line` is one phrase said twice or more in a row, and nothing else: a chant or a refrain's line
    (阿利路亚！阿利路亚！), which a song sings again as it is; a line OCR read twice is no such line but by chance.

    >>> said_over("阿利路亚！阿利路亚！"), said_over("划呀划，划呀划，"), said_over("小小竹排江中游，江中游，")
    (True, True, False)
    """
    return (line + line).find(line, 1) < len(line)


def _figure_row(line: str, rules: RuleSet) -> bool:
    """Whether a line is a table's row of figures under a short label (550分至599分 8046人, 石坪乡 9 11 13): a row
    given again with all its figures is a row read twice, as no table lists one row twice, however few its Han
    characters.

    >>> from cleaner.rules import load_rules
    >>> rows = ("550分至599分 8046人", "石坪乡 9 11 13", "第1名 王芳", "一等奖 3名")
    >>> [_figure_row(row, load_rules()) for row in rows]
    [True, True, False, False]
    """
    numbers = ROW_NUMBER.findall(line)
    enough = sum(map(len, numbers)) >= rules.option("D301", "row_min_digits", 6) or len(numbers) >= ROW_MIN_FIELDS
    return enough and han_count(line) >= ROW_MIN_HAN


def _adjacent_repeats(units: list[Item], rules: RuleSet, kind: str, near: bool, min_han: int) -> Iterator[Finding]:
    """D301 for each unit that repeats the one before it with `min_han` Han characters or more (only suggested
    where the line is a chant, `said_over`), D302 for a shorter repeat, or (`near`) an almost identical one."""
    flag_min_han = rules.option("D302", "min_han", 4)
    min_ratio = rules.option("D302", "min_ratio", 92)
    chant_confidence = rules.option("D301", "chant_confidence", 0.79)
    for previous, current in itertools.pairwise(units):
        identical = current.text == previous.text
        if not identical:
            if not near or abs(len(current.text) - len(previous.text)) > len(current.text) // 10:
                continue
            if fuzz.ratio(previous.text, current.text, score_cutoff=min_ratio) == 0:
                continue
            if numbered_next(previous.text, current.text) or serial_next(previous.text, current.text):
                continue  # a catalogue's next lot, alike but for its number (Lot 103 / Lot 104: two couplets)
        size = han_count(current.text)
        if identical and (size >= min_han or _figure_row(current.text, rules)) and rules.enabled("D301"):
            message = f"{kind}重复：“{shorten(current.text)}”连续出现两遍，删去第二遍"
            chant = said_over(current.text)
            yield Finding("D301", previous.end, current.end, message, "", chant_confidence if chant else 0.95)
        elif rules.enabled("D302") and size >= (flag_min_han if identical else 10):
            message = (
                f"相邻{kind}{'相同' if identical else '几乎相同'}："
                f"“{shorten(previous.text)}”与“{shorten(current.text)}”，请核对是否重复"
            )
            yield Finding("D302", previous.start, current.end, message, None, 0.8)


def _tandems(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, period, copies) of each stretch of `text` said twice or more in a row that holds a
    punctuation mark.

    A punctuation mark with the same two characters before it twice gives a period; the run
    of positions where the text equals itself one period on is then grown both ways, and a run of a
    whole period or more is a tandem repeat: a sentence, a clause or a scanned line read twice,
    wherever it starts.

    >>> list(_tandems("要突出重点，精准发力，决胜目标突出重点，精准发力，决胜目标任务。"))
    [(1, 14, 2)]
    >>> list(_tandems("他说，贫困地区要改变贫困他说，贫困地区要改变贫困面貌"))
    [(0, 12, 2)]
    """
    seen: dict[str, int] = {}
    done_until = 0
    for match in ANCHOR.finditer(text):
        start = match.start() - ANCHOR_REACH
        earlier = seen.get(match[1])
        seen[match[1]] = start
        if earlier is None or earlier < done_until or start - earlier > MAX_PERIOD:
            continue
        period = start - earlier
        low, high = earlier, earlier
        while low > done_until and text[low - 1] == text[low - 1 + period]:
            low -= 1
        while high + period < len(text) and text[high] == text[high + period]:
            high += 1
        if high - low >= period:
            copies = (high - low) // period + 1
            yield low, period, copies
            done_until = low + copies * period


def _enumeration_item(text: str, start: int, period: int) -> bool:
    """Whether the stretch of `period` characters at `start`, said twice, is one enumeration item with its 、.

    The copy holds one mark, a 、, and the text repeats as well read from just after that 、: a tandem's copy
    may start anywhere its run allows (张明远（…医院）、陈雅琴（…中学）、陈雅琴（…中学）、 gives ）、陈雅琴（…中学,
    as both items end in ）), so the item is the rotation the 、 closes.

    >>> page = "张明远（区人民医院）、陈雅琴（区第一中学）、陈雅琴（区第一中学）、赵立群"
    >>> _enumeration_item(page, 9, 11), _enumeration_item("甲乙、丙丁戊甲乙、丙丁戊己", 0, 6)
    (True, False)

    The list's last item said twice has no 、 after its second copy (…、陈志强（零部件公司）、陈志强（零部件公司） at
    the end of a row of names): the copy after the 、 is read up to the list's end.

    >>> page = "王海涛（重型机械有限公司）、陈志强（汽车零部件公司）、陈志强（汽车零部件公司）\\n焊工："
    >>> _enumeration_item(page, 11, 13), _enumeration_item("甲乙公司）、丙丁公司）、丙丁公司）戊", 2, 6)
    (True, False)
    """
    copy = text[start : start + period]
    if ANCHOR_MARK.findall(copy) != ["、"]:
        return False
    if "、" in (copy[0], copy[-1]):
        return True
    after_mark = start + copy.index("、") + 1
    if any(  # the item ending at the 、, or the item opening after it, said twice
        text[item : item + period] == text[item + period : item + 2 * period]
        for item in (after_mark - period, after_mark)
        if item >= 0
    ):
        return True
    last = after_mark + period  # the second copy of the item opening after the 、, closing the list
    same = text[after_mark : last - 1] == text[last : last + period - 1]
    return same and LIST_CLOSE.match(text, last + period - 1) is not None


def _holds_point(points: Sequence[int], start: int, end: int) -> bool:
    """Whether some point of the sorted `points` lies in `[start, end]` (both ends included).

    >>> _holds_point([3, 9], 4, 9), _holds_point([3, 9], 4, 8)
    (True, False)
    """
    k = bisect_left(points, start)
    return k < len(points) and points[k] <= end


def repeated_lines(text: str, rules: RuleSet, touched: Sequence[int] | None = None) -> Iterator[Finding]:
    """D301, D302: a line that repeats the line before it, or a stretch of a line said twice in a row.

    Lines are compared with their neighbours, identical or nearly (a line OCR'd twice may differ
    in a character). Inside a line, only lines where some punctuation mark occurs twice after the
    same two characters (one scan and a set, at C speed) are searched for a stretch repeated at once;
    a long one without quotation marks is deleted, a shorter or quoted one (a refrain) flagged.
    With `touched` (where earlier deletions landed), only the lines holding them are looked at.
    """
    if not (rules.enabled("D301") or rules.enabled("D302")):
        return
    lines = _lines(text)
    if touched is not None:  # looking again after deletions: only their lines, and the lines on either side
        # (a deletion in the first of two lines read twice, 的的 → 的, makes the second its copy); each line
        # looks up the first deletion at or after its start, not every deletion (a page of thousands of
        # lines and deletions compared them pair by pair)
        points = sorted(touched)
        kept = {i for i, line in enumerate(lines) if _holds_point(points, line.start, line.end)}
        lines = [line for i, line in enumerate(lines) if kept & {i - 1, i, i + 1}]
    yield from _adjacent_repeats(lines, rules, "整行", near=True, min_han=rules.option("D301", "min_han", 8))
    inner_min_han = rules.option("D301", "sentence_min_han", 10)
    # a short stretch said twice across a mark is mostly parallel wording (国务委员、国务院)
    flag_min_han = rules.option("D302", "inner_min_han", 8)
    for line in lines:
        anchors = ANCHOR.findall(line.text)
        if len(set(anchors)) == len(anchors):
            continue
        for start, period, copies in _tandems(line.text):
            copy = line.text[start : start + period]
            if _enumeration_item(line.text, start, period):
                continue  # one item of an enumeration said twice: D202 flags it, the lost item is unknown
            size = han_count(copy)
            second, end = line.start + start + period, line.start + start + copies * period
            if size >= inner_min_han and not QUOTES.search(copy) and rules.enabled("D301"):
                message = f"文字重复：“{shorten(copy)}”连续出现 {copies} 遍，删去多余的"
                yield Finding("D301", second, end, message, "", 0.95)
            elif size >= flag_min_han and rules.enabled("D302"):
                message = f"“{shorten(copy)}”连续出现 {copies} 遍，请核对是否重复"
                yield Finding("D302", line.start + start, end, message, None, 0.8)
