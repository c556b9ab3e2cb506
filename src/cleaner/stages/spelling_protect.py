"""Spans the spelling stage never corrects: names, numbers, quotations, the user's lexicon, page terms.

A term that occurs several times on a page (魏都区, 智造之都, 银企) is evidence that it is what
the writer meant, however unlikely the language model finds it.

>>> mask = protection_mask("他说“智造之都”很好", Protection.empty())
>>> "".join("^" if m else "." for m in mask)
'...^^^^...'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..patterns import HAN_CLASS, HAN_RUN, NUMERALS
from .spelling_names import misread_credit

# Quotes and title marks whose content is a name, a slogan or a title, kept as written.
QUOTED = re.compile(r"“[^“”\n]*”|‘[^‘’\n]*’|「[^「」\n]*」|『[^『』\n]*』|《[^《》\n]*》")
# A quotation holding a sentence's punctuation is a remark, open to correction like the prose around it.
SPEECH_MARK = re.compile("[，。！？；,!?;]")
# A number in Chinese numerals starts on a digit (三万, 十八) or is all magnitudes (百万); Arabic digits take
# a magnitude after them (3万) and a digit before them only in mixed years (二0); so 182八, 万八空巷 and
# 千1997 are no numbers but look-alikes of 182人, 万人空巷 and 于1997 that the stage may correct.
# (the lookbehind starts a run of digits only at its first digit: tried at every digit of a long run, the
# pattern would read the rest of the run each time)
NUMERAL_DIGITS = "〇零一二三四五六七八九两"
NUMERAL_MAGNITUDES = "百千万亿"  # with 十, the rest of NUMERALS
NUMBER = re.compile(
    f"(?<![0-9０-９.%．])[0-9０-９.%．]*(?:[{NUMERAL_DIGITS}十][{NUMERALS}]+|[{NUMERAL_MAGNITUDES}]{{2,}})"
    f"|[0-9０-９][十{NUMERAL_MAGNITUDES}]|[{NUMERAL_DIGITS}](?=[0-9０-９])"
)
# A short all-Han aside in parentheses that ends its line is a byline or a caption's credit
# (（邵声朗）, （贾昭全　范韩生）): names the model has not met. (An aside inside a sentence, 土族 in 松布（土族）,
# stays open to correction: protecting those too cost more right fixes on the training side than it saved.)
PARENTHESIZED = re.compile(f"（([{HAN_CLASS} \t\u3000]{{2,10}})）(?=[ \t\u3000]*(?:\n|$))")
# A short line without punctuation is a headline, a section label or an author's name (秦秋, 邯郸市第二
# 教育学院崔河): set in large type, OCR reads it well, and names the model has not met are what it holds
BARE_LINE = re.compile(r"^[^\S\n]*([^\s，。、；：！？,.;:!?（）()“”]{2,16})[^\S\n]*$", re.M)
# 选举李玉臻为院长, 任命王凤岐为: the person appointed is named between the verb and 为
APPOINTED = re.compile(f"(?:选举|任命|推举|聘任|提名|补选|增选)([{HAN_CLASS}]{{2,3}})(?=为)")
# A person named with a form of address after the name (刘希圣老人, 王明同志), in a list of names with
# gender or ethnicity (王凤岐（蒙古族）, 淑济（女）), or in a photo caption with their place in the picture
# (劳模吴贱安（右一）, 王明（前排左二）)
ADDRESSED = re.compile(
    f"([{HAN_CLASS}]{{2,3}})(?=老人|同志|先生|女士|老汉|大爷|大娘|（(?:女|[{HAN_CLASS}]{{1,3}}族"
    "|(?:前排|后排|中排)?[左右中](?:起)?[一二三四五六七八九十]?)）)"
)
# A person named between their post and what they say (镇党委书记林振东介绍, 公司总经理许文斌告诉记者): news
# names its speakers so, and a name the model has not met reads to it like a misprint (林振东 -> 李振东)
POSTED = re.compile(
    "(?:书记|主任|县长|市长|区长|镇长|乡长|村长|局长|厂长|校长|院长|所长|站长|部长|处长|科长|队长|会长|社长"
    f"|经理|董事长|总监|主席|老师|教师|医生)([{HAN_CLASS}]{{2,3}})(?=说|介绍|表示|告诉|指出|认为|坦言|笑着)"
)
# 一X一Y pairs two words by their heads (一苦一累, 一空一闲, 一草一木): the model, reading 一X as a
# count, would make a measure word of X (一个一累)
ONE_AND_ONE = re.compile(f"一[{HAN_CLASS}]一[{HAN_CLASS}]")
# 一X…一X repeats one count around the word that relates its two copies (一单接一单, 一浪高过一浪, 一年比一年):
# the model, reading the first 一X as a count of what follows, would make a noun of the middle (一单位一单)
ONE_AFTER_ONE = re.compile(f"(一([{HAN_CLASS}])[{HAN_CLASS}]{{1,2}}一\\2)")  # group 1: the whole frame
# A commentary's author line after its hollow square (□ 张曰华, □ 庞 然): a name, as a bare line is
MARKED_AUTHOR = re.compile(r"^[□■][ \t\u3000]*([^\s，。、；：！？]{2,8})[ \t\u3000]*$", re.M)
# Four one-character items or more listed with 、 (甲、乙、丙、丁、戊, 己、已、巳、己): characters named one by one,
# each the writer's, not words the model can read in context (the first may close the word before it: 天干是甲、乙)
SINGLE_CHARACTERS = re.compile(f"[{HAN_CLASS}](?:、[{HAN_CLASS}]){{3,}}(?![{HAN_CLASS}])")
# The options of a choice question, a line each (A．… B．… C．…, blank lines between or not): an exam's options may
# differ by a look-alike on purpose (A．末班车　未来 / C．未班车　末来), each as the writer set it.
CHOICE_OPTIONS = re.compile(r"^[^\S\n]*A[．.、][^\n]*(?:\n[^\S\n]*\n?[^\S\n]*[B-F][．.、][^\n]*){2,5}", re.M)
# A short cell of a line of cells parted by full-width spaces, after the line's start, its entry number or another
# cell: a caption's author (3．李末白　杜甫《登高》　草书　纸本　墨笔), a lot's artist, a table's label. A cell is a
# name or a label, with no sentence around it for the model to read; OCR's stray space is a half-width one.
SPACED_CELL = re.compile(f"(?:^|\u3000)[^\\S\\n]*(?:\\d{{1,3}}[．.、])?([{HAN_CLASS}]{{2,4}})(?=\u3000)", re.M)
# The last cell of a line of three cells or more parted by full-width spaces, a short one closing the line: a table
# row's teacher or author (CHN4104　方言调查与实习　3　48　刘士林　马土根), which no later space sets off as
# SPACED_CELL needs.
LAST_CELL = re.compile(f"\u3000[^\\n\u3000]*\u3000[^\\S\\n]*([{HAN_CLASS}]{{2,4}})[^\\S\\n]*$", re.M)
# The people a count gives, named in brackets after it (请假3人（侯千里、马土根、王己生）, 缺席两名（…）): names listed
# with 、, each the writer's (马土根 had become 马上根 on a village meeting's minutes, corpus/modern_clean 285)
COUNTED_NAMES = re.compile(f"[0-9{NUMERAL_DIGITS}十]+[人名位]（([{HAN_CLASS}]{{2,4}}(?:、[{HAN_CLASS}]{{2,4}})+)）")
# A person named after their kin word in a cell of a line parted by full-width spaces (父亲孔令军　母亲吴乐乐, a birth
# notice's row): a name after a label, with no sentence around it for the model to read (孔令军 had become 孔令辉,
# corpus/modern_clean 300)
KIN_CELL = re.compile(
    f"(?:^|\u3000)[^\\S\\n]*(?:父亲|母亲|丈夫|妻子|儿子|女儿|祖父|祖母|外祖父|外祖母)([{HAN_CLASS}]{{2,3}})(?=\u3000|[^\\S\\n]*$)",
    re.M,
)
# Spans never corrected: a pattern's first group where it has one (the name after 记者), else its whole match.
PROTECTED_SPANS = (
    NUMBER,
    ONE_AND_ONE,
    ONE_AFTER_ONE,
    PARENTHESIZED,
    BARE_LINE,
    APPOINTED,
    ADDRESSED,
    POSTED,
    MARKED_AUTHOR,
    SINGLE_CHARACTERS,
    CHOICE_OPTIONS,
    SPACED_CELL,
    LAST_CELL,
    COUNTED_NAMES,
    KIN_CELL,
)
REPEATED_SPAN = (2, 4)


@dataclass(frozen=True)
class Protection:
    """The word lists behind protection: names, the user's lexicon, and how the rest is judged."""

    automaton: Any  # an ahocorasick.Automaton of protected words, or None when there are none
    max_quote: int = 30
    min_repeats: int = 2
    names: tuple[re.Pattern[str], ...] = ()  # where a run is a name (`name_patterns`, `byline_names`, `handles`)
    credits: tuple[str, ...] = ()  # words a credit aside opens with, not names (`credit_words`)

    @classmethod
    def empty(cls) -> Protection:
        return cls(automaton=None)

    @classmethod
    def build(
        cls,
        words: Iterable[str],
        max_quote: int = 30,
        min_repeats: int = 2,
        names: tuple[re.Pattern[str], ...] = (),
        credits: tuple[str, ...] = (),
    ) -> Protection:
        """An automaton over the protected words (two characters or more).

        >>> mask = protection_mask("会见许廷合。", Protection.build(["许廷合"]))
        >>> list(mask)
        [0, 0, 1, 1, 1, 0]
        """
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in words:
            if len(word) >= 2:
                automaton.add_word(word, len(word))
        if len(automaton) == 0:
            return cls(None, max_quote, min_repeats, names, credits)
        automaton.make_automaton()
        return cls(automaton, max_quote, min_repeats, names, credits)


