"""What the caches are keyed by, end to end: change a user rule file, a word list, the user's model or an
option that changes the output, and a re-run does each file again; change nothing, and it skips them all.

`clean` remembers results; `check` also remembers each file's printed lines, replayed unread on a
re-run, so a key that missed a part would replay stale findings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.commands.check import Views
from cleaner.lm import MODEL_PATH
from cleaner.pipeline import Pipeline
from folders import write_pages

PAGES = {
    "a.txt": "１９９８年１月１日，新年讲话发表。",
    "b.txt": "人民日报评论员文章：迈向新世纪。",
    "c.txt": "北京１月２日电 今天天气晴朗,全国人大代表抵达北京,己经开始审议。",
}
USER_FILES = {"words.tsv": "营商环境\t50\n", "confusions.tsv": "己经\t已经\n"}
# a model of three symbols and a bigram, in kenlm's text format: a user's model retrained, in short
RETRAINED_MODEL = """\\data\\
ngram 1=3
ngram 2=1

\\1-grams:
-1.0	<unk>	0
-0.5	<s>	-0.3
-0.5	</s>	0

\\2-grams:
-0.2	<s> </s>

\\end\\
"""


def append(name: str, line: str) -> Callable[[Path], list[str]]:
    def change(rules: Path) -> list[str]:
        with (rules / name).open("a", encoding="utf-8") as stream:
            stream.write(line)
        return []

    return change


def option(*args: str) -> Callable[[Path], list[str]]:
    return lambda rules: list(args)


RULE_OFF = '[[rule]]\nid = "N101"\nenabled = false\n'
# each way to change what a file's result or its printed lines would be
CHANGES = {
    "a user word list": append("words.tsv", "放管服\t20\n"),
    "a user confusion list": append("confusions.tsv", "在坐\t在座\n"),
    "the user's model": lambda rules: [(rules / "zh_char.klm").write_text(RETRAINED_MODEL, encoding="utf-8")][1:],
    "a user rule file": lambda rules: [(rules / "normalize.toml").write_text(RULE_OFF, encoding="utf-8")][1:],
    "--min-confidence": option("--min-confidence", "0.5"),
    "--skip": option("--skip", "rejoin"),
}


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, int]]:
    """Pages, a user rules folder, and counts of the pipeline's runs and of the views replayed
    (a batch this small is cleaned in this process)."""
    pages = write_pages(tmp_path / "pages", PAGES)
    rules = write_pages(tmp_path / "rules", USER_FILES)
    shutil.copy(MODEL_PATH, rules / MODEL_PATH.name)  # the user's own model, at first the shipped one
    counts = {"cleaned": 0, "replayed": 0}
    run, replay = Pipeline.run, Views.replay

    def counted_run(self: Pipeline, *args: object, **kwargs: object) -> object:
        counts["cleaned"] += 1
        return run(self, *args, **kwargs)  # type: ignore[arg-type]

    def counted_replay(self: Views, *args: object) -> object:
        counts["replayed"] += 1
        return replay(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Pipeline, "run", counted_run)
    monkeypatch.setattr(Views, "replay", counted_replay)
    return pages, rules, counts


def check(pages: Path, rules: Path, cache: Path, *more: str) -> tuple[int, str]:
    args = ["check", str(pages), "--rules", str(rules), "--cache", str(cache), "--profile", "fast", *more]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_check_does_every_file_again_when_what_decides_its_lines_changes(
    batch: tuple[Path, Path, dict[str, int]], tmp_path: Path, change: Callable[[Path], list[str]]
) -> None:
    pages, rules, counts = batch
    first = check(pages, rules, tmp_path / "cache")
    assert check(pages, rules, tmp_path / "cache") == first
    assert counts == {"cleaned": 3, "replayed": 3}  # unchanged: each file replayed, none cleaned again
    more = change(rules)
    changed = check(pages, rules, tmp_path / "cache", *more)
    assert counts == {"cleaned": 6, "replayed": 3}
    assert changed == check(pages, rules, tmp_path / "cache", *more, "--no-cache")


@pytest.mark.parametrize("more", [["--format", "github"], ["--fail-on", "flagged"]], ids=["--format", "--fail-on"])
def test_check_prints_again_what_another_format_or_gate_shows(
    batch: tuple[Path, Path, dict[str, int]], tmp_path: Path, more: list[str]
) -> None:
    pages, rules, counts = batch
    check(pages, rules, tmp_path / "cache")
    changed = check(pages, rules, tmp_path / "cache", *more)
    assert counts == {"cleaned": 3, "replayed": 0}  # the results are the same, their lines are not
    assert changed == check(pages, rules, tmp_path / "cache", *more, "--no-cache")


@pytest.mark.parametrize("change", [*CHANGES.values(), option("--profile", "full")], ids=[*CHANGES, "--profile"])
def test_clean_does_every_file_again_when_what_decides_its_result_changes(
    batch: tuple[Path, Path, dict[str, int]], tmp_path: Path, change: Callable[[Path], list[str]]
) -> None:
    pages, rules, counts = batch
    args = ["clean", str(pages), "-o", str(tmp_path / "out"), "--rules", str(rules), "--profile", "fast", "--no-html"]
    assert CliRunner().invoke(main, args).stdout.startswith("3 documents cleaned, 0 failed\n")
    again = CliRunner().invoke(main, args).stdout
    assert again.startswith("3 documents cleaned (3 from the cache), 0 failed\n")
    more = change(rules)
    changed = CliRunner().invoke(main, [*args, *more])
    assert changed.exit_code == 0, changed.output
    assert changed.stdout.startswith("3 documents cleaned, 0 failed\n")
    assert counts["cleaned"] == 6
