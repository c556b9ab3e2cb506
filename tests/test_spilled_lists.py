"""Memory flat in the archive's size: a batch's failures, `check --write-baseline`'s findings and `apply`'s errors go
to disk past a bound, and what is written from them is the same as when they stay in memory; the SARIF log and the
HTML index write the failures one at a time, whatever their number."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath

import pytest
from click.testing import CliRunner

from cleaner import seen_keys
from cleaner.cli import main
from cleaner.report.html_index import HtmlReport
from cleaner.report.sarif import SarifFormat
from cleaner.report.summary import FAILURES_SHOWN

BINARY = b"\x00\x01\x02binary\x00" * 8  # refused at once, before any stage runs: a failure made cheaply
FAILING = 30
PAGES = {f"page{n:02d}.txt": f"第{n}版,全国人大代表抵达北京,开始审议。\n".encode() for n in range(6)}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(FAILING):
        (folder / f"scan{n:02d}.txt").write_bytes(BINARY)
    for name, data in PAGES.items():
        (folder / name).write_bytes(data)
    return folder


def run_bounded(monkeypatch: pytest.MonkeyPatch, bound: int, *arguments: str) -> tuple[int, str]:
    """Run the CLI with `bound` rows kept in memory, counting the spilled lists that went to disk."""
    monkeypatch.setattr(seen_keys, "IN_MEMORY", bound)
    spilled: list[seen_keys.SpilledRows] = []
    append = seen_keys.SpilledRows.append

    def watched(rows: seen_keys.SpilledRows, row: tuple, key: str = "") -> None:
        append(rows, row, key)
        if rows.on_disk and rows not in spilled:
            spilled.append(rows)

    monkeypatch.setattr(seen_keys.SpilledRows, "append", watched)
    result = CliRunner().invoke(main, list(arguments))
    return len(spilled), result.stderr


def test_many_failing_files_spill_to_disk_and_the_summary_names_the_first(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = {}
    for bound in (4, 16_384):
        out = tmp_path / f"out{bound}"
        arguments = ("clean", str(archive), "-o", str(out), "--profile", "fast", "--no-cache", "--no-html", "-j", "1")
        on_disk, stderr = run_bounded(monkeypatch, bound, *arguments)
        assert on_disk == (1 if bound == 4 else 0)  # the summary's failures, past the bound
        errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == FAILURES_SHOWN + 1
        assert errors[0].startswith(f"error: {archive / 'scan00.txt'}: ")
        more = FAILING - FAILURES_SHOWN
        assert errors[-1] == f"error: … and {more} more failed: {out / 'report.json'} lists them all"
        report = (out / "report.json").read_bytes()
        failed = json.loads(report)["summary"]["failed"]
        assert [Path(row["path"]).name for row in failed] == [f"scan{n:02d}.txt" for n in range(FAILING)]
        outputs[bound] = report.replace(str(out).encode(), b"OUT")
    assert outputs[4] == outputs[16_384]


def test_a_baseline_of_many_findings_spills_to_disk_and_is_written_the_same(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baselines = {}
    for bound in (3, 16_384):
        baseline = tmp_path / f"baseline{bound}.json"
        arguments = ("check", str(archive), "--profile", "fast", "--no-cache", "--write-baseline", str(baseline))
        on_disk, stderr = run_bounded(monkeypatch, bound, *arguments)
        assert on_disk == (2 if bound == 3 else 0)  # the failures and the findings, past the bound
        assert sum(line.startswith("error: ") for line in stderr.splitlines()) == FAILING  # check lists them all
        baselines[bound] = baseline.read_bytes()
    findings = json.loads(baselines[3])["findings"]
    assert len(findings) > 3
    keys = [(row["path"], row["line"], row["rule"], row["fingerprint"]) for row in findings]
    assert keys == sorted(keys)
    assert baselines[3] == baselines[16_384]


def test_apply_with_many_failing_inputs_spills_its_errors_to_disk_and_lists_them_all(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned = tmp_path / "cleaned"
    arguments = ("clean", str(archive), "-o", str(cleaned), "--profile", "fast", "--no-cache", "--no-html", "-j", "1")
    assert CliRunner().invoke(main, list(arguments)).exit_code == 1  # the binary scans fail
    listed = {}
    for bound in (4, 16_384):
        out = tmp_path / f"applied{bound}"
        arguments = ("apply", str(archive), "--decisions", str(cleaned / "report.csv"), "-o", str(out))
        on_disk, stderr = run_bounded(monkeypatch, bound, *arguments)
        assert on_disk == (2 if bound == 4 else 0)  # the summary's failures and apply's errors, past the bound
        errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == FAILING
        assert all("has no decisions: the run that wrote" in error for error in errors)
        listed[bound] = errors
    assert listed[4] == listed[16_384]


class ManyFailures:
    """COUNT failing files made as they are read, as SpilledRows reads them back from disk: none held."""

    def __init__(self, count: int, as_records: bool = False) -> None:
        self.count, self.as_records = count, as_records

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[str, str] | dict[str, str]]:
        for n in range(self.count):
            path, error = f"archive/scan{n:06d}.txt", "is binary: it holds NUL bytes (not text)"
            yield {"path": path, "error": error} if self.as_records else (path, error)


class Sink(io.TextIOBase):
    """A stream that counts what is written to it and keeps none of it."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


