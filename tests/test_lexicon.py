"""The lexicon: jieba's dictionary plus the user's words.tsv, and the words that span a cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.lexicon import Lexicon, jieba_dictionary_path, lexicon, load_lexicon, parse_user_words
from cleaner.pipeline import Context
from cleaner.rules import load_rules


@pytest.fixture(scope="module")
def words() -> Lexicon:
    return load_lexicon()


def test_it_holds_all_of_jiebas_dictionary(words: Lexicon) -> None:
    lines = jieba_dictionary_path().read_text(encoding="utf-8").splitlines()
    first_word, first_frequency, _tag = lines[0].split(" ")
    assert len(words) >= len(lines) > 300_000
    assert words.frequency(first_word) == int(first_frequency)
    assert words.frequency("技术") > words.frequency("限期") > 0


def test_built_in_user_words_are_added(words: Lexicon) -> None:
    assert "营商环境" in words and words.frequency("营商环境") == 50


@pytest.mark.parametrize(
    ("text", "cut", "expected"),
    [
        ("新工艺和新技术引起了", 5, []),  # 新|技术: no dictionary word holds the cut; the language model decides
        ("组织困难群众", 3, ["困难", "困难群众"]),
        ("实行限期办理机制", 3, ["限期"]),
        ("规模以上工业增加值同比", 9, []),  # a cut between words
        ("工业增加值同比", 3, ["增加", "增加值"]),
        ("迅速行动第一时间", 4, []),
    ],
)
def test_words_across_a_cut(words: Lexicon, text: str, cut: int, expected: list[str]) -> None:
    assert words.words_across(text, cut) == expected


def test_words_across_respects_max_len_and_order(words: Lexicon) -> None:
    found = words.words_across("中华人民共和国", 3, max_len=7)
    assert found[0] == "中华人民" and "中华人民共和国" in found
    assert all(len(w) <= 4 for w in words.words_across("中华人民共和国", 3))
    starts = ["中华人民共和国".index(w) for w in found]
    assert starts == sorted(starts)
    assert words.words_across("技术", 0) == words.words_across("技术", 2) == []


def test_a_users_words_tsv_adds_words(tmp_path: Path) -> None:
    (tmp_path / "words.tsv").write_text("# my archive's words\n魏都聚焦\t7\n许廷合\n技术\t1\n", encoding="utf-8")
    words = load_lexicon(load_rules(tmp_path))
    assert words.frequency("魏都聚焦") == 7 and "许廷合" in words
    assert words.frequency("技术") > 1  # the larger frequency wins
    assert words.words_across("本期魏都聚焦", 4) == ["魏都聚焦"]


def test_the_word_model_knows_the_users_words(tmp_path: Path) -> None:
    (tmp_path / "words.tsv").write_text("魏都聚焦\t5000\n", encoding="utf-8")
    plain, with_user_words = load_lexicon(), load_lexicon(load_rules(tmp_path))
    assert with_user_words.word_log10("魏都聚焦") > plain.word_log10("魏都聚焦") + 1
    # a correction to a dictionary word gains, one away from it loses
    assert plain.word_log10("采用新技术") - plain.word_log10("采用新枝术") > 2


def test_the_likeliest_words_are_jiebas_own_without_its_tokenizer(tmp_path: Path) -> None:
    # rejoin's word across a break reads them from the frequencies; jieba's tokenizer must agree to the word
    (tmp_path / "words.tsv").write_text("魏都聚焦\t5000\n临河区\n", encoding="utf-8")
    with_user_words = load_lexicon(load_rules(tmp_path))
    pages = sorted((Path(__file__).parent / "pages").glob("*.txt"))[:20]
    text = "".join(page.read_text(encoding="utf-8") for page in pages) + "本期魏都聚焦：在临河区东岗镇"
    windows = [text[start : start + width] for width in (1, 3, 8, 12) for start in range(0, len(text), 7)]
    for lexicon_ in (load_lexicon(), with_user_words):
        assert not lexicon_._tokenizer  # not built by the frequencies' route
        assert [lexicon_.likeliest_words(window) for window in windows] == [
            lexicon_.segmented(window)[1] for window in windows
        ]
        assert lexicon_.total == lexicon_._tokenizer.total
    assert with_user_words.likeliest_words("本期魏都聚焦") == ["本期", "魏都聚焦"]


def test_a_bad_frequency_is_a_rule_error() -> None:
    with pytest.raises(RuleError) as error:
        parse_user_words(["技术\tmany"])
    assert str(error.value) == "words.tsv: '技术\\tmany': write a word, a tab and a whole-number frequency"


def test_the_context_builds_the_lexicon_once() -> None:
    context = Context.default()
    assert lexicon(context) is lexicon(context)
