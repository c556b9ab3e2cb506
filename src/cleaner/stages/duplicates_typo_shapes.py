"""Shapes of a doubling that only a typo makes, whatever the language model's margin.

Chinese says some words twice on purpose: verbs (研究研究), two-character adjectives and nouns (大片大片),
measure phrases (一件事一件事). It never says a common noun of three characters or more twice
(出版社出版社), so such a pair needs only the model's preference, not its usual margin. A doubled
character between two words that meet there (大街|街道) is explained by them, unless the right-hand word is
a rare one a much commoner word overlaps (蔬菜|菜价|格 against 蔬菜|价格): then the copy stands alone.

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

from ..lexicon import jieba_word_tags
from ..word_sets import word_set

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
    return str(jieba_word_tags().get(unit, "x")) in COMMON_NOUN_TAGS


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
