"""A doubled character that is a one-character word of its own: the doubling is two words side by side.

After a determiner (每个|镇|镇区), closing a compound the word list lacks (早餐|店|店主), as a numbered thing or a
clause's unit (3号楼|楼顶, ，市|市场监管局), as a banner's unit before its head (达拉特旗|旗长), a verb before its
aspect particle (工作|作了) or a preposition after a time word (现在|在一家): `WordNeighbours.attachments` asks each.

>>> verb_before_aspect("工作作了部署", 2, ("了",)), preposition_after_time("现在在一家公司上班", 1)
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..lexicon import word_tag


def noun_after_determiner(lexicon: Any, text: str, start: int, min_frequency: int, determiners: Sequence[str]) -> bool:
    """Whether the character at `start` is a one-character noun (jieba's tag n) right after one of
    `determiners` (每个, 这块, 该, 各…), so a word of its own: 每个镇|镇区, 这块地|地处.

    >>> from cleaner.lexicon import lexicon
    >>> from cleaner.pipeline import Context
    >>> words, determiners = lexicon(Context.default()), ("每个", "该")
    >>> noun_after_determiner(words, "每个镇镇区", 2, 3, determiners)
    True
    >>> noun_after_determiner(words, "应该县县长", 2, 3, determiners)
    False
    >>> noun_after_determiner(words, "这块地地处山区", 2, 3, ("这块",))  # 地 tagged a particle, a noun here
    True
    """
    for determiner in determiners:
        if start >= len(determiner) and text.startswith(determiner, start - len(determiner)):
            if len(determiner) > 1:
                # a demonstrative with its measure word takes a noun whatever jieba tags the character (地 uv)
                return True
            # a one-character determiner may be the end of a word instead (应该, 基本)
            word = text[max(0, start - 2) : start]
            noun = word_tag(text[start]).startswith("n")
            return noun and (len(word) < 2 or lexicon.frequency(word) < min_frequency)
    return False


def head_after_noun(
    lexicon: Any, text: str, start: int, min_frequency: int, heads: Sequence[str], titles: Sequence[str]
) -> bool:
    """Whether the character at `start` is one of `heads` (店, 厂, 站: a one-character noun closing a compound made
    on the fly) right after a noun of the word list, and the second copy opens its keeper's title with one of
    `titles` (主, 长): the end of a word the list lacks, then the title, 早餐|店|店主, 建材|厂|厂长.

    >>> from cleaner.lexicon import lexicon
    >>> from cleaner.pipeline import Context
    >>> words, heads, titles = lexicon(Context.default()), ("店", "部"), ("主", "长")
    >>> head_after_noun(words, "社区早餐店店主", 4, 3, heads, titles)
    True
    >>> head_after_noun(words, "会议部部署", 2, 3, heads, titles)  # a word after the copy, no title: a typo's
    False
    >>> head_after_noun(words, "他店店主", 1, 3, heads, titles)  # after no noun: a typo's copy
    False
    """
    if text[start] not in heads or text[start + 2 : start + 3] not in titles:
        return False
    before = [text[a:start] for a in range(max(0, start - 4), start - 1)]
    return any(lexicon.frequency(word) >= min_frequency and word_tag(word).startswith("n") for word in before)


# what opens a clause: a one-character noun after it starts the clause's subject
CLAUSE_OPENERS = "\n，。；：！？（“,;:!?("
# digits a numbered thing's number is written in (3号楼, 十二号线)
NUMBER_DIGITS = "0123456789０１２３４５６７８９〇零一二三四五六七八九十百"


def noun_of_its_own(text: str, start: int, clause_units: Sequence[str]) -> bool:
    """Whether the character at `start` is a one-character noun of its own: a numbered thing (3号楼|楼顶,
    5号线|线路) or an administrative unit opening its clause, the body it heads named next (市|市场监管局).

    >>> noun_of_its_own("记着：3号楼楼顶漏水", 5, ("市",)), noun_of_its_own("发展，市市场监管局", 3, ("市",))
    (True, True)
    >>> noun_of_its_own("大城市市场", 2, ("市",)), noun_of_its_own("号楼楼顶", 1, ("市",))
    (False, False)
    """
    if start >= 2 and text[start - 1] == "号" and text[start - 2] in NUMBER_DIGITS:
        return True
    return text[start] in clause_units and (start == 0 or text[start - 1] in CLAUSE_OPENERS)


def organ_after_unit(text: str, start: int, units: Sequence[str], organs: Sequence[str]) -> str | None:
    """The name of a unit's head or organ the second copy opens when the character at `start` closes a place's
    name with that unit (达拉特旗|旗长, 锡林郭勒盟|盟委), or None. A banner or league is named by a transliteration no
    word list holds, so the usual word evidence sees neither the name end nor the title begin.

    >>> units, organs = ("旗",), ("长", "委")
    >>> organ_after_unit("达拉特旗旗长", 3, units, organs), organ_after_unit("国旗旗杆", 1, units, organs)
    ('旗长', None)
    """
    if text[start] not in units:
        return None
    return next((text[start + 1 : start + 2 + len(o)] for o in organs if text.startswith(o, start + 2)), None)


def verb_before_aspect(text: str, position: int, particles: Sequence[str], verbs: Sequence[str] = ()) -> bool:
    """Whether the character at `position` is a one-character verb (jieba's tag v, or one of `verbs`, which
    jieba tags otherwise) followed by one of the aspect `particles` (了, 着, 过), so a word of its own: 工作|作了.

    >>> verb_before_aspect("工作作了部署", 2, ("了",)), verb_before_aspect("工作作风", 2, ("了",))
    (True, False)
    >>> verb_before_aspect("在大学学了五年", 3, ("了",)), verb_before_aspect("在大学学了五年", 3, ("了",), ("学",))
    (False, True)
    """
    following = text[position + 1 : position + 2]
    verb = text[position] in verbs or word_tag(text[position]).startswith("v")
    return bool(following) and following in particles and verb


def preposition_after_time(text: str, position: int, adverbs: Sequence[str] = ()) -> bool:
    """Whether the character at `position` is a one-character preposition (jieba's tag p) closing a time word
    (tag t) that ends there: 现在|在一家公司, where the time word is followed by the prepositional phrase that
    opens the predicate, so a second 在 is a word of its own. Not one of `adverbs`, which jieba tags time
    words too but which hold the preposition a verb phrase needs already (正在|在建设 is a doubling).

    >>> preposition_after_time("他现在在一家公司上班", 2), preposition_after_time("正在在建设", 1, ("正在",))
    (True, False)
    """
    if not word_tag(text[position]).startswith("p"):
        return False
    words = [text[start : position + 1] for start in range(max(0, position - 3), position)]
    return any(word_tag(word) == "t" and word not in adverbs for word in words)


def copula_after_conjunction(text: str, position: int, left: str | None, conjunctions: Sequence[str]) -> bool:
    """Whether the character at `position` closes `left`, one of `conjunctions` that end in the copula (D102's
    `copula_conjunctions`: 但是, 要是), so a second 是 is the verb of the clause the conjunction opens, its subject left
    out: 但是|是我自己做的, 要是|是我.

    >>> copula_after_conjunction("但是是我自己做的", 1, "但是", ("但是",))
    True
    >>> copula_after_conjunction("本身不是是目的", 3, "不是", ("但是",))  # 不是 holds the copula already: a typo's
    False
    """
    return left is not None and left in conjunctions and left.endswith(text[position])


def floor_pair_after_word(lexicon: Any, text: str, start: int, left: str | None, option: Callable[..., Any]) -> bool:
    """Whether the doubled character at `start` forms a pair the word list holds at its floor frequency only
    (`floor_pair_frequency` of D102: jieba pads its list with such pairs, 吊吊, 会会, 描描) right after `left`, a noun
    or verb of two or more characters its first copy closes: 塔吊|吊吊林立, 扫描|描描, where that word is the likelier
    reading.

    >>> from cleaner.lexicon import lexicon
    >>> from cleaner.pipeline import Context
    >>> words, option = lexicon(Context.default()), lambda name, default: default
    >>> floor_pair_after_word(words, "工地上塔吊吊林立", 4, "塔吊", option)
    True
    >>> floor_pair_after_word(words, "工作扫描描", 3, "扫描", option)
    True
    >>> floor_pair_after_word(words, "倒茶水杯杯满", 3, "水杯", option)  # 杯杯 is listed more often
    False
    """
    pair = text[start : start + 2]
    return (
        left is not None
        and len(left) > 1
        and word_tag(left)[:1] in ("n", "v")
        and lexicon.frequency(pair) <= option("floor_pair_frequency", 3)
    )
