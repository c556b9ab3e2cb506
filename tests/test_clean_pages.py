"""`cleaner eval clean`: the whole pipeline on clean pages, where every applied fix is a false one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.evaluation.clean_pages import CleanTally
from cleaner.model import Document
from cleaner.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "peoples_daily_1998_01_01-24.jsonl"


def test_the_tally_counts_fixes_by_rule_and_normalization_apart() -> None:
    text = "全市环境污染污染防治工作取得新进展１２项。"
    tally = CleanTally()
    tally.add("page", text, Pipeline().run(Document("page", "page.txt", text)).changes)
    assert tally.applied == {"D101": 1}
    assert tally.normalized == 1  # the full-width digits, one run: forms, not words
    assert tally.examples == ["D101 page: 全市环境污染[污染→]防治工作取得新进"]


@pytest.mark.skipif(not CORPUS.is_file(), reason="the People's Daily corpus is not beside the project")
def test_eval_clean_reports_false_fixes_per_10k_characters() -> None:
    result = CliRunner().invoke(main, ["eval", "clean", "--corpus", str(CORPUS), "--split", "train", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "clean: 3 train newspaper pages, whole and correct, full profile" in result.output
    assert "applied (not normalize)" in result.output and "per 10k" in result.output


def test_eval_clean_names_a_missing_corpus(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    result = CliRunner().invoke(main, ["eval", "clean", "--corpus", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output