def read_word_column(lines: Iterable[str]) -> list[str]:
    """The first whitespace-separated field of each line: the word of a `word freq` list.

    >>> read_word_column(["毛泽东\\t61678", "魏都区"])
    ['毛泽东', '魏都区']
    """
    return [line.split()[0] for line in lines if line.split()]


def protection_mask(text: str, protection: Protection) -> bytearray:
    """One byte per character of `text`: 1 where the character must not be corrected.

    >>> from cleaner.rules import load_rules
    >>> from cleaner.stages.spelling_names import byline_names, handles, name_patterns
    >>> bylines = Protection(None, names=(byline_names(load_rules()),))
    >>> "".join(map(str, protection_mask("记者 许廷合报道，二〇一九年5月", bylines)))
    '0001110001111000'
    >>> "".join(map(str, protection_mask("山水（邵声朗）", Protection.empty())))
    '0001110'
    >>> "".join(map(str, protection_mask("松布（土族）等", Protection.empty())))  # the name, not the aside
    '1100000'
    >>> "".join(map(str, protection_mask("孩子。一苦一累，想家", Protection.empty())))
    '0001111000'
    >>> "".join(map(str, protection_mask("秦秋\\n选举李玉臻为院长。", Protection.empty())))
    '110001110000'
    >>> "".join(map(str, protection_mask("干部刘希圣老人说，王凤岐（蒙古族）", Protection.empty())))
    '00111000011101110'
    >>> "".join(map(str, protection_mask("慰问劳模吴贱安（右一）", Protection.empty())))
    '00001110110'
    >>> "".join(map(str, protection_mask("镇党委书记林振东介绍，镇里", Protection.empty())))
    '0000011100000'
    >>> from cleaner.rules import load_rules
    >>> names = Protection(None, names=name_patterns(load_rules()))
    >>> "".join(map(str, protection_mask("审计人员葛晓东说。他们末说", names)))
    '0000111000000'
    >>> "".join(map(str, protection_mask("有文仕学、周采和王凤翰等", names)))
    '011111111110'
    >>> "".join(map(str, protection_mask("@张曰华：好！", Protection(None, names=(handles(load_rules()),)))))
    '1111000'
    >>> "".join(map(str, protection_mask("评论\\n□ 张曰华", Protection.empty())))
    '11000111'
    >>> "".join(map(str, protection_mask("天干是甲、乙、丙、丁，地支", Protection.empty())))
    '0001111111000'
    >>> "".join(map(str, protection_mask("选：\\nA．未来\\n\\nB．末来\\nC．末班车\\n他说，末来。", Protection.empty())))
    '00011111111111111110000000'
    >>> "".join(map(str, protection_mask("3．李末白\u3000杜甫《登高》\u3000草书，他说", Protection.empty())))
    '001110001111000000'
    >>> "".join(map(str, protection_mask("3　48　刘士林　马土根\\n他说，好的。", Protection.empty())))
    '0000011101110000000'
    >>> "".join(map(str, protection_mask("请假3人（侯千里、马土根），会议", Protection.empty())))
    '0000011111110000'
    >>> "".join(map(str, protection_mask("父亲孔令军\u3000母亲吴乐乐\\n孩子生在半夜。", Protection.empty())))
    '0011100011100000000'
    >>> credited = Protection(None, credits=("新华社记者",))
    >>> "".join(map(str, protection_mask("（斧华社记者姚大伟摄）", credited)))
    '00111111110'
    """
    mask = bytearray(len(text))

    def cover(start: int, end: int) -> None:
        mask[start:end] = b"\x01" * (end - start)

    for match in QUOTED.finditer(text):
        if match.end() - match.start() - 2 <= protection.max_quote and not _is_speech(match[0]):
            cover(match.start(), match.end())
    for pattern in (*PROTECTED_SPANS, *protection.names):
        for match in pattern.finditer(text):
            cover(*match.span(1 if pattern.groups else 0))
    if protection.credits:
        # a credit aside's opening (新华社记者) is no name: a misread character there stays open to correction
        for match in PARENTHESIZED.finditer(text):
            offset = misread_credit(match[1], protection.credits)
            if offset is not None:
                mask[match.start(1) + offset] = 0
    if protection.automaton is not None:
        for end, length in protection.automaton.iter(text):
            cover(end + 1 - length, end + 1)
    return mask


