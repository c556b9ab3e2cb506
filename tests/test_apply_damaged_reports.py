"""`cleaner apply` with a report damaged on its way back from the reviewer: a report.json cut short
in a copy, and a report.csv saved by Excel (byte-order mark, CRLF, its own words for yes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

PAGE = "魏都区深入开展专项行动,优化营商环境。\n１２月，本报记者 许廷合\n"


def cleaned_run(tmp_path: Path) -> tuple[Path, Path]:
    """A page and the output folder of its run (two applied changes: N102 and N101)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(out), "--profile", "fast"])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "in", out


def cut_points(report: bytes) -> dict[str, int]:
    """Where a copy of report.json may stop: inside the document's line, at its end, inside the summary."""
    document_end = report.index(b"\n]") + 1
    return {"in a document": document_end - 5, "after a document": document_end, "in the summary": len(report) - 3}


@pytest.mark.parametrize(
    ("where", "told"),
    [
        ("in a document", "it ends inside a document's entry, after 0 documents"),
        ("after a document", "it ends after 1 document, before its summary"),
        ("in the summary", "it ends inside its summary, after 1 document"),
    ],
)
def test_a_report_json_cut_short_is_refused_with_what_to_do(tmp_path: Path, where: str, told: str) -> None:
    inputs, out = cleaned_run(tmp_path)
    report = (out / "report.json").read_bytes()
    (out / "report.json").write_bytes(report[: cut_points(report)[where]])
    final = str(tmp_path / "final")
    beside = CliRunner().invoke(main, ["apply", str(inputs), "--decisions", str(out / "report.csv"), "-o", final])
    assert beside.exit_code == 1
    assert beside.stderr == (
        f"Error: {out / 'report.json'}: is cut short ({told}); copy it again whole beside report.csv, or remove it "
        "to decide by the CSV alone\n"
    )
    alone = CliRunner().invoke(main, ["apply", str(inputs), "--decisions", str(out / "report.json"), "-o", final])
    assert alone.exit_code == 1
    assert alone.stderr == f"Error: {out / 'report.json'}: is cut short ({told}); copy it again whole, or clean again\n"


@pytest.mark.parametrize("yes", ["TRUE", "true", "1", "是", "yes", "x"])
def test_a_report_csv_saved_by_excel_is_read(tmp_path: Path, yes: str) -> None:
    # Excel's "CSV UTF-8": a byte-order mark, CRLF line ends, and the reviewer's own word for yes;
    # the digit-width fix (N101) is rejected, the comma's (N102) accepted
    inputs, out = cleaned_run(tmp_path)
    table = (out / "report.csv").read_text(encoding="utf-8-sig")
    lines = [
        line.replace(",applied,yes,", f",applied,{'no' if ',N101,' in line else yes},") for line in table.splitlines()
    ]
    (out / "report.csv").write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode())
    final = tmp_path / "final"
    result = CliRunner().invoke(main, ["apply", str(inputs), "--decisions", str(out / "report.csv"), "-o", str(final)])
    assert result.exit_code == 0, result.stderr
    cleaned = (out / "a.txt").read_text(encoding="utf-8")
    assert "12月" in cleaned and "，优化" in cleaned
    assert (final / "a.txt").read_text(encoding="utf-8") == cleaned.replace("12月", "１２月")
