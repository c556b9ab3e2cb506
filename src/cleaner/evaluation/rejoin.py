"""`cleaner eval rejoin`: page-break, column-break and hard-wrap cuts injected into People's Daily.

The articles of each printed page, in order, become one page of text (paragraphs separated by
blank lines; only the articles of the chosen split). Some body paragraphs (running
text of 20 characters or more that ends a sentence; headlines and tables are not cut by columns)
are cut in two, the way a column or page ends: inside a word, between words, after a comma, or
right after a sentence end (the type drawn evenly, then a position of that type evenly).

Which paragraphs hold a cut (`--cuts`): a page or column break lands at a point spread evenly
over the characters of running text, so a paragraph holds one in proportion to its length, and a
very short left fragment (the paragraph began just before the break) is as rare as on a real page.
`characters` (the default since the rejoin weights of 2026-11-26) draws each paragraph with that
chance, the page's expected number of cuts unchanged; `paragraphs` (the generator before) cut every
long enough paragraph with the same chance, which over-represents short paragraphs and so short
headline-like fragments (这家出版社|对一些经典). Both are kept to compare figures.
`--within N` puts every cut among the first N characters of its paragraph (a break that falls just after a
paragraph began: 初夏时节，走进柳林县|石桥镇), every long enough paragraph with the same chance, and
`--pages DIR` cuts the paragraphs of the gold texts of a folder (`*.gold.txt`, the acceptance pages in
the seed's format) instead of the corpus's.

Other articles are hard-wrapped into a column of 10 to 20 characters, one line per column line,
paragraphs on single line breaks. The gold is the original paragraphs: a cut or a
wrap must be joined; every real paragraph boundary (headlines, bylines, date lines included) must
stay. The pipeline (normalize, layout, rejoin) runs on each page, and its applied joins are scored
per cut type beside a punctuation-only baseline (join when the left side lacks closing
punctuation).

>>> page = cut_page(("标题", "今年以来，魏都区一直坚持不懈优化营商环境。"), random.Random(1), cut_share=1.0)
>>> [gap.kind in CUT_TYPES for gap in page.gaps]
[False, True]
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..lm import load_language_model
from ..pipeline import Options, Pipeline
from ..resources import Resources
from ..stages.layout_measures import ends_sentence
from .columns import column_lines
from .corpus import (
    CORPUS_HELP,
    DEFAULT_CORPUS,
    FIT_FOLDS,
    SEED_HELP,
    Article,
    fit_fold,
    gold_pages,
    load_articles,
    newspaper_pages,
)
from .rejoin_score import CUT_TYPES, score_pages, table

PUNCTUATION = set("，。、；：？！“”‘’（）《》【】…—·,.;:?!()\"'")
MIN_CUT_LENGTH = 20  # a body paragraph shorter than this is not cut
WHITESPACE = frozenset(" \t\u3000")


@dataclass(frozen=True, slots=True)
class GoldGap:
    """A break in a generated page: its span and what it is (a cut type, a wrap, or a boundary)."""

    start: int
    end: int
    kind: str
    left_ends_sentence: bool


@dataclass
class Page:
    text: str = ""
    gaps: list[GoldGap] = field(default_factory=list)

    def add(self, piece: str, separator: str, kind: str) -> None:
        if self.text:
            left_end = len(self.text)
            self.gaps.append(GoldGap(left_end, left_end + len(separator), kind, ends_sentence(self.text)))
            self.text += separator
        self.text += piece


def cut_positions(paragraph: str) -> dict[str, list[int]]:
    """Where a paragraph can be cut, by type (offsets of the cut, never at either end).

    >>> positions = cut_positions("新技术引起兴趣，合作展开。结果好。")
    >>> bool(positions["mid-word"]), positions["after-comma"], positions["after-sentence"]
    (True, [8], [13])
    """
    import jieba

    found: dict[str, list[int]] = {kind: [] for kind in CUT_TYPES}
    offset = 0
    for word in jieba.lcut(paragraph, HMM=False):
        if len(word) >= 2 and not any(char in PUNCTUATION for char in word):
            found["mid-word"].extend(range(offset + 1, offset + len(word)))
        offset += len(word)
        if offset >= len(paragraph):
            break
        before, after = paragraph[offset - 1], paragraph[offset]
        if before in "，、":
            found["after-comma"].append(offset)
        elif ends_sentence(paragraph[:offset]) and after not in PUNCTUATION:
            found["after-sentence"].append(offset)
        elif before not in PUNCTUATION and after not in PUNCTUATION:
            found["between-words"].append(offset)
    return found


def cuttable(paragraph: str) -> bool:
    """Whether a paragraph is running text a column break may cut: headlines span columns in large
    type, tables are set apart."""
    return len(paragraph) >= MIN_CUT_LENGTH and ends_sentence(paragraph)


def cut_page(
    paragraphs: tuple[str, ...], rng: random.Random, cut_share: float = 0.6, by: str = "characters", within: int = 0
) -> Page:
    """A page of blank-line-separated paragraphs, with a share of the long ones cut in two; `by`
    characters, a paragraph's chance grows with its length (the mean one's is `cut_share`); `within` N,
    each cut falls among the first N characters (never beside a space, which the pipeline leaves out of a join).

    >>> page = cut_page(("标题", "今年以来，魏都区一直坚持不懈优化营商环境。"), random.Random(1), 1.0, within=6)
    >>> len(page.text.split("\\n\\n")[1]) <= 6
    True
    """
    page = Page()
    kind = "boundary"
    lengths = [len(p) for p in paragraphs if cuttable(p)]
    mean_length = sum(lengths) / len(lengths) if lengths else 1.0
    for paragraph in paragraphs:
        pieces = [paragraph]
        chance = cut_share * (len(paragraph) / mean_length if by == "characters" and not within else 1.0)
        if cuttable(paragraph) and rng.random() < chance:
            positions = cut_positions(paragraph)
            if within:
                positions = {
                    k: [p for p in found if p <= within and not {paragraph[p - 1], paragraph[p]} & WHITESPACE]
                    for k, found in positions.items()
                }
            available = [k for k in CUT_TYPES if positions[k]]
            if available:
                cut_kind = rng.choice(available)
                cut = rng.choice(positions[cut_kind])
                pieces = [paragraph[:cut], paragraph[cut:]]
        page.add(pieces[0], "\n\n", kind)
        if len(pieces) == 2:
            page.add(pieces[1], "\n\n", cut_kind)
    return page


def wrap_page(paragraphs: tuple[str, ...], width: int) -> Page:
    """A hard-wrapped column: every paragraph cut into lines of `width` characters, single newlines.

    >>> page = wrap_page(("标题", "今年以来，魏都区坚持不懈优化营商环境。"), 8)
    >>> page.text.split("\\n")
    ['标题', '今年以来，魏都区', '坚持不懈优化营商', '环境。']
    """
    page = Page()
    for paragraph in paragraphs:
        for number, line in enumerate(column_lines(paragraph, width)):
            if number == 0:
                page.add(line, "\n", "boundary")
            else:
                page.add(line, "\n", "wrap-after-sentence" if ends_sentence(page.text) else "wrap")
    return page


def generate(
    articles: Iterator, seed: int, wrap_share: float, cuts: str = "characters", within: int = 0
) -> Iterator[Page]:
    """Deterministic pages from articles: a `wrap_share` of them hard-wrapped, the rest cut (`within`: see cut_page)."""
    rng = random.Random(seed)
    for article in articles:
        if rng.random() < wrap_share:
            yield wrap_page(article.paragraphs, rng.randint(10, 20))
        else:
            yield cut_page(article.paragraphs, rng, by=cuts, within=within)


def select(corpus: Path, split: str, fold: int = 0) -> list[Article]:
    """The articles of a split: held-out, train (all of the training side), fit-fold (the training
    articles of fold `fold`) or fit-rest (the other training articles)."""
    if split == "held-out":
        return list(load_articles(corpus, held_out=True))
    train = list(load_articles(corpus, held_out=False))
    if split == "fit-fold":
        return [a for a in train if fit_fold(a.id) == fold]
    if split == "fit-rest":
        return [a for a in train if fit_fold(a.id) != fold]
    return train


@click.command(name="rejoin")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split",
    type=click.Choice(["held-out", "train", "fit-fold", "fit-rest"]),
    default="held-out",
    show_default=True,
    help="held-out to report; fit-fold to fit the weights (with --lm trained on fit-rest)",
)
@click.option("--limit", type=int, default=0, show_default=True, help="newspaper pages to use (0: all)")
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option(
    "--variants",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="damaged versions of every page, seeds SEED, SEED+1, ...: more cuts, a steadier figure",
)
@click.option("--wrap-share", type=float, default=0.3, show_default=True, help="share of pages hard-wrapped")
@click.option(
    "--cuts",
    type=click.Choice(["characters", "paragraphs"]),
    default="characters",
    show_default=True,
    help="cut paragraphs in proportion to their length, or all alike (the generator before)",
)
@click.option("--within", type=click.IntRange(0), default=0, help="cut paragraphs within their first N characters")
@click.option(
    "--pages",
    "pages_folder",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="cut the *.gold.txt of a folder",
)
@click.option("--errors", "show_errors", is_flag=True, help="print up to 40 wrong decisions")
@click.option(
    "--lm",
    "lm_paths",
    type=click.Path(path_type=Path, dir_okay=False),
    multiple=True,
    help="another language model; with --fit, one per fold (fold 0, 1, ...: each trained without its fold)",
)
@click.option("--fold", type=click.IntRange(0, FIT_FOLDS - 1), default=0, show_default=True, help="the fit fold")
@click.option("--fit", is_flag=True, help="fit the evidence weights (--split fit-fold); print them for rejoin.toml")
@click.option("--negative-weight", type=float, default=0.5, show_default=True, help="--fit: cost of a false join")
@click.option("--export-lm-corpus", type=click.Path(path_type=Path, dir_okay=False), help="write fit-rest (JSON lines)")
def rejoin(
    corpus: Path,
    split: str,
    limit: int,
    seed: int,
    variants: int,
    wrap_share: float,
    cuts: str,
    within: int,
    pages_folder: Path | None,
    show_errors: bool,
    lm_paths: tuple[Path, ...],
    fold: int,
    fit: bool,
    negative_weight: float,
    export_lm_corpus: Path | None,
) -> None:
    """Score the rejoin stage on articles with injected page, column and hard-wrap breaks.

    The weights in rules/rejoin.toml are fitted without the held-out articles, on text the language
    model has not seen: each quarter (fold) of the training side scored with a model trained on
    the other three.

    \b
      for k in 0 1 2 3; do
        cleaner eval rejoin --fold $k --export-lm-corpus /tmp/fit-rest-$k.jsonl
        cleaner train-lm /tmp/fit-rest-$k.jsonl -o /tmp/fit-rest-$k.klm
      done
      cleaner eval rejoin --split fit-fold --fit \\
        --lm /tmp/fit-rest-0.klm --lm /tmp/fit-rest-1.klm --lm /tmp/fit-rest-2.klm --lm /tmp/fit-rest-3.klm
    """
    if export_lm_corpus is not None:
        with export_lm_corpus.open("w", encoding="utf-8") as stream:
            for article in select(corpus, "fit-rest", fold):
                row = {"id": article.id, "paragraphs": article.paragraphs}
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        click.echo(f"wrote the training articles outside the fit fold to {export_lm_corpus}")
        return
    if fit and split == "held-out":
        raise click.UsageError("--fit tunes the weights: use it with --split fit-fold, never on held-out articles")
    if len(lm_paths) > 1 and not fit:
        raise click.UsageError("one --lm to score with; several only with --fit (one per fold)")
    if fit:
        from ..stages.rejoin_weights import with_interactions
        from .rejoin_fit import FIT_VARIANTS, FoldRows, cross_validate, fit_weights

        if len(lm_paths) > 1 and split != "fit-fold":
            raise click.UsageError("one --lm per fold goes with --split fit-fold")
        # one model: the fit fold `--fold`; one model per fold: every fold, scored by the model that never saw it
        numbered = list(enumerate(lm_paths)) if len(lm_paths) > 1 else [(fold, lm_paths[0] if lm_paths else None)]
        folds, page_count = [], 0
        for number, lm_path in numbered:
            articles = newspaper_pages(select(corpus, split, number))
            resources = Resources({"lm": load_language_model(lm_path)} if lm_path else None)
            # three cut variants of every article: more gaps to fit, wraps left out (they are not fitted)
            pages = [p for offset in range(FIT_VARIANTS) for p in generate(iter(articles), seed + offset, 0.0, cuts)]
            folds.append(FoldRows.of(pages, resources))
            page_count += len(pages)
        rows = [with_interactions(row) for f in folds for row in f.rows]
        labels = [label for f in folds for label in f.labels]
        weights = fit_weights(rows, labels, negative_weight=negative_weight)
        if len(folds) > 1:
            recall, false_joins = cross_validate(folds, negative_weight)
            click.echo(
                f"leave one fold out (cost {negative_weight}): in-sentence cut recall {recall:.4f}, "
                f"{false_joins:.3f} false joins per 100 real boundaries"
            )
        click.echo(f"fitted on {len(rows)} candidate gaps ({sum(labels)} joins) of {page_count} {split} pages:")
        click.echo("weights = { " + ", ".join(f"{k} = {v}" for k, v in weights.items()) + " }")
        return
    articles = gold_pages(pages_folder) if pages_folder else newspaper_pages(select(corpus, split, fold))
    if limit:
        articles = random.Random(seed).sample(articles, min(limit, len(articles)))
    pages = [
        page for offset in range(variants) for page in generate(iter(articles), seed + offset, wrap_share, cuts, within)
    ]
    resources = Resources({"lm": load_language_model(lm_paths[0])} if lm_paths else None)
    pipeline = Pipeline(options=Options(skip=frozenset({"duplicates", "spelling", "figures"})), resources=resources)
    ours, baseline, errors = score_pages(pages, pipeline)
    source = f"pages of {pages_folder}" if pages_folder else f"{split} newspaper pages"
    where = f"within the first {within} characters" if within else f"by {cuts}"
    click.echo(
        f"rejoin: {len(articles)} {source}, {_seeds(seed, variants)}, {wrap_share:.0%} hard-wrapped, cuts {where}"
    )
    for line in table(ours, baseline):
        click.echo(line)
    if show_errors:
        click.echo("wrong decisions (kind, status, left | right), false joins first:")
        errors.sort(key=lambda line: not line.startswith("boundary"))
        for line in errors[:40]:
            click.echo("  " + line)


def _seeds(seed: int, variants: int) -> str:
    """How the report names the seeds of its damaged pages.

    >>> _seeds(1, 1), _seeds(1, 5)
    ('seed 1', 'seeds 1-5 (5 versions of each page)')
    """
    return f"seed {seed}" if variants == 1 else f"seeds {seed}-{seed + variants - 1} ({variants} versions of each page)"
