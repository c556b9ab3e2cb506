"""The evidence the rejoin stage weighs at one break: features for the weights, reasons for the report.

A careful reader joins two blocks when the left one stops mid-sentence (no closing punctuation,
a comma, an open bracket), the right one cannot start a paragraph (it opens with punctuation),
a word runs across the cut (困|难), and the sentence reads better joined than broken. Each piece
adds its weight (rules/rejoin.toml) to a log-odds score; the confidence is its logistic.

How the pieces are weighed (the logistic model and its fitted weights) is rejoin_weights.py; the judge
that extends `EvidenceReader` and turns the score into a finding is rejoin_judge.py.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import load_layout_rules, segment
>>> from cleaner.stages.rejoin_judge import Judge
>>> text = "新工艺和新\\n\\n技术引起了兴趣。"
>>> left, right = segment(text, load_layout_rules())
>>> judge = Judge.for_context(Context.default())
>>> features, reasons = judge.evidence(text, Gap(left.end, right.start, "blank", left, right))
>>> features["bias"], reasons[0]
(1.0, '左段无句末标点')
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..pipeline import Context
from .layout import BODY, Block, layout_rules
from .layout_classes import LayoutRules
from .layout_paragraphs import OPENER_REACH
from .rejoin_candidates import COMMAS, candidate_blocks
from .rejoin_gaps import SPACED_HAN, Gap, set_apart, spaced_from
from .rejoin_signals import (
    WINDOW,
    CutEvidence,
    Marks,
    echo,
    first_words_cut,
    lm_evidence,
    opening_gain,
)
from .rejoin_tokens import ELLIPSIS_END, count_opens, ellipsis_runs_on
from .rejoin_weights import Weights, reporting_frame_closed

CLASS_NAMES = {
    "short": "短标题或断句前半",
    "body": "正文",
    "headline": "标题",
    "subhead": "副标题",
    "byline": "署名行",
    "author": "作者行",
    "section": "栏目名",
    "caption": "图片说明",
    "credited": "图片说明",
    "picture": "图片说明",
    "source": "来源标记",
    "date": "日期行",
    "furniture": "版面信息",
    "jump": "转版说明",
    "verse": "诗行",
    "table": "表格行",
}
# What a paragraph cannot start with: punctuation that continues or closes a sentence.
CONTINUES = "，,、；;：:。.！!？?）)》】］」』”’…"
# a number cut from its digits or its unit: 19|98年, 1998|年, 9.|3%
NUMBER_CUT = re.compile("[0-9０-９.．][0-9０-９.．%％年月日号时分秒万亿千百个位名元岁倍]")


@dataclass
class EvidenceReader:
    """Reads the evidence at one gap at a time; the language model and lexicon are loaded on first need.

    `enabled` and `stage_text` serve the judge that extends it (rejoin_judge.Judge), which adds no fields."""

    context: Context
    weights: Weights
    enabled: frozenset[str]
    opener: re.Pattern[str]
    _engines: dict[str, Any] = field(default_factory=dict)
    _cuts: dict[tuple[str, str], CutEvidence] = field(default_factory=dict)
    _last_marks: Marks | None = None
    # the gaps after a column's short last line, by the text around them: a later round sees their lines joined
    _paragraph_ends: set[tuple[str, str]] = field(default_factory=set)
    # the gaps after a column's short last line before a sentence's opening, whose joins are only suggested: the same
    _suggested_ends: set[tuple[str, str]] = field(default_factory=set)
    # the text the stage was given, whose positions the pipeline's maps carry back to the input
    stage_text: str | None = None
    # the first round's text and blocks, and whether that page parts its paragraphs by blank lines (asked once)
    page: tuple[str, list[Block]] | None = None
    _by_blank_lines: bool | None = None

    @cached_property
    def layout(self) -> LayoutRules:
        """The context's layout rules, looked up once per judge rather than at every gap."""
        return layout_rules(self.context)

    def _marks(self, text: str, start: int, end: int) -> Marks:
        """The bracket and quotation marks of `text[start:end]`, read once for all the wraps of a block
        (they come one after another, and each asks about the same block split at another line)."""
        last = self._last_marks
        if last is None or last.text is not text or (last.start, last.end) != (start, end):
            last = self._last_marks = Marks(text, start, end)
        return last

    def _engine(self, module: str, factory: str) -> Any:
        if module not in self._engines:
            try:
                self._engines[module] = getattr(importlib.import_module(f"cleaner.{module}"), factory)(self.context)
            except ImportError:  # the engine's module is not installed: judge without it
                self._engines[module] = None
        return self._engines[module]

    def language_model(self) -> Any:
        """The character model, or None where kenlm is not installed."""
        return self._engine("lm", "language_model")

    def _at_cut(self, left: str, right: str) -> CutEvidence:
        """The commonest word across the cut, its frequency, and the language model's evidence
        there; once per pair of windows (after joins, the same cut is judged again between grown blocks)."""
        key = (left, right)
        if key not in self._cuts:
            best, frequency, scores = None, 0, None
            lexicon = self._engine("lexicon", "lexicon")
            if lexicon is not None:
                words = lexicon.words_across(left + right, len(left), max_len=4)
                if words:
                    best = max(words, key=lexicon.frequency)
                    frequency = lexicon.frequency(best)
            model = self._engine("lm", "language_model")
            if model is not None:
                scores = lm_evidence(model, left, right)
            self._cuts[key] = (best, frequency, scores)
        return self._cuts[key]

    def evidence(self, text: str, gap: Gap, spaced: bool | None = None) -> tuple[dict[str, float], list[str]] | None:
        """The evidence at a gap between blocks, as features and reasons; None when it is no candidate.
        `spaced`, when known, says whether the left block holds Han characters parted by spaces."""
        blocks = self._candidate_blocks(text, gap)
        if blocks is None:
            return None
        left, right = blocks
        left_text = text[max(left.start, gap.start - 40) : gap.start].replace("\n", "")
        right_text = text[gap.end : min(right.end, gap.end + WINDOW)].replace("\n", "")
        if not left_text or not right_text:
            return None
        reasons = []
        lexicon = self._engine("lexicon", "lexicon") if right.kind == BODY and left.kind != BODY else None
        exempt = self.weights.spaced_exempt
        if lexicon is not None and gap.kind == "blank" and set_apart(text, left.start, gap.start, exempt):
            lexicon = None  # a byline or a record's fields set apart by the setting's spaces and a blank line
        if lexicon is not None and first_words_cut(
            text,
            left,
            right,
            (left_text, right_text),
            lexicon,
            self.layout,
            self._at_cut,
            self.weights.open_endings,
            self.weights.place_tail_opens,
        ):
            left = left._replace(kind=BODY)
            reasons.append("左段是被切断的段首，不是标题")
        features: dict[str, float] = {"bias": 1.0}
        self._mark_features(text, gap, (left, right), (left_text, right_text), spaced, features, reasons)
        self._word_features(text, gap, (left, right), (left_text, right_text), features, reasons)
        return features, reasons

    def _candidate_blocks(self, text: str, gap: Gap) -> tuple[Block, Block] | None:
        """The blocks on either side of `gap` as a join reads them, or None where it is no candidate
        (`rejoin_candidates.candidate_blocks`)."""
        return candidate_blocks(text, gap, self.weights, self.layout, self.opener)

    def _mark_features(
        self,
        text: str,
        gap: Gap,
        blocks: tuple[Block, Block],
        sides: tuple[str, str],
        spaced: bool | None,
        features: dict[str, float],
        reasons: list[str],
    ) -> None:
        """Add the marks around `gap` to `features` and `reasons`: how the left side ends and the right one opens,
        an unclosed bracket or quote across it, the blocks' classes, a number cut, a spaced left block."""
        left, right = blocks
        left_text, right_text = sides
        if left_text[-1] in COMMAS:
            features["comma"] = 1.0
            reasons.append("左段以逗号结尾" if left_text[-1] != "、" else "左段以顿号结尾")
        else:
            reasons.append("左段以省略号结尾" if ELLIPSIS_END.search(left_text) else "左段无句末标点")
        if right_text[0] in CONTINUES:
            features["right_punct"] = 1.0
            reasons.append("右段以标点开头")
        elif left.kind == BODY and count_opens(right_text, self.weights.figure, self.weights.figure_spans):
            # no paragraph opens on a count that closes its clause at once (…优秀共产党员 | 35名、): weighed as a
            # continuing mark; after running text only, as a headline counts nothing it heads
            features["right_punct"] = 1.0
            reasons.append("右段以一个数量开头且随即断句")
        elif self.weights.postposition_opens is not None and self.weights.postposition_opens.match(right_text):
            features["right_punct"] = 1.0  # no paragraph opens on a postposition closing its clause (进展 | 中，)
            reasons.append("右段以方位词开头且随即断句")
        elif self.weights.speech_opens is not None and self.weights.speech_opens.match(right_text):
            features["right_punct"] = 1.0  # no paragraph opens on a speaker's verb closing its clause (教练 | 介绍，)
            reasons.append("右段以说话动词开头且随即断句")
        elif ellipsis_runs_on(left_text, right_text, self.weights.ellipsis_runs_on):
            features["right_punct"] = 1.0  # the ellipsis ended no sentence: its clause goes on (学校…… | 等，)
            reasons.append("右段续完省略号前的句子")
        elif (
            left.kind == BODY
            and self.weights.titles_run_on is not None
            and self.weights.titles_run_on.fullmatch(left_text[-1] + right_text[0])
        ):
            features["right_punct"] = 1.0  # running text stops on a title and the next block opens on one: a list
            reasons.append("书名号相接，书目未完")
        elif reporting_frame_closed(self.weights, left_text, right_text):
            features["right_punct"] = 1.0  # 记者从区供热 | 办了解到，: the verb the left block's frame needs
            reasons.append("右段补足左段“记者从…”所需的动词")
        # the blocks' marks, not their text: a wrap's sides are its whole block (see Marks)
        marks = self._marks(text, left.start, right.end)
        bracket = marks.unclosed_bracket(left.start, gap.start)
        if bracket:
            features["bracket"] = 1.0
            reasons.append(f"“{bracket}”未闭合")
        both_body = left.kind == right.kind == "body"
        if both_body:
            features["body"] = 1.0
        for side, name, block in (("left", "左", left), ("right", "右", right)):
            if block.kind != "body":
                features[f"{side}_{block.kind}"] = 1.0
                reasons.append(f"{name}段形似{CLASS_NAMES.get(block.kind, block.kind)}")
        if self.opener.match(text[gap.end : gap.end + OPENER_REACH]):
            features["opener"] = 1.0
            reasons.append("右段以电头、署名或序号开头")
        if NUMBER_CUT.match(left_text[-1] + right_text[:1]):
            features["number"] = 1.0
            reasons.append("数字被断开")
        if marks.quotation_spans(left.start, gap.start, gap.end, right.end):
            features["quote"] = 1.0
            reasons.append("引号跨越断点")
        if spaced is None:
            counted_from = spaced_from(text, left.start, self.weights.spaced_exempt)
            spaced = SPACED_HAN.search(text, counted_from, gap.start) is not None
        if spaced:
            features["spaced"] = 1.0
            reasons.append("左段汉字间有空格，像标题或署名")

    def _word_features(
        self,
        text: str,
        gap: Gap,
        blocks: tuple[Block, Block],
        sides: tuple[str, str],
        features: dict[str, float],
        reasons: list[str],
    ) -> None:
        """Add the words across `gap` to `features` and `reasons`: a word the cut splits, how a heading-shaped left
        block echoes the text after it, and the language model's verdict on the join."""
        left, right = blocks
        left_text, right_text = sides
        both_body = left.kind == right.kind == "body"
        left_window, right_window = left_text[-WINDOW:], right_text
        best, frequency, lm_scores = self._at_cut(left_window, right_window)
        if best is not None:
            features["word"] = min(math.log10(1 + frequency), 6.0)
            reasons.append(f"“{best}”跨越断点")
        # a headline before running text, or the first words of a paragraph cut by a column break?
        heading_shaped = left.kind != "body" and right.kind == "body"
        if heading_shaped:
            features["heading_echo"] = echo(text[left.start : gap.start], text[gap.end : right.end])
            features["heading_length"] = math.log(1 + gap.start - left.start)
        model = self._engine("lm", "language_model")
        if model is not None and lm_scores is not None:
            cap = self.weights.lm_cap
            ending, starting = lm_scores
            if heading_shaped:
                # the first characters of the paragraph the join would make (across the break when the block is short)
                opening = text[left.start : min(gap.start, left.start + 2 * WINDOW)] + right_text
                features["heading_left_opens"] = opening_gain(model, opening)
            features["lm_end"] = max(-cap, min(cap, ending))
            features["lm_start"] = max(-cap, min(cap, starting))
            if both_body:  # running text on both sides: the model weighs the LM apart from headline gaps
                features["body_lm_end"], features["body_lm_start"] = features["lm_end"], features["lm_start"]
            elif heading_shaped:  # and apart again after a heading-shaped block
                features["heading_lm_end"], features["heading_lm_start"] = features["lm_end"], features["lm_start"]
            delta = ending + starting
            reasons.append(f"语言模型{'支持连接' if delta >= 0 else '倾向断开'} ({delta:+.1f})")
