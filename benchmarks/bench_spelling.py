"""Throughput of the whole pipeline with spelling (≥ 40,000 characters per second on one core), and of
pycorrector's own kenlm Corrector with the same model on a sample of the same text, in one run.

Run with `.venv/bin/python -m pytest benchmarks/bench_spelling.py --benchmark-enable -s`. Engines
are loaded before timing: a process loads them once. pycorrector's Corrector runs at a few hundred
characters per second, so it is timed on a small sample.
"""

from __future__ import annotations

import time

import pytest

from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
from cleaner.model import Document
from cleaner.pipeline import Context, Pipeline

TARGET_CHARS_PER_SECOND = 40_000
BASELINE_SAMPLE = 2_000
RESULTS: dict[str, float] = {}


@pytest.fixture(scope="module")
def page_text() -> str:
    if not DEFAULT_CORPUS.is_file():
        pytest.skip(f"{DEFAULT_CORPUS}: the People's Daily corpus is not beside the project")
    texts = []
    for article in load_articles(DEFAULT_CORPUS, held_out=True):
        texts.append(article.text)
        if sum(map(len, texts)) > 60_000:
            break
    return "\n\n".join(texts)


def test_pipeline_with_spelling_throughput(benchmark, page_text: str) -> None:
    pipeline = Pipeline()
    pipeline.run(Document("warm", "warm.txt", page_text[:2000]))  # load every engine outside the timing
    document = Document("bench", "bench.txt", page_text)
    cpu_seconds: list[float] = []

    def run() -> None:
        started = time.process_time()
        pipeline.run(document)
        cpu_seconds.append(time.process_time() - started)

    benchmark.pedantic(run, rounds=3, iterations=1)
    if benchmark.enabled:
        # one core: the pipeline is single-threaded, so its CPU time is what one core spends; the
        # wall clock also counts whatever else the (shared) machine was doing meanwhile
        rate = len(page_text) / min(cpu_seconds)
        wall_rate = len(page_text) / benchmark.stats.stats.min
        RESULTS["pipeline"] = rate
        benchmark.extra_info.update(
            characters=len(page_text), chars_per_cpu_second=round(rate), chars_per_wall_second=round(wall_rate)
        )
        print(
            f"\nwhole pipeline with spelling: {len(page_text):,} characters, {rate:,.0f} characters per CPU second "
            f"({wall_rate:,.0f} per wall-clock second)"
        )
        assert rate >= TARGET_CHARS_PER_SECOND


def test_pycorrector_corrector_throughput(benchmark, page_text: str) -> None:
    from pycorrector import Corrector

    from cleaner.lm import language_model

    corrector = Corrector(language_model_path=str(language_model(Context.default()).path))
    lines = [line for line in page_text.split("\n") if line.strip()]
    sample, size = [], 0
    for line in lines:
        if size >= BASELINE_SAMPLE:
            break
        sample.append(line)
        size += len(line)
    corrector.correct(sample[0][:20])  # load its dictionaries and model outside the timing

    cpu_seconds: list[float] = []

    def run() -> None:
        started = time.process_time()
        for line in sample:
            corrector.correct(line)
        cpu_seconds.append(time.process_time() - started)

    benchmark.pedantic(run, rounds=1, iterations=1)
    rate = size / min(cpu_seconds)
    benchmark.extra_info.update(characters=size, chars_per_cpu_second=round(rate))
    print(f"\npycorrector Corrector (same model): {size:,} characters, {rate:,.0f} characters per CPU second")
    if "pipeline" in RESULTS:
        print(f"whole pipeline with spelling is {RESULTS['pipeline'] / rate:,.0f} times faster")