def peak_memory(write: Callable[[int], int], count: int) -> tuple[int, int]:
    """(peak bytes allocated, characters written) while `write` writes COUNT failures."""
    # pathlib interns each part of a path it reads (sys.intern, whose table never shrinks): in a run the inputs' paths
    # were read so before any failure is written, so they are read so here before the count starts
    parts = [PurePath(path) for path, _ in ManyFailures(count)]
    del parts
    tracemalloc.start()
    try:
        written = write(count)
        return tracemalloc.get_traced_memory()[1], written
    finally:
        tracemalloc.stop()


def write_sarif(count: int) -> int:
    sink = Sink()
    SarifFormat(sink).finish(ManyFailures(count))
    return sink.written


def write_html_index(count: int, folder: Path) -> int:
    report = HtmlReport(folder / str(count))
    index = report.close({"documents": 0, "characters": 0, "stages": {}, "failed": ManyFailures(count, True)})
    return index.stat().st_size


@pytest.mark.parametrize(("write", "many"), [("sarif", 5_000), ("html index", 20_000)])
def test_the_failures_are_written_one_at_a_time_whatever_their_number(write: str, many: int, tmp_path: Path) -> None:
    writer = write_sarif if write == "sarif" else (lambda count: write_html_index(count, tmp_path))
    few_peak, few_written = peak_memory(writer, 10)
    many_peak, many_written = peak_memory(writer, many)
    assert many_written - few_written > (many - 10) * 50  # each failure written out, in 50 characters or more
    # a list of the failures, or a string of them, would take 100 bytes each at the least: 500 kB more at the least
    assert many_peak < few_peak + 256 * 1024


def write_report_csv(path: Path, pages: int, rows_per_page: int = 4) -> Path:
    """A report.csv of PAGES pages with ROWS_PER_PAGE changes each (streamed from 256 KiB on: 1,000 pages)."""
    header = "path,stage,rule,start,end,before,after,status,confidence,message,accept\n"
    row = "pages/{:06d}.txt,normalize,N101,{},{},１,1,applied,1.0,全角改半角,yes\n"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(header)
        for page in range(pages):
            stream.writelines(row.format(page, at, at + 1) for at in range(rows_per_page))
    return path


def decisions_peak(report: Path, pages: int) -> int:
    """Peak bytes allocated while reading REPORT's decisions and finding every page's, an input path a page."""
    from cleaner.commands.decisions import read_decisions

    # the inputs' paths, made before the count starts, as `peak_memory` makes them (pathlib interns their parts)
    inputs = [
        (f"pages/{page:06d}.txt", Path(f"/archive/pages/{page:06d}.txt"), Path(f"{page:06d}.txt"))
        for page in range(pages)
    ]
    tracemalloc.start()
    try:
        run = read_decisions(report)
        try:
            for key, path, relative in inputs:
                assert run.decisions.key_for(path, relative) == key
                assert len(run.decisions[key]) == 4
        finally:
            run.close()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_apply_reads_its_decisions_a_row_at_a_time_whatever_their_number(tmp_path: Path) -> None:
    # a report.csv's every row was held in memory (1.2 KB a row: 352 MB for 288,000), with three whole copies of the
    # file; and each input's path was looked up by scanning the recorded paths, quadratic in the number of files
    few_peak = decisions_peak(write_report_csv(tmp_path / "few.csv", 1_500), 1_500)  # 6,000 rows, 400 kB: streamed
    many_peak = decisions_peak(write_report_csv(tmp_path / "many.csv", 6_000), 6_000)  # 24,000 rows, 1.6 MB
    assert many_peak < few_peak + 512 * 1024  # the rows in memory would take 25 MB
