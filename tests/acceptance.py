"""The acceptance pages (tests/pages), each with its gold, and the checks that score them.

The checks live in `cleaner.evaluation.page_checks`, shared with `cleaner eval pages`, which scores
generated pages the same way; this module only reads the pages.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.evaluation.page_checks import (
    BREAK,
    Check,
    Page,
    canonical,
    characters_fixed,
    checks_of,
    duplicates_fixed,
    flag_found,
    joins_made,
    kept_break,
    no_false_flags,
    spelled,
    spelling_as_gold,
    text_as_gold,
)

__all__ = [
    "BREAK",
    "PAGES",
    "Check",
    "Page",
    "canonical",
    "characters_fixed",
    "checks_of",
    "duplicates_fixed",
    "flag_found",
    "joins_made",
    "kept_break",
    "no_false_flags",
    "spelled",
    "spelling_as_gold",
    "text_as_gold",
]

PAGES_DIR = Path(__file__).resolve().parent / "pages"
PAGES = {page.name: page for page in map(Page.read, sorted(PAGES_DIR.glob("*.gold.json")))}
