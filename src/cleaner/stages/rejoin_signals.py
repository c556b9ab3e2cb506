"""Signals about a cut read from the text on either side of it: a quotation it splits, words the
right side echoes, and the language model's verdicts on the joined and the broken text.

>>> text = "他说：“我们要努力。大家一起干。”他说。"
>>> Marks(text, 0, len(text)).quotation_spans(0, 10, 10, len(text)), echo("这是一片", "辽阔的土地。")
(True, 0.0)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from ..lm import tokens
from ..patterns import HAN_RUN, STOPS
from .layout import BODY, Block, classify
from .layout_classes import LayoutRules

WINDOW = 8  # characters each side of the cut given to the language model and the lexicon
# the judge's evidence at a cut: the commonest word across it, its frequency, the model's (ending, starting) or None
CutEvidence = tuple[str | None, int, tuple[float, float] | None]
# Classes of a block that may be a headline or a paragraph's first words a column break cut off. A headline's last
# word never runs on into the text after it: on the training side, 2 of 1,871 such blocks before running text end where
# the segmentation of the two sides reads a word across the break (黄建林|家住: 林家, 18日|本栏: 日本), and the model
# reads neither right side's start better after the block than at a paragraph's start (lm_start), which it does for
# most cut first words (`first_words_cut`)
HEADING_SHAPED = frozenset({"headline", "short", "section"})
SEGMENTED = 4  # characters each side of the break segmented for a word across it (the lexicon's longest word)
# A run of Han characters across a cut that the page prints whole this often elsewhere is one of its words (a
# name the dictionary lacks: 晚年的沈 | 怀民仍然…, where 沈怀民 stands a dozen times): the block before is no headline
PRINTED_ACROSS_LEAST = 3
OPEN_CLOSE = {"（": "）", "(": ")", "《": "》", "【": "】", "［": "］", "「": "」"}
MARK = re.compile("[" + re.escape("".join(OPEN_CLOSE) + "".join(OPEN_CLOSE.values())) + "“”]")
OPENING_BRACKET = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")


# Stretches longer than this (characters) have their marks indexed; shorter ones are searched directly.
INDEXED_LENGTH = 2000


class Marks:
    """Where each bracket and quotation mark of `text[start:end]` stands: read once, then asked about
    any stretch of it. A block without punctuation wraps thousands of times, and each wrap asks about
    the lines before and after it; reading them anew at each would take time growing with the square.

    >>> marks = Marks("（甲）乙“丙", 0, 5)
    >>> marks.unclosed_bracket(0, 2), marks.unclosed_bracket(0, 5), marks.last("“", 0, 5), marks.first("”", 0, 5)
    ('（', None, 4, -1)
    """

    def __init__(self, text: str, start: int, end: int, indexed_length: int = INDEXED_LENGTH) -> None:
        self.text, self.start, self.end = text, start, end
        # A short stretch is searched directly (bounded work per question, and no index to build for the
        # one or two questions most blocks get); a long one is indexed once.
        self.positions: dict[str, list[int]] | None = None
        if end - start > indexed_length:
            self.positions = {}
            for match in MARK.finditer(text, start, end):
                self.positions.setdefault(match.group(), []).append(match.start())

    def last(self, mark: str, start: int, end: int) -> int:
        """Where `mark` last stands in `text[start:end]`, or -1 (as str.rfind)."""
        if self.positions is None:
            return self.text.rfind(mark, start, end)
        positions = self.positions.get(mark, [])
        i = bisect_left(positions, end)
        return positions[i - 1] if i and positions[i - 1] >= start else -1

    def first(self, mark: str, start: int, end: int) -> int:
        """Where `mark` first stands in `text[start:end]`, or -1 (as str.find)."""
        if self.positions is None:
            return self.text.find(mark, start, end)
        positions = self.positions.get(mark, [])
        i = bisect_left(positions, start)
        return positions[i] if i < len(positions) and positions[i] < end else -1

    def unclosed_bracket(self, start: int, end: int) -> str | None:
        """The bracket opened in `text[start:end]` and not closed, if any (quotes do not count: a
        quotation may run over several paragraphs, each opening it anew).

        >>> text = "制订《魏都区贯彻落实市。工业互联网（许昌）高峰"
        >>> Marks(text, 0, len(text)).unclosed_bracket(0, 11), Marks(text, 0, len(text)).unclosed_bracket(12, 23)
        ('《', None)
        """
        if self.positions is None and OPENING_BRACKET.search(self.text, start, end) is None:
            return None  # most stretches open no bracket: one search, not two for each kind of bracket
        for opener, closer in OPEN_CLOSE.items():
            if self.last(opener, start, end) > self.last(closer, start, end):
                return opener
        return None

    def quotation_spans(self, left_start: int, left_end: int, right_start: int, right_end: int) -> bool:
        """Whether a quotation opened in `text[left_start:left_end]` is closed in `text[right_start:right_end]`
        before any new one opens: a new paragraph inside a long quotation opens it anew, so the right
        block continues the left one.

        >>> text = "他说：“我们要努力。“大家一起干。”"
        >>> Marks(text, 0, len(text)).quotation_spans(0, 10, 10, len(text))
        False
        """
        if self.last("“", left_start, left_end) <= self.last("”", left_start, left_end):
            return False
        closing, opening = self.first("”", right_start, right_end), self.first("“", right_start, right_end)
        return closing != -1 and (opening == -1 or closing < opening)


def echo(left: str, right: str) -> float:
    """The share of the left block's Han character pairs that come back in the right block: a
    headline's words return in its article's lead; a paragraph's first words cut off mostly do not.

    >>> round(echo("河北将推广秸秆气技术", "不再焚烧玉米秸秆，推广秸秆气化技术。"), 2)
    0.56
    >>> echo("这是一片", "辽阔而翠绿的土地。")
    0.0
    """
    pairs = {run[i : i + 2] for run in HAN_RUN.findall(left) for i in range(len(run) - 1)}
    return sum(pair in right for pair in pairs) / len(pairs) if pairs else 0.0


def opening_gain(model: Any, start: str) -> float:
    """How much likelier (log10) the first characters of `start` are at a paragraph's start than
    without context: a paragraph's first words cut off read like an opening (这是、据、在…).

    >>> from cleaner.lm import load_language_model
    >>> opening_gain(load_language_model(), "这是一片") > opening_gain(load_language_model(), "的土地")
    True
    """
    start = tokens(start[: 2 * WINDOW])[: 2 * WINDOW - 1]  # its first characters: one token and one space each
    return float(model.model.score(start, bos=True, eos=False) - model.model.score(start, bos=False, eos=False))


def lm_evidence(model: Any, left: str, right: str) -> tuple[float, float]:
    """How much likelier the joined text is than the broken one, in two parts (log10):
    the left side going on rather than ending a paragraph (`-log P(</s> | left)`), and the right
    side's first characters following the left side rather than starting a paragraph.
    Their sum is log10 P(joined) - log10 P(broken).

    >>> from cleaner.lm import load_language_model
    >>> ending, starting = lm_evidence(load_language_model(), "新工艺和新", "技术引起了")
    >>> ending > 0 and starting > 0
    True
    """
    # the windows are tokenized once and scored by the kenlm model itself: this runs at every candidate gap
    kenlm_model, left, right = model.model, tokens(left), tokens(right)
    left_alone = kenlm_model.score(left, bos=False, eos=False)
    ending = left_alone - kenlm_model.score(left, bos=False, eos=True)
    joined = f"{left} {right}" if left and right else left or right
    starting = kenlm_model.score(joined, bos=False, eos=False) - left_alone
    starting -= kenlm_model.score(right, bos=True, eos=False)
    return float(ending), float(starting)


def heading_opens_right(model: Any, before: str, heading: str, right: str) -> float:
    """How much likelier (log10) a heading-shaped block reads as the first words of the paragraph after it,
    the text before it ending there, than as a line of its own, the text before it going on after it.

    The heading sits between `before` (unfinished) and running text `right`: either `before` is a subhead
    and the heading the cut-off opening of `right`'s paragraph, or `before` is a sentence cut by a column
    break with the next item's headline between its halves. The model reads both: before's end and the
    heading's opening against before running on and the heading as a whole line.

    >>> from cleaner.lm import load_language_model
    >>> model = load_language_model()
    >>> heading_opens_right(model, "推动产业结构优化升级", "我国产业结构的优化", "升级，关键是加强农业") > 0
    True
    >>> heading_opens_right(model, "要求各地进一步加大", "欧元区通胀率连续两个月回升", "工作力度，确保实效") < 0
    True
    """
    score, before, right = model.model.score, tokens(before[-2 * WINDOW :]), tokens(right[:WINDOW])
    heading = tokens(heading)
    opens = score(before, bos=False, eos=True) + score(f"{heading} {right}", bos=True, eos=False)
    apart = score(f"{before} {right}", bos=False, eos=False) + score(heading, bos=True, eos=True)
    return float(opens - apart)


def first_words_cut(
    text: str,
    left: Block,
    right: Block,
    sides: tuple[str, str],
    lexicon: Any,
    layout: LayoutRules,
    at_cut: Callable[[str, str], CutEvidence],
    open_endings: frozenset[str] = frozenset(),
    place_tail_opens: re.Pattern[str] | None = None,
) -> bool:
    """Whether a heading-shaped block before running text is a paragraph's first words cut off: the lexicon's
    segmentation of the last and first SEGMENTED characters of the two sides (`sides`) reads a word across the break,
    or of the block's last characters ends on a word that needs what follows (`open_endings`: 在, 由, 就会; no
    headline stops on a preposition or an auxiliary), or the right side opens on the rest of a place's name cut
    (`place_tail_opens`: 岛镇，, a character and its unit that the lexicon knows as no word),
    the model reads the right side's start better after the block than at a paragraph's start (`at_cut(left, right)`:
    the judge's evidence there), and no sentence cut short stands before the block (it may be the next item's
    headline between the halves: `cut_before`).

    >>> from cleaner.lexicon import load_lexicon
    >>> from cleaner.stages.layout import load_layout_rules
    >>> page = "游客很多。\\n\\n就是金\\n\\n山银山。\\n\\n黄建林\\n\\n家住江苏"
    >>> blocks = [Block(7, 10, "section"), Block(12, 16, BODY), Block(18, 21, "section"), Block(23, 27, BODY)]
    >>> lm = {("就是金", "山银山。"): ("金山", 9, (2.3, 0.3)), ("黄建林", "家住江苏"): ("林家", 9, (1.2, -0.6))}
    >>> def judge(pair, sides):
    ...     at_cut = lambda left, right: lm[left, right]
    ...     return first_words_cut(page, *pair, sides, load_lexicon(), load_layout_rules(), at_cut)
    >>> judge(blocks[:2], ("就是金", "山银山。")), judge(blocks[2:], ("黄建林", "家住江苏"))
    (True, False)
    >>> page = "质量提高了。\\n\\n在\\n\\n改变生产条件中"
    >>> pair, sides = [Block(8, 9, "headline"), Block(11, 18, BODY)], ("在", "改变生产条件中")
    >>> lm[sides] = (None, 0, (1.1, 0.9))
    >>> judge(pair, sides), first_words_cut(page, *pair, sides, load_lexicon(), load_layout_rules(),
    ...     lambda left, right: lm[left, right], frozenset({"在"}))
    (False, True)
    >>> page = "游客很多。\\n\\n在瑞河市弄\\n\\n岛镇，镇卫生院"
    >>> pair, sides = [Block(7, 12, "section"), Block(14, 21, BODY)], ("在瑞河市弄", "岛镇，镇卫生院")
    >>> lm[sides] = (None, 0, (2.7, 0.6))
    >>> tail = re.compile("^[\\u4e00-\\u9fff](县|镇)[，。]")
    >>> judge(pair, sides), first_words_cut(page, *pair, sides, load_lexicon(), load_layout_rules(),
    ...     lambda left, right: lm[left, right], frozenset(), tail)
    (False, True)
    >>> first_words_cut("游客很多。\\n\\n山区发展\\n\\n滑县，", Block(7, 11, "section"), Block(13, 16, BODY),
    ...     ("山区发展", "滑县，"), load_lexicon(), load_layout_rules(), lambda left, right: (None, 0, (1.0, 0.5)),
    ...     frozenset(), tail)  # a county of one character's name: a word
    False
    >>> sides = ("在瑞河市弄岛", "镇，镇卫生院")
    >>> lm[sides] = (None, 0, (2.0, 0.4))
    >>> first_words_cut(page, *pair, sides, load_lexicon(), load_layout_rules(), lambda left, right: lm[left, right],
    ...     frozenset(), re.compile("^[\\u4e00-\\u9fff]?(县|镇)[，。]"))  # the unit alone
    True
    >>> page = "沈怀民出生在太湖边。沈怀民放弃了机会。沈怀民育成新品种。\\n\\n晚年的沈\\n\\n怀民仍然关注着粮食安全。"
    >>> pair, sides = [Block(30, 34, "section"), Block(36, 48, BODY)], ("晚年的沈", "怀民仍然关注着粮食安全。")
    >>> lm[sides] = (None, 0, (2.8, 0.06))  # no dictionary word across: the name the page prints three times
    >>> judge(pair, sides)
    True
    >>> page = page.replace("沈怀民育成", "他们共育成")  # printed twice only: a headline's end, for all it shows
    >>> judge(pair, sides)
    False
    """
    if left.kind not in HEADING_SHAPED or right.kind != BODY:
        return False
    left_text, right_text = sides
    # cheapest first: the judge's evidence is read at every gap anyway, and no segmentation reads a word across a
    # break where no dictionary word lies across it
    word, _, scores = at_cut(left_text[-WINDOW:], right_text)
    if scores is None or scores[1] <= 0:
        return False
    place_tail = place_tail_opens is not None and (tail := place_tail_opens.match(right_text)) is not None
    if place_tail and len(tail.group()) > 2 and lexicon.frequency(tail.group()[:-1]):
        place_tail = False  # a word (滑县, 山区): a place named whole, or no place; a unit alone (镇，) is a name's end
    printed = word is None and printed_across(text, left_text, right_text) is not None
    if word is None and not open_endings and not place_tail and not printed:
        return False
    if cut_before(text, left.start, layout):
        return False
    if printed:
        return True
    # the last word, or the last two (这|段: a demonstrative and its measure word, segmented apart)
    last = lexicon.likeliest_words(left_text[-SEGMENTED:]) if open_endings else []
    if place_tail or (last and (last[-1] in open_endings or "".join(last[-2:]) in open_endings)):
        return True
    return (
        word is not None
        and lexicon.word_across(left_text[-SEGMENTED:] + right_text[:SEGMENTED], min(len(left_text), SEGMENTED))
        is not None
    )


def printed_across(text: str, left: str, right: str, least: int = PRINTED_ACROSS_LEAST) -> str | None:
    """A run of three or four Han characters across the cut between `left` and `right` that `text` prints whole
    at least `least` times (the cut's own halves are apart, so they are not counted): a word of the page, as a
    name the dictionary lacks is. None where there is none.

    >>> page = "沈怀民出生在太湖边。沈怀民放弃了机会。沈怀民育成新品种。\\n\\n晚年的沈\\n\\n怀民仍然关注着粮食安全。"
    >>> printed_across(page, "晚年的沈", "怀民仍然关注"), printed_across(page, "沈怀民生平", "1921年 生于")
    ('沈怀民', None)
    >>> printed_across(page.replace("沈怀民育成", "他育成"), "晚年的沈", "怀民仍然关注")  # twice: not enough
    """
    for size in (4, 3):
        for left_size in range(size - 1, 0, -1):
            piece = left[-left_size:] + right[: size - left_size]
            if len(piece) == size and HAN_RUN.fullmatch(piece) and text.count(piece) >= least:
                return piece
    return None


def cut_before(text: str, start: int, layout: LayoutRules) -> bool:
    """Whether the text before `start` may be a sentence cut short: it stops without closing punctuation, in running
    text or a block a headline's shape (神奇旅游年是泰国政 | 星云绚丽似锦绣恒星弄巧染九天 | 府克服…), not a byline.

    >>> from cleaner.stages.layout import load_layout_rules
    >>> layout = load_layout_rules()
    >>> cut_before("本报记者 宋嘉懿\\n\\n星云", 10, layout), cut_before("游客很多。\\n\\n星云", 7, layout)
    (False, False)
    >>> cut_before("今年，旅游\\n年是泰国政\\n星云", 12, layout), cut_before("旅游年是泰国政\\n\\n星云", 9, layout)
    (True, True)
    """
    before = text[max(0, start - 80) : start].rstrip()
    if not before or before[-1] in STOPS:
        return False
    block_start = max(0, start - 80) + before.rfind("\n\n") + 1
    if numbered_head_in_series(text, block_start, max(0, start - 80) + len(before)):
        return False  # one of the page's numbered section heads (五、…, 六、…): whole, no sentence cut short
    return classify(before[before.rfind("\n\n") + 1 :].strip().replace("\n", ""), layout)[0] in HEADING_SHAPED | {BODY}


# A numbered section head (四、国内贸易, 五、交通、邮电和旅游): the shape layout's headline class gives it
SECTION_HEAD = re.compile(r"([一二三四五六七八九十]{1,3})、[^。，；！？,;!?：:\n]{1,24}")
# ... standing as a block of its own, blank lines around it: a hard-wrapped numbered paragraph's first line
# takes the same shape
SECTION_HEAD_BLOCK = re.compile(
    r"(?:\A|\n[ \t\u3000]*\n)[ \t\u3000]*(" + SECTION_HEAD.pattern + r")[ \t\u3000]*(?=\n[ \t\u3000]*\n|\Z)"
)


def numbered_head_in_series(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is a numbered section head and the page holds the head numbered before or after it.

    One such block may be a numbered paragraph's first words a column break cut off; a series of them, each
    a block of its own, is the page's sections (a statistical communique's 四、国内贸易 and 五、交通、邮电和旅游),
    each heading its own text.

    >>> page = "四、国内贸易\\n\\n全年零售总额增长。\\n\\n五、交通、邮电和旅游\\n\\n年末通车里程"
    >>> head = page.index("五")
    >>> numbered_head_in_series(page, head, head + 10), numbered_head_in_series(page[head:], 0, 10)
    (True, False)
    >>> wrapped = page.replace("贸易\\n\\n", "贸易\\n")  # a numbered paragraph's first line, not a head
    >>> numbered_head_in_series(wrapped, head - 1, head + 9)
    False
    """
    head = SECTION_HEAD.fullmatch(text[start:end].strip())
    if head is None:
        return False
    import cn2an  # here, not at the top: loading it takes a tenth of a second that `cleaner --help` need not pay

    number = cn2an.cn2an(head.group(1), "normal")
    return any(abs(other - number) == 1 for at, other in section_heads(text) if not start <= at < end)


@functools.lru_cache(maxsize=8)
def section_heads(text: str) -> tuple[tuple[int, int], ...]:
    """Where each numbered section head standing as a block of `text` starts, and its number; read once per page,
    not once per head (a page of many heads was read through at each of them).

    >>> section_heads("四、国内贸易\\n\\n全年零售总额增长。\\n\\n五、交通、邮电和旅游")
    ((0, 4), (19, 5))
    """
    import cn2an

    return tuple((m.start(1), int(cn2an.cn2an(m.group(2), "normal"))) for m in SECTION_HEAD_BLOCK.finditer(text))
