"""The duplicates stage on real text, with the real language model and word list.

Cases are data: the examples of rules/duplicates.toml, the patterns of rules/reduplication.toml and
tests/cases/duplicates.toml. The seed page runs through the real pipeline.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import edits
from cleaner.edits import apply_findings
from cleaner.model import Document, Finding, Status
from cleaner.pipeline import Context, Options, Pipeline
from cleaner.rules import load_rules
from cleaner.stages import duplicates, duplicates_settling
from cleaner.stages.duplicates_enumerations import ENUMERATION, _enumeration_items, may_hold_a_repeat
from cleaner.stages.duplicates_ledgers import NUMBER_MARK
from cleaner.stages.duplicates_lists import _repeats
from cleaner.stages.duplicates_reduplication import ReduplicationPatterns
from cleaner.stages.duplicates_settling import TANDEM, FirstRound, KeptVerdicts, tandem
from cli_runs import SHARED_SEED

CASES = tomllib.loads((Path(__file__).parent / "cases" / "duplicates.toml").read_text(encoding="utf-8"))
RULES = load_rules()
PATTERNS = ReduplicationPatterns.from_rules(RULES)
GOLD = SHARED_SEED.with_name("000_bd518e65fe7e672d.gold.json")
DOUBLED = {"D101", "D102"}
CORPUS = SHARED_SEED.parents[1] / "corpus" / "peoples_daily_1998_01_01-24.jsonl"


@pytest.fixture(scope="module")
def context() -> Context:
    return Context.default()


def run_stage(text: str, context: Context) -> tuple[str, list[Any]]:
    findings = duplicates.find(text, context)
    outcome = apply_findings(text, findings, context.min_confidence)
    return outcome.text, findings


def case(entry: dict[str, Any], id_field: str = "input") -> Any:
    marks = [pytest.mark.xfail(reason=entry["xfail"], strict=True)] if "xfail" in entry else []
    return pytest.param(entry, marks=marks, id=entry[id_field][:24])


def rule_examples(with_output: bool) -> list[Any]:
    params = []
    for rule in RULES.for_stage("duplicates"):
        for example in rule.examples:
            if (example.output is not None) == with_output:
                marks = [pytest.mark.xfail(reason=example.xfail, strict=True)] if example.xfail else []
                params.append(pytest.param(rule.id, example, marks=marks, id=f"{rule.id}-{example.input[:16]}"))
    return params


@pytest.mark.parametrize(("rule_id", "example"), rule_examples(with_output=True))
def test_rule_example_fixes(rule_id: str, example: Any, context: Context) -> None:
    text, findings = run_stage(example.input, context)
    assert text == example.output
    assert any(f.rule == rule_id for f in findings)


@pytest.mark.parametrize(("rule_id", "example"), rule_examples(with_output=False))
def test_rule_example_negatives_and_flags(rule_id: str, example: Any, context: Context) -> None:
    text, findings = run_stage(example.input, context)
    fired = [f for f in findings if f.rule == rule_id]
    if example.fires:
        assert fired and all(f.replacement is None for f in fired), "a repeated item is flagged, never fixed"
    else:
        assert text == example.input
        assert not fired


@pytest.mark.parametrize("entry", [case(e) for e in CASES["fix"]])
def test_fixes(entry: dict[str, Any], context: Context) -> None:
    assert run_stage(entry["input"], context)[0] == entry["output"]


@pytest.mark.parametrize("entry", [case(e) for e in CASES["keep"]])
def test_legitimate_text_is_kept(entry: dict[str, Any], context: Context) -> None:
    text, findings = run_stage(entry["input"], context)
    assert text == entry["input"]
    assert [f for f in findings if f.rule in DOUBLED] == []


@pytest.mark.parametrize("entry", [case(e) for e in CASES["flag"]])
def test_flags(entry: dict[str, Any], context: Context) -> None:
    marked = entry["input"]
    start = marked.index("[[")
    end = marked.index("]]") - 2
    text = marked.replace("[[", "").replace("]]", "")
    after, findings = run_stage(text, context)
    assert after == text
    flags = [f for f in findings if f.rule == entry["rule"] and f.replacement is None]
    assert any(f.start < end and start < f.end for f in flags), [(f.rule, f.start, f.end) for f in findings]
    assert all("与" in f.message for f in flags), "the message names both copies"


def pattern_cases() -> list[Any]:
    params = []
    for pattern in PATTERNS.patterns:
        params += [pytest.param(pattern.name, text, True, id=f"{pattern.name}+{text[:8]}") for text in pattern.protects]
        params += [pytest.param(pattern.name, t, False, id=f"{pattern.name}-{t[:8]}") for t in pattern.not_protects]
    return params


@pytest.mark.parametrize(("name", "text", "protected"), pattern_cases())
def test_reduplication_pattern_examples(name: str, text: str, protected: bool) -> None:
    match = TANDEM.search(text)
    assert match is not None, "each example holds a doubled stretch"
    pattern = next(p for p in PATTERNS.patterns if p.name == name)
    assert pattern.protects_at(text, match.start(), match[1]) is protected


FORMS = tomllib.loads((Path(duplicates.__file__).parents[2].parent / "rules" / "reduplication.toml").read_text("utf-8"))


def form_cases(kind: str) -> list[Any]:
    return [
        pytest.param(form["name"], example, id=f"{form['name']}-{str(example)[:12]}")
        for form in FORMS["form"]
        for example in form[kind]
    ]


@pytest.mark.parametrize(("name", "text"), form_cases("keep"))
def test_forms_without_repeats_are_never_touched(name: str, text: str, context: Context) -> None:
    after, findings = run_stage(text, context)
    assert after == text
    assert findings == []


@pytest.mark.parametrize(("name", "example"), form_cases("fix"))
def test_doubling_beside_a_form_is_still_fixed(name: str, example: dict[str, str], context: Context) -> None:
    assert run_stage(example["input"], context)[0] == example["output"]


def test_every_pattern_has_examples_both_ways() -> None:
    for pattern in PATTERNS.patterns:
        assert pattern.protects and pattern.not_protects, pattern.name


def test_user_rules_can_switch_the_doubled_text_rules_off() -> None:
    context = Context(rules=RULES.without(["D101", "D102"]), resources=Context.default().resources)
    assert run_stage("全区环境污染污染防治攻坚战", context)[0] == "全区环境污染污染防治攻坚战"


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason="the shared seed page is not beside the project")
def test_seed_page_through_the_real_pipeline() -> None:
    original = SHARED_SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pipeline = Pipeline(options=Options(skip=frozenset({"spelling", "figures"})))
    result = pipeline.run(Document("seed", str(SHARED_SEED), original))
    assert result.text.count("环境污染防治攻坚战") == 2
    assert "污染污染" not in result.text
    assert "禹州橡胶坝紧急调取" in result.text
    for flag in (f for f in gold["flags"] if f["type"] == "repeated_list_item"):
        assert any(
            c.status is Status.FLAGGED and c.rule.startswith("D2") and c.start < flag["end"] and flag["start"] < c.end
            for c in result.changes
        ), flag["text"]
    legitimate = [
        "实实在在",
        "扎扎实实",
        "轰轰烈烈",
        "阵阵掌声",
        "层层选拔",
        "事事有回音、件件有着落",
        "告急、告急",
        "说十次不如做一次",
        "面对面",
        "点对点",
        "又好又快",
        "强强联手",
        "渐渐凸显",
    ]
    for phrase in legitimate:
        assert result.text.count(phrase) == original.count(phrase), phrase
    duplicates_changes = [c for c in result.changes if c.stage == "duplicates"]
    applied = sorted((c.before, c.after) for c in duplicates_changes if c.status is Status.APPLIED)
    assert applied == [("坝", ""), ("污染", ""), ("污染", "")]
    flagged_legit = [c for c in duplicates_changes if any(p in original[c.start - 4 : c.end + 4] for p in legitimate)]
    assert flagged_legit == []


def test_copies_meeting_across_a_joined_line_end_are_only_suggested() -> None:
    # tesseract lost the full stop of 签订的合同。合同期限 at a column's line end, one cell short of the others; rejoin
    # joins the lines, rightly, and the word the sentence ends on meets the one the next opens on: a reviewer decides
    lines = [
        "村里的承包户老张一大早就去了乡政",
        "府。中午时分，他带回签订的合同",
        "合同期限是从今年元旦至今年年底，",
        "共计一年。",
    ]
    pipeline = Pipeline(options=Options(skip=frozenset({"spelling"})))
    result = pipeline.run(Document("d", "d.txt", "\n".join(lines) + "\n"))
    assert "签订的合同合同期限" in result.text
    assert [(c.before, c.status) for c in result.changes if c.rule == "D101"] == [("合同", Status.SUGGESTED)]
    # a doubling at a full line's wrap is a typo's, deleted as anywhere in the column
    lines[1:3] = ["府。中午时分，他带回了签订的合同", "合同期限是从今年元旦至今年年底，"]
    result = pipeline.run(Document("d", "d.txt", "\n".join(lines) + "\n"))
    assert [(c.before, c.status) for c in result.changes if c.rule == "D101"] == [("合同", Status.APPLIED)]


@pytest.mark.skipif(not CORPUS.is_file(), reason="the People's Daily corpus is not beside the project")
def test_eval_command_reports_every_number() -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    result = CliRunner().invoke(main, ["eval", "duplicates", "--limit", "12", "--seed", "3", "--json"])
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output[result.output.index("{") :])
    assert numbers["articles"] == 12
    assert numbers["injected_doubled"] > 0 and numbers["injected_lists"] >= 0
    for name in ("recall", "precision", "clean_changed_per_10k", "list_flag_recall", "false_list_flags_per_50"):
        assert name in numbers
    again = CliRunner().invoke(main, ["eval", "duplicates", "--limit", "12", "--seed", "3", "--json"])
    assert json.loads(again.output[again.output.index("{") :]) == numbers, "the evaluation is deterministic for a seed"


def test_eval_command_names_a_missing_corpus(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    missing = tmp_path / "none.jsonl"
    result = CliRunner().invoke(main, ["eval", "duplicates", "--corpus", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output


@pytest.mark.skipif(not CORPUS.is_file(), reason="the People's Daily corpus is not beside the project")
def test_tuning_corpus_leaves_out_the_tuning_and_held_out_articles(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.evaluation.corpus import is_held_out
    from cleaner.evaluation.duplicates import in_tuning_part

    out = tmp_path / "rest.jsonl"
    result = CliRunner().invoke(main, ["eval", "duplicates", "--write-tuning-corpus", str(out)])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) > 1000
    assert not any(is_held_out(i) or in_tuning_part(i) for i in ids)


PIECES = [*"实在污染坝境、，。“”\n2一的", "环境", "告急", "“优秀工程”", "研究", "坚持改革开放，"]
SHARED = Context.default()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_text_gives_findings_inside_it_and_cleaning_is_idempotent(text: str) -> None:
    findings = duplicates.find(text, SHARED)
    assert all(0 <= f.start <= f.end <= len(text) for f in findings)
    assert all(f.replacement in (None, "") for f in findings), "the stage only deletes or flags"
    cleaned = apply_findings(text, findings, SHARED.min_confidence).text
    assert len(cleaned) <= len(text)
    again = apply_findings(cleaned, duplicates.find(cleaned, SHARED), SHARED.min_confidence)
    assert again.text == cleaned, "cleaning twice changes nothing more"


# an enumeration's items made of few characters, so that items repeat, nearly repeat or end in one another
LIST_ITEM = st.lists(st.sampled_from([*"甲乙和等的1“”（）村 ", "干部", "培养工程", "陪养工程", "优秀"]), max_size=4)


@settings(max_examples=1000, deadline=None)
@given(st.lists(LIST_ITEM.map("".join), min_size=2, max_size=6).map("、".join))
def test_an_enumeration_passed_over_holds_no_repeat(text: str) -> None:
    """`may_hold_a_repeat` spares D202 the cutting of an enumeration's items only where no two of them repeat."""
    for match in ENUMERATION.finditer(text):
        if not may_hold_a_repeat(match[0], 5):
            items = [item for item in _enumeration_items(match) if item.text.strip()]
            assert not list(_repeats(items, 5, RULES)), match[0]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"①②⑳（()）一二十0123甲 "]), max_size=20).map("".join))
