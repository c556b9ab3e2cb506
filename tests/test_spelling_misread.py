"""Misread words (rules/misread_words.tsv): jieba's entries that are OCR misreadings, with the real dictionary."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.model import Document
from cleaner.pipeline import FunctionStage, Pipeline
from cleaner.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "rules" / "misread_words.tsv"


def test_the_shipped_table_is_what_the_command_builds(tmp_path: Path) -> None:
    built = tmp_path / "misread_words.tsv"
    result = CliRunner().invoke(main, ["build-misread-words", "-o", str(built)])
    assert result.exit_code == 0, result.output
    assert built.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_the_table_holds_the_misreadings_and_not_the_real_pairs() -> None:
    rows = {line.split("\t")[0]: line.split("\t")[2] for line in load_rules().read_lines("misread_words.tsv")}
    assert {word: rows.get(word) for word in ("时侯", "收人", "千部", "自已")} == {
        "时侯": "时候",
        "收人": "收入",
        "千部": "干部",
        "自已": "自己",
    }
    assert "人学" not in rows  # 558 against 入学 732: both are words


def test_a_misread_word_is_no_word_to_the_evidence() -> None:
    pipeline = Pipeline(load_rules(), stages=[FunctionStage("spelling", "cleaner.stages.spelling")])
    text = "全县农村基层千部积极参加培训，干部群众一起学习。"
    result = pipeline.run(Document("t", "t.txt", text))
    weighed = {(note["start"], note["after"]): note["features"] for note in result.annotations["spelling"]}
    features = weighed[(text.index("千部"), "干")]
    # 千部 is in jieba's dictionary (frequency 10), but no word to S102: the correction makes one (基层干部)
    assert (features["in_word"], features["lexical"]) == (0.0, 4.0)
    words = pipeline.resources.get("spelling.engines", lambda: None).lexicon
    assert "千部" not in words and "干部" in words and "人学" in words
