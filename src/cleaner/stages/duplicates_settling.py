"""The first round's verdicts on doubled stretches, kept for the settling round where the deletions left the page as
the judge reads it around a pair.

The stage looks at a page again after its deletions (`cleaner.edits.settled`), and most pairs it meets there it
judged in the first round. The judge reads two things of a page: a window around the pair (the words, the model's
context, the reduplication patterns' context, a closing quote within reach: `WINDOW_REACH` characters each side, the
pair's line where a table's header may hold it) and, beyond it, whether the page prints strings elsewhere
(`printed_single_elsewhere`, `page_prints_term`, `term_printed_before`, `doubled_elsewhere`), each string holding
the unit's first character, none longer than the pair with `search_reach` characters either side, and each read with
the character either side of it. A pair whose
window reads the same on both pages, and whose first character the page prints nowhere near a deletion, gets the
same verdict on both: the earlier one is kept, moved by the characters deleted before it.

>>> from cleaner.edits import Edit, OffsetMap
>>> before = "甲乙" * 10 + "丙丁" * 30 + "的的" + "戊己" * 30
>>> after = before[:81] + before[82:]
>>> kept = KeptVerdicts(before, after, OffsetMap([Edit(81, 82, 81, 81)]), FirstRound(), None, 2)
>>> kept.usable(1, 1, "乙", 2)
True
>>> kept.usable(60, 60, "丙", 2), kept.usable(21, 21, "丙", 2)  # the window meets the deletion; 丙 is printed by it
(False, False)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from ..edits import OffsetMap, apply_findings
from ..model import Finding
from ..patterns import HAN_CLASS
from .duplicates_lines import line_of

# A run of 1 to 24 Han characters followed at once by itself; lazy, so 实实在在 yields 实实 then 在在.
# Longer repeats (a line read twice) hold punctuation and are left to the line and sentence rules.
MAX_REPEAT = 24
TANDEM = re.compile(f"([{HAN_CLASS}]{{1,{MAX_REPEAT}}}?)\\1")

# The farthest a reader of the judge reads from a pair without searching the page: the model's context (6), the
# reduplication patterns' (8), words of up to 6 characters either side, and a closing quote after the pair, which
# counts only where what stands before it is a word (jieba's longest is 16 characters).
WINDOW_REACH = 40
# marks a pair no verdict was kept for
UNKNOWN = object()

Verdict = Finding | None
Judge = Callable[[str, int, str, int], Verdict]
Repeat = tuple[int, str] | None  # where a tandem repeat starts, and its unit


def tandem(text: str, start: int, end: int) -> Repeat:
    """The first tandem repeat (`TANDEM`) of `text[start:end]`: its start and unit.

    >>> tandem("召开环境污染污染防治大会", 0, 12)
    (4, '污染')
    """
    match = TANDEM.search(text, start, end)
    return None if match is None else (match.start(), match[1])


class FirstRound:
    """The verdicts of the judge on one page, recorded as it gives them, keyed by the pair's start, unit and copies."""

    def __init__(self) -> None:
        self.verdicts: dict[tuple[int, str, int], Verdict] = {}
        self.repeats: dict[int, Repeat] = {}

    def search(self, text: str, start: int, end: int) -> Repeat:
        """`tandem`'s answer, kept where the search read on to the page's end."""
        found = tandem(text, start, end)
        if end == len(text):
            self.repeats[start] = found
        return found

    def verdict(self, judge: Judge, text: str, start: int, unit: str, copies: int) -> Verdict:
        """`judge`'s verdict on the pair at `start`, kept."""
        found = self.verdicts[(start, unit, copies)] = judge(text, start, unit, copies)
        return found