def test_ledger_marks_are_found_as_the_plain_alternation_finds_them(text: str) -> None:
    plain = re.compile(r"[①-⑳]|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]")
    marks = [(m.start(), m[0]) for m in NUMBER_MARK.finditer(text)]
    assert marks == [(m.start(), m[0]) for m in plain.finditer(text)]


def longer_repeat_trying_every_length(judge: Any, text: str, start: int, unit: str, end: int) -> tuple[str, Any]:
    """`longer_repeat` as it read every length in turn, before it read only those its unit's first character opens."""
    for length in range(len(unit) + 1, min(duplicates.MAX_REPEAT, (end - start) // 2) + 1):
        longer = text[start : start + length]
        if (
            text.startswith(longer, start + length)
            and longer.replace(unit, "")
            and duplicates.HAN_RUN.fullmatch(longer)
        ):
            if text.startswith(longer, start + 2 * length):
                break
            finding = judge.judge(text, start, longer)
            return (longer, finding) if finding is not None else (unit, None)
    return unit, None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"处长科技社会天的，", "处处长", "科长"]), max_size=24).map("".join))
def test_a_longer_repeat_is_found_at_the_lengths_its_first_character_opens(text: str) -> None:
    judge = duplicates.DoubledTextJudge.for_context(SHARED)
    for match in TANDEM.finditer(text):
        expected = longer_repeat_trying_every_length(judge, text, match.start(), match[1], len(text))
        assert judge.longer_repeat(text, match.start(), match[1], len(text)) == expected


