"""Speed of a book-length review page in headless chromium: loading it, a filter, a click.

Run with `.venv/bin/python -m pytest benchmarks/bench_review_page.py --benchmark-enable -s` (needs
/usr/bin/chromium: `make chromium`). The page is the seed page's text and changes COPIES times over
(about 380,000 characters and 19,000 changes, a year-volume cleaned as one file): before its texts
came in blocks and its list in groups, a page of that size took 11 s to load and 4-5 s a filter.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.edits import replay
from cleaner.model import Document
from cleaner.pipeline import Options, Pipeline
from cleaner.report.html import document_page

SEED = Path(__file__).resolve().parent.parent / "corpus" / "sample" / "000_bd518e65fe7e672d.txt"
CHROMIUM = Path("/usr/bin/chromium")
COPIES = 60
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# a frame drawn after the action, so the time includes the layout it caused
SETTLED = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium: run `make chromium`")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = SEED.read_text(encoding="utf-8")
    seed = Pipeline(options=Options(profile="fast")).run(Document(SEED.name, str(SEED), text))
    shift = len(text)
    changes = [
        replace(c, start=c.start + k * shift, end=c.end + k * shift) for k in range(COPIES) for c in seed.changes
    ]
    original = text * COPIES
    path = tmp_path_factory.mktemp("book") / "book.txt.html"
    path.write_text(document_page("book.txt", original, replay(original, changes), changes), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(book: Path):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser.new_page(viewport={"width": 1600, "height": 1000})
        browser.close()


def test_load(benchmark, book: Path, page) -> None:  # type: ignore[no-untyped-def]
    def load() -> None:
        page.goto(book.as_uri(), timeout=120_000)
        page.evaluate(SETTLED)

    benchmark.pedantic(load, rounds=3)
    assert page.locator("#list li").count() % COPIES == 0


def test_filter_off_and_on(benchmark, book: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(book.as_uri(), timeout=120_000)
    box = '.filters input[name="status"][value="applied"]'

    def toggle() -> None:
        page.uncheck(box, timeout=120_000)
        page.evaluate(SETTLED)
        page.check(box, timeout=120_000)
        page.evaluate(SETTLED)

    benchmark.pedantic(toggle, rounds=3)
    assert page.locator("#list li[hidden]").count() == 0


def test_click_a_change_far_down_the_list(benchmark, book: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(book.as_uri(), timeout=120_000)
    far = page.locator("#list li").count() * 9 // 10

    def click() -> None:
        page.evaluate(f"document.querySelector('#list li[data-c=\"c{far}\"]').click()")
        page.evaluate(SETTLED)

    benchmark.pedantic(click, rounds=3)
    assert page.locator(f'#original .m.sel[data-c~="c{far}"]').count() >= 1
