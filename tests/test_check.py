"""`cleaner check`: exit codes 0/1/2 with exact messages, --fail-on, formats and baselines (CliRunner)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cli_runs import SEED

# Only the normalize stage: its rules are settled, so exact lines can be asserted; the full
# pipeline is exercised on the seed page below.
NORMALIZE_ONLY = [a for stage in ("layout", "rejoin", "duplicates", "spelling", "figures") for a in ("--skip", stage)]
N102 = '中文之间的半角标点改为全角 [applied: "," → "，"]'


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text("魏都区优化营商环境。\n", encoding="utf-8")
    (tmp_path / "comma.txt").write_text("第一段的文字比较长，有十几个字。\n\n好,的\n", encoding="utf-8")
    return tmp_path


def test_clean_text_exits_0(folder: Path) -> None:
    result = check("clean.txt", *NORMALIZE_ONLY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "1 file checked: 0 findings, 0 matching --fail-on any\n"


def test_a_finding_exits_1_with_its_line_and_column(folder: Path) -> None:
    result = check("comma.txt", "clean.txt", *NORMALIZE_ONLY)
    assert result.exit_code == 1
    assert result.stdout == f"comma.txt:3:2: N102 {N102}\n"
    assert result.stderr == (
        "comma.txt: 1 finding, 1 matching --fail-on any\n"  # a line for each file that fails
        "2 files checked: 1 finding, 1 matching --fail-on any\n"
    )


def test_stdin_is_checked_under_the_path_dash() -> None:
    result = CliRunner().invoke(
        main, ["check", "-", *NORMALIZE_ONLY], input="第一段的文字比较长，有十几个字。\n\n好,的\n"
    )
    assert result.exit_code == 1
    assert result.stdout == f"-:3:2: N102 {N102}\n"
    assert result.stderr == "stdin checked: 1 finding, 1 matching --fail-on any\n"
    clean = CliRunner().invoke(main, ["check", "-", "--fail-on", "N101", *NORMALIZE_ONLY], input="好,的\n")
    assert (clean.exit_code, clean.stderr) == (0, "stdin checked: 1 finding, 0 matching --fail-on N101\n")


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ("any", 1),
        ("applied", 1),
        ("flagged", 0),
        ("suggested,flagged", 0),
        ("normalize", 1),
        ("spelling,figures", 0),
        ("N102", 1),
        ("N101", 0),
        ("N101,applied", 1),
    ],
)
def test_fail_on_statuses_stages_and_rules(folder: Path, fail_on: str, code: int) -> None:
    result = check("comma.txt", "--fail-on", fail_on, *NORMALIZE_ONLY)
    assert result.exit_code == code
    assert result.stdout == f"comma.txt:3:2: N102 {N102}\n"  # every finding is shown; only the gate varies
    # the file's own summary line is there exactly when it fails the check
    tally = f"comma.txt: 1 finding, 1 matching --fail-on {fail_on}\n" if code else ""
    closing = f"1 file checked: 1 finding, {code} matching --fail-on {fail_on}\n"
    assert result.stderr == tally + closing


def test_unknown_fail_on_value_is_a_usage_error(folder: Path) -> None:
    result = check("comma.txt", "--fail-on", "flaged")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for --fail-on: unknown value 'flaged': give `any`, a status (applied, flagged, "
        "skipped, suggested), a stage (normalize, layout, rejoin, duplicates, spelling, figures) or a rule id "
        "(`cleaner rules` lists them)\n"
    )


def test_missing_input_is_a_usage_error(folder: Path) -> None:
    result = check("nowhere.txt")
    assert result.exit_code == 2
    assert "'nowhere.txt' does not exist" in result.stderr


def test_unreadable_input_exits_2_and_the_rest_is_still_checked(folder: Path) -> None:
    (folder / "scan.txt").write_bytes(b"\x00\x01binary")
    result = check("scan.txt", "comma.txt", *NORMALIZE_ONLY)
    assert result.exit_code == 2
    assert result.stdout == f"comma.txt:3:2: N102 {N102}\n"
    assert result.stderr == (
        "comma.txt: 1 finding, 1 matching --fail-on any\n"
        "error: scan.txt: is binary (it holds NUL bytes), not text; remove it or convert it to text\n"
        "2 files: 1 checked, 1 unreadable: 1 finding, 1 matching --fail-on any\n"
    )


def test_github_annotations(folder: Path) -> None:
    result = check("comma.txt", "--format", "github", "--fail-on", "flagged", *NORMALIZE_ONLY)
    assert result.stdout == (
        "::notice file=comma.txt,line=3,col=2,endLine=3,endColumn=3,title=N102 (normalize)::" + N102 + "\n"
    )
    failing = check("comma.txt", "--format", "github", *NORMALIZE_ONLY)
    assert failing.stdout.startswith("::error file=comma.txt,line=3,col=2,")


def test_junit_xml_parses_and_counts_failures(folder: Path) -> None:
    (folder / "scan.txt").write_bytes(b"\x00")
    result = check("comma.txt", "clean.txt", "scan.txt", "--format", "junit", *NORMALIZE_ONLY)
    root = ET.fromstring(result.stdout)
    suites = {suite.get("name"): suite for suite in root}
    assert [(name, s.get("tests"), s.get("failures"), s.get("errors")) for name, s in suites.items()] == [
        ("comma.txt", "1", "1", "0"),
        ("clean.txt", "1", "0", "0"),
        ("scan.txt", "1", "0", "1"),
    ]
    failure = suites["comma.txt"].find("testcase/failure")
    assert failure is not None and failure.get("type") == "N102"


def test_baseline_hides_recorded_findings_and_survives_unrelated_edits(folder: Path) -> None:
    written = check("comma.txt", "--write-baseline", "baseline.json", *NORMALIZE_ONLY)
    assert written.exit_code == 0
    assert "wrote 1 finding to the baseline baseline.json\n" in written.stderr
    recorded = json.loads((folder / "baseline.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["rule"], f["line"]) for f in recorded["findings"]] == [("comma.txt", "N102", 3)]

    assert check("comma.txt", "--baseline", "baseline.json", *NORMALIZE_ONLY).exit_code == 0

    # a new paragraph far above moves the old finding down three lines and adds a finding of its own
    text = (folder / "comma.txt").read_text(encoding="utf-8")
    (folder / "comma.txt").write_text("新加的一段文字，讲的是别的事情,也有一个逗号。\n\n\n" + text, encoding="utf-8")
    result = check("comma.txt", "--baseline", "baseline.json", *NORMALIZE_ONLY)
    assert result.exit_code == 1
    assert result.stdout == f"comma.txt:1:16: N102 {N102}\n"

    # fixing the recorded finding leaves nothing to report
    (folder / "comma.txt").write_text("第一段。\n\n好，的\n", encoding="utf-8")
    assert check("comma.txt", "--baseline", "baseline.json", *NORMALIZE_ONLY).exit_code == 0


def test_a_baseline_matches_the_files_however_the_check_names_them(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "pages").mkdir()
    (folder / "comma.txt").rename(folder / "pages" / "comma.txt")
    assert check("pages", "--write-baseline", "baseline.json", *NORMALIZE_ONLY).exit_code == 0
    hidden = "1 file checked: 0 findings, 0 matching --fail-on any\n"
    result = check(str(folder / "pages"), "--baseline", "baseline.json", *NORMALIZE_ONLY)
    assert (result.exit_code, result.stderr) == (0, hidden)
    monkeypatch.chdir(folder / "pages")
    result = check(".", "--baseline", "../baseline.json", *NORMALIZE_ONLY)
    assert (result.exit_code, result.stderr) == (0, hidden)


def test_a_version_1_baseline_still_matches_paths_as_they_were_given(folder: Path) -> None:
    (folder / "pages").mkdir()
    (folder / "comma.txt").rename(folder / "pages" / "comma.txt")
    (folder / "base").mkdir()
    assert check("pages", "--write-baseline", "base/baseline.json", *NORMALIZE_ONLY).exit_code == 0
    recorded = json.loads((folder / "base" / "baseline.json").read_text(encoding="utf-8"))
    assert [row["path"] for row in recorded["findings"]] == ["../pages/comma.txt"]
    recorded["version"] = 1  # written by an earlier cleaner, from the folder the check ran in
    recorded["findings"][0]["path"] = "pages/comma.txt"
    (folder / "base" / "baseline.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert check("pages", "--baseline", "base/baseline.json", *NORMALIZE_ONLY).exit_code == 0


def test_baseline_counts_repeated_findings(folder: Path) -> None:
    line = "这是一段比较长的文字内容好,的这是一段比较长的文字内容\n"  # the same context around each comma
    (folder / "twice.txt").write_text(line * 2, encoding="utf-8")
    check("twice.txt", "--write-baseline", "baseline.json", *NORMALIZE_ONLY)
    (folder / "twice.txt").write_text(line * 3, encoding="utf-8")
    result = check("twice.txt", "--baseline", "baseline.json", *NORMALIZE_ONLY)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1  # two are recorded, the third is new


def test_a_broken_baseline_is_an_input_error(folder: Path) -> None:
    (folder / "baseline.json").write_text("not json", encoding="utf-8")
    result = check("comma.txt", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: baseline.json: is not a cleaner baseline (")
    assert result.stderr.endswith("write one with `cleaner check --write-baseline baseline.json`\n")


def test_a_baseline_that_cannot_be_written_is_refused_before_the_check(folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # found once every file was checked, it ended the run with a traceback and no baseline
    (folder / "file").write_bytes(b"")
    result = check("comma.txt", *NORMALIZE_ONLY, "--write-baseline", "file/baseline.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: file/baseline.json: the baseline cannot be written (Not a directory); "
        "give --write-baseline a path in a folder that exists and can be written\n"
    )
    # the disk filled since the check began: a clear error, exit 2, and the part file gone
    import cleaner.report.baseline

    real_replace = os.replace

    def full_disk(source, target):  # type: ignore[no-untyped-def]
        if str(target).endswith("baseline.json"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(cleaner.report.baseline.os, "replace", full_disk)
    result = check("comma.txt", *NORMALIZE_ONLY, "--write-baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: baseline.json: the baseline cannot be written (No space left on device); "
        "give --write-baseline a path in a folder that exists and can be written\n"
    )
    assert not any(path.name.startswith(".baseline") for path in folder.iterdir())


def test_a_check_refuses_a_cache_folder_that_cannot_be_made_with_exit_2(folder: Path) -> None:
    (folder / "file").write_bytes(b"")
    result = check("comma.txt", *NORMALIZE_ONLY, "--cache", "file/cache")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: file/cache: cannot make the result cache (Not a directory); pass --cache DIR in a folder that can "
        "be written, or --no-cache\n"
    )


def test_seed_page_fails_on_its_flags(tmp_path: Path) -> None:
    """The full pipeline on the real page: at least one flag, each line pointing at its text."""
    result = check(str(SEED), "--fail-on", "flagged")
    assert result.exit_code == 1, result.stderr
    text = SEED.read_text(encoding="utf-8").splitlines()
    flagged = [line for line in result.stdout.splitlines() if "[flagged" in line]
    assert flagged
    for line in result.stdout.splitlines():
        _, row, column, _ = line.split(":", 3)
        assert 1 <= int(row) <= len(text) + 1 and int(column) >= 1


def test_a_broken_rules_folder_is_a_usage_error(folder: Path) -> None:
    (folder / "rules").mkdir()
    (folder / "rules" / "mine.toml").write_text('[[rule]]\nid = "X1"\nstage = "nowhere"\nmessage = "m"\n')
    result = check("comma.txt", "--rules", "rules")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "unknown stage 'nowhere'" in result.stderr


def test_a_file_name_that_is_no_utf8_is_checked_and_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / os.fsdecode(b"\xb5\xda.txt")).write_text("好,的\n", encoding="utf-8")  # a GBK name
    for _ in range(2):  # the second run replays the view remembered under the name's bytes
        result = check("pages", *NORMALIZE_ONLY)
        assert (result.exit_code, result.stdout) == (1, f"pages/\\xb5\\xda.txt:1:2: N102 {N102}\n")


def test_a_list_of_files_in_gb18030_or_with_a_byte_order_mark_is_read(folder: Path) -> None:
    # a name as a Chinese Windows machine wrote it: its bytes are kept (shown \\xNN where they are no UTF-8)
    gbk_name = "第一版.txt".encode("gb18030")
    (folder / os.fsdecode(gbk_name)).write_bytes((folder / "comma.txt").read_bytes())
    for data, shown in (
        (gbk_name + b"\n", "\\xb5\\xdaһ\\xb0\\xe6.txt"),
        (b"\xef\xbb\xbfcomma.txt\n", "comma.txt"),
    ):
        (folder / "list.txt").write_bytes(data)
        result = check("--files-from", "list.txt", *NORMALIZE_ONLY)
        assert (result.exit_code, result.stdout) == (1, f"{shown}:3:2: N102 {N102}\n")


def test_a_folder_without_text_files_passes_with_a_note(tmp_path: Path) -> None:
    # a CI job pointed at a folder of scans, or the wrong folder, must not pass in silence
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "page.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "scans"), "--no-cache"])
    assert result.exit_code == 0
    assert result.stderr.endswith(
        "0 files checked: 0 findings, 0 matching --fail-on any\n"
        "note: the inputs hold no *.txt files; nothing was checked\n"
    )


CRLF_PAGE = "第一段的文字比较长。\r\n\r\n第二段，好的。\r\n"
N105_FOLDED = '换行符统一为 \\n（全文共 3 处，只标出此处） [applied: "\\r\\n" → "\\n"]'


@pytest.mark.parametrize("cached", [False, True])
def test_a_crlf_page_is_one_github_annotation_that_counts_its_line_ends(folder: Path, cached: bool) -> None:
    # one ::error per line end drowned a CI log: 110 for one page
    (folder / "crlf.txt").write_bytes(CRLF_PAGE.encode("utf-8"))
    run = ["crlf.txt", "--format", "github", *NORMALIZE_ONLY, *([] if cached else ["--no-cache"])]
    for _ in range(1 + cached):  # the second run replays the stored lines of the unchanged page
        result = check(*run)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=crlf.txt,line=1,col=11,endLine=2,endColumn=1,title=N105 (normalize)::" + N105_FOLDED + "\n"
    )
    assert result.stderr == (
        "crlf.txt: 1 finding, 1 matching --fail-on any\n1 file checked: 1 finding, 1 matching --fail-on any\n"
    )


def test_zero_width_spaces_of_a_page_are_one_finding_each_kind_shown_escaped(folder: Path) -> None:
    # a page copied from the web: a zero-width space between every few words was a line each, shown as ""
    (folder / "web.txt").write_text("\ufeff魏都区\u200b优化\u200b营商\u200b环境。\n", encoding="utf-8")
    result = check("web.txt", *NORMALIZE_ONLY)
    message = "删除控制字符、字节顺序标记或零宽字符"
    assert result.stdout == (
        f'web.txt:1:1: N106 {message} [applied: "\\ufeff" → ""]\n'
        f'web.txt:1:5: N106 {message}（全文共 3 处，只标出此处） [applied: "\\u200b" → ""]\n'
    )


def test_a_form_feed_between_pages_is_escaped_in_a_finding_line(folder: Path) -> None:
    # quoted raw, the form feed broke the finding's line in a CI log and paged a terminal
    (folder / "pages.txt").write_text("第一版完。\f第二版\n", encoding="utf-8")
    for format_name in ("lines", "github"):
        result = check("pages.txt", "--format", format_name, "--no-cache", *NORMALIZE_ONLY)
        assert "\f" not in result.stdout
        assert '[applied: "\\x0c" → "\\n"]' in result.stdout


def test_a_crlf_page_beside_another_kind_of_line_end_keeps_both_kinds(folder: Path) -> None:
    (folder / "crlf.txt").write_bytes("第一版完。\r第二版\r\n第三行\r\n".encode())  # a lone CR: an old Mac's
    result = check("crlf.txt", *NORMALIZE_ONLY)
    assert result.stdout == (
        'crlf.txt:1:6: N105 换行符统一为 \\n [applied: "\\r" → "\\n"]\n'
        'crlf.txt:1:10: N105 换行符统一为 \\n（全文共 2 处，只标出此处） [applied: "\\r\\n" → "\\n"]\n'
    )


def test_a_crlf_page_whose_wrap_was_joined_shows_its_line_ends_at_an_applied_one(folder: Path) -> None:
    # the join supersedes the wrap's N105 (skipped): still one of the page's line ends, shown where one was changed
    (folder / "wrap.txt").write_bytes(
        "魏都区优化营商环境，全区上下\r\n齐心协力推进各项工作。\r\n\r\n第二段，好的。\r\n".encode()
    )
    result = check("wrap.txt", "--format", "github", "--no-cache")
    assert [line for line in result.stdout.splitlines() if "title=N105" in line] == [
        "::error file=wrap.txt,line=2,col=12,endLine=3,endColumn=1,title=N105 (normalize)::"
        '换行符统一为 \\n（全文共 4 处，只标出此处） [applied: "\\r\\n" → "\\n"]'
    ]