def every_pair_judged_again(context: Context) -> Any:
    """The stage's rounds as they were before the settling round kept the first round's verdicts."""
    return lambda view, touched: [
        *duplicates.doubled_text(view, context),
        *duplicates.doubled_figures(view, context.rules),
        *duplicates.repeated_lines(view, context.rules, touched),
    ]


# a page's pieces: confident deletions, pairs the judge keeps, the words a kept pair's verdict reads elsewhere on the
# page (the same words with one copy, a term closed by the first copy, the pair doubled elsewhere, a quote), and prose
# enough to set pairs beyond a deletion's reach
PAGE_PIECES = [
    "召开全区环境污染污染防治攻坚战大会。",
    "全区环境污染防治",
    "警示教育教育大会",
    "本报讯 区里召开全区警示教育大会。",
    "这个问题要研究研究。",
    "贝贝和莎莎",
    "新增充电桩桩620个",
    "增设充电桩等。",
    "“末末奶茶”",
    "在职职工代表",
    "我们常常见面",
    "全面推进社会主义现代化建设，",
    "坚持改革开放。",
    *"的在职工，。\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PAGE_PIECES), min_size=4, max_size=40).map("".join))
def test_the_settling_round_keeps_only_verdicts_the_judge_would_give_again(text: str) -> None:
    full = edits.settled(every_pair_judged_again(SHARED), text, SHARED.min_confidence, grow=True)
    assert edits.settled(duplicates.SettlingRounds(SHARED), text, SHARED.min_confidence, grow=True) == full


def test_the_settling_round_judges_again_only_the_pairs_a_deletion_may_change(monkeypatch: Any) -> None:
    judged: list[str] = []
    judge = duplicates.DoubledTextJudge.judge

    def counted(self: Any, text: str, start: int, unit: str, copies: int = 2) -> Any:
        judged.append(unit)
        return judge(self, text, start, unit, copies)

    monkeypatch.setattr(duplicates.DoubledTextJudge, "judge", counted)
    far = "全面推进社会主义现代化建设，坚持改革开放，把建设有中国特色社会主义事业推向前进。"
    page = f"我们常常见面。{far}召开全区环境污染污染防治攻坚战大会。{far[::-1]}这个问题要研究研究。"
    edits.settled(duplicates.SettlingRounds(SHARED), page, SHARED.min_confidence, grow=True)
    kept = list(judged)
    judged.clear()
    edits.settled(every_pair_judged_again(SHARED), page, SHARED.min_confidence, grow=True)
    # the first round judges the three pairs; the settling round only the deletion's neighbourhood
    assert kept.count("常") == 1 and kept.count("研究") == 1
    assert judged.count("常") == 2 and judged.count("研究") == 2


def kept_search_pages(before: str, deleted: list[int], searched: list[int] | None = None) -> tuple[str, KeptVerdicts]:
    """The page `before` with the characters at `deleted` gone, and the first round's searches from the places
    `searched` of `before` (all by default) given to its settling round."""
    first_round = FirstRound()
    for start in range(len(before) + 1) if searched is None else searched:
        first_round.search(before, min(start, len(before)), len(before))
    deletions = [Finding("D101", at, at + 1, "", "", 1.0) for at in sorted(set(deleted)) if at < len(before)]
    outcome = apply_findings(before, deletions, 0.8)
    return outcome.text, KeptVerdicts(before, outcome.text, outcome.offset_map, first_round, None, 2)


# pieces of a page: doubled words, and a stretch long enough to set places beyond a deletion's reach
SEARCH_PIECES = [*"环境污染防治的，。", "污染污染", "研究研究", "全面推进社会主义现代化建设"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(SEARCH_PIECES), max_size=60).map("".join),
    st.lists(st.integers(0, 200), max_size=4),
    st.none() | st.lists(st.integers(0, 200), max_size=8),
    st.integers(0, 60),
)
def test_the_settling_rounds_search_finds_the_first_repeat_from_every_place(
    before: str, deleted: list[int], searched: list[int] | None, reach: int
) -> None:
    after, kept = kept_search_pages(before, deleted, searched)
    for start in range(len(after) + 1):
        for end in (len(after), min(len(after), start + reach)):
            assert kept.search(after, start, end) == tandem(after, start, end)


