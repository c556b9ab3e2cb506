"""Learning an archive's OCR confusions from hand-corrected pages: the alignment, the command, and S102 reading
the table it writes (the real pipeline, model and pycorrector)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.alignment import substitutions
from cleaner.cli import main
from cleaner.model import Document, Status
from cleaner.pipeline import Pipeline
from cleaner.rules import load_rules

# corrected pages, and the misreadings an imagined OCR engine made of them: 报 read as 极 twice, 经 as 轻 once
CORRECTED = {
    "1998/01/p1.txt": "据人民日报报道，\n今年粮食产量创历史新高。",
    "1998/01/p2.txt": "本报记者从人民日报社获悉，会议将于明天召开，经济工作是重点。",
}
OCR = {
    "1998/01/p1.txt": "据人民日极报道，今年粮食产\n量创历史新高。",  # wrapped elsewhere: layout, not a misreading
    "1998/01/p2.txt": "本报记者从人民日极社获悉，会议将于明天召开，轻济工作是重点。",
}


def write_sample(root: Path, ocr: dict[str, str] = OCR, corrected: dict[str, str] = CORRECTED) -> tuple[Path, Path]:
    for folder, pages in (("ocr", ocr), ("corrected", corrected)):
        for name, text in pages.items():
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root / "ocr", root / "corrected"


def learn(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["learn-confusions", *args])
    return result.exit_code, result.output


def test_an_insertion_a_deletion_and_their_neighbours_are_no_substitution() -> None:
    # 一人 read as 两: an insertion beside a replacement, no one-for-one misreading; 元/无 and 己/已 are
    found = substitutions("会议己经开幕，代表两出席，会场座元虚席", "会议已经开幕，代表一人出席，会场座无虚席")
    assert [(s.position, s.wrong, s.right) for s in found] == [(2, "己", "已"), (16, "元", "无")]


def test_the_command_counts_the_pairs_and_writes_the_table(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path)
    table = tmp_path / "rules" / "confusion_learned.tsv"
    table.parent.mkdir()
    code, output = learn(str(ocr), str(corrected), "-o", str(table), "--min-count", "1")
    assert code == 0
    assert output.splitlines() == [
        f"{table}: 2 pairs (3 substitutions) of 2 seen (3 substitutions) in 2 texts, 50 characters",
        "极 -> 报\t2\t据人民日[极]报道，今 | 从人民日[极]社获悉，",
        "轻 -> 经\t1\t天召开，[轻]济工作是",
    ]
    rows = [line for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows == ["极\t报\t2", "轻\t经\t1"]


def test_the_minimum_count_leaves_rare_pairs_out_and_says_so(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path)
    code, output = learn(str(ocr), str(corrected), "-o", str(tmp_path / "t.tsv"))  # --min-count 2 by default
    assert code == 0
    assert output.splitlines()[1] == "left out: 1 pairs seen fewer than 2 times (--min-count)"
    assert (tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()[-1] == "极\t报\t2"


def test_a_list_of_pairs_is_read_relative_to_its_folder(tmp_path: Path) -> None:
    write_sample(tmp_path)
    (tmp_path / "pairs.tsv").write_text("ocr/1998/01/p2.txt\tcorrected/1998/01/p2.txt\n", encoding="utf-8")
    code, _ = learn("--pairs", str(tmp_path / "pairs.tsv"), "-o", str(tmp_path / "t.tsv"), "--min-count", "1")
    assert code == 0
    assert (tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()[-2:] == ["极\t报\t1", "轻\t经\t1"]


def test_a_corrected_page_without_its_ocr_page_is_named(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path, ocr={"1998/01/p1.txt": OCR["1998/01/p1.txt"]})
    code, output = learn(str(ocr), str(corrected), "-o", str(tmp_path / "t.tsv"))
    assert (code, output) == (
        1,
        f"Error: {corrected / '1998/01/p2.txt'}: has no OCR partner {ocr / '1998/01/p2.txt'}; give the OCR folder "
        "the corrected pages came from, with the same relative paths\n",
    )
    assert not (tmp_path / "t.tsv").exists()


def learn_split(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["learn-confusions", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_pair_in_two_encodings_is_skipped_and_the_others_learned(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path)
    (ocr / "1998/01/p2.txt").write_bytes(OCR["1998/01/p2.txt"].encode("gb18030"))
    code, stdout, stderr = learn_split(str(ocr), str(corrected), "-o", str(tmp_path / "t.tsv"), "--min-count", "1")
    assert code == 1
    assert stderr == (
        f"skipped: {ocr / '1998/01/p2.txt'} is GB18030 but {corrected / '1998/01/p2.txt'} is UTF-8; save both in "
        "one encoding (UTF-8) and run again\n"
        "Error: 1 of 2 pairs skipped (listed above); fix them and run again\n"
    )
    assert stdout.startswith(f"{tmp_path / 't.tsv'}: 1 pairs (1 substitutions) of 1 seen (1 substitutions) in 1 texts")
    assert (tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()[-1] == "极\t报\t1"


def test_texts_too_unlike_to_be_one_page_are_skipped(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path, ocr={**OCR, "1998/01/p2.txt": "今天天气很好，我们去公园散步吧。"})
    code, _, stderr = learn_split(str(ocr), str(corrected), "-o", str(tmp_path / "t.tsv"))
    assert code == 1
    assert stderr.splitlines()[0] == (
        f"skipped: {ocr / '1998/01/p2.txt'} and {corrected / '1998/01/p2.txt'}: the OCR and corrected texts are too "
        "unlike to be the same page (similarity 0.07, under 0.6); check that the corrected text is this page's"
    )


def test_no_table_is_written_when_no_pair_teaches(tmp_path: Path) -> None:
    ocr, corrected = write_sample(tmp_path, ocr={name: "今天天气很好，我们去公园散步吧。" for name in OCR})
    code, _, stderr = learn_split(str(ocr), str(corrected), "-o", str(tmp_path / "t.tsv"))
    assert code == 1
    assert stderr.splitlines()[-1] == "Error: no pair of texts could be learned from (2 skipped); no table written"
    assert not (tmp_path / "t.tsv").exists()


def test_two_folders_or_a_list_are_asked_for(tmp_path: Path) -> None:
    code, output = learn(str(tmp_path), "-o", str(tmp_path / "t.tsv"))
    assert code == 2
    assert output.splitlines()[-1] == "Error: give two folders, OCR_DIR and CORRECTED_DIR (or --pairs LIST)"


@pytest.fixture(scope="module")
def learned_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    ocr, corrected = write_sample(root)
    (root / "rules").mkdir()
    code, _ = learn(str(ocr), str(corrected), "-o", str(root / "rules" / "confusion_learned.tsv"))
    assert code == 0
    return root / "rules"


def spelling_changes(page: str, rules_folder: Path | None) -> list[tuple[str, str, Status]]:
    result = Pipeline(load_rules(rules_folder)).run(Document("d", "d.txt", page))
    return [(c.before, c.after, c.status) for c in result.changes if c.stage == "spelling"]


def test_s102_corrects_a_learned_pair_no_shipped_table_names(learned_rules: Path) -> None:
    page = "据人民日极报道，今年粮食产量创历史新高。"
    assert spelling_changes(page, learned_rules) == [("极", "报", Status.APPLIED)]
    assert ("极", "报", Status.APPLIED) not in spelling_changes(page, None)


def test_s102_leaves_the_learned_wrong_character_where_it_is_right(learned_rules: Path) -> None:
    assert spelling_changes("他们积极参加植树活动，这是一个极好的机会。", learned_rules) == []
