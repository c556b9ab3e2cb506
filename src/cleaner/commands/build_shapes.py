"""`cleaner build-shapes`: the look-alike table of glyphs drawn in a print typeface (`cleaner.glyphs`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..errors import CleanerError
from ..evaluation.corpus import DEFAULT_CORPUS
from ..glyphs import (
    DEFAULT_FONT,
    MIN_SIMILARITY,
    NEIGHBOURS,
    UNLIKE_SIMILARITY,
    glyph_vectors,
    look_alikes,
    unlike_pairs,
)
from ..io import write_commented_table
from ..patterns import HAN
from ..stroke_shapes import STROKE_MIN_SIMILARITY, pycorrector_strokes, read_strokes, stroke_look_alikes


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
@click.option(
    "--neighbours",
    type=click.IntRange(1, 50),
    default=NEIGHBOURS,
    show_default=True,
    help="Keep at most this many look-alikes of each character, the most alike first.",
)
@click.option(
    "--min-similarity",
    type=click.FloatRange(0.0, 1.0),
    default=MIN_SIMILARITY,
    show_default=True,
    help="A look-alike's drawn glyph is at least this alike (cosine of the two glyphs' stroke features).",
)
@click.option(
    "--min-count", type=click.IntRange(1), default=1, show_default=True, help="Draw the characters seen this often."
)
@click.option(
    "--unlike",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Instead: write the pairs of this look-alike table whose drawn glyphs are unlike (S102's unlike_glyph_files).",
)
@click.option(
    "--strokes",
    is_flag=True,
    help="Instead: write the look-alikes one stroke apart (pycorrector's stroke table) whose glyphs are at least "
    f"{STROKE_MIN_SIMILARITY} alike (S102's confusion_shape_strokes.tsv).",
)
@click.option(
    "--max-similarity",
    type=click.FloatRange(-1.0, 1.0),
    default=UNLIKE_SIMILARITY,
    show_default=True,
    help="With --unlike: a pair is unlike when its drawn glyphs are less alike than this.",
)
def build_shapes(
    corpus: tuple[Path, ...],
    output: Path,
    font: Path,
    neighbours: int,
    min_similarity: float,
    min_count: int,
    unlike: Path | None,
    strokes: bool,
    max_similarity: float,
) -> None:
    """Write the look-alikes of every Han character of CORPUS, found by drawing the glyphs in FONT.

    CORPUS is read as `cleaner train-lm` reads it (training side only); without it, the shared
    People's Daily articles. The shipped table is rebuilt with `make shapes`. With --unlike TABLE,
    the pairs of TABLE whose glyphs are unlike are written instead (also `make shapes`); with --strokes, the
    characters one stroke apart whose glyphs are alike (`cleaner.stroke_shapes`, also `make shapes`).
    """
    from ..lm import corpus_paragraphs

    if unlike is not None:
        write_unlike_pairs(unlike, output, font, max_similarity)
        return

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
    if strokes:
        write_stroke_look_alikes(vectors, output, font)
        return
    table = look_alikes(vectors, neighbours, min_similarity)
    header = [
        "Look-alikes found by drawing each character in a print typeface, cropping it to its ink and comparing",
        "the directions its stroke edges face, zone by zone, as print OCR does (cleaner.glyphs).",
        f"`cleaner build-shapes --font {font.name}`: {neighbours} neighbours of similarity {min_similarity} or more",
        f"among the {len(chars)} Han characters of the training side. A character, a tab, its look-alikes.",
    ]
    write_look_alikes(output, header, table, f"look-alikes, from {len(chars)} drawn")


def write_unlike_pairs(table: Path, output: Path, font: Path, max_similarity: float) -> None:
    """Write the pairs of the look-alike TABLE whose glyphs, drawn in FONT, are unlike (similarity under the max)."""
    from ..stages.spelling_candidates import parse_shape_lines

    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    shapes = parse_shape_lines(lines)
    vectors = glyph_vectors(sorted(shapes), font)
    pairs = unlike_pairs(vectors, shapes, max_similarity)
    header = [
        f"The pairs of {table.name} whose glyphs, drawn in a print typeface as cleaner.glyphs draws them, are",
        f"unlike (similarity under {max_similarity}): a writer confuses them, print OCR does not (切/分, 污/水).",
        f"`cleaner build-shapes --unlike {table.name} --font {font.name}`. A character, a tab, the unlike ones.",
    ]
    write_look_alikes(output, header, dict(sorted(pairs.items())), f"unlike pairs of {table.name}")


def write_stroke_look_alikes(vectors: dict[str, list[float]], output: Path, font: Path) -> None:
    """Write the drawn characters one stroke apart (pycorrector's stroke table) whose glyphs are alike."""
    source = pycorrector_strokes()
    strokes = read_strokes(source.read_text(encoding="utf-8").splitlines())
    table = stroke_look_alikes(strokes, vectors, STROKE_MIN_SIMILARITY)
    header = [
        "Look-alikes one stroke apart: their stroke sequences (pycorrector's data/stroke.txt) differ by one stroke",
        "added, changed or moved (休/体, 千/干, 甲/由), and their glyphs, drawn as cleaner.glyphs draws them, are at",
        f"least {STROKE_MIN_SIMILARITY} alike. `cleaner build-shapes --strokes --font {font.name}`, among the",
        f"{len(vectors)} drawn Han characters of the training side. A character, a tab, its look-alikes.",
    ]
    write_look_alikes(output, header, table, f"look-alikes one stroke apart, of {len(vectors)} drawn")


def write_look_alikes(output: Path, header: list[str], table: dict[str, str], what: str) -> None:
    """Write a look-alike `table` (a character, a tab, its look-alikes) under its `header`, and say how many."""
    write_commented_table(output, header, (f"{char}\t{others}" for char, others in table.items()))
    pairs = sum(len(others) for others in table.values())
    click.echo(f"{output}: {len(table)} characters, {pairs} {what}")
