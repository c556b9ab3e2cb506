"""Worst-case pages: the full pipeline's time grows with a page's length, never with its square.

Run with `.venv/bin/python -m pytest benchmarks/bench_worst_case.py --benchmark-enable -s`. An archive
holds pages no newspaper article looks like: a results table of figures with no full stop, a line of
digits, a scan read as characters each followed by a space. One such page must not stall a batch.
Each kind of page is cleaned at SHORT and at 4 × SHORT characters; the longer one may take at most
MAX_GROWTH times as long (linear work gives 4; the margin absorbs this machine's noise). Before
these were made linear, a column of percentages grew 14-fold, a run of digits 16-fold. Some work
grows with the square only slowly, a small share of the time at SHORT: those pages are cleaned at
LONG and 4 × LONG (a column without punctuation took 2.1 s at 200,000 characters, 23 s at 800,000,
x11, before R102 read a block's brackets and quotes once for all its wraps; then x3), and so are pages
whose cost per finding grew with the page (a join per sentence cut around a source tag; a doubled
character between two words, the text before it copied each time). S102's evidence
is weighed alone at sites spread over a document of DOCUMENT and 4 × DOCUMENT characters.
"""

from __future__ import annotations

import time

import pytest

from cleaner.evaluation.corpus import DEFAULT_CORPUS, load_articles
from cleaner.lexicon import lexicon
from cleaner.lm import language_model
from cleaner.model import Document
from cleaner.patterns import HAN
from cleaner.pipeline import Context, Options, Pipeline
from cleaner.stages.spelling_evidence import Scorer, evidence
from timing import best_seconds

SHORT = 20_000
LONG = 200_000
DOCUMENT = 500_000  # characters of the shorter document whose spelling evidence is weighed
MAX_GROWTH = 6.0
ROUNDS = 2
# What one unit, repeated to length, exercises
PAGES = {
    "digits": "1",  # a number's protection, tried at every digit of the run
    "spaced_han": "中 ",  # the look-alike context window, read across the whole line
    "percentages": "12%",  # thousands of doubled figures settling
    "counts_without_full_stop": "36项、",  # every count of a sentence against every other
    "open_brackets": "（好",
    "crlf_lines": "中\r\n",
    "list_items": "一、好\n",
    "doubled_words": "污染",
    "stray_spaces": "中国 人民，",  # N104: the quotes and brackets open before each space
    "stray_spaces_in_wrapped_lines": "中国 人民\n中国人民，\n",  # N104: the paragraph's longest line
    "doubled_words_in_sentences": "我们我们，",  # a new repeat looked for beside each deletion
    "shares_without_full_stop": "有12人，占12%，",  # each share against the counts before it
    "table_without_punctuation": "项目  数量  金额\n",  # each wrap's lines before and after it in a long block
    "column_without_punctuation": "新工艺和新技术引起了恒大集团的\n",  # spaced Han at each wrap
    "repeated_lines": "　　好。\n",  # verse's run of lines around each line, past the copies of a line read twice
    # D301 after its deletions: each line against every deletion (x6.7, before a bisection)
    "doubled_lines": "会议在北京人民大会堂隆重举行。\n会议在北京人民大会堂隆重举行。\n代表们认真审议了政府工作报告。\n",
}
# Cleaned at LONG and 4 × LONG
LONG_PAGES = {
    "long_column_without_punctuation": "新工艺和新技术引起了恒大集团的\n",  # R102: the block's brackets at each wrap
    # R104: each sentence cut around a source tag against every join of the page (x8.0 for 80,000 -> 320,000
    # characters, before a bisection)
    "cut_around_source_tags": (
        "通话时间可长达五小时，或待机时间\n六十小时。\n\n（小苏）\n\n"
        "本报讯为加快西部经济发展，新疆八一棉纺织厂等\n家棉纺企业被列入规划项目。\n\n"
    ),
    # D102: the text before each doubled character copied to see a word form across it (x7.0, then x4.1)
    "doubled_characters_between_words": "在职职工，大使使馆。\n",
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    pipeline = Pipeline(options=Options(profile="full"))
    pipeline.run(Document("warm", "warm", "会议在北京人民大会堂举衍。" * 20))  # load the engines
    return pipeline


def seconds_to_clean(pipeline: Pipeline, text: str) -> float:
    """The best of ROUNDS runs of the pipeline on `text` (`timing.best_seconds`)."""
    return best_seconds(lambda: pipeline.run(Document("page", "page", text)), ROUNDS)


@pytest.mark.parametrize("kind", [*PAGES, *LONG_PAGES])
def test_time_grows_linearly_with_the_page(benchmark, pipeline: Pipeline, kind: str) -> None:  # type: ignore[no-untyped-def]
    unit, length = (PAGES[kind], SHORT) if kind in PAGES else (LONG_PAGES[kind], LONG)
    short, long = ((unit * (size // len(unit) + 1))[:size] for size in (length, 4 * length))
    short_seconds = seconds_to_clean(pipeline, short)
    long_seconds = benchmark.pedantic(seconds_to_clean, args=(pipeline, long), rounds=1, iterations=1)
    # below a few milliseconds, timer resolution and start-up decide the ratio, not the work
    growth = long_seconds / max(short_seconds, 0.005)
    benchmark.extra_info.update(short_seconds=short_seconds, long_seconds=long_seconds, growth=growth)
    print(f"\n{kind}: {length:,} chars {short_seconds:.3f} s, {4 * length:,} chars {long_seconds:.3f} s, x{growth:.1f}")
    assert growth <= MAX_GROWTH


def seconds_for_evidence(text: str, every: int) -> float:
    """The time to weigh S102's evidence at a Han character every `every` characters of `text`, as one
    document: the sites grow with the document, so work per site growing with it would show as a square."""
    context = Context.default()
    model, words = language_model(context).model, lexicon(context)
    scorer = Scorer(model, text, 8)
    sites = [position for position in range(0, len(text), every) if HAN.match(text[position])]
    started = time.perf_counter()
    for position in sites:
        evidence(scorer, position, text[position], "史", ["吏", "使"], words)
    return time.perf_counter() - started


def test_spelling_evidence_grows_linearly_with_the_document(benchmark) -> None:  # type: ignore[no-untyped-def]
    # S102 asks whether the corrected word is elsewhere on the page and the wrong character repeated:
    # asked of the text itself, each question read the whole document (500,000 characters 2.1 s, 2,000,000
    # 16.6 s); the page's words are indexed once now (0.8 s, 1.9 s)
    if not DEFAULT_CORPUS.is_file():
        pytest.skip(f"{DEFAULT_CORPUS}: the People's Daily corpus is not beside the project")
    corpus = "\n\n".join(article.text for article in load_articles(DEFAULT_CORPUS))
    short, long = ((corpus * (size // len(corpus) + 1))[:size] for size in (DOCUMENT, 4 * DOCUMENT))
    seconds_for_evidence(short[:20_000], 1_000)  # load the engines
    short_seconds = seconds_for_evidence(short, 1_000)
    long_seconds = benchmark.pedantic(seconds_for_evidence, args=(long, 1_000), rounds=1, iterations=1)
    growth = long_seconds / short_seconds
    benchmark.extra_info.update(short_seconds=short_seconds, long_seconds=long_seconds, growth=growth)
    print(f"\nspelling evidence: {DOCUMENT:,} chars {short_seconds:.3f} s, {4 * DOCUMENT:,} {long_seconds:.3f} s")
    assert growth <= MAX_GROWTH
