"""Throughput of the duplicates stage on real newspaper text: at least 2 million characters per second.

Run with `.venv/bin/python -m pytest benchmarks/bench_duplicates.py --benchmark-enable`. The engines
(language model, word list, jieba) are loaded before timing: a process loads them once.
"""

from __future__ import annotations

import pytest

from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
from cleaner.evaluation.duplicates import normalizer
from cleaner.pipeline import Context
from cleaner.stages import duplicates

TARGET_CHARS_PER_SECOND = 2_000_000


@pytest.fixture(scope="module")
def page_text() -> str:
    if not DEFAULT_CORPUS.is_file():
        pytest.skip(f"{DEFAULT_CORPUS}: the People's Daily corpus is not beside the project")
    normalize = normalizer()
    articles = list(load_articles(DEFAULT_CORPUS, held_out=True))
    return "\n\n".join(normalize(article.text) for article in articles)


def test_duplicates_stage_throughput(benchmark, page_text: str) -> None:
    context = Context.default()
    duplicates.find(page_text, context)  # load the engines (model, word list, jieba's tags) outside the timing
    findings = benchmark.pedantic(duplicates.find, args=(page_text, context), rounds=5, iterations=1)
    assert all(f.rule.startswith("D") for f in findings)
    if benchmark.enabled:
        rate = len(page_text) / benchmark.stats.stats.median
        benchmark.extra_info["characters"] = len(page_text)
        benchmark.extra_info["chars_per_second"] = round(rate)
        print(f"\nduplicates stage: {len(page_text):,} characters, {rate / 1e6:.2f} million characters per second")
        assert rate >= TARGET_CHARS_PER_SECOND
