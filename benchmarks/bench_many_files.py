"""Peak memory against the number of files: an archive of 600,000 pages must not cost more than one of 10,000.

Run with `.venv/bin/python -m pytest benchmarks/bench_many_files.py --benchmark-enable -s`. Each archive
holds tiny pages (one sentence each, 1,000 to a folder), so what grows with the number of files, not
with their text, shows: the sets of files read and output paths claimed, report rows, the summary.
The archives are generated on first use under benchmarks/data/ (git ignores it); BENCH_MANY_FILES sets
their sizes (default 10000,50000; 100,000 files took 2 to 3 minutes with either number of jobs here). Each run is
`clean --profile fast --no-html` or `check` (its cache cold), with 1 and 2 jobs; the figures are the peak
RSS of the main process, which holds the batch's state (with one job it cleans too), and of the whole
process tree (with two jobs the workers' pipelines, the same for any archive).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timing import run_cleaner

DATA = Path(__file__).resolve().parent / "data"
SIZES = [int(n) for n in os.environ.get("BENCH_MANY_FILES", "10000,50000").split(",")]
PER_FOLDER = 1_000
SENTENCES = (
    "１９９８年１月{}日，新年讲话发表。",
    "人民日报评论员文章：迈向新世纪第{}篇。",
    "北京１月２日电 今天天气晴朗,全国人大代表{}人抵达北京。",
)
# What the main process may gain over the smallest archive's peak: a fixed amount (the keys `SeenKeys` holds in
# memory before it moves them to disk, sqlite's page caches, the allocator's noise), and little per file.
# Before, 0.4 KB a file (the batch's sets in memory): 37 MiB more at 100,000 files than at 10,000.
SLACK_BYTES = 16 << 20
MAX_BYTES_PER_FILE = 64


def tiny_archive(files: int) -> Path:
    """A folder of FILES one-sentence pages, made once, then reused."""
    folder = DATA / f"tiny-{files}"
    if not (folder / ".done").is_file():
        for number in range(files):
            page = folder / "pages" / f"{number // PER_FOLDER:04d}" / f"{number:07d}.txt"
            if number % PER_FOLDER == 0:
                page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(SENTENCES[number % 3].format(number), encoding="utf-8")
        (folder / ".done").write_text(f"{files}\n", encoding="utf-8")
    return folder / "pages"


def peak_rss(*args: str) -> tuple[float, int, int]:
    """Run `cleaner ARGS`; wall seconds, and the peak RSS of its main process and of its whole process tree."""
    run = run_cleaner(*args)
    return run.seconds, run.main_peak, run.tree_peak


def command(name: str, pages: Path, scratch: Path, jobs: int) -> list[str]:
    if name == "clean":
        return ["clean", str(pages), "-o", str(scratch / "out"), "--profile", "fast", "--no-html", "-j", str(jobs)]
    return ["check", str(pages), "--cache", str(scratch / "cache"), "-j", str(jobs)]


@pytest.fixture(scope="module")
def smallest_peaks() -> dict[tuple[str, int], int]:
    """The main process's peak for the smallest archive, per command and jobs, to compare the others with."""
    return {}


@pytest.mark.parametrize("files", SIZES)
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("name", ["clean", "check"])
def test_peak_memory_is_flat_in_the_number_of_files(  # type: ignore[no-untyped-def]
    benchmark, tmp_path: Path, smallest_peaks: dict[tuple[str, int], int], name: str, jobs: int, files: int
) -> None:
    pages = tiny_archive(files)
    args = command(name, pages, tmp_path, jobs)
    seconds, main_peak, tree_peak = benchmark.pedantic(peak_rss, args=args, rounds=1, iterations=1)
    benchmark.extra_info.update(files=files, seconds=seconds, main_peak=main_peak, tree_peak=tree_peak)
    print(
        f"\n{name} -j {jobs}, {files:,} files: {seconds:.1f} s, main process {main_peak / (1 << 20):.1f} MiB, "
        f"process tree {tree_peak / (1 << 20):.1f} MiB"
    )
    smallest = smallest_peaks.setdefault((name, jobs), main_peak)
    if files > min(SIZES):
        assert main_peak - smallest <= SLACK_BYTES + MAX_BYTES_PER_FILE * (files - min(SIZES))
