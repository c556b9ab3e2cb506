"""R104: a sentence cut by a column break with a caption, a running head or a date line between its halves.

A page's pictures and furniture sit where the layout put them, often between the two halves of a
sentence that a column break cut. Such blocks are judged as if they were not there: the halves are
weighed as one gap by the rejoin evidence, and when the join is likely, the sentence is made whole
and the blocks between move, unchanged, to after its paragraph: one finding deletes them with the
gap, another, with the same confidence and reasons, inserts them after the paragraph. The right half
lies between the two and is no part of either, so what a later stage fixes in it (a doubled word) is
a change of its own. The pair applies together: nothing else the stage finds reaches into the right
half's end, and none is found where a pair moved blocks to.

Which blocks may stand between the halves (a caption, a jump pair, a box, the next item's headline) is
rejoin_between.py's question; this module weighs the halves around them and moves them.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> from cleaner.stages.rejoin_judge import Judge
>>> text = "集团的新装备、新工艺和新\\n\\n图为产业园一角。本报记者 许廷合摄\\n\\n技术引起了恒大集团的极大兴趣。\\n"
>>> judge = Judge.for_context(Context.default())
>>> [(f.rule, f.start, f.end, f.replacement) for f in joins_across(text, blocks_of(text, judge.context), judge)]
[('R104', 12, 33, ''), ('R104', 48, 48, '\\n\\n图为产业园一角。本报记者 许廷合摄')]
>>> cut = "展览将持续至6月。苏珊·帕克表示，\\n\\n3 国际 2025年1月6日 星期一\\n\\n"  # the page ends cut short:
>>> cut += "展览中的唐代骆驼俑让她印象深刻。主办方还将举办讲座，帮助观众更好地"
>>> [f.replacement for f in joins_across(cut, blocks_of(cut, judge.context), judge)]
['', '\\n\\n3 国际 2025年1月6日 星期一']
>>> cut = "全力推动投产项目早见效，\\n\\n海滨开发区报 2023年11月24日 第2版\\n\\n努力在全市"  # cut to a label's length
>>> [f.replacement for f in joins_across(cut, blocks_of(cut, judge.context), judge)]
['', '\\n\\n海滨开发区报 2023年11月24日 第2版']
>>> cut = "据统计，去年日本的出口额为103\\n\\n俄白两国签署经济合作协议\\n\\n0亿美元，比前年下降3.4%。"
>>> [f.replacement for f in joins_across(cut, blocks_of(cut, judge.context), judge)]  # another brief's headline
['', '\\n\\n俄白两国签署经济合作协议']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..model import Finding
from ..patterns import BLANK_LINE
from .layout import Block
from .layout_measures import ends_sentence
from .rejoin_between import HEADLINES, box_after, headline_after, movable_after, opens_on_dateline
from .rejoin_brackets import open_bracket_closed_by
from .rejoin_bylines import headline_and_byline_after
from .rejoin_candidates import COMMAS
from .rejoin_columns import RUNNING, column_lines, paragraph_end, parts_paragraphs_by_blank_lines
from .rejoin_evidence import CLASS_NAMES
from .rejoin_gaps import Gap
from .rejoin_judge import DATELINE_REASONS, LATIN_LETTER, Judge
from .rejoin_tokens import number_across
from .rejoin_weights import logistic

SENTENCE_TAIL = 40  # characters of a block's end that tell whether it ends its sentence
SINGLE_BREAK_AFTER = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*\S")  # the next line follows with no blank line


def joins_across(
    text: str, blocks: Sequence[Block], judge: Judge, wraps: Sequence[Finding] = (), min_confidence: float = 1.0
) -> list[Finding]:
    """A finding for each sentence cut with movable blocks between its halves that reads as one.

    Each such sentence gets two findings: the join, which deletes the gap and the blocks between the
    halves, and the insertion of those blocks after the right half's paragraph (the right half itself
    is no part of either, so a later fix inside it, a doubled word deleted, is a change of its own).
    `wraps` are the R102 joins: a right half in a short run goes on through the confident ones, and
    through the one between two column lines (`column_lines`), which then joins with the sentence.
    """
    findings: list[Finding] = []
    confident = WrapsByStart([w for w in wraps if w.confidence >= min_confidence])
    every: WrapsByStart | None = None  # every join, only suggested or not: built when first asked
    by_blank_lines: bool | None = None  # read off the page when a cut is first seen
    sets_apart = True
    for index, left in enumerate(blocks):
        between = movable_after(text, blocks, index)
        boxed = bylined = False  # what stands between: a box of short lines, or another item's headline and byline
        if not between and not left.column:
            between = box_after(text, blocks, index, judge)
            boxed = bool(between)
        if not between and index + 1 < len(blocks) and blocks[index + 1].kind in HEADLINES:
            between = headline_after(blocks, index)
            if between and ends_sentence(text[max(left.start, left.end - SENTENCE_TAIL) : left.end]):
                continue  # a headline after a finished paragraph heads what follows: most headlines stand so
        if not between:
            between = headline_and_byline_after(text, blocks, index, judge)
            bylined = bool(between)
        if not between or index + len(between) + 1 >= len(blocks):
            continue
        if findings and findings[-1].start == left.end:
            continue  # blocks already moved to this paragraph's end: a join here would glue them to the next
        first = index + len(between) + 1
        pair = None  # the join inside a right half of two column lines, too short a run for the layout's column
        if left.column and column_lines(text, blocks[first], blocks[first + 1 : first + 2], left.column):
            every = every or WrapsByStart(wraps)
            pair = every.at(blocks[first].end, blocks[first + 1].start)
        if between[0].kind in HEADLINES and blocks[first].kind not in RUNNING and pair is None and not boxed:
            continue  # a headline after the headline: no running text goes on there
        if by_blank_lines is None:
            by_blank_lines = parts_paragraphs_by_blank_lines(text, blocks)
            sets_apart = BLANK_LINE.search(text) is not None  # the page sets blocks apart by blank lines
        right = _right_half(text, blocks, first, confident, by_blank_lines, pair)
        if (
            between[0].kind in HEADLINES
            and not (boxed or bylined)
            and not opens_article_after(text, blocks, right, judge)
            and not number_across(text, left.end, right.start)
        ):
            continue  # the headline may head the right half itself, unless that goes on with a number cut in two
        inside = confident.inside(right.start, right.end) + ([pair] if pair else [])
        carried = _carried_on(text, blocks, index, judge, min_confidence) if left.kind == "short" else None
        joined = _join(text, left, between, right, judge, inside, sets_apart, carried, boxed, bylined)
        if joined and pair is not None:  # the two lines are one paragraph by the join's evidence: joined with it
            reason = "，与跨栏断句的右段同为一段：首行与左段同栏宽且句未完，次行句终"
            findings.append(
                replace(pair, confidence=max(pair.confidence, joined[0].confidence), message=pair.message + reason)
            )
        findings += joined
    return findings


def closes_bracket(text: str, left: Block, right: Block) -> bool:
    """Whether `right` is the rest of a bracket that `left` opens after its last sentence's end, up to its closer, which
    ends `right`: a paragraph's source or credit cut (…一砖一瓦。（山 | 东省枣庄市李论）, （新华 | 社稿）).

    >>> text = "一砖一瓦。（山\\n\\n东省枣庄市李论）"
    >>> closes_bracket(text, Block(0, 7, "body"), Block(9, 17, "headline"))
    True
    >>> text = "他说，（山\\n\\n东省枣庄市李论）"  # the sentence before the bracket goes on
    >>> closes_bracket(text, Block(0, 5, "body"), Block(7, 15, "headline"))
    False
    """
    tail = text[max(left.start, left.end - SENTENCE_TAIL) : left.end]
    opened = max(tail.rfind("（"), tail.rfind("("))
    half = text[right.start : right.end].rstrip()
    return (
        opened > 0
        and ends_sentence(tail[:opened])
        and not any(mark in tail[opened + 1 :] + half for mark in "（()")
        and half[-1:] in ("）", ")")
        and half.count("）") + half.count(")") == 1
    )


def _carried_on(text: str, blocks: Sequence[Block], index: int, judge: Judge, min_confidence: float) -> float | None:
    """The confidence of the join into the short block `blocks[index]` from the running text before it, weighed as
    running text, when that text stops on a comma and the join is confident: the block is then a piece of the cut
    sentence, no headline (two cuts a few characters apart: …落实“群测群防”责任，| 签订防灾责任书，发放“明白卡” |
    caption | 3200余份，…), and its sentence goes on past the blocks after it. None otherwise.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "北塘县还对隐患点逐一落实“群测群防”责任，\\n\\n签订防灾责任书，发放“明白卡”\\n\\n"
    >>> page += "图为技术人员在青石水库检查大坝。 本报记者 程浩然 摄\\n\\n3200余份，让群众知道往哪里撤。"
    >>> blocks = blocks_of(page, judge.context)
    >>> [block.kind for block in blocks[:2]], _carried_on(page, blocks, 1, judge, 0.8) > 0.8
    (['body', 'short'], True)
    >>> finished = page.replace("责任，", "责任。")
    >>> _carried_on(finished, blocks_of(finished, judge.context), 1, judge, 0.8) is None
    True
    """
    if index == 0 or blocks[index - 1].kind != "body":
        return None
    before, piece = blocks[index - 1], blocks[index]
    tail = text[max(piece.start, piece.end - SENTENCE_TAIL) : piece.end]
    if text[before.end - 1] not in COMMAS or ends_sentence(tail):
        return None
    found = judge.evidence(text, Gap(before.end, piece.start, "blank", before, piece._replace(kind="body")))
    if found is None:
        return None
    confidence = logistic(judge.weights.log_odds(found[0]))
    return confidence if confidence >= min_confidence else None


def opens_article_after(text: str, blocks: Sequence[Block], right: Block, judge: Judge) -> bool:
    """Whether the block after the right half `right` opens a news item: a dateline (R104 `article_start`) or a byline.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "城南城北之间\\n\\n的交通压力将明显缓解。\\n\\n本报讯（记者 赵晓梅）春节临近，年货街热闹起来。"
    >>> blocks = blocks_of(page, judge.context)
    >>> opens_article_after(page, blocks, blocks[1], judge), opens_article_after(page, blocks, blocks[2], judge)
    (True, False)
    """
    at = bisect_left(blocks, right.end, key=lambda block: block.start)
    if at == len(blocks):
        return False
    return blocks[at].kind == "byline" or opens_on_dateline(text, blocks[at], judge)


def _right_half(
    text: str,
    blocks: Sequence[Block],
    index: int,
    confident: WrapsByStart,
    by_blank_lines: bool = False,
    pair: Finding | None = None,
) -> Block:
    """The right half of a cut: its block, or the lines it runs on to through confident joins.

    A column's lines stand as blocks of their own where a run is too short to measure a column (the
    right half of a cut paragraph of two lines: a full line and its last); the joins judged between
    them (or `pair`, the join between two column lines: `column_lines`) say they are one paragraph,
    which moves whole, up to the line that ends its sentence. So does a right half that the next
    column cuts again, a blank line on (…多看一看、等一等，| |把握好节奏。): the blocks between the
    first halves move after the sentence's end, not into it.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> page = "引言。\\n\\n网购的包裹越来越多,他的摩\\n托车后座塞得满满当当。"
    >>> blocks = blocks_of(page, Context.default())
    >>> [b.kind for b in blocks]
    ['body', 'short', 'body']
    >>> half = _right_half(page, blocks, 1, WrapsByStart([Finding("R101", 18, 19, "m", "", 1.0)]))
    >>> page[half.start : half.end] == page[5:]
    True
    >>> page = "引言。\\n\\n投资者不妨多看一看、等一等，\\n\\n把握好买卖节奏。\\n\\n下一段。"
    >>> blocks = blocks_of(page, Context.default())
    >>> cut = WrapsByStart([Finding("R101", 19, 21, "m", "", 0.9)])
    >>> halves = _right_half(page, blocks, 1, cut), _right_half(page, blocks, 1, WrapsByStart([]))
    >>> [page[half.start : half.end][-3:] for half in halves]
    ['节奏。', '一等，']
    """
    first = last = blocks[index]
    for block in blocks[index + 1 :]:
        if (
            block.blank_lines > 1
            or block.kind not in RUNNING
            or ends_sentence(text[first.start : last.end])
            or not (confident.spans(last.end, block.start) or (pair is not None and pair.start == last.end))
        ):
            break
        last, index = block, index + 1
    last = blocks[paragraph_end(text, blocks, index, by_blank_lines)]
    if last is first:
        return first
    return Block(first.start, last.end, "body", None, text.count("\n", first.start, last.end) + 1, first.blank_lines)


class WrapsByStart:
    """Findings looked up by the span they lie strictly inside, in the order they were given.

    A page of millions of characters has tens of thousands of wraps and hundreds of sentences cut
    around a caption: reading every wrap for each of those was the rejoin stage's square.

    >>> wraps = WrapsByStart([Finding("R102", start, start + 1, "m", "") for start in (9, 2, 5)])
    >>> [w.start for w in wraps.inside(2, 10)]
    [5]
    >>> [w.start for w in wraps.inside(0, 11)]
    [9, 2, 5]
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = findings
        self.order = sorted(range(len(findings)), key=lambda index: findings[index].start)
        self.starts = [findings[index].start for index in self.order]

    def spans(self, start: int, end: int) -> bool:
        """Whether a finding spans exactly `start:end` (a join of the break there), found by its start.

        >>> WrapsByStart([Finding("R102", 9, 10, "m", "")]).spans(9, 10), WrapsByStart([]).spans(9, 10)
        (True, False)
        """
        return self.at(start, end) is not None

    def at(self, start: int, end: int) -> Finding | None:
        """The first finding spanning exactly `start:end`, if any.

        >>> WrapsByStart([Finding("R102", 9, 10, "m", "")]).at(9, 10).rule
        'R102'
        """
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, start)
        return next((self.findings[i] for i in self.order[low:high] if self.findings[i].end == end), None)

    def inside(self, start: int, end: int) -> list[Finding]:
        """The findings with `start < finding.start` and `finding.end < end`."""
        # a finding ending before `end` starts before it too: the candidates are a slice by start
        chosen = self.order[bisect_right(self.starts, start) : bisect_left(self.starts, end)]
        return [self.findings[index] for index in sorted(chosen) if self.findings[index].end < end]


