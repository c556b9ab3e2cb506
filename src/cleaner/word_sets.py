"""The word, character and tag sets code tests membership in, read once per process from rules/word_sets.toml.

They are built-in data, not rules a user's folder overrides: the figures stage's `extract` has no rule set to hand,
and a module reads its sets when it is imported.

>>> "啊" in word_set("modal_particles"), word_list("approximate_after")[:2]
(True, ('左右', '上下'))
"""

from __future__ import annotations

import re
from functools import cache

from .rules import builtin_folder, word_lists_in

WORD_SETS_FILE = "word_sets.toml"


@cache
def word_lists() -> dict[str, tuple[str, ...]]:
    """Every list of the built-in word_sets.toml, in its written order.

    >>> word_lists()["verb_tags"]
    ('v', 'vn')
    """
    return {name: tuple(listed) for name, listed in word_lists_in(builtin_folder() / WORD_SETS_FILE).items()}


def word_list(name: str) -> tuple[str, ...]:
    """One list of word_sets.toml, in its written order (for a pattern made of it).

    >>> word_list("article_numerals")
    ('一', '两', '几')
    """
    return word_lists()[name]


def word_set(name: str) -> frozenset[str]:
    """One list of word_sets.toml as a set, for membership tests.

    >>> sorted(word_set("verb_tags"))
    ['v', 'vn']
    """
    return frozenset(word_lists()[name])


def alternation(name: str) -> str:
    """One list of word_sets.toml as a pattern's alternation of its words, in their written order.

    >>> alternation("approximate_after")
    '左右|上下|以上|以下|多|余'
    """
    return "|".join(map(re.escape, word_list(name)))
