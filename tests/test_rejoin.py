"""The rejoin stage on real text: cases as data (tests/cases/rejoin.toml), the real seed page."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Document, Status
from cleaner.pipeline import Context, Options, Pipeline
from cleaner.stages import rejoin
from cleaner.stages.layout import blocks_of
from cleaner.stages.layout_measures import ends_sentence
from cleaner.stages.rejoin_judge import Judge
from cleaner.stages.rejoin_signals import Marks
from cleaner.stages.rejoin_table_rows import (
    ROW,
    _ends_on_figure,
    _is_row,
    between_row_paragraphs,
    between_table_rows,
    figure_line_ends,
)
from cleaner.stages.rejoin_tokens import sentence_ended
from cli_runs import SHARED_SEED

HERE = Path(__file__).resolve().parent
GOLD = SHARED_SEED.with_suffix(".gold.json")
PIPELINE = Pipeline(options=Options(skip=frozenset({"duplicates", "spelling", "figures"})))


def cases() -> list[pytest.param]:
    data = tomllib.loads((HERE / "cases" / "rejoin.toml").read_text(encoding="utf-8"))
    return [
        pytest.param(
            case,
            id=case["name"],
            marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else [],
        )
        for case in data["case"]
    ]


@pytest.mark.parametrize("case", cases())
def test_case(case: dict) -> None:
    result = PIPELINE.run(Document("case", "case.txt", case["input"]))
    joins = [c for c in result.changes if c.stage == "rejoin" and c.status is Status.APPLIED]
    if "output" in case:
        assert result.text == case["output"]
        assert joins and all(c.message and 0.8 <= c.confidence <= 1 for c in joins)
    else:
        assert joins == [], [(c.before, c.message, c.confidence) for c in joins]


@pytest.fixture(scope="module")
def seed():
    if not SHARED_SEED.is_file():
        pytest.skip("the shared seed page is not available")
    text = SHARED_SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return text, gold, PIPELINE.run(Document("seed", SHARED_SEED.name, text))


def test_seed_page_joins_all_15_cuts_and_keeps_56_breaks(seed) -> None:
    _, gold, result = seed
    applied = {(c.start, c.end) for c in result.changes if c.stage == "rejoin" and c.status is Status.APPLIED}
    joins = {(b["start"], b["end"]) for b in gold["boundaries"] if b["type"] == "join"}
    keeps = {(b["start"], b["end"]) for b in gold["boundaries"] if b["type"] == "keep_break"}
    assert len(joins) == 15 and len(keeps) == 56
    assert joins <= applied
    assert not keeps & applied
    assert applied == joins  # nothing else joined either


def test_seed_join_messages_give_the_evidence(seed) -> None:
    text, _, result = seed
    joins = [c for c in result.changes if c.stage == "rejoin"]
    comma = next(c for c in joins if text[c.start - 5 : c.start] == "迅速行动,")
    assert comma.rule == "R101" and comma.after == "" and comma.before == "\n\n"
    assert comma.message.startswith("跨页断句：") and "逗号" in comma.message


def test_seed_output_reads_as_gold_paragraphs(seed) -> None:
    _, gold, result = seed
    for boundary in gold["boundaries"]:
        if boundary["type"] == "join":
            joined = (boundary["left"] + boundary["right"]).replace(",", "，").replace(";", "；")
            assert joined in result.text


def test_rejoin_runs_without_the_layout_stage() -> None:
    text = "像这样的例子还有很多，魏都区委、区政府迅速行动，\n\n第一时间传达贯彻，强化制度保障。"
    context = Context.default()
    assert [f.rule for f in rejoin.find(text, context)] == ["R101"]
    assert "blocks" not in context.annotations  # it segmented on its own
    assert len(blocks_of(text, context)) == 2


def eval_lines(*args: str) -> list[str]:
    """The output lines of `cleaner eval ARGS`, which must succeed; skips the test without the corpus."""
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.evaluation.corpus import DEFAULT_CORPUS

    if not DEFAULT_CORPUS.is_file():
        pytest.skip("the People's Daily corpus is not beside the project")
    result = CliRunner().invoke(main, ["eval", *args])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_eval_rejoin_prints_recall_by_cut_type_beside_the_baseline() -> None:
    lines = eval_lines("rejoin", "--limit", "4", "--seed", "3")
    assert lines[0] == "rejoin: 4 held-out newspaper pages, seed 3, 30% hard-wrapped, cuts by characters"
    assert lines[1].split() == ["gap", "kind", "gaps", "ours", "suggested", "baseline"]
    assert any(line.startswith("cuts in sentence recall") for line in lines)
    assert any(line.startswith("false joins / 100 bounds") for line in lines)
    assert eval_lines("rejoin", "--limit", "4", "--seed", "3") == lines  # deterministic with --seed


def test_eval_rejoin_refuses_to_fit_on_held_out_articles() -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    result = CliRunner().invoke(main, ["eval", "rejoin", "--fit"])
    assert result.exit_code == 2
    assert "--fit tunes the weights: use it with --split fit-fold, never on held-out articles" in result.output


def test_fit_folds_split_the_training_side_in_four_and_fold_0_is_the_first_fit_fold() -> None:
    import hashlib

    from cleaner.evaluation.corpus import fit_fold

    ids = [f"19980101-{n:02d}-{m:03d}" for n in range(1, 13) for m in range(1, 60)]
    folds = [[i for i in ids if fit_fold(i) == k] for k in range(4)]
    assert sorted(i for fold in folds for i in fold) == sorted(ids) and all(len(fold) > 100 for fold in folds)
    first = [i for i in ids if int(hashlib.sha256(f"rejoin-fit:{i}".encode()).hexdigest()[:8], 16) % 100 < 25]
    assert folds[0] == first  # the weights' first fit fold, and `--fold 0`, are unchanged


def test_eval_rejoin_takes_one_model_per_fold_only_to_fit() -> None:
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.lm import MODEL_PATH

    result = CliRunner().invoke(main, ["eval", "rejoin", "--lm", str(MODEL_PATH), "--lm", str(MODEL_PATH)])
    assert result.exit_code == 2
    assert "one --lm to score with; several only with --fit (one per fold)" in result.output


def test_eval_cuts_paragraphs_in_proportion_to_their_length() -> None:
    import random

    from cleaner.evaluation.rejoin import cut_page

    short = "今年以来，魏都区坚持不懈优化营商环境，成效明显。"
    long = "今年以来，魏都区坚持不懈优化营商环境，努力当好企业的贴心人。" * 4
    paragraphs = (short, long) * 50

    def cut_share(by: str, paragraph: str) -> float:
        counts = [0, 0]
        for seed in range(20):
            page = cut_page(paragraphs, random.Random(seed), by=by)
            for piece in page.text.split("\n\n"):
                counts[piece == paragraph] += 1
        return 1 - counts[1] / (20 * 50)

    assert cut_share("characters", long) > 2 * cut_share("characters", short)
    assert abs(cut_share("paragraphs", long) - cut_share("paragraphs", short)) < 0.15


def test_eval_cuts_within_the_first_characters_of_every_paragraph_when_asked() -> None:
    import random

    from cleaner.evaluation.rejoin import cut_page

    paragraph = "今年以来，魏都区坚持不懈优化营商环境，努力当好企业的贴心人。" * 3
    page = cut_page((paragraph,) * 40, random.Random(3), by="characters", within=10)
    lefts = [g for g in page.gaps if g.kind != "boundary"]
    assert len(lefts) > 10  # the same chance for every paragraph, however long
    pieces = page.text.split("\n\n")
    starts = [p for p in pieces if paragraph.startswith(p) and p != paragraph]
    assert starts and all(2 <= len(p) <= 10 for p in starts)


def test_eval_rejoin_cuts_the_gold_pages_of_a_folder(tmp_path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    (tmp_path / "001_x.gold.txt").write_text(
        "城郊农户用上太阳能热水器\n\n本报讯（通讯员 杨春生）走进城郊的李家村，家家户户的屋顶上都装上了太阳能热水器。",
        encoding="utf-8",
    )
    (tmp_path / "001_x.txt").write_text("not read", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "rejoin", "--pages", str(tmp_path), "--within", "12", "--wrap-share", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "1 pages of" in result.output and "cuts within the first 12 characters" in result.output
    assert "cuts in sentence recall" in result.output


def test_fit_rows_are_the_features_of_the_normalized_text_at_the_gold_gaps() -> None:
    from cleaner.evaluation.rejoin import Page
    from cleaner.evaluation.rejoin_fit import training_rows
    from cleaner.resources import Resources

    page = Page()
    page.add("今年１月，全市规模以上工业增加值", "\n\n", "boundary")
    page.add("同比增长９．３％，高于全省平均水平。", "\n\n", "between-words")
    page.add("全市经济运行稳中有升。", "\n\n", "boundary")
    rows, labels = training_rows([page], Resources())
    assert labels == [1]  # the cut; the gap after a full stop is no candidate
    assert rows[0]["bias"] == 1.0 and rows[0]["lm_end"] > 1  # the model: 增加值 seldom ends a paragraph


def test_judging_again_only_what_joins_changed_finds_what_judging_every_gap_again_finds() -> None:
    import random

    from cleaner.edits import settled
    from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
    from cleaner.evaluation.rejoin import cut_page, wrap_page
    from cleaner.stages.rejoin import gaps
    from cleaner.stages.rejoin_judge import Judge

    if not DEFAULT_CORPUS.is_file():
        pytest.skip("the People's Daily corpus is not beside the project")
    articles = list(load_articles(DEFAULT_CORPUS, held_out=False))[:120]
    rng = random.Random(5)
    normalize = Pipeline(options=Options(skip=frozenset({"layout", "rejoin", "duplicates", "spelling", "figures"})))
    for start in range(0, len(articles), 20):
        batch = articles[start : start + 20]
        for page in (
            "\n\n".join(cut_page(a.paragraphs, rng).text for a in batch),
            "\n\n".join(wrap_page(a.paragraphs, rng.randint(10, 20)).text for a in batch[:6]),
        ):
            text = normalize.run(Document("page", "page.txt", page)).text
            context = Context.default()
            judge = Judge.for_context(context)

            def every_gap(view: str, _joined_at: object, context: Context = context, judge: Judge = judge) -> list:
                return [f for gap in gaps(view, blocks_of(view, context)) if (f := judge(view, gap)) is not None]

            def spans(findings: list) -> list:
                return sorted((f.rule, f.start, f.end, f.replacement, round(f.confidence, 9)) for f in findings)

            incremental = rejoin.find(text, Context.default())
            assert spans(incremental) == spans(settled(every_gap, text, context.min_confidence))


def test_the_judge_weighs_products_as_the_fit_does() -> None:
    """`Weights.log_odds` skips building the products; it must give what the fit's features give."""
    import random

    from cleaner.pipeline import Context
    from cleaner.stages.rejoin_weights import GRADED, Weights, with_interactions

    weights = Weights.from_rules(Context.default().rules)
    assert any("*" in name for name in weights.evidence)
    rng = random.Random(7)
    names = [*GRADED, "body", "comma", "left_headline", "right_short", "body_lm_end", "heading_lm_start"]
    for _ in range(200):
        features = {"bias": 1.0, **{n: rng.uniform(-3, 3) for n in names if rng.random() < 0.6}}
        expected = sum(weights.evidence.get(n, 0.0) * v for n, v in with_interactions(features).items())
        assert abs(weights.log_odds(features) - expected) < 1e-9


