"""Pages in traditional characters: told apart, and read through a simplified copy of the same length.

The word list and the language model know simplified text only. On a traditional page they find
代表團團長 a typo (代表團 is no word they know) and 會議 unlikely; read as 代表团团长 and 会议, the same
page is ordinary text. OpenCC, read once into a character table, gives the simplified form of
each traditional character, one for one, so offsets into the copy are offsets into the page.

>>> view = SimplifiedView.load()
>>> view.is_traditional("國務院總理在人民大會堂會見了代表團。"), view.is_traditional("国务院总理会见了代表团。")
(True, False)
>>> view.simplified("代表團團長")
'代表团团长'
>>> view.traditional("复")
'復'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

# Han characters whose simplified form OpenCC is asked for: the CJK unified ideographs and extension A.
HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
# A page is traditional when this share of the characters read has another simplified form: in
# simplified text a name's 乾 or a quotation's 後 make under 2% of the Han characters, while a quarter or
# more of a traditional page's do (and Han characters are most of a newspaper page).
TRADITIONAL_SHARE = 0.05
# Characters read to decide: the start of a page says which script it is written in.
SAMPLE = 2_000


@dataclass(frozen=True)
class SimplifiedView:
    """The traditional characters that have a simplified form of their own, and back again."""

    to_simplified: dict[int, int] = field(repr=False)
    # the same characters as one class: counting its matches costs a regex scan of the sample
    traditional_char: re.Pattern[str] = field(repr=False)
    # the simplified forms of those characters: a character among neither is written alike in both scripts
    simplified_forms: frozenset[int] = field(default=frozenset(), repr=False)

    @classmethod
    @functools.cache
    def load(cls) -> SimplifiedView:
        """Ask OpenCC once for the simplified form of every Han character (about 0.1 s)."""
        import opencc

        to_simplified_text = opencc.OpenCC("t2s")
        chars = [chr(code) for low, high in HAN_BLOCKS for code in range(low, high)]
        # one character per line: each is converted alone, so no phrase of neighbours is read
        converted = to_simplified_text.convert("\n".join(chars)).split("\n")
        table = {
            ord(char): ord(simple)
            for char, simple in zip(chars, converted, strict=True)
            if len(simple) == 1 and simple != char
        }
        traditional_char = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")
        return cls(table, traditional_char, frozenset(table.values()))

    def is_traditional(self, text: str) -> bool:
        """Whether the start of `text` is written in traditional characters."""
        sample = text[:SAMPLE]
        traditional = len(self.traditional_char.findall(sample))
        return traditional > 0 and traditional >= TRADITIONAL_SHARE * len(sample)

    def written_alike(self, char: str) -> bool:
        """Whether `char` is written the same in both scripts: no traditional character has it as its simplified
        form, and it has no simplified form of its own, so a traditional page writes it as a simplified one does.

        >>> view = SimplifiedView.load()
        >>> view.written_alike("大"), view.written_alike("复"), view.written_alike("復")
        (True, False, False)
        """
        code = ord(char)
        return code not in self.simplified_forms and code not in self.to_simplified

    def simplified(self, text: str) -> str:
        """`text` with each traditional character in its simplified form: the same length."""
        return text.translate(self.to_simplified)

    def traditional(self, text: str) -> str:
        """OpenCC's traditional form of simplified `text` (a guess where several forms merged: 复 → 復/複)."""
        return str(_to_traditional().convert(text))


@functools.cache
def _to_traditional() -> Any:
    """OpenCC's simplified-to-traditional converter, made on first use: its phrase table takes 24 MiB, which a
    worker that meets no traditional page never needs."""
    import opencc

    return opencc.OpenCC("s2t")


def print_lookalike(
    written: str, replacement: str, view: SimplifiedView, frequent: Mapping[str, frozenset[str]]
) -> bool:
    """Whether `replacement` (simplified) mends `written` character by character with print OCR's frequent
    look-alikes (`frequent`), each written alike in both scripts, the other characters its simplified forms: the
    traditional page writes the fix as the simplified one does.

    >>> view = SimplifiedView.load()
    >>> frequent = {"入": frozenset("人"), "千": frozenset("干")}
    >>> print_lookalike("年輕入", "年轻人", view, frequent), print_lookalike("千", "干", view, frequent)  # 干: 乾, 幹
    (True, False)
    >>> print_lookalike("己經", "已经", view, {"己": frozenset("已")})  # 經 reads 经 in the copy
    True
    """
    if len(written) != len(replacement) or written == replacement:
        return False
    return all(
        view.simplified(old) == new
        or old == new
        or (new in frequent.get(old, ()) and view.written_alike(old) and view.written_alike(new))
        for old, new in zip(written, replacement, strict=True)
    )
