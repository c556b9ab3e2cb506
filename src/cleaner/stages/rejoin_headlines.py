"""R101: a headline after a sentence cut short, or a subhead before a quoted remark, only suggested as the text's start.

A headline may stand between the halves of a sentence a column break cut (the next item's headline,
set above the rest of the sentence): joined to the text after it, the next round would join the text
before it too, and the headline would be glued into the sentence. So such a join is only suggested,
unless the heading-shaped block plainly opens the paragraph after it (`_opens_right_half`). And a subhead before
a paragraph opening with a quoted remark is no paragraph's first line cut off (`heading_before_remark`).

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> judge = Judge.for_context(Context.default())
>>> page = "大桥恢复通车后，城南城北之间\\n\\n“年货一条街”人气旺\\n\\n的交通压力将明显缓解。"
>>> _, headline, right = blocks_of(page, judge.context)
>>> gap = Gap(headline.end, right.start, "blank", headline, right)
>>> headline_after_cut(page, gap, judge(page, gap), judge).message.endswith("仅建议")
True
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Finding
from ..patterns import BLANK_LINE, CLOSERS, PROSE_MARK, STOPS
from .layout import classify, layout_rules
from .layout_measures import ends_sentence
from .rejoin_between import ARTICLE_START_REACH, HEADLINES
from .rejoin_candidates import DASH_END
from .rejoin_columns import RUNNING
from .rejoin_gaps import Gap
from .rejoin_judge import Judge
from .rejoin_signals import WINDOW, heading_opens_right

CUT_REACH = 80  # characters before a headline read for the sentence it may cut
HEADING_SHAPED = frozenset({"short", "headline"})  # the classes of a subhead standing alone
CLOSED_BLOCKS = frozenset({"credited", "caption"})  # blocks a photographer's credit or a picture note closes
SENTENCE_REACH = 40  # characters before a subhead that tell whether a sentence ends there
# A quotation holding a sentence end at the start of a block: a quoted remark, which opens its paragraph
QUOTED_REMARK = re.compile(f"“[^“”]{{0,150}}[。！？!?][{CLOSERS}]*”")
REMARK_REACH = 200  # characters of the block after the subhead read for it


def headline_after_cut(text: str, gap: Gap, join: Finding, judge: Judge) -> Finding:
    """A join of a headline into the running text after it, only suggested when the text before the headline is a
    sentence cut short: the headline may stand between the halves of that sentence, and once joined to one half, the
    next round would join the other to it, gluing the headline into the sentence. (R104 moves it when a new article
    opens after the right half; where none does, the headline's place is not known, and the cut stays.)

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "大桥恢复通车后，城南城北之间\\n\\n“年货一条街”人气旺\\n\\n的交通压力将明显缓解。"
    >>> left, headline, right = blocks_of(page, judge.context)
    >>> gap = Gap(headline.end, right.start, "blank", headline, right)
    >>> join = judge(page, gap)
    >>> join.confidence >= 0.8, headline_after_cut(page, gap, join, judge).confidence
    (True, 0.5)
    >>> credited = "这是志愿者在检查暖气。 本报记者 刘志刚 摄\\n\\n记者从区供热\\n\\n办了解到，下一步将推进改造。"
    >>> _, heading, rest = blocks_of(credited, judge.context)
    >>> at = Gap(heading.end, rest.start, "blank", heading, rest)
    >>> headline_after_cut(credited, at, judge(credited, at), judge).confidence >= 0.8
    True
    >>> finished = page.replace("之间", "之间畅通。")
    >>> headline_after_cut(finished, gap._replace(start=gap.start + 3, end=gap.end + 3), join, judge) is join
    True
    """
    if join.rule != "R101" or gap.left.kind not in HEADLINES or gap.right.kind not in RUNNING:
        return join
    before = text[max(0, gap.left.start - CUT_REACH) : gap.left.start]
    left = before.rstrip()
    if not left or left[-1] in STOPS or before.count("\n", len(left)) < 2:
        return join  # the text before ends its sentence, or runs on into the headline's line
    if not PROSE_MARK.search(left[left.rfind("\n") + 1 :]):
        return join  # no running text before: a headline or a label
    last_block = left[left.rfind("\n\n") + 1 :].strip().replace("\n", "")
    if classify(last_block, layout_rules(judge.context))[0] in CLOSED_BLOCKS:
        return join  # a caption closed by its credit (…检查室内暖气。 本报记者 刘志刚 摄): no sentence runs on past it
    if _opens_right_half(text, gap, left[left.rfind("\n\n") + 1 :].replace("\n", ""), judge):
        return join
    confidence = min(join.confidence, judge.weights.min_confidence)
    return replace(join, confidence=confidence, message=f"{join.message}，标题前的句子未完：标题或隔在断句之间，仅建议")


def _opens_right_half(text: str, gap: Gap, before: str, judge: Judge) -> bool:
    """Whether the heading-shaped block before `gap` opens the paragraph after it, though the text `before` it is
    unfinished: that ends on a dash (试举一例———), the join opens a news item (本报北京1|月1日讯), or it is short (a
    subhead) and the model reads it ending there by R101 `heading_opens_right` likelier than running on past the block.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "全总发出通知，要求做好送温暖工作\\n\\n本报北京1\\n\\n月1日讯 全总今天发出通知。"
    >>> subhead, heading, right = blocks_of(page, judge.context)
    >>> _opens_right_half(page, Gap(heading.end, right.start, "blank", heading, right), page[: subhead.end], judge)
    True
    """
    if DASH_END.search(before):
        return True
    heading = text[gap.left.start : gap.start].replace("\n", "")
    opening = heading + text[gap.end : gap.end + ARTICLE_START_REACH]
    if judge.weights.article_start is not None and judge.weights.article_start.match(opening):
        return True
    least, model = judge.weights.heading_opens_right, judge.language_model()
    if least is None or model is None or classify(before, layout_rules(judge.context))[0] != "short":
        return False
    return heading_opens_right(model, before, heading, text[gap.end : gap.end + WINDOW]) >= least


def heading_before_remark(text: str, gap: Gap, join: Finding, judge: Judge) -> Finding:
    """A join of a heading-shaped block standing after a finished sentence into running text that opens with a
    quoted remark (a quotation holding a sentence end: “孩子放学早，…接孩子。”), only suggested: such a remark opens
    its paragraph unless a colon or a comma leads into it, so the block is a subhead (补齐短板，“一老一小”有人照应,
    as wide as the column), not the paragraph's first line cut off by a column break.

    On the training side, 2 of 385 title-shaped paragraphs after a sentence end stand before such a remark, and a
    paragraph's first 30 characters hold one not after a mark 3 times in 12,703 paragraphs: a cut there is rarer still.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "覆盖城市社区的81.6%。\\n\\n补齐短板，“一老一小”有人照应\\n\\n"
    >>> page += "“孩子放学早，我们下班晚，以前最头疼的就是接孩子。”在江北区"
    >>> _, subhead, right = blocks_of(page, judge.context)
    >>> gap = Gap(subhead.end, right.start, "blank", subhead, right)
    >>> join = judge(page, gap)
    >>> join.confidence >= 0.8, heading_before_remark(page, gap, join, judge).confidence
    (True, 0.5)
    >>> plain = page.replace("“孩子放学早", "孩子放学早").replace("孩子。”", "孩子。")
    >>> heading_before_remark(plain, gap, join, judge) is join
    True
    """
    if join.rule != "R101" or gap.left.kind not in HEADING_SHAPED or gap.right.kind not in RUNNING:
        return join
    if text[gap.end : gap.end + 1] != "“":
        return join  # most gaps
    before = text[max(0, gap.left.start - SENTENCE_REACH) : gap.left.start].rstrip()
    if before and not ends_sentence(before):
        return join  # the block may stand between the halves of a cut sentence: headline_after_cut's question
    opening = text[gap.end : gap.end + REMARK_REACH]
    opening = BLANK_LINE.split(opening, maxsplit=1)[0].replace("\n", "")  # its paragraph's lines, as a column sets them
    if not QUOTED_REMARK.match(opening):
        return join
    confidence = min(join.confidence, judge.weights.min_confidence)
    return replace(join, confidence=confidence, message=f"{join.message}，右段以完整引语起段：左段或为小标题，仅建议")
