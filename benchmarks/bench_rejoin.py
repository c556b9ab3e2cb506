"""Throughput of layout + rejoin on pages with typical break density: at least 2 million characters per second.

Run with `.venv/bin/python -m pytest benchmarks/bench_rejoin.py --benchmark-enable -s`. The pages are
held-out People's Daily articles with page and column cuts injected as `cleaner eval rejoin` does
(blank lines between paragraphs, a share of them cut in two), after the normalize stage. The language
model is scored only at candidate gaps. A hard-wrapped column (a line break every 10-20 characters)
is measured too, for the record.
"""

from __future__ import annotations

import random

import pytest

from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
from cleaner.evaluation.rejoin import cut_page, wrap_page
from cleaner.model import Document
from cleaner.pipeline import Context, FunctionStage, Pipeline
from cleaner.stages import layout, rejoin

TARGET_CHARS_PER_SECOND = 2_000_000
ARTICLES = 300


def normalized(pages: list[str]) -> str:
    normalize = Pipeline(stages=[FunctionStage("normalize", "cleaner.stages.normalize")])
    return "\n\n".join(normalize.run(Document(str(n), str(n), page)).text for n, page in enumerate(pages))


@pytest.fixture(scope="module")
def articles() -> list:
    if not DEFAULT_CORPUS.is_file():
        pytest.skip(f"{DEFAULT_CORPUS}: the People's Daily corpus is not beside the project")
    return list(load_articles(DEFAULT_CORPUS, held_out=True))[:ARTICLES]


def layout_and_rejoin(text: str, context: Context) -> int:
    context.annotations.clear()
    layout.find(text, context)
    return len(rejoin.find(text, context))


def measure(benchmark, text: str, label: str) -> float:
    context = Context.default()
    layout_and_rejoin(text[:5000], context)  # load rules, language model and lexicon
    joins = benchmark.pedantic(layout_and_rejoin, args=(text, context), rounds=5, iterations=1)
    rate = len(text) / benchmark.stats.stats.min
    benchmark.extra_info["characters"] = len(text)
    benchmark.extra_info["chars_per_second"] = round(rate)
    print(f"\nlayout+rejoin, {label}: {len(text):,} characters, {joins} joins, {rate / 1e6:.2f} million chars/s")
    return rate


def test_layout_rejoin_throughput_typical_pages(benchmark, articles) -> None:
    rng = random.Random(1)
    text = normalized([cut_page(a.paragraphs, rng).text for a in articles])
    rate = measure(benchmark, text, "cut pages")
    if benchmark.enabled:
        assert rate >= TARGET_CHARS_PER_SECOND


def test_layout_rejoin_throughput_hard_wrapped(benchmark, articles) -> None:
    rng = random.Random(1)
    text = normalized([wrap_page(a.paragraphs, rng.randint(10, 20)).text for a in articles[:100]])
    measure(benchmark, text, "hard-wrapped columns")
