"""N102 and N103: half-width punctuation and parentheses among Chinese text become full-width.

They stand apart from the other rules of normalize.py, one job of their own (which mark becomes
full-width where), that the stage's space rule N104 also asks: a paragraph whose only sentence marks are
half-width (区 区:;) is prose, since N102 turns them into prose punctuation in the same pass. normalize.py
imports this module for its rule table and for N104; this module imports nothing of the stage.

>>> [(f.rule, f.replacement) for f in [*halfwidth_punctuation("日,风"), *halfwidth_parentheses("网(许昌)高")]]
[('N102', '，'), ('N103', '（'), ('N103', '）')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import (
    CHINESE_LEFT,
    HALF_TO_FULL_PROSE_MARKS,
    HALFWIDTH_PARENS,
    HALFWIDTH_PUNCT,
    HAN_CLASS,
    NUMBER_PUNCT,
)

N102_MESSAGE = "中文之间的半角标点改为全角"
N110_MESSAGE = "OCR误识的括号改为中文括号"
N110_TITLE_MESSAGE = "书名号的后半“》”被OCR误识为括号"
# N110: a bracket OCR opened with a title's or a brace's mark and closed with a parenthesis (tesseract reads the
# （ of 〈记者张荣典) and 《图片) so): nothing between that brackets, Han text, on one line or across one wrap of a
# column (a headline's 事业《⏎附图片1张): left misread, the headline's last line reads as running on into the text)
NOT_A_BRACKET = "[^《》〈〉{}()（）\\n]{0,30}"  # (up to 30 characters of anything but brackets and line breaks)
BRACKETED_HAN = f"{NOT_A_BRACKET}[{HAN_CLASS}]{NOT_A_BRACKET}"
ACROSS_ONE_WRAP = f"{BRACKETED_HAN}(?:\\n{NOT_A_BRACKET})?|{NOT_A_BRACKET}\\n{BRACKETED_HAN}"
# (a parenthesis right before a 》 is the title's closing mark read twice, N117's: 《抗震歌)》); a bold
# Song reads the （ twice too, as 《〈 (电《〈记者江红)): one bracket, both marks its opening (a nested
# title 《〈…〉…》 closes on 〉)
# (the opening is one class, then 〈 after 《 only: an alternation at the start would cost the engine its scan for
# the first character, five times the pattern's time on a page)
MISREAD_PARENTHESIS = re.compile(f"([《〈{{](?:(?<=《)〈)?)({ACROSS_ONE_WRAP})[)）](?![ \\t]*》)")
# The Hei face reads that （ as 【 too (电 【记者徐江善), (公益事业【⏎附图片1张)); but as often a quote's
# “ (【菜篮子工程)): a 【 bracket is a parenthesis only around what only a parenthesis holds, a credit
# or a picture note (N110's `credit`)
LENTICULAR_BRACKET = re.compile(f"(【)({ACROSS_ONE_WRAP})[)）](?![ \\t]*》)")
# How far N102 looks back over line breaks for the Chinese text a mark follows.
LOOK_BACK = 64
# A half-width ! or ? right after one of these ends no sentence: it is a symbol the text speaks of (…，!表示好着，?表示
# 坏着, a chess column's key to its marks), which a clause mark or an opening one stands before, never a sentence's end.
BEFORE_A_SYMBOL = "，、；：（“‘《"


def halfwidth_punctuation(text: str, time_format: re.Pattern[str] | None = None) -> Iterator[Finding]:
    """N102: a half-width , ; : ! ? between Chinese characters becomes full-width, as does a , ; :
    between Chinese and a number (电话:010, 11:30,地点). A colon inside a match of `time_format` (N102's
    `time_format`: a results table's 时:分:秒, the shape of the times 2:08:35 under it) is the clock's, and stays.

    A half-width parenthesis that N103 turns full-width counts as Chinese already, so that the
    second cleaning finds nothing left to do.

    >>> [f.replacement for f in halfwidth_punctuation("日,风")], [f.replacement for f in halfwidth_punctuation("好!走")]
    (['，'], ['！'])
    >>> [f.replacement for f in halfwidth_punctuation("(:区)")]
    ['：']
    >>> [(f.start, f.replacement) for f in halfwidth_punctuation("电话:010,时间8:30,共4,125.8点")]
    [(2, '：'), (6, '，'), (13, '，')]
    >>> list(halfwidth_punctuation("x表示吃子，!表示好着，?表示坏着"))  # symbols spoken of (BEFORE_A_SYMBOL)
    []
    >>> times = "成绩（时:分:秒）"
    >>> clock = re.compile("[时分秒](?::[时分秒])+")
    >>> len(list(halfwidth_punctuation(times))), list(halfwidth_punctuation(times, clock))
    (2, [])
    """
    kept = set()
    if time_format is not None and ":" in text:  # a clock's colons are half-width ones
        kept = {m.start() + i for m in time_format.finditer(text) for i in range(len(m[0]))}
    if "," in text or ";" in text or ":" in text:  # substring tests first: they are far quicker
        for match in NUMBER_PUNCT.finditer(text):
            yield Finding("N102", match.start(), match.end(), N102_MESSAGE, HALF_TO_FULL_PROSE_MARKS[match[0]])
    chinese_parens: set[int] | None = None
    for match in HALFWIDTH_PUNCT.finditer(text):
        # other half-width marks on the left are skipped: they turn full-width in this same pass
        window_start = max(0, match.start() - LOOK_BACK)
        left = text[window_start : match.start()].rstrip(" \t\n,;:!?")
        if not left:
            continue
        if not CHINESE_LEFT.match(left[-1]):
            if chinese_parens is None:
                chinese_parens = set(chinese_parentheses(text))
            if window_start + len(left) - 1 not in chinese_parens:
                continue
        if match.start() in kept:
            continue
        if match[0] in "!?" and text[match.start() - 1] in BEFORE_A_SYMBOL:
            continue
        yield Finding("N102", match.start(), match.end(), N102_MESSAGE, HALF_TO_FULL_PROSE_MARKS[match[0]])


def chinese_parentheses(text: str) -> list[int]:
    """Positions of the half-width parentheses around Chinese text, nested pairs included.

    The pattern finds innermost pairs; once those count as Chinese, the pairs around them are
    found too, so that a second cleaning has nothing left to convert.

    >>> chinese_parentheses("((区))a(b)")
    [0, 1, 3, 4]
    """
    positions: list[int] = []
    view = text
    while found := [i for m in HALFWIDTH_PARENS.finditer(view) for i in (m.start(), m.end() - 1)]:
        positions += found
        pieces, cursor = [], 0
        for i in found:
            pieces += [view[cursor:i], HALF_TO_FULL_PROSE_MARKS[view[i]]]
            cursor = i + 1
        view = "".join([*pieces, view[cursor:]])
    return sorted(positions)


def halfwidth_parentheses(text: str) -> Iterator[Finding]:
    """N103: half-width parentheses around Chinese text become full-width.

    >>> [(f.start, f.replacement) for f in halfwidth_parentheses("网(许昌)高")]
    [(1, '（'), (4, '）')]
    """
    for position in chinese_parentheses(text):
        yield Finding("N103", position, position + 1, "中文括号改为全角", HALF_TO_FULL_PROSE_MARKS[text[position]])


def misread_parentheses(
    text: str, credit: re.Pattern[str] | None = None, title_after: re.Pattern[str] | None = None
) -> Iterator[Finding]:
    """N110: a bracket opened with 《, 〈 or { and closed with a parenthesis is a parenthesis OCR misread: （…）,
    unless what follows it is what follows a title, `title_after` (、《, 杂志: a title whose 》 was read as a
    parenthesis, which becomes 》 where 《 opened it); so is one opened with 【 around what `credit` matches from its
    start (spaces and a wrap left out).

    >>> [(f.start, f.replacement) for f in misread_parentheses("好少年《图片)，〈记者周宗欣）")]
    [(3, '（'), (6, '）'), (8, '（')]
    >>> list(misread_parentheses("《人民日报》(海外版)《中国(上海)自贸区》《抗震歌)》"))
    []
    >>> [f.start for f in misread_parentheses("公益事业《\\n附图片1张)")], list(misread_parentheses("《第一\\n\\n二)"))
    ([4, 11], [])
    >>> [(f.start, f.end) for f in misread_parentheses("日电《〈记者江红) 不久")]
    [(2, 4), (8, 9)]
    >>> [f.start for f in misread_parentheses("电 【记者徐江善) 首都，【菜篮子工程) 成", re.compile("记者"))]
    [2, 8]
    >>> titles = re.compile(" ?(杂志|、《)")
    >>> page = "美国《科学) 杂志，《中国收获着希望) 、《走进》，〈特别) 杂志"
    >>> [(f.start, f.replacement) for f in misread_parentheses(page, title_after=titles)]
    [(5, '》'), (18, '》')]
    """
    found, titles = [], []
    for match in MISREAD_PARENTHESIS.finditer(text):
        if title_after is None or not title_after.match(text, match.end()):
            found.append(match)
        elif match[1] == "《":  # (not 〈: a nested title's opening, 《〈, closes on 〉)
            titles.append(match)
    if credit is not None and "【" in text:
        found += [m for m in LENTICULAR_BRACKET.finditer(text) if credit.match("".join(m[2].split()))]
    findings = [Finding("N110", m.end() - 1, m.end(), N110_TITLE_MESSAGE, "》") for m in titles]
    for match in found:
        findings.append(Finding("N110", match.start(), match.end(1), N110_MESSAGE, "（"))
        if text[match.end() - 1] != "）":
            findings.append(Finding("N110", match.end() - 1, match.end(), N110_MESSAGE, "）"))
    yield from sorted(findings, key=lambda finding: finding.start)
