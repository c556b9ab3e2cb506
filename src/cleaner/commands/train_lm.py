"""`cleaner train-lm`: build a character language model; `cleaner eval lm`: its perplexity per character."""

from __future__ import annotations

from pathlib import Path

import click

from ..evaluation.corpus import CORPUS_HELP, DEFAULT_CORPUS
from ..lm import DEFAULT_PRUNE, MAX_ORDER, MODEL_PATH


@click.command(name="train-lm")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The model file to write."
)
@click.option(
    "--order", type=click.IntRange(2, MAX_ORDER), default=5, show_default=True, help="Longest n-gram (characters)."
)
@click.option(
    "--prune",
    default=" ".join(map(str, DEFAULT_PRUNE)),
    show_default=True,
    help="Per order, drop n-grams seen no more than this often (kenlm's --prune).",
)
@click.option("--include-held-out", is_flag=True, help="Also train on the held-out articles the evaluations use.")
@click.option("--memory", default="1G", show_default=True, help="Memory for lmplz's sort (kenlm's -S).")
def train_lm(
    corpus: tuple[Path, ...], output: Path, order: int, prune: str, include_held_out: bool, memory: str
) -> None:
    """Train a character n-gram model on CORPUS (People's Daily *.jsonl, or *.txt files and folders).

    Needs kenlm's lmplz and build_binary (`make lm-tools`). Load the result in Python with
    `cleaner.lm.load_language_model(path)`; the shipped model is rebuilt with
    `cleaner train-lm ../shared/corpus/peoples_daily_1998_01_01-24.jsonl -o src/cleaner/models/zh_char.klm`.
    """
    from ..lm import train_language_model

    try:
        thresholds = [int(part) for part in prune.replace(",", " ").split()]
    except ValueError:
        message = f"{prune!r}: give whole numbers, one per order, e.g. '0 0 1'"
        raise click.BadParameter(message, param_hint="--prune") from None
    report = train_language_model(
        list(corpus), output, order=order, prune=thresholds, include_held_out=include_held_out, memory=memory
    )
    for line in report.lines_of_text():
        click.echo(line)


@click.command(name="lm")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option("--model", type=click.Path(dir_okay=False, path_type=Path), default=MODEL_PATH, help="Model to score.")
def evaluate_lm(corpus: Path, model: Path) -> None:
    """Per-character perplexity of the language model on held-out and on training articles."""
    from ..lm import corpus_paragraphs, load_language_model, perplexity

    language_model = load_language_model(model)
    size = language_model.path.stat().st_size / 1e6
    click.echo(f"{language_model.path} (order {language_model.order}, {size:.1f} MB)")
    for name, held_out in (("held-out", True), ("training", False)):
        result = perplexity(language_model, corpus_paragraphs([corpus], held_out=held_out))
        click.echo(
            f"  {name:<9} perplexity {result.perplexity:7.2f} per character"
            f" over {result.tokens} tokens, {result.unknown_rate:.2%} unknown"
        )
