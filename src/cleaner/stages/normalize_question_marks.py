"""N120: a question mark that a print OCR engine read as the digit 7 (你要对我说些什么7 ”).

tesseract (chi_sim) reads a Chinese ？ as 7 now and then, in every face (`cleaner eval ocr --typeface`, training
scans: 什么7 ” three times in three faces). A 7 is mostly a figure's digit, so it is mended only where a question
ends: right after a sentence-final 吗 or 呢 (no figure follows them), or after the question word of its own clause
(什么, 怎么, 为什么…) when nothing but a closing quote, a line's end or the text's end follows it. A 7 before a
digit, a unit or any other word (为什么7月份, 干部7人) is a figure and is never touched.

>>> [(f.rule, f.replacement) for f in question_mark_read_as_seven("“你要对我说些什么7 ”", QUESTION_WORD)]
[('N120', '？')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import HAN_CLASS

# the words that make a clause a question (rules/normalize.toml's N120 `question_word` overrides it)
QUESTION_WORD = "什么|怎么|怎样|为什么|为何|难道"
# the particles that end a question and are never followed by a figure
QUESTION_PARTICLE = "吗呢"
# what may follow a question's ？: a closing quote, the line's or the text's end (a space first, as OCR sets it)
AFTER_QUESTION = "[ \\t]*(?:[”’」』]|\\n|$)"
# the clause a question word must be in: back to the last mark that ends a clause or opens a quote
CLAUSE_REACH = 30
CLAUSE_MARKS = "，。！？；：“‘"
MESSAGE = "OCR把问号误识为“7”"


def question_mark_read_as_seven(text: str, question_word: str = QUESTION_WORD) -> Iterator[Finding]:
    """N120: a 7 right after Han text that ends a question becomes ？ (a space OCR set after it goes too).

    >>> [(f.start, f.end, f.replacement) for f in question_mark_read_as_seven("好吗7 我想，是什么7", QUESTION_WORD)]
    [(2, 4, '？'), (10, 11, '？')]
    >>> list(question_mark_read_as_seven("为什么7月份涨价，厅级干部7人，吗7 0个，是什么7个", QUESTION_WORD))
    []
    >>> list(question_mark_read_as_seven("全县有7”的说法，今年增长7", QUESTION_WORD))
    []
    """
    asked = re.compile(f"(?:{question_word})")
    # (the 7 first, what stands before it looked for behind: the engine scans for a 7 alone)
    after_particle = re.compile(f"7(?<=[{QUESTION_PARTICLE}]7)[ \\t]?(?![0-9.．%％])(?=[ \\t]*[{HAN_CLASS}“”’\\n]|$)")
    closing = re.compile(f"7(?<=[{HAN_CLASS}]7)[ \\t]?(?={AFTER_QUESTION})")
    found: set[int] = set()
    for match in after_particle.finditer(text):
        found.add(match.start())
        yield Finding("N120", match.start(), match.end(), MESSAGE, "？", 0.9)
    for match in closing.finditer(text):
        if match.start() in found:
            continue
        # a wrap or OCR's spaces do not end a clause
        before = "".join(text[max(0, match.start() - CLAUSE_REACH) : match.start()].split())
        clause = re.split(f"[{CLAUSE_MARKS}]", before)[-1]
        if asked.search(clause):
            yield Finding("N120", match.start(), match.end(), MESSAGE, "？", 0.9)