def test_eval_rejoin_pools_several_damaged_versions_of_each_page() -> None:
    def gap_counts(*more: str) -> tuple[str, dict[str, int]]:
        lines = eval_lines("rejoin", "--limit", "4", "--seed", "3", *more)
        rows = [line.split() for line in lines if " recall " in f" {line} "]
        return lines[0], {" ".join(row[: row.index("recall")]): int(row[row.index("recall") + 1]) for row in rows}

    _, one = gap_counts()
    header, two = gap_counts("--variants", "2")
    assert header == (
        "rejoin: 4 held-out newspaper pages, seeds 3-4 (2 versions of each page), 30% hard-wrapped, cuts by characters"
    )
    # the second version of the same pages adds its own cuts and wraps to the first one's
    assert all(two.get(kind, 0) >= count for kind, count in one.items())
    assert two["cuts in sentence"] > one["cuts in sentence"]


def test_a_join_across_a_caption_loses_nothing_replays_and_settles() -> None:
    from collections import Counter

    from cleaner import clean_text, replay

    text = (
        "万里交科集团的新装备、新材料、新工艺和新\n\n图为魏都区高新技术产业园一角。\n\n许廷合 摄\n\n"
        "技术引起了恒大集团领导团队的极大兴趣。\n\n在经过多次对接后，双方正式合作。"
    )
    result = clean_text(text)
    moves = [c for c in result.changes if c.rule == "R104"]
    assert [c.status for c in moves] == [Status.APPLIED, Status.APPLIED]  # the join, and the blocks put back
    assert "新工艺和新技术引起了" in result.text
    assert Counter(result.text.replace("\n", "")) == Counter(text.replace("\n", ""))  # moved, not dropped
    assert replay(text, result.changes) == result.text
    assert [c for c in clean_text(result.text).changes if c.status is Status.APPLIED] == []


