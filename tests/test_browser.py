"""The seed page's HTML report in a real browser (Debian's chromium, headless, via Playwright).

Checks that highlights are linked across both sides and to the list, that the filters hide and
show, and takes a screenshot: into the test's temporary folder, or, with CLEANER_SCREENSHOT=PATH
(`make screenshot`), to PATH for the README. `make chromium` installs the browser.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cli_runs import SEED

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
# a run of the tests leaves the committed picture alone unless asked to renew it
SCREENSHOT = os.environ.get("CLEANER_SCREENSHOT")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run `make chromium`")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """Clean the seed page with the full pipeline; its review page and its report rows."""
    import json

    out = tmp_path_factory.mktemp("browser") / "out"
    args = ["clean", str(SEED), "-o", str(out), "--no-cache", "-j", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [page] = (out / "report").rglob("*.html")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return page, report["documents"][0]["changes"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def test_seed_report_links_filters_and_screenshot(seed_report, browser, tmp_path: Path) -> None:
    page_path, changes = seed_report
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_path.as_uri())

    assert page.locator("#list li").count() == len(changes)
    assert page.inner_text("#shown") == f"{len(changes)} of {len(changes)} changes shown"
    assert page.locator(".grid.long").count() == 0  # a newspaper page is laid out whole, as it loads
    # every stage that reported something is highlighted on the page, on both sides
    for stage in {c["stage"] for c in changes}:
        assert page.locator(f"#original .m.st-{stage}").count() > 0, stage
        assert page.locator(f"#corrected .m.st-{stage}").count() > 0, stage
    assert page.locator(".m.s-flagged").count() > 0, "the seed page's flags are shown"

    # hovering a change on the left lights up its twin on the right and its line in the list
    number = next(i for i, c in enumerate(changes) if c["status"] == "applied")
    left = page.locator(f'#original .m[data-c~="c{number}"]').first
    left.hover()
    assert page.locator(f'#corrected .m.hl[data-c~="c{number}"]').count() >= 1
    assert page.locator(f'#list li.hl[data-c="c{number}"]').count() == 1
    assert changes[number]["message"] in (left.get_attribute("title") or "")  # the message on hover
    # clicking an item in the list selects the change on both sides
    flag = next(i for i, c in enumerate(changes) if c["status"] == "flagged")
    page.locator(f'#list li[data-c="c{flag}"]').click()
    assert page.locator(f'#original .m.sel[data-c~="c{flag}"]').count() >= 1
    assert page.locator(f'#corrected .m.sel[data-c~="c{flag}"]').count() >= 1

    # filters: switching off "applied" hides those changes and their highlights, and back on
    counts = Counter(c["status"] for c in changes)
    page.uncheck('.filters input[name="status"][value="applied"]')
    assert page.locator("#list li:not([hidden])").count() == len(changes) - counts["applied"]
    assert page.locator(f'#list li[data-c="c{number}"]').is_hidden()
    assert "off" in (left.get_attribute("class") or "").split()
    page.check('.filters input[name="status"][value="applied"]')
    assert page.locator("#list li:not([hidden])").count() == len(changes)
    # a stage filter and a rule filter
    stage = changes[number]["stage"]
    page.uncheck(f'.filters input[name="stage"][value="{stage}"]')
    hidden = sum(c["stage"] == stage for c in changes)
    assert page.inner_text("#shown") == f"{len(changes) - hidden} of {len(changes)} changes shown"
    page.check(f'.filters input[name="stage"][value="{stage}"]')
    rule = changes[flag]["rule"]
    page.uncheck(f'.filters input[name="rule"][value="{rule}"]')
    assert page.locator(f'#list li[data-c="c{flag}"]').is_hidden()
    page.check(f'.filters input[name="rule"][value="{rule}"]')

    # the picture for the README: a flag selected, its message in the list
    page.locator(f'#list li[data-c="c{flag}"]').click()
    page.evaluate("window.scrollTo(0, 0)")
    picture = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "seed_report.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(picture))
    assert picture.stat().st_size > 10_000  # a page with text on it, not a blank frame
    assert errors == []


def test_batch_index_links_to_the_page(seed_report, browser) -> None:
    page_path, _ = seed_report
    out = next(p for p in page_path.parents if (p / "report.html").is_file())
    page = browser.new_page()
    page.goto((out / "report.html").as_uri())
    assert page.locator("svg.chart rect").count() > 0
    page.locator("table a").first.click()
    assert page.url == page_path.as_uri()
    page.locator("text=← batch report").click()
    assert page.url == (out / "report.html").as_uri()


def test_the_changes_to_decide_come_first_when_asked(seed_report, browser) -> None:
    page_path, changes = seed_report
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_path.as_uri())
    rank = {"flagged": 0, "suggested": 1, "applied": 2, "skipped": 3}
    expected = sorted(range(len(changes)), key=lambda n: (rank[changes[n]["status"]], changes[n]["confidence"], n))
    page.select_option("#order", "review")
    listed = [li.get_attribute("data-c") for li in page.locator("#list li").all()]
    assert listed == [f"c{n}" for n in expected]
    assert {changes[n]["status"] for n in expected[:4]} == {"flagged"}  # the seed's four flags on top
    assert page.locator("#list li small").first.get_attribute("title").startswith("confidence: ")
    page.select_option("#order", "page")
    assert [li.get_attribute("data-c") for li in page.locator("#list li").all()] == [
        f"c{n}" for n in range(len(changes))
    ]
    assert errors == []


@pytest.fixture(scope="module")
def book_page(seed_report, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[dict[str, str]]]:
    """A book-length review page: the seed page and its changes five times over, one after another."""
    from dataclasses import replace

    from cleaner.edits import replay
    from cleaner.model import Change, Status
    from cleaner.report.html import document_page

    _, rows = seed_report
    text = SEED.read_text(encoding="utf-8")
    once = [
        Change(r["stage"], r["rule"], r["message"], r["start"], r["end"], r["before"], r["after"],
               Status(r["status"]), r["confidence"])
        for r in rows
    ]  # fmt: skip
    changes = [replace(c, start=c.start + k * len(text), end=c.end + k * len(text)) for k in range(5) for c in once]
    original = text * 5
    path = tmp_path_factory.mktemp("book") / "book.txt.html"
    path.write_text(document_page("book.txt", original, replay(original, changes), changes), encoding="utf-8")
    return path, original, rows * 5


def test_a_long_page_is_laid_out_in_blocks_and_groups_that_filter_and_link(book_page, browser) -> None:
    path, original, changes = book_page
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    # the text is cut into blocks, the list into groups, and neither adds or loses a character or an item
    assert page.locator(".grid.long").count() == 1  # only such a page skips laying out what is off screen
    assert page.locator("#original .blk").count() > 5
    assert page.evaluate("document.getElementById('original').textContent") == original
    assert page.locator("#list ol").count() == -(-len(changes) // 256)
    assert page.locator("#list li").count() == len(changes)

    # a change far down the list, clicked, is selected on both sides and scrolled into view in its block
    far = len(changes) - 3
    page.evaluate(f"document.querySelector('#list li[data-c=\"c{far}\"]').click()")
    mark = page.locator(f'#original .m.sel[data-c~="c{far}"]').first
    assert page.locator(f'#corrected .m.sel[data-c~="c{far}"]').count() >= 1
    box, seen = page.locator("#original").bounding_box(), mark.bounding_box()
    assert box and seen and box["y"] <= seen["y"] and seen["y"] + seen["height"] <= box["y"] + box["height"]
    # the next click takes the selection away from the last one's highlights and item
    page.evaluate("document.querySelector('#list li[data-c=\"c0\"]').click()")
    assert page.locator(".sel").count() == page.locator('.sel[data-c~="c0"]').count() > 1
    assert page.locator(f'.sel[data-c~="c{far}"]').count() == 0

    # a filter: groups number on from the items shown before them; a group with none shown is hidden
    page.uncheck('.filters input[name="status"][value="applied"]')
    shown = [c["status"] != "applied" for c in changes]
    assert page.locator("#list li:not([hidden])").count() == sum(shown)
    starts = page.evaluate("Array.from(document.querySelectorAll('#list ol')).map(g => [g.start, g.hidden])")
    assert [start for start, _ in starts] == [1 + sum(shown[: g * 256]) for g in range(len(starts))]
    assert [hidden for _, hidden in starts] == [not any(shown[g * 256 : g * 256 + 256]) for g in range(len(starts))]
    # an applied change's own highlight in the last block is switched off, and back on with the filter
    applied = next(n for n in reversed(range(len(changes))) if not shown[n])
    highlight = page.locator(f'#original .m[data-c="c{applied}"]').first
    assert "off" in (highlight.get_attribute("class") or "").split()
    page.check('.filters input[name="status"][value="applied"]')
    assert page.locator("#list li:not([hidden])").count() == len(changes)
    assert page.locator("#list ol[hidden]").count() == 0
    assert "off" not in (highlight.get_attribute("class") or "").split()
    assert errors == []
