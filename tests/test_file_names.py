"""File names with a newline or another control character: escaped wherever a person or a CI log
reads them (messages, the summary, report.csv, the check formats), kept as they are in report.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main

PAGE = "第一版\n魏都区深入开展专项行动,优化营商环境。\n"


def archive(tmp_path: Path) -> Path:
    """A folder with a page and a binary file, each with a newline in its name."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.txt").write_text(PAGE, encoding="utf-8")
    (folder / "bad\tx.txt").write_bytes(b"\x00\x01\x02")
    return folder


def test_clean_shows_odd_names_escaped_and_report_json_keeps_them(tmp_path: Path) -> None:
    folder, out = archive(tmp_path), tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out), "--profile", "fast", "--no-html"])
    assert result.exit_code == 1
    refusal = "is binary (it holds NUL bytes), not text; remove it or convert it to text"
    assert result.stderr == f"error: {folder}/bad\\tx.txt: {refusal}\n"
    assert f"  failed: {folder}/bad\\tx.txt: {refusal}" in result.stdout.splitlines()
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as table:
        assert {row["path"] for row in csv.DictReader(table)} == {f"{folder}/a\\nb.txt"}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in report["documents"]] == [f"{folder}/a\nb.txt"]
    assert report["summary"]["failed"] == [{"path": f"{folder}/bad\tx.txt", "error": refusal}]


def test_apply_reads_the_escaped_names_of_report_csv_back(tmp_path: Path) -> None:
    folder, out = archive(tmp_path), tmp_path / "out"
    cleaned = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out), "--profile", "fast", "--no-html"])
    assert cleaned.exit_code == 1  # the binary file fails; the page is cleaned
    table = (out / "report.csv").read_text(encoding="utf-8-sig")
    (out / "report.csv").write_text(table.replace(",applied,yes,", ",applied,no,"), encoding="utf-8-sig")
    final = tmp_path / "final"
    result = CliRunner().invoke(main, ["apply", str(folder), "--decisions", str(out / "report.csv"), "-o", str(final)])
    assert result.exit_code == 1
    assert (final / "a\nb.txt").read_text(encoding="utf-8") == PAGE  # the comma's fix refused: the row was found
    assert result.stderr.splitlines()[-1].startswith(f"error: {folder}/bad\\tx.txt: has no decisions")


def test_check_formats_keep_one_path_on_one_line(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    run = ["check", str(folder), "--no-cache", "--format"]
    lines = CliRunner().invoke(main, [*run, "lines"])
    assert lines.exit_code == 2
    assert lines.stdout == f'{folder}/a\\nb.txt:2:12: N102 中文之间的半角标点改为全角 [applied: "," → "，"]\n'
    assert lines.stderr.splitlines() == [
        f"{folder}/a\\nb.txt: 1 finding, 1 matching --fail-on any",
        f"error: {folder}/bad\\tx.txt: is binary (it holds NUL bytes), not text; remove it or convert it to text",
        "2 files: 1 checked, 1 unreadable: 1 finding, 1 matching --fail-on any",
    ]
    junit = CliRunner().invoke(main, [*run, "junit"])
    assert junit.exit_code == 2
    assert f'classname="{folder}/a\\nb.txt"' in junit.stdout
    assert f'classname="{folder}/bad\\tx.txt"' in junit.stdout
    github = CliRunner().invoke(main, [*run, "github"])
    assert github.exit_code == 2
    assert f"file={folder}/a%0Ab.txt," in github.stdout  # GitHub's own escape, which it reads back
