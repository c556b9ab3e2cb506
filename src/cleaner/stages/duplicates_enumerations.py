"""Repeated items of enumerations joined by 、 (D202), flagged, never fixed: where each item starts and ends.

An enumeration's first item has no left edge of its own (认真落实大气、水), and its last runs on into the sentence
(土壤、土壤等, 医疗等领域): the items are cut to what a neighbour could echo before any two are compared. Repeated
names between paired marks (D201) and the comparison of items are duplicates_lists'.

>>> from cleaner.rules import load_rules
>>> [(f.rule, f.start, f.end) for f in repeated_list_items("打好大气、水、水、土壤攻坚战", load_rules())]
[('D202', 5, 8)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import HAN_CLASS
from ..rules import RuleSet
from .duplicates_lists import LIST_TAIL, MIN_ITEM, Item, flag_repeats, whole_item

# An enumeration: items of text without clause punctuation, joined by 、; it starts where a clause
# does (the lookbehind keeps the scan linear: a clause without 、 is read once, not once per character;
# the items are possessive, ++: an item ends only at punctuation, so giving characters back never helps).
ENUMERATION = re.compile(r"(?<![^、，。；：！？…\n])[^、，。；：！？…\n]++(?:、[^、，。；：！？…\n]++)+")
# A count after the last item sums the list up (李浩然、张一鸣、王子豪4名选手): the item ends before it; a
# number inside an item of figures (5、10、50、100和500卢布) is no such count.
LIST_COUNT = re.compile(f"(?<=[{HAN_CLASS}])[0-9]")
ECHO_MIN_ITEM = 3  # a later item the first may end in: shorter ones are suffixes as often as names (学生, 工业)
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」"}  # a quoted enumeration's marks, opening and closing
LIST_NUMBER = re.compile(r"^\s*[0-9〇零一二三四五六七八九十]+$")
# A value: a figure and at most two characters of its unit (10分, １０分, 3.5米, 45%); a list of them is a list of
# values (先后只得了10分、10分和11分), where two alike are two results, not an item given twice
VALUE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?[^\W\d]{0,2}")
# Two copies alone are a list given twice, not an exclamation (告急、告急), when the copy is a phrase of this many
# characters or more that a verb governs (每周发布民用煤价格信息、民用煤价格信息): what is cried out is short and whole
TWICE_MIN_ITEM = 4
# A conjunction joining one more item to an item of the list (农贸市场和生产基地, 户口簿或居住证)
CONJUNCTION = re.compile("[和及与或]")


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
    cut = _list_end(last.text, max(len(item.text) for item in items[:-1]), kind) or _neighbour_joined(items, -1)
    if cut:
        items[-1] = Item(last.text[:cut], last.start)
    # an item inside the list may join its neighbour given again to one more (户口簿、户口簿或居住证、接种证)
    for at in range(1, len(items) - 1):
        cut = _neighbour_joined(items, at)
        if cut:
            items[at] = Item(items[at].text[:cut], items[at].start)
    first, second = items[0], items[1]
    if first.text != second.text and first.text.endswith(second.text) and len(second.text) >= 2:
        items[0] = Item(second.text, first.end - len(second.text))
    else:
        echoed = _echoed_further_on(first.text, [item.text for item in items[2:]])
        if echoed:
            items[0] = Item(echoed, first.end - len(echoed))
    return items


def _neighbour_joined(items: list[Item], at: int) -> int | None:
    """Where the item at `at` ends when its words before a conjunction (和, 及, 与, 或) are what the item before it
    ends in (组织大型超市、农贸市场、农贸市场和生产基地加强…): the words after the conjunction run on past any
    length `_list_end` reads, but the neighbour given again is an item of its own. The neighbour may be a first
    item, whose left edge is unknown (解决部分城区、部分城区和农村地区的问题): it must end in `ECHO_MIN_ITEM`
    characters or more of them. A whole neighbour, between two 、, may be given again whole in two (整合邮政、供销、
    供销和快递企业的网点资源).

    >>> _neighbour_joined([Item("超市", 0), Item("农贸市场", 3), Item("农贸市场和生产基地加强产销对接", 8)], -1)
    4
    >>> _neighbour_joined([Item("着力解决部分城区", 0), Item("部分城区和农村地区“卡脖子”问题", 9)], -1)
    4
    >>> _neighbour_joined([Item("超市", 0), Item("农贸市场", 3), Item("农贸市场管理办法和细则", 8)], -1)
    >>> _neighbour_joined([Item("出生证明", 0), Item("户口簿", 5), Item("户口簿或居住证", 9), Item("接种证", 17)], 2)
    3
    >>> _neighbour_joined([Item("整合邮政", 0), Item("供销", 5), Item("供销和快递企业的网点资源", 8)], -1)
    2
    >>> _neighbour_joined([Item("在校大学生", 0), Item("学生和家长", 6)], -1)  # a first item's ending: too short
    """
    neighbour, item = items[at - 1].text, items[at].text
    conjunction = CONJUNCTION.search(item)
    if conjunction is None:
        return None
    head = item[: conjunction.start()]
    whole = at % len(items) > 1  # the neighbour is no first item: its left edge is a 、
    if (len(head) >= ECHO_MIN_ITEM and neighbour.endswith(head)) or (whole and len(head) >= 2 and neighbour == head):
        return conjunction.start()
    return None


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


def _object_given_twice(match: re.Match[str], items: list[Item]) -> bool:
    """Whether a "list" of two is one phrase of `TWICE_MIN_ITEM` characters or more given twice as the object of
    what stands before it: the first item was cut to the second (发布民用煤价格信息、民用煤价格信息), so the copy is
    no clause of its own, and the second ends the list where the clause does.

    >>> match = ENUMERATION.search("每周发布民用煤价格信息、民用煤价格信息，对违法行为依法查处")
    >>> _object_given_twice(match, _enumeration_items(match))
    True
    >>> match = ENUMERATION.search("大家讨论、讨论，最后形成了共识")
    >>> _object_given_twice(match, _enumeration_items(match))
    False
    """
    if len(items) != 2 or match[0].count("、") != 1:
        return False
    first, second = items
    return (
        first.text == second.text
        and len(first.text) >= TWICE_MIN_ITEM
        and first.start > match.start()
        and second.end == match.end()
    )


def may_repeat(enumeration: str) -> bool:
    """Whether an enumeration may hold a repeat, read off its text before its items are cut: one of three items
    or more, or of two where the second is joined by 和, 及 or 与 to one more (`joined_item`), or opens on
    `TWICE_MIN_ITEM` characters the first holds (`_object_given_twice`: the copy is a suffix of the first, of at
    least that many characters, and the second item's start).

    >>> [may_repeat(e) for e in ("大气、水、水", "农业、工业和工业", "工业、农业")]
    [True, True, False]
    >>> may_repeat("发布民用煤价格信息、民用煤价格信息"), may_repeat("发布民用煤价格、民用煤供应")
    (True, False)
    """
    first, _, rest = enumeration.partition("、")
    if "、" in rest:
        return True
    return "和" in rest or "及" in rest or "与" in rest or rest[:TWICE_MIN_ITEM] in first


def may_hold_a_repeat(enumeration: str, near_min_length: int) -> bool:
    """Whether any two items of an enumeration may repeat (`_repeats`: the same, or one edit apart with
    `near_min_length` characters or more), read off its parts before they are cut: a middle item is its whole part,
    the first a suffix of its part and the last a prefix of its (`_enumeration_items`).

    >>> [may_hold_a_repeat(e, 5) for e in ("大气、水、水、土壤", "覆盖东坪村、西岭村、东坪村", "工业、农业、商贸业")]
    [True, True, False]
    >>> may_hold_a_repeat("优秀青年干部培养工程、优秀青年干部陪养工程、党员教育", 5)
    True
    >>> may_hold_a_repeat("出生医学证明、户口簿、户口簿或居住证、预防接种证", 5)
    True
    """
    parts = enumeration.split("、")
    if LIST_NUMBER.match(parts[0]):
        parts = parts[1:]
    if near_min_length < 2:
        return True  # no shared edge is needed of items so short
    last = len(parts) - 1
    # a middle part joining one more item by a conjunction may be cut to a prefix, as the last (`_neighbour_joined`)
    prefixes = [j == last or CONJUNCTION.search(part) is not None for j, part in enumerate(parts)]
    return any(
        _parts_may_repeat(earlier, i == 0, parts[j], prefixes[j], near_min_length)
        for i, earlier in enumerate(parts)
        for j in range(i + 1, len(parts))
    )


def _parts_may_repeat(earlier: str, first: bool, later: str, last: bool, near_min_length: int) -> bool:
    """Whether an item cut from part `earlier` (a suffix where it is the `first` part, else the whole part) and one
    cut from part `later` (a prefix where it is the `last`) may be the same or one edit apart.

    Two texts one edit apart, each of n characters or more, share their first or their last n // 2 characters.

    >>> _parts_may_repeat("在教育", True, "医疗等领域", True, 5)
    False
    >>> _parts_may_repeat("认真落实大气", True, "大气", False, 5)
    True
    >>> _parts_may_repeat("经劳动部门", True, "人事处批准的机构", True, 5)  # no two characters shared at an edge
    False
    """
    if not earlier or not later:
        return False
    if not first and not last:
        same = earlier == later
    elif first and last:
        # a suffix of the one that opens the other
        same = any(later.startswith(earlier[at:]) for at, c in enumerate(earlier) if c == later[0])
    else:
        same = earlier.endswith(later) if first else later.startswith(earlier)
    if same:
        return True
    if len(earlier) < near_min_length or len(later) < near_min_length:
        return False
    edge = near_min_length // 2
    if not first and not last:
        near = abs(len(earlier) - len(later)) <= 1
        return near and (earlier[:edge] == later[:edge] or earlier[-edge:] == later[-edge:])
    # an item's opening lies anywhere in a first part, its ending anywhere in a last part
    opening = later[:edge] in earlier if first else earlier[:edge] == later[:edge]
    ending = earlier[-edge:] in later if last else earlier[-edge:] == later[-edge:]
    return opening or ending


def repeated_list_items(text: str, rules: RuleSet) -> Iterator[Finding]:
    """D202: an enumeration joined by 、 in which an item repeats another; flagged.

    A list of two or more copies of one thing and nothing else (告急、告急) is an exclamation, and so is one whose
    last copies insist on it (修路、修路、还是修路).

    >>> from cleaner.rules import load_rules
    >>> list(repeated_list_items("村民的意见：修路、修路、还是修路。", load_rules()))
    []
    >>> list(repeated_list_items("三局比赛先后只得了１０分、１０分和１１分。", load_rules()))
    []
    """
    if not rules.enabled("D202"):
        return
    insisting = tuple(rules.option("D202", "insisting_words", ()))
    near_min_length = rules.option("D202", "near_min_length", 5)
    for match in ENUMERATION.finditer(text):
        if not may_repeat(match[0]):
            continue  # most enumerations: two items, the second no echo of the first and joined to nothing
        if not may_hold_a_repeat(match[0], near_min_length):
            continue  # no two items alike: nothing to flag, whatever the cutting of the items
        items = [item for item in _enumeration_items(match) if item.text.strip()]
        # an item joined by 和 after the last one counts (线上展厅、线上展厅和文创产品: a list of three)
        joined = joined_item(match, items)
        if not joined and _object_given_twice(match, items):
            yield from flag_repeats("D202", "并列项", items, rules)
            continue
        if match[0].count("、") + bool(joined) < 2:
            continue
        said = {without_insisting(item.text, insisting) for item in items} | ({joined} if joined else set())
        if len(items) + bool(joined) < 3 or len(said) < 2:
            continue
        if _stutter([item.text for item in items]):
            continue
        if all(VALUE.fullmatch(text) for text in [item.text for item in items] + ([joined] if joined else [])):
            continue  # a list of values (three games' scores): two alike are two results
        yield from flag_repeats("D202", "并列项", items, rules)
