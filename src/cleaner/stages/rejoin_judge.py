"""The judge of the rejoin stage: the finding it makes at one break, from the evidence there.

A gap between blocks is joined (R101) when its evidence (rejoin_evidence.py), weighed by the logistic model
(rejoin_weights.py), makes the join likely; a wrap inside a block (R102) when its line fills the column and
no sentence ends there; a sentence end inside a quotation the right block closes (R103) by its marks alone; and a
news item's dateline standing alone, or a year cut in two, by a weight of its own. The judge turns a score into the
report's finding: its rule, confidence, message and the space kept between two Latin words. It stands apart
from the evidence, which it extends, as the one place that decides and writes.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import load_layout_rules, segment
>>> text = "新工艺和新\\n\\n技术引起了兴趣。"
>>> left, right = segment(text, load_layout_rules())
>>> join = Judge.for_context(Context.default())(text, Gap(left.end, right.start, "blank", left, right))
>>> join.rule, join.confidence > 0.8, join.replacement
('R101', True, '')

A column's line ending between quoted terms listed back to back is a wrap of prose, not a headline filling the column:

>>> page = "标题\\n\\n账单上“本期电量”“累计电量”\\n“阶梯档位”三栏要看清楚。“累计\\n"
>>> page += "电量”是今年1月1日以来的总用\\n电量，看它离两千还有多远。"
>>> block = segment(page, load_layout_rules())[-1]
>>> wrap = page.index("\\n“")
>>> Judge.for_context(Context.default())(page, Gap(wrap, wrap + 1, "wrap", block, block)).rule
'R102'
"""

from __future__ import annotations

import functools
import re
import string
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ..model import Finding
from ..patterns import BLANK_LINE, FULLWIDTH_ALNUM, LIST_ITEM
from ..pipeline import Context
from .layout import BODY, Block, classify, layout_rules
from .layout_measures import display_width
from .rejoin_candidates import ends_on_sentence_mark
from .rejoin_columns import around, full_line_runs_on, parts_paragraphs_by_blank_lines, stops_short
from .rejoin_dates import OPENING_REACH, digits_complete_date
from .rejoin_evidence import EvidenceReader
from .rejoin_gaps import Gap, block_lines, first_prose_mark
from .rejoin_paragraph_ends import only_suggested, opens_after_short_line
from .rejoin_table_rows import a_line_ends_on_figure, between_row_paragraphs, between_table_rows, figure_line_ends
from .rejoin_tokens import doubled_across, figure_across, in_address, in_latin_token, sentence_ended
from .rejoin_turns import label_cut, turn_cut
from .rejoin_weights import Weights, logistic

DATELINE_REASONS = ("左段是独立成段的电头", "正文被分页或分栏切断")
# a break between two Latin letters parts two words, and the join keeps a space; digits run on (19|98年)
LATIN_LETTER = re.compile(r"[A-Za-z]")
# what follows a word said again as its sentence's topic (…书记邢云 | 邢云，1952年生): no typo's copy stands alone so
RESTATED_TOPIC_MARKS = frozenset("，,、：:")
LATIN_LETTERS = frozenset(string.ascii_letters)  # the same letters, for a set lookup at every join
# a line ending on a colon before a quotation's opening mark introduces what is quoted (说话慢声细语：/“阿拉…), and
# one before a digit the figures it gives (水位也在上涨：/22日8时为35.12米)
COLONS = ("：", ":")
QUOTE_OPENERS = ("“", "「", "『")
INTRODUCED_OPENERS = (*QUOTE_OPENERS, *"0123456789")
QUOTED_PAIR_END = "”"  # a line ending on a quoted term
# ... unless the input set both letters full width (ＴＣ|Ｌ): each fills a cell of the column as a Han
# character does, and the column breaks words of them anywhere, as it breaks Han words (FULLWIDTH_ALNUM:
# normalize turns a run of them at once, and a letter's span in the input is its run's)


