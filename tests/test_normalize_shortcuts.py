"""The shortcuts normalize takes before a costlier reading give the answers of that reading."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.stages.normalize import in_program_or_score_line, may_hold_program_or_score
from cleaner.stages.normalize_spaces import PAIRS, _OpenPairs

# the characters the program and score-line patterns read, and the pairs' marks, among prose
PAGE_TEXTS = st.text(alphabet=list("我们他5 1|‖\t\n—.:“”（）()《》「」‘’print="), max_size=40)


@given(PAGE_TEXTS)
def test_a_page_without_cues_holds_no_program_or_score_line(text: str) -> None:
    if not may_hold_program_or_score(text):
        assert not any(in_program_or_score_line(text, at, at + 1) for at in range(len(text)))


def _inside_read_character_by_character(paragraph: str, offset: int) -> bool:
    closers: list[str] = []
    for char in paragraph[:offset]:
        if char in PAIRS:
            closers.append(PAIRS[char])
        elif closers and char == closers[-1]:
            closers.pop()
    return bool(closers)


@given(PAGE_TEXTS, st.lists(st.integers(min_value=0, max_value=45), max_size=6))
def test_open_pairs_read_by_their_marks(paragraph: str, offsets: list[int]) -> None:
    pairs = _OpenPairs(paragraph)
    for offset in sorted(offsets):
        assert pairs.inside(offset) == _inside_read_character_by_character(paragraph, offset)
