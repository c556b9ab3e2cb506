"""Pages no newspaper prints but an archive holds: the whole pipeline cleans each, and its report
still replays to the output.

How the time to clean them grows with their length is `benchmarks/bench_worst_case.py`'s to measure
(speed belongs in benchmarks): each of these kinds once took time growing with its square.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.earlier_edits import EarlierEdits, absorb_earlier_edits
from cleaner.edits import replay
from cleaner.model import Document, Finding
from cleaner.pipeline import Options, Pipeline

LENGTH = 20_000
# What one unit, repeated to LENGTH, exercises
PAGES = {
    "stray_spaces_in_one_paragraph": "中国 人民，",  # N104: the quotes open before each space, the line around it
    "doubled_words": "我们我们，",  # D101: a repeat looked for again beside each deletion, to the page's end
    "table_without_punctuation": "项目  数量  金额\n",  # R102: each wrap's lines before and after it, classified
    "column_without_punctuation": "新工艺和新技术引起了恒大集团的\n",  # R102: spaced Han looked for before each wrap
    # R102: each wrap asks about the brackets and quotes of its block before and after it
    "column_with_marks_without_full_stop": "新工艺（和新技术“引起了恒大集团的\n",
    "shares_in_one_sentence": "有12人，占12%，",  # F102: each share against every count before it
    "doubled_lines": "会议在北京举行。\n会议在北京举行。\n代表们审议了报告。\n",  # D301: lines against deletions
    "stray_spaces_in_wrapped_lines": "中国 人民\n中国人民，\n",  # N104: the paragraph's longest line, at each space
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    pipeline = Pipeline(options=Options(profile="full"))
    pipeline.run(Document("warm", "warm", "会议在北京人民大会堂举衍。" * 20))  # load the engines
    return pipeline


@pytest.mark.parametrize("kind", list(PAGES))
def test_an_odd_page_is_cleaned_and_its_report_replays(pipeline: Pipeline, kind: str) -> None:
    text = (PAGES[kind] * (LENGTH // len(PAGES[kind]) + 1))[:LENGTH]
    result = pipeline.run(Document(kind, kind, text))
    assert replay(text, result.changes) == result.text


def test_a_book_of_every_acceptance_page_is_cleaned_whole_and_its_report_replays(pipeline: Pipeline) -> None:
    # archives bind a year-volume into one file: checks reading across a page's articles meet text of other pages
    # (a table's row told again in prose BEFORE the table once gave a span ending before its start)
    # each page's gold text before its damaged one: a page and its corrected twin, as an archive's second edition
    pages = sorted((Path(__file__).parent / "pages").glob("[0-9][0-9][0-9]_*.txt"))
    text = "\n\n".join(page.read_text(encoding="utf-8") for page in pages)
    result = pipeline.run(Document("book", "book.txt", text))
    assert replay(text, result.changes) == result.text
    assert all(0 <= change.start <= change.end <= len(text) for change in result.changes)


def test_bytes_read_with_surrogateescape_are_kept(pipeline: Pipeline) -> None:
    # an archive read with errors="surrogateescape" holds a lone surrogate for each undecodable byte;
    # the language model (kenlm encodes its input as UTF-8) had raised UnicodeEncodeError on them
    data = "新工艺和新\n\n技术引起了恒大集团的兴趣。\n\n魏都区深入开展专项行动，优化营商环境。".encode()
    text = (data[:9] + b"\xff" + data[9:32] + b"\xfe\xfe" + data[32:]).decode("utf-8", "surrogateescape")
    result = pipeline.run(Document("page", "page.txt", text))
    assert replay(text, result.changes) == result.text
    assert result.text.count("\udcff") == 1 and result.text.count("\udcfe") == 2
    assert "技术引起了" in result.text


def test_a_fix_over_thousands_of_earlier_edits_replaces_them_all() -> None:
    # a doubled line deleted whole after its column's wraps were joined spans every one of those joins
    text = "新工艺和新技术" * 40_000
    joins = EarlierEdits((7 * i, 7 * i, i) for i in range(1, 40_000))  # where each line break was
    rows: dict[Finding, list[int]] = {}
    widened = absorb_earlier_edits(Finding("D101", 0, len(text), "m", ""), joins, text, rows)
    assert (widened.start, widened.end, widened.replacement) == (0, len(text), "")
    assert rows[widened] == list(range(1, 40_000))
