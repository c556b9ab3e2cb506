"""R104: another article's headline (and its subhead) and byline between the halves of a sentence a column break cut.

A headline over its byline (老字号里的新生意 / 本报记者 孙海涛) opens an article: after a paragraph cut short (its rest
on another page) the text under them is that article's lead, and the judge's evidence, which reads mostly how
unfinished the left half is, cannot tell the two apart. What can is the right side's first words: a lead opens as a
paragraph does, the rest of a cut sentence reads far better after the left half than at a paragraph's start (the
evidence's `lm_start`). Only past R104 `byline_between_lm_start` are the headline and byline taken for blocks between
the halves, and moved after the paragraph like a caption.

On the tuning fold (sp_tune.klm, articles its model has not seen), a paragraph cut at a random point with a headline and
byline after it: of 172 cuts whose rest follows, 81 read on past 1.5 (95 past 1.0); of 170 whose next article's lead
follows (its dateline taken off), none does (one past 1.0).

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.layout import blocks_of
>>> judge = Judge.for_context(Context.default())
>>> page = "该区还探索“河长+警长”等协作机制,聘请了\\n\\n护河志愿者的一天\\n\\n本报通讯员 赵文静\\n\\n"
>>> page += "一批热心群众担任民间河长。"
>>> [page[b.start : b.end] for b in headline_and_byline_after(page, blocks_of(page, judge.context), 0, judge)]
['护河志愿者的一天', '本报通讯员 赵文静']
>>> lead = page.replace("一批热心群众担任民间河长。", "7月20日清晨,记者跟随志愿者沿河巡查。")
>>> headline_and_byline_after(lead, blocks_of(lead, judge.context), 0, judge)
[]
>>> subheaded = page.replace("护河志愿者的一天\\n\\n", "护河志愿者的一天\\n\\n——记清源区民间河长王秀英\\n\\n")
>>> between = headline_and_byline_after(subheaded, blocks_of(subheaded, judge.context), 0, judge)
>>> [subheaded[b.start : b.end] for b in between]
['护河志愿者的一天', '——记清源区民间河长王秀英', '本报通讯员 赵文静']
"""

from __future__ import annotations

from collections.abc import Sequence

from .layout import Block
from .layout_measures import ends_sentence
from .rejoin_between import HEADLINES
from .rejoin_columns import RUNNING
from .rejoin_gaps import Gap
from .rejoin_judge import Judge

SENTENCE_TAIL = 40  # characters of the left half's end that tell whether it ends its sentence
BYLINE = "byline"
SUBHEAD = "subhead"


def headline_and_byline_after(text: str, blocks: Sequence[Block], index: int, judge: Judge) -> list[Block]:
    """The headline and byline between running text `blocks[index]`, which stops short of its sentence's end, and
    running text whose first words read as that sentence's rest (R104 `byline_between_lm_start`), if they stand there.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import blocks_of
    >>> judge = Judge.for_context(Context.default())
    >>> page = "该区还聘请了一批热心群众。\\n\\n护河志愿者的一天\\n\\n本报通讯员 赵文静\\n\\n担任民间河长。"
    >>> blocks = blocks_of(page, judge.context)  # a finished paragraph: the headline heads the article under it
    >>> [block.kind for block in blocks], headline_and_byline_after(page, blocks, 0, judge)
    (['body', 'section', 'byline', 'body'], [])
    """
    least = judge.context.rules.option("R104", "byline_between_lm_start", None)
    if least is None or index + 3 >= len(blocks):
        return []
    # the headline may have its —— subhead under it (the seed's debris: 用“保姆式”服务… / ——魏都区… / 本报记者…)
    heads = 3 if blocks[index + 2].kind == SUBHEAD else 2
    if index + heads + 1 >= len(blocks):
        return []
    left, headline, *_, byline, right = blocks[index : index + heads + 2]
    if left.kind not in RUNNING or headline.kind not in HEADLINES or byline.kind != BYLINE or right.kind not in RUNNING:
        return []
    if ends_sentence(text[max(left.start, left.end - SENTENCE_TAIL) : left.end]):
        return []  # a headline after a finished paragraph heads the article under it
    found = judge.evidence(text, Gap(left.end, right.start, "blank", left, right._replace(kind="body")))
    if found is None or found[0].get("lm_start", 0.0) < float(least):
        return []
    return list(blocks[index + 1 : index + heads + 1])