def full_line_reason(width: float) -> str:
    """The reason a wrap's line gives for its join: it fills the column, `width` wide, and ends no sentence.

    >>> full_line_reason(12.5)
    '左行占满栏宽（12.5字）且无句末标点'
    """
    return f"左行占满栏宽（{width:g}字）且无句末标点"


@functools.lru_cache(maxsize=256)
def full_line_message(width: float) -> str:
    """A plain wrap's message (R102, no evidence but its full line `width` wide), interned: a page has a few widths.

    >>> full_line_message(12.0)
    '硬换行：左行占满栏宽（12字）且无句末标点'
    """
    return sys.intern(f"硬换行：{full_line_reason(width)}")


class Judge(EvidenceReader):
    """Decides one gap at a time, from the evidence `EvidenceReader` reads there."""

    @classmethod
    def for_context(cls, context: Context, stage_text: str | None = None) -> Judge:
        """A judge for one run of the stage; `stage_text` is the text the stage was given, if it is known."""
        enabled = frozenset(r for r in ("R101", "R102", "R103", "R104") if context.rules.enabled(r))
        # the weights (and the plans they make as gaps are judged) are kept per rule set, not per document
        weights = context.resources.get(
            f"rejoin.weights.{id(context.rules)}", lambda: Weights.from_rules(context.rules)
        )
        return cls(context, weights, enabled, layout_rules(context).opener, stage_text=stage_text)

    def __call__(self, text: str, gap: Gap, figure_ends: frozenset[int] | None = None) -> Finding | None:
        """The finding at `gap`, or None; `figure_ends`, the page's `figure_line_ends` if known, spares most gaps
        the table tests."""
        if gap.kind in ("wrap", "line") and between_table_rows(text, gap.start, gap.end, figure_ends):
            return None  # a table's rows whose blank lines OCR dropped
        if gap.kind in ("blank", "wide") and between_row_paragraphs(text, gap.start, gap.end, figure_ends):
            return None  # a table set a row a paragraph: a row's last figure and the next one's rank are no cut number
        if gap.kind == "wrap":
            return self._wrap(text, gap) if "R102" in self.enabled else None
        if gap.kind != "line" and self.ended_sentence_stays(text, gap):
            return self.quoted_sentence_end(text, gap) if "R103" in self.enabled else None
        # asked before the gap is judged: a first round may join nothing here, and a later one sees the lines joined
        after_short_line = gap.kind != "line" and self._after_short_line(text, gap)
        finding = self._block_gap(text, gap) if "R101" in self.enabled else None
        if finding is not None and after_short_line:
            finding = only_suggested(finding, self.weights.short_line_cap)
        if finding is None and "R103" in self.enabled:
            finding = self.quoted_sentence_end(text, gap)
        return finding

    def ended_sentence_stays(self, text: str, gap: Gap) -> bool:
        """Whether R101 leaves a gap between blocks after a sentence's own mark (`ends_on_sentence_mark`) without
        asking its tests: none but a dateline alone (`dateline_cut`) or a speaker's label before a colon
        (`label_cut`) joins there, and no test's note for later rounds is taken there (the short lines' tests
        need a line ending on a letter, a digit or a comma). Most gaps of a page; the rest go to the whole judge.

        >>> judge, text = Judge.for_context(Context.default()), "会议圆满结束。\\n\\n新工艺引起了兴趣。"
        >>> judge.ended_sentence_stays(text, Gap(7, 9, "blank", Block(0, 7, BODY), Block(9, 18, BODY)))
        True
        """
        if not ends_on_sentence_mark(text, gap, self.weights.ellipsis_runs_on):
            return False
        return text[gap.right.start : gap.right.start + 1] not in COLONS and not self.dateline_cut(
            text, gap.left, gap.right
        )

    def verdicts(self, text: str, gaps: Iterable[Gap]) -> Iterator[tuple[Gap, Finding]]:
        """Each of `gaps` the judge joins, with its finding, as `__call__` gives it; but a wrap after its block's
        first mark, between two lines that end on no figure, is decided at once: nothing but its line's width
        is read there (most breaks of a hard-wrapped page; see `_wrap`).

        >>> from cleaner.pipeline import Context
        >>> from cleaner.stages.layout import load_layout_rules, segment
        >>> page = "标题\\n\\n他说，今年的粮食产量\\n比去年增长了一成。\\n\\n收成好。"
        >>> blocks = segment(page, load_layout_rules())
        >>> wrap = page.index("\\n比")
        >>> gaps = [Gap(wrap, wrap + 1, "wrap", blocks[1], blocks[1])]
        >>> judge = Judge.for_context(Context.default())
        >>> [(found.rule, found.message) for _, found in judge.verdicts(page, gaps)]
        [('R102', '硬换行：左行占满栏宽（10字）且无句末标点')]
        >>> list(judge.verdicts(page, gaps)) == [(gaps[0], judge(page, gaps[0]))]
        True
        """
        confidence = logistic(self.weights.wrap_bias)
        plain = "R102" in self.enabled and confidence >= self.weights.min_confidence
        figure_ends = figure_line_ends(text)
        block, mark = None, 0
        for gap in gaps:
            found: Finding | None = None
            if plain and gap.kind == "wrap":
                if gap.left is not block:
                    block = gap.left
                    mark = first_prose_mark(text, block.start, block.end)
                found = self._plain_wrap(text, gap, mark, figure_ends, confidence)
            if found is None:
                found = self(text, gap, figure_ends)
            if found is not None:
                yield gap, found

    def _plain_wrap(
        self, text: str, gap: Gap, mark: int, figure_ends: frozenset[int], confidence: float
    ) -> Finding | None:
        """`_wrap`'s finding (its `confidence`: `wrap_bias`'s) at a wrap after its block's first prose mark (`mark`),
        where the lines on either side end on no figure (`figure_ends`: then they are no table's rows) and no two
        Latin letters meet: the column's full line; None where the wrap needs the whole judge."""
        start, end = gap.start, gap.end
        if mark >= start or (text[start - 1 : start] in LATIN_LETTERS and text[end : end + 1] in LATIN_LETTERS):
            return None
        if a_line_ends_on_figure(text, start, end, figure_ends):
            return None
        block_start = gap.left.start
        width = display_width(text[max(text.rfind("\n", block_start, start) + 1, block_start) : start])
        return Finding("R102", start, end, full_line_message(width), "", confidence)

    def quoted_sentence_end(self, text: str, gap: Gap) -> Finding | None:
        """R103: a break after a full stop inside a quotation the right block goes on to close."""
        left, right = gap.left, gap.right
        if left.kind != "body" or right.kind != "body" or (gap.kind == "line" and (left.column or right.column)):
            return None
        if not sentence_ended(text[max(left.start, gap.start - 30) : gap.start]):
            return None
        if not self._marks(text, left.start, right.end).quotation_spans(left.start, gap.start, gap.end, right.end):
            return None
        reasons = ["左段句末标点在未闭合的引号内", "右段先闭合引号而未开新引号"]
        return self._finding("R103", text, gap, self.weights.quote_log_odds, "跨页断句", reasons)

    def _finding(self, rule: str, text: str, gap: Gap, z: float, title: str, reasons: list[str]) -> Finding | None:
        confidence = logistic(z)
        if confidence < self.weights.min_confidence:
            return None
        left, right = text[gap.start - 1 : gap.start], text[gap.end : gap.end + 1]
        replacement = " " if left in LATIN_LETTERS and right in LATIN_LETTERS else ""
        if replacement and (
            (self._set_full_width(text, gap.start - 1) and self._set_full_width(text, gap.end))
            or in_address(text, gap.start, gap.end)
            or in_latin_token(text, gap.start, gap.end)
        ):
            replacement = ""
        # interned: a page's joins share a handful of reasons, and each report row kept its own copy
        # (175,000 joins of a 20 MB page held 20 MB of the same messages)
        message = sys.intern(f"{title}：{'，'.join(reasons)}")
        return Finding(rule, gap.start, gap.end, message, replacement, confidence)

    def _set_full_width(self, text: str, position: int) -> bool:
        """Whether the input had a full-width letter at `position` of the stage's text (normalize made it
        half width); unknown, as in a later round's joined text, counts as no.

        >>> text = "GD\\nP"
        >>> judge = Judge.for_context(Context.default(), text)
        >>> judge._set_full_width(text, 0), judge._set_full_width("other", 0)
        (False, False)
        """
        document = self.context.document
        if document is None or text is not self.stage_text:
            return False
        start, end = self.context.to_original(position, position + 1)
        return FULLWIDTH_ALNUM.fullmatch(document.text[start:end]) is not None

    def _wrap(self, text: str, gap: Gap) -> Finding | None:
        # the layout stage joined these lines into one paragraph: the line fills the column
        block = gap.left
        line_start = text.rfind("\n", block.start, gap.start) + 1
        line = text[max(line_start, block.start) : gap.start]  # the left line, up to the break
        width = display_width(line)
        reasons = [full_line_reason(width)]
        z = self.weights.wrap_bias
        # a line ending on a colon before a quotation's opening mark introduces what is quoted (说话慢声细语：/
        # “阿拉上海人讲究…), and one before a digit the figures it gives (水位也在上涨：/22日8时为35.12米): prose,
        # though a colon is no punctuation a headline lacks (上海：查补税款三亿元)
        # (tuples, not strings: the empty slice at the text's edge is in every string)
        introduces_quote = (
            text[gap.start - 1 : gap.start] in COLONS and text[gap.end : gap.end + 1] in INTRODUCED_OPENERS
        )
        # quoted terms listed back to back (账单上“本期电量”“累计电量” / “阶梯档位”三栏…), the break between two of
        # them: a headline may end on a quoted term, seldom on two in a row (corpus/modern_clean 290)
        if line.endswith(QUOTED_PAIR_END) and "”“" in line and text[gap.end : gap.end + 1] == "“":
            introduces_quote = True
        # a colon after a clause too long for a headline's label, the line going on past it, is a sentence's
        clause_colon = self.weights.colon_clause
        if clause_colon is not None and clause_colon.search(line):
            introduces_quote = True
        # a news item's dateline ending on its reporter's 报道： (本报北京1月15日讯记者贾西平报道：/ 我国科
        # 技…): the corpus runs the item's text on after it every time, where the model reads a headline's label
        reported = self.weights.reported_dateline
        if reported is not None and line.endswith(COLONS) and reported.match(line):
            introduces_quote = True
        if (
            not introduces_quote
            and first_prose_mark(text, block.start, block.end) >= gap.start
            and not figure_across(text, gap.start, gap.end, self.weights.figure)
        ):
            # no punctuation yet: a headline or byline may happen to fill the column (none is cut in a figure)
            z_block, evidence_reasons = self.wrap_as_block_gap(text, gap)
            z = z_block + self.weights.wrap_shift
            reasons += evidence_reasons
        return self._finding("R102", text, gap, z, "硬换行", reasons)

    def wrap_as_block_gap(self, text: str, gap: Gap) -> tuple[float, list[str]]:
        """The block-gap score of a wrap, the lines before and after it taken as two blocks."""
        block, layout = gap.left, self.layout
        _, breaks, spaced_end = block_lines(text, block.start, block.end, self.weights.spaced_exempt)
        before, after = bisect_left(breaks, gap.start), len(breaks) - bisect_left(breaks, gap.end)
        line = text[max(block.start, text.rfind("\n", block.start, gap.start) + 1) : gap.start]
        copy = doubled_across(text, gap.start, gap.end)
        topic = text[gap.end + copy : gap.end + copy + 1] in RESTATED_TOPIC_MARKS
        if copy and not topic and block.column and display_width(line) >= block.column and not LIST_ITEM.match(line):
            # a word typed twice across the wrap (在中国 | 中国加入) is read as the duplicates stage leaves it, with one
            # copy: the doubling, no sign of a heading, would make the model read a paragraph's first line as one. Only
            # where the line fills the column to its last cell, as running text does, and not after an enumerator: a
            # subhead's paragraph may restate its last words (一、坚持改革开放 | 改革开放是…; the training articles'
            # headline-shaped blocks, 9 of 2,748: 中共伊克昭盟委员会书记邢云 | 邢云，１９５２年生). Nor where the second
            # copy stands alone before a mark (邢云，): a topic restated, as a profile restates its heading's last name
            text = text[: gap.end] + text[gap.end + copy :]
            block = block._replace(end=block.end - copy)
        # text longer than any class allows is body: not joined into a string at every wrap of a long block
        left_kind = right_kind = BODY
        if gap.start - block.start - before <= layout.longest(1):
            left_kind, _ = classify(text[block.start : gap.start].replace("\n", ""), layout)
        if block.end - gap.end - after <= layout.longest(1):
            right_kind, _ = classify(text[gap.end : block.end].replace("\n", ""), layout)
        left = Block(block.start, gap.start, left_kind)
        right = Block(gap.end, block.end, right_kind)
        # the first spaced pair of the block is the first of any stretch from its start (a pair is Han, spaces, Han)
        found = self.evidence(text, Gap(gap.start, gap.end, "blank", left, right), spaced=spaced_end <= gap.start)
        if found is None:
            return -10.0, ["左侧像独立成行的标题或署名"]
        features, reasons = found
        return self.weights.log_odds(features), reasons

    def dateline_cut(self, text: str, left: Block, right: Block) -> bool:
        """Whether `left` is a news item's dateline standing alone and `right` running text: the item's text, cut off
        after it by a page or column break (本报讯（记者 周宁） | 12月5日，…), joined with `dateline_log_odds`."""
        alone = self.weights.dateline_alone
        return alone is not None and right.kind == BODY and alone.match(text[left.start : left.end].strip()) is not None

    def year_cut(self, text: str, left: Block, right: Block) -> bool:
        """Whether `left` is one to three digits alone (a page number's shape) that the digits opening `right` complete
        into a year before its 年 (19 | 97年使…), or holding a month's or a day's number whole before its 月 or 日
        (9 | 月以来): a paragraph's first word cut, joined with `split_year_log_odds` (rejoin_dates).

        >>> judge, text = Judge.for_context(Context.default()), "厚重。\\n\\n19\\n\\n97年使这种"
        >>> judge.year_cut(text, Block(5, 7, "furniture"), Block(9, 16, BODY))
        True
        >>> judge.year_cut("3\\n\\n97年的经验", Block(0, 1, "furniture"), Block(3, 9, BODY))
        False
        """
        digits, opening = text[left.start : left.end].strip(), text[right.start : right.start + OPENING_REACH]
        return digits_complete_date(digits, opening, self.weights.split_year, self.weights.split_month_day)

    def bound_opening(self, text: str, left: Block, right: Block) -> bool:
        """Whether running text `right` opens on a particle that opens no sentence (的两百多名员工…) after running text
        or a short block (`left`) left unfinished: one sentence cut before its particle, joined with
        `bound_opening_log_odds`.

        >>> judge, text = Judge.for_context(Context.default()), "公司今年新招\\n\\n的两百多名员工，大部分是本地人。"
        >>> judge.bound_opening(text, Block(0, 6, BODY), Block(8, 24, BODY))
        True
        >>> text = "公司今年新招了员工\\n\\n的确，大部分是本地人。"  # 的 opening a word
        >>> judge.bound_opening(text, Block(0, 9, BODY), Block(11, 22, BODY))
        False
        """
        opening = self.weights.bound_opening
        if opening is None or left.kind not in (BODY, "short") or right.kind != BODY:
            return False
        # the opening first: it settles most gaps at once, where ends_sentence may search the left block's last words
        if opening.match(text[right.start : right.start + OPENING_REACH]) is None:
            return False
        return not sentence_ended(text[max(left.start, left.end - 30) : left.end])

    def full_line_goes_on(self, text: str, gap: Gap) -> bool:
        """Whether a single line break after a column's full line ending a sentence lies inside its paragraph
        (`full_line_runs_on`), the page (the first round's) parting its paragraphs by blank lines."""
        if self.weights.full_line_runs_on_log_odds is None:
            return False
        if not full_line_runs_on(text, gap.left, gap.right, self.layout):
            return False
        if self._by_blank_lines is None:
            page = self.page
            self._by_blank_lines = (
                page is not None and BLANK_LINE.search(page[0]) is not None and parts_paragraphs_by_blank_lines(*page)
            )
        return self._by_blank_lines

    def _after_short_line(self, text: str, gap: Gap) -> bool:
        """Whether a gap follows a column's short last line, open, before a sentence's opening (rejoin_paragraph_ends);
        remembered by the text around it, since later rounds see the block's wraps joined."""
        opening = self.weights.short_line_opening
        gains = (self.weights.stop_gain, self.weights.full_line_stop_gain)
        if opening is not None and opens_after_short_line(text, gap.left, gap.right, opening, self._stop_gain, gains):
            self._suggested_ends.add(around(text, gap.start, gap.end))
            return True
        return bool(self._suggested_ends) and around(text, gap.start, gap.end) in self._suggested_ends

    def _stop_gain(self, left: str, right: str) -> float:
        """The model's log10 gain of 。 over ， between `left` and `right`; 0.0 where kenlm is not installed."""
        model = self.language_model()
        if model is None:
            return 0.0
        return float(model.score(left + "。" + right) - model.score(left + "，" + right))

    def _block_gap(self, text: str, gap: Gap) -> Finding | None:
        if gap.kind != "line":
            # a paragraph's last line: no column is cut there (its stop lost to OCR); remembered for later rounds,
            # which see the block's lines joined
            if stops_short(text, gap.left):
                self._paragraph_ends.add(around(text, gap.start, gap.end))
                return None
            if self._paragraph_ends and around(text, gap.start, gap.end) in self._paragraph_ends:
                return None
        if gap.kind == "line" and self.full_line_goes_on(text, gap):
            reasons = ["左段末行占满栏宽，句末之后下一行紧接（本页以空行分段）"]
            return self._finding("R101", text, gap, self.weights.full_line_runs_on_log_odds or 0.0, "断行", reasons)
        if self.dateline_cut(text, gap.left, gap.right):
            reasons = list(DATELINE_REASONS)
            return self._finding("R101", text, gap, self.weights.dateline_log_odds, "跨页断句", reasons)
        if self.year_cut(text, gap.left, gap.right):
            reasons = ["左段的数字与右段开头的数字合成年份"]
            return self._finding("R101", text, gap, self.weights.split_year_log_odds, "跨页断句", reasons)
        if turn_cut(text, gap.left, gap.right, self.layout.speaker):
            reasons = ["左段是访谈中未说完的一段话", "右段接着说下去"]
            return self._finding("R101", text, gap, self.weights.turn_cut_log_odds, "跨页断句", reasons)
        if label_cut(text, gap.left, gap.right, self.layout.speaker):
            reasons = ["左段是访谈中说话人的名字", "右段以名字后的冒号开头"]
            return self._finding("R101", text, gap, self.weights.turn_cut_log_odds, "跨页断句", reasons)
        if self.bound_opening(text, gap.left, gap.right):
            reasons = ["左段无句末标点", "右段以不能开句的助词开头"]
            return self._finding("R101", text, gap, self.weights.bound_opening_log_odds, "跨页断句", reasons)
        found = self.evidence(text, gap)
        if found is None:
            return None
        features, reasons = found
        z = self.weights.log_odds(features)
        return self._finding("R101", text, gap, z, "断行" if gap.kind == "line" else "跨页断句", reasons)
