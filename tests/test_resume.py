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
