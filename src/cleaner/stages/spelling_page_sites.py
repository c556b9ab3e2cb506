"""Page evidence for a look-alike the character model does not weigh: the page prints the corrected word elsewhere.

A statistical report that prints 年末 four times and once 年未全市总人口 misread has told the reader what 年未 is,
though the 1998 character model finds 年末全市 no likelier than 年未全市 (its text has 多年未见, 百年未遇). A look-alike
is a *page word site* when, in place of the written character, it makes a two-character dictionary word (jieba counts
it `min_frequency` times or more) that the page prints elsewhere, while the written character makes no dictionary
word (two or three characters) with its neighbours and the written pair that word replaces stands nowhere else on the
page. Such a site is weighed on a gain of `page_word_min_gain` (it may be below zero: the model undecided, not
against), and gets `page_word_shift` added to its log-odds. A page that prints 年末 and 多年未见 keeps 年未见: there the
model is against 末 (-2.9 log10), under the floor.

>>> from cleaner.stages.spelling_page import PageWords
>>> text = "年末全市人口增加。年未全市总人口352万人。"
>>> page_word_site(text, 10, "未", "末", {"年末": 696}, PageWords(text), 100)
True
>>> page_word_site("年未全市总人口352万人。", 1, "未", "末", {"年末": 696}, PageWords("年未全市总人口352万人。"), 100)
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..patterns import HAN
from .spelling_page import PageWords
from .spelling_print_words import frequency, neighbour_words


def page_word_site(
    text: str, position: int, wrong: str, right: str, lexicon: Any, page: PageWords, min_frequency: int
) -> bool:
    """Whether `right` in place of `wrong` makes a dictionary word the page prints elsewhere, where `wrong` makes none.

    The written pair the word replaces must stand nowhere else on the page (a pair the page repeats is the writer's),
    and the written character must make no dictionary word with its neighbours (人学 of 新生人学 is one: left).

    >>> from cleaner.stages.spelling_page import PageWords
    >>> words = {"达到": 15471, "考核": 3000}
    >>> text = "水质达到考核要求。全部这到考核要求。"
    >>> page_word_site(text, 11, "这", "达", words, PageWords(text), 100)
    True
    >>> twice = text + "这到处都是。"
    >>> page_word_site(twice, 11, "这", "达", words, PageWords(twice), 100)
    False
    >>> page_word_site(text, 11, "这", "达", {"达到": 15471, "这到": 1}, PageWords(text), 100)
    False
    """
    if len(wrong) != 1 or len(right) != 1:
        return False
    if any(word in lexicon for word in neighbour_words(text, position, wrong, (2, 3))):
        return False
    for first in (position - 1, position):
        if first < 0 or first + 2 > len(text):
            continue
        written = text[first : first + 2]
        word = text[first:position] + right + text[position + 1 : first + 2]
        if not all(HAN.match(char) for char in written):
            continue
        if frequency(lexicon, word) >= min_frequency and page.holds(word) and not page.repeats(written):
            return True
    return False


def page_word_candidates(
    text: str, position: int, gains: Mapping[str, float], lexicon: Any, page: PageWords, settings: Any
) -> list[str]:
    """The look-alikes at `position` that gain `page_word_min_gain` or more and make a page word site.

    `gains` maps each look-alike to the character model's gain; `settings` is spelling_settings.Settings.
    """
    wrong = text[position]
    floor, min_frequency = settings.page_word_min_gain, settings.page_word_min_frequency
    return sorted(
        candidate
        for candidate, gain in gains.items()
        if gain >= floor and page_word_site(text, position, wrong, candidate, lexicon, page, min_frequency)
    )
