"""Timing for the benchmarks that set a short input against a longer one: the best of a few runs.

>>> best_seconds(lambda: sum(range(1000)), rounds=2) >= 0.0
True
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


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
