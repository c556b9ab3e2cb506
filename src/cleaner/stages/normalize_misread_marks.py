"""N116-N119, N122-N125: marks and figures tesseract (chi_sim) sets as no writer of Chinese does, in any face.

Measured on scans of training articles set in a Song face, a Hei face and a bold Song (`cleaner eval ocr --typeface`):
the engine reads a Chinese ； ： ？ ！ as its half-width twin followed by a space (开发脱贫; 对, 报道: 在今天), some
thirty times in 40 articles in each face, where N102 (a half-width mark between Chinese characters) does not look;
in the Hei and bold faces it reads a title's closing 》 twice, as a parenthesis and the mark (《抗震歌)》), a two-em
dash as the word 一一 (住宅小区一一方庄小区) and the digit 1 of a figure as 工 (打过工997年, 石家庄工月14日电); the bold
face reads the numeral 一 inside a sentence as a hyphen (上学⏎-样兴奋); every face reads a figure's 7 as 了 at times
(199了年, 贬幅达了0%). The last four are words or marks a writer sets too (一一对应, 职工1000人, 张北－尚义, 增加了9万):
the language model reads which.

>>> [(f.rule, f.replacement) for f in spaced_halfwidth_marks("开发脱贫; 对地处")]
[('N116', '；')]
>>> [(f.rule, f.replacement) for f in doubled_title_close("京剧《抗震歌)》，")]
[('N117', '')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial

from ..lexicon import Lexicon, lexicon, load_lexicon
from ..lm import load_language_model
from ..model import Finding
from ..needed_characters import needed_characters
from ..patterns import HALF_TO_FULL_PROSE_MARKS, HAN_CLASS
from ..pipeline import Context
from .normalize_ocr_habits import ReadingGain, reading_gain, remembered_scores, text_around

# A half-width ; : ? ! right after a Han character (or a closing Chinese quote or bracket), then the one space an
# engine sets after a Latin mark, then Chinese text: a Han character, an opening quote or bracket, a closing quote
# (这座楼! ”) or bracket (谁来管? ), its 』 read so), or a figure after a colon (报道: 1月). English has a Latin letter
# before its marks, and a table or a time keeps its digits on both sides, so neither is touched. The comma is N102's
# and N114's: tesseract reads a Chinese comma as a half-width one without a space.
# (the mark first, what stands before it looked for behind: the engine scans for the four marks alone)
SPACED_MARK = re.compile(
    f"([;:?!])(?<=[{HAN_CLASS}”’）》][;:?!])[ \\t](?=[{HAN_CLASS}“‘”’（《）)』」]|(?<=:[ \\t])[0-9])"
)
# A title opened by 《 on one line and closed by ) right before its 》: the engine read the one closing mark as two.
# (no parenthesis opens inside the title: 《中国(上海)》 keeps its own)
DOUBLED_CLOSE = re.compile(f"《[^《》()（）\\n]*[{HAN_CLASS}][^《》()（）\\n]*(\\))[ \\t]*》")
# 一一 between Chinese text, on one line or across a wrap (服务|一一在全国): a two-em dash the engine read as the
# numeral twice, or the word (一一对应); the model weighs —— against 一一 over this many characters each side.
ONE_ONE = re.compile(f"一一(?<=[{HAN_CLASS}”’）》\\n]一一)(?=[{HAN_CLASS}“‘（《])")
TWO_EM_DASH = "——"
# 工 beside a digit of a figure (工997年, 7.6工亿元, 9项，工8个), or before 月 and a day (石家庄工月14日电): the digit 1
# read as 工, or the word's last character before a count (职工1000人); the model weighs 1 against 工. The
# engine's space between a figure's glyphs may stand between 工 and the digit (1 9 9 工年, 3 工个, 石家庄 工月 1 4 日电,
# which N111 mends around it): a space on the digit's side is the figure's, and goes with 工.
# (every branch opens on 工 or a space, the digit looked for behind: the engine scans for those alone)
ONE_AS_GONG = re.compile("工(?:[ \t]?(?=[0-9])|(?=[ \t]?月[ \t]?[0-9]))|[ \t]工(?<=[0-9.][ \t]工)|工(?<=[0-9.]工)")
# 了 beside a figure's digit (199了年, 5了周年, 贬幅达了0%): the digit 7 read as 了, or the particle before a count
# (增加了9万, 达到了21.15万); the model weighs 7 against 了. The corpus never sets 了 right after a digit; between two
# digits it is as often a mark the engine added (1了7日 for 17日) and is left. The engine's space on the digit's side
# goes with it, as N119's.
# (every branch opens on 了 or a space, the digits looked for behind)
SEVEN_AS_LE = re.compile(
    "了(?<![0-9]了)(?<![0-9][ \t]了)[ \t]?(?=[0-9])"
    "|[ \t]了(?<=[0-9][ \t]了)(?![ \t]?[0-9])|了(?<=[0-9]了)(?![ \t]?[0-9])"
)
# A 和 or a 人 between Han text (or after 、，“) that the engine added, in every face (云南和省, 科和尔,
# 研究人员们和曾设法; 出以公心，人恪尽职守, 记者赵人金川): the model weighs the text without it. Both are common
# words; the gains below are set over the model's readings of all 7,949 和 and 8,501 人 of the training articles.
STRAY_AND = re.compile(f"和(?<=[{HAN_CLASS}、，“]和)(?=[{HAN_CLASS}])")
STRAY_PERSON = re.compile(f"人(?<=[{HAN_CLASS}、，“]人)(?=[{HAN_CLASS}])")
# the corpus's 和 gained up to 5.37 (log10) without it (2 of 7,949 from 5), its 人 up to 3.59 (none from 4); the
# engine's added ones 4.4-7.1 and 3.8-7.2
STRAY_AND_GAINS, STRAY_PERSON_GAINS = (6.0, 5.0), (5.0, 4.0)
# their look-alikes in the shape tables (confusion_shape_*.tsv) that print OCR confuses most
STRAY_AND_RIVALS, STRAY_PERSON_RIVALS = ("利", "知"), ("入", "八", "大")
# a look-alike the model prefers to what was read by this much (log10) makes the match a misread (投人资金: 入 5.1;
# 公心，人恪尽职守: 大 0.26, an added 人)
RIVAL_GAIN = 1.0
# A hyphen between Han text inside a sentence (上学⏎-样, 来到 -座, 第⏎-附属医院): the numeral 一 a bold face read as -,
# the engine's space before it too; or a writer's hyphen or a dash read so (张北－尚义, 美国—波罗的海), which the corpus
# sets full-width or as — and the model reads as no 一. Not after a sentence's end, at a paragraph's start or on a line
# after a colon or semicolon (a list's bullet), nor beside 一 (N112's run of dashes, 一-读), nor in a chain of
# single characters a writer joins by hyphens (京-津-冀)
HYPHEN_AS_ONE = re.compile(
    f"(?:(?<=[{HAN_CLASS}，、；：“‘（《])(?<!一)(?<!-.)[ \\t]?|(?<=[{HAN_CLASS}，、]\\n)(?<!一\\n))"
    f"-(?=[{HAN_CLASS}])(?!一|.-)"
)
CONTEXT = 6
# Tuned on training scans (`eval ocr --split train --seed 4 --typeface ...`): the readings the engine made gained
# 3.8-8.2, a writer's 一一 and 工 before a count on clean text up to 2.5 (瓦工6人), 0.84 (问题一一落实); none fired
# on the training side's 1.26M characters of corpus text.
APPLY_GAIN, SUGGEST_GAIN = 3.5, 3.0
# N122's: of the 207 dashes between Han text in the corpus, read as a hyphen, 一 gains up to 4.18 (禁毒——切不可);
# of real 一 between Han text read so, 95% gain 5.38 or more; the engine's hyphens for 一 gained 6.3-11.4 (2.7, 3.4
# left)
HYPHEN_GAINS = (4.5, 3.5)


def spaced_halfwidth_marks(text: str) -> Iterator[Finding]:
    """N116: a half-width ; : ? ! that OCR set after Chinese text with a space after it becomes the full-width mark,
    the space gone.

    >>> [(f.start, f.end, f.replacement) for f in spaced_halfwidth_marks("报道: 在今天，问: “好吗? ”说! 走")]
    [(2, 4, '：'), (9, 11, '：'), (14, 16, '？'), (18, 20, '！')]
    >>> [(f.start, f.end, f.replacement) for f in spaced_halfwidth_marks("问题谁来管? )这就是")]
    [(5, 7, '？')]
    >>> [f.replacement for f in spaced_halfwidth_marks("记者张三报道: 1月5日")]
    ['：']
    >>> list(spaced_halfwidth_marks("ok: yes; 8: 30，Note: 中国，涨幅1.0%; 深证，比分3: 1"))
    []
    """
    for match in SPACED_MARK.finditer(text):
        full = HALF_TO_FULL_PROSE_MARKS[match[1]]
        yield Finding("N116", match.start(), match.end(), "OCR误识的半角标点及其后的空格改为全角标点", full, 0.9)


def doubled_title_close(text: str) -> Iterator[Finding]:
    """N117: a parenthesis OCR read right before a title's closing 》 (《抗震歌)》) goes.

    >>> [(f.start, f.end) for f in doubled_title_close("《熄灯号响过之后) 》、《哨所》")]
    [(8, 9)]
    >>> list(doubled_title_close("《中国(上海)》，（图片)》"))
    []
    """
    for match in DOUBLED_CLOSE.finditer(text):
        yield Finding("N117", match.start(1), match.end(1), "书名号前OCR多识的括号", "", 0.9)


@dataclass(frozen=True)
class ModelReading:
    """A reading the model weighs: where the engine may have read MEANT as what PATTERN matches, the rule and its
    message."""

    rule: str
    pattern: re.Pattern[str]
    meant: str
    message: str
    gains: tuple[float, float] = (APPLY_GAIN, SUGGEST_GAIN)  # applied from the first, suggested from the second
    # whether the engine's spaces a match takes in are weighed as nothing (N119's: 3 工个 is read as 3工个)
    spaces_unread: bool = False
    # look-alikes of the match: where the model prefers one to what was read (by RIVAL_GAIN), the engine misread a
    # character there, which is the spelling stage's (投人资金 is 投入资金, no 人 added: N125)
    rivals: tuple[str, ...] = ()
    # whether a match that makes a word of the lexicon with the text beside it stays unasked: an added character
    # makes none, while the model may still read a set phrase better without one of its own (天灾人祸: 灾祸)
    kept_in_words: bool = False
    # a character every match holds first or second (工 of N119, 了 of N123, read after the engine's space): the
    # matches are tried only there (`_matches`), not at every space and every 工, as the pattern's scan would
    anchor: str = ""


# the pre-test of a reading's pattern (a character every match holds), read off its syntax once
pattern_needs = cache(needed_characters)

READINGS = {
    "N118": ModelReading("N118", ONE_ONE, TWO_EM_DASH, "OCR误识为“一一”的破折号"),
    "N119": ModelReading("N119", ONE_AS_GONG, "1", "数字中的“1”误识为“工”", spaces_unread=True, anchor="工"),
    "N122": ModelReading("N122", HYPHEN_AS_ONE, "一", "句中的“一”误识为连字符", HYPHEN_GAINS),
    "N123": ModelReading("N123", SEVEN_AS_LE, "7", "数字中的“7”误识为“了”", spaces_unread=True, anchor="了"),
    "N124": ModelReading(
        "N124", STRAY_AND, "", "OCR多识的“和”", STRAY_AND_GAINS, rivals=STRAY_AND_RIVALS, kept_in_words=True
    ),
    "N125": ModelReading(
        "N125", STRAY_PERSON, "", "OCR多识的“人”", STRAY_PERSON_GAINS, rivals=STRAY_PERSON_RIVALS, kept_in_words=True
    ),
}


def model_readings(
    text: str,
    reading: ModelReading,
    log10_gain: ReadingGain,
    apply_gain: float,
    suggest_gain: float,
    words: Callable[[], Lexicon] = load_lexicon,
) -> Iterator[Finding]:
    """N118: 一一 the model reads as a two-em dash becomes ——; N119: 工 the model reads as the digit 1 of a figure
    becomes 1; N122: a hyphen between Han text the model reads as the numeral 一 becomes 一; N123: 了 the model reads
    as the digit 7 of a figure becomes 7; N124, N125: a 和 or a 人 the model reads as added by the engine goes.
    `log10_gain(left, right, read, meant)` is the model's log10 gain of MEANT over READ between LEFT and RIGHT:
    applied from `apply_gain`, suggested from `suggest_gain`; `words` gives the lexicon a reading `kept_in_words` asks.

    >>> gain = lambda left, right, read, meant: 5.0 if left.endswith(("小区", "过")) else 0.0
    >>> page = "住宅小区一一方庄小区，要一一对应。打过工997年，职工1000人"
    >>> [(f.start, f.replacement, f.confidence) for f in model_readings(page, READINGS["N118"], gain, 3.5, 2.5)]
    [(4, '——', 0.9)]
    >>> [(f.start, f.replacement, f.confidence) for f in model_readings(page, READINGS["N119"], gain, 3.5, 2.5)]
    [(19, '1', 0.9)]
    >>> page = "活佛是1 9 9 工年，3 工个省，石家庄 工月 1 4 日电，工 8个"
    >>> [page[f.start : f.end] for f in model_readings(page, READINGS["N119"], lambda *_: 5.0, 3.5, 2.5)]
    [' 工', ' 工', '工', '工 ']
    >>> page = "活佛是199了年，贬幅达了0%，增加了 9万，1 了7日，在5 了周年"
    >>> [page[f.start : f.end] for f in model_readings(page, READINGS["N123"], lambda *_: 5.0, 3.5, 2.5)]
    ['了', '了', '了 ', ' 了']
    >>> page = "本报讯山东和省荣成市，工业和农业"
    >>> gain = lambda left, right, read, meant: 6.0 if left.endswith("山东") and not meant else 0.0
    >>> [(f.start, f.replacement) for f in model_readings(page, READINGS["N124"], gain, 6.0, 5.0)]
    [(5, '')]
    >>> gain = lambda left, right, read, meant: 6.0 if left.endswith("投") else 0.0  # 入 likelier too: a misread
    >>> list(model_readings("区里先后投人资金", READINGS["N125"], gain, 5.0, 4.0))
    []
    >>> gain = lambda left, right, read, meant: 6.0  # 人祸, 天灾人祸: words, so the 人 is none the engine added
    >>> list(model_readings("因伤、病、亡及天灾人祸得到救助", READINGS["N125"], gain, 5.0, 4.0))
    []
    >>> page = "想上学\\n-样，来到 -座，“好”\\n-是，张北-尚义，一-读，京-津-冀"
    >>> [(f.start, f.end) for f in model_readings(page, READINGS["N122"], lambda *_: 5.0, 3.5, 2.5)]
    [(4, 5), (9, 11), (22, 23)]
    """
    needs = pattern_needs(reading.pattern.pattern)
    if needs is not None and needs.search(text) is None:
        return  # the pattern's lookbehinds are tried at every character; most pages hold no hyphen (N122) at all
    lexicon: Lexicon | None = None  # fetched (through the resources' lock) at the page's first 和 or 人, not at each
    for match in _matches(reading, text):
        start, end = match.span()
        read = "".join(match[0].split()) if reading.spaces_unread else match[0]
        around: tuple[str, str] | None = None
        if reading.kept_in_words:
            lexicon = words() if lexicon is None else lexicon
            # most 人 and 和 stand in a two-character word (人民, 工人, 和平): asked first, that spares the model's
            # question (and the context read around it: where no space or break stands beside the match, the
            # characters beside it are the context's nearest)
            before, after = text[start - 1 : start] if start else "", text[end : end + 1]
            if before.isspace() or after.isspace():
                around = text_around(text, start, end, CONTEXT)
                before, after = around[0][-1:], around[1][:1]
            if before + read in lexicon or read + after in lexicon:
                continue
        left, right = around or text_around(text, start, end, CONTEXT)
        gain = log10_gain(left, right, read, reading.meant)
        if gain < suggest_gain or any(log10_gain(left, right, read, r) >= RIVAL_GAIN for r in reading.rivals):
            continue
        if lexicon is not None and _in_a_word(lexicon, left[-3:], read, right[:3]):
            continue
        confidence = 0.9 if gain >= apply_gain else 0.6
        yield Finding(reading.rule, match.start(), match.end(), reading.message, reading.meant, confidence)


def _matches(reading: ModelReading, text: str) -> Iterator[re.Match[str]]:
    """The matches of a reading's pattern in `text`, as `finditer` gives them; where every match holds the reading's
    `anchor` first or second, only the places beside an anchor are tried (a literal is found far faster than a scan
    that tries its pattern at every space).

    >>> from itertools import product
    >>> for reading in (reading for reading in READINGS.values() if reading.anchor):
    ...     alphabet = f"{reading.anchor} 1月."
    ...     texts = ["".join(t) for n in range(1, 7) for t in product(alphabet, repeat=n)]
    ...     assert all([m.span() for m in _matches(reading, t)] == [m.span() for m in reading.pattern.finditer(t)]
    ...                for t in texts), reading.rule
    """
    if not reading.anchor:
        yield from reading.pattern.finditer(text)
        return
    match_at, anchor, searched_to = reading.pattern.match, reading.anchor, 0
    at = text.find(anchor)
    while at >= 0:
        for start in (at - 1, at):
            if start >= searched_to and (match := match_at(text, start)) is not None:
                yield match
                searched_to = match.end()
                break
        at = text.find(anchor, max(at + 1, searched_to))
    return


def _in_a_word(words: Lexicon, left: str, read: str, right: str) -> bool:
    """Whether READ makes a word of `words` of two to four characters with the text LEFT or RIGHT of it.

    >>> _in_a_word(load_lexicon(), "及天灾", "人", "祸得到"), _in_a_word(load_lexicon(), "出以公心，", "人", "恪尽职")
    (True, False)
    """
    around = left + read + right
    return bool(words.words_across(around, len(left)) or words.words_across(around, len(left) + len(read)))


def model_reading_rules(context: Context) -> dict[str, Callable[[str], Iterator[Finding]]]:
    """N118, N119 and N122-N125 with the pipeline's model and the settings of rules/normalize.toml.

    >>> sorted(model_reading_rules(Context.default()))
    ['N118', 'N119', 'N122', 'N123', 'N124', 'N125']
    """
    option = context.rules.option
    gain = reading_gain(lambda: remembered_scores(context))
    return {
        rule: partial(
            model_readings,
            reading=reading,
            log10_gain=gain,
            apply_gain=option(rule, "apply_gain", reading.gains[0]),
            suggest_gain=option(rule, "suggest_gain", reading.gains[1]),
            words=lambda: lexicon(context),
        )
        for rule, reading in READINGS.items()
    }


# the rules with the shipped model and their default settings, for the stage's table of rules
MODEL_READING_RULES: dict[str, Callable[[str], Iterator[Finding]]] = {
    rule: partial(
        model_readings,
        reading=reading,
        log10_gain=reading_gain(load_language_model),
        apply_gain=reading.gains[0],
        suggest_gain=reading.gains[1],
    )
    for rule, reading in READINGS.items()
}
