"""`cleaner eval clean`: the whole default pipeline on clean newspaper pages, where every fix is a false one.

A cleaner that damages correct text is worse than none. The stage evaluations each count their own
stage's changes on clean text; this one runs every stage together, as `cleaner clean` does, over the
printed pages of a split (paragraphs separated by blank lines, as in the corpus), or over the
plain-text pages of a folder (`--folder`: a control set such as corpus/modern_clean, modern prose the
1998 model never saw), and counts what it applies there. Normalization is counted apart: it changes
the form of characters (widths, punctuation, spaces), never a word. Flags are counted too: on a
whole, correct page a flag is an editor's wasted look.

A folder page named `*.wrapped.txt` is hard-wrapped as a narrow column: its blocks are separated by
blank lines and every line break inside a block is a wrap. Joining such a break is expected, not
false; one left after a sentence's end (。！？ or a closing quote after them) is a miss but no harm,
since the page could as well have set each paragraph on its own line.

>>> tally = CleanTally()
>>> tally.add("页", "甲乙丙丁。", [Change("spelling", "S102", "形近字", 1, 2, "乙", "己", Status.APPLIED, 0.9)])
>>> tally.applied["S102"], tally.examples[0]
(1, 'S102 页: 甲[乙→己]丙丁。')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import click

from ..errors import InputError
from ..io import read_document
from ..model import Change, Document, Status
from ..pipeline import Options, Pipeline
from ..rules import load_rules
from . import per_10k
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, PROFILE_HELP, SPLIT_HELP, newspaper_pages
from .rejoin import select

SHOWN_EXAMPLES = 40
WRAPPED_MARK = ".wrapped"  # a folder page named NAME.wrapped.txt is hard-wrapped: see the module's docstring
SENTENCE_END = "。！？…"
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
    wraps: int = 0
    joined_wraps: int = 0
    wraps_after_sentence_end: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, name: str, text: str, changes: Sequence[Change]) -> None:
        self.pages += 1
        self.characters += len(text)
        wraps = hard_wraps(text) if WRAPPED_MARK in name else set()
        self.wraps += len(wraps)
        self.wraps_after_sentence_end += sum(ends_a_sentence(text, offset) for offset in wraps)
        for change in changes:
            if is_expected_join(wraps, change):
                self.joined_wraps += 1
            elif change.status is Status.FLAGGED:
                self.flagged[change.rule] += 1
                self.examples.append(shown_change(name, text, change) + " (flag)")  # a flag's page: traced at once
            elif change.status is Status.SUGGESTED:
                self.suggested += 1
            elif change.status is Status.APPLIED and change.stage == "normalize":
                self.normalized += 1
            elif change.status is Status.APPLIED:
                self.applied[change.rule] += 1
                self.examples.append(shown_change(name, text, change))

    def lines(self) -> list[str]:
        def row(name: str, count: int, by_rule: Counter[str] | None = None) -> str:
            line = f"{name:28}{count:>10}   per 10k: {per_10k(count, self.characters)}"
            if by_rule is not None:
                line += "   by rule: " + (", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())) or "none")
            return line

        wraps = [
            f"{'hard wraps joined':28}{self.joined_wraps:>10}   of {self.wraps} "
            f"({self.wraps_after_sentence_end} after a sentence's end, which may stay)"
        ]
        return [
            f"{'pages':28}{self.pages:>10}",
            f"{'characters':28}{self.characters:>10}",
            row("applied (not normalize)", sum(self.applied.values()), self.applied),
            row("flagged", sum(self.flagged.values()), self.flagged),
            row("suggested", self.suggested),
            f"{'normalized (forms only)':28}{self.normalized:>10}",
            *(wraps if self.wraps else []),  # only pages named *.wrapped.txt have them
        ]


def shown_change(name: str, text: str, change: Change) -> str:
    """A change on its page, with CONTEXT characters each side; a flag shows what it flags.

    >>> flag = Change("layout", "L201", "截断", 7, 9, "之都", None, Status.FLAGGED, 0.9)
    >>> deletion = Change("duplicates", "D101", "重复", 2, 4, "污染", "", Status.APPLIED, 0.9)
    >>> shown_change("页", "魏都区建设智造之都", flag), shown_change("页", "污染污染防治", deletion)
    ('L201 页: 魏都区建设智造[之都]', 'D101 页: 污染[污染→]防治')
    """
    left = text[max(0, change.start - CONTEXT) : change.start]
    right = text[change.end : change.end + CONTEXT]
    edit = change.before if change.after is None else f"{change.before}→{change.after}"
    return f"{change.rule} {name}: {left}[{edit}]{right}".replace("\n", "⏎")


def hard_wraps(text: str) -> set[int]:
    """Offsets of the line breaks inside blocks: those between two lines that are not blank.

    >>> sorted(hard_wraps("标题\\n\\n一段文字被\\n折成两行。\\n"))
    [9]
    """
    wraps: set[int] = set()
    offset = 0
    lines = text.split("\n")
    for line, next_line in pairwise(lines):
        offset += len(line)
        if line.strip() and next_line.strip():
            wraps.add(offset)
        offset += 1
    return wraps


def ends_a_sentence(text: str, offset: int) -> bool:
    """Whether the line before the break at `offset` ends a sentence (a closing quote may follow the stop).

    >>> ends_a_sentence("他说：“好。”\\n下一句", 7), ends_a_sentence("他说：“好\\n。”", 5)
    (True, False)
    """
    line = text[:offset].rstrip("”’」』）)")
    return line.endswith(tuple(SENTENCE_END))


def is_expected_join(wraps: set[int], change: Change) -> bool:
    """Whether a change is a join of one of a hard-wrapped page's wraps, its line break and nothing else.

    >>> join = Change("rejoin", "R102", "硬换行", 5, 6, "\\n", "", Status.APPLIED, 0.9)
    >>> is_expected_join({5}, join), is_expected_join(set(), join)
    (True, False)
    """
    return (
        change.stage == "rejoin"
        and change.status is Status.APPLIED
        and change.before == "\n"
        and not change.after
        and change.start in wraps
    )


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
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split", type=click.Choice(["held-out", "train"]), default="held-out", show_default=True, help=SPLIT_HELP
)
@click.option(
    "--folder",
    type=click.Path(path_type=Path),
    default=None,
    help="clean pages of plain text (*.txt in this folder, e.g. corpus/modern_clean) instead of the corpus",
)
@click.option("--limit", type=int, default=0, show_default=True, help="newspaper pages to use (0: all)")
@click.option("--profile", type=click.Choice(["fast", "full"]), default="full", show_default=True, help=PROFILE_HELP)
@click.option(
    "--examples", "show_examples", is_flag=True, help=f"print up to {SHOWN_EXAMPLES} applied changes and flags"
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of rule files over the built-in ones (e.g. a learned confusion_learned.tsv).",
)
def clean_pages(
    corpus: Path,
    split: str,
    folder: Path | None,
    limit: int,
    profile: str,
    show_examples: bool,
    rules_dir: Path | None,
) -> None:
    """Changes the whole pipeline applies to clean newspaper pages (every one a false fix), per 10,000 characters."""
    if folder is None:
        pages = [Document(page.id, f"{page.id}.txt", page.text) for page in newspaper_pages(select(corpus, split))]
        described = f"{split} newspaper pages"
    else:
        pages = folder_pages(folder)
        described = f"pages of {folder}"
    if limit:
        pages = pages[:limit]
    pipeline = Pipeline(load_rules(rules_dir), options=Options(profile=profile))
    tally = CleanTally()
    for page in pages:
        tally.add(page.id, page.text, pipeline.run(page).changes)
    click.echo(f"clean: {tally.pages} {described}, whole and correct, {profile} profile")
    for line in tally.lines():
        click.echo(line)
    if show_examples:
        for line in tally.examples[:SHOWN_EXAMPLES]:
            click.echo("  " + line)