class RepeatedTerms:
    """Han terms (two to four characters) that occur at least `min_repeats` times in a text.

    Counted once, on first need, so that asking about many positions stays linear in the text.

    >>> terms = RepeatedTerms("开展银企对接会，银企合作", 2)
    >>> terms.longest(2), terms.longest(5)
    ((2, '银企'), None)
    """

    def __init__(self, text: str, min_repeats: int = 2) -> None:
        self.text = text
        self.min_repeats = min_repeats
        self._counts: Counter[str] | None = None

    def protects(self, position: int, corrections: Iterable[str]) -> bool:
        """Whether a repeated term covers `position` that the page prints less often with one of `corrections` there.

        Repetition is the writer's evidence only while the page does not contradict it: OCR misreads
        a glyph the same way twice (休育 for 体育) on a page that prints 体育 more often still. The
        longest repeated term is asked, the narrowest context: 图文兼备 and 图文兼重 stay on a page that
        prints 图文并茂 twice.

        >>> terms = RepeatedTerms("休育馆和休育馆，体育馆、体育馆与体育馆", 2)
        >>> terms.protects(0, "体"), terms.protects(0, "本"), terms.protects(3, "本")
        (False, True, False)
        """
        found = self.longest(position)
        if found is None:
            return False
        (start, term), counts = found, self._term_counts()
        offset = position - start
        return not any(self._count(term[:offset] + c + term[offset + 1 :]) > counts[term] for c in corrections)

    def longest(self, position: int) -> tuple[int, str] | None:
        """(start, term) of the longest repeated term covering `position`, if any."""
        counts = self._term_counts()
        low, high = REPEATED_SPAN
        for length in range(high, low - 1, -1):
            for start in range(max(0, position - length + 1), position + 1):
                term = self.text[start : start + length]
                if len(term) == length and counts[term] >= self.min_repeats and _all_han(term):
                    return start, term
        return None

    def _term_counts(self) -> Counter[str]:
        """How often each Han term occurs (overlapping): only runs of Han characters are read, a third of the
        page's terms held across a mark or a line's end skipped (no term asked about holds one)."""
        if self._counts is None:
            low, high = REPEATED_SPAN
            runs = [run.group() for run in HAN_RUN.finditer(self.text) if run.end() - run.start() >= low]
            self._counts = Counter(
                run[i : i + n] for run in runs for n in range(low, high + 1) for i in range(len(run) - n + 1)
            )
        return self._counts

    def _count(self, term: str) -> int:
        """How often `term` (two to four characters) occurs, overlapping: counted, or read from the text if it is no
        Han term.

        >>> RepeatedTerms("体育a育体育a育", 2)._count("育a育"), RepeatedTerms("哈哈哈", 2)._count("哈哈")
        (2, 2)
        """
        low, high = REPEATED_SPAN
        if _all_han(term) or not low <= len(term) <= high:
            return self._term_counts()[term]
        return sum(1 for _ in re.finditer(f"(?={re.escape(term)})", self.text))


def _is_speech(quoted: str) -> bool:
    """Whether a quotation is speech (its words hold a sentence's punctuation), not a name, title or slogan.

    A term in quotes (“智造之都”, “四个一百”) is kept as written; a remark is prose like any other.

    >>> _is_speech("“日子一天比一天好,我们对未来更有信心了。”"), _is_speech("“智造之都、宜居之城”")
    (True, False)
    >>> _is_speech("《再见，艳阳天》")  # a title stays a title
    False
    """
    return quoted[0] != "《" and SPEECH_MARK.search(quoted, 1, len(quoted) - 1) is not None


def _all_han(term: str) -> bool:
    return HAN_RUN.fullmatch(term) is not None
