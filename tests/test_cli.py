"""The CLI contract: outputs, reports, exit codes and exact messages (click's CliRunner)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from cleaner.edits import replay
from cleaner.model import Change
from cli_runs import SEED, run


def make_inputs(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "in"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_clean_writes_texts_and_both_reports(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"a.txt": "１２月,好。".encode(), "sub/b.txt": "文本".encode()})
    result = run("clean", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "2 documents cleaned, 0 failed"
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "12月，好。"
    assert (tmp_path / "out" / "sub" / "b.txt").read_text(encoding="utf-8") == "文本"
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [Path(d["path"]).name for d in report["documents"]] == ["a.txt", "b.txt"]
    first = report["documents"][0]
    assert set(first["changes"][0]) == {
        "stage",
        "rule",
        "start",
        "end",
        "before",
        "after",
        "status",
        "confidence",
        "message",
    }
    assert report["summary"]["documents"] == 2
    table = pd.read_csv(tmp_path / "out" / "report.csv")
    assert list(table["rule"]) == ["N101", "N102"]


def test_report_replays_to_the_output_on_the_sample_page(tmp_path: Path) -> None:
    result = run("clean", str(SEED.parent), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    changes = [Change.from_dict(row) for row in report["documents"][0]["changes"]]
    original = SEED.read_text(encoding="utf-8")
    assert replay(original, changes) == (tmp_path / "out" / SEED.name).read_text(encoding="utf-8")


def test_stdin_to_stdout() -> None:
    result = run("clean", "-", input="１２月,好。")
    assert result.exit_code == 0
    assert result.output == "12月，好。"


def test_unreadable_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"bad.txt": b"\x00\x01binary", "good.txt": "好".encode()})
    result = run("clean", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (
        f"error: {folder / 'bad.txt'}: is binary (it holds NUL bytes), not text; remove it or convert it to text"
        in result.output
    )
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "好"
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["failed"][0]["path"] == str(folder / "bad.txt")


def test_a_dangling_link_in_a_folder_is_reported_not_passed_over(tmp_path: Path) -> None:
    # a page whose file has moved leaves a link to nothing: it was silently left out of the batch
    folder = make_inputs(tmp_path, {"good.txt": "好".encode()})
    (folder / "moved.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run("clean", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder / 'moved.txt'}: is a symbolic link to {tmp_path / 'nowhere.txt'}, which does not exist; "
        "point it at the page or remove it\n"
    )
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "好"


def test_a_link_loop_in_a_folder_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    # two links naming each other made the folder walk raise ELOOP: a traceback, and no page cleaned
    folder = make_inputs(tmp_path, {"good.txt": "好".encode()})
    (folder / "loop.txt").symlink_to(folder / "back.txt")
    (folder / "back.txt").symlink_to(folder / "loop.txt")
    result = run("clean", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    reason = "which leads back to itself (a loop); point it at the page or remove it"
    assert result.stderr == (
        f"error: {folder / 'back.txt'}: is a symbolic link to {folder / 'loop.txt'}, {reason}\n"
        f"error: {folder / 'loop.txt'}: is a symbolic link to {folder / 'back.txt'}, {reason}\n"
    )
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "好"


def test_a_link_loop_on_the_command_line_is_named(tmp_path: Path) -> None:
    # click's own check read the loop as "does not exist"
    (tmp_path / "loop.txt").symlink_to(tmp_path / "back.txt")
    (tmp_path / "back.txt").symlink_to(tmp_path / "loop.txt")
    result = run("clean", str(tmp_path / "loop.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: Invalid value for '[INPUTS]...': Path '{tmp_path / 'loop.txt'}' is a symbolic link in a loop "
        "(Too many levels of symbolic links).\n"
    )


@pytest.mark.parametrize(
    ("given", "where"),
    [
        ("in", "is the input folder"),
        ("in/a.txt", "is where the input {in}/a.txt lies"),
        ("in/*.txt", "is the folder the pattern {in}/*.txt is read from"),
    ],
)
def test_the_input_folder_as_output_folder_is_refused_once_before_any_work(
    tmp_path: Path, given: str, where: str
) -> None:
    folder = make_inputs(tmp_path, {"a.txt": "１２月,好。".encode(), "b.txt": "好。".encode()})
    result = run("clean", str(tmp_path / given), "-o", str(folder), "--no-cache")
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {folder}: the output folder {where.format(**{'in': folder})}, and each cleaned text would "
        f"overwrite its input; give -o a folder of its own, such as {folder}/cleaned\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]  # no report among the inputs
    assert (folder / "a.txt").read_text(encoding="utf-8") == "１２月,好。"


def test_apply_refuses_the_input_folder_as_output_folder_too(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"a.txt": "１２月,好。".encode()})
    assert run("clean", str(folder), "-o", str(tmp_path / "first"), "--no-cache").exit_code == 0
    result = run("apply", str(folder), "--decisions", str(tmp_path / "first" / "report.csv"), "-o", str(folder))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {folder}: the output folder is the input folder, and each cleaned text would "
        f"overwrite its input; give -o a folder of its own, such as {folder}/cleaned\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_an_output_folder_inside_the_input_folder_is_still_allowed(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"a.txt": "１２月,好。".encode()})
    result = run("clean", str(folder), "-o", str(folder / "cleaned"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert (folder / "cleaned" / "a.txt").read_text(encoding="utf-8") == "12月，好。"


@pytest.mark.parametrize("command", ["clean", "apply"])
def test_an_output_folder_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path, command: str) -> None:
    # -o below a file (as below a read-only disk) failed with a traceback once every page was cleaned
    folder = make_inputs(tmp_path, {"a.txt": "１２月,好。".encode()})
    assert run("clean", str(folder), "-o", str(tmp_path / "first")).exit_code == 0
    (tmp_path / "file").write_bytes(b"")
    outdir = tmp_path / "file" / "out"
    decisions = ("--decisions", str(tmp_path / "first" / "report.csv")) if command == "apply" else ()
    result = run(command, str(folder), "-o", str(outdir), *decisions)
    assert result.exit_code == 2
    assert (
        result.output
        == f"Error: {outdir}: the output folder cannot be written (Not a directory); choose another with -o\n"
    )


def test_a_new_output_folder_is_not_made_before_the_rules_pass(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"a.txt": "好".encode()})
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "figures.toml").write_text("[broken", encoding="utf-8")
    result = run("clean", str(folder), "-o", str(tmp_path / "new" / "out"), "--rules", str(rules))
    assert result.exit_code == 2
    assert not (tmp_path / "new").exists()


def test_a_folder_that_cannot_be_listed_is_reported_not_passed_over(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Permission to list a folder cannot be taken from root, which the tests may run as: the walk's
    # listing is made to fail for that one folder, as it does for another user without the right
    folder = make_inputs(tmp_path, {"good.txt": "好".encode(), "locked/page.txt": "页".encode()})
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("cleaner.inputs.os.scandir", scandir)
    result = run("clean", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"error: {folder / 'locked'}: is a folder that cannot be listed; check that it is readable" in result.output
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "好"


def test_two_inputs_with_one_output_path_keep_the_first_and_fail_the_second(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path, {"a/x.txt": "第一页。".encode(), "b/x.txt": "第二页。".encode()})
    first, second = folder / "a" / "x.txt", folder / "b" / "x.txt"
    result = run("clean", str(first), str(second), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"error: {second}: has the same output path as {first}; clean them in separate runs" in result.output
    assert (tmp_path / "out" / "x.txt").read_text(encoding="utf-8") == "第一页。"


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = run("clean", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"Path '{tmp_path / 'nope'}' does not exist." in result.output


def test_missing_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("clean", str(SEED))
    assert result.exit_code == 2
    assert "Error: an output folder is needed: add -o OUTDIR" in result.output


def test_skip_and_min_confidence(tmp_path: Path) -> None:
    text = "魏都区优化营 商环境，努力。"
    skipped = run("clean", "-", "--skip", "normalize", input=text)
    assert skipped.output == text
    strict = run("clean", "-", "--min-confidence", "0.95", input=text)
    assert strict.output == text  # N104 (confidence 0.9) is only suggested
    assert run("clean", "-", input=text).output == "魏都区优化营商环境，努力。"


def test_user_rules_switch_a_rule_off(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('[[rule]]\nid = "N101"\nenabled = false\n', encoding="utf-8")
    result = run("clean", "-", "--rules", str(tmp_path), input="１２月")
    assert result.output == "１２月"
    listing = run("rules", "--rules", str(tmp_path))
    assert "N101  normalize   fullwidth-alphanumerics" in listing.output
    assert listing.output.splitlines()[0].endswith("(off)")


def test_a_broken_rule_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[[rule]\n", encoding="utf-8")
    result = run("clean", "-", "--rules", str(tmp_path), input="x")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / 'bad.toml'}: not a valid TOML rule file")


def test_a_rule_file_that_is_no_utf8_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "confusions.tsv").write_bytes("己经\t已经\n".encode("gb18030"))
    result = run("clean", "-", "--rules", str(tmp_path), input="x")
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {tmp_path / 'confusions.tsv'}: is not UTF-8; save it as UTF-8\n",
    )


def test_an_option_of_the_wrong_sort_stops_the_run_before_its_first_file(tmp_path: Path) -> None:
    (tmp_path / "duplicates.toml").write_text('[[rule]]\nid = "D101"\napply_margin = "high"\n', encoding="utf-8")
    result = run("clean", "-", "--rules", str(tmp_path), input="x")
    expected = f"Error: {tmp_path / 'duplicates.toml'}: rule D101: apply_margin is 'high'; it takes a number\n"
    assert (result.exit_code, result.output) == (2, expected)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "layout.toml",
            '[[block_class]]\nid = "L300"\nclass = "x"\npatterns = ["(unclosed"]\n',
            "Error: layout.toml: block class L300 is not valid (missing ), unterminated subpattern at position 0)\n",
        ),
        (
            "spelling.toml",
            '[[rule]]\nid = "S102"\nshape_files = ["nosuch.tsv"]\n',
            "Error: rule S102: the shape file nosuch.tsv is in no rules folder; add it or fix shape_files\n",
        ),
        (
            "reduplication.toml",
            '[[pattern]]\nname = "mine"\ncontext = "({A}"\n',
            "Error: reduplication.toml: pattern mine: '({A}' (missing ), unterminated subpattern at position 0)\n",
        ),
        (
            "figures.toml",
            '[[rule]]\nid = "F103"\nper_unit = "每("\n',
            "Error: rule F103: the option per_unit is not a valid regular expression "
            "(missing ), unterminated subpattern at position 1)\n",
        ),
    ],
)
def test_broken_stage_data_stops_the_run_before_its_first_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / name).write_text(content, encoding="utf-8")
    (tmp_path / "page.txt").write_text("魏都区优化营商环境。\n", encoding="utf-8")
    result = run("clean", str(tmp_path / "page.txt"), "-o", str(tmp_path / "out"), "--rules", str(rules))
    assert (result.exit_code, result.output) == (2, message)
    assert not (tmp_path / "out").exists()


def test_an_output_folder_inside_the_input_folder_is_not_cleaned_again(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "1998").mkdir(parents=True)
    (archive / "1998" / "a.txt").write_text("１２月", encoding="utf-8")
    # the second run finds the first run's outputs inside the archive, and leaves them alone
    for first_line in ("1 document cleaned, 0 failed", "1 document cleaned (1 from the cache), 0 failed"):
        result = run("clean", str(archive), "-o", str(archive / "cleaned"), "-j", "1", "--no-html")
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0] == first_line
        # its own output folder is no earlier run's to note: the re-run said to name it as an input to clean it
        assert result.stderr == ""
    outputs = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*.txt"))
    assert outputs == ["1998/a.txt", "cleaned/1998/a.txt"]


def test_apply_does_not_take_its_output_folder_for_input(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("１２月", encoding="utf-8")
    assert run("clean", str(archive), "-o", str(archive / "out"), "-j", "1", "--no-html").exit_code == 0
    decisions = str(archive / "out" / "report.csv")
    for _ in range(2):
        result = run("apply", str(archive), "--decisions", decisions, "-o", str(archive / "reviewed"))
        # the clean run's outputs in out/ are left out with a note, as clean and check leave them out (they failed as
        # inputs with no decisions); the first apply's outputs are not read again
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"note: {archive / 'out'} holds an earlier cleaner run's outputs and was left out; name it as an input "
            "to clean it\n"
        )
    assert [p.name for p in (archive / "reviewed").rglob("*.txt")] == ["a.txt"]
    assert (archive / "reviewed" / "a.txt").read_text(encoding="utf-8") == "12月"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["clean", "-", "page.txt"],
            "Error: `-` cleans stdin to stdout alone; give files and folders in another run\n",
        ),
        (
            ["clean", "-", "-o", "out"],
            "Error: `-` writes the cleaned text to stdout; leave out -o, or redirect with >\n",
        ),
        (["check", "-", "page.txt"], "Error: `-` checks stdin alone; give files and folders in another run\n"),
    ],
)
def test_stdin_is_cleaned_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text("好,的\n", encoding="utf-8")
    result = run(*args, input="好,的\n")
    assert result.exit_code == 2
    assert result.output.endswith(message)


def test_an_empty_folder_says_that_nothing_was_cleaned(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("clean", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.endswith("note: the inputs hold no *.txt files; nothing was cleaned\n")


def test_an_earlier_runs_output_folder_inside_the_archive_is_left_out_with_a_note(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "1998").mkdir(parents=True)
    (archive / "1998" / "a.txt").write_text("１２月", encoding="utf-8")
    assert run("clean", str(archive), "-o", str(archive / "cleaned"), "-j", "1", "--no-html").exit_code == 0
    # a second run with another -o: the first run's outputs are no pages of the archive
    result = run("clean", str(archive), "-o", str(tmp_path / "again"), "-j", "1", "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "1 document cleaned, 0 failed"
    assert result.stderr == (
        f"note: {archive / 'cleaned'} holds an earlier cleaner run's outputs and was left out; "
        "name it as an input to clean it\n"
    )
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "again").rglob("*.txt")) == [
        "again/1998/a.txt"
    ]
    # named as an input, it is cleaned
    named = run("clean", str(archive / "cleaned"), "-o", str(tmp_path / "third"), "-j", "1", "--no-html")
    assert named.exit_code == 0, named.output
    assert [p.name for p in (tmp_path / "third").rglob("*.txt")] == ["a.txt"]
