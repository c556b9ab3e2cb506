"""Two runs into one output folder at once: the second is refused before it touches a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.output_lock import output_lock

PAGE = "魏都区深入开展专项行动,优化营商环境。\n"


@pytest.mark.parametrize("command", ["clean", "apply"])
def test_a_second_run_into_a_busy_output_folder_is_refused(tmp_path: Path, command: str) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["clean", str(tmp_path / "page.txt"), "-o", str(out), "--profile", "fast"])
    assert first.exit_code == 0, first.stderr
    reports = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    arguments = {
        "clean": ["clean", str(tmp_path / "page.txt"), "-o", str(out), "--profile", "fast", "--no-cache"],
        "apply": ["apply", str(tmp_path / "page.txt"), "--decisions", str(out / "report.csv"), "-o", str(out)],
    }[command]
    with output_lock(out):  # another run, still writing
        result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: another cleaner run is writing into this output folder; wait for it to finish, "
        "or give -o a folder of its own\n"
    )
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()} == reports
    again = CliRunner().invoke(main, arguments)  # the other run has finished
    assert again.exit_code == 0, again.stderr


def test_the_lock_comes_before_the_result_cache(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["clean", str(tmp_path / "page.txt"), "-o", str(out), "--profile", "fast"]
    with output_lock(out):  # another run, still writing, has not made its cache yet
        result = CliRunner().invoke(main, arguments)
        assert list(out.iterdir()) == []  # the refused run made no cache of its own there
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: another cleaner run is writing into this output folder; wait for it to finish, "
        "or give -o a folder of its own\n"
    )
