"""A turn of an interview left unfinished at a break: the speaker's words go on in the next block.

A block of running text that opens on a speaker's label (记者：…, 答：…, 韩立新：…) which an earlier turn on the
page opened on, and stops without closing its sentence, is a turn cut by a page or column break: nothing else on
an interview page opens on a speaker's label and stops mid-clause. The next block, running text that opens on no
label, is the rest of the turn (答：数据安全是底线，这一点 | 我们始终放在第一位。).

>>> from cleaner.stages.layout_classes import load_layout_rules
>>> from cleaner.stages.layout import Block
>>> page = "答：我们建了平台。\\n\\n记者：安全如何保障？\\n\\n答：安全是底线，这一点\\n\\n我们始终放在第一位。"
>>> left, right = page.index("答：安全"), page.index("我们始终")
>>> turn_cut(page, Block(left, right - 2, "body"), Block(right, len(page), "body"), load_layout_rules().speaker)
True
"""

from __future__ import annotations

import re

from .layout import BODY, Block
from .layout_turns import later_turn
from .rejoin_tokens import sentence_ended

# a turn stopping on one of these leads in to what may stand as paragraphs of their own: a list of points (附记：发生在
# 1997年的几件事…难以忘怀： | 一是…, a false join of the training articles), or items on semicolons
LEAD_INS = ("：", ":", "；", ";")


def turn_cut(text: str, left: Block, right: Block, speaker: re.Pattern[str]) -> bool:
    """Whether `left` is a later turn of a speaker (layout_turns.later_turn) left unfinished, and `right` running text
    opening on no speaker's label: the rest of that turn.

    >>> from cleaner.stages.layout_classes import load_layout_rules
    >>> speaker = load_layout_rules().speaker
    >>> page = "答：我们建了平台。\\n\\n记者：安全如何保障？\\n\\n答：安全是底线。\\n\\n我们始终放在第一位。"
    >>> at, then = page.index("答：安全"), page.index("我们始终")
    >>> turn_cut(page, Block(at, then - 2, BODY), Block(then, len(page), BODY), speaker)  # the turn ends its sentence
    False
    >>> page = "附记：他得了奖。\\n\\n附记：几件事让她难以忘怀：\\n\\n一是她参加了大会。"  # a lead-in to a list
    >>> at, then = page.rindex("附记"), page.index("一是")
    >>> turn_cut(page, Block(at, then - 2, BODY), Block(then, len(page), BODY), speaker)
    False
    >>> page = "招标：治住粗放经营\\n\\n招标：治住粗放\\n\\n经营是关键。"  # no earlier turn of running text
    >>> at, then = page.rindex("招标"), page.index("经营是")
    >>> turn_cut(page, Block(at, then - 2, BODY), Block(then, len(page), BODY), speaker)
    False
    """
    if left.kind != BODY or right.kind != BODY or speaker.match(text, right.start):
        return False
    turn = text[left.start : left.end].replace("\n", "")
    turn = turn.rstrip()
    # later_turn's own first test, asked before ends_sentence, which may search the whole block: most blocks open on
    # no speaker's label
    if speaker.match(turn) is None or sentence_ended(turn) or turn.endswith(LEAD_INS):
        return False
    return later_turn(text, left.start, turn, speaker)


def label_cut(text: str, left: Block, right: Block, speaker: re.Pattern[str]) -> bool:
    """Whether `left` is a speaker's label alone and `right` opens on its colon: a later turn (layout_turns.later_turn)
    cut by a break between the speaker's name and the colon (孟庆华 | ：不会。…). No paragraph opens on a colon, and
    the name opened an earlier turn of running text on the page, so the two halves are one turn.

    >>> from cleaner.stages.layout_classes import load_layout_rules
    >>> speaker = load_layout_rules().speaker
    >>> page = "孟庆华：可以的。\\n\\n网友：怎么报名？\\n\\n孟庆华\\n\\n：不会。我们明确规定。"
    >>> at, then = page.rindex("孟庆华"), page.index("：不会")
    >>> label_cut(page, Block(at, at + 3, "section"), Block(then, len(page), BODY), speaker)
    True
    >>> page = "记者：可以的。\\n\\n孟庆华\\n\\n：不会。"  # the name opens no earlier turn: a byline or a heading
    >>> at, then = page.index("孟庆华"), page.index("：不会")
    >>> label_cut(page, Block(at, at + 3, "section"), Block(then, len(page), BODY), speaker)
    False
    """
    label = text[left.start : left.end].strip()
    if "\n" in label or text[right.start : right.start + 1] not in ("：", ":"):
        return False
    turn = label + text[right.start : right.end]
    return speaker.fullmatch(label + text[right.start]) is not None and later_turn(text, left.start, turn, speaker)
