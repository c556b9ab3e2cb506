"""Word-frequency evidence for print OCR's frequent pairs, where the character model's gain is small.

Both characters of such a pair are common (人/入, 侯/候, 未/末, 士/土), so the 1998 character model often finds
little to choose between 年人党 and 年入党. jieba's dictionary knows more: 入党 is a word it counts 258 times, while
人 makes no word at all with 年 or 党. A correction into a pair of `frequent_shape_files` is a *frequent word site*
when the corrected character makes a two-character dictionary word with a neighbour that jieba counts at least
`min_frequency` times, and the written character makes no dictionary word (two or three characters) with its
neighbours: 中士地 is no such site (中士 is a word), nor 人学 (a word), nor 侯车 (jieba lists it, three times).
Such a site may pass the gate on a smaller gain (`frequent_word_min_gain`) and gets `frequent_word_shift` added to
its log-odds.

>>> words = {"入党": 258, "入伍": 269}
>>> frequent_word_site("一九四〇年人党", 5, "人", "入", words, 100)
True
>>> frequent_word_site("后来人党", 2, "人", "入", {"来人": 40, **words}, 100)
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..patterns import HAN


def frequency(lexicon: Any, word: str) -> int:
    """jieba's count of `word` (0 when it is no word of `lexicon`).

    >>> frequency({"入党": 258}, "入党"), frequency({"入党": 258}, "人党")
    (258, 0)
    """
    if word not in lexicon:
        return 0
    if isinstance(lexicon, Mapping):
        return int(lexicon[word])
    return int(lexicon.frequency(word))


def neighbour_words(text: str, position: int, char: str, lengths: Iterable[int] = (2,)) -> list[str]:
    """The runs of Han characters of the given lengths that hold `char` in place of `text[position]`.

    >>> neighbour_words("年人党。", 1, "入")
    ['年入', '入党']
    >>> neighbour_words("年人党。", 1, "入", (3,))
    ['年入党']
    """
    found = []
    for length in lengths:
        for first in range(max(0, position - length + 1), position + 1):
            last = first + length
            if last > len(text):
                break
            run = text[first:position] + char + text[position + 1 : last]
            if all(HAN.match(c) for c in run):
                found.append(run)
    return found


def frequent_word_site(text: str, position: int, wrong: str, right: str, lexicon: Any, min_frequency: int) -> bool:
    """Whether `right` in place of `wrong` makes a common two-character word, where `wrong` makes no word at all.

    >>> words = {"年末": 696, "未见": 0}
    >>> frequent_word_site("年未全市", 1, "未", "末", words, 100)
    True
    >>> frequent_word_site("中士地", 1, "士", "土", {"中士": 44, "土地": 11240}, 100)
    False
    """
    if len(wrong) != 1 or len(right) != 1:
        return False
    if any(word in lexicon for word in neighbour_words(text, position, wrong, (2, 3))):
        return False
    return any(frequency(lexicon, word) >= min_frequency for word in neighbour_words(text, position, right))


def frequent_word_candidates(
    text: str,
    position: int,
    candidates: Iterable[str],
    frequent_shapes: Mapping[str, Iterable[str]],
    lexicon: Any,
    min_frequency: int,
) -> list[str]:
    """The `candidates` for `text[position]` that a frequent pair names and that make a frequent word site.

    >>> frequent_word_candidates("一九四〇年人党", 5, ["入", "大"], {"人": {"入", "八"}}, {"入党": 258}, 100)
    ['入']
    """
    wrong = text[position]
    paired = frequent_shapes.get(wrong, ())
    return [
        c for c in candidates if c in paired and frequent_word_site(text, position, wrong, c, lexicon, min_frequency)
    ]
