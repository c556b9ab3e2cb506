"""Which gaps the rejoin stage weighs at all: a break after a sentence's end, a list's field, a numbered section head,
a contact line or a column's short line is no candidate, and the blocks of the others are read as a join reads them.

The evidence read at a candidate is rejoin_evidence.py; the weighing, rejoin_weights.py.

>>> numbered_head("三、市场\\n\\n四、物价", 0, 4)
True
"""

from __future__ import annotations

import re

from ..patterns import CLOSERS, SEMI_ENDS, STOPS
from .layout import BODY, Block
from .layout_classes import LayoutRules
from .rejoin_brackets import whole_note
from .rejoin_fields import (
    field_in_series,
    fields_on_a_line,
    in_field_lines,
    items_on_a_line,
    labelled_head_in_series,
    part_head_in_series,
    program_or_score_line_at,
)
from .rejoin_gaps import Gap, indented
from .rejoin_signals import numbered_head_in_series
from .rejoin_tokens import SENTENCE_MARKS, ellipsis_runs_on, sentence_ended
from .rejoin_weights import Weights

COMMAS = "，,、"
# A block ending on a dash introduces the next one (试举一例———): on the training side 14 paragraphs end
# so, while 411 dashes in 1.2M characters stand inside a paragraph (a cut falls there once in 3,000).
# Not so a line of a hard-wrapped column: it ends where the column does.
DASH_END = re.compile("[—－]{2,}$")
CONTACT_REACH = (
    40  # characters before a break searched for a labelled number or address ending there (R101 contact_end)
)


def candidate_blocks(
    text: str, gap: Gap, weights: Weights, layout: LayoutRules, opener: re.Pattern[str]
) -> tuple[Block, Block] | None:
    """The blocks on either side of `gap` as a join reads them (a class that never continues, or is never
    continued, read as running text), or None where the gap is no candidate: most gaps, where the left block
    ends its sentence, and the breaks that a list's field, a section head or a column's short line ends.

    >>> from cleaner.pipeline import Context
    >>> from cleaner.stages.layout import load_layout_rules, segment
    >>> from cleaner.stages.rejoin_judge import Judge
    >>> judge = Judge.for_context(Context.default())
    >>> def candidate(text: str) -> bool:
    ...     left, right = segment(text, load_layout_rules())
    ...     gap = Gap(left.end, right.start, "blank", left, right)
    ...     return candidate_blocks(text, gap, judge.weights, judge.layout, judge.opener) is not None
    >>> candidate("会议圆满结束。\\n\\n新工艺引起了兴趣。"), candidate("新工艺和新\\n\\n技术引起了兴趣。")
    (False, True)
    """
    left, right = gap.left, gap.right
    last = text[gap.start - 1]
    # an English sentence's full stop (Put on your coat.) ends it as 。 does; ends_sentence tells it from an
    # abbreviation's (Co., U.S.)
    tail = text[max(left.start, gap.start - 30) : gap.start]
    if (
        (last in STOPS or last == ".")
        and (
            last in SEMI_ENDS
            or sentence_ended(tail)
            or text[max(left.start, gap.start - 4) : gap.start].rstrip(CLOSERS)[-1:] in SEMI_ENDS
        )
        and not ellipsis_runs_on(tail, text[gap.end : gap.end + 4], weights.ellipsis_runs_on)
    ):
        return None  # most gaps: the left block ends its sentence (or its clause: 的设施；”)
    if last in "—－" and gap.kind != "wrap" and DASH_END.search(text, max(left.start, gap.start - 3), gap.start):
        return None  # (a column's line may well end on a dash inside its paragraph)
    contact = weights.contact_end
    if (
        last.isascii()
        and last.isalnum()
        and contact
        and contact.search(text, max(left.start, gap.start - CONTACT_REACH), gap.start)
    ):
        return None  # an item ends on its telephone number or e-mail address: no sentence runs on past it
    if (
        gap.kind == "blank"
        and right.kind == BODY
        and field_in_series(text, left, gap.start, weights.field_label, layout)
    ):
        return None  # the last of a list's fields (今天：… 明天：…) ends there: running text is no part of it
    if in_field_lines(text, gap, weights.field_label):
        return None  # a list of fields set line by line (首末班时间：… / 发车间隔：…) keeps its breaks
    if fields_on_a_line(text, gap, weights.field_label):
        return None  # a record's line of fields (申请号：…　申请人：…) is whole
    if program_or_score_line_at(text, gap):
        return None  # a program's line (    print(word, n)) ends where it ends; so does the prose before one
    if part_head_in_series(text, gap):
        return None  # a numbered part's head (第六部分　操作处置与储存, 第七部分 on the page too) heads its text
    if items_on_a_line(text, gap):
        return None  # a line of names parted by full-width spaces (a bus line's stops) is a list, whole
    if whole_note(text[left.start : gap.start]):
        return None  # a note in square brackets (【演出者：甲——…；乙——…】) is complete in itself
    handle = weights.post_handle
    if handle and handle.match(text, left.start) and handle.match(text, right.start):
        return None  # two posts of a thread (@清河小馒头：… / @土城子老王：…): one ends where the next begins
    if left.kind in weights.never or right.kind in weights.never:
        return None
    if gap.kind == "blank" and left.kind in ("headline", "short") and numbered_head(text, left.start, gap.start):
        return None  # one of the page's numbered section heads (四、…, 五、…) heads its own text
    if (
        gap.kind == "blank"
        and left.kind in ("headline", "short")
        and labelled_head_in_series(text, left.start, weights.field_label, opener)
    ):
        return None  # one of the page's labelled subheads (北湖：…, 南山水库：…) heads its own text
    if indented(text, gap):
        return None  # a sentence a page break cut goes on unindented at the top of the next column
    if left.kind in weights.never_continued or right.kind in weights.never_continuing:
        return None
    if left.kind in weights.never_continuing:
        left = left._replace(kind=BODY)
    if right.kind in weights.never_continued:
        right = right._replace(kind=BODY)
    if (
        (right.kind == "short" or (right.kind == "section" and last in COMMAS))
        and weights.last_short_is_body
        and not text[right.end :].strip()
    ):
        # a heading heads something: at the page's end it is a cut paragraph (见效， | 努力在全市); a section
        # label's shape is a verse line's too, so it is read so only after a comma, where the sentence goes on
        right = right._replace(kind=BODY)
    if gap.kind == "line" and (left.column or right.column) and last not in COMMAS:
        # in a hard-wrapped column, a line that stops short ends its paragraph; but no paragraph
        # ends on a comma (and a later stage deleting a line may unmake the column)
        return None
    return left, right


