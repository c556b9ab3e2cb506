"""Stray spaces: a space between two Han characters of a prose line (N104) and the spaces of a letter-spaced line
(N107) are removed; a heading's, a byline's, a caption's credit and text in quotes or brackets keep theirs.

>>> [f.replacement for f in letter_spaced("魏 都 区 召 开 全 区 大 会")]
['魏都区召开全区大会']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..model import Finding
from ..patterns import (
    ALNUM,
    BLANK_LINE,
    CJK_CHARACTER,
    HAN,
    HAN_CLASS,
    HAN_SPACE_HAN,
    PROSE_PUNCT,
    PROSE_PUNCT_CHARS,
    SENTENCE_END,
    SINGLE_SPACE,
    SPACE_BEFORE_CJK,
    SPACED_LINE,
)
from .layout_classes import FULL_LINE_SLACK, NEVER
from .normalize_punctuation import halfwidth_punctuation

# A line is letter-spaced when this share of its space-parted pieces or more are single Chinese characters.
LETTER_SPACED_SHARE = 0.8
# A line of a table of contents leads its title to its author and page with dots (读《清河地名志》札记 …… 韦 书（72）):
# the spaces about the leader and inside the author's name are the setting's.
CONTENTS_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{4,})")
# A line of fields set apart by spaces, as an ad, a forecast or a listing sets them: a count or a measure standing
# alone between two spaces (服务员　5名　年龄18～45岁; 3室2厅1卫　89.5㎡　总价198万元), or a labelled field after a
# space that follows another (空气质量：良　首要污染物：PM2.5).
FIELDS_LINE = re.compile(
    f"[ \\t\\u3000]\\d+(?:\\.\\d+)?(?:[{HAN_CLASS}]{{0,2}}|[%‰℃㎡㎥㎏㎞]|[A-Za-z²³/]{{1,5}})[ \\t\\u3000]"
    f"|：[^ \\t\\u3000：]{{1,12}}[ \\t\\u3000]+[{HAN_CLASS}]{{2,8}}："
)
# A typesetter's space: OCR engines and converters emit half-width spaces (the only kind the evaluations inject, and
# no acceptance page's gold drops a full-width one between Han characters), while a full-width space parts a head from
# its text (清河　发源于…, 001　侯千秋致侯千里　一九六二年…), the fields of a row (09:30　甲队—乙队　1号场; a list's
# rows by label, 南川市　受灾人口18.6万人，… / 青原市　…, however few) or the characters of a title set spaced out
# (出　院　小　结, a primer's 日　月　水　火): a run of these alone stays.
SETTING_SPACE = "\u3000"
# what closes a caption before its photo credit, and what may follow the credit's 摄
CAPTION_ENDS = SENTENCE_END + "；;"
CREDIT_CLOSERS = " \t\u3000）)"
# A space inside these pairs belongs to a title or a byline, not to OCR noise.
PAIRS = {"“": "”", "(": ")", "（": "）", "《": "》", "「": "」", "‘": "’"}
# the marks of the pairs, the only characters `_OpenPairs` reads (not every character of a paragraph, in Python)
PAIR_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "]")


class _OpenPairs:
    """Whether offsets of a paragraph, taken in rising order, lie inside quotes or brackets opened
    before them and not closed; each character is read once, however many offsets are asked about.

    >>> pairs = _OpenPairs("“甲 乙”丙 丁（戊 己")
    >>> pairs.inside(2), pairs.inside(6), pairs.inside(10)
    (True, False, True)
    """

    def __init__(self, paragraph: str) -> None:
        self.paragraph = paragraph
        self.read = 0
        self.closers: list[str] = []  # what closes each pair open so far, the innermost last

    def inside(self, offset: int) -> bool:
        for mark in PAIR_MARKS.finditer(self.paragraph, self.read, max(self.read, offset)):
            char = mark[0]
            if char in PAIRS:
                self.closers.append(PAIRS[char])
            elif self.closers and char == self.closers[-1]:
                self.closers.pop()
        self.read = max(self.read, offset)
        return bool(self.closers)


def _photo_credit_start(line: str) -> int:
    """Where the photo credit that closes `line` begins (after its last sentence end), else the line's length.

    A caption ends on its credit, whose spaces part the names (图为……。 本报记者 周晓明 摄).

    >>> line = "图为队员检查商户。 本报记者 周晓明 摄"
    >>> line[_photo_credit_start(line) :], _photo_credit_start("他说，这个 问题很重要。")
    (' 本报记者 周晓明 摄', 12)
    """
    if not line.rstrip(CREDIT_CLOSERS).endswith("摄"):
        return len(line)
    return max(line.rfind(mark) for mark in CAPTION_ENDS) + 1


def _heading_line(line: str, longest: int) -> bool:
    """Whether a line of a paragraph is a heading set above its text: no sentence punctuation of its
    own, and shorter than the paragraph's full lines, `longest` characters without spaces (the lines
    of a hard-wrapped column are all about as long, punctuated or not).

    >>> _heading_line("强化制度 拓展深度", 13)
    True
    >>> _heading_line("优化营 商环境努力当好", 10)  # a column line without a comma
    False
    """
    if PROSE_PUNCT.search(line) or any(mark in line for mark in ",;!?"):
        return False
    return len(line.replace(" ", "")) < longest - FULL_LINE_SLACK


def space_between_han(
    text: str,
    confidence: float = 0.9,
    running_heads: re.Pattern[str] | None = None,
    dateline: re.Pattern[str] = NEVER,
    entry_code: re.Pattern[str] = NEVER,
) -> Iterator[Finding]:
    """N104: a stray space between two Han characters of a prose paragraph is removed.

    Headlines, bylines and titles in quotes keep their spaces: only paragraphs with sentence
    punctuation count as prose (a whole paragraph, so hard-wrapped lines judge alike), a heading
    set on the line above the text is no prose (`_heading_line`), and spaces inside quotes or
    brackets are left alone, and so are a photo credit closing a caption's line
    (`_photo_credit_start`) and a line that `running_heads` matches (layout's running heads, which may
    stand between the lines of a column: 人民日报　1998年1月5日　第3版). The space after a `dateline` opening a
    line (N104's `dateline`: 本报讯 记者…) sets it apart from its text, and stays; a line opening on an entry's code
    and a space (N104's `entry_code`: G2561次　清河—上海虹桥　…, 第十八世　文华…) is a record of fields, all its spaces
    the setting's.

    >>> [(f.start, f.end) for f in space_between_han("优化营 商环境，努力。")]
    [(3, 4)]
    >>> list(space_between_han("强化制度保障 拓展服务深度")), list(space_between_han("强化 拓展\\n今年，服务企业。"))
    ([], [])
    >>> [(f.start, f.end) for f in space_between_han("区 区:;")]
    [(1, 2)]
    >>> column = "年货，干休所\\n人民日报 1月5日 第3版\\n来，坚持了。"
    >>> list(space_between_han(column, running_heads=re.compile("^人民")))
    []
    >>> news = "本报讯 记者从会上获悉，产量突 破30万辆。"
    >>> [news[f.start - 1 : f.end + 1] for f in space_between_han(news, dateline=re.compile("本报讯(?= )"))]
    ['突 破']
    >>> fields = "诚聘：\\n服务员\u30005名\u3000年龄不限，男女不限\\n空气质量：良\u3000首要污染物：PM2.5，良。"
    >>> list(space_between_han(fields))  # a line of fields (FIELDS_LINE) keeps its spaces
    []
    >>> rows = "南川市\u3000受灾9人；\\n青原市\u3000受灾7人。"  # labelled rows, however few (SETTING_SPACE)
    >>> list(space_between_han(rows)), len(list(space_between_han(rows.replace("\u3000", " "))))
    ([], 2)
    >>> head = "清河\u3000发源于南山北麓，全长一百二十六千米。"  # a full-width space is the setting's
    >>> list(space_between_han(head)), len(list(space_between_han(head.replace("\u3000", " "))))
    ([], 1)
    >>> train = "G2561次　清河—上海虹桥　清河07:12开，上海12:46到"
    >>> list(space_between_han(train, entry_code=re.compile("G[0-9]+次(?=　)")))
    []
    """
    # where a space stands between Han characters, read over the whole page: a paragraph holding none is passed over
    # unread (most are), and the same spaces are a paragraph's, as no match reaches across a line break
    spaced = [match.start() for match in HAN_SPACE_HAN.finditer(text)]
    if not spaced:
        return
    # the half-width marks N102 turns into prose punctuation count as that punctuation already
    converted: list[int] | None = None
    paragraph_start = 0
    for gap in [*BLANK_LINE.finditer(text), None]:
        paragraph_end = gap.start() if gap else len(text)
        if bisect_left(spaced, paragraph_start) == bisect_left(spaced, paragraph_end):
            paragraph_start = gap.end() if gap else len(text)
            continue
        paragraph = text[paragraph_start:paragraph_end]
        prose = PROSE_PUNCT.search(paragraph) is not None
        if not prose:
            if converted is None:
                converted = [f.start for f in halfwidth_punctuation(text) if f.replacement in PROSE_PUNCT_CHARS]
            prose = bisect_left(converted, paragraph_start) < bisect_left(converted, paragraph_end)
        if prose:
            pairs = _OpenPairs(paragraph)
            longest: int | None = None
            line_end = -1
            for match in HAN_SPACE_HAN.finditer(paragraph):
                if match.start() > line_end:  # a new line: judged once, however many spaces it holds
                    line_start = paragraph.rfind("\n", 0, match.start()) + 1
                    line_end = paragraph.find("\n", match.start())
                    line_end = len(paragraph) if line_end == -1 else line_end
                    line = paragraph[line_start:line_end]
                    if longest is None:
                        longest = max(len(other.replace(" ", "")) for other in paragraph.split("\n"))
                    set_apart = (
                        _heading_line(line, longest)
                        or bool(running_heads and running_heads.search(line.strip()))
                        or CONTENTS_LEADER.search(line) is not None
                        or FIELDS_LINE.search(line) is not None
                        or entry_code.match(line) is not None
                    )
                    credit = line_start + _photo_credit_start(line)
                    opening = dateline.match(line)
                    after_dateline = line_start + opening.end() if opening else -1
                if (
                    match[0].strip(SETTING_SPACE)
                    and not pairs.inside(match.start())
                    and not set_apart
                    and match.start() < credit
                    and match.start() != after_dateline
                ):
                    start = paragraph_start + match.start()
                    yield Finding("N104", start, start + len(match[0]), "删除汉字之间的多余空格", "", confidence)
        paragraph_start = gap.end() if gap else len(text)


def letter_spaced(text: str, byline: re.Pattern[str] = NEVER, grid_row: re.Pattern[str] = NEVER) -> Iterator[Finding]:
    """N107: the spaces of a letter-spaced line are removed: a headline set 魏 都 区 召 开, or prose an
    OCR engine spaced out character by character. A space between two Latin letters or digits stays, and so do
    the spaces of a line that `byline` matches at its start (N107's `byline`: 本报记者 许 静 何 磊 parts two people)
    and of a line that `grid_row` finds in (N107's `grid_row`: a crossword's row, 春　风　■　明　月, its cells apart).

    >>> [f.replacement for f in letter_spaced("魏 都 区 召 开 全 区 大 会\\n\\n本报记者 王 明")]
    ['魏都区召开全区大会']
    >>> [f.replacement for f in letter_spaced("同 比 增 长 9.3% ， 高 于 全 市 和 China Daily 的 估 计 。")]
    ['同比增长9.3%，高于全市和China Daily的估计。']
    >>> list(letter_spaced("强化制度保障 拓展服务深度")), list(letter_spaced("项目  数量  金额  合计"))
    ([], [])
    >>> names = "记者 许 静 何 磊 王 明"
    >>> len(list(letter_spaced(names))), list(letter_spaced(names, byline=re.compile("记者 ")))
    (1, [])
    >>> row = "春 风 ■ 明 月"
    >>> len(list(letter_spaced(row))), list(letter_spaced(row, grid_row=re.compile("■")))
    (1, [])
    >>> list(letter_spaced("出\u3000院\u3000小\u3000结"))  # the setting's full-width spaces (SETTING_SPACE)
    []
    """
    # only the lines holding a space before a Chinese character are looked at: most have none
    position = 0
    while (pair := SPACE_BEFORE_CJK.search(text, position)) is not None:
        line_start = text.rfind("\n", 0, pair.start()) + 1
        line_end = text.find("\n", pair.end())
        position = line_end = len(text) if line_end == -1 else line_end
        # a letter-spaced line is about half spaces; a prose line with a stray one is not worth the pattern
        spaces = text.count(" ", line_start, line_end) + text.count("\u3000", line_start, line_end)
        if spaces < 3 or 4 * spaces < line_end - line_start:
            continue
        match = SPACED_LINE.match(text, line_start, line_end)
        if match is None or byline.match(text, line_start, line_end) or grid_row.search(text, line_start, line_end):
            continue
        if " " not in match["run"]:  # spaced out by the setting's full-width spaces alone (SETTING_SPACE)
            continue
        pieces = SINGLE_SPACE.split(match["run"])
        single = [piece for piece in pieces if len(piece) == 1 and CJK_CHARACTER.match(piece)]
        if len(HAN.findall("".join(single))) < 4 or len(single) < LETTER_SPACED_SHARE * len(pieces):
            continue
        joined = pieces[0]
        for piece in pieces[1:]:
            # full-width letters and digits too: N101 makes them half-width in the same pass
            latin_pair = ALNUM.match(joined[-1]) and ALNUM.match(piece[0])
            joined += " " + piece if latin_pair else piece
        yield Finding("N107", match.start("run"), match.end("run"), "删除逐字隔开的文字中的字间空格", joined)
