"""Bad input: legacy encodings, binary files, empty files, atomic writes, paths that escape OUTDIR."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.errors import InputError
from cleaner.io import OutputFolder, read_document, write_atomic

PAGE = "魏都区深入开展“四个一百”专项行动，优化营商环境，为企业发展提供了强劲动力。\n\n本报记者 许廷合"


@pytest.mark.parametrize(("encoding", "expected"), [("gb18030", "gb18030"), ("gbk", "gb18030"), ("big5", "big5")])
def test_legacy_encodings_are_detected_and_recorded(tmp_path: Path, encoding: str, expected: str) -> None:
    text = PAGE if encoding != "big5" else "臺灣報紙的掃描文字，需要清理與校對。本報記者報導。"
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    document = read_document(path)
    assert document.text == text
    assert document.meta["encoding"] == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "page.txt"
    mark = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")  # the codec writes no mark of its own
    path.write_bytes((mark + PAGE).encode(encoding))
    document = read_document(path)
    assert document.text == PAGE
    assert document.meta["encoding"] == encoding[:6]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_refused_as_binary(tmp_path: Path, encoding: str) -> None:
    # its NUL bytes (of line ends, digits, 一) had it refused as binary
    path = tmp_path / "page.txt"
    page = f"一九九八年一月一日\r\n{PAGE}\n"
    path.write_bytes(page.encode(encoding))
    document = read_document(path)
    assert (document.text, document.meta["encoding"]) == (page, encoding)


def test_a_false_byte_order_mark_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "魏".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: starts with a UTF-16 byte-order mark but is not UTF-16; convert it to UTF-8 and run again"
    )


def test_encoding_is_in_the_report(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "gbk.txt").write_bytes(PAGE.encode("gbk"))
    CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")], catch_exceptions=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["documents"][0]["encoding"] == "gb18030"
    assert report["summary"]["output_encoding"] == "utf-8"  # the choice made for every output, stated
    assert (tmp_path / "out" / "gbk.txt").read_text(encoding="utf-8").startswith("魏都区")


def test_undecodable_bytes_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: cannot be decoded: not UTF-8 (byte 0x80 at line 1, column 1), nor GB18030 or Big5; convert it to "
        "UTF-8 (a file that mixes encodings, part by part) and run again"
    )


def test_damaged_utf8_and_a_file_of_two_encodings_are_read_as_written(tmp_path: Path) -> None:
    # a copy stopped two bytes into the last character; UTF-8 opened as cp1252 (or Latin-1) in an
    # editor and saved again, 中国 as 'ä¸\xadå›½' (N106 had deleted its C1 controls, for good); two
    # files joined with `cat`, one UTF-8, one GB18030
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cut.txt").write_bytes(PAGE.encode() + "中".encode()[:2])
    (folder / "cp1252.txt").write_bytes(PAGE.encode().decode("cp1252", "ignore").encode())
    (folder / "latin1.txt").write_bytes(PAGE.encode().decode("latin-1").encode())
    (folder / "mixed.txt").write_bytes(PAGE.encode() + b"\n" + PAGE.encode("gb18030"))
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--profile", "fast"])
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    documents = {Path(d["path"]).name: d for d in report["documents"]}
    assert documents["mixed.txt"]["encoding"] == "mixed: utf-8 lines 1-3, gb18030 lines 4-6"
    assert documents["latin1.txt"]["encoding"] == "utf-8 mis-read as cp1252 and saved again"
    assert documents["cp1252.txt"]["encoding"] == "utf-8"  # five bytes cp1252 has no character for were dropped
    assert documents["cut.txt"]["encoding"] == "utf-8, its last character cut off (read as U+FFFD)"
    assert [c["rule"] for c in documents["cut.txt"]["changes"] if c["before"] == "\ufffd"] == ["N108"]
    cleaned = (tmp_path / "out" / "latin1.txt").read_text(encoding="utf-8")
    assert cleaned.startswith("魏都区深入开展“四个一百”专项行动")
    assert (tmp_path / "out" / "cut.txt").read_text(encoding="utf-8") == cleaned + "\ufffd"


def test_empty_files_pass_through(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_the_input_is_never_modified(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.txt"
    page.write_bytes("１２月,好\r\n".encode())
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")], catch_exceptions=False)
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "old")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_no_output_path_escapes_outdir(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        OutputFolder(tmp_path / "out").path_for(Path("../../etc/passwd"))
    link_target = tmp_path / "elsewhere"
    link_target.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(link_target)
    with pytest.raises(InputError):
        OutputFolder(tmp_path / "out").path_for(Path("sub/page.txt"))


def test_a_file_name_that_is_not_utf8_is_cleaned_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"bad\xffname.txt")
    (folder / odd).write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / odd).read_text(encoding="utf-8") == PAGE
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [document["path"] for document in report["documents"]] == [f"{folder}/bad\\xffname.txt"]


def test_an_output_folder_holding_the_inputs_never_overwrites_them(tmp_path: Path) -> None:
    # refused once, before the first input: each file used to be cleaned, then refused, and the
    # reports were written among the inputs
    (tmp_path / "page.txt").write_text("魏都区优化营商环境,努力当好贴心人。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(tmp_path), "-o", str(tmp_path), "--no-cache", "--no-html"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path}: the output folder is the input folder, and each cleaned text would overwrite "
        f"its input; give -o a folder of its own, such as {tmp_path}/cleaned\n"
    )
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == "魏都区优化营商环境,努力当好贴心人。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_stdin_in_a_legacy_encoding_is_decoded_like_a_file() -> None:
    result = CliRunner().invoke(main, ["clean", "-", "--skip", "spelling"], input=PAGE.encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("魏都区深入开展")
    binary = CliRunner().invoke(main, ["clean", "-"], input=b"\x00\x01")
    assert (binary.exit_code, binary.output) == (
        1,
        "Error: stdin: is binary (it holds NUL bytes), not text; remove it or convert it to text\n",
    )


def test_files_a_folder_walk_leaves_out_are_named_in_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (folder / "page.TXT").write_text(PAGE, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--no-html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "page.TXT").is_file()
    assert result.stderr == f"note: 1 file in the input folders is not *.txt and was left out: {folder}/scan.pdf\n"


def test_a_page_padded_with_nul_bytes_is_cleaned_and_the_nuls_reported(tmp_path: Path) -> None:
    # a write cut off by a crash leaves the file padded with NUL bytes: a NUL in its first 8 KB had
    # the whole page refused as binary (one after them was deleted by N106, as it now is everywhere)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "padded.txt").write_bytes(PAGE.encode() + bytes(512))
    (folder / "stray.txt").write_bytes(PAGE.encode("gb18030").replace(b"\n\n", b"\n\x00\n"))
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--profile", "fast"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder / 'scan.txt'}: is binary (it holds NUL bytes), not text; remove it or convert it to text\n"
    )
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    documents = {Path(d["path"]).name: d for d in report["documents"]}
    changes = documents["padded.txt"]["changes"]
    nuls = [(c["rule"], c["before"], c["after"]) for c in changes if "\x00" in c["before"]]
    assert nuls == [("N106", "\x00" * 512, "")]
    assert documents["stray.txt"]["encoding"] == "gb18030"
    for name in ("padded.txt", "stray.txt"):
        assert (tmp_path / "out" / name).read_text(encoding="utf-8").startswith("魏都区深入开展")
        assert "\x00" not in (tmp_path / "out" / name).read_text(encoding="utf-8")
