"""Inputs that are no regular file: a named pipe in an input folder, a device named on the command
line. Each is refused with its reason; none stalls the batch or goes missing unseen."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main

PAGE = "魏都区深入开展专项行动，优化营商环境。\n"
ADVICE = "not a file; give the file it stands for, or move it out of the input folder"


def test_a_named_pipe_in_a_folder_and_a_device_are_refused_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # no writer: reading it would wait for ever
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(folder), "/dev/zero", "-o", str(out), "--profile", "fast"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder / 'pipe.txt'}: is a named pipe (FIFO), {ADVICE}\nerror: /dev/zero: is a device, {ADVICE}\n"
    )
    assert (out / "a.txt").read_text(encoding="utf-8") == PAGE
