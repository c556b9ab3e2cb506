"""Word lists the patterns of several rule files share (rules/shared_words.toml), and a user's list replacing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.pipeline import Context
from cleaner.resources import Resources
from cleaner.rules import load_rules
from cleaner.stages import normalize
from cleaner.stages.layout_classes import layout_tables
from cleaner.stages.spelling_names import byline_names, handles

# a dateline of a source the built-in list lacks, set apart from its text by a space: N104 keeps that space
OTHER_SOURCE = "人民网讯 记者从全市推进会上获悉，产量突破30万辆。"


def test_every_pattern_naming_a_list_has_it_written_out() -> None:
    rules = load_rules()
    classes, starts = layout_tables(rules)
    options = [str(rule.options) for rule in rules]
    patterns = [str(table) for table in classes] + [pattern for listed in starts.values() for pattern in listed]
    assert not any("{news_source}" in text for text in options + patterns)
    assert rules.option("R101", "dateline_alone", "").startswith("^(本报|新华社|据新华社|中新社)[")
    assert any(pattern.startswith("^(本报|新华社|据新华社|中新社|据)") for pattern in starts["paragraph_start"])


def test_a_users_list_replaces_the_built_in_one_in_every_pattern(tmp_path: Path) -> None:
    (tmp_path / "shared_words.toml").write_text('news_source = ["本报", "新华社", "人民网"]\n', encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.option("R101", "dateline_alone", "").startswith("^(本报|新华社|人民网)[")
    built_in = normalize.find(OTHER_SOURCE, Context(rules=load_rules(), resources=Resources()))
    users = normalize.find(OTHER_SOURCE, Context(rules=rules, resources=Resources()))
    assert [(f.rule, f.start) for f in built_in] == [("N104", 4)]
    assert users == []


def test_a_list_that_is_no_list_of_words_is_refused(tmp_path: Path) -> None:
    (tmp_path / "shared_words.toml").write_text('news_source = "本报"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="news_source must be a list of words"):
        load_rules(tmp_path)


def test_the_byline_words_are_one_list_that_normalize_layout_and_spelling_read(tmp_path: Path) -> None:
    (tmp_path / "shared_words.toml").write_text('byline_word = ["记者", "特派员"]\n', encoding="utf-8")
    built_in, users = load_rules(), load_rules(tmp_path)
    assert "(?:记者|通讯员|实习生|摄影|编辑|作者|撰稿)" in built_in.option("N107", "byline", "")
    assert "(?:记者|特派员)" in users.option("N107", "byline", "")
    byline = next(table for table in layout_tables(users)[0] if table["id"] == "L101")
    assert any(pattern.startswith("^\\S{0,6}(记者|特派员)") for pattern in byline["forbid"])
    assert byline_names(users).search("（特派员 许廷合）")[1] == "许廷合"
    assert byline_names(built_in).search("（特派员 许廷合）") is None
    assert byline_names(built_in).search("实习生 张华")[1] == "张华"


def test_the_words_opening_on_de_are_one_list_that_layout_and_rejoin_read() -> None:
    rules = load_rules()
    bound = rules.pattern_option("R101", "bound_opening")
    assert bound is not None
    assert [bool(bound.match(text)) for text in ("的两百名员工", "的确如此", "的姐说", "的黎波里")] == [
        True,
        False,
        False,
        False,
    ]
    label = next(table for table in layout_tables(rules)[0] if table["id"] == "L107")
    assert "^(?!的确|的士|的哥|的姐|的黎|的话)的" in label["forbid"]


def test_the_handle_is_one_pattern_that_rejoin_and_spelling_read(tmp_path: Path) -> None:
    (tmp_path / "shared_patterns.toml").write_text("handle = '#[^\\s#：:]{1,24}'\n", encoding="utf-8")
    built_in, users = load_rules(), load_rules(tmp_path)
    # R101's post is a handle's or a chat log's clock time and sender's (22:07　李晴晴：), before the colon
    assert built_in.option("R101", "post_handle", "").startswith("(?:" + built_in.expand("{handle}") + "|")
    assert handles(built_in).match("@清河宠物医院：温馨提示")[0] == "@清河宠物医院"
    assert users.option("R101", "post_handle", "").startswith("(?:#[^\\s#：:]{1,24}|")
    assert handles(users).match("#清河宠物医院：温馨提示")[0] == "#清河宠物医院"


def test_a_pattern_piece_that_is_no_pattern_is_refused(tmp_path: Path) -> None:
    (tmp_path / "shared_patterns.toml").write_text("handle = '@[^'\n", encoding="utf-8")
    with pytest.raises(RuleError, match="handle is no valid pattern"):
        load_rules(tmp_path)
