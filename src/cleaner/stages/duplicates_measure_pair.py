"""A measure word's reduplication after 一 read twice: 一块块块块 is 一块块 with its pair doubled.

一 + a measure word doubled (一块块, 一个个) is legitimate, and `reduplication.toml`'s one-measure-measure pattern
keeps it; the stage reads a run of one character, so four copies after 一 (一块块块块稻田) look like that form said
four times and stay. No reading puts a measure word four times after 一: the pair was doubled (a span of two
characters printed twice), so it is judged as the pair, and one pair goes.

>>> reduplication_read_twice("一块块块块稻田", 1, "块", 4, {"块": "q"})
True
>>> reduplication_read_twice("一块块稻田", 1, "块", 2, {"块": "q"})  # the form itself
False
>>> reduplication_read_twice("他说说说说就走", 2, "说", 4, {"说": "v"})  # no measure word, no 一
False
"""

from __future__ import annotations

from collections.abc import Mapping

from .duplicates_reduplication import counts_after_one

# copies of the measure word: its pair, read twice
PAIR_READ_TWICE = 4


def reduplication_read_twice(text: str, start: int, unit: str, copies: int, words: Mapping[str, str]) -> bool:
    """Whether `copies` of the one-character `unit` at `start` are 一's measure-word pair printed twice (see the
    module), so that the pair `unit * 2`, not the character, is the doubled unit."""
    return (
        copies == PAIR_READ_TWICE
        and len(unit) == 1
        and text[start - 1 : start] == "一"
        and counts_after_one(unit, words)
    )
