"""The layout stage on real text: block classes as data (rules/layout.toml), the seed page, hard wraps."""

from __future__ import annotations

import json
import random

import pytest

from cleaner.model import Document
from cleaner.pipeline import Options, Pipeline
from cleaner.rules import load_rules
from cleaner.stages.layout import Block, segment
from cleaner.stages.layout_classes import layout_tables, load_layout_rules
from cleaner.stages.layout_windows import segment_around
from cli_runs import SHARED_SEED

THROUGH_REJOIN = Options(skip=frozenset({"duplicates", "spelling", "figures"}))
LAYOUT = load_layout_rules()


def class_examples() -> list[pytest.param]:
    tables, _ = layout_tables(load_rules())
    return [
        pytest.param(table["id"], table["class"], example, id=f"{table['id']}-{number}")
        for table in tables
        for number, example in enumerate(table.get("examples", []))
    ]


@pytest.mark.parametrize(("class_id", "kind", "example"), class_examples())
def test_block_class_example(class_id: str, kind: str, example: dict) -> None:
    blocks = segment(example["input"], LAYOUT)
    claimed = [block for block in blocks if block.rule == class_id]
    if example.get("fires"):
        assert claimed and all(block.kind == kind for block in claimed), [(b.kind, b.rule) for b in blocks]
    else:
        assert not claimed, [(b.kind, b.rule) for b in blocks]


def test_every_block_class_has_positive_and_negative_examples() -> None:
    tables, _ = layout_tables(load_rules())
    lacking = [
        t["id"]
        for t in tables
        if not any(e.get("fires") for e in t.get("examples", []))
        or not any(not e.get("fires") for e in t.get("examples", []))
    ]
    assert lacking == []


@pytest.fixture(scope="module")
def seed_result():
    if not SHARED_SEED.is_file():
        pytest.skip("the shared seed page is not available")
    text = SHARED_SEED.read_text(encoding="utf-8")
    return text, Pipeline(options=THROUGH_REJOIN).run(Document("seed", SHARED_SEED.name, text))


def test_seed_blocks_are_classified_and_reported_in_original_coordinates(seed_result) -> None:
    text, result = seed_result
    blocks = {text[b["start"] : b["end"]]: b["class"] for b in result.annotations["blocks"]}
    assert blocks["用“保姆式”服务打造一流营商环境"] == "headline"
    assert blocks["——魏都区深入开展“四个一百”专项行动纪实"] == "subhead"
    assert blocks["本报记者 许廷合 通讯员 杨磊"] == "byline"
    assert blocks["强化制度保障 拓展服务深度"] == "headline"
    assert blocks["魏都聚焦"] == blocks["一周要闻"] == "section"
    assert blocks["许廷合"] == "author"
    assert blocks["付家宝 摄"] == "caption"
    caption = "为加快许昌“智造之都”建设,日前,2019工业互联网(许昌)高峰论坛暨中华电网正式上线仪式在许举行。"
    assert blocks[caption] == "caption"
    json.dumps(result.annotations, ensure_ascii=False)  # the report can carry them


def test_seed_truncated_ending_is_flagged(seed_result) -> None:
    text, result = seed_result
    flags = [c for c in result.changes if c.rule == "L201"]
    assert len(flags) == 1 and flags[0].after is None and flags[0].status == "flagged"
    assert text[flags[0].start : flags[0].end] == "良好氛" and "良好氛" in flags[0].message


def test_hard_wrapped_column_becomes_paragraphs() -> None:
    text = (
        "强化制度保障 拓展服务\n"
        "原来，今年2月，在市、区领导\n会见恒大集团领导团队时，考虑\n到这是一次难得的业务拓展机遇\n，最终成功协调该团队考察。\n"
        "“如果说以前政府更多是在发挥\n市场监管的职能。”张良奇说。"
    )
    blocks = segment(text, LAYOUT)
    assert [(b.kind, b.lines) for b in blocks] == [("headline", 1), ("body", 4), ("body", 2)]
    assert all(b.column for b in blocks)


def test_a_speakers_later_turn_cut_short_is_running_text_but_a_headline_quoting_the_speaker_is_not() -> None:
    page = (
        "韩立新：让数据多跑路\n\n本报记者 宋嘉懿\n\n韩立新：我们上线了惠企政策平台，企业不用申请就能享受。\n\n"
        "记者：下一步有哪些打算？\n\n韩立新：我们将\n\n继续推进改革。\n\n问：还有吗？\n\n答：后厨"
    )
    kinds = {page[b.start : b.end]: b.kind for b in segment(page, load_layout_rules())}
    assert kinds["韩立新：让数据多跑路"] == "headline"  # before the turns: a headline
    assert kinds["韩立新：我们将"] == "body"  # a later turn, cut a few characters in
    assert kinds["答：后厨"] == "body"  # an answer is never a headline


