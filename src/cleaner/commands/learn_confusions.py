"""`cleaner learn-confusions`: an archive's own OCR confusions, learned from hand-corrected pages
(`cleaner.confusion_learning`), written as a look-alike table S102 reads."""

from __future__ import annotations

from pathlib import Path

import click

from ..confusion_learning import MIN_SIMILARITY, Learned, learn_files, pair_folders, read_pair_list, table_rows
from ..errors import SampleError
from ..io import write_commented_table

SHOWN_PAIRS = 20  # pairs listed in the report on the terminal, the most frequent first


@click.command(name="learn-confusions")
@click.argument(
    "folders",
    nargs=-1,
    metavar="[OCR_DIR CORRECTED_DIR]",  # or --pairs; click would name the tuple [FOLDERS]...
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--pairs",
    "pair_list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Instead of two folders: a list of `ocr<TAB>corrected` paths, relative to the list's folder.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The table to write."
)
@click.option(
    "--min-count", type=click.IntRange(1), default=2, show_default=True, help="Keep pairs seen this often or more."
)
@click.option(
    "--min-similarity",
    type=click.FloatRange(0.0, 1.0),
    default=MIN_SIMILARITY,
    show_default=True,
    help="A pair of texts less alike than this is no OCR page and its correction (an error).",
)
def learn_confusions(
    folders: tuple[Path, ...], pair_list: Path | None, output: Path, min_count: int, min_similarity: float
) -> None:
    """Learn the characters this archive's OCR confuses from OCR_DIR and CORRECTED_DIR (same relative paths).

    Every file of CORRECTED_DIR is aligned with its OCR file character by character; a Han character
    replaced one for one is counted as a confusion. Write the table into a rules folder as
    confusion_learned.tsv, then clean with --rules that folder: S102 takes its pairs as look-alikes print
    OCR confuses often.
    """
    if pair_list is not None and folders:
        raise click.UsageError("give either OCR_DIR CORRECTED_DIR or --pairs LIST, not both")
    if pair_list is None and len(folders) != 2:
        raise click.UsageError("give two folders, OCR_DIR and CORRECTED_DIR (or --pairs LIST)")
    pairs = read_pair_list(pair_list) if pair_list is not None else pair_folders(*folders)
    if not pairs:
        raise SampleError(f"{pair_list}: lists no pair of files; add `ocr<TAB>corrected` lines")
    learned = learn_files(pairs, min_similarity)
    for reason in learned.skipped:
        click.echo(f"skipped: {reason}", err=True)
    if not learned.documents:
        raise SampleError(f"no pair of texts could be learned from ({len(learned.skipped)} skipped); no table written")
    rows = table_rows(learned, min_count)
    header = [
        f"OCR confusions learned from {learned.documents} hand-corrected texts ({learned.characters} characters)",
        f"by `cleaner learn-confusions` (pairs seen {min_count} times or more): wrong, right, times seen.",
        "Put it in a rules folder as confusion_learned.tsv: S102 reads it as print OCR's frequent look-alikes.",
    ]
    write_commented_table(output, header, rows)
    report(learned, min_count, output)
    if learned.skipped:  # the table holds what the others taught; the exit status says some pairs taught nothing
        skipped = len(learned.skipped)
        raise SampleError(f"{skipped} of {len(pairs)} pairs skipped (listed above); fix them and run again")


def report(learned: Learned, min_count: int, output: Path) -> None:
    """What the sample taught: its size, the pairs kept and left out, the most frequent with examples."""
    kept = learned.pairs(min_count)
    seen = sum(learned.counts.values())
    click.echo(
        f"{output}: {len(kept)} pairs ({sum(p.count for p in kept)} substitutions) of {len(learned.counts)} seen "
        f"({seen} substitutions) in {learned.documents} texts, {learned.characters} characters"
    )
    if len(kept) < len(learned.counts):
        click.echo(f"left out: {len(learned.counts) - len(kept)} pairs seen fewer than {min_count} times (--min-count)")
    for pair in kept[:SHOWN_PAIRS]:
        click.echo(f"{pair.wrong} -> {pair.right}\t{pair.count}\t{' | '.join(pair.examples)}")
    if len(kept) > SHOWN_PAIRS:
        click.echo(f"... and {len(kept) - SHOWN_PAIRS} more in {output}")
