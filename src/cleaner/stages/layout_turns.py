"""A speaker's later turn in an interview, cut a few characters in: running text, not a headline.

>>> page = "韩立新：我们上线了平台。\\n\\n记者：效果如何？\\n\\n韩立新：我们上"
>>> from cleaner.stages.layout_classes import load_layout_rules
>>> later_turn(page, page.rindex("韩"), "韩立新：我们上", load_layout_rules().speaker)
True
"""

from __future__ import annotations

import re

from ..patterns import PROSE_MARK
from .layout_measures import ends_sentence

# The classes a speaker's turn cut a few characters in is taken for (韩立新：我们上 reads as a headline,
# 秦素芳：是的，前 as a short block, 记者：企业是 as a byline)
TURN_SHAPED = frozenset({"headline", "short", "byline"})
# how far back a speaker's earlier turn is looked for: a few exchanges of an interview (and a page of thousands of
# labels costs no more per block than this)
TURN_REACH = 4000


def later_turn(text: str, start: int, block_text: str, speaker: re.Pattern[str]) -> bool:
    """Whether the block at `start` opens on a speaker's label that a paragraph of running text before it
    opened on: that speaker's next turn, cut a few characters in, not a headline (whose label comes first).

    >>> page = "韩立新：我们上线了平台。\\n\\n记者：效果如何？\\n\\n韩立新：我们上"
    >>> from cleaner.stages.layout_classes import load_layout_rules
    >>> speaker = load_layout_rules().speaker
    >>> later_turn(page, page.rindex("韩"), "韩立新：我们上", speaker), later_turn(page, 0, "韩立新：我们上", speaker)
    (True, False)
    """
    label = speaker.match(block_text)
    if label is None:
        return False
    name, reach = label.group().strip(), max(0, start - TURN_REACH)
    at = text.rfind(name, reach, start)
    while at >= 0 and not _opens_turn(text, at, len(name)):
        at = text.rfind(name, reach, at)
    return at >= 0


def _opens_turn(text: str, at: int, length: int) -> bool:
    """Whether a speaker's label at `at` opens a paragraph of running text: it starts its line, the paragraph ends
    its sentence, and the label's line holds a clause's mark (in a hard-wrapped column a paragraph's end is not
    yet known, and a subhead's line, 招标：治住粗放经营, holds none).

    >>> page = "招标：治住粗放经营\\n\\n韩立新：我们上线了平台。\\n\\n记者：效果，\\n如何？\\n\\n答：韩立新：很好"
    >>> [_opens_turn(page, page.index(label), len(label)) for label in ("招标：", "韩立新：", "记者：")]
    [False, True, True]
    >>> _opens_turn(page, page.rindex("韩立新："), 4)
    False
    """
    if text[text.rfind("\n", 0, at) + 1 : at].strip():
        return False  # not at a line's start
    end = at + length
    paragraph_end, line_end = text.find("\n\n", end), text.find("\n", end)
    if not PROSE_MARK.search(text, end, line_end if line_end >= 0 else len(text)):
        return False
    return ends_sentence(text[at : paragraph_end if paragraph_end >= 0 else len(text)].rstrip())
