"""`cleaner apply` on a report.csv as spreadsheets leave it: sorted, padded, re-encoded, cells turned into numbers.

A reviewer opens report.csv in a spreadsheet, decides, and saves it; whatever the program did to the file, the same
decisions apply, or the file is refused with the row and what to do.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cleaner.edits import replay
from cleaner.model import Change
from cli_runs import CRLF_PAGE, SEED, rows, run, write_rows


def test_report_csv_opens_in_excel_and_comes_back_from_it(seed_run: Path, tmp_path: Path) -> None:
    assert (seed_run / "report.csv").read_bytes().startswith(b"\xef\xbb\xbfpath,stage,")
    text = (seed_run / "report.csv").read_text(encoding="utf-8-sig")
    expected = (seed_run / SEED.name).read_bytes()
    # Excel saves a "CSV UTF-8" with a byte-order mark, a plain "CSV" on Chinese Windows in GB18030
    for name, data in (("sig.csv", text.encode("utf-8-sig")), ("gbk.csv", text.encode("gb18030"))):
        (tmp_path / name).write_bytes(data)
        out = tmp_path / name.removesuffix(".csv")
        result = run("apply", str(SEED), "--decisions", str(tmp_path / name), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert (out / SEED.name).read_bytes() == expected


def test_a_csv_saved_with_windows_line_ends_in_its_cells_still_applies(
    folder_run: tuple[Path, Path], tmp_path: Path
) -> None:
    # an editor that saves the whole file with CRLF turns each cell's "\n\n" into "\r\n\r\n": every
    # page with a join was refused as "its before column was edited"
    folder, out = folder_run
    data = (out / "report.csv").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert b'"\r\n\r\n"' in data
    (tmp_path / "reviewed").mkdir()
    (tmp_path / "reviewed" / "report.csv").write_bytes(data)
    (tmp_path / "reviewed" / "report.json").write_bytes((out / "report.json").read_bytes())
    result = run(
        "apply", str(folder), "--decisions", str(tmp_path / "reviewed" / "report.csv"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0, result.output
    for name in ("seed.txt", "clean.txt"):
        assert (tmp_path / "o" / name).read_bytes() == (out / name).read_bytes()


def test_a_broken_report_json_beside_the_csv_leaves_the_csv_to_decide(
    folder_run: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, out = folder_run
    (tmp_path / "reviewed").mkdir()
    (tmp_path / "reviewed" / "report.csv").write_bytes((out / "report.csv").read_bytes())
    (tmp_path / "reviewed" / "report.json").write_text("{broken", encoding="utf-8")
    result = run(
        "apply", str(folder), "--decisions", str(tmp_path / "reviewed" / "report.csv"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 1  # the page without changes has no row, and no report.json lists it
    assert (tmp_path / "o" / "seed.txt").read_bytes() == (out / "seed.txt").read_bytes()
    assert result.stderr.splitlines()[-1] == (  # it said "give the report of its run", which the user had just given
        f"error: {folder / 'clean.txt'}: has no rows in {tmp_path / 'reviewed' / 'report.csv'}, which lists only the "
        "pages with changes, and no readable report.json beside it lists this page; put the run's report.json "
        "beside it, or give that as --decisions"
    )


def test_a_csv_a_spreadsheet_reordered_and_padded_with_empty_rows_still_applies(seed_run: Path, tmp_path: Path) -> None:
    # a spreadsheet saves a row the editor emptied as bare commas, or as a blank line, and keeps
    # the columns in the order the editor dragged them to; the row numbers in messages are its own
    table = rows(seed_run / "report.csv")
    columns = list(reversed(table[0]))
    lines = [",".join(columns)]
    for row in table:
        cells = ['"' + row[name].replace('"', '""') + '"' for name in columns]
        lines.append(",".join(cells))
    lines[3:3] = [",,,,,,,,,,", ""]
    decisions = tmp_path / "decisions.csv"
    decisions.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    result = run("apply", str(SEED), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SEED.name).read_bytes() == (seed_run / SEED.name).read_bytes()

    lines[6] = lines[6].replace(f'"{table[3]["start"]}"', '""', 1)  # report.csv row 5, two rows down here
    decisions.write_bytes("\r\n".join(lines).encode("utf-8"))
    result = run("apply", str(SEED), "--decisions", str(decisions), "-o", str(tmp_path / "bad"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {decisions} row 7: is no report row (invalid literal for int() with base 10: ''); "
        "restore it from the report\n"
    )


def test_a_csv_without_the_columns_of_a_report_is_refused(seed_run: Path, tmp_path: Path) -> None:
    table = rows(seed_run / "report.csv")
    for row in table:
        del row["before"], row["status"]
    write_rows(tmp_path / "decisions.csv", table)
    result = run("apply", str(SEED), "--decisions", str(tmp_path / "decisions.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'decisions.csv'}: is not a cleaner report (no before, status column); "
        "give report.csv or report.json\n"
    )
    assert not (tmp_path / "out" / SEED.name).exists()


def test_a_csv_alone_says_it_could_not_check_the_inputs_against_the_run(seed_run: Path, tmp_path: Path) -> None:
    # without report.json, nothing records the inputs' digests: a paragraph added at the page's end
    # leaves every row's before as it was, so the page is written, but not silently
    page = tmp_path / SEED.name
    page.write_text(SEED.read_text(encoding="utf-8") + "新的一段。\n", encoding="utf-8")
    (tmp_path / "reviewed").mkdir()
    decisions = tmp_path / "reviewed" / "report.csv"
    decisions.write_bytes((seed_run / "report.csv").read_bytes())
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {decisions}: no report.json beside it records the SHA-256 of 1 input written, so only the "
        "before column checked that it is the run's; keep report.json next to report.csv\n"
    )
    (tmp_path / "reviewed" / "report.json").write_bytes((seed_run / "report.json").read_bytes())
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "refused"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {page}: changed since the run that wrote {decisions}; clean it again and review the new report\n"
    )


def test_a_replacement_a_spreadsheet_turned_into_a_number_is_refused(tmp_path: Path) -> None:
    # Excel and LibreOffice read the cell 05 as the number 5 and save it so: applied, the page would
    # say 5月 where it said ０５月
    page = tmp_path / "page.txt"
    page.write_text("今年０５月，全市粮食产量１９９７吨。\n", encoding="utf-8")
    result = run("clean", str(page), "-o", str(tmp_path / "run"), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    table = rows(tmp_path / "run" / "report.csv")
    row = next(row for row in table if row["after"] == "05")
    row["after"] = "5"
    write_rows(tmp_path / "run" / "report.csv", table)  # report.json stays beside it
    decisions = tmp_path / "run" / "report.csv"
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {decisions} row {table.index(row) + 2}: N101 at {row['start']}:{row['end']} has after '5' but the "
        "run proposed '05'; restore it from the report (a spreadsheet reads 05 as 5 unless the column is imported "
        "as text)\n"
    )
    assert not (tmp_path / "out" / "page.txt").exists()


def test_rows_a_spreadsheet_sorted_give_the_report_of_the_run(seed_run: Path, tmp_path: Path) -> None:
    # an editor sorts by status and confidence to decide the doubtful ones first, then saves: the new
    # report lists the changes as the run did (by position), not in the spreadsheet's order
    table = rows(seed_run / "report.csv")
    table.sort(key=lambda row: (row["status"], float(row["confidence"])))
    (tmp_path / "reviewed").mkdir()
    write_rows(tmp_path / "reviewed" / "report.csv", table)
    (tmp_path / "reviewed" / "report.json").write_bytes((seed_run / "report.json").read_bytes())
    result = run(
        "apply", str(SEED), "--decisions", str(tmp_path / "reviewed" / "report.csv"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / SEED.name).read_bytes() == (seed_run / SEED.name).read_bytes()
    assert (tmp_path / "o" / "report.csv").read_bytes() == (seed_run / "report.csv").read_bytes()
    changes = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))["documents"][0]["changes"]
    assert changes == json.loads((seed_run / "report.json").read_text(encoding="utf-8"))["documents"][0]["changes"]


def test_a_csv_whose_cells_a_tool_rewrote_from_crlf_to_lf_still_applies(tmp_path: Path) -> None:
    # Python's csv read without newline='' (and Excel on some systems) turns a cell's CRLF into LF: every
    # N105 row and every join over the CRLF page's breaks was refused as "its before column was edited"
    page = tmp_path / "page.txt"
    page.write_bytes(CRLF_PAGE.encode("utf-8"))
    result = run("clean", str(page), "-o", str(tmp_path / "run"), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    decisions = tmp_path / "run" / "report.csv"
    with decisions.open(encoding="utf-8-sig") as stream:  # no newline='': the cells' CRLF read as LF
        table = list(csv.DictReader(stream))
    assert any(row["rule"] == "N105" and row["before"] == "\n" for row in table)
    write_rows(decisions, table)

    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "reviewed"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "reviewed" / "page.txt").read_bytes() == (tmp_path / "run" / "page.txt").read_bytes()
    reviewed = rows(tmp_path / "reviewed" / "report.csv")
    assert {row["before"] for row in reviewed if row["rule"] == "N105"} == {"\r\n"}  # the page's, not the cell's
    output = (tmp_path / "reviewed" / "page.txt").read_text(encoding="utf-8")
    assert replay(CRLF_PAGE, [Change.from_dict(row) for row in reviewed]) == output
