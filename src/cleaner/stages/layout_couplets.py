"""A couplet set in a hard-wrapped column: the lines a pair class claims where the page shows that their writer, not
the typesetter, ended them.

>>> from cleaner.stages.layout_classes import LINE, load_layout_rules
>>> lines = ["到西沟村，只见一", "副春联写道：", "春回大地千山秀", "日照神州万木荣", "村支书说，"]
>>> text, full, runs_on = "\\n".join(lines), [len(line) > 6 for line in lines], [False, True, False, True, True]
>>> spans, widths = [m.span() for m in LINE.finditer(text)], [float(len(line)) for line in lines]
>>> sorted(column_couplets(text, spans, widths, full, runs_on, load_layout_rules().runs))
[2, 3]
"""

from __future__ import annotations

from itertools import compress

from .layout_classes import ClassRule


def column_couplets(
    text: str,
    spans: list[tuple[int, int]],
    widths: list[float],
    full: list[bool],
    runs_on: list[bool],
    rules: tuple[ClassRule, ...],
) -> dict[int, ClassRule]:
    """The lines `text[start:end]` of a hard-wrapped column (`spans`) that a pair class (a couplet) claims, by index.

    A column's full lines are as long as each other by the typesetter's doing, so two of them mirror
    each other by chance (改革是循序渐进的事，/推行股份制也是如此。 in a column of 10), and most verse quoted in
    a paragraph runs on with it. A pair counts only where it starts a paragraph and the page shows that
    its lines were ended by their writer: each stops a whole character short of the lines the typesetter
    filled (the full lines ending on a character: a line ending on a mark may hang it past the column), or
    ends on a mark after a short line ending on a colon (…其中一副写道：), which sets apart what it introduces.

    >>> from cleaner.stages.layout_classes import LINE, load_layout_rules
    >>> def couplets(lines: list[str]) -> list[int]:  # a column of 8
    ...     spans = [m.span() for m in LINE.finditer("\\n".join(lines))]
    ...     widths, full = [float(len(line)) for line in lines], [len(line) > 6 for line in lines]
    ...     runs_on = [False] + [full[i] and lines[i][-1] not in "。：" for i in range(len(lines) - 1)]
    ...     return sorted(column_couplets("\\n".join(lines), spans, widths, full, runs_on, load_layout_rules().runs))
    >>> couplets(["到西沟村，只见一", "副春联写道：", "春回大地千山秀", "日照神州万木荣", "村支书说，"])
    [2, 3]
    >>> couplets(["到西沟村，只见一", "副春联写道：", "春风送暖千家乐，", "瑞雪迎春万户欢。", "村支书说，"])
    [2, 3]
    >>> couplets(["到西沟村，只见一", "副春联写好了。", "春风送暖千家乐，", "瑞雪迎春万户欢。", "村支书说，"])
    []
    """
    pair_rules = [rule for rule in rules if rule.pairs]
    if not pair_rules:
        return {}
    longest = max(rule.max_length for rule in pair_rules)
    filled: float | None = None
    found: dict[int, ClassRule] = {}
    # most lines of a column go on from the line before: only the first lines of paragraphs are looked at
    for index in compress(range(len(spans) - 1), [not on for on in runs_on]):
        (start, end), (second_start, second_end) = spans[index], spans[index + 1]
        if end - start > longest or second_end - second_start > longest:
            continue
        first, second = text[start:end], text[second_start:second_end]
        rule = next(
            (rule for rule in pair_rules if rule.claims(first, None, 0, True) and rule.mirrors(first, second)), None
        )
        if rule is None:
            continue
        if filled is None:  # measured at the first pair: most columns have none
            ends = [text[e - 1] for _, e in spans]
            filled = max((w for w, f, last in zip(widths, full, ends, strict=True) if f and last.isalnum()), default=0)
        introduced = index > 0 and not full[index - 1] and text[spans[index - 1][1] - 1] in "：:"
        if all(
            widths[at] <= filled - 1 or (introduced and not line[-1:].isalnum())
            for at, line in ((index, first), (index + 1, second))
        ):
            found[index] = found[index + 1] = rule
    return found