def ends_on_sentence_mark(text: str, gap: Gap, ellipsis_opening: re.Pattern[str] | None) -> bool:
    """Whether the block before a gap between blocks ends on a sentence's own mark (。！？…) that no clause runs on
    past (`ellipsis_runs_on`): most block gaps. There `candidate_blocks` turns the gap down at its first test, and of
    the judge's other tests only a dateline standing alone or a speaker's label before a colon may join it (R101),
    and a quotation the right block closes (R103).

    >>> left, right = Block(0, 7, BODY), Block(9, 18, BODY)
    >>> ends_on_sentence_mark("会议圆满结束。\\n\\n新工艺引起了兴趣。", Gap(7, 9, "blank", left, right), None)
    True
    >>> ends_on_sentence_mark("会议圆满结束，\\n\\n新工艺引起了兴趣。", Gap(7, 9, "blank", left, right), None)
    False
    >>> text, opening = "建了学校、医院……\\n\\n等，日子越过越好。", re.compile("^等")
    >>> ends_on_sentence_mark(text, Gap(9, 11, "blank", Block(0, 9, BODY), Block(11, 20, BODY)), opening)
    False
    """
    start, left = gap.start, gap.left
    if left.end != start or left.start >= start or text[start - 1] not in SENTENCE_MARKS:
        return False
    tail = text[max(left.start, start - 30) : start]
    return not ellipsis_runs_on(tail, text[gap.end : gap.end + 4], ellipsis_opening)


def numbered_head(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is one of the page's numbered section heads, perhaps with a subject after a colon.

    >>> page = "一、情景对话\\n\\nA: Hi.\\n\\n二、词语辨析：a lot of 和 lots of\\n\\na lot of 和 lots of 意思一样。"
    >>> head = page.index("二")
    >>> numbered_head(page, head, page.index("\\n", head)), numbered_head(page[head:], 0, page[head:].index("\\n"))
    (True, False)
    """
    colon = text.find("：", start, end)
    return numbered_head_in_series(text, start, end) or (colon > start and numbered_head_in_series(text, start, colon))