def test_the_settling_rounds_search_reads_only_where_the_page_may_differ(monkeypatch: Any) -> None:
    far = "全面推进社会主义现代化建设，坚持改革开放，把建设有中国特色社会主义事业推向前进。"
    before = f"{far}{far[::-1]}{far[1:]}环境污染污染防治"
    deleted = 2 * len(far) - 10
    after, kept = kept_search_pages(before, [deleted])
    searched: list[tuple[int, int]] = []

    class Recorded:
        def search(self, text: str, start: int, end: int) -> Any:
            searched.append((start, end))
            return TANDEM.search(text, start, end)

    monkeypatch.setattr(duplicates_settling, "TANDEM", Recorded())
    assert kept.search(after, 0, len(after)) == (after.index("污染污染"), "污染")
    # the places whose 2 * MAX_REPEAT characters read as before, where the first round found no repeat, are passed
    # over: only those whose characters reach the deletion are searched, and the first round's repeat, moved
    reach = 2 * duplicates.MAX_REPEAT
    assert searched == [(deleted - reach + 1, deleted + reach - 1), (after.index("污染污染"), len(after))]


def test_a_kept_verdicts_window_reaches_past_the_longest_word_a_quoted_name_may_close_on() -> None:
    """`_opens_quoted_name` reads on to the closing quote, which counts only after a word: no word may be longer."""
    from cleaner.lexicon import jieba_word_tags
    from cleaner.stages.duplicates_settling import WINDOW_REACH

    assert max(map(len, jieba_word_tags())) < WINDOW_REACH
