"""N116-N117: punctuation tesseract (chi_sim) sets in a way no writer of Chinese does, in every face it reads.

Measured on scans of training articles set in a Song face, a Hei face and a bold Song (`cleaner eval ocr --typeface`):
the engine reads a Chinese ； ： ？ ！ as its half-width twin followed by a space (开发脱贫; 对, 报道: 在今天), some
thirty times in 40 articles in each face, where N102 (a half-width mark between Chinese characters) does not look;
and in the Hei and bold faces it reads a title's closing 》 twice, as a parenthesis and the mark (《抗震歌)》).

>>> [(f.rule, f.replacement) for f in spaced_halfwidth_marks("开发脱贫; 对地处")]
[('N116', '；')]
>>> [(f.rule, f.replacement) for f in doubled_title_close("京剧《抗震歌)》，")]
[('N117', '')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import HALF_TO_FULL_PROSE_MARKS, HAN_CLASS

# A half-width ; : ? ! right after a Han character (or a closing Chinese quote or bracket), then the one space an
# engine sets after a Latin mark, then Chinese text: a Han character, an opening quote or bracket, a closing quote
# (这座楼! ”), or a figure after a colon (报道: 1月). English has a Latin letter before its marks, and a table or a
# time keeps its digits on both sides, so neither is touched. The comma is N102's and N114's: tesseract reads a
# Chinese comma as a half-width one without a space.
SPACED_MARK = re.compile(f"(?<=[{HAN_CLASS}”’）》])([;:?!])[ \\t](?=[{HAN_CLASS}“‘”’（《]|(?<=:[ \\t])[0-9])")
# A title opened by 《 on one line and closed by ) right before its 》: the engine read the one closing mark as two.
# (no parenthesis opens inside the title: 《中国(上海)》 keeps its own)
DOUBLED_CLOSE = re.compile(f"《[^《》()（）\\n]*[{HAN_CLASS}][^《》()（）\\n]*(\\))[ \\t]*》")


def spaced_halfwidth_marks(text: str) -> Iterator[Finding]:
    """N116: a half-width ; : ? ! that OCR set after Chinese text with a space after it becomes the full-width mark,
    the space gone.

    >>> [(f.start, f.end, f.replacement) for f in spaced_halfwidth_marks("报道: 在今天，问: “好吗? ”说! 走")]
    [(2, 4, '：'), (9, 11, '：'), (14, 16, '？'), (18, 20, '！')]
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
