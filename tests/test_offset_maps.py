"""An offset map's list-at-a-time mappings (`to_source_spans`, `to_targets`) agree with its one-at-a-time ones."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.offset_maps import Edit, OffsetMap

# (text kept before, characters replaced, characters put in) for each edit, left to right
STEPS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)), max_size=6)
SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), max_size=12)


def _offset_map(steps: list[tuple[int, int, int]]) -> OffsetMap:
    edits, source, target = [], 0, 0
    for kept, replaced, put in steps:
        source, target = source + kept, target + kept
        edits.append(Edit(source, source + replaced, target, target + put))
        source, target = source + replaced, target + put
    return OffsetMap(edits)


@given(STEPS, SPANS)
def test_spans_map_back_as_one_by_one(steps: list[tuple[int, int, int]], spans: list[tuple[int, int]]) -> None:
    offset_map = _offset_map(steps)
    spans = [(start, start + width) for start, width in spans]
    assert offset_map.to_source_spans(spans) == [offset_map.to_source_span(start, end) for start, end in spans]


@given(STEPS, st.lists(st.integers(0, 30), max_size=12))
def test_places_move_forward_as_one_by_one(steps: list[tuple[int, int, int]], places: list[int]) -> None:
    offset_map = _offset_map(steps)
    assert offset_map.to_targets(places) == [offset_map.to_target(place) for place in places]


@given(STEPS, st.lists(st.integers(0, 30), max_size=12))
def test_rising_places_move_forward_as_one_by_one(steps: list[tuple[int, int, int]], places: list[int]) -> None:
    # rising places take the sweep edit by edit (a stage's earlier edits, kept in order), not a bisect each
    offset_map, places = _offset_map(steps), sorted(places)
    swept = offset_map._sorted_to_targets(places) if steps else offset_map.to_targets(places)
    assert swept == [offset_map.to_target(place) for place in places]
