"""A run killed with SIGKILL leaves nothing half-written, and a restart finishes only what is left."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.batch_outputs import clean_paths
from cleaner.evaluation.archive import write_archive
from cleaner.pipeline import Options, Pipeline
from folders import file_bytes

FILES = 1500
KILL_AFTER_OUTPUTS = 20


def outputs(folder: Path) -> dict[str, bytes]:
    """Every visible file below FOLDER (not the cache, not temporary parts)."""
    return file_bytes(folder, keep=lambda parts: not any(part.startswith(".") for part in parts))


def command(archive: Path, out: Path) -> list[str]:
    # Without the HTML review pages: this test is about the texts and the reports.
    options = ["--profile", "fast", "-j", "2", "--no-html"]
    return [sys.executable, "-m", "cleaner", "clean", str(archive), "-o", str(out), *options]


def test_a_killed_run_resumes_without_redoing_or_half_writing(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    write_archive(archive, files=FILES, seed=9)
    reference = tmp_path / "reference"
    clean_paths([archive], reference, Pipeline(options=Options(profile="fast")), jobs=1)

    # Its own session, so the kill takes the worker processes too, as a crash of the machine would.
    victim = subprocess.Popen(
        command(archive, out), start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 300
        while len(list(out.rglob("*.txt"))) < KILL_AFTER_OUTPUTS and time.monotonic() < deadline:
            assert victim.poll() is None, "the run ended before it could be killed; make the archive larger"
            time.sleep(0.02)
        assert victim.poll() is None, "the run ended before it could be killed; make the archive larger"
        os.killpg(victim.pid, signal.SIGKILL)
    finally:
        victim.wait()
    assert victim.returncode == -signal.SIGKILL

    done = outputs(out)
    expected = outputs(reference)
    assert KILL_AFTER_OUTPUTS <= len(done) < FILES
    assert "report.json" not in done and "report.csv" not in done  # reports appear only when a run completes
    for name, data in done.items():
        assert data == expected[name], f"{name} is half-written or wrong"

    resumed = subprocess.run(command(archive, out), capture_output=True, text=True, check=False, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    first_line = resumed.stdout.splitlines()[0]
    match = re.fullmatch(rf"{FILES:,} documents cleaned \(([\d,]+) from the cache\), 0 failed", first_line)
    assert match, first_line
    assert len(done) <= int(match[1].replace(",", "")) < FILES  # nothing finished was redone, the rest was
    assert outputs(out) == expected  # texts and reports, byte for byte
    assert not list(out.rglob("*.part"))


INTERRUPTED = (
    "Error: interrupted: each output is written whole or not at all, and no report was written; "
    "run the same command again to finish (clean and check skip the files already done)"
)


def session_processes(session: int) -> list[int]:
    """The processes still alive in a SESSION (its leader's pid): the run, its forkserver and workers."""
    alive = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or one that ended while listed
        if fields[0] != "Z" and int(fields[3]) == session:
            alive.append(int(entry.name))
    return alive


def test_ctrl_c_stops_the_run_and_its_workers_with_one_message(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    write_archive(archive, files=600, seed=9)
    # SIGINT to the whole process group, as a terminal's Ctrl-C sends it: the workers get it too
    victim = subprocess.Popen(
        command(archive, out),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background job starts ignoring it
    )
    deadline = time.monotonic() + 300
    while len(list(out.rglob("*.txt"))) < KILL_AFTER_OUTPUTS and time.monotonic() < deadline:
        assert victim.poll() is None, "the run ended before it could be interrupted; make the archive larger"
        time.sleep(0.02)
    os.killpg(victim.pid, signal.SIGINT)
    _, stderr = victim.communicate(timeout=300)

    assert victim.returncode == 130
    # no worker's traceback: the progress lines, then the one message
    assert [line for line in stderr.splitlines() if not line.startswith("cleaner: ")] == [INTERRUPTED]
    deadline = time.monotonic() + 30
    while session_processes(victim.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(victim.pid) == []  # no worker left cleaning for nobody
