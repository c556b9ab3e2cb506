"""Misread words: entries of jieba's dictionary that are OCR misreadings of a far commoner look-alike word.

jieba's dictionary was counted on text that OCR and typists had passed through, so it holds some of
their errors as words: 时侯 (10, beside 时候 31,521), 收人 (3; 收入 10,403), 千部 (10; 干部 9,717), 自已 (263;
自己 90,933). For the spelling stage such an entry is no evidence that the text is right: where it counted as
a word, the wrong character sat "in a word" (in_word), and the correction made no new one (lexical), which
the calibration reads as a correct rare word. A word is listed when swapping one character for a look-alike
of print OCR's most frequent confusions (S102's `misread_shape_files`) gives a word `ratio` times as frequent
or more; 人学 (558) beside 入学 (732) is a real pair and stays a word. The list is data, `rules/misread_words.tsv`,
written by `cleaner build-misread-words` (see that command).

>>> shapes = {"候": frozenset("侯"), "侯": frozenset("候")}
>>> [row.word for row in misread_words({"时候": 31521, "时侯": 10, "诸侯": 900}, shapes)]
['时侯']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..patterns import HAN

MISREAD_WORDS = "misread_words.tsv"
# how many times commoner the look-alike word must be; 人学 558 against 入学 732 is a real pair
DEFAULT_RATIO = 100.0
WORD_LENGTHS = (2, 4)  # the words S102's evidence reads (word_cover)


@dataclass(frozen=True)
class MisreadWord:
    """A dictionary word, the far commoner look-alike word it is a misreading of, and both frequencies."""

    word: str
    frequency: int
    twin: str
    twin_frequency: int

    def line(self) -> str:
        """The row of `rules/misread_words.tsv`.

        >>> MisreadWord("时侯", 10, "时候", 31521).line()
        '时侯\\t10\\t时候\\t31521'
        """
        return f"{self.word}\t{self.frequency}\t{self.twin}\t{self.twin_frequency}"


def misread_words(
    frequencies: Mapping[str, int], shapes: Mapping[str, frozenset[str]], ratio: float = DEFAULT_RATIO
) -> list[MisreadWord]:
    """The Han words of `frequencies` (two to four characters) with a look-alike word `ratio` times as frequent.

    The look-alike word swaps one character for one of its `shapes`; the commonest such word is named.

    >>> shapes = {"入": frozenset("人"), "人": frozenset("入")}
    >>> [row.line() for row in misread_words({"收入": 10403, "收人": 3, "入学": 732, "人学": 558}, shapes)]
    ['收人\\t3\\t收入\\t10403']
    """
    found = []
    low, high = WORD_LENGTHS
    for word, frequency in sorted(frequencies.items()):
        if not low <= len(word) <= high or not all(HAN.match(char) for char in word):
            continue
        best: tuple[int, str] | None = None
        for index, char in enumerate(word):
            for other in sorted(shapes.get(char, ())):
                twin = word[:index] + other + word[index + 1 :]
                twin_frequency = frequencies.get(twin, 0)
                if twin_frequency >= ratio * max(frequency, 1) and (best is None or twin_frequency > best[0]):
                    best = (twin_frequency, twin)
        if best is not None:
            found.append(MisreadWord(word, frequency, best[1], best[0]))
    return found


class WithoutMisreadings:
    """A lexicon in which the misread words are no words (`in`); jieba's word model (`word_log10`) as it is.

    (Their small frequencies already make the word model prefer the twin: 时侯 against 时候.)

    >>> words = WithoutMisreadings({"时侯", "时候"}, frozenset({"时侯"}))
    >>> "时侯" in words, "时候" in words
    (False, True)
    """

    def __init__(self, lexicon: Any, misread: frozenset[str]) -> None:
        self.lexicon = lexicon
        self.misread = misread

    def __contains__(self, word: object) -> bool:
        return word not in self.misread and word in self.lexicon

    def frequency(self, word: str) -> int:
        return 0 if word in self.misread else int(self.lexicon.frequency(word))

    def word_log10(self, text: str) -> float:
        return float(self.lexicon.word_log10(text))

    def segmented(self, text: str) -> tuple[float, list[str]]:
        return self.lexicon.segmented(text)  # type: ignore[no-any-return]
