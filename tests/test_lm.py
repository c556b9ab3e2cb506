"""The character language model: the shipped model on real text, training with the real lmplz, errors and CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import kenlm
import pytest

from cleaner.errors import ModelError
from cleaner.evaluation.corpus import DEFAULT_CORPUS, is_held_out
from cleaner.lm import (
    MODEL_PATH,
    CharLanguageModel,
    corpus_paragraphs,
    language_model,
    load_language_model,
    perplexity,
    train_language_model,
)
from cleaner.pipeline import Context
from cleaner.resources import Resources
from cleaner.rules import load_rules
from cli_runs import SEED, run

# Cuts of the seed page: the left block, the right block. Joined, each reads on; cut, each ends and starts oddly.
CUTS = [
    ("在制定政策、优化流程、创新服务等方面出新工艺和新", "技术引起了"),
    ("建立问题台账，实行限", "期办理机制"),
    ("规模以上工业增加值", "同比增长9.3%"),
    ("各部门迅速行动，", "第一时间传达"),
]
# Ids of a tiny corpus: which are held out is fixed by their hash.
HELD_OUT_ID = next(f"tiny-{n}" for n in range(100) if is_held_out(f"tiny-{n}"))
TRAINING_ID = next(f"tiny-{n}" for n in range(100) if not is_held_out(f"tiny-{n}"))


@pytest.fixture(scope="module")
def model() -> CharLanguageModel:
    return load_language_model()


def sample_paragraphs() -> list[str]:
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    return [p.strip() for p in paragraphs if len(p.strip()) >= 20]


def test_the_shipped_model_is_a_small_character_5_gram(model: CharLanguageModel) -> None:
    assert model.path == MODEL_PATH and MODEL_PATH.is_file()
    assert isinstance(model.model.kenlm, kenlm.Model)
    assert model.order == 5
    assert MODEL_PATH.stat().st_size < 20_000_000


def test_the_context_loads_the_model_once() -> None:
    context = Context.default()
    assert language_model(context) is language_model(context)


def test_a_model_in_the_users_rules_folder_replaces_the_shipped_one(tmp_path: Path) -> None:
    articles, _ = tiny_corpus(tmp_path / "corpus")
    train_language_model(articles, tmp_path / "rules" / "zh_char.klm", order=3)
    context = Context(rules=load_rules(tmp_path / "rules"), resources=Resources())
    assert language_model(context).path == tmp_path / "rules" / "zh_char.klm"
    assert language_model(context).order == 3


def test_fluent_text_scores_higher_than_the_same_characters_shuffled(model: CharLanguageModel) -> None:
    paragraphs = sample_paragraphs()
    assert len(paragraphs) >= 10
    for number, paragraph in enumerate(paragraphs):
        characters = list(paragraph)
        random.Random(number).shuffle(characters)
        shuffled = "".join(characters)
        assert model.score(paragraph) > model.score(shuffled) + len(paragraph) * 0.3, paragraph


@pytest.mark.parametrize(("left", "right"), CUTS)
def test_a_sentence_joined_across_a_cut_beats_the_cut(model: CharLanguageModel, left: str, right: str) -> None:
    joined = model.score(left + right, bos=True, eos=False)
    cut = model.score(left, bos=True, eos=True) + model.score(right, bos=True, eos=False)
    assert joined > cut


def test_a_word_scores_higher_whole_than_split(model: CharLanguageModel) -> None:
    assert model.score("新技术") > model.score("新技") + model.score("术")
    assert model.score("新技术") > model.score("新") + model.score("技术")


def test_whitespace_is_dropped_and_char_scores_add_up(model: CharLanguageModel) -> None:
    assert model.score("新 技\n术") == model.score("新技术")
    scores = model.char_scores("优化营商环境", bos=True, eos=True)
    assert len(scores) == 7  # six characters and </s>
    assert sum(scores) == pytest.approx(model.score("优化营商环境", bos=True, eos=True), abs=1e-3)
    assert all(score < 0 for score in scores)


@pytest.mark.skipif(not DEFAULT_CORPUS.is_file(), reason="the shared People's Daily corpus is not beside the project")
def test_held_out_perplexity_stays_where_it_was_measured(model: CharLanguageModel) -> None:
    held_out = perplexity(model, corpus_paragraphs([DEFAULT_CORPUS], held_out=True))
    training = perplexity(model, corpus_paragraphs([DEFAULT_CORPUS], held_out=False))
    assert held_out.tokens > 200_000
    assert held_out.perplexity < 65  # 58.1 when the model was built
    assert training.perplexity < held_out.perplexity


def test_a_missing_model_is_a_typed_error_saying_how_to_build_one(tmp_path: Path) -> None:
    missing = tmp_path / "none.klm"
    with pytest.raises(ModelError) as error:
        load_language_model(missing)
    assert str(error.value) == (
        f"{missing}: no such language model file; "
        f"build one with `cleaner train-lm CORPUS -o {missing}` (see README: Train a language model)"
    )


def test_a_file_that_is_no_model_is_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.klm"
    bad.write_text("not a model\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.klm: not a kenlm model"):
        load_language_model(bad)


def tiny_corpus(folder: Path) -> tuple[Path, Path]:
    """A People's Daily style JSON-lines file (one held-out article) and a folder of plain text."""
    folder.mkdir()
    articles = folder / "articles.jsonl"
    rows = [
        {"id": TRAINING_ID, "paragraphs": ["１９９８年新年讲话。", "优化营商环境，努力提高服务水平。"]},
        {"id": HELD_OUT_ID, "paragraphs": ["这篇文章留作评测，不参加训练。"]},
    ]
    articles.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    texts = folder / "archive"
    (texts / "1998").mkdir(parents=True)
    (texts / "1998" / "page.txt").write_text("新技术引起了广泛关注。\n\n限期办理，迅速行动。\n", encoding="utf-8")
    return articles, texts


