"""What stands against deleting a copy of a doubled stretch: a legitimate reading that only a strong verdict of the
language model overrides, and doubts that leave the deletion a suggestion (the mixin `PairReadings` of the judge).

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.duplicates import DoubledTextJudge
>>> judge = DoubledTextJudge.for_context(Context.default())
>>> readings = judge.readings("在职职工代表", 1, "职", 2, None, None)
>>> readings.yields_above, readings.overridden
(6.0, '“在职”“职工”两词相接')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from ..lexicon import word_tag
from ..patterns import CLOSERS, HAN, PROSE_PUNCT, SENTENCE_END
from ..word_sets import word_set
from .duplicates_elsewhere import page_prints_term
from .duplicates_lines import column_header, line_of
from .duplicates_one_character import floor_pair_after_word, organ_after_unit
from .duplicates_reduplication import ReduplicationPattern, doubled_elsewhere
from .duplicates_typo_shapes import measure_after_number, right_word_overtaken
from .duplicates_words import WordNeighbours, unit_before_its_head, word_before_longer, words_meet_inside

# Parts of speech (jieba's tag, first letter) of one-character words that double as 'every', as a pet name or for
# emphasis; the characters that may follow such a pair; modal particles, which end a phrase said twice on purpose
# (rules/word_sets.toml says which and why)
REDUPLICATING_TAGS = word_set("reduplicating_tags")
FUNCTION_CHARS = word_set("function_chars")
MODAL_PARTICLES = word_set("modal_particles")
CLAUSE_END = frozenset(f"，、；：\n{SENTENCE_END}{CLOSERS}")  # what may follow the last word of a clause


def doubling_rule(unit: str) -> str:
    """The rule a doubled `unit` falls under: D101 for a stretch of two characters or more, D102 for one character.

    >>> doubling_rule("污染"), doubling_rule("的")
    ('D101', 'D102')
    """
    return "D101" if len(unit) > 1 else "D102"


@dataclass(slots=True)
class Readings:
    """What stands against deleting the extra copies of one doubled stretch."""

    yields_above: float | None = None  # a legitimate reading: the language model's gain must reach this
    overridden: str = ""  # that reading, in the words of the finding's message
    doubts: list[str] = field(default_factory=list)  # each leaves the deletion a suggestion
    page_term: str | None = None  # a term the page prints elsewhere with one copy (a lower bar to apply)


class PairReadings(WordNeighbours):
    """The readings of a doubled stretch, asked of the word list, the reduplication patterns and the page."""

    column_unit: re.Pattern[str] | None  # D101's `column_unit`, compiled once with the judge

    def readings(
        self,
        text: str,
        start: int,
        unit: str,
        copies: int,
        protection: ReduplicationPattern | None,
        closing: str | None,
    ) -> Readings:
        """What stands against deleting the extra copies of `unit` at `start`: the reduplication pattern
        `protection` that yields to the model or softens the verdict, the words around a doubled character or a
        longer unit, and a table's columns; `closing` is the word the first copy closes (`closing_word`)."""
        rule = doubling_rule(unit)
        end = start + copies * len(unit)
        readings = Readings()
        if protection is not None and protection.yields_above is not None:
            readings.yields_above, readings.overridden = protection.yields_above, f"叠用格式 {protection.name}"
        elif protection is not None:
            readings.doubts.append(f"符合叠用格式 {protection.name}")
        if len(unit) == 1:
            self.character_readings(text, start, unit, closing, readings)
        else:
            self.longer_unit_readings(text, start, unit, readings)
        if doubled_elsewhere(text, start, unit, copies):
            readings.doubts.append("本页他处也写作叠字，可能是名字或拟声词")
        if len(unit) >= 4 and text[end : end + 1] in ("\n", "") and not PROSE_PUNCT.search(line_of(text, start)):
            readings.doubts.append("行末重复，可能是表格的栏目")
        elif rule == "D101" and self.in_column_header(text, start, end):
            readings.doubts.append("表头各栏名称相接，可能是两栏同名")
        return readings

    def character_readings(self, text: str, start: int, unit: str, closing: str | None, readings: Readings) -> None:
        """Add to `readings` what the words around a doubled character say: a term the page prints with one copy,
        a doubled form the word list knows, two words meeting at the pair, a character standing alone."""
        option = partial(self.rules.option, "D102")
        left, right = self.attachments(text, start, option("boundary_min_frequency", 3))
        # 蔬菜|菜价|格 reads 蔬菜|菜|价格: the copy is a word of no one, so no listed pair (菜菜) explains it
        overtaken = bool(left and right) and right_word_overtaken(
            self.lexicon, text, start, str(right), option("overtaken_ratio", float("inf"))
        )
        right = None if overtaken else right
        # a term the page prints elsewhere with one copy (充电桩等 beside 充电桩桩620个, 供热管网全部 beside
        # 供热管网网进行) closes at the first copy: a new word the word list and the model lack, or a noun the
        # first copy ends (管网), so the pair is no reduplicated form standing alone. Not where the second copy
        # begins a word (上网|网购), nor after a word where it may be one of its own (奥运会|会是, a modal verb)
        readings.page_term = (
            None
            if right or (left and not word_tag(unit).startswith("n"))
            else page_prints_term(
                self.lexicon, text, start, option("page_term_reach", 2), option("boundary_min_frequency", 3)
            )
        )
        # a doubled form the word list knows (抱抱, and 苍苍 even where 苍|苍白 meet) is suggested at most,
        # unless the list holds it at its floor only and a noun or verb the first copy closes stands before it
        # (塔吊|吊吊林立, 扫描|描描)
        known_pair = not overtaken and self.lexicon.frequency(unit + unit) >= option("known_pair_frequency", 1)
        if known_pair and right is None and floor_pair_after_word(self.lexicon, text, start, left, option):
            readings.yields_above, readings.overridden = (
                option("floor_pair_yields_above", 4.0),
                f"“{unit}{unit}”以最低频见于词表、前有“{left}”",
            )
        elif known_pair and not readings.page_term and not closing and not self.particle_ends_clause(text, start):
            readings.doubts.append(f"“{unit}{unit}”见于词表")
        if left and right:
            common = min(self.lexicon.frequency(left), self.lexicon.frequency(right))
            strong = common >= option("common_boundary_frequency", 1000)
            readings.yields_above = option("common_boundary_yields_above" if strong else "boundary_yields_above", 3.5)
            readings.overridden = f"“{left}”“{right}”两词相接"
            enumerated = start > 0 and text[start - 1] == "、"  # 存、贷贷款: the item 贷 is no word of its own
            if not enumerated and not self.joins_into_word(text, start, option("boundary_min_frequency", 3)):
                # 在职|职工 -> 在职工 makes no word across; 大使|使馆 -> 大使馆 does: the model must be surer
                readings.yields_above = max(readings.yields_above, option("unjoined_boundary_yields_above", 4.0))
                if common >= option("unjoined_common_boundary_frequency", 100):
                    # both words fairly common (主轴|轴承) are each likelier meant than a typo's chance neighbour
                    # (国体|体育, 少年犯|犯罪), and the model may know the shorter compound better (主轴承)
                    readings.yields_above = max(readings.yields_above, option("common_boundary_yields_above", 6.0))
        elif not known_pair and not readings.page_term and self.stands_alone(text, start):
            readings.doubts.append(f"“{unit}{unit}”可能是叠字")
        organ = organ_after_unit(text, start, option("named_units", ()), option("unit_organs", ()))
        if organ is not None:  # a banner's unit, then its head: the 1998 model knows neither name (阿拉善盟|盟长)
            readings.yields_above = max(readings.yields_above or 0.0, option("title_yields_above", 6.0))
            readings.overridden = f"“{unit}”后接“{organ}”"

    def longer_unit_readings(self, text: str, start: int, unit: str, readings: Readings) -> None:
        """Add to `readings` what the words around a doubled stretch of two characters or more say: words meeting at
        its copies, a word it opens, its own longer form after it, or a modal particle saying it twice on purpose."""
        option = partial(self.rules.option, "D101")
        if self.longer_words_meet(text, start, len(unit), option("boundary_min_frequency", 3)):
            readings.yields_above, readings.overridden = option("boundary_yields_above", 5.0), "前后两词相接"
        elif words_meet_inside(self.lexicon, text, start, len(unit), option("boundary_min_frequency", 3)):
            readings.yields_above, readings.overridden = option("boundary_yields_above", 5.0), "两词在第一处中间相接"
        elif word_before_longer(
            self.lexicon,
            text,
            start,
            len(unit),
            option("boundary_min_frequency", 3),
            option("head_tags", ()),
            option("head_longer_min_frequency", None),
            option("event_suffixes", ()),
        ):
            readings.yields_above = option("boundary_yields_above", 5.0)
            readings.overridden = f"“{unit}”后接以它开头的词"
        elif unit_before_its_head(
            self.lexicon, text, start, len(unit), option("boundary_min_frequency", 3), option("title_suffixes", ())
        ):
            readings.yields_above, readings.overridden = option("title_yields_above", 6.0), f"“{unit}”后接“{unit}”之长"
        elif unit[-1] in MODAL_PARTICLES:
            readings.doubts.append("带语气词的重复可能是有意的")

    def in_column_header(self, text: str, start: int, end: int) -> bool:
        """Whether the doubling `text[start:end]` is a column's label before its unit in a table's header (D101's
        `column_unit`, `column_units`): 占从业人员|人员（万人）, not a doubling in the table's title on that line."""
        if self.column_unit is None or self.column_unit.match(text, end) is None:
            return False
        return column_header(line_of(text, start), self.column_unit, self.rules.option("D101", "column_units", 2))

    def particle_ends_clause(self, text: str, start: int) -> bool:
        """Whether the doubled character is an aspect particle closing its clause (等着着。, 走了了，): the rare
        words the word list knows for such a pair (着着领先, 了了可见, 过过瘾) all need a word after them.

        >>> from cleaner.pipeline import Context
        >>> from cleaner.stages.duplicates import DoubledTextJudge
        >>> judge = DoubledTextJudge.for_context(Context.default())
        >>> judge.particle_ends_clause("在门口等着着。", 4), judge.particle_ends_clause("着着领先", 0)
        (True, False)
        """
        following = text[start + 2 : start + 3]
        return text[start] in self.rules.option("D102", "aspect_particles", ()) and (
            not following or following in CLAUSE_END
        )

    def closing_word(self, text: str, start: int) -> str | None:
        """The common noun or verb of two or more characters that the first copy of a doubled character closes,
        where the pair ends its clause (停车场场，, 民生实事事。, 探头头和门禁): the word list's pair (事事, 头头) and
        the 'every' form (场场爆满) both need a predicate or a noun after them, and the word already holds the
        first copy, so only a typo is left. The word must be commoner than the pair, which may be a noun of its own
        after the words before it (大|姐姐: 姐姐 is commoner than 大姐). None elsewhere, or where the character after
        the pair is an item's end (全省省、地两级: a one-character item of its own).

        >>> from cleaner.pipeline import Context
        >>> from cleaner.stages.duplicates import DoubledTextJudge
        >>> judge = DoubledTextJudge.for_context(Context.default())
        >>> judge.closing_word("今年要办好民生实事事，让群众满意", 8), judge.closing_word("监控探头头和门禁系统", 3)
        ('实事', '探头')
        >>> judge.closing_word("剧场场场爆满", 1), judge.closing_word("邻家的大姐姐，", 4)
        (None, None)
        >>> judge.closing_word("全省省、地", 1) is None
        True
        """
        option = partial(self.rules.option, "D102")
        following = text[start + 2 : start + 3]
        if following not in option("closing_word_followers", ()):
            return None
        words = [text[first : start + 1] for first in range(max(0, start - 3), start)]
        minimum = max(option("closing_word_frequency", 100), self.lexicon.frequency(text[start : start + 2]) + 1)
        closed = [word for word in words if self.lexicon.frequency(word) >= minimum and self.names_no_one(word)]
        return max(closed, key=self.lexicon.frequency, default=None)

    @staticmethod
    def names_no_one(word: str) -> bool:
        """Whether jieba tags `word` a noun or a verb but not a person's name (小宝|宝宝 is a child's pet name).

        >>> PairReadings.names_no_one("实事"), PairReadings.names_no_one("小宝")
        (True, False)
        """
        tag = word_tag(word)
        return tag[:1] in ("n", "v") and not tag.startswith("nr")

    def stands_alone(self, text: str, start: int) -> bool:
        """Whether a doubled character forms no word with either neighbour and may be reduplicated
        itself, as a noun, measure word or name does (棵棵, 童童).

        A typo doubles a character of a word, so one copy still forms that word with its neighbour
        (橡胶坝|坝, 观|观众); a verb doubled alone (是是, 让让) is a typo too, and so is a measure word doubled after
        a number (14名名, `measure_after_number`).
        """
        if self.attachments(text, start, 1) != (None, None) or measure_after_number(text, start):
            return False
        # a pet name or an 'every' pair ends its phrase: 郭晶晶|等, 棵棵|茁壮; 祁祁勇 is a doubled name character
        following = text[start + 2 : start + 4]
        next_char = following[:1]
        if next_char and HAN.match(next_char) and next_char not in FUNCTION_CHARS and following not in self.lexicon:
            return False
        tag = word_tag(text[start])
        return tag[:1] in REDUPLICATING_TAGS
