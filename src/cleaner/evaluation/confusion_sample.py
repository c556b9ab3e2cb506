"""`cleaner eval confusion-sample`: a stand-in for an archive's hand-corrected sample, for `cleaner learn-confusions`.

Training-side articles outside the tuning fold (which `cleaner eval spelling --train` scores) get look-alikes
injected from one shape table, as `cleaner eval spelling` injects them; the noisy text is written as the OCR
page, the article as its correction. Learned from a table S102 is then made blind to, the sample measures what
learning an archive's own confusions brings (docs/measurements.md).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..model import Document
from ..pipeline import Pipeline
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, load_articles
from .spelling_fit import in_tuning_fold
from .spelling_noise import SHAPE_TABLES, load_shapes, noisy_articles


def sample_texts(corpus: Path, documents: int) -> list[tuple[str, str]]:
    """(id, normalized text) of the first DOCUMENTS training-side articles outside the tuning fold."""
    from .spelling import NORMALIZE

    normalizer = Pipeline(stages=NORMALIZE)
    chosen = []
    for article in load_articles(corpus, held_out=False):
        if in_tuning_fold(article.id):
            continue
        chosen.append((article.id, normalizer.run(Document(article.id, article.id, article.text)).text))
        if len(chosen) >= documents:
            break
    return chosen


@click.command("confusion-sample")
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_CORPUS, help=CORPUS_HELP)
@click.option(
    "--table",
    type=click.Choice(sorted(SHAPE_TABLES)),
    default="ocr",
    show_default=True,
    help="The look-alike table the injected characters come from.",
)
@click.option("--articles", "documents", default=100, show_default=True, help="Articles in the sample.")
@click.option("--rate", default=0.0075, show_default=True, help="Share of Han characters replaced by a look-alike.")
@click.option("--seed", "random_seed", default=101, show_default=True, help="Seeds the articles' look-alikes.")
def confusion_sample(output: Path, corpus: Path, table: str, documents: int, rate: float, random_seed: int) -> None:
    """Write OUTPUT/ocr/ID.txt (look-alikes of TABLE injected) and OUTPUT/corrected/ID.txt (the article)."""
    texts = sample_texts(corpus, documents)
    noisy = noisy_articles([text for _, text in texts], load_shapes(table), rate, random_seed)
    for folder in ("ocr", "corrected"):
        (output / folder).mkdir(parents=True, exist_ok=True)
    for (article_id, _), (ocr, corrected) in zip(texts, noisy, strict=True):
        (output / "ocr" / f"{article_id}.txt").write_text(ocr, encoding="utf-8")
        (output / "corrected" / f"{article_id}.txt").write_text(corrected, encoding="utf-8")
    click.echo(f"{output}: {len(texts)} articles, look-alikes of {SHAPE_TABLES[table]} injected (seed {random_seed})")
