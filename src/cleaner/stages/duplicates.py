"""The duplicates stage: doubled words and characters, repeated list items, repeated lines.

Doubled text (环境污染污染防治, 橡胶坝坝) is found by one compiled pattern over the whole text, so the
cost per character is that of the regex engine; only the few candidates it yields are judged, with
the reduplication patterns of rules/reduplication.toml, the word list, the part of speech and the
character language model. Repeated list items live in `duplicates_lists` and `duplicates_enumerations`,
repeated lines in `duplicates_lines`.

>>> from cleaner.pipeline import Context
>>> [(f.rule, f.start, f.end, f.replacement) for f in find("召开全区环境污染污染防治攻坚战大会", Context.default())]
[('D101', 8, 10, '')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from itertools import chain
from typing import Any

from ..edits import apply_findings, overlaps, settled
from ..lexicon import jieba_word_tags as word_tags
from ..model import Finding, Status
from ..patterns import HAN_RUN
from ..pipeline import Context
from ..rules import RuleSet
from .duplicates_breaks import across_a_break
from .duplicates_elsewhere import printed_single_elsewhere
from .duplicates_enumerations import repeated_list_items
from .duplicates_figures import doubled_figures
from .duplicates_ledgers import repeated_numbered_items
from .duplicates_lines import repeated_lines
from .duplicates_lists import repeated_quoted_names
from .duplicates_measure_pair import PAIR_READ_TWICE, reduplication_read_twice
from .duplicates_readings import PairReadings, Readings, doubling_rule
from .duplicates_reduplication import ReduplicationPattern, ReduplicationPatterns
from .duplicates_settling import MAX_REPEAT, FirstRound, KeptVerdicts, kept_verdicts, tandem
from .duplicates_spaced import repeated_spaced_items
from .duplicates_typo_shapes import common_noun_doubled, copy_in_common_word

# Characters of language-model context on each side of a candidate.
LM_REACH = 6
# How far the judge's searches of the page reach from a doubled character (`duplicates_settling`): the options of the
# words around it that it looks for elsewhere, and `term_printed_before`'s longest term (3) with its next character
SEARCH_REACH_OPTIONS = (("D101", "page_reach"), ("D102", "page_reach"), ("D102", "page_term_reach"))
TERM_BEFORE_REACH = 3


class DoubledTextJudge(PairReadings):
    """Judges tandem repeats with the engines of one context; built once per process."""

    def __init__(self, rules: RuleSet, model: Any, lexicon: Any) -> None:
        self.rules = rules
        self.model = model  # cleaner.lm.CharLanguageModel
        self.lexicon = lexicon  # cleaner.lexicon.Lexicon
        self.patterns = ReduplicationPatterns.from_rules(rules)
        self.column_unit = rules.pattern_option("D101", "column_unit")

    @classmethod
    def for_context(cls, context: Context) -> DoubledTextJudge:
        """The judge of a context, built once per rule set; the engines come from the context's cache."""
        from ..lexicon import lexicon
        from ..lm import language_model

        # engines first: `resources.get` holds its lock while building, so builds must not nest
        model, words = language_model(context), lexicon(context)
        return context.resources.get(f"duplicates.judge.{id(context.rules)}", lambda: cls(context.rules, model, words))

    def find(
        self, text: str, start: int = 0, stop: int | None = None, verdicts: FirstRound | KeptVerdicts | None = None
    ) -> list[Finding]:
        """Judge every repeat that starts in `text[start:stop]`; `verdicts` records the judge's verdicts, or gives
        those of the first round where they hold (`duplicates_settling`)."""
        judge = self.judge if verdicts is None else partial(verdicts.verdict, self.judge)
        search = tandem if verdicts is None else verdicts.search
        findings = []
        stop = len(text) if stop is None else stop
        # a repeat starting before `stop` ends within 2 * MAX_REPEAT of it: where none starts, the search
        # must not read on to the end of the text (it is asked beside every deletion of a page)
        end = min(len(text), stop + 2 * MAX_REPEAT)
        while (repeat := search(text, start, end)) is not None and repeat[0] < stop:
            at, unit = repeat
            copies = 2
            while text.startswith(unit, at + copies * len(unit)):
                copies += 1  # 境境境: all extra copies go at once, so cleaning twice changes nothing more
            # asked of four copies only: jieba's list loads on first use
            if copies == PAIR_READ_TWICE and reduplication_read_twice(text, at, unit, copies, word_tags()):
                unit, copies = unit * 2, 2  # 一块块块块: the measure word's pair printed twice
            finding = judge(text, at, unit, copies)
            if finding is None and copies == 2:
                # the shortest repeat is a word (处处), but a longer one starts there too (科技处处长处处长)
                unit, finding = self.longer_repeat(text, at, unit, end, judge)
            if finding is not None:
                findings.append(finding)
                start = at + copies * len(unit)
            else:
                # a pair kept (管理局|局长: two words meeting) may lend its last copy to a doubled word that
                # starts there (管理局局长局长): search on from that copy, not past it
                start = at + (copies - 1) * len(unit)
        return findings

    def find_settled(
        self,
        text: str,
        min_confidence: float,
        rounds: int = 3,
        start: int = 0,
        verdicts: FirstRound | KeptVerdicts | None = None,
    ) -> list[Finding]:
        """`find` (from `start`, where no repeat comes before), then again where a deletion brings two
        stretches together into a new repeat (实污污实污 → 实污实污), so that cleaning the output once
        more changes nothing.

        A deletion found in the cleaned text is mapped back over the deletions that made it, and
        replaces them: one finding per place, all in the coordinates of `text`.
        """
        findings = self.find(text, start, verdicts=verdicts)
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

    def longer_repeat(
        self, text: str, start: int, unit: str, end: int, judge: Callable[..., Finding | None] | None = None
    ) -> tuple[str, Finding | None]:
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
        # a copy of a longer unit opens on the unit's first character: only the lengths that bring it back are tried
        first, reach = text[start], start + min(MAX_REPEAT, (end - start) // 2) + 1
        at = text.find(first, start + len(unit) + 1, reach)
        while at >= 0:
            length = at - start
            longer = text[start:at]
            if text.startswith(longer, at) and longer.replace(unit, "") and HAN_RUN.fullmatch(longer):
                if text.startswith(longer, start + 2 * length):
                    break  # said three times or more: not a word doubled once
                finding = (judge or self.judge)(text, start, longer, 2)
                return (longer, finding) if finding is not None else (unit, None)
            at = text.find(first, at + 1, reach)
        return unit, None

    def judge(self, text: str, start: int, unit: str, copies: int = 2) -> Finding | None:
        """A deletion of the extra copies of `unit` at `start`, applied or suggested, or None.

        >>> judge = DoubledTextJudge.for_context(Context.default())
        >>> judge.judge("召开全区环境污染污染防治攻坚战大会", 4, "污染").replacement
        ''
        >>> judge.judge("我们常常见面", 2, "常") is None  # a common word
        True
        """
        rule = doubling_rule(unit)
        if not self.rules.enabled(rule):
            return None
        option = partial(self.rules.option, rule)
        # a word the first copy closes, the pair ending its clause (民生实事|事，): no reduplicated form stands there
        closing = self.closing_word(text, start) if rule == "D102" and copies == 2 else None
        # a common word (常常, 研究研究) is never a typo: asked before the patterns, the dearest test of all
        if closing is None and self.is_common_word(unit + unit, rule):
            return None
        protection = None if closing else self.patterns.protecting(text, start, unit)
        single_elsewhere = (protection is not None and not protection.beside_single) and printed_single_elsewhere(
            text, start, unit, copies, option("page_reach", 2)
        )
        if single_elsewhere:
            protection = None  # the page prints the same words with one copy: no form explains the pair here
        elif protection is not None and self.bound_to_word(text, start, unit, protection):
            # a copy belongs to a word (部队|队): the pair's 'every' reading asks less of the model
            protection = replace(protection, yields_above=protection.word_bound_yields_above)
        if protection is not None and protection.at_most is None and protection.yields_above is None:
            return None
        outweighed_ratio = option("spanning_outweighed_ratio", float("inf"))
        if self.word_spanning(
            text, start, start + 2 * len(unit), outweighed_ratio, option("spanning_outweighing_frequency", 1000)
        ):
            return None
        # the model first: a gain below the bar to suggest ends the judgment whatever the readings say
        gain = self.gain(text, start, unit, copies)
        if gain < option("suggest_margin", 1.0):
            return None
        readings = self.readings(text, start, unit, copies, protection, closing)
        if readings.yields_above is not None and gain < readings.yields_above:
            return None
        return self.deletion(text, start, unit, copies, gain, readings, single_elsewhere, closing)

    def bound_to_word(self, text: str, start: int, unit: str, protection: ReduplicationPattern) -> bool:
        """Whether a copy of the doubled `unit` at `start` belongs to a word common enough to lower the bar of
        `protection` (its `word_bound_frequency`: 部队|队连续, 首|首先)."""
        bound = protection.word_bound_frequency
        return bound is not None and copy_in_common_word(self.lexicon, text, start, unit, bound) is not None

    def deletion(
        self,
        text: str,
        start: int,
        unit: str,
        copies: int,
        gain: float,
        readings: Readings,
        single_elsewhere: bool,
        closing: str | None,
    ) -> Finding:
        """The deletion of the extra copies of `unit` at `start` whose `gain` cleared the bar of its `readings`:
        applied when the gain reaches the apply margin and nothing is in doubt, else suggested, its message giving
        the evidence either way."""
        rule = doubling_rule(unit)
        option = partial(self.rules.option, rule)
        apply_margin = option("page_term_apply_margin" if readings.page_term else "apply_margin", 2.0)
        if rule == "D101" and common_noun_doubled(self.lexicon, unit, option):
            apply_margin = option("common_noun_apply_margin", apply_margin)
        confident = gain >= apply_margin and not readings.doubts
        confidence = min(0.99, 0.8 + 0.05 * (gain - apply_margin)) if confident else min(0.79, 0.5 + 0.1 * gain)
        evidence = [f"语言模型：删去后得分高 {gain:.1f}"] + ["本页他处只写一遍"] * single_elsewhere
        if readings.page_term:
            evidence.append(f"本页他处写作“{readings.page_term}”")
        if closing:
            evidence.append(f"第一处收住“{closing}”，叠字后即句读，不成叠用")
        if unit + unit not in self.lexicon:
            evidence.append(f"“{unit}{unit}”不成词")
        if readings.overridden:
            evidence.append(f"虽{readings.overridden}，得分差距足够大")
        evidence += [f"但{doubt}" for doubt in readings.doubts]
        repeated = "重复" if copies == 2 else f"连续出现 {copies} 次"
        message = f"“{unit}”{repeated}，删去{'一处' if copies == 2 else '多余的'}（{'；'.join(evidence)}）"
        return Finding(rule, start + len(unit), start + copies * len(unit), message, "", round(confidence, 3))

    def gain(self, text: str, start: int, unit: str, copies: int = 2) -> float:
        """How much likelier the language model finds the text with one copy than with all (log10)."""
        end = start + copies * len(unit)
        left = text[max(0, start - LM_REACH) : start]
        right = text[end : end + LM_REACH]
        return self.model.score(left + unit + right) - self.model.score(left + unit * copies + right)


def doubled_text(text: str, context: Context, verdicts: FirstRound | KeptVerdicts | None = None) -> list[Finding]:
    """D101, D102: a word or a character typed twice; the second copy is deleted or suggested for deletion."""
    if not (context.rules.enabled("D101") or context.rules.enabled("D102")):
        return []
    first = tandem(text, 0, len(text)) if verdicts is None else verdicts.search(text, 0, len(text))
    if first is None:
        return []
    judge = DoubledTextJudge.for_context(context)
    # the search goes on from the first repeat: the text before it was read once already
    return judge.find_settled(text, context.min_confidence, start=first[0], verdicts=verdicts)


class SettlingRounds:
    """The stage's look at a page, round by round (`settled`): the first round's verdicts on doubled stretches are
    recorded, and given again in the second where the deletions left the pair's surroundings as they were."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.first_round = FirstRound()
        self.last: tuple[str, list[Finding]] | None = None
        self.round = 0

    def __call__(self, text: str, touched: Sequence[int] | None) -> list[Finding]:
        """The findings of one round over `text`, the page as the rounds before left it."""
        self.round += 1
        verdicts: FirstRound | KeptVerdicts | None = self.first_round if self.round == 1 else None
        if self.round == 2 and self.last is not None:
            rules = self.context.rules
            reach = max(TERM_BEFORE_REACH, *(rules.option(rule, name, 2) for rule, name in SEARCH_REACH_OPTIONS))
            judge = DoubledTextJudge.for_context(self.context)
            before, returned = self.last
            verdicts = kept_verdicts(
                before, text, returned, self.first_round, self.context.min_confidence, judge.column_unit, reach
            )
        findings = [
            *doubled_text(text, self.context, verdicts),
            *doubled_figures(text, self.context.rules),
            *repeated_lines(text, self.context.rules, touched),
        ]
        self.last = text, findings
        return findings


def check_rules(rules: RuleSet) -> None:
    """Read the reduplication patterns, so a broken reduplication.toml stops a run before its first file."""
    ReduplicationPatterns.from_rules(rules).compile_all()


def find(text: str, context: Context) -> list[Finding]:
    """Run every enabled duplicates rule over `text`."""
    # a copy's neighbours are part of its evidence (的的的在在: 在在 is judged differently after
    # 的的的 than after 的), and a deletion may bring two copies of a longer stretch together (A B B A B →
    # A B A B), so the text left by the deletions is looked at again
    findings = settled(SettlingRounds(context), text, context.min_confidence, grow=True)
    findings = [across_a_break(f, text, context) for f in findings]
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
