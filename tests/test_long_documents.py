"""A long document's outputs leave the process that made them as files, byte for byte what a short one's
would be: its digest is written a slice at a time (report.digest.Spilled), never held whole.

How much memory a long page takes is measured by hand (README); here the lengths that make a document
long and the sizes of the slices are lowered, so that pages of a few characters take that path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.batch_outputs import clean_paths
from cleaner.cache import ResultCache, run_key
from cleaner.pipeline import Options, Pipeline
from cleaner.report import digest, html
from folders import file_bytes, write_pages

PAGES = {
    "1998/01/01/01.txt": "１９９８年１月１日，新年讲话。\n\n会议在北京人民大会堂隆重举\n行。会议举行。",
    "1998/01/01/02.txt": "人民日报评论员文章：迈向新世纪。<b>&",
    "1999/03/01/01.txt": "全国人大代表抵达北京,开始审议。",
}


def files(folder: Path) -> dict[str, bytes]:
    return file_bytes(folder, keep=lambda parts: ".cleaner-cache" not in parts)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "archive", PAGES)


def test_long_documents_are_written_out_the_same_fresh_and_from_the_cache(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline = Pipeline(options=Options(profile="fast"))
    clean_paths([archive], tmp_path / "whole", pipeline, html=True)
    monkeypatch.setattr(digest, "SPILL_CHARACTERS", 20)
    monkeypatch.setattr(html, "PIECES_AT_ONCE", 2)
    cache = ResultCache(tmp_path / "cache", run_key(pipeline))
    for _ in range(2):  # afresh, then from the cache over the outputs already there
        clean_paths([archive], tmp_path / "spilled", pipeline, cache=cache, html=True)
        assert files(tmp_path / "spilled") == files(tmp_path / "whole")


def test_a_long_document_whose_output_is_refused_leaves_no_file(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest, "SPILL_CHARACTERS", 10)
    twin = tmp_path / "other" / "01.txt"
    twin.parent.mkdir()
    twin.write_text(PAGES["1999/03/01/01.txt"], encoding="utf-8")
    out = tmp_path / "out"
    summary = clean_paths([archive / "1998/01/01/01.txt", twin], out, Pipeline(options=Options(profile="fast")))
    assert [path for path, _, _ in summary.failures] == [str(twin)]
    assert not list(out.glob(".spill-*"))
