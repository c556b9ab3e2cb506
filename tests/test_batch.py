"""The shared batch loop and the batch options of `cleaner clean`: inputs, order, streaming, failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import batch, progress
from cleaner.batch import process
from cleaner.batch_outputs import clean_paths
from cleaner.cli import main
from cleaner.executor import run_chunk
from cleaner.inputs import InputFile, discover
from cleaner.model import Document, Finding
from cleaner.path_lists import listed_files
from cleaner.pipeline import DEFAULT_STAGES, Context, Options, Pipeline
from folders import write_pages

PAGES = {
    "1998/01/01/01.txt": "１９９８年１月１日，新年讲话发表。",
    "1998/01/01/02.txt": "人民日报评论员文章：迈向新世纪。",
    "1998/01/02/01.txt": "北京１月２日电 今天天气晴朗。",
    "1999/03/01/01.txt": "全国人大代表抵达北京,开始审议。",
    "notes/readme.md": "不是文本页",
}


def fast() -> Pipeline:
    return Pipeline(options=Options(profile="fast"))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "archive", PAGES)


def test_folders_are_walked_in_sorted_order_and_only_txt(archive: Path) -> None:
    assert [f.relative.as_posix() for f in discover([archive])] == [
        "1998/01/01/01.txt",
        "1998/01/01/02.txt",
        "1998/01/02/01.txt",
        "1999/03/01/01.txt",
    ]


def test_glob_patterns_are_expanded_relative_to_their_fixed_prefix(archive: Path) -> None:
    found = [f.relative.as_posix() for f in discover([f"{archive}/1998/**/01.txt"])]
    assert found == ["01/01/01.txt", "01/02/01.txt"]
    assert [f.relative.as_posix() for f in discover([f"{archive}/199?/03/*/*.txt"])] == ["1999/03/01/01.txt"]


def test_listed_files_keep_their_folders_so_same_names_do_not_collide(archive: Path) -> None:
    listed = [archive / "1998/01/01/01.txt", archive / "1998/01/02/01.txt"]
    relatives = [f.relative for f in listed_files(listed)]
    assert len(set(relatives)) == 2
    assert all(r.as_posix().endswith(("01/01/01.txt", "01/02/01.txt")) for r in relatives)


@pytest.mark.parametrize("jobs", [1, 2])
def test_outcomes_come_in_input_order_with_failures_in_place(archive: Path, jobs: int) -> None:
    (archive / "1998/01/01/03.txt").write_bytes(b"\x00\x01binary")
    inputs = [archive, archive / "missing.txt", f"{archive}/2000/*.txt"]
    outcomes = list(process(inputs, fast(), jobs=jobs))
    names = [o.item.relative.as_posix() for o in outcomes]
    assert names == [
        "1998/01/01/01.txt",
        "1998/01/01/02.txt",
        "1998/01/01/03.txt",
        "1998/01/02/01.txt",
        "1999/03/01/01.txt",
        "missing.txt",
        "*.txt",
    ]
    errors = {o.item.relative.as_posix(): o.error for o in outcomes if o.result is None}
    assert errors["1998/01/01/03.txt"].startswith("is binary")
    assert errors["missing.txt"].startswith("cannot be read")
    assert errors["*.txt"].startswith("matches no files")
    assert outcomes[0].result is not None and outcomes[0].result.text.startswith("1998年1月1日")


def test_inputs_stream_through_a_bounded_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read as work goes out: after the first outcome only a few chunks have been read."""
    monkeypatch.setattr(batch, "CHUNK_DOCUMENTS", 2)
    for n in range(40):
        (tmp_path / f"{n:03d}.txt").write_text(f"第{n}页，正文。", encoding="utf-8")
    pulled = 0

    def lazily() -> Iterator[Path]:
        nonlocal pulled
        for n in range(40):
            pulled += 1
            yield tmp_path / f"{n:03d}.txt"

    outcomes = process(lazily(), fast(), jobs=1)
    first = next(outcomes)
    assert first.item.path.name == "000.txt"
    assert pulled <= 2 * batch.CHUNKS_PER_WORKER + 1
    assert len(list(outcomes)) == 39


