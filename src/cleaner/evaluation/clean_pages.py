"""`cleaner eval clean`: the whole default pipeline on clean newspaper pages, where every fix is a false one.

A cleaner that damages correct text is worse than none. The stage evaluations each count their own
stage's changes on clean text; this one runs every stage together, as `cleaner clean` does, over the
printed pages of a split (paragraphs separated by blank lines, as in the corpus), or over the
plain-text pages of a folder (`--folder`: a control set such as corpus/modern_clean, modern prose the
1998 model never saw), and counts what it applies there. Normalization is counted apart: it changes
the form of characters (widths, punctuation, spaces), never a word. Flags are counted too: on a
whole, correct page a flag is an editor's wasted look.

>>> tally = CleanTally()
>>> tally.add("页", "甲乙丙丁。", [Change("spelling", "S102", "形近字", 1, 2, "乙", "己", Status.APPLIED, 0.9)])
>>> tally.applied["S102"], tally.examples[0]
(1, 'S102 页: 甲[乙→己]丙丁。')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..errors import InputError
from ..io import read_document
from ..model import Change, Document, Status
from ..pipeline import Options, Pipeline
from . import per_10k
from .corpus import DEFAULT_CORPUS, newspaper_pages
from .rejoin import select

SHOWN_EXAMPLES = 40
CONTEXT = 8  # characters shown each side of a change


@dataclass
class CleanTally:
    """What the pipeline applied and flagged on clean pages, by rule, with an example of each change."""

    pages: int = 0
    characters: int = 0
    applied: Counter[str] = field(default_factory=Counter)
    normalized: int = 0
    flagged: Counter[str] = field(default_factory=Counter)
    suggested: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, name: str, text: str, changes: Sequence[Change]) -> None:
        self.pages += 1
        self.characters += len(text)
        for change in changes:
            if change.status is Status.FLAGGED:
                self.flagged[change.rule] += 1
            elif change.status is Status.SUGGESTED:
                self.suggested += 1
            elif change.status is Status.APPLIED and change.stage == "normalize":
                self.normalized += 1
            elif change.status is Status.APPLIED:
                self.applied[change.rule] += 1
                left = text[max(0, change.start - CONTEXT) : change.start]
                right = text[change.end : change.end + CONTEXT]
                shown = f"{left}[{change.before}→{change.after or ''}]{right}".replace("\n", "⏎")
                self.examples.append(f"{change.rule} {name}: {shown}")

    def lines(self) -> list[str]:
        def row(name: str, count: int, by_rule: Counter[str] | None = None) -> str:
            line = f"{name:28}{count:>10}   per 10k: {per_10k(count, self.characters)}"
            if by_rule is not None:
                line += "   by rule: " + (", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())) or "none")
            return line

        return [
            f"{'pages':28}{self.pages:>10}",
            f"{'characters':28}{self.characters:>10}",
            row("applied (not normalize)", sum(self.applied.values()), self.applied),
            row("flagged", sum(self.flagged.values()), self.flagged),
            row("suggested", self.suggested),
            f"{'normalized (forms only)':28}{self.normalized:>10}",
        ]


def folder_pages(folder: Path) -> list[Document]:
    """The clean pages of a folder: its `*.txt` files (not its subfolders), in name order, one page each.

    >>> folder_pages(Path("no-such-folder"))
    Traceback (most recent call last):
    cleaner.errors.InputError: no-such-folder: is not a folder of clean pages (*.txt)
    """
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not paths:
        raise InputError(str(folder), "is not a folder of clean pages (*.txt)")
    return [read_document(path, Path(path.name)) for path in paths]


@click.command(name="clean")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True)
@click.option("--split", type=click.Choice(["held-out", "train"]), default="held-out", show_default=True)
@click.option(
    "--folder",
    type=click.Path(path_type=Path),
    default=None,
    help="clean pages of plain text (*.txt in this folder, e.g. corpus/modern_clean) instead of the corpus",
)
@click.option("--limit", type=int, default=0, show_default=True, help="newspaper pages to use (0: all)")
@click.option("--profile", type=click.Choice(["fast", "full"]), default="full", show_default=True)
@click.option("--examples", "show_examples", is_flag=True, help=f"print up to {SHOWN_EXAMPLES} applied changes")
def clean_pages(corpus: Path, split: str, folder: Path | None, limit: int, profile: str, show_examples: bool) -> None:
    """Changes the whole pipeline applies to clean newspaper pages (every one a false fix), per 10,000 characters."""
    if folder is None:
        pages = [Document(page.id, f"{page.id}.txt", page.text) for page in newspaper_pages(select(corpus, split))]
        described = f"{split} newspaper pages"
    else:
        pages = folder_pages(folder)
        described = f"pages of {folder}"
    if limit:
        pages = pages[:limit]
    pipeline = Pipeline(options=Options(profile=profile))
    tally = CleanTally()
    for page in pages:
        tally.add(page.id, page.text, pipeline.run(page).changes)
    click.echo(f"clean: {tally.pages} {described}, whole and correct, {profile} profile")
    for line in tally.lines():
        click.echo(line)
    if show_examples:
        for line in tally.examples[:SHOWN_EXAMPLES]:
            click.echo("  " + line)
