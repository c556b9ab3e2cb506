"""Words that meet at a doubled stretch and explain it: the doubling is no typo but two words side by side.

A typo doubles a word or a character of one (环境污染污染防治, 橡胶坝坝). Two words that happen to meet there
read the same: 委内瑞拉|加拉加斯 meet inside the first copy, 根据|根据地 is a preposition before a noun it
begins, 每个|镇|镇区 and 工作|作|了 hold a one-character word of its own. The duplicates stage then asks the
language model for a stronger verdict before it deletes a copy.

>>> words = _lexicon()
>>> words_meet_inside(words, "委内瑞拉加拉加斯股市", 3, 2, 3), verb_before_aspect("工作作了部署", 2, ("了",))
(True, True)
>>> preposition_after_time("现在在一家公司上班", 1)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..lexicon import word_tag
from ..rules import RuleSet
from .duplicates_elsewhere import term_printed_before, unit_closes_printed_name
from .duplicates_one_character import (
    copula_after_conjunction,
    head_after_noun,
    noun_after_determiner,
    noun_of_its_own,
    organ_after_unit,
    preposition_after_time,
    verb_before_aspect,
)
from .duplicates_typo_shapes import one_character_item, spanning_word_outweighed

# The longest word the word list is asked about: on either side of a cut, or spanning the copies.
MAX_WORD = 6


def _lexicon() -> Any:
    """The default word list (for the examples)."""
    from ..lexicon import lexicon
    from ..pipeline import Context

    return lexicon(Context.default())


def is_verb(word: str | None) -> bool:
    """Whether jieba tags `word` as a verb, not as a verb used as a noun (vn: 工作, 管理).

    >>> is_verb("打破"), is_verb("工作"), is_verb(None)
    (True, False, False)
    """
    tag = word_tag(word)
    return tag.startswith("v") and tag != "vn"


def _known(lexicon: Any, words: list[str], min_frequency: int) -> bool:
    """Whether one of `words` is in the word list at least `min_frequency` times."""
    return any(lexicon.frequency(word) >= min_frequency for word in words)


def words_meet_inside(lexicon: Any, text: str, start: int, length: int, min_frequency: int) -> bool:
    """Whether the doubled stretch at `start` (two copies of `length` characters) is two words meeting
    inside its first copy: one running into it from before (委内瑞|拉) and one from there over the whole
    second copy (加拉加斯), as in 委内瑞拉加拉加斯, where deleting a copy would break both names.

    >>> words = _lexicon()
    >>> words_meet_inside(words, "委内瑞拉加拉加斯股市", 3, 2, 3), words_meet_inside(words, "环境污染污染防治", 2, 2, 3)
    (True, False)
    """
    pair_end = start + 2 * length
    for cut in range(start + 1, start + length):
        before = [text[a:cut] for a in range(max(0, cut - MAX_WORD), start)]
        after = [text[cut:b] for b in range(pair_end, min(len(text), cut + MAX_WORD) + 1)]
        if _known(lexicon, before, min_frequency) and _known(lexicon, after, min_frequency):
            return True
    return False


def word_before_longer(
    lexicon: Any,
    text: str,
    start: int,
    length: int,
    min_frequency: int,
    head_tags: Sequence[str],
    longer_min_frequency: int | None = None,
    event_suffixes: Sequence[str] = (),
) -> bool:
    """Whether the first copy is a word of its own, ending no longer word, with a part of speech in
    `head_tags` (a preposition or verb takes what follows), and the second begins a longer word:
    根据|根据地. Not 环境污染|污染防治 (the first copy ends a longer word), nor 管理|管理部门 (a verbal
    noun begins the compound it modifies: typed twice, a typo). The longer word must be known
    `longer_min_frequency` times (`min_frequency` if not given): the word list holds compounds made on the
    fly at its floor (停车难, 3), which read no likelier after their own first word than the doubling does.
    Nor a verb before the event it names, the verb and one of `event_suffixes` (闭幕|闭幕式, 座谈|座谈会): no
    verb takes its own ceremony or meeting as its object.

    >>> words, heads = _lexicon(), ("p", "v")
    >>> word_before_longer(words, "党委根据根据地的群众基础", 2, 2, 3, heads)
    True
    >>> word_before_longer(words, "全区环境污染污染防治", 4, 2, 3, heads)
    False
    >>> word_before_longer(words, "外汇管理管理部门", 2, 2, 3, heads)
    False
    >>> [word_before_longer(words, "破解停车停车难", 2, 2, 3, heads, at_least) for at_least in (None, 10)]
    [True, False]
    >>> [word_before_longer(words, "读书节闭幕闭幕式", 3, 2, 3, heads, 10, suffixes) for suffixes in ((), ("式",))]
    [True, False]
    """
    second = start + length
    copy = text[start:second]
    if lexicon.frequency(copy) < min_frequency or word_tag(copy) not in head_tags:
        return False
    before = [text[start - extra : second] for extra in range(1, MAX_WORD - length + 1) if start - extra >= 0]
    after = [text[second : second + length + extra] for extra in (1, 2) if second + length + extra <= len(text)]
    longer = min_frequency if longer_min_frequency is None else longer_min_frequency
    names_its_event = any(text.startswith(copy + suffix, second) for suffix in event_suffixes)
    return not names_its_event and not _known(lexicon, before, 1) and _known(lexicon, after, longer)


def unit_before_its_head(
    lexicon: Any, text: str, start: int, length: int, min_frequency: int, suffixes: Sequence[str]
) -> bool:
    """Whether the first copy names a unit (ending a name the word list lacks: 清水中队) and the second, with
    a suffix of `suffixes`, its head's title: 清水中队|中队长, 刑警大队|大队长, the usual way to name a leader.

    >>> words = _lexicon()
    >>> unit_before_its_head(words, "武警清水中队中队长王磊", 4, 2, 3, ("长",))
    True
    >>> unit_before_its_head(words, "全区环境污染污染防治", 4, 2, 3, ("长",))
    False
    """
    second = start + length
    copy = text[start:second]
    if lexicon.frequency(copy) < min_frequency:
        return False
    return any(
        text.startswith(suffix, second + length) and lexicon.frequency(copy + suffix) >= min_frequency
        for suffix in suffixes
    )


def _judge() -> Any:
    """The default context's doubled-text judge (for the examples)."""
    from ..pipeline import Context
    from .duplicates import DoubledTextJudge

    return DoubledTextJudge.for_context(Context.default())


