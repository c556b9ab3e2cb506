"""Marks.unclosed_bracket's shortcut (a stretch opening no bracket is searched once) answers as its tests do."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.stages.rejoin_signals import OPEN_CLOSE, Marks

# brackets of every kind, open and closed, quotation marks, Han characters and line breaks
CHARACTERS = st.sampled_from(list("（）()《》【】［］「」“”甲乙\n"))


def unclosed_by_every_test(marks: Marks, start: int, end: int) -> str | None:
    """`unclosed_bracket` without the shortcut: each kind of bracket asked in turn."""
    for opener, closer in OPEN_CLOSE.items():
        if marks.last(opener, start, end) > marks.last(closer, start, end):
            return opener
    return None


@settings(deadline=None, max_examples=300)
@given(st.lists(CHARACTERS, max_size=30).map("".join), st.data())
def test_an_unclosed_bracket_is_found_as_every_test_would(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for indexed_length in (0, 2000):  # a stretch indexed, and one searched directly
        marks = Marks(text, 0, len(text), indexed_length)
        assert marks.unclosed_bracket(start, end) == unclosed_by_every_test(marks, start, end)


def test_a_stretch_without_an_opening_bracket_has_none_unclosed() -> None:
    marks = Marks("他说）甲乙“丙（丁", 0, 9)
    assert (marks.unclosed_bracket(0, 7), marks.unclosed_bracket(0, 9)) == (None, "（")
