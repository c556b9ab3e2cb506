"""N111-N113: what a print OCR engine (tesseract, chi_sim) leaves in Chinese text that no writer would.

An engine reads a figure or a Latin word set in a proportional face with a space between its glyphs (1 9 9 8年,
Bauh i n ia), the dash of a range as the numeral one it looks like (4一6级, 1998一2000年), and both the middle dot of
a foreign name (谢赫.瞪西娜) and a small full stop (6万人.) as a Latin full stop. Each rule here mends one habit where
no writer's choice reads alike; where the reading is uncertain the fix is only suggested.

>>> [(f.rule, f.replacement) for f in spaced_figures("在1 9 9 8年")]
[('N111', '1998')]
>>> [(f.rule, f.replacement) for f in dash_read_as_one("有4一6级风")]
[('N112', '—')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from typing import Protocol

from ..lm import CharLanguageModel, language_model, load_language_model
from ..model import Finding
from ..patterns import HAN_CLASS
from ..pipeline import Context
from ..word_sets import word_set

DIGIT = "0-9０-９"
# A figure whose digits are parted by single spaces, one piece of a single digit at least: 1 9 9 8年, 19 9 2年,
# 1.2 5盾. A writer never spaces a figure's digits so, and a table's cells hold figures of several digits or are
# parted by more than one space (a line with such a gap is left alone). The figure must touch Han text or a Chinese
# mark on one side: figures standing apart between spaces (比分 3 1 领先) are a table's or a score's.
# (the lookbehinds follow the first digit, so that the engine scans for a digit before it looks behind: the same
# matches, found several times faster)
SPACED_DIGITS = re.compile(
    f"[{DIGIT}](?<![{DIGIT}A-Za-z.%\\-].)(?<![{DIGIT}A-Za-z][,:].)"
    f"[{DIGIT}]*(?:\\.[{DIGIT}]+)?(?: [{DIGIT}]+(?:\\.[{DIGIT}]+)?)+(?![{DIGIT}A-Za-z])"
)
# a space between two digits, which every spaced figure holds: most pages hold none, told by one scan for the space
# (the digits looked for behind and after it) instead of an attempt at every digit
SPACED_DIGITS_CUE = re.compile(f" (?<=[{DIGIT}] )[{DIGIT}]")
SINGLE_DIGIT_PIECE = re.compile(f"(?:^| )[{DIGIT}](?= |$)")
TOUCHING = re.compile(f"[{HAN_CLASS}，。、：；？！（）“”《》]")
# a half-width , : ; after Chinese, which N102 makes full-width in the same pass (区:1 1), touches as the full-width
# mark will, so that a second cleaning finds nothing left to do
TOUCHING_BEFORE = re.compile(f"[{HAN_CLASS}][,:;]$|[{HAN_CLASS}，。、：；？！（）“”《》]$")
TABLE_GAP = re.compile("[ \\u3000]{2}|\\t")
# A figure standing apart between single spaces after Chinese text touches nothing, but a unit after its space (大上 1 0
# 岁, 1月 1 2 日电, 全省 1 1 8⏎个县) says the spaces are the engine's: a score set apart (比分 3 1 领先) takes no unit.
APART_BEFORE = re.compile(f"[{HAN_CLASS}，。、：；？！（）“”《》] $")
UNITS_AFTER_FIGURE = word_set("units_after_figure")
# A bridge hand's cards after their suit's sign, each ranked apart by a space (♠A 10 6 4, ♣7 2): no figure's digits
# (corpus/modern_clean 313)
CARDS_OF_A_SUIT = re.compile("[♠♥♦♣♤♡♢♧](?:(?:[AKQJ]|10) )*$")
# A Latin word broken by spaces, with at least one inner piece of a single lower-case letter other than the English
# word a (Bauh i n ia): English prose has no such pieces, but a name may (a Chinese text seldom writes one), so it is
# only suggested.
# (the lookbehinds follow the first letter, as SPACED_DIGITS's follow its first digit)
SPACED_WORD = re.compile(r"[A-Za-z](?<![A-Za-z] .)(?<![A-Za-z].)[a-z]*(?: [a-z]+)*(?: [b-z])(?: [a-z]+)+(?![A-Za-z])")
# a space between a letter and a lower-case letter, which every broken word holds (SPACED_DIGITS_CUE's kind)
SPACED_WORD_CUE = re.compile(" (?<=[A-Za-z] )[a-z]")
# The numeral one between two digits (4一6级, 1998一2000年): 一 never stands there in the corpus (2,548 articles), where
# a range is written with a dash, 63 times with — and once with －, which a table's minus is.
# (一 first, the digit before it looked for behind: the engine then scans for 一 alone)
ONE_BETWEEN_DIGITS = re.compile(f"一(?<=[{DIGIT}]一)(?=[{DIGIT}])")
RANGE_DASH = "—"
# The two-em dash of Chinese prose (——) read as a run of the numeral one and hyphens (篇章一一-抗日战争, 人-一甘肃):
# a hyphen among them, two marks or three, between two characters that are no digits or Latin letters. 一一 alone is
# a word (一一对应) and stays.
DASH_RUN = re.compile(f"(?<=[{HAN_CLASS}”’）》])(?=[一\\-—]*-)[一\\-—]{{2,3}}(?=[{HAN_CLASS}“‘（《])")
TWO_EM_DASH = "——"
# A Latin full stop after a Han character at a line's end, or before a closing mark there, is a misread 。 (…共6万人.).
# (the stop first, the Han character before it looked for behind: the engine scans for stops alone)
STOP_AT_LINE_END = re.compile(f"\\.(?<=[{HAN_CLASS}]\\.)(?=[”’）」』]?[ \\t]*(?:\\n|$))")
# A Latin full stop (or an apostrophe) between two Han characters inside a line is a misread middle dot (谢赫.瞪西娜)
# or 。 (会议结束.随后): the language model reads which, over this many characters each side.
# (tesseract reads the middle dot as ' or ` too: 铁木尔'达瓦买提, 尼尔`弗斯特; never as ·)
# (the mark first, the Han character before it looked for behind: the engine scans for the three marks alone)
DOT_BETWEEN_HAN = re.compile(f"[.'`](?<=[{HAN_CLASS}].)(?=[{HAN_CLASS}])")
DOT_CONTEXT = 6
MIDDLE_DOT, FULL_STOP = "·", "。"
# Two commas in a row or more (如此,，): no writer sets them, an engine reads one mark twice.
DOUBLED_COMMA = re.compile("[，,](?:[ \t]*[，,])+")
# A comma ending a line that a next line of the same block goes on from (全，|军和武警部队): the language model weighs
# the text without it, over this many characters each side.
COMMA_AT_WRAP = re.compile("[，,](?<![，,].)(?=[ \t]*\n[ \t]*[^\\s，,])")  # lookbehind after the comma: scans faster
COMMA_CONTEXT = 6
VERSE_LINE_ENDS = "，,、；。！？：—"  # marks a line of verse ends on (a comma the poet set, not one OCR added)
# the model's log10 gain of MEANT over READ between LEFT and RIGHT: gain(left, right, read, meant) (`reading_gain`)
ReadingGain = Callable[[str, str, str, str], float]


def spaced_figures(text: str) -> Iterator[Finding]:
    """N111: the spaces an OCR engine read between a figure's digits go (applied); those inside a Latin word, suggested.

    >>> [(f.start, f.end, f.replacement, f.confidence) for f in spaced_figures("于1 9 9 8年成立，名为Bauh i n ia")]
    [(1, 8, '1998', 0.9), (14, 25, 'Bauhinia', 0.6)]
    >>> [f.replacement for f in spaced_figures("从19 9 2年起，比价1.2 5盾")]
    ['1992', '1.25']
    >>> list(spaced_figures("比分 3 1 领先")), list(spaced_figures("in a word")), list(spaced_figures("第1 2  3名"))
    ([], [], [])
    >>> [f.replacement for f in spaced_figures("区:1 1")], list(spaced_figures("11:3 0")), list(spaced_figures("a,1 1"))
    (['11'], [], [])
    >>> list(spaced_figures("持♠A K 6 3　♣7 2，同伴开叫1♥，你手里♦6 5 4，")), list(spaced_figures("♣A 9 7 6 2，"))
    ([], [])

    Every spaced figure and broken word holds its cue (each string of a few characters of the kinds they read):

    >>> from itertools import product
    >>> texts = ["".join(t) for n in range(1, 8) for t in product("1 .a", repeat=n)]
    >>> all(SPACED_DIGITS_CUE.search(t) for t in texts if SPACED_DIGITS.search(t))
    True
    >>> texts = ["".join(t) for n in range(1, 9) for t in product("Ab ", repeat=n)]
    >>> all(SPACED_WORD_CUE.search(t) for t in texts if SPACED_WORD.search(t)), any(map(SPACED_WORD.search, texts))
    (True, True)
    """
    if SPACED_DIGITS_CUE.search(text) is not None:
        yield from _spaced_digits(text)
    if SPACED_WORD_CUE.search(text) is None:
        return
    for match in SPACED_WORD.finditer(text):
        yield Finding("N111", match.start(), match.end(), "外文单词中的空格疑为OCR误留", match[0].replace(" ", ""), 0.6)


def _spaced_digits(text: str) -> Iterator[Finding]:
    """N111's spaced figures (`spaced_figures`), on a page holding a space between two digits.

    >>> [f.replacement for f in _spaced_digits("于1 9 9 8年，比分 3 1 领先")]
    ['1998']
    """
    for match in SPACED_DIGITS.finditer(text):
        line_start, line_end = text.rfind("\n", 0, match.start()) + 1, text.find("\n", match.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        before, after = text[max(0, match.start() - 2) : match.start()], text[match.end() : match.end() + 1]
        if not SINGLE_DIGIT_PIECE.search(match[0]) or TABLE_GAP.search(line):
            continue
        if CARDS_OF_A_SUIT.search(text[line_start : match.start()]):
            continue
        if not (
            TOUCHING_BEFORE.search(before) or TOUCHING.fullmatch(after or " ") or _unit_after_gap(text, match, before)
        ):
            continue
        yield Finding("N111", match.start(), match.end(), "删除数字之间OCR误留的空格", match[0].replace(" ", ""), 0.9)


def _unit_after_gap(text: str, figure: re.Match[str], before: str) -> bool:
    """Whether a spaced figure stands between single spaces (or a line's end) after Chinese text, a unit after it;
    `before` is the two characters before the figure, which the caller has read.

    >>> pages = ("大上 1 0 岁", "全省 1 1 8\\n个县", "比分 3 1 领先")
    >>> [_unit_after_gap(t, m, t[max(0, m.start() - 2) : m.start()]) for t in pages for m in [SPACED_DIGITS.search(t)]]
    [True, True, False]
    """
    end = figure.end()
    gap, unit = text[end : end + 1], text[end + 1 : end + 2]
    if gap not in (" ", "\n") or unit not in UNITS_AFTER_FIGURE:
        return False
    return APART_BEFORE.search(before) is not None


def dash_read_as_one(text: str) -> Iterator[Finding]:
    """N112: 一 between two digits is the dash of a range OCR read as the numeral one.

    >>> [(f.start, f.replacement) for f in dash_read_as_one("1998一2000年，第一6")]
    [(4, '—')]
    """
    for match in ONE_BETWEEN_DIGITS.finditer(text):
        yield Finding("N112", match.start(), match.end(), "数字之间的“一”应为连接号", RANGE_DASH, 0.9)


def misread_dashes(text: str) -> Iterator[Finding]:
    """N112: a two-em dash read as a run of 一 and hyphens becomes ——.

    >>> [(f.start, f.end, f.replacement) for f in misread_dashes("篇章一一-抗日战争，千万人-一甘肃，一一对应")]
    [(2, 5, '——'), (13, 15, '——')]
    """
    if "-" not in text:  # every run holds a hyphen; a substring test is far quicker than the pattern
        return
    for match in DASH_RUN.finditer(text):
        yield Finding("N112", match.start(), match.end(), "破折号误识为“一”和连字符", TWO_EM_DASH, 0.9)


def misread_stops(text: str, log10_gain: ReadingGain, apply_margin: float) -> Iterator[Finding]:
    """N113: a Latin full stop after Han text is a misread 。 at a line's end, and inside a line · or 。 as
    `log10_gain` (`reading_gain`: of the middle dot over 。 between the text around) says; applied from
    `apply_margin` either way, suggested under it.

    >>> gain = lambda left, right, read, meant: 3.0 if left.endswith("约翰") else -3.0
    >>> [(f.start, f.replacement) for f in misread_stops("外长约翰.加朗说，会议结束.随后共6万人.\\n好", gain, 1.0)]
    [(4, '·'), (13, '。'), (20, '。')]
    >>> [f.replacement for f in misread_stops("铁木尔'达瓦买提", lambda left, right, read, meant: 2.0, 1.0)]
    ['·']
    >>> list(misread_stops("www.people.com.cn 1.5亿", gain, 1.0))
    []
    """
    findings = [
        Finding("N113", m.start(), m.end(), "行末的英文句点应为句号", FULL_STOP, 0.9)
        for m in STOP_AT_LINE_END.finditer(text)
    ]
    for match in DOT_BETWEEN_HAN.finditer(text):
        left = text[max(0, match.start() - DOT_CONTEXT) : match.start()]
        right = text[match.end() : match.end() + DOT_CONTEXT]
        gain = log10_gain(left, right, FULL_STOP, MIDDLE_DOT)
        mark = MIDDLE_DOT if gain > 0 else FULL_STOP
        confidence = 0.9 if abs(gain) >= apply_margin else 0.6
        message = "外国人名中的间隔号误识为英文句点" if mark == MIDDLE_DOT else "句中的英文句点应为句号"
        findings.append(Finding("N113", match.start(), match.end(), message, mark, confidence))
    yield from sorted(findings, key=lambda finding: finding.start)


def stray_commas(text: str, log10_gain: ReadingGain, apply_gain: float, suggest_gain: float) -> Iterator[Finding]:
    """N114: a comma an OCR engine added: one of two in a row (applied), or one ending a line inside a word or
    phrase, which `log10_gain` (`reading_gain`: of the text without it) finds far likelier without it: applied
    from `apply_gain`, suggested from `suggest_gain`.

    >>> gain = lambda left, right, read, meant: 7.0 if left.endswith("全") else 0.0
    >>> page = "也如此,，上写\\n期间，全，\\n军和"
    >>> [(f.start, f.end, f.replacement, f.confidence) for f in stray_commas(page, gain, 5.5, 3.0)]
    [(3, 5, '，', 0.9), (12, 13, '', 0.9)]
    >>> list(stray_commas("他说，\\n我们", gain, 5.5, 3.0))
    []
    """
    for match in DOUBLED_COMMA.finditer(text):
        yield Finding("N114", match.start(), match.end(), "重复的逗号，保留一个", "，", 0.9)
    for match in COMMA_AT_WRAP.finditer(text):
        if _among_verse_lines(text, match.start()):
            continue  # a poet's comma: the lines around end on clause marks too (清清的， / 浅浅的， / 弯弯的，)
        left, right = text_around(text, match.start(), match.end(), COMMA_CONTEXT)
        gain = log10_gain(left, right, "，", "") if left and right else 0.0
        if gain >= suggest_gain:
            confidence = 0.9 if gain >= apply_gain else 0.6
            yield Finding("N114", match.start(), match.end(), "行末多余的逗号疑为OCR误识", "", confidence)


def _among_verse_lines(text: str, comma: int) -> bool:
    """Whether the line that `comma` ends is verse set line by line: the line before it and the one after it, or
    the two after it where it opens its block, end on a clause's mark too. A column's wraps fall on a mark only by
    chance, three in a row seldom.

    >>> page = "桨声，\\n欸乃，\\n一声一声，\\n把月亮，"
    >>> _among_verse_lines(page, page.index("乃") + 1), _among_verse_lines(page, 2)
    (True, True)
    >>> _among_verse_lines("期间，全，\\n军和武警部队", 4), _among_verse_lines("他说，\\n好，\\n我们去", 2)
    (False, False)
    """
    line_start = text.rfind("\n", 0, comma) + 1
    before = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : max(0, line_start - 1)] if line_start else ""
    following, at = [], comma
    for _ in range(2):
        start = text.find("\n", at) + 1
        end = text.find("\n", start) if start else -1
        following.append(text[start : end if end != -1 else len(text)].strip() if start else "")
        at = end if end != -1 else len(text)
    ends = [line[-1:] in tuple(VERSE_LINE_ENDS) and line != "" for line in (before.strip(), *following)]
    return (ends[0] and ends[1]) or (not before.strip() and ends[1] and ends[2])


class Scorer(Protocol):
    """What scores a text as the character model does (`CharLanguageModel.score`)."""

    def score(self, text: str) -> float: ...


# The texts whose scores normalize keeps: a page rejoin joined is normalized again and asks its questions again, and
# the rules of a reading ask for the same text read (over the archive's 1M characters, 24,808 questions of 6,470 texts)
SCORES_KEPT = 1 << 14


class RememberedScores:
    """A model's scores of the last SCORES_KEPT texts it was asked, remembered.

    >>> model = load_language_model()
    >>> RememberedScores(model).score("新技术") == model.score("新技术")
    True
    """

    def __init__(self, model: CharLanguageModel) -> None:
        self.score: Callable[[str], float] = lru_cache(maxsize=SCORES_KEPT)(model.score)


def remembered_scores(context: Context) -> RememberedScores:
    """The pipeline's model (`language_model`) with its scores remembered, one per process shared by its pages.

    >>> remembered_scores(Context.default()).score("新技术") < 0
    True
    """
    return context.resources.get("normalize scores", lambda: RememberedScores(language_model(context)))


def reading_gain(load_model: Callable[[], Scorer]) -> ReadingGain:
    """The log10 gain of MEANT over READ between LEFT and RIGHT by the model `load_model` gives, as
    `gain(left, right, read, meant)`; the model is loaded on the first question only, as most pages ask none.

    >>> from cleaner.lm import load_language_model
    >>> gain = reading_gain(load_language_model)
    >>> dot = FULL_STOP, MIDDLE_DOT  # N113: a middle dot read as a full stop
    >>> gain("外长约翰", "加朗表示", *dot) > 1.0, gain("工作会议", "会议指出", *dot) < -1.0
    (True, True)
    >>> gain("新年期间，全", "军和武警部队", "，", "") > 5.5, gain("年轻人", "析我们是外地", "，", "") < 3.0  # N114
    (True, True)
    >>> gain("本报石家庄", "月14日电", "工", "1") > 4.0, gain("全厂职", "1000人", "工", "1") < 0.0  # N119
    (True, True)
    >>> gain("住宅小区", "方庄小区", "一一", TWO_EM_DASH) > 4.0, gain("与代表", "握手", "一一", TWO_EM_DASH) < 0.0
    (True, True)
    """

    loaded: list[Scorer] = []  # the model, fetched (through the resources' lock) at the first question, not at each

    def gain(left: str, right: str, read: str, meant: str) -> float:
        if not loaded:
            loaded.append(load_model())
        model = loaded[0]
        return model.score(left + meant + right) - model.score(left + read + right)

    return gain


def text_around(text: str, start: int, end: int, reach: int) -> tuple[str, str]:
    """The `reach` characters before `start` and after `end`, spaces and line breaks left out (a wrap or OCR's
    spaces must not stand between the model and the words around).

    >>> text_around("住宅小\\n区一一方 庄小区", 5, 7, 3)
    ('宅小区', '方庄小')
    """
    left = "".join(text[max(0, start - 2 * reach) : start].split())[-reach:]
    right = "".join(text[end : end + 2 * reach].split())[:reach]
    return left, right


def dashes_read_as_one(text: str) -> Iterator[Finding]:
    """N112: both dashes, a range's between digits and the two-em dash, that OCR read as 一.

    >>> [f.replacement for f in dashes_read_as_one("4一6级，篇章一一-抗日战争")]
    ['—', '——']
    """
    yield from sorted([*dash_read_as_one(text), *misread_dashes(text)], key=lambda finding: finding.start)


def ocr_habit_rules(context: Context) -> dict[str, Callable[[str], Iterator[Finding]]]:
    """The rules of this module, those that ask the language model given the pipeline's model and settings.

    >>> sorted(ocr_habit_rules(Context.default()))
    ['N111', 'N112', 'N113', 'N114']
    """
    option = context.rules.option

    def load() -> RememberedScores:
        return remembered_scores(context)

    return {
        "N111": spaced_figures,
        "N112": dashes_read_as_one,
        "N113": partial(misread_stops, log10_gain=reading_gain(load), apply_margin=option("N113", "apply_margin", 1.0)),
        "N114": partial(
            stray_commas,
            log10_gain=reading_gain(load),
            apply_gain=option("N114", "apply_gain", 5.5),
            suggest_gain=option("N114", "suggest_gain", 3.0),
        ),
    }


# the rules with the shipped model and their default settings, for the stage's table of rules
OCR_HABIT_RULES: dict[str, Callable[[str], Iterator[Finding]]] = {
    "N111": spaced_figures,
    "N112": dashes_read_as_one,
    "N113": partial(misread_stops, log10_gain=reading_gain(load_language_model), apply_margin=1.0),
    "N114": partial(stray_commas, log10_gain=reading_gain(load_language_model), apply_gain=5.5, suggest_gain=3.0),
}
