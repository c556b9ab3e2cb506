"""Where text moves when the applier edits it: each applied edit, and the map back and forth through them.

>>> OffsetMap([Edit(2, 4, 2, 3)]).to_source_span(2, 3)
(2, 4)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import le
from typing import NamedTuple


class Edit(NamedTuple):
    """One applied replacement: `src[src_start:src_end]` became `dst[dst_start:dst_end]`.

    A named tuple, not a frozen dataclass: the applier makes one per applied fix, in every round
    of every stage, and a frozen dataclass takes twice as long to build.
    """

    src_start: int
    src_end: int
    dst_start: int
    dst_end: int


class OffsetMap:
    """Maps positions in a stage's output back to its input, through the edits it applied.

    A start inside replaced text snaps to the start of that edit, an end to its end, so a
    mapped span always covers whole edits.

    >>> m = OffsetMap([Edit(2, 4, 2, 2)])  # "ab\\n\\ncd" -> "abcd"
    >>> m.to_source(2, "start"), m.to_source(2, "end"), m.to_source(3, "start")
    (4, 2, 5)
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self._dst_starts = [e.dst_start for e in self.edits]
        self._dst_ends = [e.dst_end for e in self.edits]
        self._src_starts = [e.src_start for e in self.edits]
        self._src_ends = [e.src_end for e in self.edits]

    def __bool__(self) -> bool:
        return bool(self.edits)

    def to_source(self, pos: int, side: str) -> int:
        if side == "start":
            i = bisect_right(self._dst_starts, pos) - 1
            if i < 0:
                return pos
            edit = self.edits[i]
            if pos < edit.dst_end:
                return edit.src_start
            return edit.src_end + pos - edit.dst_end
        i = bisect_left(self._dst_ends, pos)
        if i == len(self.edits):
            last = self.edits[-1] if self.edits else None
            return pos if last is None else last.src_end + pos - last.dst_end
        edit = self.edits[i]
        if edit.dst_start < pos:
            return edit.src_end
        return edit.src_start - (edit.dst_start - pos)

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        if start == end:
            point = self.to_source(start, "start")
            return point, point
        source_start = self.to_source(start, "start")
        return source_start, max(source_start, self.to_source(end, "end"))

    def to_source_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """`to_source_span` of each span, its steps written out: a stage maps all its findings back at once.

        >>> OffsetMap([Edit(2, 4, 2, 3), Edit(6, 6, 5, 7)]).to_source_spans([(0, 1), (2, 3), (3, 5), (5, 6), (8, 8)])
        [(0, 1), (2, 4), (4, 6), (6, 6), (7, 7)]
        """
        if not self.edits:
            return list(spans)
        dst_starts, dst_ends, src_starts, src_ends = self._dst_starts, self._dst_ends, self._src_starts, self._src_ends
        last = len(self.edits) - 1
        mapped = []
        for start, end in spans:
            # the start, as `to_source(start, "start")`
            i = bisect_right(dst_starts, start) - 1
            if i < 0:
                source_start = start
            elif start < dst_ends[i]:
                source_start = src_starts[i]
            else:
                source_start = src_ends[i] + start - dst_ends[i]
            if start == end:
                mapped.append((source_start, source_start))
                continue
            # the end, as `to_source(end, "end")`
            i = bisect_left(dst_ends, end)
            if i > last:
                source_end = src_ends[last] + end - dst_ends[last]
            elif dst_starts[i] < end:
                source_end = src_ends[i]
            else:
                source_end = src_starts[i] - (dst_starts[i] - end)
            mapped.append((source_start, source_end if source_end > source_start else source_start))
        return mapped

    def to_targets(self, positions: Iterable[int]) -> list[int]:
        """`to_target` of each position, its steps written out.

        >>> OffsetMap([Edit(2, 4, 2, 3)]).to_targets([1, 3, 5])
        [1, 2, 4]
        """
        if not self.edits:
            return list(positions)
        if not isinstance(positions, list):
            positions = list(positions)
        # the sweep pays a few steps per edit, the lookup one bisect per position: a stage with few edits
        # moving many earlier ones (duplicates after rejoin) sweeps; rejoin's thousands of joins look up
        if len(self.edits) * 8 < len(positions) and all(map(le, positions, positions[1:])):
            return self._sorted_to_targets(positions)
        src_starts, src_ends, dst_starts, dst_ends = self._src_starts, self._src_ends, self._dst_starts, self._dst_ends
        targets = []
        for pos in positions:
            i = bisect_right(src_starts, pos) - 1
            if i < 0:
                targets.append(pos)
            elif pos < src_ends[i]:
                targets.append(dst_starts[i])
            else:
                targets.append(dst_ends[i] + pos - src_ends[i])
        return targets

    def _sorted_to_targets(self, positions: list[int]) -> list[int]:
        """`to_targets` of rising positions, edit by edit: those an edit governs (from its start to the
        next one's) are found by two bisects and moved by one offset, not looked up one by one.

        >>> OffsetMap([Edit(2, 2, 2, 3), Edit(2, 4, 3, 4), Edit(6, 6, 6, 8)])._sorted_to_targets([0, 2, 3, 4, 6, 9])
        [0, 3, 3, 4, 8, 11]
        """
        src_starts, src_ends, dst_starts, dst_ends = self._src_starts, self._src_ends, self._dst_starts, self._dst_ends
        first = bisect_left(positions, src_starts[0])
        targets = positions[:first]
        last = len(src_starts) - 1
        for i in range(last + 1):
            inside = bisect_left(positions, src_ends[i], first)  # inside the edit: snap to where it begins now
            after = len(positions) if i == last else bisect_left(positions, src_starts[i + 1], inside)
            targets += [dst_starts[i]] * (inside - first)
            shift = dst_ends[i] - src_ends[i]
            targets += [pos + shift for pos in positions[inside:after]] if shift else positions[inside:after]
            first = after
        return targets

    def to_target(self, pos: int) -> int:
        """Map an input position forward to the output (a point inside an edit snaps to its start).

        >>> OffsetMap([Edit(2, 4, 2, 2)]).to_target(5)
        3
        """
        i = bisect_right(self._src_starts, pos) - 1
        if i < 0:
            return pos
        edit = self.edits[i]
        if pos < edit.src_end:
            return edit.dst_start
        return edit.dst_end + pos - edit.src_end
