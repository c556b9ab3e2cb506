"""The duplicates stage: doubled words and characters, repeated list items, repeated lines.

Doubled text (环境污染污染防治, 橡胶坝坝) is found by one compiled pattern over the whole text, so the
cost per character is that of the regex engine; only the few candidates it yields are judged, with
the reduplication patterns of rules/reduplication.toml, the word list, the part of speech and the
character language model. Repeated list items and repeated lines live in `duplicates_lists`.

>>> from cleaner.pipeline import Context
>>> [(f.rule, f.start, f.end, f.replacement) for f in find("召开全区环境污染污染防治攻坚战大会", Context.default())]
[('D101', 8, 10, '')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from itertools import chain
from typing import Any

from ..edits import apply_findings, overlaps, settled
from ..lexicon import jieba_word_tags
from ..model import Finding, Status
from ..patterns import CLOSERS, HAN, HAN_CLASS, HAN_RUN, PROSE_PUNCT, SENTENCE_END
from ..pipeline import Context
from ..rules import RuleSet
from .duplicates_figures import doubled_figures
from .duplicates_ledgers import repeated_numbered_items
from .duplicates_lines import column_header, line_of, repeated_lines
from .duplicates_lists import repeated_list_items, repeated_quoted_names
from .duplicates_reduplication import ReduplicationPatterns
from .duplicates_spaced import repeated_spaced_items
from .duplicates_typo_shapes import common_noun_doubled, right_word_overtaken
from .duplicates_words import (
    WordNeighbours,
    floor_pair_after_word,
    page_prints_term,
    printed_single_elsewhere,
    unit_before_its_head,
    word_before_longer,
    words_meet_inside,
)

# A run of 1 to 24 Han characters followed at once by itself; lazy, so 实实在在 yields 实实 then 在在.
# Longer repeats (a line read twice) hold punctuation and are left to the line and sentence rules.
MAX_REPEAT = 24
TANDEM = re.compile(f"([{HAN_CLASS}]{{1,{MAX_REPEAT}}}?)\\1")
# Characters of language-model context on each side of a candidate.
LM_REACH = 6
# Parts of speech (jieba's tag, first letter) of one-character words that double as 'every', as a
# pet name or for emphasis: nouns and names (家家, 童童), measure words (棵棵), status words and
# adjectives (徐媛媛, 艳艳, 红红), abbreviations (蓉蓉), onomatopoeia (乓乓).
REDUPLICATING_TAGS = frozenset("nqzjao")
# Characters that may follow a pet name or an 'every' pair without being part of a longer name.
FUNCTION_CHARS = frozenset("的地得等和与了是在都也就还又说着过被把对向从")
# Modal particles end a phrase said twice on purpose: 有哇有哇, 好啊好啊.
MODAL_PARTICLES = frozenset("啊呀哇吧呢嘛啦哦哈呵嘿哟喽")
CLAUSE_END = frozenset(f"，、；：\n{SENTENCE_END}{CLOSERS}")  # what may follow the last word of a clause


class DoubledTextJudge(WordNeighbours):
    """Judges tandem repeats with the engines of one context; built once per process."""

    def __init__(self, rules: RuleSet, model: Any, lexicon: Any) -> None:
        self.rules = rules
        self.model = model  # cleaner.lm.CharLanguageModel
        self.lexicon = lexicon  # cleaner.lexicon.Lexicon
        self.patterns = ReduplicationPatterns.from_rules(rules)

    @classmethod
    def for_context(cls, context: Context) -> DoubledTextJudge:
        """The judge of a context, built once per rule set; the engines come from the context's cache."""
        from ..lexicon import lexicon
        from ..lm import language_model

        # engines first: `resources.get` holds its lock while building, so builds must not nest
        model, words = language_model(context), lexicon(context)
        return context.resources.get(f"duplicates.judge.{id(context.rules)}", lambda: cls(context.rules, model, words))

    def find(self, text: str, start: int = 0, stop: int | None = None) -> list[Finding]:
        """Judge every repeat that starts in `text[start:stop]`."""
        findings = []
        stop = len(text) if stop is None else stop
        # a repeat starting before `stop` ends within 2 * MAX_REPEAT of it: where none starts, the search
        # must not read on to the end of the text (it is asked beside every deletion of a page)
        end = min(len(text), stop + 2 * MAX_REPEAT)
        while (match := TANDEM.search(text, start, end)) and match.start() < stop:
            unit = match[1]
            copies = 2
            while text.startswith(unit, match.start() + copies * len(unit)):
                copies += 1  # 境境境: all extra copies go at once, so cleaning twice changes nothing more
            finding = self.judge(text, match.start(), unit, copies)
            if finding is None and copies == 2:
                # the shortest repeat is a word (处处), but a longer one starts there too (科技处处长处处长)
                unit, finding = self.longer_repeat(text, match.start(), unit, end)
            if finding is not None:
                findings.append(finding)
                start = match.start() + copies * len(unit)
            else:
                # a pair kept (管理局|局长: two words meeting) may lend its last copy to a doubled word that
                # starts there (管理局局长局长): search on from that copy, not past it
                start = match.start() + (copies - 1) * len(unit)
        return findings

    def find_settled(self, text: str, min_confidence: float, rounds: int = 3, start: int = 0) -> list[Finding]:
        """`find` (from `start`, where no repeat comes before), then again where a deletion brings two
        stretches together into a new repeat (实污污实污 → 实污实污), so that cleaning the output once
        more changes nothing.

        A deletion found in the cleaned text is mapped back over the deletions that made it, and
        replaces them: one finding per place, all in the coordinates of `text`.
        """
        findings = self.find(text, start)
        for _ in range(rounds):
            outcome = apply_findings(text, findings, min_confidence)
            joins = [
                outcome.offset_map.to_target(finding.start)
                for finding, status in outcome.outcomes
                if status is Status.APPLIED and finding.replacement == ""
            ]
            settled = []
            for join in joins:
                for later in self.find(outcome.text, max(0, join - 2 * MAX_REPEAT), join):
                    if later.confidence >= min_confidence and later.start <= join <= later.end:
                        start, end = outcome.offset_map.to_source_span(later.start, later.end)
                        settled.append(replace(later, start=start, end=end))
            if not settled:
                break
            findings = [f for f in findings if not any(s.start <= f.start and f.end <= s.end for s in settled)]
            findings += settled
        return findings

    def longer_repeat(self, text: str, start: int, unit: str, end: int) -> tuple[str, Finding | None]:
        """The first longer unit doubled at `start` (none made of the shorter one again: 谢谢谢谢 is 谢 four times),
        judged, after the shortest was kept as a word; the shortest unit and None where none is deleted.

        >>> judge = DoubledTextJudge.for_context(Context.default())
        >>> text = "社会发展科技处处长处处长张立杰说"
        >>> unit, finding = judge.longer_repeat(text, 6, "处", len(text))
        >>> unit, text[finding.start : finding.end], finding.confidence >= 0.8
        ('处处长', '处处长', True)
        >>> judge.longer_repeat("我们天天天天向上", 2, "天", 8)
        ('天', None)
        """
        for length in range(len(unit) + 1, min(MAX_REPEAT, (end - start) // 2) + 1):
            longer = text[start : start + length]
            if text.startswith(longer, start + length) and longer.replace(unit, "") and HAN_RUN.fullmatch(longer):
                if text.startswith(longer, start + 2 * length):
                    break  # said three times or more: not a word doubled once
                finding = self.judge(text, start, longer)
                return (longer, finding) if finding is not None else (unit, None)
        return unit, None

    def judge(self, text: str, start: int, unit: str, copies: int = 2) -> Finding | None:
        """A deletion of the extra copies of `unit` at `start`, applied or suggested, or None."""
        rule = "D101" if len(unit) > 1 else "D102"
        if not self.rules.enabled(rule):
            return None
        option = partial(self.rules.option, rule)
        # a word the first copy closes, the pair ending its clause (民生实事|事，): no reduplicated form stands there
        closing = self.closing_word(text, start) if rule == "D102" and copies == 2 else None
        # a common word (常常, 研究研究) is never a typo: asked before the patterns, the dearest test of all
        if closing is None and self.is_common_word(unit + unit, rule):
            return None
        protection = None if closing else self.patterns.protecting(text, start, unit)
        single_elsewhere = protection is not None and printed_single_elsewhere(
            text, start, unit, copies, option("page_reach", 2)
        )
        if single_elsewhere:
            protection = None  # the page prints the same words with one copy: no form explains the pair here
        if protection is not None and protection.at_most is None and protection.yields_above is None:
            return None
        pair_end, end = start + 2 * len(unit), start + copies * len(unit)
        if self.word_spanning(text, start, pair_end):
            return None
        # a legitimate reading that only a strong verdict of the language model overrides (`yields_above`),
        # or doubts that leave the deletion a suggestion
        yields_above, overridden, doubts = None, "", []
        if protection is not None and protection.yields_above is not None:
            yields_above, overridden = protection.yields_above, f"叠用格式 {protection.name}"
        elif protection is not None:
            doubts.append(f"符合叠用格式 {protection.name}")
        page_term = None
        if len(unit) == 1:
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
            page_term = (
                None
                if right or (left and not str(jieba_word_tags().get(unit, "x")).startswith("n"))
                else page_prints_term(
                    self.lexicon, text, start, option("page_term_reach", 2), option("boundary_min_frequency", 3)
                )
            )
            # a doubled form the word list knows (抱抱, and 苍苍 even where 苍|苍白 meet) is suggested at most,
            # unless the list holds it at its floor only and a noun or verb the first copy closes stands before it
            # (塔吊|吊吊林立, 扫描|描描)
            known_pair = not overtaken and self.lexicon.frequency(unit + unit) >= option("known_pair_frequency", 1)
            if known_pair and right is None and floor_pair_after_word(self.lexicon, text, start, left, option):
                yields_above, overridden = (
                    option("floor_pair_yields_above", 4.0),
                    f"“{unit}{unit}”以最低频见于词表、前有“{left}”",
                )
            elif known_pair and not page_term and not closing and not self.particle_ends_clause(text, start):
                doubts.append(f"“{unit}{unit}”见于词表")
            if left and right:
                common = min(self.lexicon.frequency(left), self.lexicon.frequency(right))
                strong = common >= option("common_boundary_frequency", 1000)
                yields_above = option("common_boundary_yields_above" if strong else "boundary_yields_above", 3.5)
                overridden = f"“{left}”“{right}”两词相接"
                enumerated = start > 0 and text[start - 1] == "、"  # 存、贷贷款: the item 贷 is no word of its own
                if not enumerated and not self.joins_into_word(text, start, option("boundary_min_frequency", 3)):
                    # 在职|职工 -> 在职工 makes no word across; 大使|使馆 -> 大使馆 does: the model must be surer
                    yields_above = max(yields_above, option("unjoined_boundary_yields_above", 4.0))
                    if common >= option("unjoined_common_boundary_frequency", 100):
                        # both words fairly common (主轴|轴承) are each likelier meant than a typo's chance neighbour
                        # (国体|体育, 少年犯|犯罪), and the model may know the shorter compound better (主轴承)
                        yields_above = max(yields_above, option("common_boundary_yields_above", 6.0))
            elif not known_pair and not page_term and self.stands_alone(text, start):
                doubts.append(f"“{unit}{unit}”可能是叠字")
        elif self.longer_words_meet(text, start, len(unit), option("boundary_min_frequency", 3)):
            yields_above, overridden = option("boundary_yields_above", 5.0), "前后两词相接"
        elif words_meet_inside(self.lexicon, text, start, len(unit), option("boundary_min_frequency", 3)):
            yields_above, overridden = option("boundary_yields_above", 5.0), "两词在第一处中间相接"
        elif word_before_longer(
            self.lexicon,
            text,
            start,
            len(unit),
            option("boundary_min_frequency", 3),
            option("head_tags", ()),
            option("head_longer_min_frequency", None),
        ):
            yields_above, overridden = option("boundary_yields_above", 5.0), f"“{unit}”后接以它开头的词"
        elif unit_before_its_head(
            self.lexicon, text, start, len(unit), option("boundary_min_frequency", 3), option("title_suffixes", ())
        ):
            yields_above, overridden = option("title_yields_above", 6.0), f"“{unit}”后接“{unit}”之长"
        elif unit[-1] in MODAL_PARTICLES:
            doubts.append("带语气词的重复可能是有意的")
        if len(unit) >= 4 and text[end : end + 1] in ("\n", "") and not PROSE_PUNCT.search(line_of(text, start)):
            doubts.append("行末重复，可能是表格的栏目")
        elif rule == "D101" and self.in_column_header(text, start, end):
            doubts.append("表头各栏名称相接，可能是两栏同名")
        gain = self.gain(text, start, unit, copies)
        if (yields_above is not None and gain < yields_above) or gain < option("suggest_margin", 1.0):
            return None
        apply_margin = option("page_term_apply_margin" if page_term else "apply_margin", 2.0)
        if rule == "D101" and common_noun_doubled(self.lexicon, unit, option):
            apply_margin = option("common_noun_apply_margin", apply_margin)
        confident = gain >= apply_margin and not doubts
        confidence = min(0.99, 0.8 + 0.05 * (gain - apply_margin)) if confident else min(0.79, 0.5 + 0.1 * gain)
        evidence = [f"语言模型：删去后得分高 {gain:.1f}"] + ["本页他处只写一遍"] * single_elsewhere
        if page_term:
            evidence.append(f"本页他处写作“{page_term}”")
        if closing:
            evidence.append(f"第一处收住“{closing}”，叠字后即句读，不成叠用")
        if unit + unit not in self.lexicon:
            evidence.append(f"“{unit}{unit}”不成词")
        if overridden:
            evidence.append(f"虽{overridden}，得分差距足够大")
        evidence += [f"但{doubt}" for doubt in doubts]
        repeated = "重复" if copies == 2 else f"连续出现 {copies} 次"
        message = f"“{unit}”{repeated}，删去{'一处' if copies == 2 else '多余的'}（{'；'.join(evidence)}）"
        return Finding(rule, start + len(unit), end, message, "", round(confidence, 3))

    def in_column_header(self, text: str, start: int, end: int) -> bool:
        """Whether the doubling `text[start:end]` is a column's label before its unit in a table's header (D101's
        `column_unit`, `column_units`): 占从业人员|人员（万人）, not a doubling in the table's title on that line."""
        pattern = self.rules.option("D101", "column_unit", "")
        if not pattern or (unit := re.compile(pattern)).match(text, end) is None:
            return False
        return column_header(line_of(text, start), unit, self.rules.option("D101", "column_units", 2))

    def particle_ends_clause(self, text: str, start: int) -> bool:
        """Whether the doubled character is an aspect particle closing its clause (等着着。, 走了了，): the rare
        words the word list knows for such a pair (着着领先, 了了可见, 过过瘾) all need a word after them.

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

        >>> DoubledTextJudge.names_no_one("实事"), DoubledTextJudge.names_no_one("小宝")
        (True, False)
        """
        tag = str(jieba_word_tags().get(word, "x"))
        return tag[:1] in ("n", "v") and not tag.startswith("nr")

    def stands_alone(self, text: str, start: int) -> bool:
        """Whether a doubled character forms no word with either neighbour and may be reduplicated
        itself, as a noun, measure word or name does (棵棵, 童童).

        A typo doubles a character of a word, so one copy still forms that word with its neighbour
        (橡胶坝|坝, 观|观众); a verb doubled alone (是是, 让让) is a typo too.
        """
        if self.attachments(text, start, 1) != (None, None):
            return False
        # a pet name or an 'every' pair ends its phrase: 郭晶晶|等, 棵棵|茁壮; 祁祁勇 is a doubled name character
        following = text[start + 2 : start + 4]
        next_char = following[:1]
        if next_char and HAN.match(next_char) and next_char not in FUNCTION_CHARS and following not in self.lexicon:
            return False
        tag = str(jieba_word_tags().get(text[start], "x"))
        return tag[:1] in REDUPLICATING_TAGS

    def gain(self, text: str, start: int, unit: str, copies: int = 2) -> float:
        """How much likelier the language model finds the text with one copy than with all (log10)."""
        end = start + copies * len(unit)
        left = text[max(0, start - LM_REACH) : start]
        right = text[end : end + LM_REACH]
        return self.model.score(left + unit + right) - self.model.score(left + unit * copies + right)


def doubled_text(text: str, context: Context) -> list[Finding]:
    """D101, D102: a word or a character typed twice; the second copy is deleted or suggested for deletion."""
    if not (context.rules.enabled("D101") or context.rules.enabled("D102")):
        return []
    first = TANDEM.search(text)
    if first is None:
        return []
    judge = DoubledTextJudge.for_context(context)
    # the search goes on from the first repeat: the text before it was read once already
    return judge.find_settled(text, context.min_confidence, start=first.start())


def check_rules(rules: RuleSet) -> None:
    """Read the reduplication patterns, so a broken reduplication.toml stops a run before its first file."""
    ReduplicationPatterns.from_rules(rules).compile_all()


def find(text: str, context: Context) -> list[Finding]:
    """Run every enabled duplicates rule over `text`."""
    # a copy's neighbours are part of its evidence (的的的在在: 在在 is judged differently after
    # 的的的 than after 的), and a deletion may bring two copies of a longer stretch together (A B B A B →
    # A B A B), so the text left by the deletions is looked at again
    findings = settled(
        lambda view, touched: [
            *doubled_text(view, context),
            *doubled_figures(view, context.rules),
            *repeated_lines(view, context.rules, touched),
        ],
        text,
        context.min_confidence,
        grow=True,
    )
    names = list(repeated_quoted_names(text, context.rules))
    findings += names
    # an enumeration of quoted names (“A”、“A”、“B”) is one repeat, flagged once, as D201
    findings += [
        f
        for f in chain(
            repeated_list_items(text, context.rules),
            repeated_numbered_items(text, context.rules),
            repeated_spaced_items(text, context.rules),
        )
        if not any(overlaps(f.start, f.end, n.start, n.end) for n in names)
    ]
    return findings
