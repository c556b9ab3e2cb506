"""Text whose encoding was damaged on its way into the archive: files that mix encodings line by
line, and UTF-8 mis-read as GBK and saved again; each read as written, with the reading recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.errors import InputError
from cleaner.io import decode

PAGE = "魏都区深入开展“四个一百”专项行动，优化营商环境，为企业发展提供了强劲动力。\n\n本报记者 许廷合\n"
TRADITIONAL = "臺灣報紙的掃描文字，需要清理與校對。本報記者報導。\n"


def clean(tmp_path: Path, name: str, data: bytes) -> tuple[int, str, dict[str, Any] | None]:
    """Clean one file of DATA; the exit code, stderr and the file's report entry (None if refused)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--profile", "fast"])
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    return result.exit_code, result.stderr, (report["documents"] or [None])[0]


def test_a_gbk_part_appended_to_a_utf8_page_is_read_in_its_own_encoding(tmp_path: Path) -> None:
    # two OCR batches joined with `cat`, the second saved by an older tool in GBK, then a line of ASCII
    data = PAGE.encode() + PAGE.encode("gbk") + b"2024-01-05\n"
    code, stderr, entry = clean(tmp_path, "joined.txt", data)
    assert (code, stderr) == (0, "")
    assert entry["encoding"] == "mixed: utf-8 lines 1-3, gb18030 lines 4-7"
    assert (tmp_path / "out" / "joined.txt").read_text(encoding="utf-8") == PAGE + PAGE + "2024-01-05\n"


def test_each_legacy_part_is_judged_on_its_own() -> None:
    text, encoding = decode("第一版\n".encode() + TRADITIONAL.encode("big5") * 2 + PAGE.encode(), "a.txt")
    assert text == "第一版\n" + TRADITIONAL * 2 + PAGE
    assert encoding == "mixed: utf-8 line 1, big5 lines 2-3, utf-8 lines 4-6"


def test_a_utf8_line_with_a_byte_lost_is_named_not_read_as_gbk() -> None:
    # GB18030 reads the damaged line, into rare characters: it is no GBK line, and is not taken for one
    lines = PAGE.encode().splitlines(keepends=True)
    with pytest.raises(InputError) as caught:
        decode(b"".join([lines[0][:7] + lines[0][8:], *lines[1:]]), "a.txt")
    assert caught.value.reason.startswith("line 1 cannot be decoded: not UTF-8, nor Chinese read as GB18030")


def test_a_line_no_encoding_reads_is_named(tmp_path: Path) -> None:
    data = PAGE.encode() + "魏都区".encode("gbk") + b"\x81\n"  # a GBK lead byte with no second byte
    code, stderr, entry = clean(tmp_path, "broken.txt", data)
    assert (code, entry) == (1, None)
    assert stderr == (
        f"error: {tmp_path / 'in' / 'broken.txt'}: line 4 cannot be decoded: not UTF-8, nor Chinese read as "
        "GB18030 or Big5, as the file's other lines are; mend that line or convert it to UTF-8, and run again\n"
    )


def test_every_line_no_encoding_reads_is_named_at_once(tmp_path: Path) -> None:
    # a UTF-8 page with a few bad bytes on two lines: naming only the first meant a run to find each
    lines = (PAGE * 2).encode().splitlines(keepends=True)
    damaged = [lines[0][:7] + b"\xff" + lines[0][8:], *lines[1:5], lines[5][:4] + b"\xc3" + lines[5][4:]]
    code, stderr, entry = clean(tmp_path, "broken.txt", b"".join(damaged))
    assert (code, entry) == (1, None)
    assert stderr == (
        f"error: {tmp_path / 'in' / 'broken.txt'}: lines 1, 6 cannot be decoded: not UTF-8, nor Chinese read as "
        "GB18030 or Big5, as the file's other lines are; mend those lines or convert the file to UTF-8, and run again\n"
    )


def test_utf8_mis_read_as_gbk_and_saved_again_is_repaired(tmp_path: Path) -> None:
    # 鏂囦欢 for 文件: an editor opened the UTF-8 page as GBK and saved it as UTF-8; the bytes it could
    # not pair it replaced, so a character or two is lost for good (U+FFFD, which N108 flags)
    damaged = PAGE.encode().decode("gbk", "replace")
    assert damaged.startswith("榄忛兘鍖")
    code, stderr, entry = clean(tmp_path, "mangled.txt", damaged.encode())
    assert (code, stderr) == (0, "")
    assert entry["encoding"] == "utf-8 mis-read as GBK and saved again"
    cleaned = (tmp_path / "out" / "mangled.txt").read_text(encoding="utf-8")
    assert cleaned.startswith("魏都区深入开展")
    rest_of_page = iter(PAGE)  # characters lost, never a wrong one: what is left is in the page, in order
    assert all(character in rest_of_page for character in cleaned.replace("\ufffd", ""))
    assert cleaned.count("\ufffd") == 8
    assert {c["rule"] for c in entry["changes"] if c["before"] == "\ufffd"} == {"N108"}


def test_a_lossless_gbk_misreading_is_repaired_exactly() -> None:
    damaged = "新华社北京１月５日电".encode().decode("gb18030")
    assert decode(damaged.encode(), "a.txt") == ("新华社北京１月５日电", "utf-8 mis-read as GBK and saved again")


@pytest.mark.parametrize(
    "text",
    [
        "饕餮之徒，魑魅魍魉。",  # rare characters, mostly: correct text all the same
        "龘靐齉爩，鱻麤\n",
        "鏂囦欢",  # too short to judge
        "涓浗浜烘皯閾惰",  # as mangled as can be, but its reading is no UTF-8
        "彧喆昇堃淼犇鑫垚焱\n",  # names' characters
        "日本語の文章です。漢字と仮名。\n",
        "한국어 신문 기사입니다.\n",
    ],
)
def test_correct_text_of_rare_characters_is_read_as_it_is(text: str) -> None:
    assert decode(text.encode(), "a.txt") == (text, "utf-8")


def test_a_file_alternating_encodings_line_by_line_is_read_in_one_pass() -> None:
    # 10,000 runs: judged together, not one by one, and the report's encoding stays one short line
    utf8, gbk = "第一版　要闻，魏都区深入开展专项行动。\n", "魏都区深入开展专项行动，优化营商环境。\n"
    text, encoding = decode((utf8.encode() + gbk.encode("gbk")) * 5000, "a.txt")
    assert text == (utf8 + gbk) * 5000
    assert encoding == (
        "mixed: utf-8 line 1, gb18030 line 2, utf-8 line 3, gb18030 line 4, utf-8 line 5, gb18030 line 6, "
        "utf-8 line 7, gb18030 line 8, … (10,000 runs in all)"
    )
