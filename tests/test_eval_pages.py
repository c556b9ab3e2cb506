"""`cleaner eval pages`: seed-like pages with injected defects, their gold, and their scores through the real pipeline.

The articles are the acceptance pages' gold texts, written as a small corpus, so the test needs nothing beside
the project.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.evaluation.corpus import gold_pages, is_held_out
from cleaner.evaluation.page_checks import Page, canonical, checks_of, han_damage
from cleaner.evaluation.pages import PageTally, score, seed_like_pages
from cleaner.model import Document
from cleaner.pipeline import Pipeline

PAGES = Path(__file__).resolve().parent / "pages"


def write_corpus(folder: Path) -> Path:
    """The acceptance pages' gold texts as training articles of a JSON-lines corpus."""
    ids = (f"19980101-01-{n:03d}" for n in range(1000))
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as stream:
        for page in gold_pages(PAGES)[:30]:
            article_id = next(i for i in ids if not is_held_out(i))
            stream.write(json.dumps({"id": article_id, "paragraphs": page.paragraphs}, ensure_ascii=False) + "\n")
    return corpus


@cache
def small_run() -> tuple[Page, ...]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="eval-pages-"))
    return tuple(seed_like_pages(write_corpus(folder), held_out=False, count=3, seed=2))


def undone(page: Page) -> str:
    """The damaged page with its injected defects undone from the gold alone: each doubled word's second copy
    deleted, each cut joined, the blocks between its halves set after its paragraph."""
    text = page.text
    edits = [(d["start"], d["end"], None) for d in page.gold["duplicates"]]
    edits += [(b["start"], b["end"], b) for b in page.gold["boundaries"] if b["type"] == "join"]
    for start, end, join in sorted(edits, key=lambda edit: -edit[0]):
        blocks = [block for block in text[start:end].split("\n\n") if block.strip()]
        text = text[:start] + text[end:]
        if join is not None and blocks:
            paragraph_end = text.find("\n\n", start) % (len(text) + 1)
            text = text[:paragraph_end] + "".join("\n\n" + block for block in blocks) + text[paragraph_end:]
    return text


def test_the_gold_text_is_the_page_with_its_defects_undone() -> None:
    pages = small_run()
    assert len(pages) == 3
    for page in pages:
        assert canonical(undone(page)) == canonical(page.gold_text), page.name
        assert page.gold["boundaries"], page.name


def test_every_gold_span_holds_what_the_gold_says() -> None:
    kinds = set()
    for page in small_run():
        squeezed = re.sub(r"\s+", "", page.text)  # offsets are page offsets; a hard wrap adds newlines
        for duplicate in page.gold["duplicates"]:
            second = re.sub(r"\s+", "", page.text[duplicate["start"] : duplicate["end"]])
            assert second == duplicate["before"] and duplicate["before"] * 2 in duplicate["context"]
            assert 2 <= len(duplicate["before"]) <= 4
            kinds.add("duplicate")
        for flag in page.gold["flags"]:
            assert re.sub(r"\s+", "", page.text[flag["start"] : flag["end"]]) == re.sub(r"\s+", "", flag["text"])
            kinds.add(flag["type"])
        for boundary in page.gold["boundaries"]:
            gap = page.text[boundary["start"] : boundary["end"]]
            assert gap == "\n\n" or (boundary["type"] == "join" and gap.startswith("\n\n") and "across" in boundary)
            before = re.sub(r"\s+", "", page.text[: boundary["start"]])
            assert before.endswith(re.sub(r"\s+", "", boundary["left"])) or boundary["type"] == "keep_break"
            kinds.add(boundary["type"])
        assert len(squeezed) > 1000
    assert kinds >= {"join", "keep_break", "duplicate", "repeated_list_item"}


def test_the_gold_text_as_output_passes_every_check_but_the_flags() -> None:
    for page in small_run():
        results = {name: check(page.gold_text, []).ok for name, check in checks_of(page)}
        assert {name for name, ok in results.items() if not ok} == {f"flag-{f['type']}" for f in page.gold["flags"]}
        assert han_damage(page.gold_text, page.gold_text) == 0
        # every doubled character differs, and so do the blocks a join moves
        assert han_damage(page.gold_text, page.text) >= sum(len(d["before"]) for d in page.gold["duplicates"]) > 0


def test_the_scores_are_what_the_checks_compute() -> None:
    pages = small_run()
    pipeline = Pipeline()
    tally = score(pages, pipeline)
    expected = PageTally()
    joins = 0
    for page in pages:
        result = pipeline.run(Document(page.name, f"{page.name}.txt", page.text))
        for name, check in checks_of(page):
            expected.add_check(name.removeprefix("flag-"), check(result.text, result.changes).ok)
        expected.add_check("Han damage 0", han_damage(page.gold_text, result.text) == 0)
        joins += sum(b["type"] == "join" for b in page.gold["boundaries"])
    assert tally.pages == expected.pages and tally.passed == expected.passed
    assert sum(n for kind, n in tally.total.items() if kind.startswith("join")) == joins > 0
    assert tally.characters == sum(len(page.text) for page in pages)


def test_the_command_reports_each_check_and_shows_misses(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    args = ["eval", "pages", "--corpus", str(corpus), "--split", "train", "--pages", "2", "--seed", "2"]
    result = CliRunner().invoke(main, [*args, "--show-misses", "5", "--write", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "pages: 2 seed-like pages of train articles, seed 2" in result.output
    for row in ("joins", "breaks", "duplicates", "no-false-flags", "text", "Han damage 0", "all joins"):
        assert re.search(rf"^{re.escape(row)}\s+\d+\s+\d+", result.output, re.MULTILINE), row
    assert len(list((tmp_path / "out").glob("*.gold.json"))) == 2
