"""Files read and output paths claimed are kept on disk past a bound: a batch of any size finds the
files reached twice and the inputs that share an output path as a small one does, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import seen_keys
from cleaner.cli import main
from cleaner.seen_keys import SeenKeys
from folders import file_bytes, write_pages

PAGES = {
    "a/x.txt": "１９９８年１月１日，新年讲话发表。",
    "b/x.txt": "人民日报评论员文章：迈向新世纪。",
    "c/1.txt": "北京１月２日电 今天天气晴朗。",
    "c/2.txt": "全国人大代表抵达北京,开始审议。",
    "c/3.txt": "今天下雪。",
    "d/x.txt": "第四页。",
}


def clean_all(pages: Path, out: Path) -> tuple[int, str, str, dict[str, bytes]]:
    """Clean a batch that reaches c/1.txt three times, gives a/x.txt, b/x.txt and d/x.txt one output path,
    and fails d/x.txt, which claims no path (it has nothing to write)."""
    (pages / "d" / "x.txt").write_bytes(b"\x00\x01\x02")
    listed = f"{pages / 'c' / '1.txt'}\n{pages / 'c'}\n"
    args = [str(pages / "d" / "x.txt"), str(pages / "a" / "x.txt"), str(pages / "b" / "x.txt"), str(pages / "c")]
    result = CliRunner().invoke(
        main, ["clean", *args, "--files-from", "-", "-o", str(out), "--profile", "fast", "-j", "1"], input=listed
    )
    lines = (line.replace(str(out), "OUT") for line in result.stdout.splitlines() if " characters in " not in line)
    summary = "\n".join(lines)
    return result.exit_code, summary, result.stderr, file_bytes(out, keep=lambda parts: parts[0] != ".cleaner-cache")


def test_a_batch_past_the_bound_finds_what_it_has_seen_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = write_pages(tmp_path / "pages", PAGES)
    in_memory = clean_all(pages, tmp_path / "in-memory")
    monkeypatch.setattr(seen_keys, "IN_MEMORY", 1)
    on_disk = clean_all(pages, tmp_path / "on-disk")
    assert on_disk == in_memory
    code, summary, stderr, outputs = on_disk
    assert code == 1
    assert summary.startswith("4 documents cleaned, 2 failed\n")
    assert stderr.splitlines() == [
        f"error: {pages / 'd' / 'x.txt'}: is binary (it holds NUL bytes), not text; remove it or convert it to text",
        f"error: {pages / 'b' / 'x.txt'}: has the same output path as {pages / 'a' / 'x.txt'}; "
        "clean them in separate runs",
    ]
    assert outputs["x.txt"].decode("utf-8") == "1998年1月1日，新年讲话发表。"
    assert sorted(name for name in outputs if name.endswith(".txt")) == ["1.txt", "2.txt", "3.txt", "x.txt"]


def test_keys_on_disk_keep_names_that_are_no_utf8() -> None:
    seen = SeenKeys(in_memory=0)
    name = "第一版\udcff\ud800.txt"  # bytes of a GBK name read as UTF-8, and a lone surrogate
    assert (seen.claim(name, name), seen.claim(name, "other"), seen.claim("b.txt")) == (None, name, None)
    assert (seen.on_disk, len(seen), seen.get(name), seen.get("c.txt")) == (True, 2, name, None)
    seen.close()
