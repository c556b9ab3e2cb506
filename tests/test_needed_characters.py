"""The needed-character test before a layout pattern: it never turns away a line the pattern matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.needed_characters import needed_characters, readable_characters
from cleaner.rules import load_rules
from cleaner.stages.layout_classes import layout_tables, load_layout_rules

PAGES = Path(__file__).resolve().parent / "pages"
LAYOUT = load_layout_rules()


def page_lines() -> list[str]:
    """Every line of the acceptance pages and their gold texts, and every class's examples."""
    lines = [line.strip() for path in sorted(PAGES.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    tables, _ = layout_tables(load_rules())
    lines += [example["input"] for table in tables for example in table.get("examples", [])]
    return [line for line in lines if line]


LINES = page_lines()


@pytest.mark.parametrize("rule", [*LAYOUT.classes, *LAYOUT.runs], ids=lambda rule: rule.id)
def test_a_class_test_keeps_every_line_its_pattern_matches(rule) -> None:  # type: ignore[no-untyped-def]
    matched = [line for line in LINES if rule.pattern.search(line)]
    needs = rule.screened.needs
    if needs is not None:
        assert [line for line in matched if not needs.search(line)] == []
    assert matched or rule.pattern.pattern == "(?!)" or rule.kind == "verse"  # the pages exercise the class


def test_the_running_head_test_keeps_every_running_head() -> None:
    needs = LAYOUT.standalone_screen.needs
    assert needs is not None  # most lines are turned away by one scan
    heads = [line for line in LINES if LAYOUT.standalone.search(line)]
    assert heads, "the pages hold running heads"
    assert all(LAYOUT.is_standalone(line) for line in heads)
    turned_away = [line for line in LINES if not needs.search(line)]
    assert len(turned_away) > len(LINES) // 3


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("第\\d+版", "[版]"),  # of two sets as small, the last
        ("(?:甲|乙丙)丁?", "[丙甲]"),  # an alternation needs what its branches need together
        ("(?:甲|乙?)丁", "[丁]"),  # a branch that needs nothing is passed over for the item after it
        ("[一-鿿]{2}", None),  # any Han character: no test
        ("(?i)ab", None),  # a literal may match another case
        ("a(?i:b)", "[a]"),
        ("(?=版)\\w", None),  # a lookahead's characters need not be in the match
        ("x*", None),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: str | None) -> None:
    found = needed_characters(pattern)
    assert (found.pattern if found else None) == needs
    if found is not None:
        compiled = re.compile(pattern)
        for line in ("第3版", "甲丁", "乙丙", "丁", "ab", "aB", "版面"):
            assert not compiled.search(line) or found.search(line)


@pytest.mark.parametrize(
    ("pattern", "read"),
    [
        ("(?:至|到)?[0-2]+", "012至到"),
        ("(a)\\1(?=b)(?!c)", "abc"),  # a back reference reads its group's characters; lookarounds count as read
        ("^甲$", "甲"),
        ("[^甲]", None),  # a negated class, a category or any character: almost anything
        ("\\d", None),
        ("甲.", None),
        ("(?i)a", None),
    ],
)
def test_what_a_pattern_reads(pattern: str, read: str | None) -> None:
    found = readable_characters(pattern)
    assert (None if found is None else "".join(sorted(found))) == (None if read is None else "".join(sorted(read)))
