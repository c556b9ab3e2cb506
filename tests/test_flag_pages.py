"""`cleaner eval flags`: the seed's flags injected into clean gold pages, through the real pipeline."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from click.testing import CliRunner

from cleaner.evaluation.flag_pages import flagged, injections, probe
from cleaner.pipeline import Pipeline

PAGES = Path(__file__).resolve().parent / "pages"
PAGE = "001_fangguanfu"


def test_each_kind_is_injected_where_its_span_says() -> None:
    text = (PAGES / f"{PAGE}.gold.txt").read_text(encoding="utf-8")
    cases = injections(text, random.Random("1-" + PAGE))
    kinds = {kind.split("-")[0] for kind, _, _ in cases}
    assert kinds == {"F101", "list", "ending"}
    for kind, damaged, (start, end) in cases:
        assert damaged != text and 0 <= start < end <= len(damaged), kind
        if kind.startswith("ending"):
            assert text.startswith(damaged[:end].rstrip())  # a cut keeps what came before it
        else:
            assert len(damaged) > len(text) or kind.endswith("replace")  # a copy was added


def test_a_page_with_its_own_flags_counts_none_of_them_false(tmp_path: Path) -> None:
    # 001's gold keeps the page's real repeated list item: flagged on the untouched page, and not false
    for suffix in (".gold.txt", ".gold.json"):
        shutil.copy(PAGES / f"{PAGE}{suffix}", tmp_path / f"{PAGE}{suffix}")
    pipeline = Pipeline()
    text = (PAGES / f"{PAGE}.gold.txt").read_text(encoding="utf-8")
    assert {c.rule for c in flagged(pipeline, PAGE, text)} >= {"D201", "F101"}
    tally = probe(sorted(tmp_path.glob("*.gold.txt")), [1], pipeline)
    assert tally.pages == 1 and tally.false_flags == []
    assert sum(tally.tried.values()) >= 3
    assert tally.found == tally.tried, tally.missed


def test_the_command_reports_each_kind(tmp_path: Path) -> None:
    from cleaner.evaluation.flag_pages import flags

    shutil.copy(PAGES / f"{PAGE}.gold.txt", tmp_path / f"{PAGE}.gold.txt")
    result = CliRunner().invoke(flags, ["--pages", str(tmp_path), "--seeds", "2"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "F101-clause" in result.output and "false flags on 1 untouched pages" in result.output
    assert CliRunner().invoke(flags, ["--pages", str(tmp_path / "none")]).exit_code == 2