class KeptVerdicts:
    """The first round's verdicts on the page `before`, given again on the page `after` (`before` with the fixes of
    `offset_map` applied) where `usable` says the judge reads the same."""

    def __init__(
        self,
        before: str,
        after: str,
        offset_map: OffsetMap,
        first_round: FirstRound,
        column_unit: re.Pattern[str] | None,
        search_reach: int,
    ) -> None:
        self.before, self.after, self.offset_map = before, after, offset_map
        self.verdicts, self.repeats = first_round.verdicts, first_round.repeats
        self.column_unit, self.search_reach = column_unit, search_reach
        self.clear: list[tuple[int, int]] | None = None  # `clear_stretches`, found at the first search

    def search(self, text: str, start: int, end: int) -> Repeat:
        """`tandem`'s answer on the page `after` (`text`), moved from the first round's where the search from the same
        place read the same: the characters up to the repeat and 2 * MAX_REPEAT past its start, or to the end.
        Else the search passes over the places that read as places of the first round's page where no repeat
        started (`clear_stretches`)."""
        if end == len(text):
            source = self.offset_map.to_source(start, "start")
            kept = self.repeats.get(source, UNKNOWN)
            if kept is None and self.before[source:] == text[start:]:
                return None
            if isinstance(kept, tuple):
                read = kept[0] - source + 2 * MAX_REPEAT
                if self.before[source : source + read] == text[start : start + read]:
                    return kept[0] - source + start, kept[1]
        if self.clear is None:
            self.clear = self.clear_stretches()
        for low, high in self.clear[max(0, bisect_right(self.clear, (start, len(text) + 1)) - 1) :]:
            if start >= end:
                return None
            if start < low:
                # a repeat starting before `low` ends by `low + 2 * MAX_REPEAT - 1`: the search stops there
                match = TANDEM.search(text, start, min(end, low + 2 * MAX_REPEAT - 1))
                if match is not None and match.start() < low:
                    return match.start(), match[1]
            start = max(start, high)
        return tandem(text, start, end)

    def clear_stretches(self) -> list[tuple[int, int]]:
        """The stretches of the page `after` where no repeat starts, in order: the places whose 2 * MAX_REPEAT
        characters (all a repeat reads) are those of a place of `before` where the first round's searches found none,
        between two fixes (or the page's ends) as far as no fix is within reach.

        >>> from cleaner.edits import Edit, OffsetMap
        >>> words = "全面推进社会主义现代化建设，坚持改革开放，把建设有中国特色社会主义事业推向前进。"
        >>> before = "环境污染污染防治" + words + words[::-1]
        >>> first_round = FirstRound()
        >>> first_round.search(before, 0, len(before)), first_round.search(before, 6, len(before))
        ((2, '污染'), None)
        >>> after = before[:4] + before[6:70] + before[71:]  # 污染 deleted, and a character at 70
        >>> offset_map = OffsetMap([Edit(4, 6, 4, 4), Edit(70, 71, 68, 68)])
        >>> KeptVerdicts(before, after, offset_map, first_round, None, 2).clear_stretches()
        [(4, 21), (68, 85)]
        """
        ends = {start: len(self.before) if repeat is None else repeat[0] for start, repeat in self.repeats.items()}
        free: list[tuple[int, int]] = []  # the places of `before` where no repeat starts, merged
        for low, high in sorted(ends.items()):
            if free and low <= free[-1][1]:
                free[-1] = (free[-1][0], max(free[-1][1], high))
            elif low < high:
                free.append((low, high))
        stretches, after_start, before_start = [], 0, 0
        for edit in [*self.offset_map.edits, None]:
            shift = before_start - after_start  # a place of `after` in this stretch is this much later in `before`
            # the last stretch reads to the end of both pages: every place of it is clear
            after_end = len(self.after) if edit is None else edit.dst_start - 2 * MAX_REPEAT + 1
            for low, high in free:
                low, high = max(after_start, low - shift), min(after_end, high - shift)
                if low < high:
                    stretches.append((low, high))
            if edit is not None:
                after_start, before_start = edit.dst_end, edit.src_end
        return stretches

    def verdict(self, judge: Judge, text: str, start: int, unit: str, copies: int) -> Verdict:
        """The kept verdict on the pair at `start` of `text` (the page `after`), moved to it; else `judge`'s."""
        source = self.offset_map.to_source(start, "start")
        kept = self.verdicts.get((source, unit, copies), UNKNOWN)
        if kept is UNKNOWN or not self.usable(source, start, unit, copies):
            return judge(text, start, unit, copies)
        if kept is None or source == start:
            return kept  # type: ignore[return-value]
        assert isinstance(kept, Finding)
        return replace(kept, start=kept.start + start - source, end=kept.end + start - source)

    def usable(self, source: int, start: int, unit: str, copies: int) -> bool:
        """Whether the judge reads the pair at `source` of `before` as it reads the pair at `start` of `after`."""
        before, after = self.before, self.after
        end = copies * len(unit)
        low, new_low = max(0, source - WINDOW_REACH), max(0, start - WINDOW_REACH)
        if source - low != start - new_low:
            return False
        if before[low : source + end + WINDOW_REACH] != after[new_low : start + end + WINDOW_REACH]:
            return False
        # the pair's line: read for a long unit at a line's end and for a table header's column label
        line_read = len(unit) >= 4 or (self.column_unit is not None and self.column_unit.match(after, start + end))
        if line_read and line_of(before, source) != line_of(after, start):
            return False
        # an occurrence of a searched string, or the character either side of it, meets a fix
        near = 2 * len(unit) + 2 * self.search_reach + 2
        first = unit[0]
        for edit in self.offset_map.edits:
            if first in before[max(0, edit.src_start - near) : edit.src_end + near]:
                return False
            if first in after[max(0, edit.dst_start - near) : edit.dst_end + near]:
                return False
        return True


def kept_verdicts(
    before: str,
    after: str,
    returned: list[Finding],
    first_round: FirstRound,
    min_confidence: float,
    column_unit: re.Pattern[str] | None,
    search_reach: int,
) -> KeptVerdicts | None:
    """The first round's verdicts for the settling round's page `after`, if applying the confident fixes `returned`
    on the page `before` makes it (as `settled` does after the first round); None where it does not."""
    applied = apply_findings(before, [f for f in returned if f.applies_at(min_confidence)], min_confidence)
    if applied.text != after:
        return None
    return KeptVerdicts(before, after, applied.offset_map, first_round, column_unit, search_reach)
