"""Throughput of the figures stage on real newspaper text: at least 2 million characters per second.

Run with `.venv/bin/python -m pytest benchmarks/bench_figures.py --benchmark-enable -s`. The text is
the held-out People's Daily articles after the normalize stage, as the figures stage sees them.
"""

from __future__ import annotations

import pytest

from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
from cleaner.model import Document
from cleaner.pipeline import Context, FunctionStage, Pipeline
from cleaner.stages import figures

TARGET_CHARS_PER_SECOND = 2_000_000


@pytest.fixture(scope="module")
def page_text() -> str:
    if not DEFAULT_CORPUS.is_file():
        pytest.skip(f"{DEFAULT_CORPUS}: the People's Daily corpus is not beside the project")
    normalize = Pipeline(stages=[FunctionStage("normalize", "cleaner.stages.normalize")])
    articles = load_articles(DEFAULT_CORPUS, held_out=True)
    return "\n\n".join(normalize.run(Document(a.id, a.id, a.text)).text for a in articles)


def test_figures_stage_throughput(benchmark, page_text: str) -> None:
    context = Context.default()
    figures.find("列入问题36个，已办结34个，办结率达94.4%。", context)  # compile patterns, load cn2an
    benchmark.pedantic(figures.find, args=(page_text, context), rounds=5, iterations=1)
    if benchmark.enabled:
        rate = len(page_text) / benchmark.stats.stats.min
        benchmark.extra_info["characters"] = len(page_text)
        benchmark.extra_info["chars_per_second"] = round(rate)
        print(f"\nfigures stage: {len(page_text):,} characters, {rate / 1e6:.2f} million characters per second")
        assert rate >= TARGET_CHARS_PER_SECOND
