"""Start-up and per-gap costs of the language model and the lexicon, which stages pay once per process or per gap.

Run with `.venv/bin/python -m pytest benchmarks/bench_lm.py --benchmark-enable`. Targets: the lexicon
loads in under 1 s and the model in under 0.2 s (each once per process); scoring one gap (the joined
and the cut reading of 8 characters each side) and listing the words across it cost microseconds.
"""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from cleaner.lexicon import load_lexicon
from cleaner.lm import load_language_model

LEFT, RIGHT = "方面出新工艺和新", "技术引起了广泛关"


def mean_seconds(benchmark: BenchmarkFixture) -> float:
    """The mean time of a run, or 0 when benchmarks are off (a plain test run checks only the results)."""
    return benchmark.stats.stats.mean if benchmark.enabled and benchmark.stats else 0.0


def test_lexicon_load(benchmark: BenchmarkFixture) -> None:
    words = benchmark.pedantic(load_lexicon, rounds=3, iterations=1)
    assert len(words) > 300_000
    assert mean_seconds(benchmark) < 1.0


def test_model_load(benchmark: BenchmarkFixture) -> None:
    model = benchmark.pedantic(load_language_model, rounds=5, iterations=1)
    assert model.order == 5
    assert mean_seconds(benchmark) < 0.2


def test_score_one_gap(benchmark: BenchmarkFixture) -> None:
    model = load_language_model()

    def gap() -> float:
        return model.score(LEFT + RIGHT) - model.score(LEFT, eos=True) - model.score(RIGHT, bos=True)

    assert benchmark(gap) > 0
    assert mean_seconds(benchmark) < 50e-6


def test_words_across_one_gap(benchmark: BenchmarkFixture) -> None:
    words = load_lexicon()
    benchmark(words.words_across, "实行限期办理", 3)
    assert mean_seconds(benchmark) < 20e-6
