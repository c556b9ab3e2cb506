"""`--files-from` lists as Windows saves them: in GBK (Chinese Notepad's "ANSI"), in UTF-16 with a
byte-order mark ("Unicode"), or not text at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

PAGE = "魏都区深入开展专项行动。\n"


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pages under tmp_path/in, one with a Chinese name; the test runs in tmp_path."""
    (tmp_path / "in").mkdir()
    for name in ("第一版.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_a_list_in_a_windows_encoding_names_its_files(pages: Path, encoding: str) -> None:
    (pages / "list.txt").write_bytes("in/第一版.txt\r\nin/b.txt\r\n".encode(encoding))
    result = CliRunner().invoke(main, ["clean", "--files-from", "list.txt", "-o", "out", "--profile", "fast"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("2 documents cleaned, 0 failed\n")
    assert (pages / "out" / "in" / "第一版.txt").read_text(encoding="utf-8") == PAGE


def test_a_list_naming_a_gbk_file_name_keeps_its_bytes(pages: Path) -> None:
    gbk_name = os.fsdecode("第二版.txt".encode("gbk"))  # a file copied from a Chinese Windows disk
    (pages / "in" / gbk_name).write_text(PAGE, encoding="utf-8")
    (pages / "list.txt").write_bytes(b"in/" + "第二版.txt".encode("gbk") + b"\n")
    result = CliRunner().invoke(main, ["clean", "--files-from", "list.txt", "-o", "out", "--profile", "fast"])
    assert result.exit_code == 0, result.stderr
    assert (pages / "out" / "in" / gbk_name).read_text(encoding="utf-8") == PAGE


@pytest.mark.parametrize("command", [["clean", "-o", "out"], ["check", "--no-cache"]])
def test_a_list_that_is_no_text_is_refused_by_name_as_a_usage_error(pages: Path, command: list[str]) -> None:
    (pages / "list.txt").write_bytes(bytes(range(8)))
    result = CliRunner().invoke(main, [*command, "--files-from", "list.txt", "--profile", "fast"])
    assert result.exit_code == 2  # like any wrong argument (README: "2 on a usage error"), not 1 (an unreadable page)
    # it was told to remove the list or convert it to text, an input's advice
    assert result.stderr == (
        "Error: list.txt: is binary (it holds NUL bytes), not text; a --files-from list is text, one path a line\n"
    )
    assert not (pages / "out" / "report.json").exists()


MISSING = "cannot be read (No such file or directory); check that it exists and is readable"


def test_a_missing_entry_is_named_by_its_list_and_line_in_the_summary_the_error_and_report_json(pages: Path) -> None:
    (pages / "list.txt").write_text("in/b.txt\n# the second issue\n\nin/x.txt\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--files-from", "list.txt", "-o", "out", "--profile", "fast"])
    assert result.exit_code == 1
    assert f"  failed: list.txt:4: in/x.txt: {MISSING}\n" in result.stdout
    assert result.stderr == f"error: list.txt:4: in/x.txt: {MISSING}\n"
    report = json.loads((pages / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["failed"] == [{"path": "in/x.txt", "error": MISSING, "listed_at": "list.txt:4"}]
    assert "<li>list.txt:4: in/x.txt: cannot be read" in (pages / "out" / "report.html").read_text(encoding="utf-8")


def test_a_missing_entry_of_a_list_on_stdin_is_named_by_its_line_in_check(pages: Path) -> None:
    listed = "in/b.txt\nin/x.txt\n"
    result = CliRunner().invoke(main, ["check", "--files-from", "-", "--no-cache", "--profile", "fast"], input=listed)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: stdin:2: in/x.txt: {MISSING}\n2 files: 1 checked, 1 unreadable: 0 findings, 0 matching --fail-on any\n"
    )
    github = ["check", "--files-from", "-", "--no-cache", "--profile", "fast", "--format", "github"]
    annotation = CliRunner().invoke(main, github, input=listed).stdout
    assert annotation == f"::error file=in/x.txt::{MISSING} (listed at stdin:2)\n"