def test_training_on_a_tiny_corpus_with_the_real_lmplz(tmp_path: Path) -> None:
    articles, texts = tiny_corpus(tmp_path / "corpus")
    output = tmp_path / "models" / "tiny.klm"
    report = train_language_model([articles, texts], output, order=3)
    assert (report.documents, report.held_out_skipped, report.lines) == (2, 1, 4)
    trained_text = ("1998年新年讲话。", "优化营商环境，努力提高服务水平。")
    trained_text += ("新技术引起了广泛关注。", "限期办理，迅速行动。")
    assert report.characters == len("".join(trained_text)) == 47
    assert report.size_bytes == output.stat().st_size > 0
    trained = load_language_model(output)
    assert trained.order == 3
    # normalized as the pipeline does: half-width digits are known, the held-out article is not
    assert trained.char_scores("1998")[0] > trained.char_scores("１")[0]
    assert trained.score("留作评测") < trained.score("营商环境")
    assert sorted(p.name for p in output.parent.iterdir()) == ["tiny.klm"]


def test_held_out_articles_are_included_only_when_asked(tmp_path: Path) -> None:
    articles, _ = tiny_corpus(tmp_path / "corpus")
    report = train_language_model(articles, tmp_path / "all.klm", order=3, include_held_out=True)
    assert (report.documents, report.held_out_skipped, report.lines) == (2, 0, 3)


def test_training_without_lmplz_says_to_run_make_lm_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles, _ = tiny_corpus(tmp_path / "corpus")
    monkeypatch.setattr("cleaner.lm.sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ModelError) as error:
        train_language_model(articles, tmp_path / "m.klm")
    assert str(error.value) == "lmplz: kenlm's program is not installed; run `make lm-tools` to build it"


def test_cli_train_lm_then_eval_lm(tmp_path: Path) -> None:
    articles, texts = tiny_corpus(tmp_path / "corpus")
    output = tmp_path / "tiny.klm"
    result = run("train-lm", str(articles), str(texts), "-o", str(output), "--order", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{output}: order 3, ")
    assert lines[1] == "  trained on 2 documents, 4 lines, 47 characters; 1 held-out articles left out"
    result = run("eval", "lm", "--corpus", str(articles), "--model", str(output))
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()[1:]] == ["held-out", "training"]


def test_cli_train_lm_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("train-lm", str(empty), "-o", str(tmp_path / "m.klm"))
    assert result.exit_code == 1
    assert result.output == f"Error: {empty}: no text to train on (expected *.jsonl articles or *.txt files)\n"
    result = run("train-lm", str(empty), "-o", str(tmp_path / "m.klm"), "--prune", "x")
    assert result.exit_code == 2
    assert "Invalid value for --prune: 'x': give whole numbers, one per order, e.g. '0 0 1'" in result.output
    result = run("train-lm", str(empty))
    assert result.exit_code == 2
    assert "Missing option '-o' / '--output'" in result.output
    result = run("eval", "lm", "--model", str(tmp_path / "none.klm"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'none.klm'}: no such language model file; ")
