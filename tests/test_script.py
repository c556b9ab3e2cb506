"""Pages in traditional characters: the real pipeline reads them through a simplified copy."""

from __future__ import annotations

import pytest

from cleaner.edits import replay
from cleaner.model import Document, Status
from cleaner.pipeline import Pipeline
from cleaner.script import SimplifiedView
from cli_runs import SEED


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def traditional(text: str) -> str:
    return SimplifiedView.load().traditional(text)


def test_the_seed_page_in_traditional_characters_gets_the_same_changes(pipeline: Pipeline) -> None:
    simplified = SEED.read_text(encoding="utf-8")
    written = traditional(simplified)
    assert len(written) == len(simplified) and SimplifiedView.load().is_traditional(written)
    as_simplified = pipeline.run(Document("s", "s", simplified))
    as_traditional = pipeline.run(Document("t", "t", written))
    assert [(c.rule, c.start, c.end, c.status) for c in as_traditional.changes] == [
        (c.rule, c.start, c.end, c.status) for c in as_simplified.changes
    ]
    assert replay(written, as_traditional.changes) == as_traditional.text


def test_words_the_word_list_knows_only_simplified_are_kept(pipeline: Pipeline) -> None:
    text = "代表團團長表示，會見時在座的還有對外經濟貿易部部長等。剛剛過去的一年，我黨黨務工作取得進展。"
    assert pipeline.run(Document("t", "t", text)).text == text


def test_doubled_words_of_a_traditional_page_are_still_deleted(pipeline: Pipeline) -> None:
    result = pipeline.run(Document("t", "t", "全區環境污染污染防治攻堅戰取得成效，向禹州橡膠壩壩緊急調取水源。"))
    assert result.text == "全區環境污染防治攻堅戰取得成效，向禹州橡膠壩緊急調取水源。"


def test_a_character_fix_on_a_traditional_page_is_suggested_in_traditional_characters(pipeline: Pipeline) -> None:
    text = "會議在北京人民大會堂舉衍。國務院總理出席會議並講話。"
    result = pipeline.run(Document("t", "t", text))
    (fix,) = [c for c in result.changes if c.rule == "S102"]
    assert (fix.before, fix.after, fix.status) == ("衍", "行", Status.SUGGESTED)
    assert fix.message.endswith("（繁体页面：按简体判断，改字仅作建议）")
    assert result.text == text


def test_a_print_lookalike_written_alike_in_both_scripts_is_corrected_on_a_traditional_page(
    pipeline: Pipeline,
) -> None:
    text = "附近小學的學生亦會參與。「以前太家關起門各自生活，現在在天台見面，會互相打招呼。」住在五樓的陳先生說。"
    result = pipeline.run(Document("t", "t", text))
    (fix,) = [c for c in result.changes if c.rule == "S102"]
    # 太/大 is among print OCR's frequent pairs, and no traditional character simplifies to 大: no guess to make
    assert (fix.before, fix.after, fix.status) == ("太", "大", Status.APPLIED)
    assert result.text == text.replace("太家", "大家")


def test_a_print_lookalike_beside_a_traditional_character_is_corrected_in_the_page_s_characters(
    pipeline: Pipeline,
) -> None:
    text = "早上八點，深水埗北河街的街市己經熱鬧起來，不少街坊提着菜籃出門買菜。"
    result = pipeline.run(Document("t", "t", text))
    # the copy reads 己经: the fix (S101's 已经 or S102's 已) writes 經 as the page does, 已 as both scripts do
    (fix,) = [c for c in result.changes if c.rule in ("S101", "S102") and c.status == Status.APPLIED]
    assert fix.after in ("已經", "已")
    assert result.text == text.replace("己經", "已經")


def test_a_simplified_page_is_read_as_it_is() -> None:
    view = SimplifiedView.load()
    assert not view.is_traditional(SEED.read_text(encoding="utf-8"))
    # a traditional form or two in simplified text (a name, a quotation)
    paragraph = (
        "清代乾隆年间，这座古城成为南北商旅往来的重镇，後来又几经兴废。改革开放以来，当地政府加大投入，"
        "修复了城墙和老街，发展旅游产业，去年接待游客超过三百万人次，旅游收入比上年增长百分之二十。"
    )
    assert not view.is_traditional(paragraph)
    assert not view.is_traditional("abc 123")
