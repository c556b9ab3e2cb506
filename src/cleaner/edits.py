"""The one applier: findings in, new text and an offset map out; plus replay and undo of a report.

>>> outcome = apply_findings("ab c", [Finding("N103", 2, 3, "删除空格", "")], min_confidence=0.5)
>>> outcome.text
'abc'
>>> outcome.offset_map.to_source_span(2, 3)
(3, 4)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter, lt

from .model import Change, Finding, Status
from .offset_maps import Edit, OffsetMap


@dataclass(frozen=True, slots=True)
class Applied:
    """What the applier returns: the new text, its offset map and each finding's outcome."""

    text: str
    offset_map: OffsetMap
    outcomes: list[tuple[Finding, Status]]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two spans collide; an empty span collides with a span strictly around it or itself.

    >>> overlaps(0, 2, 2, 4), overlaps(0, 3, 2, 4), overlaps(1, 1, 0, 2), overlaps(2, 2, 2, 2)
    (False, True, True, True)
    """
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def touches(start: int, end: int, edit_start: int, edit_end: int) -> bool:
    """Whether a proposed span would disturb an earlier edit: overlap, or an insertion at its edge.

    An insertion beside an earlier edit is refused too: in the original both sit at one point,
    and their order could not be told from the report.

    >>> touches(3, 5, 4, 5), touches(0, 1, 1, 3), touches(3, 3, 1, 3), touches(2, 4, 3, 3)
    (True, False, True, True)
    """
    if start == end and edit_start <= start <= edit_end:
        return True
    return overlaps(start, end, edit_start, edit_end)


def apply_findings(
    text: str,
    findings: Iterable[Finding],
    min_confidence: float,
) -> Applied:
    """Apply every confident fix that overlaps no earlier one, in one slicing pass.

    Fixes are taken in span order, more confident first at the same start.

    >>> fixes = [Finding("X1", 0, 2, "m", "A"), Finding("X2", 1, 3, "m", "B"), Finding("X3", 3, 4, "m", "C", 0.2)]
    >>> result = apply_findings("abcd", fixes, min_confidence=0.5)
    >>> result.text, [str(status) for _, status in result.outcomes]
    ('Acd', ['applied', 'skipped', 'suggested'])
    """
    outcomes: list[tuple[Finding, Status]] = []
    pieces: list[str] = []
    edits: list[Edit] = []
    # (run once per finding of every stage: the statuses, appends and Edit's tuple constructor are held locally;
    # Edit's own __new__ is Python, `tuple.__new__` builds the same tuple in C)
    flagged, suggested, skipped, applied = Status.FLAGGED, Status.SUGGESTED, Status.SKIPPED, Status.APPLIED
    add_outcome, add_piece, add_edit, new_edit = outcomes.append, pieces.append, edits.append, tuple.__new__
    # the last applied fix's span (applied fixes are disjoint and sorted, so only it can reach a later one;
    # none before the first, and none that ends before a fix starts), and where the text after it begins
    # in the output
    last_start = last_end = -1
    cursor = out_len = 0
    text_length = len(text)
    for finding in in_applying_order(findings):
        start, end, replacement = finding.start, finding.end, finding.replacement
        if not 0 <= start <= end <= text_length:
            raise ValueError(f"finding {finding.rule} span {start}:{end} outside text")
        if replacement is None:
            add_outcome((finding, flagged))
        elif finding.confidence < min_confidence:
            add_outcome((finding, suggested))
        elif start <= last_end and overlaps(start, end, last_start, last_end):
            add_outcome((finding, skipped))
        elif text[start:end] == replacement:
            continue  # a no-op fix is not a change
        else:
            last_start, last_end = start, end
            add_outcome((finding, applied))
            add_piece(text[cursor:start])
            out_len += start - cursor
            add_edit(new_edit(Edit, (start, end, out_len, out_len + len(replacement))))
            add_piece(replacement)
            out_len += len(replacement)
            cursor = end
    pieces.append(text[cursor:])
    return Applied("".join(pieces), OffsetMap(edits), outcomes)


def applying_key(finding: Finding) -> tuple[int, int, float, str]:
    """Where the applier takes a finding: by span, more confident first at the same span.

    >>> applying_key(Finding("X1", 2, 3, "m", "A", 0.9))
    (2, 3, -0.9, 'X1')
    """
    return finding.start, finding.end, -finding.confidence, finding.rule


_SPAN_OF = attrgetter("start", "end")


def in_applying_order(findings: Iterable[Finding]) -> list[Finding]:
    """`findings` sorted by `applying_key`; most stages return them in span order already, with no
    two at one span, and then the order is theirs and no key is built (one check, run in C).

    >>> fixes = [Finding("X2", 0, 1, "m", "B", 0.5), Finding("X1", 0, 1, "m", "A", 0.9), Finding("X3", 0, 2, "m", "C")]
    >>> [f.rule for f in in_applying_order(fixes)], [f.rule for f in in_applying_order(fixes[1:])]
    (['X1', 'X2', 'X3'], ['X1', 'X3'])
    """
    listed = findings if isinstance(findings, list) else list(findings)
    spans = list(map(_SPAN_OF, listed))
    if all(map(lt, spans, spans[1:])):
        return listed
    return sorted(listed, key=applying_key)


def settled(
    find: Callable[[str, Sequence[int] | None], list[Finding]],
    text: str,
    min_confidence: float,
    rounds: int = 3,
    grow: bool = False,
) -> list[Finding]:
    """Findings of `find`, looked for again in the text its confident fixes leave, until none are new.

    For rules whose evidence is the neighbourhood (a doubled word's language-model score, a line
    break's block shape), one pass can leave a fix that the next cleaning would make. Looking
    again keeps cleaning idempotent. `find(text, touched)` gets, after the first round, where the
    last round's fixes landed, so it may look only around them.

    >>> def first_doubled_x(text, touched):  # a rule that only ever reports the first "xx" it sees
    ...     i = text.find("xx")
    ...     return [] if i < 0 else [Finding("X1", i, i + 1, "doubled x", "")]
    >>> [(f.start, f.end) for f in settled(first_doubled_x, "xx-xx", 0.5)]
    [(0, 1), (3, 4)]

    A doubt of the first round gives way to a confident verdict on the settled text:

    >>> def sure_of_the_last_xy(text, touched):
    ...     hits = [i for i in range(len(text)) if text.startswith("xy", i)]
    ...     return [Finding("X2", i, i + 1, "x before y", "", 0.9 if i == hits[-1] else 0.4) for i in hits]
    >>> [(f.start, f.confidence) for f in settled(sure_of_the_last_xy, "xy-xy", 0.5)]
    [(3, 0.9), (0, 0.9)]

    With `grow`, a confident fix that spans earlier fixes replaces them, and the flags it overlaps: a
    deletion that brings two copies of a longer stretch together (ab-abab- → ab-ab-) gives way to the
    deletion of the whole copy.

    >>> def doubled(text, touched):  # deletes the second of two copies in a row, the longest first
    ...     for size in (3, 2):
    ...         for i in range(len(text) - 2 * size + 1):
    ...             if text[i : i + size] == text[i + size : i + 2 * size]:
    ...                 return [Finding("X3", i + size, i + 2 * size, "doubled", "", 0.9)]
    ...     return []
    >>> [(f.start, f.end) for f in settled(doubled, "ab-abab-", 0.5, grow=True)]
    [(3, 8)]
    >>> [(f.start, f.end) for f in settled(doubled, "ab-abab-", 0.5)]
    [(5, 7)]
    """
    findings = FindingIndex(find(text, None))
    new = list(findings)
    maps: list[OffsetMap] = []
    for _ in range(rounds - 1):
        fixes = [f for f in new if f.applies_at(min_confidence)]
        if not fixes:
            break
        view = apply_findings(text, fixes, min_confidence)
        text = view.text
        maps.append(view.offset_map)
        new = []
        for finding in find(text, [edit.dst_start for edit in view.offset_map.edits]):
            start, end = finding.start, finding.end
            for offset_map in reversed(maps):
                start, end = offset_map.to_source_span(start, end)
            clashing = findings.overlapping(start, end)
            # a flag the fix overlaps (D302: two lines nearly the same) is moot once the copy goes
            spans_them = grow and all(start <= f.start and f.end <= end for f in clashing if f.is_fix)
            if clashing and not (
                finding.applies_at(min_confidence)
                and (spans_them or not any(f.applies_at(min_confidence) for f in clashing))
            ):
                continue
            # an earlier doubt is overruled by a confident verdict on the settled text
            findings.remove(clashing)
            findings.add(replace(finding, start=start, end=end))
            new.append(finding)
    return list(findings)


class FindingIndex:
    """Findings in the order they came, with the ones overlapping a span found without reading them all.

    Each finding is filed under the cells of CELL characters its span touches, so a page with
    thousands of findings (a column of doubled figures) stays linear to settle.

    >>> index = FindingIndex([Finding("X1", 0, 2, "m", ""), Finding("X1", 100, 101, "m", "")])
    >>> [f.start for f in index.overlapping(1, 3)]
    [0]
    >>> index.remove(index.overlapping(1, 3)); [f.start for f in index]
    [100]
    """

    CELL = 32

    def __init__(self, findings: Iterable[Finding]) -> None:
        self._order: dict[int, Finding] = {}
        self._cells: dict[int, dict[int, Finding]] = {}
        self._next = 0
        for finding in findings:
            self.add(finding)

    def __iter__(self) -> Iterator[Finding]:
        return iter(list(self._order.values()))

    def _span_cells(self, start: int, end: int) -> range:
        return range(start // self.CELL, end // self.CELL + 1)

    def add(self, finding: Finding) -> None:
        key, self._next = self._next, self._next + 1
        self._order[key] = finding
        for cell in self._span_cells(finding.start, finding.end):
            self._cells.setdefault(cell, {})[key] = finding

    def overlapping(self, start: int, end: int) -> list[Finding]:
        """The findings whose span `overlaps` `start:end`, in the order they came."""
        keys = {
            key
            for cell in self._span_cells(start, end)
            for key, f in self._cells.get(cell, {}).items()
            if overlaps(start, end, f.start, f.end)
        }
        return [self._order[key] for key in sorted(keys)]

    def remove(self, findings: Iterable[Finding]) -> None:
        """Drop these very findings (by identity)."""
        for finding in findings:
            cells = self._span_cells(finding.start, finding.end)
            key = next(k for k, f in self._cells[cells[0]].items() if f is finding)
            del self._order[key]
            for cell in cells:
                del self._cells[cell][key]


def replay(original: str, changes: Iterable[Change]) -> str:
    """Rebuild the output from the input and the applied changes of a report.

    >>> replay("ab\\n\\ncd", [Change("rejoin", "R101", "m", 2, 4, "\\n\\n", "", Status.APPLIED, 0.9)])
    'abcd'
    """
    pieces: list[str] = []
    cursor = 0
    for change in sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.start, c.end)):
        if original[change.start : change.end] != change.before or change.start < cursor:
            raise ValueError(f"change {change.rule} at {change.start}:{change.end} does not fit the input")
        pieces.append(original[cursor : change.start])
        pieces.append(change.after or "")
        cursor = change.end
    pieces.append(original[cursor:])
    return "".join(pieces)


def undo(output: str, changes: Iterable[Change]) -> str:
    """Rebuild the input from the output by reverting every applied change.

    >>> undo("abcd", [Change("rejoin", "R101", "m", 2, 4, "\\n\\n", "", Status.APPLIED, 0.9)])
    'ab\\n\\ncd'
    """
    pieces: list[str] = []
    cursor = 0
    delta = 0
    for change in sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.start, c.end)):
        after = change.after or ""
        out_start = change.start + delta
        pieces.append(output[cursor:out_start])
        pieces.append(change.before)
        cursor = out_start + len(after)
        delta += len(after) - (change.end - change.start)
    pieces.append(output[cursor:])
    return "".join(pieces)
