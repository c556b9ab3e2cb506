"""Acceptance pages (tests/pages) through the real default pipeline, scored as seed_check scores the seed.

One test per page and check: joins made, real breaks kept, doubled words removed (and nothing
else deleted), each gold flag found and no other flag raised, spelling corrections exactly the
gold's, text equal to the gold text. A known failure is a strict xfail on that page and check only (KNOWN_FAILURES).
"""

from __future__ import annotations

from functools import cache

import pytest

from acceptance import PAGES, checks_of
from cleaner.model import Document, Result
from cleaner.pipeline import Pipeline

# (page, check) -> why it still fails; strict, so a fix must remove the entry
QUOTED_MO = (
    "末来 (未来 misread), in a quoted remark (open to correction since a remark is no protected term), "
    "is weighed but not confident enough to be applied"
)
SUGGESTED_GAN = "若千 -> 若干 is found at confidence 0.69, under the 0.8 threshold: only suggested (calibration kept)"
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("002_xiangcun", "spelling"): QUOTED_MO,
    ("002_xiangcun", "text"): QUOTED_MO,
    ("004_zhuanjingtexin", "spelling"): SUGGESTED_GAN,
    ("004_zhuanjingtexin", "text"): SUGGESTED_GAN,
}


@cache
def cleaned(name: str) -> Result:
    """The page as the default pipeline (full profile, every stage) cleans it, once per session."""
    page = PAGES[name]
    return default_pipeline().run(Document(name, f"{name}.txt", page.text))


@cache
def default_pipeline() -> Pipeline:
    """One pipeline for every page, built on first use: engines load once."""
    return Pipeline()


def cases() -> list:
    params = []
    for name, page in PAGES.items():
        for check_id, check in checks_of(page):
            why = KNOWN_FAILURES.get((name, check_id))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            params.append(pytest.param(name, check, id=f"{name}-{check_id}", marks=marks))
    return params


def test_there_are_acceptance_pages_with_every_defect() -> None:
    golds = [page.gold for page in PAGES.values()]
    assert len(golds) >= 10
    flag_types = {flag["type"] for gold in golds for flag in gold["flags"]}
    assert flag_types == {"repeated_list_item", "inconsistent_figures", "truncated_ending"}
    assert any(not gold["duplicates"] and not gold["flags"] and not gold.get("spelling") for gold in golds)  # a control


@pytest.mark.parametrize(("name", "check"), cases())
def test_page(name: str, check) -> None:
    result = cleaned(name)
    outcome = check(result.text, result.changes)
    assert outcome.ok, f"{name}: {outcome.name}: {outcome.detail}"
