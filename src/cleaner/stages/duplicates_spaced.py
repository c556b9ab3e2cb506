"""Repeated items of a line of items parted by spaces (D202), flagged, never fixed: a commendation's list of names.

A list set as a table of names (王建华（城关镇）　刘　明（城关镇）　…) parts its items by spaces, not by 、; a name
given twice in one such line is a slip of the typesetter or a line read twice, as in an enumeration (duplicates_lists).

>>> from cleaner.rules import load_rules
>>> [f.rule for f in repeated_spaced_items("城关镇　河口镇　杨集乡　河口镇　县农业农村局", load_rules())]
['D202']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import HAN, HAN_CLASS, WHITESPACE
from ..rules import RuleSet
from .duplicates_lines import lines_beside
from .duplicates_lists import Item, flag_repeats

# A line of items parted by spaces, without a clause's punctuation (a commendation's list of names), its tokens, and
# the lone Han character that is half a padded two-character name (郭　伟)
LINE = re.compile(r"[^\n]+")
CLAUSE_PUNCTUATION = re.compile(r"[，。；：！？,;!?]")
SPACE = re.compile(r"[^\S\n]")
SPACED_TOKEN = re.compile(r"[^\s]+")
LONE_HAN = re.compile(f"^[{HAN_CLASS}]$")
MIN_SPACED_ITEMS = 4
TABLE_NUMBER = re.compile(r"(?<!\S)[-+]?[0-9][0-9.,]*%?(?!\S)")  # a cell holding a number alone


def repeated_spaced_items(text: str, rules: RuleSet) -> Iterator[Finding]:
    """D202: a line of items parted by spaces (a commendation's names, each with its unit in brackets) in which one
    item is given twice, identical; flagged. A lone Han character is half a two-character name padded to the width of
    three (郭　伟), and joins the token after it. Only identical items of two Han characters or more count: two names
    differing by one character (刘　明, 刘　强) are two people.

    >>> from cleaner.rules import load_rules
    >>> line = "王建华（城关镇）　郭　伟（县财政局）　郭　伟（县财政局）　林晓燕（县水利局）"
    >>> [(f.start, f.end) for f in repeated_spaced_items(line, load_rules())]
    [(9, 28)]
    >>> namesakes = "王建华（城关镇）　刘　明（城关镇）　刘　强（城关镇）　林晓燕（县水利局）"
    >>> list(repeated_spaced_items(namesakes, load_rules()))
    []
    """
    if not rules.enabled("D202"):
        return
    for line in LINE.finditer(text):
        if not SPACE.search(line[0]) or CLAUSE_PUNCTUATION.search(line[0]):
            continue
        tokens = [Item(m[0], line.start() + m.start()) for m in SPACED_TOKEN.finditer(line[0])]
        if len(tokens) < MIN_SPACED_ITEMS or _by_a_table_row(text, line.start(), line.end()):
            continue  # a table's header names its columns, and may name one twice (同比增长 after each figure)
        if _labelled_row(text, line.start(), line.end(), len(tokens)):
            continue  # a timetable's day (星期二　数学　语文　语文　美术): a double lesson is two cells alike
        items: list[Item] = []
        for token in tokens:
            if items and LONE_HAN.match(items[-1].text):
                items[-1] = Item(text[items[-1].start : token.end], items[-1].start)
            else:
                items.append(token)
        if len(items) < MIN_SPACED_ITEMS:
            continue
        first_of: dict[str, Item] = {}  # each item by its text without spaces, at its first mention
        for item in items:
            key = WHITESPACE.sub("", item.text)
            if len(HAN.findall(key)) < 2:
                continue
            if key in first_of:  # one flag a line: the first item given again
                yield from flag_repeats("D202", "并列项", items, rules, [(first_of[key], item, True)])
                break
            first_of[key] = item


def _by_a_table_row(text: str, start: int, end: int) -> bool:
    """Whether the line `text[start:end]` stands next to a line holding two numbers or more parted by spaces: a row.

    >>> page = "镇街 地区生产总值 同比增长 固定资产投资 同比增长\\n东城街道 26.8 6.9% 8.6 7.2%"
    >>> _by_a_table_row(page, 0, page.index("\\n")), _by_a_table_row("甲 乙 丙 丁", 0, 7)
    (True, False)
    >>> _by_a_table_row(page, page.index("\\n") + 1, len(page))  # the last line: the header above has no number
    False
    """
    return any(len(TABLE_NUMBER.findall(line)) >= 2 for line in lines_beside(text, start, end))


def _labelled_row(text: str, start: int, end: int, cells: int) -> bool:
    """Whether the line `text[start:end]`, of `cells` spaced cells, is a row of a table whose rows open on labels in
    series: the nearest line before or after it (blank lines apart) holds as many cells, and its first cell is as
    long and shares all but its last character (星期一 / 星期二, 第一节 / 第二节). A table's row may hold one value in
    two cells (a double lesson: 星期二　数学　语文　语文　美术), which is no name given twice.

    >>> days = "星期一　语文　数学　英语　体育\\n\\n星期二　数学　语文　语文　美术"
    >>> _labelled_row(days, days.index("星期二"), len(days), 5)
    True
    >>> names = "王建华　郭伟　刘明　林晓燕\\n\\n李红梅　郭伟　赵强　郭伟"
    >>> _labelled_row(names, names.index("李"), len(names), 4)
    False
    """
    label = SPACED_TOKEN.match(text, start)
    if label is None or len(label[0]) < 2:
        return False
    before = text[:start].rstrip().rsplit("\n", 1)[-1]
    after = text[end:].lstrip().split("\n", 1)[0]
    for other in (before, after):
        cells_there = SPACED_TOKEN.findall(other)
        if (
            len(cells_there) == cells
            and len(cells_there[0]) == len(label[0])
            and cells_there[0] != label[0]
            and cells_there[0][:-1] == label[0][:-1]
        ):
            return True
    return False
