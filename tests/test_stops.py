"""A run stopped from outside (Ctrl-C, a full disk): a one-line message saying what to do, never a
traceback, no half-written output, and a re-run that finishes the batch."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cleaner.batch
import cleaner.io
from cleaner.cli import main
from cleaner.evaluation.archive import write_archive

PAGE = "新华社北京1月1日电 国家主席江泽民发表新年讲话。\n\n全国人民共同努力，取得了新的成绩。\n"
INTERRUPTED = (
    "Error: interrupted: each output is written whole or not at all, and no report was written; "
    "run the same command again to finish (clean and check skip the files already done)\n"
)
RERUN = "free some space or write elsewhere, then run the same command again"
REMEMBERED = " (files already cleaned are remembered)"


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

    # with --no-cache nothing is remembered: a re-run starts afresh, and the message says so
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "o2"), "--no-cache", "-j", "1"])
    assert (result.exit_code, result.output) == (
        130,
        INTERRUPTED.replace("to finish (clean and check skip the files already done)", "(it starts afresh)"),
    )

    monkeypatch.undo()
    again = CliRunner().invoke(main, ["clean", str(folder), "-o", str(outdir), "--profile", "fast", "-j", "1"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0].startswith("3 documents cleaned")
    assert sorted(p.name for p in outdir.glob("*.txt")) == ["a.txt", "b.txt", "c.txt"]


def test_ctrl_c_in_a_check_says_its_findings_are_partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it said "no report was written" over a half-printed SARIF document, which a CI step then failed to parse
    folder = three_pages(tmp_path)
    read_input = cleaner.batch.read_input

    def interrupted_at_b(path: Path) -> bytes:
        if path.name == "b.txt":
            raise KeyboardInterrupt
        return read_input(path)

    monkeypatch.setattr(cleaner.batch, "read_input", interrupted_at_b)
    monkeypatch.chdir(tmp_path)
    run = ["check", str(folder), "-j", "1", "--no-cache", "--format", "sarif", "--write-baseline", "baseline.json"]
    result = CliRunner().invoke(main, run)
    assert result.exit_code == 130
    assert result.stderr == (
        "Error: interrupted: the findings printed so far are only some of them, in a sarif document left unclosed, "
        "and no baseline was written; run the same command again (it starts afresh)\n"
    )
    assert not (tmp_path / "baseline.json").exists()


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
    written = f"Error: cannot write {(outdir / 'a.txt').as_posix()} (No space left on device); {RERUN}"
    assert result.output == f"{written}{REMEMBERED}\n"
    assert partial_files(outdir) == [] and not (outdir / "report.json").exists()

    # with nothing remembered, the message promises nothing
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(outdir), "--profile", "fast", "--no-cache"])
    assert (result.exit_code, result.output) == (1, f"{written}\n")


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


def session_processes(session: int) -> list[int]:
    """The processes alive in a SESSION (its leader's pid): a run, its forkserver and its workers."""
    alive = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or one that ended while listed
        if fields[0] != "Z" and int(fields[3]) == session:
            alive.append(int(entry.name))
    return alive


@pytest.mark.parametrize(
    ("signal_number", "whom", "status", "stopped"),
    [
        (signal.SIGINT, "group", 130, "interrupted"),  # Ctrl-C in a terminal: the workers get it too
        (signal.SIGINT, "main", 130, "interrupted"),  # kill -INT: the main process alone
        (signal.SIGTERM, "main", 143, "stopped by SIGTERM"),  # timeout, a cancelled CI job
    ],
)
def test_a_signal_stops_the_run_and_its_workers_with_one_message(
    tmp_path: Path, signal_number: int, whom: str, status: int, stopped: str
) -> None:
    archive, outdir = tmp_path / "archive", tmp_path / "out"
    write_archive(archive, files=600, seed=9)
    run = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", str(archive), "-o", str(outdir), "--profile", "fast", "-j", "2"],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background job starts ignoring it
    )
    deadline = time.monotonic() + 300
    while len(list(outdir.rglob("*.txt"))) < 20 and time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before the signal; make the archive larger"
        time.sleep(0.02)
    if whom == "group":
        os.killpg(run.pid, signal_number)
    else:
        run.send_signal(signal_number)
    # the workers, left running, would hold stderr open: communicate() would wait for them
    _, stderr = run.communicate(timeout=300)

    assert run.returncode == status
    message = INTERRUPTED.replace("interrupted", stopped, 1).rstrip("\n")
    # no worker's traceback: the progress lines, then the one message
    assert [line for line in stderr.splitlines() if not line.startswith("cleaner: ")] == [message]
    deadline = time.monotonic() + 30
    while session_processes(run.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(run.pid) == []  # no worker left cleaning for nobody
    assert partial_files(outdir) == [] and not (outdir / "report.json").exists()
