"""F101 where the words say two figures tell of one item: a clause said twice in one sentence, word for word but for
one count (全村286户中有脱贫户73户；全村268户中有脱贫户73户), whatever its label's length; and a per-unit label
written alike twice that names its item (前腿肉每斤14元 … 前腿肉每斤15元, `named_per_unit`).

Two clauses that read alike around a count tell of one item at one time: nothing in their words parts them (no
place, period or group of its own). A clause of few words (气温30℃) says too little to be that sure, so at least
`RESTATED_WORDS` Han characters must stand around the count.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> [f.rule for f in find("全村286户中有脱贫户73户；全村268户中有脱贫户73户，集体经济空白。", Context.default())]
['F101']
>>> find("一号线全长30公里；二号线全长25公里。", Context.default())
[]
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence

from ..patterns import BASIC_HAN_RUN, HAN
from .figures_data import Relation, told_twice
from .figures_rounding import same_amount
from .quantities import Quantity

# What closes a clause around a count: commas, semicolons, sentence ends, a blank line (a column's wraps do not).
CLAUSE_MARK = re.compile(r"[，,；;。！？!?]|\n\s*\n")
# Han characters that must stand around the count in each clause: fewer (气温30℃, 每年3月) may be two places' lines.
RESTATED_WORDS = 6
# Clauses between the two, at most: one, a count of the same shape (至上海方向新增4对), a list's next item.
# Farther apart, or in another sentence, a clause said again tells of another head (存款…，比上年末增加372.4亿元。
# 贷款…，比上年末增加102.9亿元) or another case: every such pair of 2,040 training articles was one.
CLAUSES_BETWEEN = 1
# Characters before the number a clause between must share with the frame: 方向新增, not a change's 企业 (新增企业25家
# between 全县民营企业186家 and …211家: the later total is the level after it)
SHAPE_WORDS = 4
PLACE = "\0"  # where a clause's figure stood, in the clause's words compared
NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
ANY_DIGIT = re.compile(r"[0-9０-９]")


def clause_around(text: str, figure: Quantity) -> tuple[int, int]:
    """Where the clause holding a figure starts and ends (its marks excluded).

    >>> from cleaner.stages.quantities import extract
    >>> from cleaner.stages.units import Units
    >>> from cleaner.rules import load_rules
    >>> text = "据介绍，全村286户中有脱贫户73户；其余为一般户。"
    >>> first = extract(text, Units.from_rules(load_rules()))[0]
    >>> text[slice(*clause_around(text, first))]
    '全村286户中有脱贫户73户'
    >>> text = "据介绍，该村共有农户；\\n\\n全村286户中有脱贫户73户"  # the clause opens after the last of its marks
    >>> text[slice(*clause_around(text, extract(text, Units.from_rules(load_rules()))[0]))]
    '全村286户中有脱贫户73户'
    """
    # the last mark's end: the marks come in order, so only the last is kept, not every end compared
    last = deque(CLAUSE_MARK.finditer(text, max(0, figure.start - 200), figure.start), maxlen=1)
    start = last[0].end() if last else 0
    after = CLAUSE_MARK.search(text, figure.end)
    return start, after.start() if after else len(text)


def same_shape(words: str, frame: str, figure: str) -> bool:
    """Whether a clause counts in the shape of a frame (its figure's place marked by `PLACE`): a list's next
    item, the same `SHAPE_WORDS` characters before its number (or the frame's all, if fewer), the same unit and words
    after it (至上海方向新增4对 beside 至北京方向新增…).

    >>> same_shape("至上海方向新增4对", f"至北京方向新增{PLACE}", "3对")
    True
    >>> same_shape("文化旅游项目8个", f"年度计划投资{PLACE}", "6亿元")
    False
    >>> same_shape("新增企业25家", f"全县民营企业{PLACE}", "211家")  # a change between: the total's new level
    False
    """
    head, _, tail = frame.partition(PLACE)
    number = NUMBER.search(words)
    unit = NUMBER.sub("", figure, count=1)
    if number is None:
        return False
    return words[: number.start()].endswith(head[-SHAPE_WORDS:]) and words[number.end() :] == unit + tail


def restated_clauses(text: str, counts: Sequence[Quantity], leading: re.Pattern[str]) -> Iterator[Relation]:
    """F101: a later clause of the same paragraph that says an earlier one again, word for word, with another
    figure in one count's place. The connectives opening a clause (F101's `leading`: 其中, 另有) are not compared.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.figures import find
    >>> text = "其中至北京方向新增3对，至上海方向新增4对；至北京方向新增5对。"
    >>> [f.rule for f in find(text, Context.default())]
    ['F101']
    >>> find("上行方向每天开行动车组12对，下行方向每天开行动车组10对。", Context.default())
    []
    >>> find("东部地区，全地区拥有农业机械1270万台；中部地区，全地区拥有农业机械930万台。", Context.default())
    []
    >>> find("安排工业项目38个，计划年度投资32亿元；文化旅游项目8个，计划年度投资6亿元。", Context.default())
    []
    """
    earlier: dict[tuple[str, str], Quantity] = {}
    for figure in counts:
        start, end = clause_around(text, figure)
        frame = leading.sub("", f"{text[start : figure.start]}{PLACE}{text[figure.end : end]}".replace("\n", ""))
        if len(HAN.findall(frame)) < RESTATED_WORDS:
            continue
        key = (frame, figure.unit)
        before = earlier.get(key)
        earlier[key] = figure
        if before is None or before.sentence != figure.sentence or same_amount(before, figure):
            continue
        between = [words for words in CLAUSE_MARK.split(text[clause_around(text, before)[1] : start]) if words.strip()]
        if len(between) > CLAUSES_BETWEEN or not all(same_shape(words, frame, figure.show(text)) for words in between):
            continue  # far apart, or another head between (文化旅游项目8个，年度计划投资6亿元；现代农业项目21个，…)
        yield told_twice(text, frame.replace(PLACE, "…").strip(), before, figure, why="（其余字句相同）")


def named_per_unit(
    text: str,
    first: Quantity,
    second: Quantity,
    per_unit: re.Pattern[str],
    min_label: int,
    told_change: re.Pattern[str] | None = None,
) -> str | None:
    """The label of two per-unit figures, when both write it alike and it names its item before the per-unit
    word (前腿肉每斤14元，五花肉每斤16元；前腿肉每斤15元); else None. A label that opens on the per-unit word
    leaves its item to a condition before it (种植水稻的，每亩补贴200元；种植小麦的，每亩补贴150元).

    >>> from cleaner.stages.figures import find
    >>> from cleaner.pipeline import Context
    >>> [f.rule for f in find("前腿肉每斤14元，五花肉每斤16元；前腿肉每斤15元。", Context.default())]
    ['F101']
    >>> find("前腿肉每斤14元，五花肉每斤16元；五花肉每斤16元。", Context.default())
    []
    >>> find("第一档电价每千瓦时0.52元；第二档为2161至4200千瓦时，电价每千瓦时0.57元。", Context.default())
    []

    A change told of the first price in its own clause (比去年提高2元；, `told_change`) sets no condition:

    >>> [f.rule for f in find("今年春茧收购价每斤26元，比去年提高2元；今年春茧收购价每斤24元。", Context.default())]
    ['F101']
    """
    written = first.label.strip()
    found = per_unit.search(written)
    if written != second.label.strip() or len(written) < min_label or found is None:
        return None
    item = written[: found.start()]
    if len(item) < 2 or BASIC_HAN_RUN.fullmatch(item) is None:
        return None
    # a figure between that is no price of the same shape (五花肉每斤16元) may set a condition (第二档为2161至4200
    # 千瓦时，电价每千瓦时0.57元: a tier's price, under the same label)
    sibling = re.compile(re.escape(written[found.start() :]) + r"[0-9０-９.．]+" + re.escape(first.unit))
    between = text[first.end : second.label_start]
    if told_change is not None:
        between = told_change.sub("", between)
    between = sibling.sub("", between)
    return None if ANY_DIGIT.search(between) else written
