"""The figures stage on its rule examples, on case files and on the seed page through the real pipeline."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.errors import RuleError
from cleaner.model import Document, Status
from cleaner.pipeline import Context, FunctionStage, Options, Pipeline
from cleaner.rules import load_rules
from cleaner.stages import figures, figures_ledgers, figures_tables
from cli_runs import SHARED_SEED

ROOT = Path(__file__).resolve().parents[1]
GOLD = SHARED_SEED.with_name("000_bd518e65fe7e672d.gold.json")
RULES = load_rules()
NORMALIZE_AND_FIGURES = [
    FunctionStage("normalize", "cleaner.stages.normalize"),
    FunctionStage("figures", "cleaner.stages.figures"),
]


def figures_flags(text: str) -> list[tuple[str, str]]:
    """The rule and message of each flag the figures stage raises on `text`."""
    result = Pipeline(RULES, stages=NORMALIZE_AND_FIGURES).run(Document("t", "t.txt", text))
    return [(c.rule, c.message) for c in result.changes if c.stage == "figures"]


def flagged_rules(text: str) -> list[str]:
    return [rule for rule, _ in figures_flags(text)]


def rule_examples() -> list[pytest.param]:
    params = []
    for rule in RULES.for_stage("figures"):
        for number, example in enumerate(rule.examples):
            marks = [pytest.mark.xfail(reason=example.xfail, strict=True)] if example.xfail else []
            params.append(pytest.param(rule.id, example, id=f"{rule.id}-{number}", marks=marks))
    return params


def case_examples() -> list[pytest.param]:
    params = []
    for path in sorted((ROOT / "tests" / "cases").glob("figures*.toml")):
        for number, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"]):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            params.append(pytest.param(case, id=f"{path.stem}-{number}", marks=marks))
    return params


@pytest.mark.parametrize(("rule_id", "example"), rule_examples())
def test_rule_example(rule_id: str, example) -> None:
    fired = flagged_rules(example.input)
    if example.fires:
        assert rule_id in fired, f"{rule_id} must fire on {example.input!r}"
    else:
        assert fired == [], f"nothing may fire on {example.input!r}, got {fired}"


@pytest.mark.parametrize("case", case_examples())
def test_case(case: dict) -> None:
    flags = figures_flags(case["input"])
    assert [rule for rule, _ in flags] == case.get("rules", [])
    messages = "；".join(message for _, message in flags)
    for shown in case.get("shows", []):
        assert shown in messages
    for wrong in case.get("never_shows", []):
        assert wrong not in messages


def test_every_figures_rule_has_positive_and_negative_examples() -> None:
    for rule in RULES.for_stage("figures"):
        assert any(e.fires for e in rule.examples), rule.id
        assert any(not e.fires for e in rule.examples), rule.id


def test_flags_never_change_text() -> None:
    text = "列入区级台账问题36个，已办结34个；列入区级台账问题100个，已办结96个，办结率达96%。会议于2月30日召开。"
    found = figures.find(text, Context.default())
    assert {f.rule for f in found} == {"F101", "F105"}
    assert all(f.replacement is None for f in found)


@pytest.mark.parametrize("skip", [(), ("spelling",)], ids=["every-stage", "without-spelling"])
def test_seed_page_gets_exactly_the_ledger_flag(skip: tuple[str, ...]) -> None:
    """The default pipeline on the real page: one flag, on the ledger sentence, naming both counts."""
    text = SHARED_SEED.read_text(encoding="utf-8")
    result = Pipeline(options=Options(skip=frozenset(skip))).run(Document("seed", str(SHARED_SEED), text))
    flags = [c for c in result.changes if c.stage == "figures"]
    assert len(flags) == 1, [(c.rule, c.before, c.message) for c in flags]
    flag = flags[0]
    gold = next(f for f in json.loads(GOLD.read_text(encoding="utf-8"))["flags"] if f["type"] == "inconsistent_figures")
    assert flag.start < gold["end"] and gold["start"] < flag.end
    assert flag.status is Status.FLAGGED and flag.after is None
    assert "36个" in flag.message and "100个" in flag.message
    assert "130/136=95.6%" in flag.message and "96/100" in flag.message


def test_a_bad_pattern_in_a_user_rule_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('[[rule]]\nid = "F101"\nseparating = "("\n', encoding="utf-8")
    rules = load_rules(tmp_path)
    with pytest.raises(RuleError, match=r"F101.*separating"):
        list(figures.relations("列入问题36个，列入问题100个。", rules))


def test_eval_figures_command_reports_its_numbers() -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    result = CliRunner().invoke(main, ["eval", "figures", "--limit", "40", "--generated", "12", "--json"])
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output)
    assert numbers["statements"] == 2 * numbers["perturbed"] == 2 * (numbers["real_pairs"] + 12)
    assert numbers["articles"] == 40
    assert 0 <= numbers["flag_recall"] <= 1 and numbers["false_flags_per_control"] >= 0


def test_a_total_without_a_label_is_named_by_its_figure_alone() -> None:
    text = "该区共有村（社区）32个，已实现全覆盖的有35个。"
    result = Pipeline(RULES, stages=NORMALIZE_AND_FIGURES).run(Document("t", "t.txt", text))
    messages = [c.message for c in result.changes if c.rule == "F103"]
    assert messages == ["部分“已实现全覆盖的有”35个 大于总数32个"]


def test_a_rate_before_its_counts_spans_them_and_lists_its_own_offset_last() -> None:
    # the evaluation perturbs the last figure of an F102 relation, which must be the rate wherever it stands
    text = "办结率100%，共受理群众来信300件，办结280件。"
    [relation] = [r for r in figures.relations(text, RULES) if r.rule == "F102"]
    assert (relation.start, relation.end, relation.holds) == (0, text.index("件。") + 1, False)
    assert relation.figures == (text.index("300"), text.index("280"), text.index("100"))


def test_a_user_rules_folder_adds_a_conversion(tmp_path: Path) -> None:
    # 斤 does not convert in the built-in units.tsv (its size depends on time and place);
    # a rules folder for recent text may make it half a 公斤
    text = "共收购粮食2万吨，其中小麦1000万斤，占50%。"
    assert [r.rule for r in figures.relations(text, RULES)] == []
    (tmp_path / "units.tsv").write_text("# today's 市斤\n斤\tcount\t公斤\t0.5\n", encoding="utf-8")
    read = {r.rule: r for r in figures.relations(text, load_rules(tmp_path))}
    assert read["F103"].holds  # 500万公斤 within 2000万公斤
    assert not read["F102"].holds and "1000万斤/2万吨=25.0%" in read["F102"].message


def test_a_broken_line_of_units_tsv_stops_the_run_before_its_first_file(tmp_path: Path) -> None:
    (tmp_path / "units.tsv").write_text("斤\tcount\t公斤\thalf\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"units.tsv: '斤\\tcount\\t公斤\\thalf': 'half' is not a positive number"):
        figures.check_rules(load_rules(tmp_path))


# a line of a table or a ledger, or of prose like one: items, spaces, figures and their units, changes, brackets
ROW_PIECES = st.sampled_from([*"公厕项目（）()、 \t\u3000-.，", "64", "６４", "座", "亿元", "增长", "6.2%"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(ROW_PIECES, max_size=12).map("".join))
def test_every_row_shows_where_its_item_meets_its_figure(line: str) -> None:
    """A page with fewer `ROW_START`s than a table or a ledger needs rows is not read line by line (`may_hold_rows`):
    every line that would be read as a row holds one."""
    fields = figures_tables.FIELDS.split(line.strip())
    table_row = (
        len(fields) >= 2
        and figures_tables.ROW_LABEL.fullmatch(fields[0])
        and all(figures_tables.CELL.fullmatch(field) for field in fields[1:])
    )
    if table_row:
        assert figures_tables.ROW_START.search(line)
    if figures_ledgers.LEDGER_ROW.fullmatch(line):
        assert figures_ledgers.ROW_START.search(line)
