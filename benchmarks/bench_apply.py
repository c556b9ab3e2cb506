"""Peak memory and time of `cleaner apply` against the number of files: replaying an archive's report must not cost
more memory for 60,000 pages than for 5,000.

Run with `.venv/bin/python -m pytest benchmarks/bench_apply.py --benchmark-enable -s`. The archives are
bench_many_files' tiny pages (one sentence each, a few changes), generated on first use under benchmarks/data/;
each is cleaned once (`clean --profile fast --no-html`, kept under benchmarks/data/ too), then `apply` replays
its report.csv with the run's report.json beside it. BENCH_APPLY sets the sizes (default 5000,20000).
Before the decisions were indexed on disk (apply23), the main process grew by about 5 KB a file (196 MiB at 20,000
files, 395 MiB at 60,000) and the lookup of each input's report path scanned every recorded path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench_many_files import DATA, tiny_archive
from timing import run_cleaner

SIZES = [int(n) for n in os.environ.get("BENCH_APPLY", "5000,20000").split(",")]
# What the main process may gain over the smallest archive's peak: sqlite's page cache and the allocator's noise,
# and little per file (the report writer's and the summary's own state).
SLACK_BYTES = 16 << 20
MAX_BYTES_PER_FILE = 256


def cleaned_run(files: int) -> tuple[Path, Path]:
    """The tiny archive of FILES pages and the folder of its cleaning run, made once, then reused."""
    pages = tiny_archive(files)
    run = DATA / f"tiny-{files}-run"
    if not (run / ".done").is_file():
        shutil.rmtree(run, ignore_errors=True)
        run_cleaner("clean", str(pages), "-o", str(run), "--profile", "fast", "--no-html", "--no-cache")
        (run / ".done").write_text(f"{files}\n", encoding="utf-8")
    return pages, run


@pytest.fixture(scope="module")
def smallest_peak() -> dict[str, int]:
    """The main process's peak for the smallest archive, to compare the others with."""
    return {}


@pytest.mark.parametrize("files", SIZES)
def test_apply_memory_is_flat_in_the_number_of_files(  # type: ignore[no-untyped-def]
    benchmark, tmp_path: Path, smallest_peak: dict[str, int], files: int
) -> None:
    pages, run = cleaned_run(files)
    args = ("apply", str(pages), "--decisions", str(run / "report.csv"), "-o", str(tmp_path / "applied"))
    applied = benchmark.pedantic(run_cleaner, args=args, rounds=1, iterations=1)
    benchmark.extra_info.update(files=files, seconds=applied.seconds, main_peak=applied.main_peak)
    print(f"\napply, {files:,} files: {applied.seconds:.1f} s, main process {applied.main_peak / (1 << 20):.1f} MiB")
    assert applied.stdout.startswith(f"{files:,} documents written, 0 failed")
    smallest = smallest_peak.setdefault("apply", applied.main_peak)
    if files > min(SIZES):
        assert applied.main_peak - smallest <= SLACK_BYTES + MAX_BYTES_PER_FILE * (files - min(SIZES))
