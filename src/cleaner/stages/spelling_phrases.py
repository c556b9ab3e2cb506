"""Phrases a writer means: a verb and its complement (拨入, 抠细, 揭坏了), 一X就 (天一旱就), a count (八对新人).

A one-character verb followed by a directional or resultative complement (动补: 拨入, 蹚出, 抓在, 抠细, 夯实) is
a phrase no dictionary lists in full, and the character model, trained on 1.6M characters of 1998 text, has
seldom met the rarer ones. Read as written, such a pair looks like an OCR error: 国家拨入的各项扶持资金 is
unlikely to the model and 投入 a common word, so 拨 -> 投 gained 4.3 log10 and was applied at 0.93; 一点一点地抠细
became 地区细. A correction of either character of such a pair asks for more evidence (S102's
`verb_complement_shift`). The pair counts only where no dictionary word overlaps it from outside: in 工作入员 the
作 of 工作 is no verb of its own. Likewise 一X就 ("as soon as X": 一看就, 天一旱就) takes any one-character word as X,
and the rarer ones read to the model as a misread word with 一 (一旱 -> 一早, page 108): S102's `as_soon_as_shift`.

>>> verb_complement("国家拨入的资金", 2, frozenset("拨投"), frozenset("入"), {"国家", "资金"})
True
>>> verb_complement("工作入员", 2, frozenset("作入"), frozenset("入"), {"工作"})
False
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping

from ..patterns import HAN_RUN
from ..word_sets import word_set

VERB_TAGS = word_set("verb_tags")  # the tags of jieba's dictionary that make a one-character word a verb


def single_character_verbs(word_tags: Mapping[str, str]) -> frozenset[str]:
    """The one-character words that jieba's dictionary (`lexicon.jieba_word_tags`) tags as verbs (v, vn).

    >>> from cleaner.lexicon import jieba_word_tags
    >>> verbs = single_character_verbs(jieba_word_tags())
    >>> "拨" in verbs, "投" in verbs, "区" in verbs, "投入" in verbs
    (True, True, False, False)
    """
    return frozenset(word for word, tag in word_tags.items() if len(word) == 1 and tag in VERB_TAGS)


def complement_characters(characters: Iterable[str]) -> frozenset[str]:
    """The complement characters of rule-file strings ("入出进", "在给住"), whitespace ignored.

    >>> sorted(complement_characters(["入 出", "细"]))
    ['入', '出', '细']
    """
    return frozenset(c for text in characters for c in str(text) if not c.isspace())


def verb_complement(
    text: str, position: int, verbs: Container[str], complements: Container[str], lexicon: Container[str]
) -> bool:
    """Whether `text[position]` is the verb or the complement of a verb-complement pair as written.

    The verb is a one-character verb of `verbs`, the complement the next character, one of `complements`; no
    two-character word of `lexicon` may hold the verb with the character before it, or the complement with
    the one after it (then they belong to other words).

    >>> verbs, complements = frozenset("抓抠"), frozenset("在细")
    >>> [verb_complement("抓在了点子上", p, verbs, complements, set()) for p in range(3)]
    [True, True, False]
    >>> verb_complement("一点一点地抠细，", 6, verbs, complements, {"地区"})
    True
    """

    def pair_at(first: int) -> bool:
        if first < 0 or first + 1 >= len(text) or text[first] not in verbs or text[first + 1] not in complements:
            return False
        before = text[first - 1 : first + 1] if first >= 1 else ""
        after = text[first + 1 : first + 3] if first + 3 <= len(text) else ""
        return before not in lexicon and after not in lexicon

    return pair_at(position) or pair_at(position - 1)


def as_soon_as(text: str, position: int, markers: Container[str], lexicon: Container[str]) -> bool:
    """Whether `text[position]` is the X of 一X就 as written (一…就, "as soon as X": 天一旱就, 一看就, 一热便).

    X is a one-character word of `lexicon` between 一 and one of `markers` (就, 便, 即), and 一X is no word of
    `lexicon`: 一早就 and 一直就 are words of their own, not the construction.

    >>> words, markers = {"旱", "早", "一早", "看"}, frozenset("就便")
    >>> [as_soon_as(text, 2, markers, words) for text in ("天一旱就得", "天一早就得", "他一看便知", "天一旱了")]
    [True, False, True, False]
    """
    return (
        0 < position < len(text) - 1
        and text[position - 1] == "一"
        and text[position + 1] in markers
        and text[position] in lexicon
        and text[position - 1 : position + 1] not in lexicon
    )


def result_before_particle(
    text: str, position: int, results: Container[str], particles: Container[str], lexicon: Container[str]
) -> bool:
    """Whether `text[position]` is the verb or the result of a one-character verb, a result complement of `results`
    and a particle of `particles` after it, as written: 揭坏了, 撕破了, 摔断得 (tore it, broke it).

    The particle shows the pair ends there, a verb phrase: the verb is any character that closes no word of
    `lexicon` with the one before it (jieba tags 揭 a morpheme, not a verb, so `verb_complement` misses 揭坏了, which
    the model read as 揭示了).

    >>> words, results, particles = {"揭示", "地区"}, frozenset("坏破断"), frozenset("了得")
    >>> [result_before_particle("页，揭坏了就补", p, results, particles, words) for p in range(1, 5)]
    [False, True, True, False]
    >>> result_before_particle("地区坏了", 2, results, particles, words)  # 区 closes 地区: no verb of its own
    False
    """

    def phrase_at(verb: int) -> bool:
        return (
            verb >= 0
            and verb + 2 < len(text)
            and text[verb + 1] in results
            and text[verb + 2] in particles
            and HAN_RUN.fullmatch(text[verb]) is not None
            and text[verb - 1 : verb + 1] not in lexicon
        )

    return phrase_at(position) or phrase_at(position - 1)


def numeral_before_measure(
    text: str, position: int, right: str, numerals: Container[str], measures: Container[str], lexicon: Container[str]
) -> bool:
    """Whether `text[position]` is a numeral of `numerals` counting the measure word of `measures` after it (八对新人,
    三名学生), as written: not where the measure word opens a word of `lexicon` with the character after it (许多八对此
    is a misread 人对此, 对 a preposition), nor where the correction `right` closes a word of three characters or more
    with those before it (领导八对 is a misread 领导人对).

    >>> words, numerals, measures = {"对此", "有人", "领导人"}, frozenset("八三"), frozenset("对名")
    >>> texts = ("有了八对新人", "许多八对此", "白俄领导八对独联体")
    >>> [numeral_before_measure(t, t.index("八"), "人", numerals, measures, words) for t in texts]
    [True, False, False]
    """
    return (
        0 <= position < len(text) - 1
        and text[position] in numerals
        and text[position + 1] in measures
        and text[position + 1 : position + 3] not in lexicon
        and not any(position >= size and text[position - size : position] + right in lexicon for size in (2, 3))
    )
