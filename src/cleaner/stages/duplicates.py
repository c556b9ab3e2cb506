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
from dataclasses import dataclass
from typing import Any

from ..model import Finding
from ..patterns import HAN_CLASS
from ..pipeline import Context
from ..rules import RuleSet
from .duplicates_lists import repeated_lines, repeated_list_items, repeated_quoted_names
from .duplicates_reduplication import ReduplicationPatterns

# A run of 1 to 12 Han characters followed at once by itself; lazy, so 实实在在 yields 实实 then 在在.
TANDEM = re.compile(f"([{HAN_CLASS}]{{1,12}}?)\\1")
# Characters of language-model context on each side of a candidate.
LM_REACH = 6
# The longest word the word list is asked about when looking for a word that spans the copies.
MAX_WORD = 6
PERSON_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the evidence says about one doubled stretch: the language-model gain and what protects it."""

    gain: float  # log10 P(text without the copy) - log10 P(text with it)
    evidence: tuple[str, ...]
    at_most_suggest: bool


class DoubledTextJudge:
    """Judges tandem repeats with the engines of one context; built once per process."""

    def __init__(self, rules: RuleSet, model: Any, lexicon: Any) -> None:
        self.rules = rules
        self.model = model  # cleaner.lm.CharLanguageModel
        self.lexicon = lexicon  # cleaner.lexicon.Lexicon
        self.patterns = ReduplicationPatterns.from_rules(rules)
        self._posseg: Any = None

    @classmethod
    def for_context(cls, context: Context) -> DoubledTextJudge:
        """The judge of a context, built once per rule set; the engines come from the context's cache."""
        from ..lexicon import lexicon
        from ..lm import language_model

        # engines first: `resources.get` holds its lock while building, so builds must not nest
        model, words = language_model(context), lexicon(context)
        return context.resources.get(f"duplicates.judge.{id(context.rules)}", lambda: cls(context.rules, model, words))

    def find(self, text: str) -> list[Finding]:
        findings = []
        for match in TANDEM.finditer(text):
            finding = self.judge(text, match.start(), match[1])
            if finding is not None:
                findings.append(finding)
        return findings

    def judge(self, text: str, start: int, unit: str) -> Finding | None:
        """A deletion of the second copy of `unit` at `start`, applied or suggested, or None."""
        rule = "D101" if len(unit) > 1 else "D102"
        if not self.rules.enabled(rule):
            return None
        protection = self.patterns.protecting(text, start, unit)
        if protection is not None and protection.at_most is None and protection.yields_above is None:
            return None
        end = start + 2 * len(unit)
        if self.is_common_word(unit + unit, rule) or self.word_spanning(text, start, end):
            return None
        # a legitimate reading that only a strong verdict of the language model overrides
        yields_above = None
        if protection is not None and protection.yields_above is not None:
            yields_above, protection = protection.yields_above, None
        elif len(unit) == 1 and self.words_meeting(text, start, rule):
            yields_above = self.rules.option(rule, "boundary_yields_above", 5.0)
        gain = self.gain(text, start, unit)
        if yields_above is not None and gain < yields_above:
            return None
        apply_margin = self.rules.option(rule, "apply_margin", 3.0)
        suggest_margin = self.rules.option(rule, "suggest_margin", 1.0)
        if gain < suggest_margin:
            return None
        evidence = [f"语言模型：删去后得分高 {gain:.1f}", f"“{unit}{unit}”不成词"]
        at_most_suggest = False
        if protection is not None:
            evidence.append(f"但符合叠用格式 {protection.name}")
            at_most_suggest = True
        if not at_most_suggest and len(unit) == 1 and gain >= apply_margin and self.ends_person_name(text, start, end):
            evidence.append("但可能是人名")
            at_most_suggest = True
        confident = gain >= apply_margin and not at_most_suggest
        confidence = min(0.99, 0.8 + 0.05 * (gain - apply_margin)) if confident else min(0.79, 0.5 + 0.1 * gain)
        message = f"“{unit}”重复，删去一处（{'；'.join(evidence)}）"
        return Finding(rule, start + len(unit), end, message, "", round(confidence, 3))

    def is_common_word(self, word: str, rule: str) -> bool:
        """Whether `word` is in the word list often enough to trust: jieba's list holds junk (进进, 了了)."""
        return word in self.lexicon and self.lexicon.frequency(word) >= self.rules.option(
            rule, "min_word_frequency", 100
        )

    def words_meeting(self, text: str, start: int, rule: str) -> tuple[str, str] | None:
        """Two words that meet at the doubled character, one ending and one starting with it: 大街|街道,
        会议|议定, 中国|国际. A whole word doubled (污染|污染) is not such a meeting: `unit` is one character."""
        min_frequency = self.rules.option(rule, "boundary_min_frequency", 100)
        cut = start + 1
        left = [text[a:cut] for a in range(max(0, cut - 4), cut - 1)]
        left_words = [w for w in left if w in self.lexicon and self.lexicon.frequency(w) >= min_frequency]
        if not left_words and start > 0 and text[start - 1] == "、":
            left_words = [text[start]]  # a one-character item of an enumeration: 省、区、市市场
        if not left_words:
            return None
        right = [text[cut:b] for b in range(cut + 2, min(len(text), cut + 4) + 1)]
        right_words = [w for w in right if w in self.lexicon and self.lexicon.frequency(w) >= min_frequency]
        return (left_words[0], right_words[0]) if right_words else None

    def word_spanning(self, text: str, start: int, end: int) -> str | None:
        """A word of the word list that holds both copies and more (兴致勃勃, 源源不断, 郭晶晶), if any."""
        for word_start in range(max(0, start - MAX_WORD + 2), start + 1):
            for word_end in range(end, min(len(text), word_start + MAX_WORD) + 1):
                if word_end - word_start > end - start and text[word_start:word_end] in self.lexicon:
                    return text[word_start:word_end]
        return None

    def gain(self, text: str, start: int, unit: str) -> float:
        """How much likelier the language model finds the text with one copy than with two (log10)."""
        end = start + 2 * len(unit)
        left = text[max(0, start - LM_REACH) : start]
        right = text[end : end + LM_REACH]
        return self.model.score(left + unit + right) - self.model.score(left + unit + unit + right)

    def ends_person_name(self, text: str, start: int, end: int) -> bool:
        """Whether jieba tags a name of three or more characters ending in the doubled pair (郭晶晶, 吴艳艳).

        Only a given name ends in a doubled character; a doubled surname or a doubled character
        inside a name (刘刘华秋, 程建建勋) is a typo, and jieba tags unknown stretches as names freely.
        """
        if self._posseg is None:
            import jieba.posseg

            self._posseg = jieba.posseg
        window_start = max(0, start - 4)
        position = window_start
        for token in self._posseg.cut(text[window_start : end + 4]):
            token_end = position + len(token.word)
            if token_end == end and position <= start and len(token.word) >= 3 and token.flag in PERSON_NAME_TAGS:
                return True
            position = token_end
        return False


def doubled_text(text: str, context: Context) -> list[Finding]:
    """D101, D102: a word or a character typed twice; the second copy is deleted or suggested for deletion."""
    if not (context.rules.enabled("D101") or context.rules.enabled("D102")) or not TANDEM.search(text):
        return []
    judge = DoubledTextJudge.for_context(context)
    return judge.find(text)


def find(text: str, context: Context) -> list[Finding]:
    """Run every enabled duplicates rule over `text`."""
    findings = doubled_text(text, context)
    findings.extend(repeated_quoted_names(text, context.rules))
    findings.extend(repeated_list_items(text, context.rules))
    findings.extend(repeated_lines(text, context.rules))
    return findings
