"""The judge's shortcut at a gap after a sentence's own mark (Judge.ended_sentence_stays) answers as its tests do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.pipeline import Context
from cleaner.stages import rejoin
from cleaner.stages.layout import blocks_of
from cleaner.stages.rejoin_gaps import Gap
from cleaner.stages.rejoin_judge import Judge


class WholeJudge(Judge):
    """The judge without the shortcut: every gap asks every test."""

    def ended_sentence_stays(self, text: str, gap: Gap) -> bool:
        return False


# what the tests around a sentence's end read: its marks and what trails them, an ellipsis a clause runs on past (等，
# 的), a dateline (新华社北京1月5日电), a speaker's label and its colon, a quotation, digits of a cut year, a particle
# opening a block (的), a comma, short lines and a column's full ones, spaces
PIECES = st.sampled_from(
    [
        "农业的新工艺",
        "这几年村里修了公路，建了学校、医院和敬老院",
        "他说",
        "。",
        "！",
        "？",
        "?",
        "…",
        "……",
        "...",
        "”",
        "）",
        "“",
        "，",
        "：",
        ":",
        "；",
        "等，",
        "的变化，日子越过越好了",
        "之类",
        "新华社北京1月5日电",
        "本报讯（记者 周宁）",
        "记者：",
        "答：",
        "19",
        "97年",
        "8",
        "月以来",
        "　",
        " ",
        "\n",
        "a",
    ]
)
BLOCK = st.lists(PIECES, min_size=1, max_size=8).map("".join)
PARTING = st.sampled_from(["\n\n", "\n\n\n\n", "\n"])
CONTEXT = Context.default()  # (the rules read once: the judges keep no state in it but the weights)


# a join after an ellipsis whose clause runs on (…… | 等，), a dateline alone, a speaker's label before its colon, a
# quotation the right block closes (R103), and the gaps after a plain sentence's end beside them
PAGES = [
    "标题\n\n这几年村里修了公路，建了学校、医院和敬老院……\n\n等，日子越过越好了。",
    "会议圆满结束。\n\n新华社北京1月5日电\n\n农业的新工艺引起了兴趣。",
    "孟庆华：可以的。\n\n网友：怎么报名？\n\n孟庆华\n\n：不会。我们明确规定。",
    "他说：“我们要努力。\n\n大家一起干。”他说。\n\n\n\n会议圆满结束！",
]


def judged_both_ways(page: str) -> None:
    """Assert that the judge with its shortcut and without it give each gap of `page` the same finding and notes."""
    blocks = blocks_of(page, CONTEXT)
    candidates = rejoin.gaps(page, blocks)
    fast, whole = Judge.for_context(CONTEXT, page), WholeJudge.for_context(CONTEXT, page)
    fast.page = whole.page = (page, blocks)
    assert [fast(page, gap) for gap in candidates] == [whole(page, gap) for gap in candidates]
    # the notes a first round leaves for the next (a column's short last line, a join only suggested) are the same
    assert (fast._paragraph_ends, fast._suggested_ends) == (whole._paragraph_ends, whole._suggested_ends)


@pytest.mark.parametrize("page", PAGES)
def test_the_joins_after_a_mark_are_the_whole_judges(page: str) -> None:
    judged_both_ways(page)


@settings(deadline=None, max_examples=150)
@given(st.lists(st.tuples(BLOCK, PARTING), min_size=2, max_size=6))
def test_a_gap_after_a_sentence_mark_is_judged_as_every_test_would(blocks: list[tuple[str, str]]) -> None:
    judged_both_ways("".join(block + parting for block, parting in blocks).strip())


def test_the_shortcut_leaves_a_block_before_a_colon_to_the_whole_judge() -> None:
    page = "孟庆华：可以的。\n\n网友：怎么报名？\n\n孟庆华。\n\n：不会。我们明确规定。"
    judge = Judge.for_context(CONTEXT, page)
    gaps = rejoin.gaps(page, blocks_of(page, CONTEXT))
    assert [judge.ended_sentence_stays(page, gap) for gap in gaps] == [True, True, False]