def test_a_page_that_fills_a_chunk_alone_goes_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The short pages read before a long one are cleaned (and written) without waiting for it."""
    monkeypatch.setattr(batch, "CHUNK_CHARACTERS", 200)
    (tmp_path / "a.txt").write_text("第一页，正文。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("第二页，正文。", encoding="utf-8")
    (tmp_path / "c.txt").write_text("长页的正文。" * 50, encoding="utf-8")
    (tmp_path / "d.txt").write_text("第四页，正文。", encoding="utf-8")
    chunks: list[list[str]] = []

    def recorded(spec: object, documents: list[Document], *rest: object) -> object:
        chunks.append([Path(document.path).name for document in documents])
        return run_chunk(spec, documents, *rest)

    monkeypatch.setattr(batch, "run_chunk", recorded)
    assert [outcome.item.path.name for outcome in process([tmp_path], fast(), jobs=1)] == [
        "a.txt",
        "b.txt",
        "c.txt",
        "d.txt",
    ]
    assert chunks == [["a.txt", "b.txt"], ["c.txt"], ["d.txt"]]  # not [a, b, c]: a and b waited for c


def test_cached_outcomes_do_not_pile_up_behind_a_pending_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.cache import open_cache

    monkeypatch.setattr(batch, "WAITING_LIMIT", 5)
    for n in range(30):
        (tmp_path / f"{n:03d}.txt").write_text(f"第{n}页，正文。", encoding="utf-8")
    cache = open_cache(tmp_path / "cache", fast())
    list(process(sorted(tmp_path.glob("*.txt"))[1:], fast(), cache=cache))  # all but the first are cached
    pulled = 0

    def lazily() -> Iterator[Path]:
        nonlocal pulled
        for path in sorted(tmp_path.glob("*.txt")):
            pulled += 1
            yield path

    outcomes = process(lazily(), fast(), cache=cache)
    assert not next(outcomes).cached
    assert pulled <= 5
    assert all(outcome.cached for outcome in outcomes)


class Explodes:
    """A stage that fails on one text: stands in for a buggy stage, to test the batch's own glue."""

    name = "explodes"

    def find(self, text: str, context: Context) -> list[Finding]:
        if "坏" in text:
            raise ValueError("bad page")
        return []


