"""Where the copies of a doubled word met across a line break of the input: a sentence ending on a word and the
next opening on it (签订的合同。合同期限) whose stop OCR lost, which rejoin rightly joined, so the deletion is only
suggested.

>>> ends_a_paragraph("签订的合同\\n合同期限是从今年", 5)
True
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Finding
from ..pipeline import Context


def ends_a_paragraph(original: str, position: int) -> bool:
    """Whether the line break at `position` of `original` ends a paragraph whose blank line OCR lost: the line before it
    is shorter than its neighbours, a column's width (a full line's break is a wrap, where a doubling is a typo's). A
    blank line is a page's or column's cut as often, and a doubling across it a typo's (the acceptance pages 096-098).

    >>> column = "村里的承包户老张一大早就去\\n了。他带回签订的合同\\n合同期限是从今年元旦起\\n"
    >>> ends_a_paragraph(column, column.index("\\n合同")), ends_a_paragraph(column, column.index("\\n了"))
    (True, False)
    >>> ends_a_paragraph("联合人社部门\\n\\n部门组织的技能培训", 6)
    False
    """
    if original.startswith("\n\n", position) or original[position - 1 : position] == "\n":
        return False
    line_start = original.rfind("\n", 0, position) + 1
    previous_start = original.rfind("\n", 0, max(0, line_start - 1)) + 1
    next_end = original.find("\n", position + 1)
    widths = [
        len(original[previous_start : line_start - 1].strip()) if line_start else 0,
        len(original[position + 1 : len(original) if next_end < 0 else next_end].strip()),
    ]
    return len(original[line_start:position].strip()) < max(widths)


def copies_meet_at_a_break(text: str, finding: Finding, context: Context) -> bool:
    """Whether the input held a paragraph's end (`ends_a_paragraph`) where the copies a deletion `finding` removes met
    the copy before them (an earlier stage, rejoin, joined it): 他带回签订的合同⏎合同期限 (a short line).

    >>> from cleaner.edits import Edit, OffsetMap
    >>> from cleaner.model import Document
    >>> context = Context.default()
    >>> context.document = Document("d", "d.txt", "签订的合同\\n合同期限是从今年")
    >>> context.maps = [OffsetMap([Edit(5, 6, 5, 5)])]
    >>> copies_meet_at_a_break("签订的合同合同期限是从今年", Finding("D101", 5, 7, "", ""), context)
    True
    >>> context.document, context.maps = Document("d", "d.txt", "签订的合同合同期限"), [OffsetMap([])]  # side by side
    >>> copies_meet_at_a_break("签订的合同合同期限", Finding("D101", 5, 7, "", ""), context)
    False
    """
    deleted = text[finding.start : finding.end]
    if context.document is None or not context.maps or not deleted:
        return False
    # a copy's length: the shortest stretch the deleted span repeats that also stands right before it
    sizes = (size for size in range(1, len(deleted) + 1) if len(deleted) % size == 0)
    size = next(
        (
            n
            for n in sizes
            if deleted == deleted[:n] * (len(deleted) // n) and text.endswith(deleted[:n], 0, finding.start)
        ),
        len(deleted),
    )
    original = context.document.text
    for junction in range(finding.start, finding.end, size):
        start, end = context.to_original(junction - 1, junction + 1)
        breaks = [start + i for i, c in enumerate(original[start:end]) if c == "\n"]
        if breaks and ends_a_paragraph(original, breaks[0]):
            return True
    return False


def across_a_break(finding: Finding, text: str, context: Context) -> Finding:
    """A doubled word's deletion, only suggested where its copies met across a line break of the input.

    A sentence ending on a word and the next opening on it are common (签订的合同。合同期限); where OCR lost the stop
    at a line's end, rejoin rightly joins the lines and the copies meet. A typo's doubling seldom straddles a
    break, so the pair is the reviewer's to judge, not the stage's to delete.

    >>> from cleaner.edits import Edit, OffsetMap
    >>> from cleaner.model import Document
    >>> context = Context.default()
    >>> context.document = Document("d", "d.txt", "签订的合同\\n合同期限是从今年")
    >>> context.maps = [OffsetMap([Edit(5, 6, 5, 5)])]
    >>> finding = across_a_break(Finding("D101", 5, 7, "“合同”重复", "", 0.99), "签订的合同合同期限是从今年", context)
    >>> finding.confidence < context.min_confidence, finding.message
    (True, '“合同”重复（但两处分在断行两侧：或是前句收尾、后句开头）')
    """
    if finding.rule not in ("D101", "D102") or finding.replacement != "" or finding.confidence < context.min_confidence:
        return finding
    if not copies_meet_at_a_break(text, finding, context):
        return finding
    below = round(context.min_confidence - 0.01, 3)
    message = f"{finding.message}（但两处分在断行两侧：或是前句收尾、后句开头）"
    return replace(finding, message=message, confidence=min(finding.confidence, below))
