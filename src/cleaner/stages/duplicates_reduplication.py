r"""Legitimate reduplication (实实在在, 阵阵, 研究研究, 一步一步): patterns read from rules/reduplication.toml.

A pattern protects a doubled stretch `unit + unit` of the text when its conditions hold; the stage
then leaves the stretch alone (or, for a soft pattern, at most suggests a deletion).

>>> patterns = ReduplicationPatterns.from_toml('''
... [[pattern]]
... name = "AABB"
... unit = "^.$"
... context = "{A}{A}({HAN})\\\\1"
... ''')
>>> patterns.protecting("服务实实在在。", 2, "实").name
'AABB'
>>> patterns.protecting("橡胶坝坝紧急", 2, "坝") is None
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import RuleError
from ..lexicon import jieba_word_tags
from ..patterns import HAN_CLASS
from ..rules import RuleSet

REDUPLICATION_FILE = "reduplication.toml"
# How far around the doubled stretch a context pattern may reach.
CONTEXT_REACH = 8
# Stands for one copy of the doubled unit in a context window; normalize removes control characters.
UNIT_MARK = "\x00"
# stands for the doubled unit written again beside the span, where a template names it ({U})
UNIT_AGAIN_MARK = "\x01"
# The longest word looked up after a doubled span, for its part of speech.
MAX_NEXT_WORD = 4
# jieba's tags of a person's name (nr, nrfg, nrt): its list gives them to many ordinary pairs.
PERSON_NAME_TAG = "nr"
# doubled units whose fitting patterns are kept at most (a long run meets new ones on every page)
MAX_UNITS_KEPT = 20_000


class ContextWindow:
    """The text around a doubled `unit` at `start` as the context templates read it, built once for all of them.

    >>> ContextWindow("要认真认真再认真学习", 1, "认真").marked(again=True)
    '要\\x00\\x00再\\x01学习'
    """

    __slots__ = ("_again", "_plain", "start", "text", "unit")

    def __init__(self, text: str, start: int, unit: str) -> None:
        self.text, self.start, self.unit = text, start, unit
        self._plain: str | None = None
        self._again: str | None = None

    def marked(self, again: bool) -> str:
        """The window with each copy of the doubled span a UNIT_MARK; with `again`, the unit written beside the
        span a UNIT_AGAIN_MARK too."""
        if again:
            if self._again is None:
                before, after = self._sides()
                self._again = (
                    before.replace(self.unit, UNIT_AGAIN_MARK)
                    + UNIT_MARK * 2
                    + after.replace(self.unit, UNIT_AGAIN_MARK)
                )
            return self._again
        if self._plain is None:
            before, after = self._sides()
            self._plain = before + UNIT_MARK * 2 + after
        return self._plain

    def _sides(self) -> tuple[str, str]:
        end = self.start + 2 * len(self.unit)
        return self.text[max(0, self.start - CONTEXT_REACH) : self.start], self.text[end : end + CONTEXT_REACH]


def next_word_tag(text: str, end: int, word_tags: Mapping[str, str]) -> str:
    """The part of speech of the longest word of `word_tags` that starts at `end`, or "" if none does;
    a word tagged a person's name gives way to a shorter word, as jieba's list tags many ordinary
    pairs so (养大, a verb and its complement, is 'nr' there).

    >>> next_word_tag("一遍一遍洗净，", 4, {"洗": "v", "洗净": "v"}), next_word_tag("一些资金", 2, {"资": "n"})
    ('v', 'n')
    >>> next_word_tag("一颗一颗养大", 4, {"养": "v", "养大": "nr"}), next_word_tag("一些", 2, {"资": "n"})
    ('v', '')
    """
    name_tag = ""
    for size in range(min(MAX_NEXT_WORD, len(text) - end), 0, -1):
        tag = word_tags.get(text[end : end + size])
        if tag is None:
            continue
        if not str(tag).startswith(PERSON_NAME_TAG):
            return str(tag)
        name_tag = name_tag or str(tag)
    return name_tag


@dataclass(frozen=True, slots=True)
class ReduplicationPattern:
    """One form of legitimate reduplication, with the examples that test it."""

    name: str
    description: str = ""
    unit: re.Pattern[str] | None = None
    context: str | None = None  # a template: {A} is one copy of the doubled unit, {HAN} one Han character,
    # {U} the unit written again beside the doubled span (认真认真再|认真)
    not_context: str | None = None  # a template that, matching around the doubled span, cancels the pattern
    units: frozenset[str] = frozenset()
    not_units: frozenset[str] = frozenset()
    at_most: str | None = None  # "suggest": the pattern only softens the verdict
    yields_above: float | None = None  # a language-model gain from which the pattern no longer protects
    # a copy forming a word known this many times with its outer neighbour (部队|队, 首|首先) lowers `yields_above`
    # to `word_bound_yields_above` (the judge asks the word list: duplicates_typo_shapes.copy_in_common_word)
    word_bound_frequency: int | None = None
    word_bound_yields_above: float | None = None
    next_tags: frozenset[str] = frozenset()  # jieba's parts of speech, one of which the word after it must have
    # jieba's parts of speech the unit's word after 一 and its measure must not have: a verb there (一片|接送) makes
    # the unit a phrase printed twice, not things counted one by one (一家|企业)
    counted_not_tags: frozenset[str] = frozenset()
    second_begins: tuple[str, ...] = ()  # words, one of which the second copy must begin (把|把脉)
    # the unit is a measure word after 一 (`counts_after_one`): 一个个, not 一是是, 一律律, 一体体化
    measure_after_one: bool = False
    free: bool = False  # the copies make no word of jieba's with what stands around them (认真|真真地, 湿湿|地)
    free_start: bool = False  # the first copy's first character makes no word with the characters before it
    # the page may print the same words with one copy elsewhere (扫房子 beside 扫扫房子、贴贴春联: the plain form
    # of a verb doubled to soften it) without showing the pair a typo
    beside_single: bool = False
    # the pair opens a quoted name: what follows it up to the closing quote is nothing or a word, and the name once
    # undoubled opens on no word (末末|奶茶, 豆豆; not 抢抢银行, 弱弱肉强食, 神神眼)
    quoted_name: bool = False
    protects: tuple[str, ...] = ()
    not_protects: tuple[str, ...] = ()
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def _regex(self, template: str) -> re.Pattern[str]:
        # Compiled once per template, not per unit: a Han character class costs 1-2 ms to compile,
        # and an archive brings new doubled units on every page (a template naming the unit reads it
        # as a mark, UNIT_AGAIN_MARK, put in the window wherever the unit stands)
        regex = self._compiled.get(template)
        if regex is None:
            source = template.replace("{HAN}", f"[{HAN_CLASS}]").replace("{A}", UNIT_MARK)
            regex = self._compiled[template] = re.compile(source.replace("{U}", UNIT_AGAIN_MARK))
        return regex

    def _holds_around(self, template: str, window: ContextWindow) -> bool:
        """Whether `template` matches around the doubled span, each `{A}` standing for one copy of it and
        `{U}` for the unit written again beside it."""
        return self._regex(template).search(window.marked("{U}" in template)) is not None

    def fits_unit(self, unit: str) -> bool:
        """Whether this form may double `unit` at all, whatever stands around it (its unit tests alone).

        >>> ReduplicationPattern("x", units=frozenset("人")).fits_unit("人"), ReduplicationPattern("x").fits_unit("的")
        (True, True)
        """
        if (self.units and unit not in self.units) or unit in self.not_units:
            return False
        return self.unit is None or self.unit.search(unit) is not None

    def protects_at(self, text: str, start: int, unit: str, word_tags: Mapping[str, str] | None = None) -> bool:
        """Whether the doubled `unit` at `text[start:]` is this form of reduplication; `word_tags` (jieba's
        by default) gives the part of speech of the word after it."""
        return self.fits_unit(unit) and self.protects_around(ContextWindow(text, start, unit), word_tags)

    def protects_around(self, window: ContextWindow, word_tags: Mapping[str, str] | None = None) -> bool:
        """`protects_at` for a unit that `fits_unit`: the tests of what stands around the doubled span."""
        text, start, unit = window.text, window.start, window.unit
        if self.not_context is not None and self._holds_around(self.not_context, window):
            return False
        if self.context is not None and not self._holds_around(self.context, window):
            return False
        if self.second_begins and not text.startswith(self.second_begins, start + len(unit)):
            return False
        if self.free and _in_word(text, start, unit, jieba_word_tags() if word_tags is None else word_tags):
            return False
        if self.free_start and _ends_word(text, start, unit, jieba_word_tags() if word_tags is None else word_tags):
            return False
        if self.quoted_name and not _opens_quoted_name(
            text, start, unit, jieba_word_tags() if word_tags is None else word_tags
        ):
            return False
        if self.measure_after_one and not counts_after_one(unit, jieba_word_tags() if word_tags is None else word_tags):
            return False
        if self.counted_not_tags and counted_word_tag(unit, word_tags) in self.counted_not_tags:
            return False
        if self.next_tags:
            tag = next_word_tag(text, start + 2 * len(unit), jieba_word_tags() if word_tags is None else word_tags)
            return tag in self.next_tags
        return True


def counted_word_tag(unit: str, word_tags: Mapping[str, str] | None = None) -> str:
    """jieba's part of speech of what a 一 + measure unit counts: the characters after its first two.

    >>> counted_word_tag("一家企业"), counted_word_tag("一片接送")
    ('n', 'v')
    """
    return str((jieba_word_tags() if word_tags is None else word_tags).get(unit[2:], "x"))


def counts_after_one(unit: str, words: Mapping[str, str]) -> bool:
    """Whether `unit` is a measure word after 一, as jieba's list says: it tags the unit a measure word (q), or 一
    and the unit a numeral phrase (m), or lists 一 with the unit doubled (一幅幅, which it tags an adverb). 一是,
    一律, 一体, 一致 are words of their own, and a copy after them is a typo's (一是是加强, 一体体化: 9 of the
    training side's missed doublings), not things counted one by one.

    >>> words = {"个": "q", "一律": "d", "幅": "n", "一幅": "d", "一幅幅": "d", "一月": "m"}
    >>> [counts_after_one(unit, words) for unit in ("个", "律", "幅", "月", "是")]
    [True, False, True, True, False]
    """
    return (
        str(words.get(unit, "")).startswith("q")
        or str(words.get("一" + unit, "")).startswith("m")
        or "一" + unit * 2 in words
    )


def _in_word(text: str, start: int, unit: str, words: Mapping[str, str]) -> bool:
    """Whether the first copy of the doubled `unit` at `start` ends a word (of up to MAX_NEXT_WORD characters)
    with the text before it, or the second begins one with the character after it: a typo doubles a character
    of a word (认真真地, 保护湿湿地), a reduplicated form stands on its own (高处|斜斜|地).

    >>> words = {"认真": "a", "湿地": "n"}
    >>> [_in_word(text, 2, text[2], words) for text in ("要认真真地", "保护湿湿地", "高处斜斜地")]
    [True, True, False]
    """
    end = start + 2 * len(unit)
    before = (text[max(0, start - size) : start] + unit for size in range(1, MAX_NEXT_WORD))
    return any(word in words for word in before) or unit + text[end : end + 1] in words


def _opens_quoted_name(text: str, start: int, unit: str, words: Mapping[str, str]) -> bool:
    """Whether the doubled `unit` at `start` opens a name in quotes as a name doubles a character: what follows the
    pair up to the closing quote is nothing or a word of two characters or more (a name's noun: 奶茶, 书屋), and the
    quotation read with one copy opens on no word (then it is a quoted term typed with its first character twice).

    >>> words = {"奶茶": "n", "银行": "n", "抢银行": "v", "弱肉强食": "i", "眼": "n"}
    >>> [_opens_quoted_name(text, 1, text[1], words) for text in ("“末末奶茶”", "“豆豆”", "“抢抢银行”", "“神神眼”")]
    [True, True, False, False]
    """
    end = start + 2 * len(unit)
    close = text.find("”", end)
    rest = text[end:close] if close >= 0 else ""
    if close < 0 or (rest and (len(rest) < 2 or rest not in words)):
        return False
    once = unit + rest
    return not any(once[:size] in words for size in range(2, len(once) + 1))


def _ends_word(text: str, start: int, unit: str, words: Mapping[str, str]) -> bool:
    """Whether the first character of the doubled `unit` at `start` ends a word with the text before it.

    It is then that word's last character, not the unit's own first (做好|今好今冬: 好 is 做好's complement).

    >>> words = {"做好": "v"}
    >>> [_ends_word(text, 1, "好今", words) for text in ("做好今好今冬", "不好今好今冬")]
    [True, False]
    """
    return any(text[max(0, start - size) : start] + unit[0] in words for size in range(1, MAX_NEXT_WORD))


def _listed(value: str | list[str], sets: Mapping[str, list[str]]) -> list[str]:
    """A list given in place, or by the name of a list of the [sets] table.

    >>> _listed("one_x", {"one_x": ["一些"]}), _listed(["一些"], {})
    (['一些'], ['一些'])
    """
    return sets[value] if isinstance(value, str) else value


class ReduplicationPatterns:
    """The patterns in force, checked cheapest first."""

    def __init__(self, patterns: list[ReduplicationPattern]) -> None:
        self.patterns = patterns
        self._by_unit: dict[str, list[tuple[int, ReduplicationPattern]]] = {}

    @classmethod
    def from_toml(cls, *sources: str) -> ReduplicationPatterns:
        patterns: dict[str, ReduplicationPattern] = {}
        sets: dict[str, list[str]] = {}
        for source in sources:
            document = tomllib.loads(source)
            sets.update(document.get("sets", {}))
            for table in document.get("pattern", []):
                unit = table.get("unit")
                unit_regex = unit.replace("{HAN}", f"[{HAN_CLASS}]") if unit else None
                patterns[table["name"]] = ReduplicationPattern(
                    name=table["name"],
                    description=table.get("description", ""),
                    unit=re.compile(unit_regex) if unit_regex else None,
                    context=table.get("context"),
                    not_context=table.get("not_context"),
                    units=frozenset(table.get("units", ())),
                    not_units=frozenset(_listed(table.get("not_units", ()), sets)),
                    at_most=table.get("at_most"),
                    yields_above=table.get("yields_above"),
                    word_bound_frequency=table.get("word_bound_frequency"),
                    word_bound_yields_above=table.get("word_bound_yields_above"),
                    next_tags=frozenset(table.get("next_tags", ())),
                    counted_not_tags=frozenset(table.get("counted_not_tags", ())),
                    second_begins=tuple(_listed(table.get("second_begins", ()), sets)),
                    measure_after_one=table.get("measure_after_one", False),
                    free=table.get("free", False),
                    free_start=table.get("free_start", False),
                    beside_single=table.get("beside_single", False),
                    quoted_name=table.get("quoted_name", False),
                    protects=tuple(table.get("protects", ())),
                    not_protects=tuple(table.get("not_protects", ())),
                )
        # Patterns without a context are a set lookup or a tiny regex: try those first, and those that
        # look up the next word's part of speech last.
        return cls(sorted(patterns.values(), key=lambda p: (p.context is not None) + bool(p.next_tags)))

    @classmethod
    def from_rules(cls, rules: RuleSet) -> ReduplicationPatterns:
        """The built-in file, then a user's file of the same name (a pattern of the same name wins)."""
        try:
            return cls.from_toml(*(path.read_text(encoding="utf-8") for path in rules.data_paths(REDUPLICATION_FILE)))
        except (tomllib.TOMLDecodeError, KeyError, re.error) as error:
            raise RuleError(f"{REDUPLICATION_FILE}: a pattern is not valid ({error!r})") from None

    def compile_all(self) -> None:
        """Compile every context template now, naming the pattern whose template is broken."""
        for pattern in self.patterns:
            for template in (pattern.context, pattern.not_context):
                if template is not None:
                    try:
                        pattern._regex(template)
                    except re.error as error:
                        raise RuleError(
                            f"{REDUPLICATION_FILE}: pattern {pattern.name}: {template!r} ({error})"
                        ) from None

    def protecting(
        self, text: str, start: int, unit: str, word_tags: Mapping[str, str] | None = None
    ) -> ReduplicationPattern | None:
        """The strongest pattern protecting the doubled `unit` at `start`: unconditional first, then one
        that yields to a strong language-model verdict, then a soft one."""
        best, best_rank = None, 3
        window = ContextWindow(text, start, unit)
        for rank, pattern in self._fitting(unit):
            if rank < best_rank and pattern.protects_around(window, word_tags):
                best, best_rank = pattern, rank
                if rank == 0:
                    break
        return best

    def _fitting(self, unit: str) -> list[tuple[int, ReduplicationPattern]]:
        """The patterns that may double `unit` (`fits_unit`), in order, each with its rank; kept per unit, as a
        page's doubled units recur (the stage judges a page again after its deletions) and most patterns name
        units of their own."""
        fitting = self._by_unit.get(unit)
        if fitting is None:
            if len(self._by_unit) >= MAX_UNITS_KEPT:
                self._by_unit.clear()
            fitting = self._by_unit[unit] = [
                (2 if p.at_most else 1 if p.yields_above is not None else 0, p)
                for p in self.patterns
                if p.fits_unit(unit)
            ]
        return fitting


def doubled_elsewhere(text: str, start: int, unit: str, copies: int = 2, times: int = 2) -> bool:
    """Whether the page prints the same doubled form `times` times elsewhere, among other neighbours: a name (贝贝,
    冯秀秀) or a sound the writer gives again and again, where an OCR doubling seldom strikes one word thrice.

    A stretch read twice prints the same neighbours about both pairs, so those are not counted; and a character
    doubled twice by chance is common enough (的的) that twice is no sign.

    >>> doubled_elsewhere("最终，贝贝跳了162下。台下，贝贝和莎莎举着奖牌。8岁的贝贝和7岁的莎莎", 3, "贝")
    True
    >>> doubled_elsewhere("最终，贝贝跳了162下。台下，贝贝和莎莎举着奖牌", 3, "贝")
    False
    >>> doubled_elsewhere("推进乡村振兴兴旺，推进乡村振兴兴旺。乡村振兴兴旺", 5, "兴")
    False
    """
    pair, end = unit + unit, start + copies * len(unit)
    here = (text[start - 1 : start], text[end : end + 1])
    found, position = 0, text.find(pair)
    while position != -1:
        other_end = position + len(pair)
        while text.startswith(unit, other_end):
            other_end += len(unit)
        if not start <= position < end and (text[position - 1 : position], text[other_end : other_end + 1]) != here:
            found += 1
        position = text.find(pair, other_end)
    return found >= times
