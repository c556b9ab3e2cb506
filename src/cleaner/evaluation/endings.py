"""`cleaner eval endings`: pages cut short must be flagged (L201), whole pages must not be.

A scanned page whose next sheet is missing stops inside a sentence (…干事创业的良好氛). Every
newspaper page of the split is scored twice:
- whole, as printed: an L201 flag on it is a false flag;
- cut: its last running-text paragraph is cut inside the sentence (inside a word, between words
  or after a comma, as `eval rejoin` cuts) and what followed is lost. On a share of the pages a
  running head, page number, date line or editor's credit follows the cut, as a scan keeps them.
  The flag must end where the cut paragraph now ends.

Misses are counted by the class the layout stage gave the cut paragraph: a short cut paragraph
without punctuation is easily taken for a headline.

>>> page = cut_ending(("标题", "今年以来，魏都区一直坚持不懈优化营商环境。"), random.Random(1), furniture_share=0.0)
>>> page.text.startswith("标题\\n\\n今年以来") and page.cut_end == len(page.text)
True
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import click

from ..model import Change, Document
from ..pipeline import Options, Pipeline
from ..rules import load_rules
from ..stages.layout import BODY, classify
from ..stages.layout_classes import LayoutRules, load_layout_rules
from . import share
from .corpus import CORPUS_HELP, DEFAULT_CORPUS, SEED_HELP, SPLIT_HELP, newspaper_pages
from .debris import is_running_text, layout_blocks
from .rejoin import cut_positions, cuttable, select
from .rejoin_score import CUTS_INSIDE

SHOWN_ERRORS = 40


@dataclass(frozen=True, slots=True)
class CutPage:
    """A page that stops inside a sentence, where its cut paragraph ends, and how it was cut."""

    text: str
    cut_end: int
    kind: str
    furniture: bool


def cut_ending(
    paragraphs: tuple[str, ...],
    rng: random.Random,
    furniture_share: float = 0.3,
    can_cut: Callable[[str], bool] = cuttable,
) -> CutPage | None:
    """The page cut inside its last running-text paragraph, or None when it has none to cut."""
    last = next((i for i in range(len(paragraphs) - 1, -1, -1) if can_cut(paragraphs[i])), None)
    if last is None:
        return None
    positions = cut_positions(paragraphs[last])
    kinds = [kind for kind in CUTS_INSIDE if positions[kind]]
    if not kinds:
        return None
    kind = rng.choice(kinds)
    cut = rng.choice(positions[kind])
    text = "\n\n".join([*paragraphs[:last], paragraphs[last][:cut]])
    cut_end = len(text)
    furniture = rng.random() < furniture_share
    if furniture:
        text += "\n\n" + "\n\n".join(layout_blocks([], rng, captions=False))
    return CutPage(text, cut_end, kind, furniture)


@dataclass
class EndingScore:
    """Cut pages flagged (by cut type), whole pages flagged, and the misses by class."""

    flagged: Counter[str] = field(default_factory=Counter)
    cut: Counter[str] = field(default_factory=Counter)
    whole_pages: int = 0
    false_flags: int = 0
    missed_as: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add_cut(self, page: CutPage, changes: tuple[Change, ...], layout: LayoutRules) -> None:
        self.cut[page.kind] += 1
        if any(c.rule == "L201" and c.start < page.cut_end <= c.end for c in changes):
            self.flagged[page.kind] += 1
            return
        fragment = page.text[page.text.rfind("\n\n", 0, page.cut_end) + 2 : page.cut_end]
        kind, rule = classify(fragment, layout)
        given = kind if kind == BODY else f"{kind} {rule}"
        self.missed_as[given] += 1
        self.errors.append(f"missed ({given}{', furniture after' if page.furniture else ''}): …{fragment[-30:]}")

    def add_whole(self, text: str, changes: tuple[Change, ...]) -> None:
        self.whole_pages += 1
        flags = [c for c in changes if c.rule == "L201"]
        if flags:
            self.false_flags += 1
            self.errors.append(f"false flag: …{text[max(0, flags[0].end - 30) : flags[0].end]}")

    def lines(self) -> list[str]:
        def row(name: str, pages: int, flagged: int) -> str:
            return f"{name:24}{pages:7}{flagged:9}{share(flagged, pages):8.3f}"

        rows = [f"{'pages':24}{'pages':>7}{'flagged':>9}{'share':>8}"]
        rows += [row("cut " + kind, self.cut[kind], self.flagged[kind]) for kind in CUTS_INSIDE]
        rows.append(row("cut, all (recall)", sum(self.cut.values()), sum(self.flagged.values())))
        rows.append(row("whole (false flags)", self.whole_pages, self.false_flags))
        if self.missed_as:
            missed = ", ".join(f"{given} {count}" for given, count in self.missed_as.most_common())
            rows.append(f"missed cut paragraphs, by the class given: {missed}")
        return rows


@click.command(name="endings")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True, help=CORPUS_HELP)
@click.option(
    "--split", type=click.Choice(["held-out", "train"]), default="held-out", show_default=True, help=SPLIT_HELP
)
@click.option("--limit", type=int, default=0, show_default=True, help="newspaper pages to use (0: all)")
@click.option("--seed", type=int, default=1, show_default=True, help=SEED_HELP)
@click.option(
    "--furniture-share",
    type=float,
    default=0.3,
    show_default=True,
    help="share of cut pages with a page's foot after the cut",
)
@click.option("--errors", "show_errors", is_flag=True, help=f"print up to {SHOWN_ERRORS} misses and false flags")
def endings(corpus: Path, split: str, limit: int, seed: int, furniture_share: float, show_errors: bool) -> None:
    """Flag recall of L201 on pages cut inside their last sentence, and its false flags on whole pages."""
    rules = load_rules()
    layout = load_layout_rules(rules)
    rng = random.Random(seed)
    pages = newspaper_pages(select(corpus, split))
    if limit:
        pages = random.Random(seed).sample(pages, min(limit, len(pages)))

    running_text = partial(is_running_text, layout=layout)
    pipeline = Pipeline(rules, Options(skip=frozenset({"rejoin", "duplicates", "spelling", "figures"})))
    score = EndingScore()
    for number, article in enumerate(pages):
        whole = article.text
        score.add_whole(whole, pipeline.run(Document(f"whole-{number}", f"whole-{number}.txt", whole)).changes)
        page = cut_ending(article.paragraphs, rng, furniture_share, running_text)
        if page is not None:
            score.add_cut(page, pipeline.run(Document(f"cut-{number}", f"cut-{number}.txt", page.text)).changes, layout)
    click.echo(
        f"endings: {len(pages)} {split} newspaper pages, seed {seed}, {furniture_share:.0%} with a foot after the cut"
    )
    for line in score.lines():
        click.echo(line)
    if show_errors:
        for line in score.errors[:SHOWN_ERRORS]:
            click.echo("  " + line)