def test_a_doubled_word_in_a_moved_half_is_a_change_of_its_own() -> None:
    from cleaner import clean_text, replay

    text = (
        "落实，还要到一线去看一看。有\n的干部满足于听汇报、看材料，\n工作层层开会、层层发文，\n\n"
        "人民日报 2025年1月5日 第4版\n\n到了最后一公里却原地踏步踏步。\n纸上得来终觉浅，绝知此事要躬行\n"
        "，才能解决真问题。\n\n落实，贵在持之以恒。"
    )
    result = clean_text(text)
    applied = [c for c in result.changes if c.status is Status.APPLIED and c.rule in ("R104", "D101")]
    assert [(c.rule, c.before, c.after) for c in applied] == [
        ("R104", "\n\n人民日报 2025年1月5日 第4版\n\n", ""),
        ("D101", "踏步", ""),
        ("R104", "", "\n\n人民日报 2025年1月5日 第4版"),
    ]
    assert "解决真问题。\n\n人民日报 2025年1月5日 第4版\n\n落实" in result.text
    assert replay(text, result.changes) == result.text
    assert [c for c in clean_text(result.text).changes if c.status is Status.APPLIED] == []


HEADLINE_CASES = ("cut", "undated", "open", "boundary")


def test_eval_debris_prints_joins_across_layout_blocks_and_false_moves() -> None:
    lines = eval_lines("debris", "--limit", "6", "--seed", "3")
    assert lines[0] == "debris: 6 held-out newspaper pages, seed 3, 30% hard-wrapped"
    rows = {line[:34].strip(): line.split()[-2:] for line in lines[2:]}
    assert set(rows) == {
        "cuts joined across the blocks",
        "cuts only suggested",
        "boundaries with blocks moved",
        "a half glued to a block",
        *(f"headline {kind}: {what}" for kind in HEADLINE_CASES for what in ("joined", "glued")),
    }
    assert float(rows["cuts joined across the blocks"][1]) > 0.5
    assert float(rows["boundaries with blocks moved"][1]) == 0.0
    assert rows["headline boundary: joined"] == ["1", "0.0000"]  # a dated headline after a finished paragraph stays
    without = eval_lines("debris", "--limit", "6", "--seed", "3", "--skip", "R104")
    assert "cuts joined across the blocks" in "\n".join(without) and without != lines


