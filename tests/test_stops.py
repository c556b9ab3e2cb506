"""A run stopped from outside (Ctrl-C, a full disk): a one-line message saying what to do, never a
traceback, no half-written output, and a re-run that finishes the batch."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cleaner.batch
import cleaner.io
from cleaner.cli import main

PAGE = "新华社北京1月1日电 国家主席江泽民发表新年讲话。\n\n全国人民共同努力，取得了新的成绩。\n"
INTERRUPTED = (
    "Error: interrupted: each output is written whole or not at all, and no report was written; "
    "run the same command again to finish (clean and check skip the files already done)\n"
)
RERUN = "free some space or write elsewhere, then run the same command again (files already cleaned are remembered)"


def three_pages(tmp_path: Path) -> Path:
    """A folder of three copies of one page, a.txt to c.txt: a batch stopped at the second leaves one done."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(PAGE, encoding="utf-8")
    return folder


def partial_files(folder: Path) -> list[str]:
    """The outputs under `folder` left half-written (*.part): a stopped run must leave none."""
    return sorted(p.name for p in folder.rglob("*.part"))


def test_ctrl_c_in_a_batch_says_how_to_resume_and_leaves_whole_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, outdir = three_pages(tmp_path), tmp_path / "out"
    read_input = cleaner.batch.read_input

    def interrupted_at_b(path: Path) -> bytes:
        if path.name == "b.txt":
            raise KeyboardInterrupt  # what Python raises on SIGINT, here at the second file
        return read_input(path)

    monkeypatch.setattr(cleaner.batch, "read_input", interrupted_at_b)
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(outdir), "--profile", "fast", "-j", "1"])
    assert (result.exit_code, result.output) == (130, INTERRUPTED)
    assert not (outdir / "report.json").exists() and partial_files(outdir) == []
    assert not (outdir / "c.txt").exists()

    monkeypatch.undo()
    again = CliRunner().invoke(main, ["clean", str(folder), "-o", str(outdir), "--profile", "fast", "-j", "1"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0].startswith("3 documents cleaned")
    assert sorted(p.name for p in outdir.glob("*.txt")) == ["a.txt", "b.txt", "c.txt"]


def test_a_full_disk_stops_the_batch_naming_the_file_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, outdir = three_pages(tmp_path), tmp_path / "out"
    fdopen = os.fdopen

    class FullDisk:
        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cleaner.io.os, "fdopen", lambda handle, mode: FullDisk(fdopen(handle, mode)))
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(outdir), "--profile", "fast", "-j", "1"])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {(outdir / 'a.txt').as_posix()} (No space left on device); {RERUN}\n"
    assert partial_files(outdir) == [] and not (outdir / "report.json").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("command", [["clean", "-"], ["check", "-"], ["rules"]])
def test_stdout_on_a_full_disk_is_a_message_not_a_traceback(command: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(cleaner.io.__file__).parents[1]))
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cleaner", *command],
            input="１２月,好。".encode(),  # a finding, for check to print
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.decode() == f"Error: cannot write the output (No space left on device); {RERUN}\n"
