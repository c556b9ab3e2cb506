"""A block that closes a bracket the text before it left open goes on from that text: it is no block set between
the halves of a cut sentence (a caption, a headline) to be moved after the paragraph.

>>> open_bracket_closed_by("本报双河5月7日电（记者 梁振", "宇）双河县首批高标准农田改造项")
True
"""

from __future__ import annotations

OPENERS, CLOSERS = "（(", "）)"
# The square brackets a page sets a note in: a cast list, a stage direction, a section's label
NOTE_BRACKETS = {"【": "】", "［": "］"}


def open_bracket_closed_by(before: str, block: str) -> bool:
    """Whether `before` ends inside a bracket it opened and `block` closes it before opening another: a narrow
    column's dateline wrapped inside its bracket of names (（记者 梁振 / 宇）双河县…), which a break then cut.

    >>> open_bracket_closed_by("他说（见图", "图为新建的大桥。 李明 摄")
    False
    >>> open_bracket_closed_by("会上（记者）", "宇）双河")  # the bracket is closed already
    False
    """
    opened = max(before.rfind(mark) for mark in OPENERS)
    if opened < 0 or any(mark in before[opened + 1 :] for mark in CLOSERS):
        return False
    closes = min((at for mark in CLOSERS if (at := block.find(mark)) >= 0), default=-1)
    return closes >= 0 and not any(mark in block[:closes] for mark in OPENERS)


def whole_note(block: str) -> bool:
    """Whether `block` is one note in square brackets, opened at its start and closed at its end and nowhere
    between: a play's cast (【演出者：甲——侯师傅；乙——小赵】) or a label (【案例】), complete in itself, which no
    sentence runs on from into the next block.

    >>> whole_note("【演出者：甲——侯师傅；乙——小赵】"), whole_note("【案例】张某诉李某"), whole_note("【一】和【二】")
    (True, False, False)
    """
    closer = NOTE_BRACKETS.get(block[:1])
    return closer is not None and block.endswith(closer) and closer not in block[1:-1]
