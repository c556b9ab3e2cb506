"""Shapes of a doubling that only a typo makes, whatever the language model's margin.

Chinese says some words twice on purpose: verbs (研究研究), two-character adjectives and nouns (大片大片),
measure phrases (一件事一件事). It never says a common noun of three characters or more twice
(出版社出版社), so such a pair needs only the model's preference, not its usual margin. A doubled
character between two words that meet there (大街|街道) is explained by them, unless the right-hand word is
a rare one a much commoner word overlaps (蔬菜|菜价|格 against 蔬菜|价格): then the copy stands alone. Nor is it
explained by a word the list holds across both copies when that word is junk a typo made (干部部 against 干部).

>>> from cleaner.pipeline import Context
>>> from cleaner.lexicon import lexicon
>>> words = lexicon(Context.default())
>>> option = {"common_noun_length": 3, "common_noun_frequency": 100}.get
>>> common_noun_doubled(words, "出版社", option), common_noun_doubled(words, "研究", option)
(True, False)
>>> overtaken = right_word_overtaken
>>> overtaken(words, "今年蔬菜菜价格下降", 3, "菜价", 100), overtaken(words, "大街街道上", 1, "街道", 100)
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..lexicon import jieba_word_tags, word_tag
from ..patterns import HAN, NUMERALS
from ..word_sets import word_set
from .duplicates_reduplication import counts_after_one

# Parts of speech (jieba's tags) of common nouns, which no reduplicated form doubles (rules/word_sets.toml)
COMMON_NOUN_TAGS = word_set("common_noun_tags")
# The longest word looked for after the right-hand word's first character.
MAX_OVERLAP = 3


def common_noun_doubled(lexicon: Any, unit: str, option: Callable[..., Any]) -> bool:
    """Whether `unit`, found doubled, is a common noun of D101's `common_noun_length` characters or more that the
    word list holds `common_noun_frequency` times or more (出版社): no reduplicated form doubles such a noun.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.lexicon import lexicon
    >>> words = lexicon(Context.default())
    >>> option = {"common_noun_length": 3, "common_noun_frequency": 100}.get
    >>> common_noun_doubled(words, "总经理", option), common_noun_doubled(words, "钱其琛", option)
    (True, False)
    """
    if len(unit) < option("common_noun_length", 99) or lexicon.frequency(unit) < option("common_noun_frequency", 100):
        return False
    return word_tag(unit) in COMMON_NOUN_TAGS


def right_word_overtaken(lexicon: Any, text: str, start: int, right: str, min_ratio: float) -> bool:
    """Whether the word `right` that the second copy of the doubled character at `start` begins (菜价 in
    蔬菜菜价格) is overlapped by a word `min_ratio` times commoner starting at its second character (价格):
    the text reads 蔬菜|菜|价格, the copy a word of no one, as a typo leaves it.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.lexicon import lexicon
    >>> words = lexicon(Context.default())
    >>> overtaken = right_word_overtaken
    >>> overtaken(words, "人民民主专政", 1, "民主", 100), overtaken(words, "发展展览会", 1, "展览", 100)
    (False, False)
    """
    tail = start + 2
    reach = range(len(right), MAX_OVERLAP + 1)  # past the right-hand word's end, not a word inside it
    overlapping = [text[tail : tail + length] for length in reach if tail + length <= len(text)]
    commonest = max((lexicon.frequency(word) for word in overlapping), default=0)
    return commonest >= min_ratio * max(1, lexicon.frequency(right))


# The longest word looked for around the kept copy once the other is deleted.
MAX_KEPT_WORD = 6


def spanning_word_outweighed(
    lexicon: Any, text: str, start: int, end: int, word: str, ratio: float, common: int
) -> bool:
    """Whether `word`, a word of the list holding both copies of the doubled `text[start:end]`, is outweighed: a word of
    two characters or more holding the kept copy, read once the second copy is deleted, is `ratio` times as frequent
    and known `common` times (干部部 24 against 干部 9,717; 罗罗斯 4 against 俄罗斯 6,099). jieba's list holds such
    junk, a typo's doubling taken for a word; a word that explains the pair outweighs what is left of it (兴致勃勃).

    >>> from cleaner.pipeline import Context
    >>> from cleaner.lexicon import lexicon
    >>> words = lexicon(Context.default())
    >>> spanning_word_outweighed(words, "机关干部部马上", 3, 5, "干部部", 20.0, 100)
    True
    >>> spanning_word_outweighed(words, "俄罗罗斯名将", 1, 3, "罗罗斯", 20.0, 100)
    True
    >>> spanning_word_outweighed(words, "他兴致勃勃地说", 3, 5, "兴致勃勃", 20.0, 100)
    False
    """
    unit_length = (end - start) // 2
    before = text[max(0, start - MAX_KEPT_WORD) : start + unit_length]
    joined = before + text[end : end + MAX_KEPT_WORD]
    kept_start = len(before) - unit_length
    kept_stop = len(before)
    candidates = [
        joined[first:last]
        for first in range(max(0, kept_stop - MAX_KEPT_WORD), kept_start + 1)
        for last in range(max(kept_stop, first + 2), min(len(joined), first + MAX_KEPT_WORD) + 1)
    ]
    best = max((lexicon.frequency(candidate) for candidate in candidates), default=0)
    return best >= max(common, ratio * lexicon.frequency(word))


def one_character_item(text: str, start: int) -> bool:
    """Whether the character at `start` is an item of an enumeration of one-character items (省、区、市|市场): the item
    before its 、 is one Han character too. After a longer item a character that opens a word with what follows is that
    word's, and a copy of it is a typo's (石油、钢|钢铁, 江苏、河|河北: 22 of the training side's 330 missed doublings).

    >>> one_character_item("各省、区、市市场监管部门", 5), one_character_item("石油、钢钢铁", 3)
    (True, False)
    >>> one_character_item("存、贷贷款", 2), one_character_item("钢钢铁", 0)
    (True, False)
    """
    if start < 2 or text[start - 1] != "、" or not HAN.match(text[start - 2]):
        return False
    return start == 2 or not HAN.match(text[start - 3])


# what a count's number ends in before its measure word: digits and numerals, not 一 (一个个, one after another)
COUNT_ENDS = frozenset("0123456789０１２３４５６７８９" + NUMERALS.replace("一", ""))


def measure_after_number(text: str, start: int) -> bool:
    """Whether the doubled character at `start` is a measure word (`counts_after_one`) right after a number that
    does not end in 一: a number counts with one measure word (14名中青年), and no 'every' form (名名, 位位) follows
    it (14名名中青年, 6位位艾滋病患者: 6 of the training side's 330 missed doublings). After 一 the pair is one
    after another (一个个), and that is one-measure-measure's to judge.

    >>> measure_after_number("共有14名名中青年科技工作者", 4), measure_after_number("目前有6位位患者", 4)
    (True, True)
    >>> measure_after_number("奔波的一个个平凡身影", 4), measure_after_number("他们人人有份", 2)
    (False, False)
    """
    return start > 0 and text[start - 1] in COUNT_ENDS and counts_after_one(text[start], jieba_word_tags())


def copy_in_common_word(lexicon: Any, text: str, start: int, unit: str, min_frequency: int) -> str | None:
    """A word known `min_frequency` times that the first copy of the doubled `unit` at `start` closes with the text
    before it (部队|队, 条件|件), or the second opens with the text after it (首|首先, 科|科技), if any. An 'every' pair
    (阵阵掌声, 层层选拔) stands on its own; a typo doubles a character of a word, so one copy still belongs to it. Two
    words may meet there too (综合科|科长, 反对|对), so the word only lowers the pattern's bar.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.lexicon import lexicon
    >>> words = lexicon(Context.default())
    >>> bound = copy_in_common_word
    >>> bound(words, "立足山沟，部队队连续安全", 6, "队", 100), bound(words, "首首先代表", 0, "首", 100)
    ('部队', '首先')
    >>> bound(words, "赢得了观众的阵阵掌声", 6, "阵", 100) is None
    True
    """
    second = start + len(unit)
    before = [text[first:second] for first in range(max(0, start - 3), start)]
    after = [text[second:last] for last in range(second + len(unit) + 1, min(len(text), second + len(unit) + 3) + 1)]
    known = [word for word in before + after if lexicon.frequency(word) >= min_frequency]
    return max(known, key=lexicon.frequency, default=None)
