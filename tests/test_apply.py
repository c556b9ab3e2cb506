"""`cleaner apply`: the output holds exactly the accepted changes, and its report replays to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cleaner.cli import main
from cleaner.commands.apply import Decision, DecisionError, decide
from cleaner.edits import replay, undo
from cleaner.model import Change, Status
from cli_runs import CRLF_PAGE, SEED, rows, run, write_rows


@st.composite
def decided_changes(draw: st.DrawFn) -> tuple[str, list[Decision]]:
    """A text, disjoint changes of every status on it, and a random accept decision for each."""
    text = draw(st.text(alphabet="甲乙丙丁,，\n ab", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    decisions = []
    for number, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        if decisions and start == decisions[-1].change.end == decisions[-1].change.start:
            continue  # two insertions at one point have no defined order
        flag = draw(st.booleans()) and start < end
        after = None if flag else draw(st.text(alphabet="戊己,", max_size=3))
        status = Status.FLAGGED if flag else draw(st.sampled_from([Status.APPLIED, Status.SUGGESTED, Status.SKIPPED]))
        change = Change("s", f"R{number}", "m", start, end, text[start:end], after, status, 0.5)
        decisions.append(Decision(change, not flag and draw(st.booleans()), f"row {number + 2}"))
    return text, decisions


@given(decided_changes())
def test_output_is_exactly_what_was_decided(case: tuple[str, list[Decision]]) -> None:
    text, decisions = case
    output, changes = decide(text, decisions)
    expected, cursor = [], 0
    for decision in decisions:  # built independently: disjoint spans in order
        if decision.accept:
            expected += [text[cursor : decision.change.start], decision.change.after or ""]
            cursor = decision.change.end
    assert output == "".join(expected) + text[cursor:]
    assert replay(text, changes) == output
    assert undo(output, changes) == text
    assert [c.status is Status.APPLIED for c in changes] == [d.accept for d in decisions]


def test_overlapping_accepted_changes_are_an_error() -> None:
    a = Change("duplicates", "D101", "m", 0, 4, "我们我们", "我们", Status.APPLIED, 0.9)
    b = Change("spelling", "S101", "m", 2, 3, "我", "哦", Status.SUGGESTED, 0.5)
    assert decide("我们我们好", [Decision(a, True, "r2"), Decision(b, False, "r3")])[0] == "我们好"
    with pytest.raises(DecisionError, match=r"^r2 and r3: accepted changes D101 at 0:4 and S101 at 2:3 overlap"):
        decide("我们我们好", [Decision(a, True, "r2"), Decision(b, True, "r3")])


def test_a_flag_cannot_be_accepted() -> None:
    flag = Change("figures", "F101", "m", 0, 2, "12", None, Status.FLAGGED, 0.9)
    expected = r"^r2: F101 is a flag with no replacement; it cannot be accepted, set accept to no$"
    with pytest.raises(DecisionError, match=expected):
        decide("12月", [Decision(flag, True, "r2")])


def test_default_decisions_reproduce_the_clean_output(seed_run: Path, tmp_path: Path) -> None:
    table = rows(seed_run / "report.csv")
    assert {row["accept"] for row in table if row["status"] == "applied"} == {"yes"}
    assert {row["accept"] for row in table if row["status"] != "applied"} <= {"no"}
    result = run("apply", str(SEED), "--decisions", str(seed_run / "report.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SEED.name).read_bytes() == (seed_run / SEED.name).read_bytes()
    assert result.stdout.splitlines()[-1] == f"  review: {tmp_path / 'out' / 'report.html'}"


def test_reviewed_decisions_round_trip(seed_run: Path, tmp_path: Path) -> None:
    table = rows(seed_run / "report.csv")
    applied = [row for row in table if row["status"] == "applied"]
    for row in applied[::3]:
        row["accept"] = "no"  # the reviewer rejects every third applied change
    for row in table:
        if row["status"] in ("suggested", "skipped") and row["accept"] == "no":
            row["accept"] = "yes"  # and tries to accept the rest; overlaps are refused below
    decisions = tmp_path / "decisions.csv"
    write_rows(decisions, table)
    result = run("apply", str(SEED), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    original = SEED.read_text(encoding="utf-8")
    if result.exit_code != 0:
        assert "overlap; accept one" in result.stderr
        for row in table:
            if row["status"] in ("suggested", "skipped"):
                row["accept"] = "no"
        write_rows(decisions, table)
        result = run("apply", str(SEED), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    output = (tmp_path / "out" / SEED.name).read_text(encoding="utf-8")
    chosen = [Change.from_dict(row) for row in table if row["accept"] == "yes"]
    assert output == replay(
        original,
        [c for c in chosen if c.status is Status.APPLIED]
        + [
            Change.from_dict({**row, "status": "applied"})
            for row in table
            if row["accept"] == "yes" and row["status"] != "applied"
        ],
    )
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    new_changes = [Change.from_dict(row) for row in report["documents"][0]["changes"]]
    assert replay(original, new_changes) == output
    assert sum(c.status is Status.APPLIED for c in new_changes) == sum(row["accept"] == "yes" for row in table)


def test_json_decisions_and_errors_name_the_row(seed_run: Path, tmp_path: Path) -> None:
    report = json.loads((seed_run / "report.json").read_text(encoding="utf-8"))
    changes = report["documents"][0]["changes"]
    for change in changes:
        change["accept"] = False
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = run("apply", str(SEED), "--decisions", str(decisions), "-o", str(tmp_path / "none"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "none" / SEED.name).read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")

    table = rows(seed_run / "report.csv")
    table[0]["accept"] = "否"  # an editor in Chinese: the first change rejected
    write_rows(tmp_path / "zh.csv", table)
    result = run("apply", str(SEED), "--decisions", str(tmp_path / "zh.csv"), "-o", str(tmp_path / "zh"))
    assert result.exit_code == 0, result.output
    applied = sum(row["status"] == "applied" for row in table)
    summary = json.loads((tmp_path / "zh" / "report.json").read_text(encoding="utf-8"))["summary"]
    assert table[0]["status"] == "applied"
    assert sum(counts.get("applied", 0) for counts in summary["rules"].values()) == applied - 1
    table[0]["accept"] = "maybe"
    write_rows(tmp_path / "bad.csv", table)
    result = run("apply", str(SEED), "--decisions", str(tmp_path / "bad.csv"), "-o", str(tmp_path / "bad"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'bad.csv'} row 2: accept is 'maybe'; write yes or no (是 or 否)\n"


def test_an_input_without_decisions_is_reported(seed_run: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("文本", encoding="utf-8")
    result = run("apply", str(other), "--decisions", str(seed_run / "report.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {other}: has no decisions in {seed_run / 'report.csv'}; give the report of its run\n"
    )


@pytest.mark.parametrize("report", ["report.csv", "report.json"])
def test_a_page_without_changes_is_written_as_it_is(folder_run: tuple[Path, Path], tmp_path: Path, report: str) -> None:
    folder, out = folder_run  # report.csv has no row for clean.txt: the report.json beside it lists it
    result = run("apply", str(folder), "--decisions", str(out / report), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    for name in ("seed.txt", "clean.txt"):
        assert (tmp_path / "out" / name).read_bytes() == (out / name).read_bytes()


def test_an_input_changed_since_the_run_is_refused(folder_run: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = folder_run
    changed = tmp_path / "pages"
    changed.mkdir()
    (changed / "seed.txt").write_text(SEED.read_text(encoding="utf-8") + "新的一段。\n", encoding="utf-8")
    result = run("apply", str(changed), "--decisions", str(out / "report.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {changed / 'seed.txt'}: changed since the run that wrote {out / 'report.csv'}; "
        "clean it again and review the new report\n"
    )


def test_an_edited_before_column_is_blamed_on_the_decisions_file(folder_run: tuple[Path, Path], tmp_path: Path) -> None:
    folder, out = folder_run
    table = rows(out / "report.csv")
    row = next(r for r in table if r["before"] == "\n\n")
    row["before"] = "\n"  # a reviewer deleted one of the cell's line breaks
    (tmp_path / "reviewed").mkdir()
    write_rows(tmp_path / "reviewed" / "report.csv", table)
    (tmp_path / "reviewed" / "report.json").write_bytes((out / "report.json").read_bytes())
    result = run(
        "apply", str(folder), "--decisions", str(tmp_path / "reviewed" / "report.csv"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 1
    decisions, number = tmp_path / "reviewed" / "report.csv", table.index(row) + 2
    assert result.stderr == (
        f"error: {folder / 'seed.txt'}: {decisions} row {number}: {row['rule']} at {row['start']}:{row['end']} "
        "expects '\\n' but the input holds '\\n\\n'; its before column was edited; restore it from the report "
        "(left out; the page was written with the other decisions)\n"
    )
    # one bad row does not cost the page its other decisions: the text is the run's but for that row
    # (a join there, left out, keeps the input's break), and its new report replays to it
    written = (tmp_path / "o" / "seed.txt").read_text(encoding="utf-8")
    cleaned = (out / "seed.txt").read_text(encoding="utf-8")
    assert written != cleaned and written.replace("\n\n", "") == cleaned.replace("\n\n", "")
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    document = next(d for d in report["documents"] if d["path"].endswith("seed.txt"))
    changes = [Change.from_dict(c) for c in document["changes"]]
    assert replay((folder / "seed.txt").read_text(encoding="utf-8"), changes) == written
    assert len(changes) == sum(r["path"].endswith("seed.txt") for r in table) - 1


def test_a_binary_decisions_file_is_no_report_and_no_input_to_remove(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("文本", encoding="utf-8")
    (tmp_path / "report.csv").write_bytes(b"PK\x03\x04" + bytes(64))  # a spreadsheet saved as .xlsx, renamed
    result = run("apply", str(page), "--decisions", str(tmp_path / "report.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'report.csv'}: is not a cleaner report (is binary (it holds NUL bytes), not text); "
        "give report.csv or report.json\n"
    )


def test_apply_on_a_folder_without_txt_files_says_so(folder_run: tuple[Path, Path], tmp_path: Path) -> None:
    # it wrote "0 documents written, 0 failed" and exited 0, where clean and check note that nothing was there
    _, out = folder_run
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "page.pdf").write_bytes(b"%PDF-1.4")
    result = run("apply", str(scans), "--decisions", str(out / "report.csv"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 0
    assert result.stdout.startswith("0 documents written, 0 failed\n")
    assert result.stderr == (
        f"note: 1 file in the input folders is not *.txt and was left out: {scans / 'page.pdf'}\n"
        "note: the inputs hold no *.txt files; nothing was written\n"
    )


CUT_AROUND_CAPTION = (
    "万里交科集团的新装备、新材料、新工艺和新\n\n图为魏都区高新技术产业园一角。本报记者 许廷合摄\n\n"
    "技术引起了恒大集团领导团队的极大兴趣。\n"
)


def test_a_moved_caption_is_accepted_or_rejected_whole(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(CUT_AROUND_CAPTION, encoding="utf-8")
    result = run("clean", str(page), "-o", str(tmp_path / "run"), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    table = rows(tmp_path / "run" / "report.csv")
    move = [number for number, row in enumerate(table) if row["rule"] == "R104"]
    assert [(table[n]["after"] == "", table[n]["status"]) for n in move] == [(True, "applied"), (False, "applied")]
    decisions = tmp_path / "decisions.csv"

    table[move[1]]["accept"] = "no"  # the caption taken out but never put back would be lost
    write_rows(decisions, table)
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "half"))
    taken, put = table[move[0]], table[move[1]]
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {page}: {decisions} row {move[0] + 2} and {decisions} row {move[1] + 2}: one move (R104 takes the "
        f"blocks at {taken['start']}:{taken['end']} and puts them at {put['start']}); accept both or neither, or the "
        "blocks would be lost or doubled (left out; the page was written with the other decisions)"
    )
    # neither half is applied: the caption stays where it was, nothing lost or doubled
    assert (tmp_path / "half" / "page.txt").read_text(encoding="utf-8") == CUT_AROUND_CAPTION

    table[move[0]]["accept"] = "no"
    write_rows(decisions, table)
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "neither"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "neither" / "page.txt").read_text(encoding="utf-8") == CUT_AROUND_CAPTION


def test_a_symbolic_link_in_a_loop_is_named_for_what_it_is(seed_run: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "back.txt")
    (tmp_path / "back.txt").symlink_to(loop)
    result = CliRunner().invoke(main, ["apply", str(loop), "--decisions", str(seed_run / "report.csv"), "-o", "o"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'INPUTS...': Path {str(loop)!r} is a symbolic link in a loop "
        "(Too many levels of symbolic links)."
    )


def test_a_report_holding_a_change_of_a_million_characters_applies(tmp_path: Path) -> None:
    # a page scanned as one line, the same clause read over and over: D101 suggests taking out all
    # but the first, a cell of millions of characters, which the csv module refused past 131,072
    page = tmp_path / "page.txt"
    page.write_text("全国人民共同努力取得了新的成绩" * 70_000, encoding="utf-8")
    result = run("clean", str(page), "-o", str(tmp_path / "run"), "--profile", "fast", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "run" / "report.csv").stat().st_size > 3 * 131_072  # one cell of the 1,050,000 characters
    decisions = tmp_path / "run" / "report.csv"
    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "page.txt").read_bytes() == (tmp_path / "run" / "page.txt").read_bytes()


def test_an_input_the_run_failed_on_is_reported_with_the_run_s_reason(tmp_path: Path) -> None:
    # applying a reviewed folder: a page the run could not read had "no decisions", as if the wrong
    # report were given; the run's own reason says what to do
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text("今天天气很好。\n", encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("clean", str(folder), "-o", str(tmp_path / "run"), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 1
    decisions = tmp_path / "run" / "report.csv"
    result = run("apply", str(folder), "--decisions", str(decisions), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder / 'scan.txt'}: has no decisions: the run that wrote {decisions} failed on it (is binary "
        "(it holds NUL bytes), not text; remove it or convert it to text)\n"
    )
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "今天天气很好。\n"


def test_a_suggested_join_on_a_crlf_page_can_be_accepted(tmp_path: Path) -> None:
    # the join spans the two N105 rows that made each CRLF an LF: accepting it was refused as an
    # overlap ("accept one", exit 1), and the page kept its CRs there
    page = tmp_path / "page.txt"
    page.write_bytes(CRLF_PAGE.encode("utf-8"))
    result = run("clean", str(page), "-o", str(tmp_path / "run"), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    table = rows(tmp_path / "run" / "report.csv")
    join = [
        row for row in table if row["rule"] == "R101" and row["before"] == "\r\n\r\n" and row["status"] == "suggested"
    ]
    assert len(join) == 1
    join[0]["accept"] = "yes"
    decisions = tmp_path / "run" / "report.csv"  # edited in place, beside its report.json
    write_rows(decisions, table)

    result = run("apply", str(page), "--decisions", str(decisions), "-o", str(tmp_path / "reviewed"))
    assert (result.exit_code, result.stderr) == (0, "")
    output = (tmp_path / "reviewed" / "page.txt").read_text(encoding="utf-8")
    assert "卖到更多国家去。”\n\n新闻链接" in output and "\r" not in output
    start, end = int(join[0]["start"]), int(join[0]["end"])
    reviewed = rows(tmp_path / "reviewed" / "report.csv")
    spanned = [row for row in reviewed if start <= int(row["start"]) and int(row["end"]) <= end]
    assert sorted((row["rule"], row["status"]) for row in spanned) == [
        ("N105", "skipped"),
        ("N105", "skipped"),
        ("R101", "applied"),
    ]
    assert replay(CRLF_PAGE, [Change.from_dict(row) for row in reviewed]) == output
