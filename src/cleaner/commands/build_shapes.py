"""`cleaner build-shapes`: the look-alike table of glyphs drawn in a print typeface (`cleaner.glyphs`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..errors import CleanerError
from ..evaluation.corpus import DEFAULT_CORPUS
from ..glyphs import DEFAULT_FONT, MIN_SIMILARITY, NEIGHBOURS, glyph_vectors, look_alikes
from ..io import write_commented_table
from ..patterns import HAN


@click.command(name="build-shapes")
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The table to write."
)
@click.option(
    "--font",
    type=click.Path(path_type=Path),
    default=DEFAULT_FONT,
    show_default=True,
    help="A CJK font file (.ttf, .otf, .ttc) in the typeface of the pages.",
)
@click.option("--neighbours", type=click.IntRange(1, 50), default=NEIGHBOURS, show_default=True)
@click.option("--min-similarity", type=click.FloatRange(0.0, 1.0), default=MIN_SIMILARITY, show_default=True)
@click.option(
    "--min-count", type=click.IntRange(1), default=1, show_default=True, help="Draw the characters seen this often."
)
def build_shapes(
    corpus: tuple[Path, ...], output: Path, font: Path, neighbours: int, min_similarity: float, min_count: int
) -> None:
    """Write the look-alikes of every Han character of CORPUS, found by drawing the glyphs in FONT.

    CORPUS is read as `cleaner train-lm` reads it (training side only); without it, the shared
    People's Daily articles. The shipped table is rebuilt with `make shapes`.
    """
    from ..lm import corpus_paragraphs

    counts: Counter[str] = Counter()
    for paragraph in corpus_paragraphs(list(corpus) or [DEFAULT_CORPUS]):
        counts.update(char for char in paragraph if HAN.match(char))
    chars = sorted(char for char, count in counts.items() if count >= min_count)
    if not chars:
        raise CleanerError(
            f"the corpus holds no Han character (seen --min-count {min_count} times); give text in Chinese"
        )
    vectors = glyph_vectors(chars, font)
    if not vectors:
        raise CleanerError(
            f"{font}: draws none of the corpus's {len(chars)} Han characters; give a CJK font with --font"
        )
    table = look_alikes(vectors, neighbours, min_similarity)
    header = [
        "Look-alikes found by drawing each character in a print typeface, cropping it to its ink and comparing",
        "the directions its stroke edges face, zone by zone, as print OCR does (cleaner.glyphs).",
        f"`cleaner build-shapes --font {font.name}`: {neighbours} neighbours of similarity {min_similarity} or more",
        f"among the {len(chars)} Han characters of the training side. A character, a tab, its look-alikes.",
    ]
    write_commented_table(output, header, (f"{char}\t{others}" for char, others in table.items()))
    pairs = sum(len(others) for others in table.values())
    click.echo(f"{output}: {len(table)} characters, {pairs} look-alikes, from {len(chars)} drawn")
