"""The figure extractor's shortcut: the numeral runs it passes over are runs the full pattern starts no figure in."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.needed_characters import readable_characters
from cleaner.rules import load_rules
from cleaner.stages.quantities import SCRIPT_CHANGE
from cleaner.stages.units import NUMERAL_RUN, Units

UNITS = Units.from_rules(load_rules())
PAGES = Path(__file__).resolve().parent / "pages"
# numbers of both scripts, with the marks the pattern reads inside them (点, 多, a range, thousands, decimals), each
# followed by what may come after it: a unit, a longer unit opening on a numeral or on another unit (千克, 百分点,
# 个月), 分之 after 百, or characters no figure holds
NUMBERS = ["一", "二十", "两千", "〇", "百", "万", "1", "９", "三点五", "十多", "1,200", "2.5", "3至5", "两千余", "7—8"]
AFTER = ["", *"个人次%统第分。\n", "分之", "千克", "百分点", "个月", "公里", "五个"]
FIGURE_TEXTS = st.lists(st.tuples(st.sampled_from(NUMBERS), st.sampled_from(AFTER)).map("".join), max_size=6).map(
    "".join
)


def starts_a_figure(text: str, run: str, start: int) -> bool:
    """Whether the full pattern reads a figure from the run at `start`, or from where its script changes (统一3个)."""
    if UNITS.pattern.match(text, start):
        return True
    change = SCRIPT_CHANGE.search(run)
    return change is not None and UNITS.pattern.match(text, start + change.end()) is not None


def passed_over(text: str) -> list[tuple[int, str]]:
    """The numeral runs of `text` the shortcut passes over, with where they start."""
    kept = [run.span() for run in UNITS.figure_runs.finditer(text)]
    runs = list(NUMERAL_RUN.finditer(text))
    assert set(kept) <= {run.span() for run in runs}  # whole runs, never a part of one
    return [(run.start(), run[0]) for run in runs if run.span() not in kept]


@settings(max_examples=300)
@given(FIGURE_TEXTS)
def test_a_run_the_shortcut_passes_over_starts_no_figure(text: str) -> None:
    assert not any(starts_a_figure(text, run, start) for start, run in passed_over(text))
    read = readable_characters(UNITS.pattern.pattern)
    assert read is not None and all(set(match[0]) <= read for match in UNITS.pattern.finditer(text))


def test_on_the_pages_the_shortcut_passes_over_runs_that_start_no_figure() -> None:
    texts = [path.read_text("utf-8") for path in sorted(PAGES.glob("*.txt"))]
    skipped = [(text, run, start) for text in texts for start, run in passed_over(text)]
    assert len(skipped) > 1000  # prose's numerals: 统一, 一些, 十分
    assert not any(starts_a_figure(text, run, start) for text, run, start in skipped)


def test_units_made_of_numerals_turn_the_shortcut_off() -> None:
    assert Units.from_lines(["万\tcount"]).figure_runs is NUMERAL_RUN
    assert Units.from_lines(["个\tcount"]).figure_runs is not NUMERAL_RUN