def _join(
    text: str,
    left: Block,
    between: list[Block],
    right: Block,
    judge: Judge,
    wraps: list[Finding],
    sets_apart: bool,
    carried: float | None = None,
    boxed: bool = False,
    bylined: bool = False,
) -> list[Finding]:
    # the right half ends its paragraph: a join at its end would carry the moved blocks into a sentence;
    # but a page cut short ends inside its last sentence, and nothing can join after the page's last text;
    # there a short block is running text too (`last_short_is_body`, as R101 weighs it: were it refused, R101
    # would weigh the left half against the caption between and could glue the two), and so is a line read as a
    # headline (加大“ | 版头 | 打伞破网”“打财断血”) or a section label (早见效， | 版头 | 努力在全市: a label heads text
    # after it, and none follows), which the evidence weighs as R101 weighs it across a bare break.
    # A right half that only closes the left's bracket (。（山 | 东省枣庄市李论）) is the paragraph's source, cut: it
    # reads as a headline, but ends the paragraph its left half's sentence ended
    if open_bracket_closed_by(text[left.start : left.end], text[between[0].start : between[0].end]):
        return []  # the first block closes the left's bracket: it goes on from the left, it is not set between
    page_end = not text[right.end :].strip()
    closing = closes_bracket(text, left, right)
    as_body = (
        right.kind == "body"
        or closing
        or (page_end and (right.kind in HEADLINES or (right.kind == "short" and judge.weights.last_short_is_body)))
    )
    if not as_body or not (closing or ends_sentence(text[right.start : right.end]) or page_end):
        return []
    if LATIN_LETTER.match(text[left.end - 1]) and LATIN_LETTER.match(text[right.start]):
        return []  # two words of a Latin script would want a space between them
    if carried is not None:
        left = left._replace(kind="body")  # a piece of the sentence cut before it (`_carried_on`), no headline
    if judge.dateline_cut(text, left, right):
        confidence, reasons = logistic(judge.weights.dateline_log_odds), list(DATELINE_REASONS)
    else:
        gap = Gap(left.end, right.start, "blank", left, right)
        found = judge.evidence(text, gap)
        # a sentence ended inside a quotation that the right half goes on to close (…720元！| 版头 |”12月18日，):
        # R103's evidence, as across a bare break
        quoted = judge.quoted_sentence_end(text, gap) if found is None and "R103" in judge.enabled else None
        if quoted is not None:
            confidence, reasons = quoted.confidence, quoted.message.partition("：")[2].split("，")
        elif found is None:
            return []
        else:
            features, reasons = found
            confidence = logistic(judge.weights.log_odds(features))
    if confidence < judge.weights.min_confidence:
        return []
    if carried is not None and carried > confidence:
        # the sentence goes on from the text before the short block, which stops short of its end: the rest it
        # lacks is the right half, the running text after the blocks, joined with the first cut's confidence
        confidence = carried
        reasons.append("左段是上一断句的后半，句未完，随前一连接")
    moved = "、".join(dict.fromkeys(CLASS_NAMES.get(block.kind, block.kind) for block in between))
    reasons.append(f"两段之间的{'版面方框（' + str(len(between)) + ' 行）' if boxed else moved}移至段后")
    if bylined:
        reasons.append("右段开头读作左段句子的后半，标题与署名属于另一篇稿件")
    elif between[0].kind in HEADLINES and not boxed and number_across(text, left.end, right.start):
        reasons.append("右段接续左段被断开的数字，标题不在段首")
    elif between[0].kind in HEADLINES and not boxed:
        reasons.append("右段之后以电头或署名开始新稿，标题属于新稿")
    if wraps:
        cuts = sum("\n\n" in text[w.start : w.end] for w in wraps)
        parts = [f"硬换行 {len(wraps) - cuts} 处"] * (len(wraps) > cuts) + [f"断句 {cuts} 处"] * (cuts > 0)
        reasons.append(f"右段内的{'、'.join(parts)}另行连接")
    message = f"跨页断句：{'，'.join(reasons)}"
    moved = text[left.end : between[-1].end]
    if sets_apart:
        # on a page that parts its blocks by blank lines, the blocks stand apart after the paragraph, however
        # the page set them off (…卖茶，\n— 2 —\n去年…: a page number on a line of its own would otherwise
        # join the paragraph's last line); where the next paragraph follows on the next line, a blank line
        # parts them from it too
        line_start = text.rfind("\n", left.end, between[0].start) + 1  # the first block's line, its indent kept
        moved = "\n\n" + text[line_start : between[-1].end]
        if SINGLE_BREAK_AFTER.match(text, right.end):
            moved += "\n"
    return [
        Finding("R104", left.end, right.start, message, "", confidence),
        Finding("R104", right.end, right.end, message, moved, confidence, moved_from=(left.end, between[-1].end)),
    ]
