"""`cleaner build-misread-words`: jieba's entries that are OCR misreadings of a far commoner look-alike word."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import rules_option
from ..io import write_commented_table
from ..stages.spelling_misread import DEFAULT_RATIO, misread_words


@click.command(name="build-misread-words")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The table to write."
)
@click.option(
    "--ratio",
    type=click.FloatRange(1.0),
    default=DEFAULT_RATIO,
    show_default=True,
    help="How many times commoner the look-alike word must be.",
)
@rules_option
def build_misread_words(output: Path, ratio: float, rules_dir: Path | None) -> None:
    """Write the words of jieba's dictionary (and words.tsv) that a look-alike word RATIO times commoner
    makes a likely misreading, swapping one character within S102's `misread_shape_files` (by default its
    `frequent_shape_files`, print OCR's most frequent confusions: 人/入, 己/已, 千/干, 候/侯). S102 then counts
    them as no words. The shipped table is rebuilt with `cleaner build-misread-words -o rules/misread_words.tsv`.
    """
    from ..lexicon import load_lexicon
    from ..rules import load_rules
    from ..stages.spelling_candidates import merge_shapes, named_shape_files, parse_shape_lines, without_numeral_swaps

    rules = load_rules(rules_dir)
    names = sorted(named_shape_files(rules, "misread_shape_files") or named_shape_files(rules, "frequent_shape_files"))
    shapes = without_numeral_swaps(merge_shapes(*(parse_shape_lines(rules.read_lines(name)) for name in names)))
    rows = misread_words(load_lexicon(rules).frequencies, shapes, ratio)
    header = [
        "Words of jieba's dictionary that are OCR misreadings: swapping one character for a look-alike of",
        f"{', '.join(names)} gives a word {ratio:g} times as frequent or more. S102 counts them as no",
        "words (in_word, lexical). `cleaner build-misread-words -o rules/misread_words.tsv`.",
        "A word, its frequency, the look-alike word, its frequency (tab-separated).",
    ]
    write_commented_table(output, header, (row.line() for row in rows))
    click.echo(f"{output}: {len(rows)} misread words")
