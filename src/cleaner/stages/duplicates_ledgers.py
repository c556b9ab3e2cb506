"""Repeated items of numbered ledgers (D202): ①…；②…；③…, （一）…（二）…, flagged as an enumeration's are.

>>> from cleaner.rules import load_rules
>>> [(f.rule, f.start, f.end) for f in repeated_numbered_items("①网上；②窗口；③窗口。", load_rules())]
[('D202', 5, 11)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..rules import RuleSet
from .duplicates_lists import MIN_ITEM, Item, flag_repeats, han_count, whole_item

# A ledger's items inside a paragraph, each after its number: ① to ⑳, or a numeral in brackets (（一）, （1）).
# One class opens it, so the engine scans for the marks' characters; an alternation of two would be tried at every one.
NUMBER_MARK = re.compile(r"[①-⑳（(](?:(?<=[（(])(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]|(?<=[①-⑳]))")
# The last item of a ledger ends with its clause; every item is read without the mark that parts it from the next.
LEDGER_END = re.compile(r"[；;。！？\n]")
ITEM_TRIM = "；;，,、。：: \t\u3000"


def mark_number(mark: str) -> tuple[str, int]:
    """A ledger mark's style and number: ③ is ("①", 3), （十二） is ("（", 12), (3) is ("1", 3).

    >>> mark_number("③"), mark_number("（十二）"), mark_number("(十)"), mark_number("（3）")
    (('①', 3), ('（', 12), ('（', 10), ('1', 3))
    """
    if len(mark) == 1:
        return "①", ord(mark) - ord("①") + 1
    digits = mark[1:-1]
    if digits.isdigit():
        return "1", int(digits)
    import cn2an  # here, not at the top: loading it takes a tenth of a second that `cleaner --help` need not pay

    return "（", int(cn2an.cn2an(digits, "normal"))


def ledgers(text: str) -> Iterator[list[Item]]:
    """The items of each numbered ledger inside a paragraph (①…；②…；③…): marks of one style numbered one after
    another, with no paragraph break between; the last item ends with its clause.

    >>> [[i.text for i in items] for items in ledgers("渠道有：①公众号；②代办点；③窗口。另（一）是")]
    [['公众号', '代办点', '窗口']]
    """
    run: list[re.Match[str]] = []
    for mark in [*NUMBER_MARK.finditer(text), None]:
        if mark is not None and run:
            style, number = mark_number(mark[0])
            last_style, last_number = mark_number(run[-1][0])
            if style == last_style and number == last_number + 1 and "\n\n" not in text[run[-1].end() : mark.start()]:
                run.append(mark)
                continue
        if len(run) >= 2:
            ends = [m.start() for m in run[1:]]
            closing = LEDGER_END.search(text, run[-1].end())
            ends.append(closing.start() if closing else len(text))
            items = []
            for m, end in zip(run, ends, strict=True):
                part = text[m.end() : end].rstrip(ITEM_TRIM)
                items.append(Item(part, m.end()))
            yield items
        run = [mark] if mark is not None else []


def repeated_numbered_items(text: str, rules: RuleSet) -> Iterator[Finding]:
    """D202 for a numbered ledger (①…；②…；③…, （一）…（二）…) in which an item repeats another; flagged.

    A ledger's items are things of one list as an enumeration's are, numbered instead of parted by 、.
    """
    if not rules.enabled("D202") or not NUMBER_MARK.search(text):
        return
    for items in ledgers(text):
        if all(han_count(item.text) >= MIN_ITEM and whole_item(item.text) for item in items):
            yield from flag_repeats("D202", "编号并列项", items, rules)
