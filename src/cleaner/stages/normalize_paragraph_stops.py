"""N121: a paragraph's final 。 that a print OCR engine read as a hyphen (个这些动物的胚胎-⏎⏎他们使用的是…).

tesseract (chi_sim) reads the full stop ending a paragraph as - now and then, most in a bold face: on the training
scans of `cleaner eval ocr` (seeds 3, 4 and 5, three faces), every one of the eleven hyphens it set right after Han text
before a blank line or the text's end stood for that 。 (eight) or for nothing at the text's cut end (three); none
ran on into the next paragraph. No paragraph of the People's Daily corpus ends on Han text and a hyphen or dash. So
the hyphen becomes 。, and R101 no longer joins the paragraph to the next one.

>>> [(f.rule, f.start, f.replacement) for f in stop_read_as_hyphen("培育出了70个胚胎-\\n\\n他们使用的是")]
[('N121', 9, '。')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from ..patterns import HAN_CLASS

# a single hyphen right after Han text, then only spaces to a blank line or the text's end (a wrap inside a paragraph
# may part a hyphenated pair, 京-|津, and a dash of two or more marks is a writer's)
# (the hyphen first, the Han character looked for behind: the engine scans for hyphens alone)
HYPHEN_ENDING_PARAGRAPH = re.compile(f"-(?<=[{HAN_CLASS}]-)(?=[ \\t]*(?:\\n[ \\t]*\\n|\\n?[ \\t]*$))")


def stop_read_as_hyphen(text: str) -> Iterator[Finding]:
    """N121: a hyphen after Han text that ends a paragraph becomes 。.

    >>> [f.start for f in stop_read_as_hyphen("发展的年份- \\n\\n第三个心愿是希望。最后一句-")]
    [5, 22]
    >>> list(stop_read_as_hyphen("京-\\n津两地，八-队，观点--\\n\\n下段，B-\\n\\n下段，5-\\n\\n下段"))
    []
    """
    for match in HYPHEN_ENDING_PARAGRAPH.finditer(text):
        yield Finding("N121", match.start(), match.end(), "段末句号被OCR识别成连字符", "。", 0.9)
