"""Timing for the benchmarks: the best of a few runs, and a `cleaner` run watched for its time and memory.

>>> best_seconds(lambda: sum(range(1000)), rounds=2) >= 0.0
True
"""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import NamedTuple

import psutil


def best_seconds(run: Callable[[], object], rounds: int) -> float:
    """The best of `rounds` calls of `run` (noise only ever adds time), with the garbage collector held off.

    Python's collector runs when enough objects pile up, so a page of thousands of findings pays for
    it at one length and not at another (x3.4 for twice the characters, then x1.75): that is the
    interpreter's rhythm, not the growth of the work, which is what these benchmarks measure.
    """
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


class CleanerRun(NamedTuple):
    """What `run_cleaner` saw: wall seconds, the peak RSS of the main process and of its whole process tree (bytes),
    and what the run printed on stdout."""

    seconds: float
    main_peak: int
    tree_peak: int
    stdout: str


def run_cleaner(*args: str) -> CleanerRun:
    """Run `cleaner ARGS` in a process of its own, its RSS polled every 50 ms, and return what it took.

    >>> run_cleaner("--version").stdout.startswith("cleaner")
    True
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:  # a pipe would fill up and block it
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "cleaner", *args], stdout=output, stderr=subprocess.DEVNULL, text=True
        )
        main = psutil.Process(process.pid)
        main_peak = tree_peak = 0
        while process.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                rss = [_rss(p) for p in [main, *main.children(recursive=True)]]
                main_peak, tree_peak = max(main_peak, rss[0]), max(tree_peak, sum(rss))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        output.seek(0)
        stdout = output.read()
    assert process.returncode in (0, 1), stdout  # 1: some findings or failed files, never a crash
    return CleanerRun(seconds, main_peak, tree_peak, stdout)


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.NoSuchProcess:
        return 0