class WordNeighbours:
    """The words a doubled stretch forms with its neighbours, asked of the word list (a mixin of the judge)."""

    rules: RuleSet
    lexicon: Any  # cleaner.lexicon.Lexicon

    def is_common_word(self, word: str, rule: str) -> bool:
        """Whether `word` is in the word list often enough to trust: jieba's list holds junk (进进, 了了)."""
        return word in self.lexicon and self.lexicon.frequency(word) >= self.rules.option(
            rule, "min_word_frequency", 100
        )

    def attachments(self, text: str, start: int, min_frequency: int) -> tuple[str | None, str | None]:
        """The words the two copies of a doubled character form with their outer neighbours: one
        ending in the first copy (大街, 橡胶坝) and one starting with the second (街道, 观众).

        Two words meeting there (大街|街道, 会议|议定) explain the pair unless the model insists."""
        cut = start + 1
        determiners = self.rules.option("D102", "determiners", ())
        particles = self.rules.option("D102", "aspect_particles", ())
        left = [text[a:cut] for a in range(max(0, cut - 4), cut - 1)]
        left_word = self.most_frequent(left, min_frequency)
        after_mark = left_word is None and start > 0 and text[start - 1] == "、"
        if after_mark:
            left_word = text[start]  # a one-character item of an enumeration: 省、区、市市场, 猪、牛牛、羊肉
        if left_word is None and self.conjunction_after_word(text, start, min_frequency):
            left_word = text[start]  # a conjunction between two words: 考验|和|和平
        if left_word is None and noun_after_determiner(self.lexicon, text, start, min_frequency, determiners):
            left_word = text[start]  # a one-character noun of its own: 每个|镇|镇区, 该|县|县长
        if left_word is None and noun_of_its_own(text, start, self.rules.option("D102", "clause_units", ())):
            left_word = text[start]  # so is a numbered thing and a clause's unit: 3号楼|楼顶, ，市|市场监管局
        if left_word is None:  # a place name the page prints, closed by its unit: 青石市|市场监管局
            left_word = unit_closes_printed_name(
                self.lexicon, text, start, self.rules.option("D102", "clause_units", ())
            )
        units, organs = self.rules.option("D102", "named_units", ()), self.rules.option("D102", "unit_organs", ())
        organ = organ_after_unit(text, start, units, organs)
        if left_word is None and organ is not None:
            left_word = text[start]  # so is a banner's or league's unit before its head: 达拉特旗|旗长
        heads, titles = self.rules.option("D102", "compound_heads", ()), self.rules.option("D102", "head_titles", ())
        if left_word is None and head_after_noun(self.lexicon, text, start, min_frequency, heads, titles):
            left_word = text[start]  # so is the head of a compound the list lacks: 早餐|店|店主
        right = [text[cut:b] for b in range(cut + 2, min(len(text), cut + 4) + 1)]
        right_word = self.most_frequent(right, min_frequency)
        if right_word is None and organ is not None:
            right_word = organ  # the head's title after its banner: 旗长, 盟委
        if right_word is None and left_word is not None:
            # a department named by its one character before its office, after a word closing on that character:
            # 联系|系|系教学办公室
            offices = self.rules.option("D102", "unit_offices", ())
            right_word = organ_after_unit(text, start, self.rules.option("D102", "office_units", ()), offices)
        aspect_verbs = self.rules.option("D102", "aspect_verbs", ())
        if right_word is None and verb_before_aspect(text, cut, particles, aspect_verbs) and not is_verb(left_word):
            # a one-character verb of its own after its subject or object: 工作|作|了; after a verb it is a
            # typo (打破破了), as one verb seldom follows another
            right_word = text[cut]
        if right_word is None and left_word is not None and not is_verb(left_word):
            # a light verb of its own after its object noun, before the words it takes: 工作|作|具体部署
            light_verbs = self.rules.option("D102", "light_verbs", ())
            following = [text[cut + 1 : b] for b in range(cut + 3, min(len(text), cut + 4) + 1)]
            if text[cut] in light_verbs and self.most_frequent(following, min_frequency):
                right_word = text[cut]
        if (
            right_word is None
            and left_word is not None
            and preposition_after_time(text, start, self.rules.option("D102", "progressive_adverbs", ()))
        ):
            right_word = text[cut]  # a preposition of its own after the time word the first copy closes: 现在|在|一家
        conjunctions = self.rules.option("D102", "copula_conjunctions", ())
        if right_word is None and copula_after_conjunction(text, start, left_word, conjunctions):
            right_word = text[cut]  # the copula of the clause a conjunction opens: 但是|是|我自己做的
        if left_word is None and right_word is not None:
            left_word = term_printed_before(text, start)  # a new word the page prints often: 网带|带动
        if after_mark and right_word is not None and not one_character_item(text, start):
            left_word = None  # after a longer item the character opens the next item's word: 石油、钢|钢铁
        return left_word, right_word

    def conjunction_after_word(self, text: str, start: int, min_frequency: int) -> bool:
        """Whether the character at `start` is a conjunction that joins words (D102's `conjunctions`)
        right after a word of two or more characters: 考验|和, where a second 和 may begin 和平.

        >>> from cleaner.pipeline import Context
        >>> judge = _judge()
        >>> judge.conjunction_after_word("考验和和平", 2, 3), judge.conjunction_after_word("对税税收", 1, 3)
        (True, False)
        """
        # a list, not jieba's part of speech c: that tags 所 (个人|所|所得税) and 因 too, which join no words
        if text[start] not in self.rules.option("D102", "conjunctions", ()):
            return False
        before = [text[a:start] for a in range(max(0, start - 4), start - 1)]
        return self.most_frequent(before, min_frequency) is not None

    def most_frequent(self, words: list[str], min_frequency: int) -> str | None:
        """The most frequent of `words` in the word list, if one reaches `min_frequency`."""
        best = max(words, key=self.lexicon.frequency, default=None)
        return best if best is not None and self.lexicon.frequency(best) >= min_frequency else None

    def longer_words_meet(self, text: str, start: int, length: int, min_frequency: int) -> bool:
        """Whether the first copy of a doubled word ends a longer word and the second begins one:
        活火山|火山口, 交警支队|支队长 (but not 环境污染|污染, where only one side is longer)."""
        second = start + length
        before = [text[start - extra : second] for extra in (1, 2) if start - extra >= 0]
        after = [text[second : second + length + extra] for extra in (1, 2) if second + length + extra <= len(text)]
        return bool(self.most_frequent(before, min_frequency) and self.most_frequent(after, min_frequency))

    def joins_into_word(self, text: str, start: int, min_frequency: int) -> bool:
        """Whether deleting the second copy of the character at `start` leaves a word that runs across
        it into both neighbours: 大使使馆 -> 大使馆. Where none forms (在职职工 -> 在职工, 灵石石膏),
        the two words meeting at the pair (在职|职工) are the likelier reading."""
        # only the words that can reach the pair: copying the text before it grew with the square of a long page
        base = max(0, start - MAX_WORD + 2)
        joined, pair = text[base : start + 1] + text[start + 2 : start + 2 + MAX_WORD], start - base
        for word_start in range(pair):
            for word_end in range(pair + 2, min(len(joined), word_start + MAX_WORD) + 1):
                if self.lexicon.frequency(joined[word_start:word_end]) >= min_frequency:
                    return True
        return False

    def word_spanning(
        self, text: str, start: int, end: int, outweighed_ratio: float = float("inf"), common: int = 100
    ) -> str | None:
        """A word of the word list that holds both copies and more (兴致勃勃, 源源不断, 郭晶晶), if any; not one a word
        holding the kept copy outweighs (`spanning_word_outweighed`: the list's junk made of a typo, 干部部).

        >>> judge = _judge()
        >>> judge.word_spanning("机关干部部马上捐款", 3, 5), judge.word_spanning("机关干部部马上捐款", 3, 5, 20.0)
        ('干部部', None)
        >>> judge.word_spanning("他兴致勃勃地说", 3, 5, 20.0), judge.word_spanning("保暖暖的简易房", 1, 3, 20.0)
        ('兴致勃勃', '暖暖的')
        """
        for word_start in range(max(0, start - MAX_WORD + 2), start + 1):
            for word_end in range(end, min(len(text), word_start + MAX_WORD) + 1):
                word = text[word_start:word_end]
                if (
                    word_end - word_start > end - start
                    and word in self.lexicon
                    and not spanning_word_outweighed(self.lexicon, text, start, end, word, outweighed_ratio, common)
                ):
                    return word
        return None
