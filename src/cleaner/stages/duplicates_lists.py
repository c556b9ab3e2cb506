"""Repeated items of enumerations (D201, D202), flagged, never fixed: the item the typesetter lost cannot be known.

Repeated lines and sentences (D301, D302) are duplicates_lines', numbered ledgers duplicates_ledgers'; the helpers
they read are here.

>>> from cleaner.rules import load_rules
>>> [(f.rule, f.start, f.end) for f in repeated_quoted_names("实施了“青年工程”“青年工程”“干部工程”等", load_rules())]
[('D201', 3, 15)]
>>> [(f.rule, f.start, f.end) for f in repeated_list_items("打好大气、水、水、土壤攻坚战", load_rules())]
[('D202', 5, 8)]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from ..model import Finding
from ..patterns import HAN, HAN_CLASS
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
# An enumeration: items of text without clause punctuation, joined by 、; it starts where a clause
# does (the lookbehind keeps the scan linear: a clause without 、 is read once, not once per character;
# the items are possessive, ++: an item ends only at punctuation, so giving characters back never helps).
ENUMERATION = re.compile(r"(?<![^、，。；：！？…\n])[^、，。；：！？…\n]++(?:、[^、，。；：！？…\n]++)+")
BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
# What may follow the last item of an enumeration without belonging to it.
LIST_TAIL = re.compile("[等和及与]")
# A count after the last item sums the list up (李浩然、张一鸣、王子豪4名选手): the item ends before it; a
# number inside an item of figures (5、10、50、100和500卢布) is no such count.
LIST_COUNT = re.compile(f"(?<=[{HAN_CLASS}])[0-9]")
ECHO_MIN_ITEM = 3  # a later item the first may end in: shorter ones are suffixes as often as names (学生, 工业)
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」"}  # a quoted enumeration's marks, opening and closing
MIN_ITEM = 2  # the last item is cut at a list's end word only where it keeps this many characters
LIST_NUMBER = re.compile(r"^\s*[0-9〇零一二三四五六七八九十]+$")
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


def _enumeration_items(match: re.Match[str]) -> list[Item]:
    """The items of an enumeration; the first is cut to the part its neighbour could echo.

    The first item's left edge is unknown (认真落实大气、水): when it ends in the second item (two or
    more characters), it is cut to it. A numbering mark (2、) is not an item. The last item may run
    on into the sentence past the word that ends the list (土壤、土壤等, 医疗等领域, 石桥村和下湾村): it
    is cut there (`_list_end`).

    >>> [i.text for i in _enumeration_items(ENUMERATION.search("在教育、医疗、住房、医疗等领域办实事"))]
    ['在教育', '医疗', '住房', '医疗']
    >>> [i.text for i in _enumeration_items(ENUMERATION.search("在东坪村、西岭村、东坪村和柳湾村建站"))]
    ['东坪村', '西岭村', '东坪村']
    """
    items, position = [], match.start()
    for part in match[0].split("、"):
        items.append(Item(part, position))
        position += len(part) + 1
    if LIST_NUMBER.match(items[0].text):
        items = items[1:]
    if len(items) < 2:
        return items
    items = _inside_quotes(items)
    # the last item first: the first item may end in it once it is cut (在清河区、城南区、清河区和高新区新建…)
    last = items[-1]
    kind = common_ending([item.text for item in items[:-1]])
    cut = _list_end(last.text, max(len(item.text) for item in items[:-1]), kind)
    if cut:
        items[-1] = Item(last.text[:cut], last.start)
    first, second = items[0], items[1]
    if first.text != second.text and first.text.endswith(second.text) and len(second.text) >= 2:
        items[0] = Item(second.text, first.end - len(second.text))
    else:
        echoed = _echoed_further_on(first.text, [item.text for item in items[2:]])
        if echoed:
            items[0] = Item(echoed, first.end - len(echoed))
    return items


def _inside_quotes(items: list[Item]) -> list[Item]:
    """The items of a quoted enumeration (明确了“有标识、有场所、有标识”的标准) read inside its quotes: the quote
    the first item opens and the last item closes bounds the list on both sides.

    >>> [i.text for i in _inside_quotes([Item("明确了“有标识", 0), Item("有场所", 8), Item("有标识”的标准", 12)])]
    ['有标识', '有场所', '有标识']
    >>> [i.text for i in _inside_quotes([Item("“甲”和乙", 0), Item("丙", 6)])]
    ['“甲”和乙', '丙']
    """
    first, last = items[0], items[-1]
    at = max(first.text.rfind(opener) for opener in QUOTE_PAIRS)
    if at < 0:
        return items
    opener, closer = first.text[at], QUOTE_PAIRS[first.text[at]]
    end = last.text.find(closer)
    middle = [item.text for item in items[1:-1]]
    if (
        closer in first.text[at:]
        or end <= 0
        or opener in last.text[:end]
        or any(opener in t or closer in t for t in middle)
    ):
        return items  # the quote closes inside the first item, or the list does not close it
    return [Item(first.text[at + 1 :], first.start + at + 1), *items[1:-1], Item(last.text[:end], last.start)]


def common_ending(texts: list[str]) -> str:
    """What every text ends in: the kind of thing a list's items name (座流星雨, 村).

    >>> common_ending(["象限仪座流星雨", "英仙座流星雨"]), common_ending(["工业", "农业", "商贸"])
    ('座流星雨', '')
    """
    ending = min(texts, key=len)
    while ending and not all(text.endswith(ending) for text in texts):
        ending = ending[1:]
    return ending


def _echoed_further_on(first: str, later: list[str]) -> str | None:
    """The longest later item of three or more characters that the first item ends in, if any: the
    first item's left edge is unknown (覆盖东坪村、西岭村、东坪村), and a name given again further on is
    as repeated there as next to it. Two characters are too little to tell a name from a suffix.

    >>> _echoed_further_on("覆盖东坪村", ["东坪村", "石门村"]), _echoed_further_on("在校大学生", ["学生"])
    ('东坪村', None)
    >>> _echoed_further_on("白音（蒙古族）", ["宋志民", "蒙古族）"])  # a piece of an aside (王秀梅（女、蒙古族）)
    """
    echoes = [
        item
        for item in later
        if len(item) >= ECHO_MIN_ITEM and item != first and first.endswith(item) and whole_item(item)
    ]
    return max(echoes, key=len, default=None)


def whole_item(item: str) -> bool:
    """Whether an item closes every bracket it opens: a 、 inside an aside (王秀梅（女、蒙古族）) splits no list.

    >>> whole_item("白音（蒙古族）"), whole_item("蒙古族）")
    (True, False)
    """
    return item.count("（") == item.count("）") and item.count("(") == item.count(")")


def _list_end(last: str, longest: int, kind: str = "") -> int | None:
    """Where the last item of a list ends inside the text that runs on after it: before the first 等, before
    a count that sums the list up (张一鸣4名选手), or before 和/及/与 when one more item of the list's kind
    follows: no longer than the longest item, no 的, up to 等, or with no 等, up to the word that the list's
    other items all end in (`kind`); a phrase joined by 与 (厂房与大坝间的通信设施) is one item.

    >>> _list_end("医疗等领域", 2), _list_end("石桥村和下湾村等6个村", 3), _list_end("厂房与大坝间的设施", 3)
    (2, 3, None)
    >>> _list_end("张一鸣4名选手均越过了2米24", 3), _list_end("100和500卢布5种纸币", 3)
    (3, None)
    >>> _list_end("象限仪座流星雨和双子座流星雨被并称为三大流星雨", 7, "流星雨")
    7
    >>> _list_end("石门村和下湾村被评为示范村", 3, "村")
    3
    >>> _list_end("石门村和下湾村被评为示范村", 3), _list_end("石门村和全县的示范村", 3, "村")  # no kind; a 的 phrase
    (None, None)
    """
    count = LIST_COUNT.search(last, MIN_ITEM)
    tail = LIST_TAIL.search(last, MIN_ITEM, count.start() if count else len(last))
    if tail is None:
        return count and count.start()
    if tail[0] == "等":
        return tail.start()
    following = last[tail.end() :].partition("等")[0]
    if len(following) <= longest:
        return None if "的" in following else tail.start()
    # the next item ends in what every item of the list ends in (…英仙座流星雨、象限仪座流星雨和双子座流星雨被并称为…)
    ends = following.find(kind) + len(kind)
    return tail.start() if kind and len(kind) <= ends <= longest and "的" not in following[:ends] else None


def without_insisting(item: str, insisting: tuple[str, ...]) -> str:
    """An item without the first of `insisting` (D202's `insisting_words`) that opens it: what is said again.

    >>> without_insisting("还是修路", ("还是", "就是")), without_insisting("修路", ("还是",))
    ('修路', '修路')
    """
    return next((item[len(word) :] for word in insisting if item.startswith(word)), item)


def _stutter(items: list[str]) -> bool:
    """Whether a "list" is one short word said over before the speaker goes on (我、我、我这辈子就会修鞋): every item
    but the last the same word of one or two characters, the last opening on it.

    >>> _stutter(["我", "我", "我这辈子就会修鞋"]), _stutter(["大气", "水", "水", "土壤"])
    (True, False)
    """
    said = items[0]
    return len(said) <= 2 and all(item == said for item in items[:-1]) and items[-1].startswith(said)


def joined_item(match: re.Match[str], items: list[Item]) -> str:
    """The item a conjunction (和, 及, 与) joins after the last of `items`, where `_list_end` cut the last one
    before it; else "".

    >>> match = ENUMERATION.search("开发了线上展厅、线上展厅和文创产品")
    >>> joined_item(match, _enumeration_items(match)), joined_item(match, [Item("线上展厅和文创产品", 10)])
    ('文创产品', '')
    """
    if not items:
        return ""
    rest = match[0][items[-1].end - match.start() :]
    if rest[:1] not in ("和", "及", "与"):
        return ""
    return rest[1:].partition("等")[0]


def repeated_list_items(text: str, rules: RuleSet) -> Iterator[Finding]:
    """D202: an enumeration joined by 、 in which an item repeats another; flagged.

    A list of two or more copies of one thing and nothing else (告急、告急) is an exclamation, and so is one whose
    last copies insist on it (修路、修路、还是修路).

    >>> from cleaner.rules import load_rules
    >>> list(repeated_list_items("村民的意见：修路、修路、还是修路。", load_rules()))
    []
    """
    if not rules.enabled("D202"):
        return
    insisting = tuple(rules.option("D202", "insisting_words", ()))
    for match in ENUMERATION.finditer(text):
        items = [item for item in _enumeration_items(match) if item.text.strip()]
        # an item joined by 和 after the last one counts (线上展厅、线上展厅和文创产品: a list of three)
        joined = joined_item(match, items)
        if match[0].count("、") + bool(joined) < 2:
            continue
        said = {without_insisting(item.text, insisting) for item in items} | ({joined} if joined else set())
        if len(items) + bool(joined) < 3 or len(said) < 2:
            continue
        if _stutter([item.text for item in items]):
            continue
        yield from flag_repeats("D202", "并列项", items, rules)
