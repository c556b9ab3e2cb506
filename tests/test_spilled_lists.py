"""Memory flat in the archive's size: a batch's failures and `check --write-baseline`'s findings go to disk past a
bound, and what is written from them is the same as when they stay in memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import seen_keys
from cleaner.cli import main
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