def test_one_paragraph_per_line_is_not_a_column() -> None:
    text = "魏都聚焦\n一周要闻\n魏都区召开民生365工程推进会\n5月9日，魏都区召开民生工程推进会。会议指出，要提站位。"
    assert [b.kind for b in segment(text, LAYOUT)] == ["section", "section", "headline", "body"]


def test_block_annotation_round_trips() -> None:
    block = Block(3, 9, "byline", "L101", 1, 2, 0.0)
    assert Block.from_dict(block.as_dict()) == block


# An author line's class hangs on the block before it (L106 `after`): a window must not start inside such a chain.
CHAINED = "\n\n".join(
    ["魏都聚焦", "强化制度保障 拓展服务深度", "许廷合", "杨磊", "新工艺和新", "技术引起了兴趣。\n", "付家宝 摄", "完"]
)


@pytest.mark.parametrize("page", ["seed", "seed-wrapped", "chained"])
def test_segmenting_around_points_gives_the_blocks_of_the_whole_text(page: str) -> None:
    if page == "chained":
        text = CHAINED
    elif not SHARED_SEED.is_file():
        pytest.skip("the shared seed page is not available")
    else:
        text = SHARED_SEED.read_text(encoding="utf-8")
        if page == "seed-wrapped":  # a hard-wrapped column: runs of many lines
            text = "\n".join(text[i : i + 14] for i in range(0, len(text), 14))
    whole = segment(text, LAYOUT)
    inside = [p for b in whole for p in range(b.start + 1, b.end)]
    rng = random.Random(3)
    for reach, margin in ((1, 0), (2, 0), (2, 24)):
        for points in [[p] for p in inside[:: max(len(inside) // 60, 1)]] + [rng.sample(inside, 5) for _ in range(20)]:
            windows = segment_around(text, LAYOUT, points, reach, margin)
            for window in windows:  # each window is a stretch of the whole text's blocks, exactly
                first = whole.index(window[0])
                assert whole[first : first + len(window)] == window
            given = {b.start for window in windows for b in window}
            for point in points:  # and holds `reach` blocks either side of the point's run, and `margin` before it
                index = max(i for i, b in enumerate(whole) if b.start <= point)
                run_first = index
                while run_first > 0 and whole[run_first].blank_lines == 0:
                    run_first -= 1
                wanted = whole[max(run_first - reach, 0) : index + reach + 1]
                wanted += [b for b in whole if point - margin < b.start <= point]
                assert {b.start for b in wanted} <= given


def test_eval_endings_scores_cut_pages_and_whole_pages() -> None:
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.evaluation.corpus import DEFAULT_CORPUS

    if not DEFAULT_CORPUS.is_file():
        pytest.skip("the People's Daily corpus is not beside the project")
    result = CliRunner().invoke(main, ["eval", "endings", "--limit", "30", "--seed", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "endings: 30 held-out newspaper pages, seed 2, 30% with a foot after the cut"
    recall = next(line for line in lines if line.startswith("cut, all (recall)")).split()
    false_flags = next(line for line in lines if line.startswith("whole (false flags)")).split()
    assert int(recall[-3]) == 30 and float(recall[-1]) >= 0.9  # every page has a paragraph to cut
    assert int(false_flags[-3]) == 30 and float(false_flags[-1]) <= 0.1
    again = CliRunner().invoke(main, ["eval", "endings", "--limit", "30", "--seed", "2"])
    assert again.stdout == result.stdout  # deterministic with --seed


def test_cut_ending_drops_what_followed_the_cut() -> None:
    from cleaner.evaluation.endings import cut_ending

    paragraphs = ("标题", "今年以来，魏都区一直坚持不懈优化营商环境，企业纷纷点赞。", "（本报记者 许廷合）")
    page = cut_ending(paragraphs, random.Random(4), furniture_share=1.0)
    assert page is not None and page.kind in ("mid-word", "between-words", "after-comma")
    cut_paragraph = page.text[page.text.index("今年") : page.cut_end]
    assert paragraphs[1].startswith(cut_paragraph) and cut_paragraph != paragraphs[1]
    assert "许廷合" not in page.text and page.text[page.cut_end :].startswith("\n\n")


def test_a_line_repeated_thousands_of_times_is_segmented_line_by_line() -> None:
    # a scanner's stutter: each indented line its own paragraph (how long it takes is bench_worst_case's)
    blocks = segment("　　好。\n" * 4000, LAYOUT)
    assert len(blocks) == 4000