def test_a_failing_stage_fails_one_document_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("好", encoding="utf-8")
    (tmp_path / "b.txt").write_text("坏", encoding="utf-8")
    pipeline = Pipeline(options=Options(profile="fast"), stages=[*DEFAULT_STAGES, Explodes()])
    summary = clean_paths([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out", pipeline)
    assert summary.documents == 1
    [(path, error, listed_at)] = summary.failures
    assert path.endswith("b.txt")
    assert error.startswith("the pipeline failed on it (ValueError: bad page at test_batch.py:")
    assert listed_at == ""  # named as an argument, not by a --files-from list


def test_report_is_in_input_order_and_holds_no_timing(archive: Path, tmp_path: Path) -> None:
    clean_paths([archive], tmp_path / "out", fast(), jobs=2)
    report = json.loads((tmp_path / "out/report.json").read_text(encoding="utf-8"))
    assert [Path(d["path"]).relative_to(archive).as_posix() for d in report["documents"]][:2] == [
        "1998/01/01/01.txt",
        "1998/01/01/02.txt",
    ]
    assert "seconds" not in report["summary"]


def test_process_accepts_input_files_as_they_are() -> None:
    item = InputFile(Path("/no/such/file.txt"), Path("kept/as/is.txt"))
    [outcome] = process([item], fast())
    assert outcome.item is item and outcome.result is None


# The command line


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_clean_takes_folders_patterns_and_a_list_from_stdin(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    listed = f"{archive / '1999/03/01/01.txt'}\n\n# a comment\n"
    code, stdout, _ = run("clean", f"{archive}/1998/01/01/*.txt", "--files-from", "-", "-o", str(out), input=listed)
    assert code == 0, stdout
    assert stdout.startswith("3 documents cleaned, 0 failed\n")
    assert (out / "01.txt").read_text(encoding="utf-8").startswith("1998年1月1日")
    assert (out / archive.relative_to(archive.anchor) / "1999/03/01/01.txt").is_file()
    assert "characters/s" in stdout


def test_a_list_with_spaces_around_its_paths_names_the_files_without_them(archive: Path, tmp_path: Path) -> None:
    # an indented line or a trailing space (an editor's, a spreadsheet's) failed as "No such file"
    # under a path whose spaces the message did not show
    named = tmp_path / " spaced.txt "
    named.write_text("好", encoding="utf-8")
    page, missing = archive / "1999/03/01/01.txt", tmp_path / "gone.txt"
    listed = f"  {page}  \r\n  # an indented comment\r\n{named}\r\n{missing} \r\n"
    code, stdout, stderr = run("clean", "--files-from", "-", "-o", str(tmp_path / "out"), "-j", "1", input=listed)
    assert code == 1
    assert stdout.startswith("2 documents cleaned, 1 failed\n")
    assert (tmp_path / "out" / page.relative_to(page.anchor)).is_file()
    assert (tmp_path / "out" / named.relative_to(named.anchor)).read_text(encoding="utf-8") == "好"
    assert stderr.endswith(
        f"error: stdin:4: {missing}: cannot be read (No such file or directory); check that it exists and is readable\n"
    )


def test_a_file_reached_twice_is_cleaned_once(archive: Path, tmp_path: Path) -> None:
    listed = f"{archive / '1999/03/01/01.txt'}\n{archive / '1999'}\n"
    page = str(archive / "1998/01/02/01.txt")
    code, stdout, _ = run("clean", str(archive), page, "--files-from", "-", "-o", str(tmp_path / "out"), input=listed)
    assert code == 0, stdout
    assert stdout.startswith("4 documents cleaned, 0 failed\n")


def test_clean_needs_some_input(tmp_path: Path) -> None:
    code, _, stderr = run("clean", "-o", str(tmp_path / "out"))
    assert code == 2
    assert "no inputs: name files, folders or patterns, or pass --files-from FILE" in stderr


def test_a_pattern_that_matches_nothing_is_a_failure_not_a_crash(archive: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run("clean", str(archive), f"{archive}/2001/*.txt", "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 1
    assert stdout.startswith("4 documents cleaned, 1 failed\n")
    assert f"error: {archive}/2001/*.txt: matches no files; check the pattern" in stderr


def test_jobs_must_be_positive(archive: Path, tmp_path: Path) -> None:
    code, _, stderr = run("clean", str(archive), "-o", str(tmp_path / "out"), "--jobs", "0")
    assert code == 2
    assert "Invalid value for '-j' / '--jobs': 0 is not in the range x>=1." in stderr


def test_an_unknown_profile_is_refused(archive: Path, tmp_path: Path) -> None:
    code, _, stderr = run("clean", str(archive), "-o", str(tmp_path / "out"), "--profile", "quick")
    assert code == 2
    assert "'quick' is not one of 'fast', 'full'" in stderr


def test_clean_defaults_to_the_full_profile() -> None:
    options = {p.name: p for p in main.commands["clean"].params}
    assert options["profile"].default == "full"
    assert options["jobs"].default is None  # every core


def test_progress_lines_go_to_stderr_when_not_a_terminal(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "PLAIN_INTERVAL", 0.0)
    code, stdout, stderr = run("clean", str(archive), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 0
    assert "cleaner: 4 files (0 cached, 0 failed)" in stderr
    assert "cleaner:" not in stdout
    # a line each time the interval passed, and no closing line repeating the last one's counts
    counts = [line.split(", ")[0] for line in stderr.splitlines() if line.startswith("cleaner: ")]
    assert counts == [
        "cleaner: 1 file (0 cached",
        "cleaner: 2 files (0 cached",
        "cleaner: 3 files (0 cached",
        "cleaner: 4 files (0 cached",
    ]


def test_document_ids_are_relative_paths(archive: Path) -> None:
    [first, *_] = process([archive], fast())
    assert isinstance(first.result.document, Document)  # type: ignore[union-attr]
    assert first.result.document.id == "1998/01/01/01.txt"  # type: ignore[union-attr]


def test_a_short_run_prints_no_progress_lines(archive: Path, tmp_path: Path) -> None:
    code, _, stderr = run("clean", str(archive), "-o", str(tmp_path / "out"))
    assert code == 0
    # only the note on the file the walk left out
    assert stderr == f"note: 1 file in the input folders is not *.txt and was left out: {archive}/notes/readme.md\n"


def test_a_missing_input_path_is_a_usage_error_but_a_pattern_is_expanded_later(tmp_path: Path) -> None:
    code, _, stderr = run("clean", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert f"Path '{tmp_path / 'nope.txt'}' does not exist." in stderr


def test_small_batches_start_no_worker_pool(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr(batch, "open_workers", no_pool)
    assert len(list(process([archive], fast(), jobs=2))) == 4


def test_check_takes_the_batch_options_and_defaults_to_the_fast_profile(archive: Path, tmp_path: Path) -> None:
    from cleaner.commands.check import check

    options = {p.name: p for p in check.params}
    assert options["profile"].default == "fast"
    args = ["check", f"{archive}/1998/**/*.txt", "--cache", str(tmp_path / "cache"), "-j", "2", "--fail-on", "any"]
    first = CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args)
    assert first.exit_code == again.exit_code
    assert first.stdout == again.stdout
    assert first.stderr.endswith(again.stderr.splitlines()[-1] + "\n")
    assert (tmp_path / "cache" / "results.sqlite").is_file()
    nothing = CliRunner().invoke(main, ["check", "--files-from", "-"], input="")  # e.g. no changed files in CI
    assert nothing.exit_code == 0
    assert nothing.stderr.startswith("0 files checked")
    assert CliRunner().invoke(main, ["check"]).exit_code == 2


def test_a_run_without_review_pages_removes_those_of_an_earlier_run(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("clean", str(archive), "-o", str(out))[0] == 0
    assert (out / "report.html").is_file() and any((out / "report").rglob("*.html"))
    assert run("clean", str(archive), "-o", str(out), "--no-html")[0] == 0
    assert not (out / "report.html").exists() and not (out / "report").exists()
    assert (out / "1998/01/01/01.txt").is_file()