# --- a block's marks, read once: the same answers as reading the text on either side of each cut -----------

MARK_CHARS = st.sampled_from(list("（）()《》【】「」“”甲\n"))


def _unclosed_bracket_read(left: str) -> str | None:
    """What Marks.unclosed_bracket stands for, read off the text itself."""
    pairs = {"（": "）", "(": ")", "《": "》", "【": "】", "「": "」"}
    return next((opener for opener, closer in pairs.items() if left.rfind(opener) > left.rfind(closer)), None)


def _quotation_spans_read(left: str, right: str) -> bool:
    if left.rfind("“") <= left.rfind("”"):
        return False
    closing, opening = right.find("”"), right.find("“")
    return closing != -1 and (opening == -1 or closing < opening)


@given(st.text(MARK_CHARS, max_size=30), st.data())
def test_marks_answer_as_the_text_on_either_side_does(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    # searched directly, as short stretches are, or through the index long ones get
    marks = Marks(text, start, end, indexed_length=data.draw(st.sampled_from([0, len(text) + 1])))
    cut = data.draw(st.integers(start, end))
    cut_end = data.draw(st.integers(cut, end))
    assert marks.unclosed_bracket(start, cut) == _unclosed_bracket_read(text[start:cut])
    left, right = text[start:cut], text[cut_end:end]
    assert marks.quotation_spans(start, cut, cut_end, end) == _quotation_spans_read(left, right)


# the characters the shortcuts below read: figures, percent signs, spaces, sentence and clause marks, closers, letters
SHORTCUT_CHARS = "12０９%％ \t\u3000\n。！？!?….，、：（）”》a农行"


@given(st.text(SHORTCUT_CHARS, max_size=12))
def test_the_shortcuts_answer_as_the_patterns_they_spare(text: str) -> None:
    # a table row is read off the line's end before ROW runs, and a sentence's end off its last mark before
    # ends_sentence's search: each must settle a line as the pattern would
    assert _is_row(text, (0, len(text))) == (text != "" and ROW.fullmatch(text) is not None)
    assert sentence_ended(text) == ends_sentence(text)


# --- a page read once: its lines ending on a figure, and its plain wraps decided at once (Judge.verdicts) ----------

ROW_TEXT_CHARS = "12０%％ \t\u3000\n，.工了农。"


@given(st.text(ROW_TEXT_CHARS, max_size=40), st.data())
def test_the_page_figure_line_ends_answer_as_each_line_does(text: str, data: st.DataObject) -> None:
    ends = figure_line_ends(text)
    line_ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    assert ends == {end for end in line_ends if _ends_on_figure(text, text.rfind("\n", 0, end) + 1, end)}
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert between_table_rows(text, start, end, ends) == between_table_rows(text, start, end)
    assert between_row_paragraphs(text, start, end, ends) == between_row_paragraphs(text, start, end)


# a hard-wrapped column's lines: Han text, marks, figures, a look-alike, Latin letters, a colon before a quote
WRAPPED_LINE = st.text("农行的新工了1２aB，。：“”、 ", min_size=8, max_size=8)
WRAPPED_PAGE = st.lists(
    st.tuples(st.lists(WRAPPED_LINE, min_size=1, max_size=4), st.text("农行。，1a", max_size=6)), min_size=1, max_size=4
)


@settings(deadline=None, max_examples=30)  # the first example loads the model
@given(WRAPPED_PAGE)
def test_verdicts_answer_as_the_judge_does_gap_by_gap(paragraphs: list[tuple[list[str], str]]) -> None:
    page = "\n\n".join("\n".join([*lines, last]) if last else "\n".join(lines) for lines, last in paragraphs)
    context = Context.default()
    candidates = rejoin.gaps(page, blocks_of(page, context))
    one_by_one = Judge.for_context(context, page)
    expected = [(gap, found) for gap in candidates if (found := one_by_one(page, gap)) is not None]
    assert list(Judge.for_context(context, page).verdicts(page, candidates)) == expected
