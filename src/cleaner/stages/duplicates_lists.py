"""Repeated names between paired marks (D201), flagged, never fixed, and how two items of a list are compared.

Enumerations joined by 、 (D202) are duplicates_enumerations', repeated lines and sentences (D301, D302)
duplicates_lines', numbered ledgers duplicates_ledgers'; the helpers they read are here.

>>> from cleaner.rules import load_rules
>>> [(f.rule, f.start, f.end) for f in repeated_quoted_names("实施了“青年工程”“青年工程”“干部工程”等", load_rules())]
[('D201', 3, 15)]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from ..model import Finding
from ..patterns import HAN
from ..rules import RuleSet

# Names in a row between paired marks, each pair with what a repeat of it is called in a message
PAIRED_MARKS = {
    "“”": "并列的引号名称",
    "‘’": "并列的引号名称",
    "「」": "并列的引号名称",
    "『』": "并列的引号名称",
    '""': "并列的引号名称",
    "《》": "并列的书名",
}


def _quoted(marks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A run of names between `marks` (“A”“B”, “A”、“B”) and one name of it.

    >>> run, item = _quoted("《》")
    >>> run.search("出版了《甲》、《乙》等")[0], item.findall("《甲》、《乙》")
    ('《甲》、《乙》', ['甲', '乙'])
    """
    opening, closing = map(re.escape, marks)
    name = f"[^{opening}{closing}\\n]{{1,40}}"
    quoted = f"{opening}{name}{closing}"
    return re.compile(f"{quoted}(?:、?{quoted})+"), re.compile(f"{opening}({name}){closing}")


QUOTED_RUNS = {marks: _quoted(marks) for marks in PAIRED_MARKS}
BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
# What may follow the last item of an enumeration without belonging to it.
LIST_TAIL = re.compile("[等和及与]")
MIN_ITEM = 2  # the last item is cut at a list's end word only where it keeps this many characters
LOOK_ALIKE_FILE = "confusion_shape_pycorrector.tsv"
_LOOK_ALIKES: dict[int, frozenset[tuple[str, str]]] = {}


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a list or one line: its text and where it sits in the stage's text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def han_count(text: str) -> int:
    """How many Han characters `text` holds.

    >>> han_count("5月10日，会议")
    4
    """
    return len(HAN.findall(text))


def shorten(text: str, width: int = 24) -> str:
    """The text, cut to `width` characters for a message.

    >>> shorten("一二三四五", 3)
    '一二三…'
    """
    return text if len(text) <= width else text[:width] + "…"


def look_alikes(rules: RuleSet) -> frozenset[tuple[str, str]]:
    """Pairs of characters OCR confuses by shape (rules/confusion_shape_pycorrector.tsv), read once per rule set."""
    pairs = _LOOK_ALIKES.get(id(rules))
    if pairs is None:
        groups = [line.split("\t") for line in rules.read_lines(LOOK_ALIKE_FILE)]
        pairs = frozenset((a, b) for group in groups for a in group for b in group if a != b)
        _LOOK_ALIKES[id(rules)] = pairs
    return pairs


def nearly_identical(first: str, second: str, min_length: int, rules: RuleSet) -> bool:
    """Two names of at least `min_length` Han characters differing in one character OCR could misread.

    A long name may also lose or gain one character. Names that differ on purpose are common
    (分层解决问题机制, 分类解决问题机制; 赵秀云, 赵秀英), so differing characters must look alike; a note
    in brackets (马国权（回族）) does not count in the length.

    >>> from cleaner.rules import load_rules
    >>> nearly_identical("优秀青年干部培养工程", "优秀青年干部陪养工程", 5, load_rules())
    True
    >>> nearly_identical("分层解决问题机制", "分类解决问题机制", 5, load_rules())
    False
    """
    if first == second or min(han_count(BRACKETED.sub("", text)) for text in (first, second)) < min_length:
        return False
    edits = Levenshtein.editops(first, second)
    if len(edits) != 1:
        return False
    edit = edits[0]
    if edit.tag == "replace":
        return (first[edit.src_pos], second[edit.dest_pos]) in look_alikes(rules)
    # a character lost or added: only in long names, where a one-character variant is rarely meant
    return min(len(first), len(second)) > min_length


