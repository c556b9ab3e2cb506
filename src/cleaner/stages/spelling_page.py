"""What the rest of a page says about a correction: its short Han words and how often a character occurs.

S102 asks, for each correction, whether the corrected word occurs on the page and whether the wrong
characters occur more than once. Asked of the text itself (`word in text`, `text.count(wrong)`), each
question reads the whole document: on a document of millions of characters, thousands of questions
took minutes. The page is read once instead, on the first question, into sorted arrays of its two-
and three-character Han words and a count of its characters; each question then costs the same
however long the document.

>>> page = PageWords("历史上没有先例。这是历使上首次")
>>> page.holds("历史"), page.holds("史上没"), page.holds("使史"), page.repeats("历"), page.repeats("使")
(True, True, False, True, False)
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING

from ..patterns import HAN, HAN_RUN

if TYPE_CHECKING:
    import numpy as np

INDEXED = (2, 3)  # the word lengths S102 asks about (on_page): their codes fit in 63 bits
BITS = 21  # bits per code point (the last is U+10FFFF)
CHUNK = 1 << 20  # characters encoded at a time: a document's UTF-32 copy would be four bytes a character


@functools.cache
def _han_table() -> np.ndarray:
    """Whether each code point is a Han character, as HAN decides (read off its own matches)."""
    import numpy as np

    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(0x110000, dtype=bool)
    for run in HAN_RUN.finditer(every):
        table[run.start() : run.end()] = True
    return table


def _code(word: str) -> int:
    """One integer for a short word, its code points side by side.

    >>> _code("甲乙") == (ord("甲") << BITS) | ord("乙")
    True
    """
    code = 0
    for char in word:
        code = (code << BITS) | ord(char)
    return code


def _word_codes(text: str, length: int, chunk: int = CHUNK) -> np.ndarray:
    """The sorted distinct codes of every run of `length` Han characters in `text`.

    >>> [int(code) for code in _word_codes("甲乙，丙丁戊", 2)] == sorted(map(_code, ["甲乙", "丙丁", "丁戊"]))
    True
    """
    import numpy as np

    table, found = _han_table(), []
    for start in range(0, len(text), chunk):
        # each chunk runs on length - 1 characters into the next, so the words across its end are read
        piece = text[start : start + chunk + length - 1]
        points = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        if len(points) < length:
            continue
        count = len(points) - length + 1
        han = np.ones(count, dtype=bool)
        codes = np.zeros(count, dtype=np.uint64)
        for offset in range(length):
            window = points[offset : offset + count]
            han &= table[window]
            codes = (codes << np.uint64(BITS)) | window.astype(np.uint64)
        found.append(np.unique(codes[han]))
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.uint64)


class PageWords:
    """The answers `word in text` (for Han words of two or three characters) and `text.count(wrong) > 1`
    give, from an index of `text` built on the first question of each kind.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._codes: dict[int, np.ndarray] = {}
        self._chars: Counter[str] | None = None
        self._repeated: dict[str, bool] = {}

    def holds(self, word: str) -> bool:
        """Whether `word` occurs in the text, as `word in text`.

        >>> PageWords("甲乙丙").holds("乙丙"), PageWords("甲乙丙").holds("丙甲"), PageWords("a甲").holds("a甲")
        (True, False, True)
        """
        length = len(word)
        if length not in INDEXED or not all(HAN.match(char) for char in word):
            return word in self.text  # nothing S102 asks: read the text
        import numpy as np

        if length not in self._codes:
            self._codes[length] = _word_codes(self.text, length)
        codes, code = self._codes[length], _code(word)
        i = int(codes.searchsorted(np.uint64(code)))  # (a Python int might be compared as a float)
        return i < len(codes) and int(codes[i]) == code

    def repeats(self, wrong: str) -> bool:
        """Whether `wrong` occurs more than once in the text, as `text.count(wrong) > 1` (which counts
        occurrences that do not overlap).

        >>> PageWords("哈哈哈").repeats("哈哈"), PageWords("哈哈哈哈").repeats("哈哈")
        (False, True)
        """
        if len(wrong) == 1:
            if self._chars is None:
                self._chars = Counter(self.text)
            return self._chars[wrong] > 1
        # longer ones are S103's idioms, a few a document: each is counted once
        if wrong not in self._repeated:
            self._repeated[wrong] = self.text.count(wrong) > 1
        return self._repeated[wrong]
