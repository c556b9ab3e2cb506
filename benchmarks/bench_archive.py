"""Whole-archive speed: throughput per core, scaling over cores, peak memory, incremental re-checks.

Run with `.venv/bin/python -m pytest benchmarks/bench_archive.py --benchmark-enable -s`. The archives
(damaged held-out People's Daily pages, `cleaner.evaluation.archive`) are generated on first use
under benchmarks/data/, which git ignores. Each measurement runs the real `cleaner` command in a
subprocess, end to end: files in, texts and reports out. Sizes can be lowered for a quick look
with BENCH_CHARACTERS (default 50,000,000), BENCH_SMALL_CHARACTERS (10,000,000) and BENCH_FILES (10,000).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

import timing
from cleaner.evaluation.archive import write_archive
from cleaner.inputs import discover
from cleaner.io import read_document
from cleaner.pipeline import Options, Pipeline

DATA = Path(__file__).resolve().parent / "data"
LARGE = int(os.environ.get("BENCH_CHARACTERS", 50_000_000))
SMALL = int(os.environ.get("BENCH_SMALL_CHARACTERS", 10_000_000))
FILES = int(os.environ.get("BENCH_FILES", 10_000))
PROFILE_CHARACTERS = 1_000_000

TARGET_PER_CORE = 5_000_000  # characters per second, fast profile, end to end
TARGET_SCALING = 1.8  # two jobs against one
SCALING_ROUNDS = 3
TARGET_RSS = 1 << 30  # bytes, the whole process tree
TARGET_RECHECK = 0.05  # an unchanged archive, against the first run


def archive(characters: int | None = None, files: int | None = None) -> tuple[Path, int]:
    """A generated archive (made once, then reused) and its size in characters."""
    name = f"chars-{characters}" if characters else f"files-{files}"
    folder = DATA / name
    done = folder / ".done"
    if not done.is_file():
        count, written = write_archive(folder / "pages", characters, files)
        done.write_text(f"{count} {written}\n", encoding="utf-8")
    count, written = map(int, done.read_text(encoding="utf-8").split())
    return folder / "pages", written


def run_cleaner(*args: str) -> tuple[float, int, str]:
    """Run `cleaner ARGS`; wall seconds, peak RSS of the whole process tree, and its stdout."""
    run = timing.run_cleaner(*args)
    return run.seconds, run.tree_peak, run.stdout


def clean_fast(pages: Path, out: Path, jobs: int, *more: str) -> tuple[float, int, str]:
    return run_cleaner("clean", str(pages), "-o", str(out), "--profile", "fast", "--no-cache", "-j", str(jobs), *more)


def record(benchmark: pytest.FixtureRequest, **info: object) -> None:
    benchmark.extra_info.update(info)  # type: ignore[attr-defined]
    print("\n" + ", ".join(f"{k}={_shown(v)}" for k, v in info.items()))


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def test_fast_profile_throughput_per_core(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages, characters = archive(characters=LARGE)
    seconds, peak, _ = benchmark.pedantic(clean_fast, args=(pages, tmp_path / "out", 1), rounds=1, iterations=1)
    per_core = characters / seconds
    record(benchmark, characters=characters, seconds=seconds, characters_per_second_per_core=per_core, peak_rss=peak)
    assert per_core >= TARGET_PER_CORE


def test_two_jobs_against_one(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages, characters = archive(characters=SMALL)
    # Without the HTML review pages: workers render them, but the main process writes a second file per document.
    # This machine's timings drift by ±15% from run to run, so each side runs SCALING_ROUNDS times,
    # interleaved, and the best of each is compared (noise only ever adds time).
    ones: list[float] = []

    def one_then_two() -> float:
        ones.append(clean_fast(pages, tmp_path / "one", 1, "--no-html")[0])
        return clean_fast(pages, tmp_path / "two", 2, "--no-html")[0]

    twos = [benchmark.pedantic(one_then_two, rounds=1, iterations=1)]
    twos += [one_then_two() for _ in range(SCALING_ROUNDS - 1)]
    one, two = min(ones), min(twos)
    record(
        benchmark,
        characters=characters,
        one_job_seconds=one,
        two_jobs_seconds=two,
        speedup=one / two,
        one_job_runs=", ".join(f"{s:.1f}" for s in ones),
        two_jobs_runs=", ".join(f"{s:.1f}" for s in twos),
    )
    assert one / two >= TARGET_SCALING


@pytest.mark.parametrize("size", ["small", "large"])
def test_peak_memory_does_not_grow_with_the_archive(benchmark, tmp_path: Path, size: str) -> None:  # type: ignore[no-untyped-def]
    pages, characters = archive(characters=SMALL if size == "small" else LARGE)
    seconds, peak, _ = benchmark.pedantic(clean_fast, args=(pages, tmp_path / "out", 2), rounds=1, iterations=1)
    record(benchmark, characters=characters, jobs=2, seconds=seconds, peak_rss_mib=peak / (1 << 20))
    assert peak <= TARGET_RSS


def test_unchanged_archive_recheck(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages, characters = archive(files=FILES)
    args = ("check", str(pages), "--cache", str(tmp_path / "cache"), "--format", "lines")
    first, _, _ = run_cleaner(*args)
    again, _, _ = benchmark.pedantic(run_cleaner, args=args, rounds=1, iterations=1)
    record(
        benchmark, files=FILES, characters=characters, first_seconds=first, recheck_seconds=again, ratio=again / first
    )
    assert again / first <= TARGET_RECHECK


class TimedStage:
    """A stage wrapped to add up the time its `find` takes."""

    def __init__(self, stage: Any, seconds: dict[str, float]) -> None:
        self.stage, self.name, self.seconds = stage, stage.name, seconds

    def find(self, text: str, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.stage.find(text, context)
        finally:
            self.seconds[self.name] = self.seconds.get(self.name, 0.0) + time.perf_counter() - started


def test_where_the_time_goes(benchmark) -> None:  # type: ignore[no-untyped-def]
    """Characters per second of each stage of the fast profile, in one process, engines already loaded."""
    pages, _ = archive(characters=PROFILE_CHARACTERS)
    documents = [read_document(item.path, item.relative) for item in discover([pages])]
    characters = sum(len(d.text) for d in documents)
    seconds: dict[str, float] = {}
    plain = Pipeline(options=Options(profile="fast"))
    timed = Pipeline(plain.rules, plain.options, [TimedStage(stage, seconds) for stage in plain.stages])
    timed.run(documents[0])  # load the engines first
    seconds.clear()

    def run_all() -> None:
        for document in documents:
            timed.run(document)

    benchmark.pedantic(run_all, rounds=1, iterations=1)
    total = benchmark.stats.stats.max
    rates = {
        f"{name}_characters_per_second": characters / s for name, s in sorted(seconds.items(), key=lambda x: -x[1])
    }
    record(benchmark, characters=characters, pipeline_characters_per_second=characters / total, **rates)