def _repeats(items: list[Item], min_length: int, rules: RuleSet) -> Iterator[tuple[Item, Item, bool]]:
    """Each pair (earlier, later, identical) of items that repeat: neighbours alike or nearly, or one item
    given again further on, alone.

    A run of items given again (组织、领导、参加…罪、组织、领导、参加…罪) is a parallel phrase the
    writer meant, and is left alone; one item given twice in a list of different things
    (法国、德国、意大利、德国) is a slip, unless a list ended between them (…等5个厂和北京、上海…).
    In 3,660 enumerations of the People's Daily corpus, none is flagged so.

    >>> countries = [Item(t, 3 * n) for n, t in enumerate(["法国", "德国", "意大利", "德国", "西班牙"])]
    >>> [(a.start, b.start) for a, b, _ in _repeats(countries, 5, None)]
    [(3, 9)]
    >>> list(_repeats([Item(t, 3 * n) for n, t in enumerate(["组织", "领导", "参加", "组织", "领导"])], 5, None))
    []
    """
    for earlier, later in itertools.pairwise(items):
        identical = earlier.text == later.text
        if identical or nearly_identical(earlier.text, later.text, min_length, rules):
            yield earlier, later, identical
    for first, earlier in enumerate(items):
        for second in range(first + 2, len(items)):
            if items[second].text != earlier.text or len(earlier.text) < 2 or not whole_item(earlier.text):
                continue
            if any(LIST_TAIL.search(item.text) for item in items[first + 1 : second]):
                break  # one list ends and another starts there (衡阳、上海、重庆等5个厂和北京、上海等3个所)
            # the list's first item may start, and its last run on, beyond the list: their edges are unknown
            before = first > 0 and _echo(items[first - 1].text, items[second - 1].text, str.endswith)
            after = second + 1 < len(items) and _echo(items[first + 1].text, items[second + 1].text, str.startswith)
            if not (before or after):
                yield earlier, items[second], True


def _echo(one: str, other: str, edge: Callable[[str, str], bool]) -> bool:
    """Whether one item ends (or starts) with the other: the same item, its list's edge aside.

    >>> _echo("对于组织", "组织", str.endswith), _echo("意大利", "法国", str.endswith)
    (True, False)
    """
    return edge(one, other) or edge(other, one)


def flag_repeats(
    rule: str, kind: str, items: list[Item], rules: RuleSet, pairs: list[tuple[Item, Item, bool]] | None = None
) -> Iterator[Finding]:
    """One flag over the repeats among `items` (`pairs`, when the caller found them; else `_repeats`)."""
    if pairs is None:
        pairs = list(_repeats(items, rules.option(rule, "near_min_length", 5), rules))
    if not pairs:
        return
    position = {item.start: number for number, item in enumerate(items, 1)}
    details = []
    for earlier, later, identical in pairs:
        how = "相同" if identical else "几乎相同"
        details.append(f"第{position[earlier.start]}项“{earlier.text}”与第{position[later.start]}项“{later.text}”{how}")
    start = min(earlier.start for earlier, _, _ in pairs)
    end = max(later.end for _, later, _ in pairs)
    message = f"{kind}重复：{'；'.join(details)}，原文可能有误，请核对"
    yield Finding(rule, start, end, message, None, 0.9)


def repeated_quoted_names(text: str, rules: RuleSet) -> Iterator[Finding]:
    """D201: names in a row between quotes or title marks (“A”“A”“B”, 《A》《A》) of which one repeats another; flagged.

    >>> from cleaner.rules import load_rules
    >>> [f.message[:11] for f in repeated_quoted_names("出版了《红楼梦研究》《红楼梦研究》《水浒研究》", load_rules())]
    ['并列的书名重复：第1项']
    >>> list(repeated_quoted_names("“将！”“跳马！”“将！”“上士！”棋子拍在桌上", load_rules()))
    []
    >>> [f.rule for f in repeated_quoted_names("“不用谢。”“不用谢。”他急忙上前拦住", load_rules())]
    ['D201']
    """
    if not rules.enabled("D201"):
        return
    remark_ends = rules.option("D201", "remark_ends", "。！？!?")
    for marks, (run_pattern, item_pattern) in QUOTED_RUNS.items():
        if marks[0] not in text:
            continue
        for run in run_pattern.finditer(text):
            # the marks are part of each item's span; compare what is inside them
            inner = [Item(m[1], run.start() + m.start(1)) for m in item_pattern.finditer(run[0])]
            pairs = list(_repeats(inner, rules.option("D201", "near_min_length", 5), rules))
            if all(item.text[-1] in remark_ends for item in inner):
                # remarks in a row, each ending its sentence: one said again after another is dialogue (“将！”“跳马！”
                # “将！”); only a copy right after itself (“不用谢。”“不用谢。”) may be a line read twice
                pairs = [(a, b, same) for a, b, same in pairs if b.start - a.end <= len(marks)]
            for finding in flag_repeats("D201", PAIRED_MARKS[marks], inner, rules, pairs):
                yield replace(finding, start=finding.start - 1, end=finding.end + 1)


def whole_item(item: str) -> bool:
    """Whether an item closes every bracket it opens: a 、 inside an aside (王秀梅（女、蒙古族）) splits no list.

    >>> whole_item("白音（蒙古族）"), whole_item("蒙古族）")
    (True, False)
    """
    return item.count("（") == item.count("）") and item.count("(") == item.count(")")
