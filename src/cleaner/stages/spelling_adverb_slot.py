"""Grammar evidence for print pairs: an adverb before a verb (已开展) and a particle after one (增加了), misread.

The particle: 了 closes a verb, while 子 after a verb closes a word (席子, 结对子) or, standing alone in jieba's
likeliest segmentation, is 了 misread (增加子货币): `particle_slot`, S102's `particle_slot_shift`. The adverb:

己 and 已 are print OCR's commonest confusion, and jieba cannot tell them apart where it matters: 已 stands alone in
its segmentation as 己 does (已/开展, 己/开展), so no word joins and `frequent_joins` stays 0, and the character model
gains 2-4 log10 there, which the calibration reads as too little for so common a pair (该镇己开展 0.24, 水位己超过
0.71). The grammar tells them apart: 已 ("already") is an adverb that opens a verb phrase (已开展, 已超过, 已被, 已在),
while 己 ("self") closes words (自己, 知己, 异己, 舍己, 克己) and stands alone almost only as a name (被告王己支付).
A correction of a written character of `adverb_misreads` into its adverb is an *adverb slot* when

- the written character makes no dictionary word (two or three characters) with its neighbours (自己, 己任, 知己);
- it does not follow a surname standing alone (王己出击: a given name), nor a digit;
- the next word of jieba's likeliest segmentation is tagged one of `tags` (a verb, a preposition, an adverb).

Such a correction gets S102's `adverb_slot_shift` added to its log-odds. The slot is read for these pairs only: an
earlier, wider reading of function words in their slots (的, 了, 为, 已, 于: `function_slots`, docs/measurements.md)
lost precision on held-out text through 的 between two nouns of a place name.

>>> from cleaner.lexicon import load_lexicon, jieba_word_tags
>>> words, tags = load_lexicon(), jieba_word_tags()
>>> slot = {"已": frozenset("己巳")}, frozenset({"v", "vn", "p", "d"}), frozenset("王李年")
>>> adverb_slot("目前该镇己开展专项整治", 4, "己", "已", *slot, tags, words)
True
>>> adverb_slot("他克己奉公，知己知彼", 2, "己", "已", *slot, tags, words)
False
>>> adverb_slot("被告王己支付了前两期款项", 3, "己", "已", *slot, tags, words)
False
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from ..patterns import HAN
from .spelling_print_words import neighbour_words

# characters of the line each side of the written one that jieba's route reads for the next word (its words are short)
NEXT_WORD_REACH = 6


def next_word(text: str, position: int, lexicon: object) -> str:
    """The first word of jieba's likeliest segmentation of the Han characters after `position` ('' if none).

    >>> from cleaner.lexicon import load_lexicon
    >>> next_word("水位己超过警戒线", 2, load_lexicon()), next_word("己，", 0, load_lexicon())
    ('超过', '')
    """
    end = position + 1
    while end < len(text) and end - position <= NEXT_WORD_REACH and HAN.match(text[end]):
        end += 1
    run = text[position + 1 : end]
    if not run:
        return ""
    words = lexicon.segmented(run)[1]  # type: ignore[attr-defined]
    return str(words[0]) if words else ""


def previous_word(text: str, position: int, lexicon: object) -> tuple[str, bool]:
    """The last word of jieba's likeliest segmentation of the Han characters up to `position`, the written character
    at `position` included, and whether that character stands alone there (a word of its own): ('', False) if none.

    >>> from cleaner.lexicon import load_lexicon
    >>> previous_word("来港出席子赠款仪式", 4, load_lexicon()), previous_word("军属结对子，", 4, load_lexicon())
    (('出席', True), ('结对子', False))
    """
    start = position
    while start > 0 and position - start < NEXT_WORD_REACH and HAN.match(text[start - 1]):
        start -= 1
    end = position + 1
    while end < len(text) and end - position <= NEXT_WORD_REACH and HAN.match(text[end]):
        end += 1
    words = lexicon.segmented(text[start:end])[1]  # type: ignore[attr-defined]
    offset = start
    before = ""
    for word in words:
        if offset == position:
            return (before, len(word) == 1) if before else ("", False)
        if offset < position < offset + len(word):
            return word, False
        before = str(word)
        offset += len(word)
    return "", False


def particle_slot(
    text: str,
    position: int,
    wrong: str,
    right: str,
    misreads: Mapping[str, Container[str]],
    tags: Container[str],
    word_tags: Mapping[str, str],
    lexicon: object,
) -> bool:
    """Whether `right` in place of `wrong` at `position` is a particle after a verb where `wrong` stands alone.

    >>> from cleaner.lexicon import load_lexicon, jieba_word_tags
    >>> slot = {"了": frozenset("子")}, frozenset({"v"}), jieba_word_tags(), load_lexicon()
    >>> particle_slot("期间增加子货币投放", 4, "子", "了", *slot), particle_slot("撒下种子", 3, "子", "了", *slot)
    (True, False)
    >>> particle_slot("军属结对子，帮他们", 4, "子", "了", *slot)  # 结对子: a word
    False
    """
    if len(wrong) != 1 or wrong not in misreads.get(right, ()):
        return False
    word, alone = previous_word(text, position, lexicon)
    return alone and word_tags.get(word, "") in tags


def after_surname(text: str, position: int, surnames: Container[str], lexicon: Container[str]) -> bool:
    """Whether `text[position]` follows a surname that stands alone (no word with the character before it, no digit).

    >>> surnames = frozenset("王年")
    >>> after_surname("被告王己支付", 3, surnames, {"被告"}), after_surname("今年己获得", 2, surnames, {"今年"})
    (True, False)
    >>> after_surname("1998年己获得", 5, frozenset("年"), set())
    False
    """
    if position < 1 or text[position - 1] not in surnames:
        return False
    # 今年己获得: 年 closes 今年; 1998年己: 年 after a figure is no surname
    return not (position >= 2 and (text[position - 2].isdigit() or text[position - 2 : position] in lexicon))


def adverb_slot(
    text: str,
    position: int,
    wrong: str,
    right: str,
    misreads: Mapping[str, Container[str]],
    tags: Container[str],
    surnames: Container[str],
    word_tags: Mapping[str, str],
    lexicon: Container[str],
) -> bool:
    """Whether `right` in place of `wrong` at `position` is an adverb before a verb where `wrong` closes no word.

    >>> from cleaner.lexicon import load_lexicon, jieba_word_tags
    >>> slot = {"已": frozenset("己巳")}, frozenset({"v", "p", "d"}), frozenset()
    >>> adverb_slot("问题己全部整改", 2, "己", "已", *slot, jieba_word_tags(), load_lexicon())  # 全部: a noun to jieba
    False
    >>> adverb_slot("批次，己化解各类矛盾", 3, "己", "已", *slot, jieba_word_tags(), load_lexicon())
    True
    """
    if len(wrong) != 1 or wrong not in misreads.get(right, ()):
        return False
    if any(word in lexicon for word in neighbour_words(text, position, wrong, (2, 3))):
        return False
    if after_surname(text, position, surnames, lexicon):
        return False
    word = next_word(text, position, lexicon)
    return bool(word) and word_tags.get(word, "") in tags


@dataclass(frozen=True)
class AdverbSlots:
    """What `adverb_slot` reads, loaded once with S102's engines (`adverb_misreads`, `adverb_slot_tags`).

    >>> from cleaner.lexicon import load_lexicon, jieba_word_tags
    >>> slots = AdverbSlots({"已": frozenset("己")}, frozenset({"v"}), frozenset(), jieba_word_tags(), load_lexicon())
    >>> slots.reads("水位己超过警戒线", 2, "己", "已"), AdverbSlots().reads("水位己超过警戒线", 2, "己", "已")
    (True, False)
    """

    misreads: Mapping[str, Container[str]] = field(default_factory=dict)
    tags: Container[str] = frozenset()
    surnames: Container[str] = frozenset()
    word_tags: Mapping[str, str] = field(default_factory=dict)
    lexicon: Container[str] = frozenset()

    # a particle after a verb misread as a character that stands alone there (增加了 as 增加子): `particle_slot`
    particle_misreads: Mapping[str, Container[str]] = field(default_factory=dict)
    particle_tags: Container[str] = frozenset()

    def reads(self, text: str, position: int, wrong: str, right: str) -> bool:
        """Whether `right` in place of `wrong` at `position` fills an adverb's slot (`adverb_slot`)."""
        return adverb_slot(
            text, position, wrong, right, self.misreads, self.tags, self.surnames, self.word_tags, self.lexicon
        )

    def reads_particle(self, text: str, position: int, wrong: str, right: str) -> bool:
        """Whether `right` in place of `wrong` at `position` fills a particle's slot after a verb (`particle_slot`)."""
        return particle_slot(
            text, position, wrong, right, self.particle_misreads, self.particle_tags, self.word_tags, self.lexicon
        )
